"""Loading what a page is about, or answering 404: shared by every feature's views."""

from __future__ import annotations

from flask import abort

from .. import db
from ..plan.store import LoadedPlan, PlanNotFound, PlanStore


def plan_or_404(plan_id: int) -> LoadedPlan:
    """The stored plan (the access check has already passed), or a 404 page."""
    try:
        return PlanStore(db.session()).load(plan_id)
    except PlanNotFound:
        abort(404)
