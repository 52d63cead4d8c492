"""Rules on what the plan covers: the whole WPS agenda (four pillars, the later
resolutions), prevention and disarmament, and diverse groups and emerging issues.

Coverage is read from structured fields (each action's pillar through its objective,
its themes; the resolutions ticked under About), never from keyword hunting in prose.
"""

from __future__ import annotations

from ...plan import vocab
from ..i18n import _, labeller
from ..i18n import label as vocab_label
from .base import RuleResult, combine, count_up_to, covered, name_missing
from .plan import Plan
from .registry import rule

ALL_PILLARS = list(vocab.STANDARD_PILLARS.values)
ALL_RESOLUTIONS = list(vocab.RESOLUTIONS.values)
PREVENTION_THEMES = ["disarmament", "early_warning"]
DIVERSITY_THEMES = [
    "displacement", "disability", "youth", "human_rights_defenders", "climate",
    "violent_extremism", "trafficking", "men_and_boys",
]


@rule
def full_agenda(plan: Plan, *, pillars: list[vocab.STANDARD_PILLARS.type] = ALL_PILLARS,
                resolutions: list[vocab.RESOLUTIONS.type] = ALL_RESOLUTIONS,
                pillar_weight: float = 2.0) -> RuleResult:
    """Actions under every pillar (participation as much as protection), and the plan
    answers the later resolutions, not 1325 alone."""
    pillar_of = plan.standard_pillar_of_objective
    with_actions = {pillar_of.get(action.objective_id or "") for action in plan.actions}
    return combine([
        (covered(with_actions, pillars, _("%(done)d of %(total)d pillars have actions"),
                 labeller(vocab.STANDARD_PILLARS)), pillar_weight),
        covered(plan.about.resolutions, resolutions,
                _("The plan answers %(done)d of %(total)d WPS resolutions")),
    ])


@rule
def prevention(plan: Plan, *, themes: list[vocab.THEMES.type] = PREVENTION_THEMES,
               min_actions: int = 2) -> RuleResult:
    """Actions on conflict prevention: root causes, early warning, arms control and
    disarmament."""
    wanted = set(themes)
    count = sum(1 for action in plan.actions
                if action.themes and not wanted.isdisjoint(action.themes))
    return combine([
        count_up_to(count, min_actions, _("%(count)d prevention or disarmament actions "
                                          "(%(wanted)d wanted).")),
        covered(plan.action_themes, themes,
                _("%(done)d of %(total)d prevention themes have actions"), labeller(vocab.THEMES)),
    ])


@rule
def diversity(plan: Plan, *, themes: list[vocab.THEMES.type] = DIVERSITY_THEMES,
              min_themes: int = 4) -> RuleResult:
    """Attention to diverse groups and new threats: displacement, disability, youth,
    defenders, climate, violent extremism, trafficking, men and boys."""
    found = [theme for theme in themes if theme in plan.action_themes]
    missing = [vocab_label(vocab.THEMES, theme) for theme in themes
               if theme not in plan.action_themes]
    result = count_up_to(len(found), min_themes,
                         _("Actions address %(count)d of the listed groups and issues "
                           "(%(wanted)d wanted)."))
    if missing and len(found) < min_themes:
        return RuleResult(result.score, (f"{result.evidence[0]} {name_missing(missing)}",))
    return result
