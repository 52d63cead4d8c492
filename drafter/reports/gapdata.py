"""The gap report's data: a scorecard as plain dicts, with the wizard section that fixes
each criterion and the plan's identity (title, date, revision).

Shape::

    {"kind": "gap", "locale", "plan": {"title", "country", "date", "revision"},
     "checklist": {"id", "name", "version"}, "overall", "counts": {status: n},
     "areas": [{"id", "title", "score", "criteria": [criterion...]}],
     "top_gaps": [criterion...],   # the five most important, in the scorer's order
     "reviews": []}                # civil-society reviews, shown side by side (later)
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _

from ..plan.schema import PlanDocument
from ..plan.store import LoadedPlan
from ..scorecard.service import checklist_for
from ..scoring import Scorecard, score
from ..scoring.scorer import MET, NOT_MET, PARTLY_MET
from ..wizard.steps import BY_KEY
from .data import locale_code, revision_of, when

TOP_GAPS = 5


def status_label(status: str) -> str:
    return {MET: _("Met"), PARTLY_MET: _("Partly met"), NOT_MET: _("Not met")}[status]


def _criterion(result) -> dict:
    step = BY_KEY.get(result.section)
    return {"id": result.id, "title": result.title, "status": result.status,
            "status_label": status_label(result.status), "score": round(100 * result.score),
            "critical": result.critical, "evidence": list(result.evidence),
            "advice": result.advice, "why": result.why,
            "section": result.section, "section_title": str(step.title) if step else ""}


def gap_report(document: PlanDocument, card: Scorecard, *, date: dt.date | dt.datetime | None,
               revision: int | None = None) -> dict:
    criteria = {result.id: _criterion(result) for result in card.criteria}
    counts = {status: 0 for status in (MET, PARTLY_MET, NOT_MET)}
    for result in card.criteria:
        counts[result.status] += 1
    return {
        "kind": "gap", "locale": locale_code(),
        "plan": {"title": document.about.title or _("Untitled plan"),
                 "country": document.about.country_or_organisation,
                 "date": when(date), "revision": revision},
        "checklist": {"id": card.checklist_id, "name": card.checklist_name,
                      "version": card.checklist_version},
        "overall": card.overall,
        "counts": counts,
        "areas": [{"id": area.id, "title": area.title, "score": area.score,
                   "criteria": [criteria[r.id] for r in card.criteria if r.area == area.id]}
                  for area in card.areas],
        "top_gaps": [criteria[gap.id] for gap in card.gaps[:TOP_GAPS]],
        # A later issue puts civil-society reviews of the same plan beside the scores:
        # one entry per review, each with its own statuses keyed by criterion id.
        "reviews": [],
    }


def gap_report_for(plan: LoadedPlan) -> dict:
    document = plan.document
    card = score(document, checklist_for(plan.checklist))
    return gap_report(document, card, date=plan.updated_at, revision=revision_of(plan))
