"""Rules on political ownership and coordination: adoption, lead institution, plan
period and policy links, the coordination body, accountability, capacity and risks.
"""

from __future__ import annotations

from ...plan import vocab
from ..i18n import _, labeller
from ..i18n import label as vocab_label
from .base import (
    RuleResult,
    check,
    combine,
    count_up_to,
    full_marks_for,
    share,
    short_of,
    text_length,
)
from .plan import Plan
from .registry import rule

# How much an endorsement at each level shows political will: adoption by the head of
# state, cabinet, parliament or a regional council binds the whole government; a single
# minister's signature binds one ministry; a senior official's, hardly anyone.
ENDORSEMENT_CREDIT = {
    "head_of_state": 1.0, "cabinet": 1.0, "parliament": 1.0, "regional_council": 1.0,
    "minister": 0.6, "senior_official": 0.3, "none_yet": 0.0,
}


def endorsement(plan: Plan, credit: dict[str, float]) -> RuleResult:
    level = plan.leadership.endorsement_level
    if not level:
        return RuleResult(0.0, (_("The level at which the plan is endorsed is not stated."),))
    score = credit.get(level, 0.0)
    sentence = _("Endorsed at the level of: %(level)s.",
                 level=vocab_label(vocab.ENDORSEMENT_LEVELS, level))
    if score < 1:
        sentence = short_of(sentence, full_marks_for(credit, labeller(vocab.ENDORSEMENT_LEVELS)))
    return RuleResult(score, (sentence,))


@rule
def adoption(plan: Plan, *, endorsement_credit: dict[str, float] = ENDORSEMENT_CREDIT,
             foreword_weight: float = 0.5) -> RuleResult:
    """The plan states who adopted it, by what instrument and when, at a high level."""
    about = plan.about
    return combine([
        check(bool(about.adopting_authority),
              _("Adopting authority: %(name)s.", name=about.adopting_authority),
              _("No adopting authority is named.")),
        check(bool(about.adoption_instrument),
              _("Adoption instrument: %(name)s.", name=about.adoption_instrument),
              _("No adoption instrument (decision, decree) is named.")),
        check(about.adoption_date is not None,
              _("Adopted on %(date)s.", date=about.adoption_date),
              _("No adoption date is given.")),
        (endorsement(plan, endorsement_credit), 2.0),
        (check(bool(about.foreword_by), _("Foreword by %(name)s.", name=about.foreword_by),
               _("No foreword by a senior leader.")), foreword_weight),
    ])


@rule
def lead_institution(plan: Plan) -> RuleResult:
    """A lead institution is named, with a focal point and a secretariat to do the work."""
    lead = plan.leadership.lead_institution or plan.about.lead_institution
    return combine([
        (check(bool(lead), _("Lead institution: %(name)s.", name=lead),
               _("No lead institution is named.")), 2.0),
        check(bool(plan.leadership.focal_point),
              _("Focal point: %(name)s.", name=plan.leadership.focal_point),
              _("No focal point is named.")),
        check(bool(plan.leadership.secretariat), _("A secretariat is described."),
              _("No secretariat or staff time is assigned.")),
    ])


@rule
def policy_anchoring(plan: Plan, *, min_years: int = 3, max_years: int = 6,
                     min_chars: int = 200) -> RuleResult:
    """The plan has a realistic period and is tied to national policies and laws."""
    about = plan.about
    if about.period_start and about.period_end:
        years = about.period_end - about.period_start + 1
        sentence = _("Plan period %(start)d-%(end)d (%(years)d years).",
                     start=about.period_start, end=about.period_end, years=years)
        realistic = min_years <= years <= max_years
        if not realistic:
            sentence = short_of(sentence, _("A period of %(min)d to %(max)d years is wanted.",
                                            min=min_years, max=max_years))
        period = RuleResult(1.0 if realistic else 0.5, (sentence,))
    else:
        period = RuleResult(0.0, (_("The plan period (start and end year) is not complete."),))
    links = text_length(about.policy_links, min_chars,
                        _("Links to national policies and laws described (%(chars)d characters)."),
                        _("No links to national gender policy, development plan or laws."))
    return combine([period, links])


@rule
def coordination_body(plan: Plan, *, min_members: int = 5, min_sectors: int = 4) -> RuleResult:
    """A named coordination body with members from several sectors, terms of reference
    and a meeting rhythm, so coordination outlives the drafting."""
    leadership = plan.leadership
    sectors = {member.sector for member in leadership.members if member.sector}
    return combine([
        (check(bool(leadership.coordination_body),
               _("Coordination body: %(name)s.", name=leadership.coordination_body),
               _("No coordination body is named.")), 2.0),
        count_up_to(len(leadership.members), min_members,
                    _("%(count)d member institutions listed (%(wanted)d wanted).")),
        count_up_to(len(sectors), min_sectors,
                    _("Members come from %(count)d sectors (%(wanted)d wanted).")),
        check(leadership.body_terms_of_reference, _("The body has terms of reference."),
              _("The body has no terms of reference.")),
        check(leadership.body_meeting_frequency is not None,
              _("Meets: %(freq)s.", freq=vocab_label(vocab.FREQUENCIES, 
                  leadership.body_meeting_frequency or "")),
              _("How often the body meets is not stated.")),
    ])


@rule
def accountability(plan: Plan, *, min_chars: int = 150) -> RuleResult:
    """Who answers to whom for delivery, and what role parliament plays in oversight."""
    leadership = plan.leadership
    return combine([
        text_length(leadership.accountability, min_chars,
                    _("Accountability lines described (%(chars)d characters)."),
                    _("Who reports to whom for delivery is not described.")),
        text_length(leadership.parliament_role, min_chars,
                    _("Parliament's oversight role described (%(chars)d characters)."),
                    _("No oversight role for parliament is described.")),
    ])


@rule
def capacity_building(plan: Plan, *, min_chars: int = 200) -> RuleResult:
    """A plan to train implementers (security, justice, diplomats) on WPS and gender."""
    return text_length(plan.leadership.capacity_building, min_chars,
                       _("Capacity building described (%(chars)d characters)."),
                       _("No training or capacity building for implementers is planned."))


@rule
def risk_management(plan: Plan, *, min_risks: int = 3) -> RuleResult:
    """Implementation risks are identified, each with a mitigation measure."""
    risks = plan.leadership.risks
    return combine([
        count_up_to(len(risks), min_risks, _("%(count)d risks identified (%(wanted)d wanted).")),
        share(risks, lambda risk: bool(risk.mitigation),
              _("%(done)d of %(total)d risks have a mitigation measure"),
              _("No risks with mitigation measures.")),
    ])
