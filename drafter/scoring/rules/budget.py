"""Rules on costing and financing: costed actions, named and secured funding with the
gap stated, links to the national budget cycle, money for civil society, and the cost
of coordination and monitoring themselves.

Row-level evidence (a budget line per action) is what a reviewer prefers: it lets each
action be traced to money. Many plans give only plan-level figures ("EUR 10 million in
a dedicated fund, all secured"); those earn `aggregate_credit` of full marks, never
nothing, and the evidence says which kind of evidence was used. A part takes the better
of the two, so adding a budget line can only raise a score.

Shares here are taken over *all* actions, not over the costed ones: adding a cost to an
action that had none can then only raise a score, never dilute one.
"""

from __future__ import annotations

from decimal import Decimal

from ...i18n import N_, number
from ...plan import vocab
from ..i18n import _, labeller
from .base import (
    RuleResult,
    better,
    combine,
    count_up_to,
    covered,
    no_actions,
    note,
    quoted,
    share,
)
from .plan import ZERO, Plan
from .reading import Reading, read, read_field
from .registry import rule

FUNDING_GAP = Reading.model_validate({"wanted": 2, "look_for": [
    {"what": N_("amounts"), "signals": ["money", "percentages"]},
    {"what": N_("the gap named as such"), "terms": [
        "gap", "shortfall", "unfunded", "not yet funded", "no funding", "to be mobilised",
        "to be found", "deficit"]},
    {"what": N_("how it will be closed"), "terms": [
        "mobilis", "mobiliz", "round table", "donor", "partner", "appeal", "allocat", "apply",
        "application", "fund"]},
]})

BUDGET_CYCLE = Reading.model_validate({"wanted": 2, "look_for": [
    {"what": N_("budget instruments"), "terms": [
        "MTEF", "medium-term", "budget law", "appropriation", "budget call", "budget circular",
        "ceiling", "tagg", "tagged", "IFMIS", "programme budget", "fiscal year",
        "budget submission", "budget proposal", "vote"]},
    {"what": N_("who acts"), "signals": ["institutions"]},
    {"what": N_("when in the cycle"), "signals": ["dates", "frequencies"]},
]})

CIVIL_SOCIETY_MONEY = ["grant", "women's organi", "womens organi", "civil society",
                       "civil-society", "small grants", "WPHF", "Women's Peace and Humanitarian"]
SYSTEM_COST_TERMS = {
    "coordination": ["coordination", "secretariat", "steering committee"],
    "monitoring_evaluation": ["monitoring", "evaluation", "data collection", "M&E", "survey"],
    "civil_society": CIVIL_SOCIETY_MONEY,
    "dissemination": ["dissemination", "translation", "localisation", "launch"],
}


def money(amount: Decimal, currency: str | None) -> str:
    return f"{number(amount)} {currency or ''}".strip()


def costed_categories(plan: Plan) -> set[str]:
    return {line.category for line in plan.lines if line.amount}


def plan_cost(plan: Plan) -> Decimal:
    """What the plan costs by its own plan-level figures (zero if it gives none). The sum
    of a few budget lines is not a plan costed in aggregate."""
    budget = plan.budget
    return max(budget.total_cost or ZERO, budget.dedicated_budget_amount or ZERO)


def in_aggregate(plan: Plan) -> str | None:
    """One sentence on the plan-level money ("Costed in aggregate: EUR 10,000,000 in a
    dedicated fund (National WPS Fund), 100% secured"), or None if there is none."""
    budget = plan.budget
    currency = budget.currency
    pieces = []
    if budget.total_cost:
        pieces.append(money(budget.total_cost, currency))
    if budget.dedicated_budget == "yes":
        fund = budget.dedicated_budget_name or _("unnamed")
        if budget.dedicated_budget_amount and budget.dedicated_budget_amount != budget.total_cost:
            pieces.append(_("%(amount)s of it in a dedicated budget line (%(name)s)",
                            amount=money(budget.dedicated_budget_amount, currency), name=fund))
        else:
            pieces.append(_("in a dedicated budget line (%(name)s)", name=fund))
    cost, secured = aggregate_secured(plan)
    if cost and secured is not None:
        pieces.append(_("%(pct)d%% secured", pct=round(100 * secured / cost)))
    if not pieces:
        return None
    if not plan_cost(plan):
        return _("In aggregate: %(what)s, with no amount given.", what=", ".join(pieces))
    return _("Costed in aggregate: %(what)s.", what=", ".join(pieces))


