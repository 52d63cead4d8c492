"""Scoring a stored plan: which checklist it uses, and its scorecard.

The scorer itself is pure (`drafter.scoring`); this module only finds the plan's
checklist among those in `checklists/` and feeds it the stored document.
"""

from __future__ import annotations

from ..plan.store import LoadedPlan
from ..scoring import Checklist, Scorecard, list_checklists, load_checklist, score

DEFAULT_CHECKLIST = "csag-2012"


def available_checklists():
    return list_checklists()


def checklist_for(checklist_id: str) -> Checklist:
    """The checklist with this id, or the default one if it is gone."""
    found = {info.id: info for info in available_checklists()}
    info = found.get(checklist_id) or found[DEFAULT_CHECKLIST]
    return load_checklist(info.path)


def plan_scorecard(plan: LoadedPlan) -> Scorecard:
    return score(plan.document, checklist_for(plan.checklist))


def section_gaps(card: Scorecard, section: str, limit: int = 3):
    """The most important gaps that this wizard section can fix."""
    return [gap for gap in card.gaps if gap.section == section][:limit]
