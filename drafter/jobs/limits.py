"""One long job's work in a process of its own, with a time and a memory limit.

Why a process per render: WeasyPrint keeps what a large layout grew (a worker that laid
out a 500-action draft stayed at 650 MB), and a Python thread cannot be stopped. A child
process gives every byte back when it ends, and can be killed when it runs too long or
grows too large.

Children come from a fork server that has already imported the renderers
(`drafter.jobs.child`): each render starts in milliseconds, from a process with one
thread, whatever threads the worker runs. The child lowers its own priority, so that on
a laptop the pages people are editing stay quick while a render uses the rest.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import threading
import time

PRELOAD = ["drafter.jobs.child"]
NICENESS = 10  # added to the child's priority: web requests come first
POLL_SECONDS = 0.05
TICK_SECONDS = 5  # how often the caller hears that the child is still at work


class RenderLimit(Exception):
    """The child was stopped: `reason` is "time" or "memory"."""

    def __init__(self, reason: str, seconds: float, peak_mb: float):
        super().__init__(f"stopped at the {reason} limit after {seconds:.1f} s, "
                         f"{peak_mb:.0f} MB")
        self.reason, self.seconds, self.peak_mb = reason, seconds, peak_mb


class RenderInterrupted(Exception):
    """The worker is stopping: the child was stopped, and the job should wait for the
    next start rather than count as failed."""


# Set by the worker when it stops: every render in progress ends at once.
STOPPING = threading.Event()


class RenderFailed(Exception):
    """The child ended with an error (its traceback went to the worker's log)."""


def _context():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def _child(target: str, args) -> None:
    # The target comes by name ("module:function") so that the worker never imports
    # what only the child needs (WeasyPrint, python-docx).
    os.nice(NICENESS)
    module, function = target.split(":")
    getattr(importlib.import_module(module), function)(*args)


def resident_mb(pid: int) -> float:
    """The resident memory of process `pid`, in MB (0 once it has gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0.0


def run_limited(target: str, args: tuple, *, seconds: float, memory_mb: float,
                tick=None) -> float:
    """Run the function `target` ("module:function") with `args` in a child process; return its peak resident memory in MB.

    Raises `RenderLimit` (after killing the child) when it runs past `seconds` or grows
    past `memory_mb`, `RenderInterrupted` when the worker is stopping, and `RenderFailed`
    when it ends with an error. `tick()`, if given,
    is called every few seconds while the child works (a heartbeat).
    """
    process = _context().Process(target=_child, args=(target, args), daemon=True)
    started = time.monotonic()
    process.start()
    peak, last_tick = 0.0, started
    try:
        while True:
            process.join(POLL_SECONDS)
            if process.exitcode is not None:
                break
            peak = max(peak, resident_mb(process.pid))
            elapsed = time.monotonic() - started
            if STOPPING.is_set():
                raise RenderInterrupted()
            if peak > memory_mb or elapsed > seconds:
                raise RenderLimit("memory" if peak > memory_mb else "time", elapsed, peak)
            if tick is not None and time.monotonic() - last_tick > TICK_SECONDS:
                last_tick = time.monotonic()
                tick()
        exitcode = process.exitcode
    finally:
        if process.exitcode is None:
            process.kill()
            process.join()
        process.close()
    if exitcode != 0:
        raise RenderFailed(f"the render process ended with exit code {exitcode}")
    return peak