def aggregate_secured(plan: Plan) -> tuple[Decimal, Decimal | None]:
    """(cost, secured) in plan-level figures: the totals, else the dedicated budget line."""
    budget = plan.budget
    if budget.total_cost and budget.total_secured is not None:
        return budget.total_cost, budget.total_secured
    if budget.dedicated_budget_amount and budget.dedicated_budget_secured is not None:
        return budget.dedicated_budget_amount, budget.dedicated_budget_secured
    return budget.total_cost or budget.dedicated_budget_amount or ZERO, None


def untraced(rows: RuleResult, credit: float) -> str:
    if rows.score:
        return _("Only some actions have a cost of their own: the plan-level figures earn "
                 "%(pct)d%% of full marks.", pct=round(credit * 100))
    return _("No cost per action, so actions cannot be traced to money: the plan-level "
             "figures earn %(pct)d%% of full marks.", pct=round(credit * 100))


@rule
def costed_actions(plan: Plan, *, currency_weight: float = 0.1,
                   aggregate_credit: float = 0.8) -> RuleResult:
    """Each action carries a cost estimate, in a stated currency; a plan costed only as a
    whole earns `aggregate_credit` for a total or a dedicated budget line (money allocated
    to the plan, with or without its amount), half of it for only saying it is costed or
    for money set aside in lines not tied to actions."""
    budget = plan.budget
    rows = share(plan.actions, [row.id in plan.costed_action_ids for row in plan.actions],
                 _("Budget covers %(done)d of %(total)d actions"), no_actions())
    summary = in_aggregate(plan)
    untied = sum((line.amount for line in plan.lines if line.amount and not line.action_id),
                 ZERO)
    if plan_cost(plan):
        aggregate = RuleResult(aggregate_credit, tuple(
            sentence for sentence in (summary, untraced(rows, aggregate_credit)) if sentence))
    elif budget.dedicated_budget == "yes":
        # Money allocated to the plan: more than a costing, though its amount is not given.
        aggregate = RuleResult(aggregate_credit, (_(
            "The plan has a dedicated budget line (%(name)s), with no amount given; no cost "
            "per action, so actions cannot be traced to money: the plan-level evidence earns "
            "%(pct)d%% of full marks.", name=budget.dedicated_budget_name or _("unnamed"),
            pct=round(aggregate_credit * 100)),))
    elif budget.costing_done == "yes":
        aggregate = RuleResult(aggregate_credit / 2, (_(
            "The plan says it has been costed, but gives no total: half the plan-level "
            "credit."),))
    elif untied:
        aggregate = RuleResult(aggregate_credit / 2, (_(
            "Budget lines not tied to an action set %(amount)s aside, but the plan gives no "
            "total: half the plan-level credit.", amount=money(untied, budget.currency)),))
    elif budget.costing_done == "no":
        aggregate = RuleResult(0.0, (_("No: the plan says it has not been costed."),))
    else:
        aggregate = RuleResult(0.0, (_("The plan does not say whether it has been costed."),))
    coverage = better(rows, aggregate) if rows.score < 1 else rows
    currency = budget.currency
    total = max(plan_cost(plan), plan.money_totals[0])
    return combine([
        coverage,
        (RuleResult(1.0, (_("Total cost: %(total)s.", total=money(total, currency)),))
         if currency else RuleResult(0.0, (_("No currency is stated for the budget."),)),
         currency_weight),
    ])


