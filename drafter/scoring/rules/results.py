"""Rules on the results logic: vision and theory of change, the pillar structure,
objectives that state results, and actions with a lead, dates and a dimension.
"""

from __future__ import annotations

from ...plan import vocab
from ..i18n import _
from ..i18n import label as vocab_label
from .base import RuleResult, check, combine, no_actions, share, text_length
from .plan import Plan, indicator_level
from .registry import rule


@rule
def vision_and_theory_of_change(plan: Plan, *, vision_chars: int = 60,
                                theory_chars: int = 400) -> RuleResult:
    """One clear vision, and an explanation of how the actions lead to the outcomes."""
    pillars = plan.pillars
    return combine([
        text_length(pillars.vision, vision_chars, _("Vision stated (%(chars)d characters)."),
                    _("The plan states no vision.")),
        text_length(pillars.theory_of_change, theory_chars,
                    _("Theory of change: %(chars)d characters."),
                    _("There is no theory of change.")),
    ])


@rule
def pillar_structure(plan: Plan) -> RuleResult:
    """Objectives are grouped under pillars: the four standard ones, or an adaptation
    whose reason is given."""
    objectives = plan.objectives
    if not objectives:
        return RuleResult(0.0, (_("There are no objectives to group under pillars."),))
    adapted = [pillar for pillar in plan.pillars.pillars if not pillar.standard]
    return combine([
        (share(objectives, lambda objective: bool(objective.pillar_id),
               _("%(done)d of %(total)d objectives sit under a pillar"), ""), 2.0),
        check(bool(plan.pillars.pillars)
              and (not adapted or bool(plan.pillars.adaptation_rationale)),
              _("The pillars follow the standard four or their adaptation is explained."),
              _("Pillars depart from the standard four without a stated reason.")),
    ])


@rule
def smart_objectives(plan: Plan) -> RuleResult:
    """Each objective states an outcome, is carried out by actions, and is measured by an
    outcome indicator with a target and a target year (measurable and time-bound)."""
    objectives = plan.objectives
    if not objectives:
        return RuleResult(0.0, (_("The plan has no objectives yet."),))

    time_bound = {indicator.objective_id for indicator in plan.indicators
                  if indicator.objective_id and indicator_level(indicator) == "outcome"
                  and indicator.target and indicator.target_year}

    return combine([
        share(objectives, lambda objective: bool(objective.outcome),
              _("%(done)d of %(total)d objectives state an outcome"), ""),
        share(objectives, lambda objective: objective.id in plan.actions_by_objective,
              _("%(done)d of %(total)d objectives have actions"), ""),
        share(objectives, [row.id in time_bound for row in objectives],
              _("%(done)d of %(total)d objectives have an outcome target with a year"), ""),
    ])


@rule
def responsible_actors(plan: Plan) -> RuleResult:
    """Each action names the institution that leads it."""
    return share(plan.actions, lambda action: bool(action.lead_institution),
                 _("%(done)d of %(total)d actions name a lead institution"),
                 no_actions())


@rule
def action_timelines(plan: Plan) -> RuleResult:
    """Each action has a start and an end date."""
    return share(plan.actions, lambda action: action.start is not None and action.end is not None,
                 _("%(done)d of %(total)d actions have start and end dates"),
                 no_actions())


@rule
def dimensions(plan: Plan) -> RuleResult:
    """Where the context says both matter, there are domestic and external actions
    (foreign policy, aid, peacekeeping)."""
    context = plan.context
    declared = [key for key, flag in (("domestic", context.domestic_dimension),
                                      ("external", context.external_dimension)) if flag]
    if not declared:
        return RuleResult(0.0, (_("The context does not say whether domestic or external "
                                  "action (or both) is relevant."),))
    present = set()
    for action in plan.actions:
        if action.dimension == "both":
            present.update(("domestic", "external"))
        elif action.dimension:
            present.add(action.dimension)
    names = {key: vocab_label(vocab.DIMENSIONS, key) for key in declared}
    parts = [check(key in present,
                   _("There are %(dimension)s actions.", dimension=names[key]),
                   _("No action is marked %(dimension)s although the context says it matters.",
                     dimension=names[key]))
             for key in declared]
    return combine(parts)
