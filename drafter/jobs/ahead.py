"""Reports made ahead of time: after a plan is saved, its PDF draft and gap report are
made in the background, so that the download is usually a file waiting in the cache.

Every commit that changed a plan (the store stamps `Plan.updated_at` on each save, from
any page, import, restore or reset) schedules one job a few seconds later, carrying the
stamp. When it runs, a job whose stamp is no longer the plan's does nothing: a later
save scheduled its own, so a burst of saves costs one render. A report someone has
already asked for is not made twice: both go through the same job row (`service`).
"""

from __future__ import annotations

import logging

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from .. import db
from ..models import Plan
from ..plan.store import PlanStore
from ..reports import cache
from ..reports.service import report_data
from . import service
from .tasks import run_job

log = logging.getLogger(__name__)
KINDS = ("plan", "gap")  # the Word draft is made when asked for: few download it
SAVED = "drafter.saved_plans"


def stamp_of(plan: Plan) -> str:
    return plan.updated_at.isoformat()


def _collect(session: Session, _context) -> None:
    for thing in (*session.new, *session.dirty):
        if isinstance(thing, Plan) and thing.id is not None and thing.updated_at is not None:
            session.info.setdefault(SAVED, {})[thing.id] = stamp_of(thing)


def _schedule(session: Session) -> None:
    saved = session.info.pop(SAVED, None)
    if not saved:
        return
    seconds = current_app.config["PREPARE_AHEAD_SECONDS"]
    if seconds <= 0:
        return
    task = current_app.extensions["drafter.tasks"]["prepare_ahead"]
    for plan_id, stamp in saved.items():
        try:
            task.schedule(args=(plan_id, stamp), delay=seconds)
        except Exception:
            log.exception("could not schedule the reports of plan %s", plan_id)


def _forget(session: Session) -> None:
    session.info.pop(SAVED, None)


def init_app(app: Flask) -> None:
    maker = app.extensions["drafter.sessionmaker"]
    event.listen(maker, "after_flush", _collect)
    event.listen(maker, "after_commit", _schedule)
    event.listen(maker, "after_soft_rollback", lambda session, _previous: _forget(session))


def make_reports_ahead(plan_id: int, stamp: str) -> None:
    """Make plan `plan_id`'s reports, in its language, if it is still as it was when
    `stamp` was taken."""
    session = db.session()
    plan = session.get(Plan, plan_id)
    if plan is None or stamp_of(plan) != stamp:
        return
    loaded = PlanStore(session).load(plan_id)
    for kind in KINDS:
        report = report_data(session, kind, loaded)
        payload = {"data": report, "locale": report["locale"]}
        service.prepare(session, cache.cache_key(kind, report),
                        lambda job_id, payload=payload: run_job(job_id, payload),
                        plan_id=plan_id)