def named_sources(plan: Plan, credit: float) -> RuleResult:
    """Funding sources named for the plan as a whole: a dedicated budget line, or budget
    lines with a source that are not tied to one action."""
    budget = plan.budget
    if budget.dedicated_budget == "yes":
        return RuleResult(credit, (_("In aggregate, a dedicated budget line pays for the plan "
                                     "(%(name)s).", name=budget.dedicated_budget_name
                                     or _("unnamed")),))
    sources = {line.funding_source for line in plan.lines if not line.action_id
               and line.amount and line.funding_source not in (None, "unidentified")}
    if sources:
        names = ", ".join(sorted(labeller(vocab.FUNDING_SOURCES)(key) for key in sources))
        return RuleResult(credit, (_("In aggregate, budget lines not tied to an action name "
                                     "their sources: %(names)s.", names=names),))
    if budget.dedicated_budget == "no":
        return RuleResult(0.0, (_("No: the plan says it has no dedicated budget line."),))
    return RuleResult(0.0, (_("The plan does not say whether it has a dedicated budget line."),))


def secured_in_aggregate(plan: Plan, threshold: Decimal, credit: float) -> RuleResult:
    cost, secured = aggregate_secured(plan)
    if not cost:
        return RuleResult(0.0, ())
    if secured is None:
        return RuleResult(0.0, (_("The plan gives its cost as a whole, but not how much of it "
                                  "is secured."),))
    currency = plan.budget.currency
    ratio = secured / cost
    sentence = _("In aggregate, %(got)s of %(total)s is secured (%(pct)d%%).",
                 got=money(secured, currency), total=money(cost, currency),
                 pct=round(100 * ratio))
    return RuleResult(credit * float(min(Decimal(1), ratio / threshold)), (sentence,))


def gap_stated(plan: Plan, spec: Reading | dict, credit: float) -> RuleResult:
    """The funding gap: stated in the plan's words (its funding-gap statement and its plan
    for mobilising resources, read together: how the gap will be closed is often said in
    the second), or shown by its figures (a total cost and an amount secured, plan-level
    or in budget lines), which earn `credit`: a reader can work the gap out, but the plan
    does not say it or how it will be closed."""
    budget = plan.budget
    said = read([(_("Funding-gap statement"), plan.text(budget.funding_gap_statement)),
                 (_("Resource mobilisation"), plan.text(budget.resource_mobilisation))],
                spec, _("The funding gap is not stated."),
                title=_("Funding gap and resource mobilisation"))
    if said.score >= 1:
        return said
    cost, secured = aggregate_secured(plan)
    where = _("plan-level figures")
    if not cost or secured is None:
        # Budget lines show a gap only once something is secured; the credit does not
        # depend on how much, so a new, unfunded line can never lower it.
        cost, secured = plan.money_totals
        where = _("budget lines")
        if not cost or not secured:
            return said
    currency = budget.currency
    if secured >= cost:
        sentence = _("Fully funded by its %(where)s: no gap to close, though the plan does not "
                     "say so in words (%(pct)d%% of full marks).", where=where,
                     pct=round(credit * 100))
    else:
        sentence = _("The %(where)s show a gap of %(gap)s, but the plan does not state it or "
                     "say how it will be closed (%(pct)d%% of full marks).", where=where,
                     gap=money(cost - secured, currency), pct=round(credit * 100))
    return better(said, RuleResult(credit, (sentence,)))


@rule
def funding(plan: Plan, *, secured_threshold: float = 0.5, aggregate_credit: float = 0.6,
            funding_gap: Reading = FUNDING_GAP) -> RuleResult:
    """Costs are matched with named funding sources, a share is secured, and the funding
    gap is stated openly; plan-level figures (a dedicated budget line, the total cost and
    the amount secured) earn part of the credit where actions have no money of their own."""

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
    summary = in_aggregate(plan)
    return combine([
        *([note(summary)] if summary else []),
        better(share(plan.actions, named_source,
                     _("%(done)d of %(total)d actions have a named funding source"), no_actions()),
               named_sources(plan, aggregate_credit)),
        better(share(plan.actions, secured,
                     _("%(done)d of %(total)d actions have at least %(pct)d%% of their cost "
                       "secured"), no_actions(), pct=round(secured_threshold * 100)),
               secured_in_aggregate(plan, threshold, aggregate_credit)),
        *([note(_("Secured %(got)s of %(total)s in budget lines.", got=money(got, currency),
                  total=money(total, currency)))] if total else []),
        gap_stated(plan, funding_gap, aggregate_credit),
    ])


