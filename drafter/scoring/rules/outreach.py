"""Rules on the plan's reach beyond the centre and beyond its own period: localisation,
dissemination, regional frameworks, twinning, and review and revision.

The prose these read is judged for what a reviewer looks for in it (named places and
bodies, channels and languages, who may change the plan and when), never for its length.
"""

from __future__ import annotations

from ...i18n import N_
from ...plan import vocab
from ..i18n import _
from ..i18n import label as vocab_label
from .base import RuleResult, answered, check, combine, count_up_to
from .plan import Plan
from .reading import Reading, read_field
from .registry import rule

LOCAL_ACTION_PLANS = Reading.model_validate({"wanted": 2, "look_for": [
    {"what": N_("where (named places or levels)"), "signals": ["places"], "terms": [
        "provinc", "district", "county", "counties", "municipal", "local government",
        "village"]},
    {"what": N_("by when"), "signals": ["dates"]},
    {"what": N_("how many"), "signals": ["figures"]},
    {"what": N_("who makes or funds them"), "signals": ["institutions"], "terms": [
        "governor", "council", "local government", "budget", "fund"]},
]})

SUBNATIONAL_BODIES = Reading.model_validate({"wanted": 3, "look_for": [
    {"what": N_("which bodies"), "signals": ["institutions"], "terms": [
        "committee", "council", "forum", "network", "focal point", "desk", "task force",
        "working group"]},
    {"what": N_("where"), "signals": ["places"], "terms": [
        "provinc", "district", "county", "counties", "municipal", "region", "local"]},
    {"what": N_("who sits on them"), "signals": ["groups"], "terms": [
        "police", "health", "justice", "women's organi", "civil society", "officer",
        "governor"]},
    {"what": N_("how often they meet or report"), "signals": ["frequencies"]},
]})

DISSEMINATION_PLAN = Reading.model_validate({"wanted": 3, "look_for": [
    {"what": N_("channels"), "terms": [
        "radio", "television", "social media", "website", "online", "newspaper",
        "community meeting", "school", "SMS", "poster", "leaflet", "theatre", "launch"]},
    {"what": N_("languages and formats"), "terms": [
        "translat", "language", "braille", "sign language", "easy-read", "easy read",
        "summar", "audio", "version"]},
    {"what": N_("who it reaches and where"), "signals": ["groups", "places"]},
    {"what": N_("when"), "signals": ["dates", "frequencies"]},
]})

REGIONAL_LINKS = Reading.model_validate({"wanted": 2, "look_for": [
    {"what": N_("named regional frameworks or bodies"), "signals": ["laws", "institutions"],
     "terms": ["African Union", "ECOWAS", "IGAD", "SADC", "ICGLR", "ASEAN",
               "League of Arab States", "European Union", "OSCE", "NATO",
               "Pacific Islands Forum", "regional action plan", "continental results"]},
    {"what": N_("how it reports or contributes"), "terms": [
        "report", "indicator", "contribut", "implement", "align", "commitment", "network",
        "exchange"]},
    {"what": N_("when or how often"), "signals": ["frequencies", "dates"]},
]})

REVIEW_CLAUSE = Reading.model_validate({"wanted": 2, "look_for": [
    {"what": N_("who may change the plan"), "signals": ["institutions"], "terms": [
        "committee", "council", "cabinet", "minist", "parliament"]},
    {"what": N_("what may change"), "terms": [
        "amend", "revis", "adjust", "update", "change", "modif", "reallocat"]},
    {"what": N_("when"), "signals": ["frequencies", "dates"], "terms": [
        "after", "mid-term", "midterm", "annual review"]},
]})

REVISION_TRIGGERS = Reading.model_validate({"wanted": 2, "look_for": [
    {"what": N_("the conditions that trigger a revision"), "signals": ["conditional"], "terms": [
        "if", "should", "in case", "in the event", "whenever"]},
    {"what": N_("the events that would call for one"), "terms": [
        "violence", "displace", "resolution", "funding", "budget", "election", "disaster",
        "crisis", "conflict", "pandemic", "off track", "evaluation", "review"]},
    {"what": N_("thresholds or deadlines"), "signals": ["figures", "dates"]},
]})

