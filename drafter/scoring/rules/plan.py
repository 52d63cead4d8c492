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
from itertools import product

from ...plan.schema import Action, BudgetLine, Indicator, Objective, PlanDocument
from .prose import Lexicon, Text
from .words import has_value

# The elements of a SMART indicator, in the order evidence lists what one lacks.
SMART_ELEMENTS = ("unit", "baseline", "baseline_year", "target", "target_year", "data_source",
                  "frequency", "disaggregation")
# Which elements are missing, for each combination of present (True) and absent (False).
MISSING = {present: tuple(name for name, there in zip(SMART_ELEMENTS, present) if not there)
           for present in product((False, True), repeat=len(SMART_ELEMENTS))}

# Words that give a reason, in a pillar's own description ("merged because the same
# community structures carry both"): a description that only lists content explains
# nothing. The adaptation rationale is the field for reasons, so any real text counts.
REASON_TERMS = ("because", "since", "so that", "in order to", "reason", "found", "given",
                "reflect", "to keep", "allow", "as a result", "avoid", "merg", "combin",
                "together", "overlap", "share")

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
        self._texts: dict[str, Text] = {}  # each text read once per scoring run

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
    def _smart(self) -> tuple[list[tuple[str, ...]], list[tuple[int, str]]]:
        """`smart` and `unvalued`, worked out in one pass over the indicators."""
        lacking = []
        unvalued = []
        missing = MISSING  # a lookup per indicator: plans have hundreds of them
        for index, row in enumerate(self.indicators):
            baseline, target = row.baseline, row.target
            has_baseline, has_target = has_value(baseline), has_value(target)
            if baseline and not has_baseline:
                unvalued.append((index, baseline))
            if target and not has_target:
                unvalued.append((index, target))
            lacking.append(missing[(
                bool(row.unit), has_baseline, row.baseline_year is not None, has_target,
                row.target_year is not None, bool(row.data_source), row.frequency is not None,
                bool(row.disaggregation))])
        return lacking, unvalued

    @property
    def smart(self) -> list[tuple[str, ...]]:
        """Per indicator, in order, the SMART elements it lacks (`SMART_ELEMENTS`): a
        baseline or target counts only when it states a value, not "TBD" or "increase"."""
        return self._smart[0]

    @property
    def unvalued(self) -> list[tuple[int, str]]:
        """(indicator index, text) of each baseline or target given without a value
        ("TBD", "increase")."""
        return self._smart[1]

    @cached_property
    def action_themes(self) -> set[str]:
        return {theme for action in self.actions for theme in action.themes}

    @cached_property
    def pillar_reasons(self) -> dict[str, str | None]:
        """Pillar id -> where the plan explains it (None: nowhere), for each pillar that
        departs from the standard four: merged (several standard pillars) or its own (none).
        """
        pillars = self.document.pillars
        general = self.text(pillars.adaptation_rationale).real
        reasons: dict[str, str | None] = {}
        for pillar in pillars.pillars:
            if len(pillar.standards) == 1:
                continue
            if self.text(pillar.description).terms(REASON_TERMS):
                reasons[pillar.id] = pillar.description
            else:
                reasons[pillar.id] = pillars.adaptation_rationale if general else None
        return reasons

    @cached_property
    def lexicon(self) -> Lexicon:
        """What the plan names (places, objectives, codes), for reading its prose."""
        return Lexicon(self.document)

    def text(self, value: str) -> Text:
        """`value` (a field's text) read once per scoring run, whichever rules ask."""
        found = self._texts.get(value)
        if found is None:
            found = self._texts[value] = Text(value, lambda: self.lexicon)
        return found


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
