"""`drafter worker`: the task queue's worker on its own (for a machine that only makes
reports, or beside `gunicorn` run by hand). `drafter serve` starts one by itself.

Imports stay inside the command: listing the `drafter` commands must not load the app.
"""

from __future__ import annotations

import click


@click.command("worker")
@click.option("--workers", type=click.IntRange(1, 32), default=None,
              help="Jobs run at once (default: DRAFTER_WORKERS, else 2). Each render is "
                   "a process of its own, so more than the machine's cores only queues.")
def worker_command(workers: int | None) -> None:
    """Run the worker that makes report files from the task queue, until stopped."""
    import logging
    import os

    from .. import create_app
    from .queue import consumer, interrupt_renders

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("huey").setLevel(logging.WARNING)
    app = create_app()
    # Below the web processes: its own bookkeeping (building a debrief pack's data) must
    # not slow the pages people are editing. Renders go lower still (limits.NICENESS).
    os.nice(5)
    running = consumer(app, workers=workers or app.config["JOBS_WORKERS"])
    running.run()  # until Ctrl+C or SIGTERM
    interrupt_renders(running)
