"""Rules on the plan's reach beyond the centre and beyond its own period: localisation,
dissemination, regional frameworks, twinning, and review and revision.
"""

from __future__ import annotations

from ...plan import vocab
from ..i18n import _
from ..i18n import label as vocab_label
from .base import RuleResult, check, combine, count_up_to, text_length
from .plan import Plan
from .registry import rule


@rule
def localisation(plan: Plan, *, min_chars: int = 200) -> RuleResult:
    """The plan reaches provinces and districts: local plans, sub-national bodies,
    localisation guidelines."""
    local = plan.localisation
    return combine([
        text_length(local.local_action_plans, min_chars,
                    _("Local action plans described (%(chars)d characters)."),
                    _("No local action plans are foreseen.")),
        text_length(local.subnational_bodies, min_chars,
                    _("Sub-national bodies described (%(chars)d characters)."),
                    _("No sub-national coordination bodies are described.")),
        check(local.localisation_guidelines, _("There are localisation guidelines."),
              _("There are no localisation guidelines.")),
    ])


@rule
def dissemination(plan: Plan, *, min_languages: int = 2, min_chars: int = 200) -> RuleResult:
    """People can know the plan: local languages, a dissemination plan, a public launch,
    publication online."""
    local = plan.localisation
    return combine([
        count_up_to(len(local.languages), min_languages,
                    _("Available in %(count)d languages (%(wanted)d wanted).")),
        text_length(local.dissemination_plan, min_chars,
                    _("Dissemination plan described (%(chars)d characters)."),
                    _("There is no dissemination plan.")),
        check(local.public_launch_date is not None, _("A public launch is planned."),
              _("No public launch is planned.")),
        check(local.published_online, _("The plan is published online."),
              _("The plan is not published online.")),
    ])


@rule
def regional_framework(plan: Plan, *, min_chars: int = 150) -> RuleResult:
    """The plan names its regional framework (RAP, AU CRF, EU, ...) and reports to it."""
    regional = plan.regional
    names = ", ".join(vocab_label(vocab.REGIONAL_FRAMEWORKS, key)
                      for key in regional.regional_frameworks)
    return combine([
        (check(bool(regional.regional_frameworks),
               _("Regional frameworks: %(names)s.", names=names),
               _("No regional framework is named.")), 2.0),
        check(regional.regional_reporting, _("The plan reports to its regional framework."),
              _("No reporting to a regional framework is foreseen.")),
        text_length(regional.regional_links, min_chars,
                    _("Regional links described (%(chars)d characters)."),
                    _("How the plan links to regional work is not described.")),
    ])


@rule
def twinning(plan: Plan) -> RuleResult:
    """A twinning or peer-learning partner, with learning both ways and civil society
    on both sides (so it does not bypass national ownership)."""
    best: RuleResult | None = None
    for partner in plan.regional.partners:
        result = combine([
            check(bool(partner.partner and partner.form),
                  _("Exchange with %(name)s (%(form)s).", name=partner.partner,
                    form=vocab_label(vocab.EXCHANGE_FORMS, partner.form or "")),
                  _("An exchange partner or its form is not named.")),
            check(partner.mutual, _("The exchange is mutual."), _("The exchange is one-way.")),
            check(partner.civil_society_both_sides, _("Civil society takes part on both sides."),
                  _("Civil society does not take part on both sides.")),
        ])
        if best is None or result.score > best.score:
            best = result
    if best is None:
        return RuleResult(0.0, (_("No twinning or peer-learning partner is named."),))
    return best


@rule
def review_cycle(plan: Plan, *, min_chars: int = 150) -> RuleResult:
    """The plan can be adjusted after reviews, learns from the previous plan, and
    foresees its successor."""
    review = plan.review
    parts = [
        text_length(review.review_clause, min_chars,
                    _("Review clause: %(chars)d characters."),
                    _("There is no clause for adjusting the plan after reviews.")),
        text_length(review.revision_triggers, min_chars,
                    _("Revision triggers: %(chars)d characters."),
                    _("What would trigger a revision is not said.")),
        check(review.successor_planned, _("A successor plan is foreseen."),
              _("No successor plan is foreseen.")),
    ]
    # Lessons from a previous plan can only be asked of a second or later plan.
    if (plan.about.generation or 1) > 1:
        parts.append(text_length(review.lessons_from_previous, min_chars,
                                 _("Lessons from the previous plan: %(chars)d characters."),
                                 _("Lessons from the previous plan are not drawn.")))
    return combine(parts)