@rule
def budget_integration(plan: Plan, *, min_links: int = 2,
                       budget_cycle_notes: Reading = BUDGET_CYCLE) -> RuleResult:
    """The plan's money is anchored in the national budget cycle (MTEF, budget law,
    gender budget tagging, a dedicated budget line), not left to goodwill."""
    budget = plan.budget
    links = set(budget.budget_links)
    evidence = []
    if budget.dedicated_budget == "yes" and "earmarked_fund" not in links:
        links.add("earmarked_fund")
        evidence.append(note(_("The dedicated budget line (%(name)s) counts as a link.",
                               name=budget.dedicated_budget_name or _("unnamed"))))
    return combine([
        count_up_to(len(links), min_links,
                    _("%(count)d links to the budget system (%(wanted)d wanted).")),
        *evidence,
        read_field(plan, budget.budget_cycle_notes, budget_cycle_notes,
                   _("Budget-cycle notes"),
                   _("How the plan meets the national budget cycle is not described.")),
    ])


def mentioned_with_money(plan: Plan, terms: list[str]) -> list[str]:
    """Sentences of the budget's prose (its statements of the gap, of resource
    mobilisation and of the budget cycle) that name `terms` together with an amount."""
    budget = plan.budget
    found = []
    for value in (budget.funding_gap_statement, budget.resource_mobilisation,
                  budget.budget_cycle_notes, budget.dedicated_budget_name):
        text = plan.text(value)
        found += [sentence for sentence in text.sentences_with(tuple(terms))
                  if text.has_money(sentence)]
    return found


@rule
def civil_society_funding(plan: Plan, *, terms: list[str] = CIVIL_SOCIETY_MONEY,
                          aggregate_credit: float = 0.5) -> RuleResult:
    """Money for women's organisations to implement and to take part in monitoring: a
    budget line, or an amount for them named in the budget's text (part of the credit)."""
    lines = [line for line in plan.lines if line.category == "civil_society" and line.amount]
    if lines:
        return combine([
            (RuleResult(1.0, (_("%(n)d budget lines fund civil society.", n=len(lines)),)), 2.0),
            RuleResult(1.0, (_("Part of that money is secured."),))
            if any(line.secured for line in lines) else
            RuleResult(0.0, (_("None of the money for civil society is secured."),)),
        ])
    said = mentioned_with_money(plan, terms)
    if said:
        return combine([
            (RuleResult(aggregate_credit, (_(
                "No budget line funds civil society, but the budget's text sets money aside "
                "for it: %(quote)s (plan-level evidence: %(pct)d%% of full marks).",
                quote=quoted(said[0]), pct=round(aggregate_credit * 100)),)), 2.0),
            RuleResult(0.0, (_("The plan does not say whether that money is secured."),)),
        ])
    return combine([
        (RuleResult(0.0, (_("No budget line funds civil-society participation or grants."),)),
         2.0),
        RuleResult(0.0, (_("None of the money for civil society is secured."),)),
    ])


@rule
def system_costs(plan: Plan, *, categories: list[vocab.COST_CATEGORIES.type] = [
        "coordination", "monitoring_evaluation"],
        terms: dict[vocab.COST_CATEGORIES.type, list[str]] = SYSTEM_COST_TERMS,
        aggregate_credit: float = 0.5) -> RuleResult:
    """The budget pays for the plan's own machinery: coordination, data and evaluation;
    a cost named with an amount in the budget's text earns part of the credit."""
    lines = costed_categories(plan)
    result = covered(lines, categories, _("%(done)d of %(total)d system costs budgeted"),
                     labeller(vocab.COST_CATEGORIES))
    if result.score >= 1:
        return result
    extra, evidence = 0.0, []
    for key in categories:
        if key in lines:
            continue
        said = mentioned_with_money(plan, terms.get(key, []))
        if said:
            extra += aggregate_credit
            evidence.append(_("No budget line for %(what)s, but the budget's text costs it: "
                              "%(quote)s.", what=labeller(vocab.COST_CATEGORIES)(key).lower(),
                              quote=quoted(said[0])))
    return RuleResult(result.score + extra / len(categories), result.evidence + tuple(evidence))
