"""The task queue (Huey): where long jobs wait for a worker, and the worker that runs them.

Storage follows `JOBS_QUEUE_URL`: empty (the default) is a SQLite file in the instance
folder, so a laptop needs nothing more; `redis://host:port/db` lets workers on several
machines share one queue. Either way a queued job survives a restart of the app and of
the worker. The queue carries only job ids and plain data; results are kept in the
report cache and the `report_jobs` table, not in the queue.

A job asked for by a person goes before a report made ahead of time (`PRIORITY`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask
from huey import PriorityRedisHuey, SqliteHuey
from huey.consumer import Consumer

PRIORITY = {"asked": 10, "ahead": 0}
log = logging.getLogger(__name__)


def make_huey(app: Flask):
    """The app's queue, named after its database so that two apps on one Redis (or two
    test runs) never take each other's jobs."""
    url = app.config.get("JOBS_QUEUE_URL") or ""
    name = app.config.get("JOBS_QUEUE_NAME") or "nap-drafter"
    if url.startswith(("redis://", "rediss://", "unix://")):
        return PriorityRedisHuey(name, url=url, results=False)
    path = Path(url.removeprefix("sqlite:///")) if url else \
        Path(app.instance_path) / "jobs.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=str(path), results=False)


def init_app(app: Flask) -> None:
    from . import tasks

    huey = make_huey(app)
    app.extensions["drafter.huey"] = huey
    app.extensions["drafter.tasks"] = tasks.register(huey, app)


def huey_of(app: Flask):
    return app.extensions["drafter.huey"]


def task(app: Flask, name: str):
    return app.extensions["drafter.tasks"][name]


class EmbeddedConsumer(Consumer):
    """A consumer that runs beside other code in one process (tests, the development
    server): it leaves the process's signal handlers alone, which only the main thread
    may set and which belong to whoever runs that process."""

    def _set_signal_handlers(self):
        pass


def consumer(app: Flask, *, workers: int, embedded: bool = False) -> Consumer:
    """A consumer of the app's queue with `workers` threads. Each render runs in a child
    process of its own (`limits`), so threads are enough here: they only wait on it."""
    kind = EmbeddedConsumer if embedded else Consumer
    # Polls the SQLite queue every 0.1 s at first, backing off to 0.5 s while idle, so a
    # job asked for is started within half a second (Redis storage blocks instead).
    return kind(huey_of(app), workers=workers, worker_type="thread", periodic=False,
                initial_delay=0.1, backoff=1.15, max_delay=0.5, check_worker_health=True)


def interrupt_renders(running: Consumer) -> None:
    """Once `running` has been told to stop: end the renders in progress now (their jobs
    go back in the queue, for the next start) and wait for its threads to have done so.
    Without this a stopping worker would wait for each render to finish, or be killed
    with its jobs half-made."""
    from . import limits

    limits.STOPPING.set()
    for _worker, thread in running.worker_threads:
        thread.join(timeout=10)
