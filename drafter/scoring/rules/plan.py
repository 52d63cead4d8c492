"""A read-only view of a plan document with its cross-references resolved once.

Rules ask questions such as "which indicators measure this action?" for every action.
Answering that by scanning all indicators per action would make scoring grow with
actions x indicators; the view builds each id -> rows map once, on first use, so every
rule stays linear in the size of the plan.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from functools import cached_property

from ...plan.schema import Action, BudgetLine, Indicator, Objective, PlanDocument

ZERO = Decimal(0)


def _group(rows, key: str) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for row in rows:
        value = getattr(row, key)
        if value:
            grouped[value].append(row)
    return grouped


class Plan:
    """The document plus the maps rules need; build one per scoring run."""

    def __init__(self, document: PlanDocument):
        self.document = document

    def __getattr__(self, name):
        # Sections read as attributes of the view: plan.consultation, plan.budget, ...
        # ("document" itself is excluded so a half-built view cannot recurse.)
        if name == "document":
            raise AttributeError(name)
        return getattr(self.document, name)

    @property
    def actions(self) -> list[Action]:
        return self.document.actions.items

    @property
    def objectives(self) -> list[Objective]:
        return self.document.pillars.objectives

    @property
    def indicators(self) -> list[Indicator]:
        return self.document.indicators.items

    @property
    def lines(self) -> list[BudgetLine]:
        return self.document.budget.lines

    @cached_property
    def actions_by_objective(self) -> dict[str, list[Action]]:
        return _group(self.actions, "objective_id")

    @cached_property
    def standard_pillar_of_objective(self) -> dict[str, str]:
        """Objective id -> the standard pillar (prevention, ...) its pillar maps to."""
        standard = {pillar.id: pillar.standard for pillar in self.document.pillars.pillars}
        return {objective.id: standard[objective.pillar_id] for objective in self.objectives
                if objective.pillar_id and standard.get(objective.pillar_id)}

    @cached_property
    def money_by_action(self) -> dict[str, tuple[Decimal, Decimal, bool]]:
        """Action id -> (cost, secured, a funding source is named), in one pass over lines."""
        money: dict[str, tuple[Decimal, Decimal, bool]] = {}
        nothing = (ZERO, ZERO, False)
        for line in self.lines:
            if not line.action_id:
                continue
            cost, secured, named = money.get(line.action_id, nothing)
            money[line.action_id] = (
                cost + line.amount if line.amount else cost,
                secured + line.secured if line.secured else secured,
                named or (line.funding_source or "unidentified") != "unidentified")
        return money

    @cached_property
    def costed_action_ids(self) -> set[str]:
        return {key for key, (cost, _secured, _named) in self.money_by_action.items() if cost > 0}

    @cached_property
    def money_totals(self) -> tuple[Decimal, Decimal]:
        """(total cost, total secured) over every budget line, actions or not."""
        return (sum((line.amount for line in self.lines if line.amount), ZERO),
                sum((line.secured for line in self.lines if line.secured), ZERO))

    @cached_property
    def measured(self) -> dict[str, set[str]]:
        """Ids of the actions with an output indicator ("output") and of the objectives
        with an outcome indicator ("outcome")."""
        found: dict[str, set[str]] = {"output": set(), "outcome": set()}
        for indicator in self.indicators:
            # indicator_level(), inlined: this loop runs over every indicator.
            action_id, objective_id = indicator.action_id, indicator.objective_id
            level = indicator.level or ("output" if action_id else
                                        "outcome" if objective_id else None)
            subject = action_id if level == "output" else objective_id
            if level and subject:
                found[level].add(subject)
        return found

    @cached_property
    def action_themes(self) -> set[str]:
        return {theme for action in self.actions for theme in action.themes}


def indicator_level(indicator: Indicator) -> str | None:
    """The indicator's level as stated, else as implied by what it measures.

    An indicator attached to an action measures its output, one attached to an
    objective its outcome; an explicit level wins when the drafter gave one.
    """
    if indicator.level:
        return indicator.level
    if indicator.action_id:
        return "output"
    if indicator.objective_id:
        return "outcome"
    return None
