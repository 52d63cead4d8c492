"""Scoring a stored plan: which checklist it uses, and its scorecard.

The scorer itself is pure (`drafter.scoring`); this module only finds the plan's
checklist among those in `checklists/` and feeds it the stored document.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable

from ..i18n import current_language
from ..plan.schema import PlanDocument
from ..plan.store import LoadedPlan
from ..scoring import Checklist, Scorecard, list_checklists, load_checklist, score
from ..scoring.translation import in_language

DEFAULT_CHECKLIST = "csag-2012"


def available_checklists():
    """The checklists the app offers, each named in the current language where it has a
    translation."""
    language = current_language()
    return [info._replace(name=in_language(load_checklist(info.path), language).name)
            for info in list_checklists()]


def checklist_names() -> dict[str, str]:
    """{checklist id: name} of every checklist the app offers."""
    return {info.id: info.name for info in available_checklists()}


def checklist_for(checklist_id: str) -> Checklist:
    """The checklist with this id (or the default one if it is gone), its texts in the
    current locale's language where it has a translation."""
    found = {info.id: info for info in list_checklists()}
    info = found.get(checklist_id) or found[DEFAULT_CHECKLIST]
    return in_language(load_checklist(info.path), current_language())


# Scorecards of recent plan states, keyed by everything a score depends on (the section
# versions stand for the content). Safe in every process: a state never changes, and
# losing the cache only costs a re-score.
_CACHE: OrderedDict[tuple, Scorecard] = OrderedDict()
_CACHE_SIZE = 256


def plan_scorecard(plan: LoadedPlan) -> Scorecard:
    return scorecard_of_state(
        plan.id, plan.created_at, plan.checklist,
        {name: state.version for name, state in plan.sections.items()}, lambda: plan.document)


def scorecard_of_state(plan_id: int, created_at, checklist_id: str, versions: dict[str, int],
                       document: Callable[[], PlanDocument]) -> Scorecard:
    """The scorecard of the plan in the state its section versions name; `document()` is
    called for the content only when that state was not scored before (the workshop
    dashboard scores every team's plan from its versions alone)."""
    checklist = checklist_for(checklist_id)
    # created_at tells apart a new plan that reuses a deleted plan's id; the file's mtime,
    # a checklist edited in place. Sections never saved are at version 0.
    key = (plan_id, created_at, checklist.path, os.stat(checklist.path).st_mtime_ns,
           current_language(),
           tuple((name, version) for name, version in sorted(versions.items()) if version))
    card = _CACHE.get(key)
    if card is None:
        card = score(document(), checklist)
        _CACHE[key] = card
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return card


def section_gaps(card: Scorecard, section: str, limit: int = 3):
    """The most important gaps that this wizard section can fix."""
    return [gap for gap in card.gaps if gap.section == section][:limit]
