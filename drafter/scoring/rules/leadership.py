"""Rules on political ownership and coordination: adoption, lead institution, plan
period and policy links, the coordination body, accountability, capacity and risks.
"""

from __future__ import annotations

from ...i18n import N_
from ...plan import vocab
from ..i18n import _, labeller
from ..i18n import label as vocab_label
from .base import (
    RuleResult,
    answered,
    check,
    combine,
    count_up_to,
    full_marks_for,
    share,
    short_of,
)
from .plan import Plan
from .reading import Reading, read_field
from .registry import rule

POLICY_LINKS = Reading.model_validate({"wanted": 2, "look_for": [
    {"what": N_("named laws or policies"), "signals": ["laws"], "at_least": 2},
    {"what": N_("their years or periods"), "signals": ["years"]},
    {"what": N_("the part of each the plan serves"), "terms": [
        "chapter", "pillar", "outcome", "goal", "article", "section", "priorit", "target",
        "commitment", "objective"]},
]})

ACCOUNTABILITY = Reading.model_validate({"look_for": [
    {"what": N_("named institutions"), "signals": ["institutions"], "at_least": 2},
    {"what": N_("how often they report"), "signals": ["frequencies"]},
    {"what": N_("who answers to whom"), "terms": [
        "report to", "reports to", "answer", "accountab", "responsib", "performance",
        "sanction", "oversee", "oversight", "corrective"]},
]})

PARLIAMENT_ROLE = Reading.model_validate({"wanted": 2, "look_for": [
    {"what": N_("the committee or body of parliament"), "signals": ["institutions"]},
    {"what": N_("what it does"), "terms": [
        "hearing", "debate", "question", "budget", "report", "oversight", "oversee", "review",
        "scrutin", "approve", "legislat", "amend", "summon", "examin"]},
    {"what": N_("how often"), "signals": ["frequencies", "dates"]},
]})

CAPACITY_BUILDING = Reading.model_validate({"wanted": 3, "look_for": [
    {"what": N_("who is trained"), "signals": ["institutions"], "terms": [
        "police", "military", "armed forces", "soldier", "judge", "judicia", "prosecutor",
        "diplomat", "peacekeep", "official", "staff", "officer", "health worker", "teacher",
        "focal point", "personnel", "civil servant", "parliamentarian", "journalist"]},
    {"what": N_("on what"), "terms": [
        "curricul", "module", "gender", "WPS", "women, peace and security", "1325",
        "sexual violence", "mediat", "budgeting", "monitoring", "human rights"]},
    {"what": N_("how many"), "signals": ["figures"]},
    {"what": N_("when or how often"), "signals": ["frequencies", "dates"]},
]})

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
                     policy_links: Reading = POLICY_LINKS) -> RuleResult:
    """The plan has a realistic period and is tied to national policies and laws, named
    with their years and the part of each it serves."""
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
    links = read_field(plan, about.policy_links, policy_links,
                       _("Links to national policies and laws"),
                       _("No links to national gender policy, development plan or laws."))
    return combine([period, links])


def civil_society_place(counts: list[int | None], shares: list[int | None], min_seats: int,
                        min_share: int, body: str, said: str = "not_stated") -> RuleResult:
    """Civil society's seats on a body, by number or by share of the seats, whichever the
    plan gives ("3 of 12 seats", "half the seats"); full marks at `min_seats` seats or
    `min_share` per cent. No figure at all is "not stated" (or, where the plan answers
    whether civil society sits on the body at all, `said`, that answer); a stated zero is
    "no"."""
    seats = max((count for count in counts if count is not None), default=None)
    percent = max((value for value in shares if value is not None), default=None)
    if not seats and not percent and said == "yes":
        return RuleResult(0.0, (_(
            "The plan says civil society sits on %(body)s, but not with how many seats "
            "(%(wanted)d wanted).", body=body, wanted=min_seats),))
    if seats is None and percent is None and said != "no":
        return RuleResult(0.0, (_("The plan does not say whether civil society has seats on "
                                  "%(body)s, or how many.", body=body),))
    if not seats and not percent:
        return RuleResult(0.0, (_("No: civil society has no seat on %(body)s.", body=body),))
    score, evidence = 0.0, []
    if seats:
        score = min(1.0, seats / max(min_seats, 1))
        evidence.append(_("%(count)d civil-society seats on %(body)s (%(wanted)d wanted).",
                          count=seats, body=body, wanted=min_seats))
    if percent:
        score = max(score, min(1.0, percent / max(min_share, 1)))
        evidence.append(_("Civil society holds %(share)d%% of the seats on %(body)s (%(wanted)d%% "
                          "wanted).", share=percent, body=body, wanted=min_share))
    return RuleResult(score, tuple(evidence))


def civil_society_members(plan: Plan) -> int | None:
    """How many listed members of the coordination body are civil society (None if none:
    a list without them may still leave out the seats the plan gives them elsewhere)."""
    members = sum(1 for member in plan.leadership.members if member.sector == "civil_society")
    return members or None


@rule
def coordination_body(plan: Plan, *, min_members: int = 5, min_sectors: int = 4,
                      min_civil_society_seats: int = 2,
                      min_civil_society_share: int = 25) -> RuleResult:
    """A named coordination body with members from several sectors, civil society among
    them (by seats or share), terms of reference and a meeting rhythm, so coordination
    outlives the drafting."""
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
        civil_society_place([leadership.civil_society_seats, civil_society_members(plan)],
                            [leadership.civil_society_share], min_civil_society_seats,
                            min_civil_society_share, _("the coordination body")),
        answered(leadership.body_terms_of_reference, _("The body has terms of reference."),
                 _("No: the body has no terms of reference."),
                 _("The plan does not say whether the body has terms of reference.")),
        check(leadership.body_meeting_frequency is not None,
              _("Meets: %(freq)s.", freq=vocab_label(vocab.FREQUENCIES,
                                                      leadership.body_meeting_frequency or "")),
              _("How often the body meets is not stated.")),
    ])


@rule
def accountability(plan: Plan, *, accountability: Reading = ACCOUNTABILITY,
                   parliament_role: Reading = PARLIAMENT_ROLE) -> RuleResult:
    """Who answers to whom for delivery, and how often; and what parliament does to
    oversee the plan."""
    leadership = plan.leadership
    return combine([
        read_field(plan, leadership.accountability, accountability, _("Accountability lines"),
                   _("Who reports to whom for delivery is not described.")),
        read_field(plan, leadership.parliament_role, parliament_role,
                   _("Parliament's oversight role"),
                   _("No oversight role for parliament is described.")),
    ])


@rule
def capacity_building(plan: Plan, *, capacity_building: Reading = CAPACITY_BUILDING
                      ) -> RuleResult:
    """A plan to train implementers (security, justice, diplomats) on WPS and gender:
    who, on what, how many, when."""
    return read_field(plan, plan.leadership.capacity_building, capacity_building,
                      _("Capacity-building plan"),
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
