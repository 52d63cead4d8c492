"""How often the scorer agrees with expert reviewers on real plans.

A calibration set (tests/calibration/) holds plans encoded from public descriptions of
real National Action Plans (`plans/<slug>.json`) and, for each, the verdicts an expert
reviewer gives on a few yes/no dimensions, with their sources (`sources/<slug>.yaml`).
This module scores each plan and reads the scorer's own verdict on each dimension from
the criteria that judge it, then counts agreement, per dimension and overall, beside
what a constant answer (always the commoner verdict) would get.

How a dimension is read from a scorecard: a dimension is the rule (or rules) whose
criteria judge the same thing the experts code, and the scorer says "yes" when one of
those criteria earns at least half its credit: more met than not, as a reviewer's "the
plan has it". Only budget reads two criteria, because the experts' question is a
disjunction: "the plan states a cost *or* money allocated to it" is costed actions (FIN-1)
or funding secured (FIN-2). Until 7 December 2026 it read their mean, which asked for
both; that was changed after the first held-out set had been scored (its budget misses
were plans with a cost and no funding detail), so the figures that test the change are
those of the second held-out set, built and committed before it was scored.

Civil society in monitoring is read from the first question its criterion (INC-5) asks,
whether civil society has a formal place in monitoring at all (seats, a stated place on
the body, a part in the monitoring texts, recognised shadow reports), not from the whole
criterion, which goes on to CSAG's fuller standard (enough seats, shadow reports, progress
reports sent to civil society). The experts code "a formal role in monitoring", the first
question. This was changed on 7 December 2026 after the second held-out set had been
scored (four of its five "yes" plans gave civil society a place and nothing more), so the
figures that test it are those of the third held-out set, built and committed before it
was scored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..plan.transfer import parse_document
from .checklist import Checklist
from .rules.monitoring import formal_place_in_monitoring
from .rules.plan import Plan
from .scorer import score

# Dimension -> the rules whose criteria judge it (by rule name, so the mapping holds
# whatever ids a checklist gives its criteria).
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "budget": ("costed_actions", "funding"),
    "me_framework": ("me_framework",),
    "cs_drafting": ("civil_society_in_drafting",),
    "cs_monitoring": ("civil_society_in_monitoring",),
    "consultation_reach": ("consultation_reach",),
    "indicators": ("baselines_and_targets",),
}
YES_AT = 0.5
# The held-out sets, in the order they were built (each scored only once committed).
HELD_OUT = ("heldout", "heldout2", "heldout3", "heldout4")


def calibration_sets(folder: Path) -> list[tuple[str, Path]]:
    """(name, folder) of the development set in `folder` and of each held-out set."""
    ordinals = ("first", "second", "third", "fourth", "fifth", "sixth")
    return [("development set", folder)] + [
        (f"{ordinals[index]} held-out set", folder / name)
        for index, name in enumerate(HELD_OUT)]
# Rules whose first question alone is what the experts code: the dimension reads that
# question's answer, with the criterion's parameters, instead of the criterion's score.
FIRST_QUESTIONS = {"civil_society_in_monitoring": formal_place_in_monitoring}


@dataclass
class PlanVerdicts:
    slug: str
    expert: dict[str, str]            # dimension -> "yes" / "no" (unknowns left out)
    scorer: dict[str, str]
    scores: dict[str, float]
    overall: float


@dataclass
class Agreement:
    plans: list[PlanVerdicts] = field(default_factory=list)

    def pairs(self, dimension: str | None = None) -> list[tuple[str, str]]:
        return [(plan.expert[name], plan.scorer[name]) for plan in self.plans
                for name in plan.expert if dimension in (None, name)]

    def rate(self, dimension: str | None = None) -> float:
        pairs = self.pairs(dimension)
        return sum(expert == said for expert, said in pairs) / len(pairs) if pairs else 0.0

    def constant_rate(self, dimension: str) -> float:
        """What always answering the commoner expert verdict would agree on."""
        counts = Counter(expert for expert, _said in self.pairs(dimension))
        return max(counts.values()) / sum(counts.values()) if counts else 0.0

    def disagreements(self) -> list[tuple[str, str, str, str, float]]:
        return [(plan.slug, name, plan.expert[name], plan.scorer[name], plan.scores[name])
                for plan in self.plans for name in plan.expert
                if plan.expert[name] != plan.scorer[name]]

    def table(self) -> str:
        lines = [f"{'dimension':<20}{'pairs':>6}{'yes/no':>8}{'agree':>8}{'constant':>10}"]
        for name in DIMENSIONS:
            pairs = self.pairs(name)
            yes = sum(expert == "yes" for expert, _ in pairs)
            lines.append(f"{name:<20}{len(pairs):>6}{f'{yes}/{len(pairs) - yes}':>8}"
                         f"{self.rate(name):>8.0%}{self.constant_rate(name):>10.0%}")
        lines.append(f"{'overall':<20}{len(self.pairs()):>6}{'':>8}{self.rate():>8.0%}")
        return "\n".join(lines)


def dimension_scores(card, checklist: Checklist, plan: Plan) -> dict[str, float]:
    """Each dimension's score in `card` (of `plan`): the best of its criteria's scores,
    or of their first questions' answers where those are what the experts code."""
    criterion_of = {criterion.id: criterion for criterion in checklist.criteria}
    by_rule: dict[str, list[float]] = {}
    for result in card.criteria:
        criterion = criterion_of[result.id]
        question = FIRST_QUESTIONS.get(criterion.rule)
        by_rule.setdefault(criterion.rule, []).append(
            question(plan, **criterion.params).score if question else result.score)
    found = {}
    for name, rules in DIMENSIONS.items():
        scores = [value for rule in rules for value in by_rule.get(rule, [])]
        if scores:
            found[name] = max(scores)
    return found


def load_expert(path: Path) -> dict[str, str]:
    verdicts = yaml.safe_load(path.read_text(encoding="utf-8"))["verdicts"]
    return {name: item["verdict"] for name, item in verdicts.items()
            if name in DIMENSIONS and item.get("verdict") in ("yes", "no")}


def agreement(folder: Path, checklist: Checklist) -> Agreement:
    """Score every plan of the calibration set in `folder` against its expert verdicts."""
    result = Agreement()
    for plan_file in sorted((folder / "plans").glob("*.json")):
        slug = plan_file.stem
        document = parse_document(plan_file.read_bytes())
        card = score(document, checklist)
        scores = dimension_scores(card, checklist, Plan(document))
        expert = {name: verdict for name, verdict in
                  load_expert(folder / "sources" / f"{slug}.yaml").items() if name in scores}
        result.plans.append(PlanVerdicts(
            slug, expert, {name: "yes" if value >= YES_AT else "no"
                           for name, value in scores.items()}, scores, card.overall))
    return result

