"""The queue's jobs: making a report file, and making a plan's reports ahead of time.

Each job runs in a worker thread with the app's context; the render itself runs in a
child process with limits (`limits.run_limited`), so a job that grows too large or runs
too long is stopped, recorded as failed with the reason, and never retried on its own.
"""

from __future__ import annotations

import logging
import threading
from functools import partial
from pathlib import Path

from flask import Flask, current_app
from flask_babel import force_locale

from .. import db
from ..reports import cache
from . import service
from .limits import RenderFailed, RenderInterrupted, RenderLimit, run_limited
from .queue import PRIORITY

log = logging.getLogger(__name__)
PRODUCE = "drafter.jobs.child:produce"
AHEAD_RETRY_SECONDS = 5


def render_file(key: str, data: dict, locale: str, beat=None) -> Path:
    """Make the report file of `key` from `data` in a limited child process (unless the
    cache has it already) and return its path; `beat()` is called while it works."""
    path = cache.cached_file(key)
    if path is not None:
        return path
    path = cache.cached_path(key)
    config = current_app.config
    run_limited(PRODUCE, (key.split("-", 1)[0], data, locale, str(path)),
                seconds=config["RENDER_SECONDS"], memory_mb=config["RENDER_MEMORY_MB"],
                tick=beat)
    cache.prune(path.parent)
    return path


def _make(job, payload: dict) -> None:
    def beat(done: int | None = None, total: int | None = None) -> None:
        service.progress(db.session(), job.id, done, total)

    if job.kind == "debrief":
        from ..workshops.debrief import write_debrief_pack

        with force_locale(payload["locale"]):
            write_debrief_pack(db.session(), payload["workshop_id"], job.key,
                               payload["locale"], partial(render_file, beat=beat), beat)
    else:
        render_file(job.key, payload["data"], payload["locale"], beat)


def run_job(job_id: int, payload: dict) -> None:
    """Make the file of job `job_id` (in an app context), recording how it ended."""
    session = db.session()
    job = service.claim(session, job_id)
    if job is None:
        return  # another copy of this job ran, or is running
    try:
        _make(job, payload)
    except RenderInterrupted:
        # The worker is stopping: the job goes back in the queue (its storage keeps it)
        # and the next start makes it, instead of it ending as "failed".
        log.info("report job %s (%s) put back in the queue: the worker is stopping",
                 job_id, job.kind)
        session.rollback()
        service.put_back(session, job_id)
        enqueue_report(job_id, payload)
    except RenderLimit as stopped:
        log.warning("report job %s (%s) %s", job_id, job.kind, stopped)
        service.fail(session, job_id, stopped.reason)
    except RenderFailed as failed:
        log.error("report job %s (%s): %s", job_id, job.kind, failed)
        service.fail(session, job_id, "error")
    except Exception:
        log.exception("report job %s (%s) failed", job_id, job.kind)
        session.rollback()
        service.fail(session, job_id, "error")
    else:
        service.finish(session, job_id)


def register(huey, app: Flask) -> dict:
    """Declare the jobs on `huey`, each running inside `app`; return them by name."""

    @huey.task(name="make_report", priority=PRIORITY["asked"])
    def make_report(job_id: int, payload: dict) -> None:
        with app.app_context():
            run_job(job_id, payload)

    # One worker thread at a time makes reports ahead, so that with 30 people saving
    # another thread is always free for a report someone is waiting for.
    ahead_slot = threading.Semaphore(1)

    @huey.task(name="prepare_ahead", priority=PRIORITY["ahead"])
    def prepare_ahead(plan_id: int, stamp: str) -> None:
        from .ahead import make_reports_ahead

        if not ahead_slot.acquire(blocking=False):
            prepare_ahead.schedule(args=(plan_id, stamp), delay=AHEAD_RETRY_SECONDS)
            return
        try:
            with app.app_context():
                make_reports_ahead(plan_id, stamp)
        finally:
            ahead_slot.release()

    return {"make_report": make_report, "prepare_ahead": prepare_ahead}


def enqueue_report(job_id: int, payload: dict) -> None:
    """Queue the making of job `job_id`'s file, before any report made ahead of time."""
    current_app.extensions["drafter.tasks"]["make_report"](job_id, payload)
