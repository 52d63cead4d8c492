"""The trainer's dashboard as plain data: every team's scores, progress and last activity,
and two teams side by side.

The dashboard is polled every few seconds by every trainer's browser, so it reads only
section versions and statuses (three small queries for the whole workshop) and scores a
team's plan only when its content changed since it was last scored (the scorecard cache
is keyed by section versions). `fingerprint` is what the page's ETag is made of: when
no team saved anything, a poll costs those queries and no scoring or rendering.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Plan, PlanSection, Workshop
from ..plan.schema import SECTION_MODELS
from ..plan.store import COMPLETE, IN_PROGRESS, NOT_STARTED, PlanStore
from ..scorecard.service import checklist_for, scorecard_of_state
from ..scoring import Scorecard
from . import service

SORTS = ("name", "score", "complete", "activity")


@dataclass
class SectionMeta:
    version: int
    status: str
    updated_at: dt.datetime
    updated_by: int | None


@dataclass
class TeamRow:
    id: int
    name: str
    plan_id: int
    members: list[str]
    created_at: dt.datetime
    sections: dict[str, SectionMeta] = field(default_factory=dict)
    card: Scorecard | None = None
    last_activity: dt.datetime | None = None

    @property
    def complete(self) -> int:
        return sum(1 for meta in self.sections.values() if meta.status == COMPLETE)

    @property
    def started(self) -> int:
        return sum(1 for meta in self.sections.values() if meta.status in (COMPLETE, IN_PROGRESS))

    def status_of(self, key: str) -> str:
        meta = self.sections.get(key)
        return meta.status if meta else NOT_STARTED

    @property
    def overall(self) -> float:
        return self.card.overall if self.card else 0.0

    def area_score(self, area_id: str) -> float:
        return next((area.score for area in self.card.areas if area.id == area_id), 0.0)


def _metadata(session: Session, workshop: Workshop) -> list[TeamRow]:
    members = service.team_members(session, workshop.id)
    rows = [TeamRow(team.id, team.name, team.plan_id, members.get(team.id, []),
                    team.created_at) for team in service.teams(session, workshop.id)]
    by_plan = {row.plan_id: row for row in rows}
    if not by_plan:
        return rows
    for plan_id, key, version, status, updated_at, updated_by in session.execute(
            select(PlanSection.plan_id, PlanSection.key, PlanSection.version, PlanSection.status,
                   PlanSection.updated_at, PlanSection.updated_by)
            .where(PlanSection.plan_id.in_(list(by_plan)))):
        row = by_plan[plan_id]
        row.sections[key] = SectionMeta(version, status, updated_at, updated_by)
        # The team's own work, not the copy of the scenario or the trainer's reset.
        if updated_by is not None and updated_by != workshop.trainer_id:
            if row.last_activity is None or updated_at > row.last_activity:
                row.last_activity = updated_at
    return rows


def fingerprint(session: Session, workshop: Workshop, rows: list[TeamRow]) -> str:
    """Changes whenever anything the dashboard shows may have changed."""
    digest = hashlib.sha256(f"{workshop.id}:{workshop.locked}:{workshop.checklist}".encode())
    for row in rows:
        digest.update(f"|{row.id}:{row.name}:{','.join(row.members)}".encode())
        for key in sorted(row.sections):
            meta = row.sections[key]
            digest.update(f":{key}{meta.version}{meta.status}".encode())
    return digest.hexdigest()[:32]


def team_rows(session: Session, workshop: Workshop, *, scored: bool = True) -> list[TeamRow]:
    """Every team of the workshop, scored against the workshop's checklist unless not
    `scored` (enough for the `fingerprint`; `score_rows` can score them afterwards)."""
    rows = _metadata(session, workshop)
    return score_rows(session, workshop, rows) if scored else rows


def score_rows(session: Session, workshop: Workshop, rows: list[TeamRow]) -> list[TeamRow]:
    created = dict(session.execute(select(Plan.id, Plan.created_at).where(
        Plan.id.in_([row.plan_id for row in rows]))).all()) if rows else {}
    store = PlanStore(session)
    for row in rows:
        row.card = scorecard_of_state(
            row.plan_id, created[row.plan_id], workshop.checklist,
            {key: meta.version for key, meta in row.sections.items()},
            lambda plan_id=row.plan_id: store.load(plan_id).document)
    return rows


def sort_rows(rows: list[TeamRow], sort: str) -> list[TeamRow]:
    """Best first for scores and progress, most recent first for activity."""
    if sort == "score":
        return sorted(rows, key=lambda row: (-row.overall, row.name.lower()))
    if sort == "complete":
        return sorted(rows, key=lambda row: (-row.complete, -row.started, row.name.lower()))
    if sort == "activity":
        oldest = dt.datetime.min
        return sorted(rows, key=lambda row: (row.last_activity or oldest, row.name.lower()),
                      reverse=True)
    return sorted(rows, key=lambda row: row.name.lower())


def areas(workshop: Workshop) -> list[tuple[str, str]]:
    """(id, title) of the checklist's areas, in its order."""
    return [(area.id, area.title) for area in checklist_for(workshop.checklist).areas]


def compare(a: TeamRow, b: TeamRow) -> dict:
    """Two teams side by side: area scores, sections, and the criteria where they differ."""
    results_b = {result.id: result for result in b.card.criteria}
    differing = [(result, results_b[result.id]) for result in a.card.criteria
                 if result.id in results_b and result.status != results_b[result.id].status]
    return {
        "areas": [(area.id, area.title, area.score, b.area_score(area.id)) for area in a.card.areas],
        "sections": [(key, a.status_of(key), b.status_of(key)) for key in SECTION_MODELS],
        "differing": differing,
    }
