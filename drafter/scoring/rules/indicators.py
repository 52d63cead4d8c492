"""Rules on indicators: one per objective (outcome) and per action (output), with
baselines and targets, a data source, an owner, a frequency and disaggregation, and
links to the UN global indicators on resolution 1325 (S/2010/498).
"""

from __future__ import annotations

import math
from operator import attrgetter
from typing import Literal

from ..i18n import _
from .base import RuleResult, combine, no_actions, no_indicators, share
from .plan import Plan
from .registry import rule

DATA_FIELDS = ["data_source", "responsible", "frequency", "disaggregation"]


@rule
def indicator_coverage(plan: Plan, *, objective_weight: float = 1.0,
                       action_weight: float = 1.0) -> RuleResult:
    """Each objective has an outcome indicator and each action an output indicator."""
    if not plan.objectives and not plan.actions:
        return RuleResult(0.0, (_("There are no objectives or actions to measure yet."),))
    return combine([
        (share(plan.objectives, [row.id in plan.measured["outcome"] for row in plan.objectives],
               _("%(done)d of %(total)d objectives have an outcome indicator"),
               _("There are no objectives to measure.")), objective_weight),
        (share(plan.actions, [row.id in plan.measured["output"] for row in plan.actions],
               _("%(done)d of %(total)d actions have an output indicator"),
               _("There are no actions to measure.")), action_weight),
    ])


@rule
def baselines_and_targets(plan: Plan, *, require_years: bool = True) -> RuleResult:
    """Indicators have a baseline and a target (with their years), so change can be
    measured; and each action is tracked by at least one such indicator."""

    indicators = plan.indicators
    # One pass each; a year is demanded only when require_years is set.
    baselines = [bool(row.baseline) and (row.baseline_year is not None or not require_years)
                 for row in indicators]
    targets = [bool(row.target) and (row.target_year is not None or not require_years)
               for row in indicators]
    tracked = {row.action_id for row, base, target in zip(indicators, baselines, targets)
               if base and target and row.action_id}
    return combine([
        share(indicators, baselines,
              _("%(done)d of %(total)d indicators have a baseline") if not require_years else
              _("%(done)d of %(total)d indicators have a baseline with its year"), no_indicators()),
        share(indicators, targets,
              _("%(done)d of %(total)d indicators have a target") if not require_years else
              _("%(done)d of %(total)d indicators have a target with its year"), no_indicators()),
        share(plan.actions, [row.id in tracked for row in plan.actions],
              _("%(done)d of %(total)d actions have an indicator with a baseline and a target"),
              no_actions()),
    ])


@rule
def indicator_data(plan: Plan, *, fields: list[Literal["data_source", "responsible", "frequency",
                                                       "disaggregation"]] = DATA_FIELDS
                   ) -> RuleResult:
    """Each indicator says where its data come from, who collects them, how often, and
    how they are disaggregated (sex, age, ...)."""
    sentences = {
        "data_source": _("%(done)d of %(total)d indicators name a data source"),
        "responsible": _("%(done)d of %(total)d indicators name who collects the data"),
        "frequency": _("%(done)d of %(total)d indicators say how often data are collected"),
        "disaggregation": _("%(done)d of %(total)d indicators are disaggregated"),
    }
    if not plan.indicators:
        return RuleResult(0.0, (no_indicators(),))
    return combine([share(plan.indicators, list(map(attrgetter(name), plan.indicators)),
                          sentences[name], no_indicators()) for name in fields])


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
