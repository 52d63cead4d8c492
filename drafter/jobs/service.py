"""The record of each report being prepared: one row per file, found by its cache key.

A request for a report calls `prepare`: the finished file if the cache has it, or else
the one job that makes it (created and queued by the first request, joined by every
later one, so ten people asking at once cause one render). A job a worker died in the
middle of is queued again once, then given up; a job that failed stays failed for that
content (retrying a render that ran out of time would only run out of time again) until
someone asks for it again with "Try again". The queue itself only carries job ids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import ReportJob, utcnow
from ..reports import cache

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
IN_FLIGHT = (QUEUED, RUNNING)
MAX_ATTEMPTS = 2  # a worker that died mid-render is given one more chance, no more
SILENT_SECONDS = 60  # a running job not heard of for this long has lost its worker
KEEP_DAYS = 7  # finished rows older than this are forgotten (their files live in the cache)


@dataclass
class Outcome:
    """What a request for a report gets: the file (`path`), or the job making it."""

    path: Path | None = None
    job: ReportJob | None = None
    busy: int = 0  # jobs of this person's already in flight, when that is too many

    @property
    def ready(self) -> bool:
        return self.path is not None


def _stale(job: ReportJob, now: dt.datetime) -> bool:
    """A running job whose worker has not been heard of for a minute (it beats every
    few seconds while it renders): the worker died (killed, machine restarted) and the
    job will never finish."""
    last = job.heartbeat_at or job.started_at or job.created_at
    return job.status == RUNNING and (now - last).total_seconds() > SILENT_SECONDS


def _find(session: Session, key: str) -> ReportJob | None:
    return session.execute(select(ReportJob).where(ReportJob.key == key)).scalar_one_or_none()


def _requeue(session: Session, job: ReportJob, status: str, enqueue) -> bool:
    """Put `job` back in the queue if it is still in `status` (one request wins)."""
    result = session.execute(
        update(ReportJob).where(ReportJob.id == job.id, ReportJob.status == status)
        .values(status=QUEUED, error="", done=0, created_at=utcnow(), started_at=None,
                heartbeat_at=None, finished_at=None))
    session.commit()
    if result.rowcount == 1:
        enqueue(job.id)
    session.refresh(job)
    return result.rowcount == 1


def in_flight(session: Session, user_id: int) -> int:
    return session.execute(select(func.count()).select_from(ReportJob).where(
        ReportJob.requested_by == user_id, ReportJob.status.in_(IN_FLIGHT))).scalar_one()


def prepare(session: Session, key: str, enqueue, *, user_id: int | None = None,
            plan_id: int | None = None, workshop_id: int | None = None, total: int = 1,
            per_user: int = 3) -> Outcome:
    """The file of `key`, or the job that makes it. `enqueue(job_id)` queues a new job;
    `per_user` bounds how many one person may have in flight at once."""
    path = cache.cached_file(key)
    if path is not None:
        return Outcome(path=path)
    job = _find(session, key)
    if job is None:
        if user_id is not None and (busy := in_flight(session, user_id)) >= per_user:
            return Outcome(busy=busy)
        job = ReportJob(key=key, kind=key.split("-", 1)[0], plan_id=plan_id,
                        workshop_id=workshop_id, requested_by=user_id, status=QUEUED,
                        error="", attempts=0, done=0, total=total)
        session.add(job)
        try:
            session.commit()
        except IntegrityError:  # someone asked for the same file a moment ago: join them
            session.rollback()
            job = _find(session, key)
        else:
            enqueue(job.id)
            return Outcome(job=job)
    if job.status == DONE:
        # Done, yet the file is gone (pruned from the cache, or a restored database).
        if (path := cache.cached_file(key)) is not None:
            return Outcome(path=path)
        _requeue(session, job, DONE, enqueue)
    elif _stale(job, utcnow()):
        if job.attempts >= MAX_ATTEMPTS:
            fail(session, job.id, "lost")
            session.refresh(job)
        else:
            _requeue(session, job, RUNNING, enqueue)
    return Outcome(job=job)


def retry(session: Session, key: str, enqueue) -> ReportJob | None:
    """Queue a failed job again ("Try again"); the job, or None if there is none."""
    job = _find(session, key)
    if job is not None and job.status == FAILED:
        session.execute(update(ReportJob).where(ReportJob.id == job.id)
                        .values(attempts=0))
        _requeue(session, job, FAILED, enqueue)
    return job


# --- the worker's side --------------------------------------------------------------------

def claim(session: Session, job_id: int) -> ReportJob | None:
    """Mark a queued job as running; None if it is not queued (a second copy of it in the
    queue, or a job someone else has already taken)."""
    now = utcnow()
    result = session.execute(
        update(ReportJob).where(ReportJob.id == job_id, ReportJob.status == QUEUED)
        .values(status=RUNNING, attempts=ReportJob.attempts + 1, started_at=now,
                heartbeat_at=now))
    session.commit()
    return session.get(ReportJob, job_id) if result.rowcount == 1 else None


def progress(session: Session, job_id: int, done: int | None = None,
             total: int | None = None) -> None:
    """The worker is still at job `job_id`, and has made `done` of `total` parts."""
    counts = {"done": done, "total": total} if done is not None else {}
    session.execute(update(ReportJob).where(ReportJob.id == job_id)
                    .values(heartbeat_at=utcnow(), **counts))
    session.commit()


def finish(session: Session, job_id: int) -> None:
    now = utcnow()
    session.execute(update(ReportJob).where(ReportJob.id == job_id)
                    .values(status=DONE, done=ReportJob.total, finished_at=now,
                            heartbeat_at=now))
    session.execute(delete(ReportJob).where(
        ReportJob.status.in_((DONE, FAILED)),
        ReportJob.finished_at < now - dt.timedelta(days=KEEP_DAYS)))
    session.commit()


def put_back(session: Session, job_id: int) -> None:
    """A job its worker stopped in the middle of (the worker is shutting down): queued
    again, as if never started, for the next worker to take."""
    session.execute(update(ReportJob).where(ReportJob.id == job_id, ReportJob.status == RUNNING)
                    .values(status=QUEUED, attempts=ReportJob.attempts - 1, started_at=None,
                            heartbeat_at=None, done=0))
    session.commit()


def fail(session: Session, job_id: int, reason: str) -> None:
    """`reason`: "time" or "memory" (a limit), "lost" (its worker died twice), "error"."""
    now = utcnow()
    session.execute(update(ReportJob).where(ReportJob.id == job_id)
                    .values(status=FAILED, error=reason, finished_at=now, heartbeat_at=now))
    session.commit()


def queue_position(session: Session, job: ReportJob) -> int:
    """How many queued jobs were queued before this one."""
    return session.execute(select(func.count()).select_from(ReportJob).where(
        ReportJob.status == QUEUED, ReportJob.created_at < job.created_at)).scalar_one()
