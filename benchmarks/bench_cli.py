"""How long the `drafter` command takes to start, for the commands people run most.

Run: `.venv/bin/python benchmarks/bench_cli.py [--runs 10]` from the repository root.
Prints figures and asserts nothing about time (machines differ). Each command runs
`--runs` times as a fresh process (the venv's `drafter` script, beside `sys.executable`),
and the wall time of each run is measured from here, so start-up (Python, imports,
building or not building the app) counts, as a user waiting at a prompt sees it:

- `drafter --help`, `drafter score samples/strong-plan.json` and
  `drafter score samples/weak-plan.json --format json` (target: median under 500 ms);
- baselines measured in the same run, the same way: `python -c pass` (the interpreter
  alone) and `python -c "import flask, sqlalchemy"` (what any command paid before it
  could import only what it needs), and the ratio of each command to each baseline;
- beside the wall time, the median CPU time of each run (user + system, of the child
  process): on a machine busy with other work the wall time grows, the CPU time hardly.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DRAFTER = str(BIN / "drafter")

COMMANDS = {
    "drafter --help": [DRAFTER, "--help"],
    "drafter score strong-plan": [DRAFTER, "score", "samples/strong-plan.json"],
    "drafter score weak-plan --format json": [DRAFTER, "score", "samples/weak-plan.json",
                                              "--format", "json"],
}
BASELINES = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "python -c 'import flask, sqlalchemy'": [sys.executable, "-c", "import flask, sqlalchemy"],
}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_times(argv: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each run; a run that fails stops the benchmark (a figure
    for an error message would mislead)."""
    walls, cpus = [], []
    for _ in range(runs):
        cpu, start = children_cpu(), time.perf_counter()
        subprocess.run(argv, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        cpus.append(children_cpu() - cpu)
    return walls, cpus


def summary(walls: list[float], cpus: list[float]) -> tuple[float, float, float, float]:
    """Median, p95 and max wall time, and median CPU time, in ms. The p95 is by nearest
    rank: with fewer than 20 runs it is the slowest run."""
    walls = sorted(walls)
    p95 = walls[math.ceil(0.95 * len(walls)) - 1]
    return tuple(seconds * 1000 for seconds in
                 (statistics.median(walls), p95, walls[-1], statistics.median(cpus)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs

    print(f"Load average before the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs "
          f"(timings are wall-clock; a busy machine inflates them); {runs} runs each")
    # The first run of anything may read files from disk, not from the page cache.
    for argv in [*COMMANDS.values(), *BASELINES.values()]:
        run_times(argv, 1)
    figures = {name: summary(*run_times(argv, runs))
               for name, argv in [*BASELINES.items(), *COMMANDS.items()]}
    bare, heavy = (figures[name][0] for name in BASELINES)

    width = max(len(name) for name in figures)
    print(f"{'':<{width}} {'median':>9} {'p95':>9} {'max':>9} {'CPU':>9} {'/ bare':>7} "
          f"{'/ flask+sqla':>13}")
    for name, (median, p95, most, cpu) in figures.items():
        print(f"{name:<{width}} {median:6.0f} ms {p95:6.0f} ms {most:6.0f} ms {cpu:6.0f} ms "
              f"{median / bare:7.2f} {median / heavy:13.2f}")
    print("(wall times but CPU, the median CPU time of a run; target: each drafter command's "
          "median wall time under 500 ms; the ratios are of median wall times)")


if __name__ == "__main__":
    main()