LESSONS_FROM_PREVIOUS = Reading.model_validate({"wanted": 2, "look_for": [
    {"what": N_("what the last plan's review found"), "terms": [
        "evaluat", "review", "found", "lesson", "learn", "fell short", "achiev", "weak",
        "gap"]},
    {"what": N_("figures"), "signals": ["figures"]},
    {"what": N_("what changes in this plan"), "signals": ["plan_links"], "terms": [
        "this plan", "now ", "new ", "instead"]},
    "years",
]})


@rule
def localisation(plan: Plan, *, local_action_plans: Reading = LOCAL_ACTION_PLANS,
                 subnational_bodies: Reading = SUBNATIONAL_BODIES) -> RuleResult:
    """The plan reaches provinces and districts: local plans (where, by when), sub-national
    bodies (which, who sits on them), localisation guidelines."""
    local = plan.localisation
    return combine([
        read_field(plan, local.local_action_plans, local_action_plans, _("Local action plans"),
                   _("No local action plans are foreseen.")),
        read_field(plan, local.subnational_bodies, subnational_bodies,
                   _("Sub-national bodies"),
                   _("No sub-national coordination bodies are described.")),
        answered(local.localisation_guidelines, _("There are localisation guidelines."),
                 _("No: the plan says there are no localisation guidelines."),
                 _("The plan does not say whether there are localisation guidelines.")),
    ])


@rule
def dissemination(plan: Plan, *, min_languages: int = 2,
                  dissemination_plan: Reading = DISSEMINATION_PLAN) -> RuleResult:
    """People can know the plan: local languages, a dissemination plan (channels, formats,
    who it reaches), a public launch, publication online."""
    local = plan.localisation
    return combine([
        count_up_to(len(local.languages), min_languages,
                    _("Available in %(count)d languages (%(wanted)d wanted).")),
        read_field(plan, local.dissemination_plan, dissemination_plan,
                   _("Dissemination plan"), _("There is no dissemination plan.")),
        check(local.public_launch_date is not None,
              _("Public launch: %(date)s.", date=local.public_launch_date),
              _("No public launch is planned.")),
        answered(local.published_online, _("The plan is published online."),
                 _("No: the plan says it is not published online."),
                 _("The plan does not say whether it is published online.")),
    ])


@rule
def regional_framework(plan: Plan, *, regional_links: Reading = REGIONAL_LINKS) -> RuleResult:
    """The plan names its regional framework (RAP, AU CRF, EU, ...) and reports to it."""
    regional = plan.regional
    names = ", ".join(vocab_label(vocab.REGIONAL_FRAMEWORKS, key)
                      for key in regional.regional_frameworks)
    return combine([
        (check(bool(regional.regional_frameworks),
               _("Regional frameworks: %(names)s.", names=names),
               _("No regional framework is named.")), 2.0),
        answered(regional.regional_reporting, _("The plan reports to its regional framework."),
                 _("No: the plan says it does not report to a regional framework."),
                 _("The plan does not say whether it reports to a regional framework.")),
        read_field(plan, regional.regional_links, regional_links,
                   _("Links to regional work"),
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
def review_cycle(plan: Plan, *, review_clause: Reading = REVIEW_CLAUSE,
                 revision_triggers: Reading = REVISION_TRIGGERS,
                 lessons_from_previous: Reading = LESSONS_FROM_PREVIOUS) -> RuleResult:
    """The plan can be adjusted after reviews (who may change what, and when), says what
    would trigger a revision, learns from the previous plan, and foresees its successor."""
    review = plan.review
    parts = [
        read_field(plan, review.review_clause, review_clause, _("Review clause"),
                   _("There is no clause for adjusting the plan after reviews.")),
        read_field(plan, review.revision_triggers, revision_triggers,
                   _("Revision triggers"), _("What would trigger a revision is not said.")),
        answered(review.successor_planned, _("A successor plan is foreseen."),
                 _("No: the plan says no successor plan is foreseen."),
                 _("The plan does not say whether a successor plan is foreseen.")),
    ]
    # Lessons from a previous plan can only be asked of a second or later plan.
    if (plan.about.generation or 1) > 1:
        parts.append(read_field(plan, review.lessons_from_previous, lessons_from_previous,
                                _("Lessons from the previous plan"),
                                _("Lessons from the previous plan are not drawn.")))
    return combine(parts)
