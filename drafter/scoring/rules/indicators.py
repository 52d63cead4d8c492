"""Rules on indicators: one per objective (outcome) and per action (output), with
baselines and targets that state values, a unit, a data source, an owner, a frequency
and disaggregation, and links to the UN global indicators on resolution 1325
(S/2010/498). `indicator_data` ends with a SMART check of each indicator, naming what
each one lacks.

Indicators typed in as rows are the evidence reviewers prefer. A plan described only as a
whole ("64 indicators, each with a baseline and a target", the `stated` answers of the
indicators section) earns `aggregate_credit` of full marks where there are no rows.
"""

from __future__ import annotations

import math
from operator import attrgetter
from typing import Literal

from ..i18n import _
from .base import (
    MAX_NAMED,
    RuleResult,
    answered,
    better,
    combine,
    label,
    no_actions,
    no_indicators,
    note,
    share,
)
from .plan import SMART_ELEMENTS, Plan
from .registry import rule

DATA_FIELDS = ["unit", "data_source", "responsible", "frequency", "disaggregation"]


def smart_names() -> dict[str, str]:
    return {"unit": _("unit"), "baseline": _("baseline value"),
            "baseline_year": _("baseline year"), "target": _("target value"),
            "target_year": _("target year"), "data_source": _("data source"),
            "frequency": _("frequency"), "disaggregation": _("disaggregation")}


def smart_check(plan: Plan) -> RuleResult:
    """Evidence, not score: each indicator's SMART elements, naming what the first few lack
    ("1.1a lacks unit, baseline year")."""
    lacking = plan.smart
    names = smart_names()
    incomplete = [(index, missing) for index, missing in enumerate(lacking) if missing]
    text = _("SMART check of each indicator (%(elements)s): %(done)d of %(total)d complete",
             elements=", ".join(names[key] for key in SMART_ELEMENTS),
             done=len(lacking) - len(incomplete), total=len(lacking))
    if incomplete:
        shown = "; ".join(_("%(row)s lacks %(what)s", row=label(plan.indicators[index], index),
                            what=", ".join(names[key] for key in missing))
                          for index, missing in incomplete[:MAX_NAMED])
        text = f"{text}; {shown}"
        if len(incomplete) > MAX_NAMED:
            text = _("%(shown)s; and %(more)d more", shown=text, more=len(incomplete) - MAX_NAMED)
    return RuleResult(0.0, (f"{text}.",))


def not_values(plan: Plan) -> list[str]:
    """Baselines and targets filled in without a value ("TBD", "increase"), quoted."""
    return [f"'{value}' ({label(plan.indicators[index], index)})"
            for index, value in plan.unvalued[:MAX_NAMED]]


def indicators_stated(plan: Plan, credit: float) -> RuleResult:
    """What the plan says of its indicators as a whole, where none are typed in as rows."""
    indicators = plan.document.indicators
    if plan.indicators:
        return RuleResult(0.0, ())
    count = indicators.stated_count
    said = answered(
        "yes" if count else indicators.stated,
        _("The plan sets %(count)d indicators, not typed in as rows: %(pct)d%% of full marks.",
          count=count, pct=round(credit * 100)) if count else
        _("The plan says it sets indicators, not typed in as rows: %(pct)d%% of full marks.",
          pct=round(credit * 100)),
        _("No: the plan says it sets no indicators."),
        _("The plan does not say whether it sets indicators."))
    return RuleResult(said.score * credit, said.evidence)


@rule
def indicator_coverage(plan: Plan, *, objective_weight: float = 1.0,
                       action_weight: float = 1.0, aggregate_credit: float = 0.5) -> RuleResult:
    """Each objective has an outcome indicator and each action an output indicator; a plan
    that only says how many indicators it sets earns part of the credit."""
    stated = indicators_stated(plan, aggregate_credit)
    if not plan.objectives and not plan.actions:
        return better(RuleResult(0.0, (_("There are no objectives or actions to measure yet."),)),
                      stated)
    return better(combine([
        (share(plan.objectives, [row.id in plan.measured["outcome"] for row in plan.objectives],
               _("%(done)d of %(total)d objectives have an outcome indicator"),
               _("There are no objectives to measure.")), objective_weight),
        (share(plan.actions, [row.id in plan.measured["output"] for row in plan.actions],
               _("%(done)d of %(total)d actions have an output indicator"),
               _("There are no actions to measure.")), action_weight),
    ]), stated)


