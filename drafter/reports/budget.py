"""Budget figures for the reports: what each pillar and each funding source costs, what
is secured, and the funding gap (cost minus secured).

A budget line reaches a pillar through its action: line -> action -> objective ->
pillar. Lines that fund no action (coordination, monitoring, grants...) are totalled
by their cost category, and lines whose action has no objective or pillar yet are
totalled apart, so the rows always add up to the plan's total.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from babel import Locale
from babel.numbers import parse_pattern
from flask_babel import gettext as _

from ..plan import vocab as v
from ..plan.schema import PlanDocument
from .labels import current_locale, vocab_label, vocab_labels

ZERO = Decimal(0)


MONEY = parse_pattern("#,##0.##")


def money(value: Decimal | None) -> str:
    """An amount with the locale's grouping, as Flask-Babel's format_decimal writes it;
    the pattern is parsed once and the locale looked up once per request, since a
    budget annex formats hundreds of amounts (babel caches parsed locales)."""
    return MONEY.apply(value or ZERO, _babel_locale(current_locale()))


@functools.cache
def _babel_locale(code: str) -> Locale:
    return Locale.parse(code)


def _row(name: str, cost: Decimal, secured: Decimal) -> dict:
    share = f"{(100 * secured / cost):.0f}%" if cost else ""
    return {"name": name, "cost": money(cost), "secured": money(secured),
            "gap": money(cost - secured), "secured_share": share}


def _totals(groups: dict[str, list[Decimal]]) -> list[dict]:
    return [_row(name, cost, secured) for name, (cost, secured) in groups.items()]


def pillar_of_line(document: PlanDocument):
    """A function naming the pillar (or cost category) that a budget line counts under."""
    pillars = {p.id: p.name or _("(unnamed pillar)") for p in document.pillars.pillars}
    objective_pillar = {o.id: o.pillar_id for o in document.pillars.objectives}
    action_objective = {a.id: a.objective_id for a in document.actions.items}

    names: dict[tuple, str] = {}  # many lines share an action's pillar or a category

    def name(line) -> str:
        key = (line.action_id, None if line.action_id else line.category)
        if key not in names:
            if line.action_id:
                pillar_id = objective_pillar.get(action_objective.get(line.action_id))
                names[key] = pillars.get(pillar_id, _("Actions not yet under a pillar"))
            else:
                names[key] = _("Other costs: %(category)s",
                               category=vocab_label(v.COST_CATEGORIES, line.category))
        return names[key]

    return name


def _add(groups: dict[str, list[Decimal]], name: str, cost: Decimal, secured: Decimal) -> None:
    entry = groups.setdefault(name, [ZERO, ZERO])
    entry[0] += cost
    entry[1] += secured


def budget_totals(document: PlanDocument) -> dict:
    """Totals per pillar and per funding source, the overall gap, and every line."""
    budget = document.budget
    actions = {a.id: a for a in document.actions.items}
    pillar_name = pillar_of_line(document)
    # Pillars come first in the plan's own order, then the cost categories.
    by_pillar: dict[str, list[Decimal]] = {p.name or _("(unnamed pillar)"): [ZERO, ZERO]
                                           for p in document.pillars.pillars}
    by_source: dict[str, list[Decimal]] = {}
    lines, total_cost, total_secured = [], ZERO, ZERO
    for line in budget.lines:
        cost, secured = line.amount or ZERO, line.secured or ZERO
        total_cost += cost
        total_secured += secured
        pillar = pillar_name(line)
        _add(by_pillar, pillar, cost, secured)
        source = vocab_label(v.FUNDING_SOURCES, line.funding_source) or _("Source not stated")
        _add(by_source, source, cost, secured)
        action = actions.get(line.action_id or "")
        lines.append({
            "description": line.description, "pillar": pillar,
            "action": (action.code or action.title) if action else "",
            "category": vocab_label(v.COST_CATEGORIES, line.category),
            "source": source, "funder": line.funder,
            "cost": money(line.amount), "secured": money(line.secured),
            "gap": money(cost - secured)})
    by_pillar = {name: sums for name, sums in by_pillar.items() if sums != [ZERO, ZERO]}
    return {
        "currency": budget.currency or "",
        "links": vocab_labels(v.BUDGET_LINKS, budget.budget_links),
        "total": _row(_("Total"), total_cost, total_secured),
        "by_pillar": _totals(by_pillar),
        "by_source": _totals(by_source),
        "lines": lines,
    }
