"""The plain data each report of a stored plan is made from: one place, so that a
download and a report made ahead of time build the same data, and so the same cache key.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..plan.store import LoadedPlan
from ..review import service as review_service
from . import data, gapdata


def report_data(session: Session, kind: str, plan: LoadedPlan) -> dict:
    """The data of `plan`'s report of `kind` (the Word draft is made from the same data
    as the PDF draft, summarised to its own, larger, page budget)."""
    if kind == "gap":
        return gapdata.gap_report_for(plan, review_service.plan_assessments(session, plan.id))
    return data.plan_report_for(plan, kind)