def values_stated(plan: Plan, credit: float) -> RuleResult:
    """What the plan says of its indicators' baselines and targets as a whole, where none
    are typed in as rows. Targets weigh twice baselines here: a target is what makes an
    indicator measure a result, and what reviewers look for first."""
    if plan.indicators:
        return RuleResult(0.0, ())
    indicators = plan.document.indicators
    result = combine([
        answered(indicators.with_baselines,
                 _("The plan says its indicators have baselines (not typed in as rows)."),
                 _("No: the plan says its indicators have no baselines."),
                 _("The plan does not say whether its indicators have baselines.")),
        (answered(indicators.with_targets,
                  _("The plan says its indicators have targets (not typed in as rows)."),
                  _("No: the plan says its indicators have no targets."),
                  _("The plan does not say whether its indicators have targets.")), 2.0),
    ])
    if result.score:
        result = RuleResult(result.score * credit, result.evidence + (_(
            "Plan-level answers earn %(pct)d%% of full marks.", pct=round(credit * 100)),))
    return result


@rule
def baselines_and_targets(plan: Plan, *, require_years: bool = True,
                          aggregate_credit: float = 0.75) -> RuleResult:
    """Indicators have a baseline and a target (with their years), so change can be
    measured; and each action is tracked by at least one such indicator. A plan that only
    says its indicators have baselines and targets earns part of the credit."""

    indicators = plan.indicators
    # From the SMART check, worked out once per plan; a year is demanded only when
    # require_years is set. A baseline or target counts only when it states a value.
    wanted = ({"baseline", "baseline_year"}, {"target", "target_year"}) if require_years \
        else ({"baseline"}, {"target"})
    baselines = [wanted[0].isdisjoint(missing) for missing in plan.smart]
    targets = [wanted[1].isdisjoint(missing) for missing in plan.smart]
    tracked = {row.action_id for row, base, target in zip(indicators, baselines, targets)
               if base and target and row.action_id}
    parts = [
        share(indicators, baselines,
              _("%(done)d of %(total)d indicators have a baseline") if not require_years else
              _("%(done)d of %(total)d indicators have a baseline with its year"), no_indicators()),
        share(indicators, targets,
              _("%(done)d of %(total)d indicators have a target") if not require_years else
              _("%(done)d of %(total)d indicators have a target with its year"), no_indicators()),
        share(plan.actions, [row.id in tracked for row in plan.actions],
              _("%(done)d of %(total)d actions have an indicator with a baseline and a target"),
              no_actions()),
    ]
    unvalued = not_values(plan)
    if unvalued:
        parts.append(note(_("Given without a value: %(values)s.", values=", ".join(unvalued))))
    return better(combine(parts), values_stated(plan, aggregate_credit))


@rule
def indicator_data(plan: Plan, *, fields: list[Literal["unit", "data_source", "responsible",
                                                       "frequency", "disaggregation"]] = DATA_FIELDS
                   ) -> RuleResult:
    """Each indicator says what it counts in (its unit), where its data come from, who
    collects them, how often, and how they are disaggregated (sex, age, ...); the
    evidence ends with a SMART check of each indicator."""
    sentences = {
        "unit": _("%(done)d of %(total)d indicators state their unit"),
        "data_source": _("%(done)d of %(total)d indicators name a data source"),
        "responsible": _("%(done)d of %(total)d indicators name who collects the data"),
        "frequency": _("%(done)d of %(total)d indicators say how often data are collected"),
        "disaggregation": _("%(done)d of %(total)d indicators are disaggregated"),
    }
    if not plan.indicators:
        return RuleResult(0.0, (no_indicators(),))
    return combine([*(share(plan.indicators, list(map(attrgetter(name), plan.indicators)),
                            sentences[name], no_indicators()) for name in fields),
                    (smart_check(plan), 0.0)])


@rule
def global_alignment(plan: Plan, *, full_share: float = 0.25) -> RuleResult:
    """Indicators are mapped to the UN global indicators on 1325 (or SDG 5.5/16.7, AU
    CRF), full marks when `full_share` of them are."""
    result = share(plan.indicators, lambda indicator: bool(indicator.global_indicator),
                   _("%(done)d of %(total)d indicators are linked to a global indicator"),
                   no_indicators(),
                   # Most indicators need no global counterpart: naming them is noise.
                   name_failures=False)
    score = min(1.0, result.score / max(full_share, 0.01))
    if result.score and score < 1:
        wanted = math.ceil(full_share * len(plan.indicators) - 1e-9)
        return RuleResult(score, (_("%(sentence)s; full marks when %(wanted)d are (%(pct)d%% "
                                    "of them)", sentence=result.evidence[0], wanted=wanted,
                                    pct=round(full_share * 100)),))
    return RuleResult(score, result.evidence)
