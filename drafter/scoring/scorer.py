"""The scorer: `score(document, checklist) -> Scorecard`, pure and deterministic.

For every criterion the checklist names a rule; the rule gives a score in 0..1 and
evidence; the checklist's thresholds turn the score into a status (met, partly met,
not met). Area and overall scores are weighted means scaled to 0..100. The gaps are
the criteria not fully met, ranked for the person fixing the plan: critical criteria
that are not met come first, then the rest by weight x shortfall (what fixing it would
add to the overall score).

No Flask, no database: the same call serves the web page, the CLI, PDFs and tests.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from ..plan.schema import PlanDocument
from .checklist import Checklist, Thresholds
from .i18n import one_catalogue
from .rules import RULES, Plan

MET, PARTLY_MET, NOT_MET = "met", "partly_met", "not_met"


@dataclass(slots=True)
class CriterionResult:
    id: str
    area: str
    title: str
    status: str
    score: float
    weight: float
    critical: bool
    evidence: list[str]
    advice: str
    section: str
    why: str
    basis: str
    sources: list[str]

    @property
    def shortfall(self) -> float:
        """Weight x the part of the criterion still missing."""
        return self.weight * (1.0 - self.score)


@dataclass(slots=True)
class AreaResult:
    id: str
    title: str
    score: float
    weight: float
    criteria: int


@dataclass(slots=True)
class Gap:
    id: str
    title: str
    area: str
    status: str
    score: float
    weight: float
    critical: bool
    shortfall: float
    section: str
    advice: str


@dataclass(slots=True)
class Scorecard:
    checklist_id: str
    checklist_name: str
    checklist_version: str
    overall: float
    areas: list[AreaResult]
    criteria: list[CriterionResult]
    gaps: list[Gap]
    thresholds: dict[str, float] = field(default_factory=dict)
    # The language of the checklist's texts (titles, advice), which may not be the
    # reader's: a checklist without a translation is shown in its own language.
    checklist_language: str = "en"

    @property
    def critical_unmet(self) -> list[CriterionResult]:
        return [result for result in self.criteria if result.critical and result.status == NOT_MET]

    def to_dict(self) -> dict:
        """Plain JSON-ready data (only str, float, int, bool, list, dict)."""
        data = asdict(self)
        data["checklist"] = {"id": data.pop("checklist_id"), "name": data.pop("checklist_name"),
                             "version": data.pop("checklist_version"),
                             "language": data.pop("checklist_language")}
        data["critical_unmet"] = [result.id for result in self.critical_unmet]
        return data


def status_of(score: float, thresholds: Thresholds) -> str:
    if score >= thresholds.met:
        return MET
    if score < thresholds.partly_met:
        return NOT_MET
    return PARTLY_MET


def weighted_percent(pairs: list[tuple[float, float]]) -> float:
    """sum(weight x score) / sum(weight), as 0..100 rounded to one decimal."""
    total = sum(weight for weight, _ in pairs)
    if not total:
        return 0.0
    return round(100.0 * sum(weight * score for weight, score in pairs) / total, 1)


def rank_gaps(results: list[CriterionResult]) -> list[Gap]:
    """Criteria not met, critical-and-not-met first, then by weight x shortfall."""
    open_results = [result for result in results if result.status != MET]
    open_results.sort(key=lambda result: (
        not (result.critical and result.status == NOT_MET), -result.shortfall, result.id))
    return [Gap(id=result.id, title=result.title, area=result.area, status=result.status,
                score=result.score, weight=result.weight, critical=result.critical,
                shortfall=round(result.shortfall, 3), section=result.section,
                advice=result.advice)
            for result in open_results]


def score(document: PlanDocument, checklist: Checklist) -> Scorecard:
    """Score `document` against `checklist`."""
    plan = Plan(document)  # one view, so id -> row maps are built once for all rules
    thresholds = checklist.thresholds
    results = []
    with one_catalogue():
        outcomes = [RULES[criterion.rule](plan, **criterion.params)
                    for criterion in checklist.criteria]
    for criterion, outcome in zip(checklist.criteria, outcomes, strict=True):
        value = round(outcome.score, 3)
        results.append(CriterionResult(
            id=criterion.id, area=criterion.area, title=criterion.title,
            status=status_of(value, thresholds), score=value,
            weight=criterion.weight, critical=criterion.critical,
            evidence=list(outcome.evidence), advice=criterion.advice.strip(),
            section=criterion.section, why=criterion.why.strip(), basis=criterion.basis_label,
            sources=list(criterion.sources)))
    by_area: dict[str, list[CriterionResult]] = defaultdict(list)
    for result in results:
        by_area[result.area].append(result)
    areas = [AreaResult(id=area.id, title=area.title, criteria=len(by_area[area.id]),
                        weight=sum(result.weight for result in by_area[area.id]),
                        score=weighted_percent([(result.weight, result.score)
                                                for result in by_area[area.id]]))
             for area in checklist.areas]
    return Scorecard(
        checklist_id=checklist.id, checklist_name=checklist.name,
        checklist_version=checklist.version,
        overall=weighted_percent([(result.weight, result.score) for result in results]),
        areas=areas, criteria=results, gaps=rank_gaps(results),
        thresholds={"met": thresholds.met, "partly_met": thresholds.partly_met},
        checklist_language=checklist.shown_language)
