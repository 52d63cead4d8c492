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


def pillars_with_actions(plan: Plan, pillars: list[str]) -> RuleResult:
    """Which standard pillars have actions, through the plan's own pillars.

    A merged pillar ("Prevention and protection") counts for each standard pillar it
    covers when the plan says why it merged them; without a reason, for half of each
    (its actions may all serve one of them), and the evidence says so.
    """
    reasons = plan.pillar_reasons
    pillar_of = {objective.id: objective.pillar_id for objective in plan.objectives}
    standards = {pillar.id: pillar for pillar in plan.pillars.pillars}
    credit: dict[str, float] = {}
    unexplained: dict[str, str] = {}
    for pillar_id in {pillar_of.get(action.objective_id or "") for action in plan.actions}:
        pillar = standards.get(pillar_id or "")
        if pillar is None:
            continue
        merged = len(pillar.standards) > 1
        worth = 0.5 if merged and not reasons.get(pillar.id) else 1.0
        for standard in pillar.standards:
            credit[standard] = max(credit.get(standard, 0.0), worth)
            if worth < 1:
                unexplained[standard] = pillar.name or pillar.id
    describe = labeller(vocab.STANDARD_PILLARS)
    missing = [describe(key) for key in pillars if key not in credit]
    done = sum(1 for key in pillars if key in credit)
    text = _("%(done)d of %(total)d pillars have actions", done=done, total=len(pillars))
    if missing:
        text = f"{text}; {name_missing(missing)}"
    evidence = [text]
    halves = sorted({name for key, name in unexplained.items()
                     if key in pillars and credit[key] < 1})
    for name in halves:
        evidence.append(_("Pillar '%(name)s' merges standard pillars without saying why: its "
                          "actions count for half of each.", name=name))
    score = sum(credit.get(key, 0.0) for key in pillars) / len(pillars) if pillars else 1.0
    return RuleResult(score, tuple(evidence))


@rule
def full_agenda(plan: Plan, *, pillars: list[vocab.STANDARD_PILLARS.type] = ALL_PILLARS,
                resolutions: list[vocab.RESOLUTIONS.type] = ALL_RESOLUTIONS,
                pillar_weight: float = 2.0) -> RuleResult:
    """Actions under every pillar (participation as much as protection), a merged pillar
    counting for each pillar it covers when its reason is given, and the plan answers the
    later resolutions, not 1325 alone."""
    return combine([
        (pillars_with_actions(plan, pillars), pillar_weight),
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
