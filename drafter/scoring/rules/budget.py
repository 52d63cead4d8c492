"""Rules on costing and financing: costed actions, named and secured funding with the
gap stated, links to the national budget cycle, money for civil society, and the cost
of coordination and monitoring themselves.

Shares here are taken over *all* actions, not over the costed ones: adding a cost to an
action that had none can then only raise a score, never dilute one.
"""

from __future__ import annotations

from decimal import Decimal

from ...plan import vocab
from ..i18n import _, labeller
from .base import (
    RuleResult,
    check,
    combine,
    count_up_to,
    covered,
    no_actions,
    note,
    share,
    text_length,
)
from .plan import Plan
from .registry import rule


def money(amount: Decimal, currency: str | None) -> str:
    return f"{amount:,.0f} {currency or ''}".strip()


def costed_categories(plan: Plan) -> set[str]:
    return {line.category for line in plan.lines if line.amount}


@rule
def costed_actions(plan: Plan, *, currency_weight: float = 0.1) -> RuleResult:
    """Each action carries a cost estimate, in a stated currency."""
    total, _secured = plan.money_totals
    coverage = share(plan.actions, [row.id in plan.costed_action_ids for row in plan.actions],
                     _("Budget covers %(done)d of %(total)d actions"), no_actions())
    currency = plan.budget.currency
    return combine([
        coverage,
        (check(bool(currency), _("Total cost: %(total)s.", total=money(total, currency)),
               _("No currency is stated for the budget.")), currency_weight),
    ])


@rule
def funding(plan: Plan, *, secured_threshold: float = 0.5, gap_chars: int = 80) -> RuleResult:
    """Costs are matched with named funding sources, a share is secured, and the funding
    gap is stated openly."""

    by_action = plan.money_by_action
    nothing = (Decimal(0), Decimal(0), False)
    threshold = Decimal(str(secured_threshold))

    def named_source(action) -> bool:
        return by_action.get(action.id, nothing)[2]

    def secured(action) -> bool:
        cost, got, _named = by_action.get(action.id, nothing)
        return cost > 0 and got >= cost * threshold

    total, got = plan.money_totals
    currency = plan.budget.currency
    return combine([
        share(plan.actions, named_source,
              _("%(done)d of %(total)d actions have a named funding source"), no_actions()),
        share(plan.actions, secured,
              _("%(done)d of %(total)d actions have at least %(pct)d%% of their cost secured"),
              no_actions(), pct=round(secured_threshold * 100)),
        note(_("Secured %(got)s of %(total)s in all.", got=money(got, currency),
               total=money(total, currency))),
        text_length(plan.budget.funding_gap_statement, gap_chars,
                    _("The funding gap is stated (%(chars)d characters)."),
                    _("The funding gap is not stated.")),
    ])


@rule
def budget_integration(plan: Plan, *, min_links: int = 2, min_chars: int = 200) -> RuleResult:
    """The plan's money is anchored in the national budget cycle (MTEF, budget law,
    gender budget tagging), not left to goodwill."""
    budget = plan.budget
    return combine([
        count_up_to(len(budget.budget_links), min_links,
                    _("%(count)d links to the budget system (%(wanted)d wanted).")),
        text_length(budget.budget_cycle_notes, min_chars,
                    _("Budget-cycle arrangements described (%(chars)d characters)."),
                    _("How the plan meets the national budget cycle is not described.")),
    ])


@rule
def civil_society_funding(plan: Plan) -> RuleResult:
    """Money for women's organisations to implement and to take part in monitoring."""
    lines = [line for line in plan.lines if line.category == "civil_society" and line.amount]
    return combine([
        (check(bool(lines), _("%(n)d budget lines fund civil society.", n=len(lines)),
               _("No budget line funds civil-society participation or grants.")), 2.0),
        check(any(line.secured for line in lines), _("Part of that money is secured."),
              _("None of the money for civil society is secured.")),
    ])


@rule
def system_costs(plan: Plan, *, categories: list[vocab.COST_CATEGORIES.type] = [
        "coordination", "monitoring_evaluation"]) -> RuleResult:
    """The budget pays for the plan's own machinery: coordination, data and evaluation."""
    return covered(costed_categories(plan), categories,
                   _("%(done)d of %(total)d system costs budgeted"),
                   labeller(vocab.COST_CATEGORIES))
