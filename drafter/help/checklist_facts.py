"""What "How scoring works" says about each installed checklist, read from the checklists
themselves so the page can never disagree with the scorer: thresholds, criteria, critical
ones, weights and each area's share of the whole."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import current_language
from ..scoring import list_checklists, load_checklist
from ..scoring.translation import in_language


@dataclass(frozen=True, slots=True)
class AreaFacts:
    title: str
    criteria: int
    share: float  # the area's weight, in percent of the checklist's total weight


@dataclass(frozen=True, slots=True)
class ChecklistFacts:
    id: str
    name: str
    version: str
    met: int  # percent: a criterion is met from this score up
    partly_met: int  # percent: below this it is not met
    criteria: int
    critical: int
    lightest: float
    heaviest: float
    areas: tuple[AreaFacts, ...]


def checklist_facts() -> list[ChecklistFacts]:
    found = []
    for info in list_checklists():
        checklist = in_language(load_checklist(info.path), current_language())
        total = sum(criterion.weight for criterion in checklist.criteria)
        areas = []
        for area in checklist.areas:
            inside = [criterion for criterion in checklist.criteria if criterion.area == area.id]
            areas.append(AreaFacts(area.title, len(inside),
                                   100 * sum(criterion.weight for criterion in inside) / total))
        weights = [criterion.weight for criterion in checklist.criteria]
        found.append(ChecklistFacts(
            id=checklist.id, name=checklist.name, version=checklist.version,
            met=round(100 * checklist.thresholds.met),
            partly_met=round(100 * checklist.thresholds.partly_met),
            criteria=len(checklist.criteria),
            critical=sum(1 for criterion in checklist.criteria if criterion.critical),
            lightest=min(weights), heaviest=max(weights), areas=tuple(areas)))
    return found
