"""The gap report's data: a scorecard as plain dicts, with the wizard section that fixes
each criterion and the plan's identity (title, date, revision).

Shape::

    {"kind": "gap", "locale", "plan": {"title", "country", "date", "revision"},
     "checklist": {"id", "name", "version"}, "overall", "counts": {status: n},
     "areas": [{"id", "title", "score", "criteria": [criterion...]}],
     "top_gaps": [criterion...],   # the five most important, in the scorer's order
     "reviews": [{"name", "assessed", "differs"}]}   # civil-society reviewers

Each criterion also carries "civil_society": the reviewers whose assessment differs
from the scorecard's status, as `review.service.side_by_side` finds them, each with
{"reviewer", "status", "status_label", "reason", "outdated"}.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _

from ..plan.schema import PlanDocument
from ..plan.store import LoadedPlan
from ..review.service import AssessmentView, side_by_side
from ..scorecard.service import checklist_for
from ..scoring import Scorecard, score
from ..scoring.scorer import MET, NOT_MET, PARTLY_MET
from ..wizard.steps import BY_KEY
from .data import revision_of, when
from .labels import current_locale, text_of

TOP_GAPS = 5


def status_label(status: str) -> str:
    return {MET: _("Met"), PARTLY_MET: _("Partly met"), NOT_MET: _("Not met")}[status]


def _criterion(result) -> dict:
    step = BY_KEY.get(result.section)
    return {"id": result.id, "title": result.title, "status": result.status,
            "status_label": status_label(result.status), "score": round(100 * result.score),
            "critical": result.critical, "evidence": list(result.evidence),
            "advice": result.advice, "why": result.why,
            "section": result.section, "section_title": text_of(step.title) if step else "",
            "civil_society": []}


def gap_report(document: PlanDocument, card: Scorecard, *, date: dt.date | dt.datetime | None,
               revision: int | None = None, review: dict | None = None) -> dict:
    """`review` is `review.service.side_by_side(card, ...)`; None when nobody reviewed."""
    review = review or {"reviewers": [], "differences": {}}
    criteria = {result.id: _criterion(result) for result in card.criteria}
    for criterion_id, entries in review["differences"].items():
        criteria[criterion_id]["civil_society"] = [
            {**entry, "status_label": status_label(entry["status"])} for entry in entries]
    counts = {status: 0 for status in (MET, PARTLY_MET, NOT_MET)}
    for result in card.criteria:
        counts[result.status] += 1
    return {
        "kind": "gap", "locale": current_locale(),
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
        "reviews": [dict(reviewer) for reviewer in review["reviewers"]],
    }


def gap_report_for(plan: LoadedPlan, assessments: list[AssessmentView] = ()) -> dict:
    """The gap report of a stored plan, with civil society's `assessments` of it."""
    document = plan.document
    card = score(document, checklist_for(plan.checklist))
    return gap_report(document, card, date=plan.updated_at, revision=revision_of(plan),
                      review=side_by_side(card, list(assessments)))
