"""Rules on the results logic: vision and theory of change, the pillar structure,
objectives that state results, and actions with a lead, dates and a dimension.
"""

from __future__ import annotations

from ...i18n import N_
from ...plan import vocab
from ..i18n import _
from ..i18n import label as vocab_label
from .base import RuleResult, check, combine, no_actions, share
from .plan import Plan, indicator_level
from .reading import Reading, read_field
from .registry import rule
from .words import has_value

VISION = Reading.model_validate({"wanted": 2, "look_for": [
    {"what": N_("who it is for"), "signals": ["groups"],
     "terms": ["women", "girls", "men", "boys", "people", "citizens", "communities"]},
    {"what": N_("the change it seeks"), "terms": [
        "peace", "free", "safe", "secur", "equal", "participat", "lead", "justice", "rights",
        "violence", "decision", "protect"]},
    {"what": N_("a horizon (a year or the places it covers)"), "signals": ["years", "places"],
     "terms": ["every region", "whole country", "nationwide"]},
]})

THEORY = Reading.model_validate({"wanted": 3, "look_for": [
    "conditional",
    "causal",
    "plan_links",
    {"what": N_("its assumptions or risks"), "terms": [
        "assum", "risk", "provided that", "only if", "depends on", "condition"]},
]})


@rule
def vision_and_theory_of_change(plan: Plan, *, vision: Reading = VISION,
                                theory_of_change: Reading = THEORY) -> RuleResult:
    """One clear vision, and a theory of change that explains how the actions lead to the
    outcomes: "if ... then ... because", tied to the plan's own objectives."""
    pillars = plan.pillars
    return combine([
        read_field(plan, pillars.vision, vision, _("Vision"), _("The plan states no vision.")),
        (read_field(plan, pillars.theory_of_change, theory_of_change, _("Theory of change"),
                    _("There is no theory of change.")), 2.0),
    ])


def adaptations(plan: Plan) -> RuleResult:
    """Whether each departure from the four standard pillars is explained: a merged pillar,
    a pillar of the plan's own, a standard pillar left out."""
    reasons = plan.pillar_reasons
    pillars = plan.pillars.pillars
    standards = {standard for pillar in pillars for standard in pillar.standards}
    dropped = [vocab_label(vocab.STANDARD_PILLARS, key) for key in vocab.STANDARD_PILLARS.values
               if key not in standards]
    general = plan.text(plan.pillars.adaptation_rationale).real
    if not reasons and not dropped:
        return RuleResult(1.0, (_("The pillars follow the standard four."),))
    evidence, explained, total = [], 0, 0
    for pillar in pillars:
        if pillar.id not in reasons:
            continue
        total += 1
        covers = ", ".join(vocab_label(vocab.STANDARD_PILLARS, key) for key in pillar.standards)
        name = pillar.name or pillar.id
        if reasons[pillar.id]:
            explained += 1
            evidence.append(_("Pillar '%(name)s' (%(covers)s) is explained.", name=name,
                              covers=covers) if covers else
                            _("Pillar '%(name)s', the plan's own, is explained.", name=name))
        else:
            evidence.append(_("Pillar '%(name)s' merges %(covers)s, but no reason is given (in "
                              "its description or the adaptation rationale).", name=name,
                              covers=covers) if covers else
                            _("Pillar '%(name)s' is the plan's own, but no reason is given (in "
                              "its description or the adaptation rationale).", name=name))
    if dropped:
        total += 1
        explained += general
        evidence.append(_("The plan has no pillar for: %(names)s; %(why)s",
                          names=", ".join(dropped),
                          why=_("the adaptation rationale explains its choice.") if general else
                          _("no reason is given.")))
    return RuleResult(explained / total, tuple(evidence))


@rule
def pillar_structure(plan: Plan) -> RuleResult:
    """Objectives are grouped under pillars: the four standard ones, or an adaptation
    (merged pillars, pillars of the plan's own) whose reason is given."""
    objectives = plan.objectives
    if not objectives:
        return RuleResult(0.0, (_("There are no objectives to group under pillars."),))
    return combine([
        (share(objectives, lambda objective: bool(objective.pillar_id),
               _("%(done)d of %(total)d objectives sit under a pillar"), ""), 2.0),
        adaptations(plan) if plan.pillars.pillars else
        RuleResult(0.0, (_("The plan names no pillars."),)),
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
                  and has_value(indicator.target) and indicator.target_year}

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
                                      ("external", context.external_dimension))
                if flag == "yes"]
    if not declared:
        if (context.domestic_dimension, context.external_dimension) == ("no", "no"):
            return RuleResult(0.0, (_("No: the context says neither domestic nor external "
                                      "action is relevant."),))
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
