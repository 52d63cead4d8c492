"""Rules on monitoring, reporting and evaluation: civil society's seat in monitoring,
a monitoring body that reports regularly to parliament and the public, an M&E framework,
and a mid-term review and final evaluation (planned or done) whose findings are used.
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
    covered,
    full_marks_for,
    quoted,
    short_of,
)
from .leadership import civil_society_members, civil_society_place
from .plan import Plan
from .reading import Reading, read_field
from .registry import rule

USE_OF_FINDINGS = Reading.model_validate({"wanted": 2, "look_for": [
    {"what": N_("who acts on them"), "signals": ["institutions"], "terms": [
        "committee", "council", "cabinet", "minist", "secretariat", "parliament"]},
    {"what": N_("by when"), "signals": ["frequencies", "dates"]},
    {"what": N_("what they lead to"), "terms": [
        "management response", "recommend", "revis", "adjust", "amend", "publish",
        "next plan", "successor", "action matrix", "corrective", "follow-up", "follow up"]},
]})

# Annual reporting or more often keeps a plan alive; a report only at the end comes
# too late to correct anything.
FREQUENCY_CREDIT = {
    "monthly": 1.0, "quarterly": 1.0, "biannual": 1.0, "annual": 1.0,
    "biennial": 0.6, "midterm_and_end": 0.3, "end": 0.1,
}


# What the monitoring texts may say of civil society's part in monitoring.
CIVIL_SOCIETY_TERMS = ("civil society", "civil-society", "women's organi", "womens organi",
                       "ngo", "women's group", "women's network", "community score")


def role_in_text(plan: Plan) -> str | None:
    """A sentence of the monitoring texts (how data are collected, how findings are used)
    that gives civil society a part in monitoring, quoted; None if there is none."""
    monitoring = plan.monitoring
    for value in (monitoring.data_collection, monitoring.use_of_findings):
        said = plan.text(value).affirms(CIVIL_SOCIETY_TERMS)
        if said:
            return quoted(said[0])
    return None


def place_in_monitoring(plan: Plan, seats: RuleResult, said_credit: float,
                        text_credit: float) -> RuleResult:
    """Whether civil society has a formal place in monitoring at all, the reviewer's first
    question, and how the plan shows it: seats, the plan saying it sits on the body, a
    part given to it in the monitoring texts, recognised shadow reports."""
    monitoring = plan.monitoring
    ways = []
    if seats.score:
        ways.append((seats.score, _("seats on the monitoring or coordination body")))
    if monitoring.civil_society_on_body == "yes":
        ways.append((said_credit, _("the plan says it sits on the monitoring body")))
    role = role_in_text(plan)
    if role:
        ways.append((text_credit, _("the monitoring text gives it a part: %(quote)s", quote=role)))
    if monitoring.shadow_reports_recognised == "yes":
        ways.append((1.0, _("its shadow reports are recognised")))
    if not ways:
        return RuleResult(0.0, (_("No formal place for civil society in monitoring is stated "
                                  "(seats, a part in the monitoring texts, recognised shadow "
                                  "reports)."),))
    return RuleResult(max(score for score, _way in ways), (_(
        "Civil society has a place in monitoring: %(ways)s.",
        ways="; ".join(way for _score, way in ways)),))


def monitoring_seats(plan: Plan, min_seats: int, min_share: int) -> RuleResult:
    """Civil society's seats on the monitoring or coordination body, by number or share."""
    monitoring, leadership = plan.monitoring, plan.leadership
    return civil_society_place(
        [monitoring.civil_society_seats, leadership.civil_society_seats,
         civil_society_members(plan)],
        [monitoring.civil_society_share, leadership.civil_society_share],
        min_seats, min_share, _("the monitoring or coordination body"),
        monitoring.civil_society_on_body)


def formal_place_in_monitoring(plan: Plan, *, min_seats: int = 2, min_share: int = 25,
                               said_credit: float = 1.0, text_credit: float = 0.75,
                               **_rest) -> RuleResult:
    """The first question of `civil_society_in_monitoring` on its own, taking that
    criterion's parameters (`_rest`: those of its other parts): whether civil society has a
    formal place in monitoring at all. It is what expert reviewers code as "a role in
    monitoring", so calibration reads the dimension from it."""
    return place_in_monitoring(plan, monitoring_seats(plan, min_seats, min_share),
                               said_credit, text_credit)


@rule
def civil_society_in_monitoring(plan: Plan, *, min_seats: int = 2, min_share: int = 25,
                                said_credit: float = 1.0, text_credit: float = 0.75,
                                place_weight: float = 3.0) -> RuleResult:
    """Civil society has a formal place in monitoring (seats on the monitoring or
    coordination body, the plan saying it sits there, a part in the monitoring texts, or
    recognised shadow reports), worth `place_weight` parts; and, in detail, enough seats
    (a number or a share), recognised shadow reports, and the progress reports, a part
    each, so it can hold the government to account. Where the plan shows the place only by
    saying so (`said_credit`) or in its texts (`text_credit`), the place earns that."""
    monitoring = plan.monitoring
    gets_reports = "civil_society" in monitoring.report_recipients \
        or monitoring.reports_public == "yes"
    seats = monitoring_seats(plan, min_seats, min_share)
    return combine([
        (place_in_monitoring(plan, seats, said_credit, text_credit), place_weight),
        seats,
        answered(monitoring.shadow_reports_recognised, _("Shadow reports are recognised."),
                 _("No: the plan says civil-society shadow reports are not recognised."),
                 _("The plan does not say whether civil-society shadow reports are "
                   "recognised.")),
        check(gets_reports, _("Civil society receives the progress reports."),
              _("No: progress reports are not public, and civil society is not among their "
                "recipients.") if monitoring.reports_public == "no" else
              _("Progress reports do not go to civil society, and the plan does not say "
                "whether they are public.")),
    ])


def rhythm(frequency: str | None, credit: dict[str, float]) -> RuleResult:
    """How often progress is reported, with what a less frequent rhythm misses."""
    if not frequency:
        return RuleResult(0.0, (_("How often progress is reported is not stated."),))
    score = credit.get(frequency, 0.0)
    sentence = _("Progress reports: %(freq)s.", freq=vocab_label(vocab.FREQUENCIES, frequency))
    if score < 1:
        sentence = short_of(sentence, full_marks_for(credit, labeller(vocab.FREQUENCIES)))
    return RuleResult(score, (sentence,))


@rule
def reporting(plan: Plan, *, frequency_credit: dict[str, float] = FREQUENCY_CREDIT,
              recipients: list[vocab.REPORT_RECIPIENTS.type] = ["parliament", "public"]
              ) -> RuleResult:
    """A monitoring body reports on a regular schedule, to parliament and in public."""
    monitoring = plan.monitoring
    frequency = monitoring.reporting_frequency
    sent_to = set(monitoring.report_recipients)
    if monitoring.reports_public == "yes":
        sent_to.add("public")
    return combine([
        check(bool(monitoring.monitoring_body),
              _("Monitoring body: %(name)s.", name=monitoring.monitoring_body),
              _("No monitoring body is named.")),
        rhythm(frequency, frequency_credit),
        covered(sent_to, recipients, _("Reports go to %(done)d of %(total)d key recipients"),
                labeller(vocab.REPORT_RECIPIENTS)),
    ])


def review(evaluations: list, plan: Plan, what: str, absent: str) -> RuleResult:
    """The best of `evaluations` (of one kind): full credit when done, or planned for a year
    in the plan period; half when planned outside it or with no year yet."""
    if not evaluations:
        return RuleResult(0.0, (absent,))
    done = [item for item in evaluations if item.status == "done"]
    item = (done or evaluations)[0]
    if item.status == "done":
        return RuleResult(1.0, (_("%(what)s: done in %(year)s.", what=what, year=item.year)
                                if item.year else _("%(what)s: done.", what=what),))
    if item.year is None:
        return RuleResult(0.5, (_("%(what)s: planned, year not set.", what=what),))
    start, end = plan.about.period_start, plan.about.period_end
    if start is not None and end is not None and not (start <= item.year <= end + 1):
        return RuleResult(0.5, (_("%(what)s: planned for %(year)s, outside the plan period.",
                                  what=what, year=item.year),))
    return RuleResult(1.0, (_("%(what)s: planned for %(year)s.", what=what, year=item.year),))


def review_or_stand_in(plan: Plan, evaluations: list, what: str, absent: str,
                       stand_ins: list, stand_in_what: str, half: str) -> RuleResult:
    """`review` of `evaluations`; with none, half the credit of what stands in for them
    (annual reviews for a mid-term review), `half` saying so."""
    if evaluations or not stand_ins:
        return review(evaluations, plan, what, absent)
    other = review(stand_ins, plan, stand_in_what, "")
    return RuleResult(other.score / 2, other.evidence + (half,))


def independence(evaluations: list) -> RuleResult:
    answers = {item.independent for item in evaluations}
    value = "yes" if "yes" in answers else "no" if "no" in answers else "not_stated"
    if not evaluations:
        return RuleResult(0.0, (_("With no evaluation planned, none is independent."),))
    return answered(value, _("The evaluation is independent."),
                    _("No: the plan's evaluations are internal, not independent."),
                    _("The plan does not say whether its evaluations are independent."))


@rule
def evaluation(plan: Plan, *, use_of_findings: Reading = USE_OF_FINDINGS) -> RuleResult:
    """A mid-term review and a final evaluation, planned or done, ideally independent,
    with a plan for using their findings (who acts, by when, what follows). Annual reviews
    stand in for half a mid-term review, another evaluation for half a final one."""
    monitoring = plan.monitoring
    of_kind = {kind: [item for item in monitoring.evaluations if item.kind == kind]
               for kind in vocab.EVALUATION_KINDS.values}
    return combine([
        review_or_stand_in(plan, of_kind["midterm"], _("Mid-term review"),
                           _("No mid-term review is planned."),
                           of_kind["annual_review"], _("Annual review"),
                           _("Annual reviews count for half a mid-term review.")),
        review_or_stand_in(plan, of_kind["final"], _("Final evaluation"),
                           _("No final evaluation is planned."),
                           of_kind["other"], _("Evaluation"),
                           _("An evaluation that is not a final one counts for half.")),
        independence(monitoring.evaluations),
        read_field(plan, monitoring.use_of_findings, use_of_findings, _("Use of findings"),
                   _("How evaluation findings will be used is not described.")),
    ])


def de_facto_framework(plan: Plan, credit: float) -> RuleResult:
    """Indicators with baseline and target values, reported on a rhythm by a named body:
    the working parts of an M&E framework even where the plan names none."""
    monitoring = plan.monitoring
    indicators = plan.indicators
    if indicators:
        measured = sum(1 for missing in plan.smart if "baseline" not in missing
                       and "target" not in missing)
        share = measured / len(indicators)
        what = _("%(measured)d of %(total)d indicators have a baseline and a target",
                 measured=measured, total=len(indicators))
    else:
        # A plan that only says its indicators have baselines and targets.
        stated = plan.document.indicators
        share = ((stated.with_baselines == "yes") + (stated.with_targets == "yes")) / 2
        what = _("the plan says its indicators have baselines and targets") if share == 1 else \
            _("the plan says its indicators have baselines or targets")
    if not share:
        return RuleResult(0.0, ())
    if not (monitoring.reporting_frequency and monitoring.monitoring_body):
        return RuleResult(0.0, (_(
            "Though %(what)s, without a monitoring body and a reporting rhythm they do not make "
            "a framework.", what=what),))
    return RuleResult(credit * share, (_(
        "No M&E framework is named, but %(what)s, and %(body)s reports %(rhythm)s: together a "
        "de-facto framework, worth up to %(pct)d%% of full marks.", what=what,
        body=monitoring.monitoring_body,
        rhythm=vocab_label(vocab.FREQUENCIES, monitoring.reporting_frequency).lower(),
        pct=round(credit * 100)),))


@rule
def me_framework(plan: Plan, *, min_parts: int = 2, de_facto_credit: float = 0.5
                 ) -> RuleResult:
    """The plan has a monitoring and evaluation framework (a results framework, logframe,
    M&E chapter or monitoring plan), names its parts and says where it is. Indicators
    with baselines and targets, reported on a rhythm by a named body, count in part as a
    de-facto framework, and the evidence says so."""
    monitoring = plan.monitoring
    parts = monitoring.me_framework_parts
    names = ", ".join(vocab_label(vocab.ME_FRAMEWORK_PARTS, key).lower() for key in parts)
    if monitoring.me_framework == "yes" or parts:
        stated = RuleResult(1.0, (_("The plan has an M&E framework.")
                                  if monitoring.me_framework == "yes" else
                                  _("The plan does not call it an M&E framework, but it has: "
                                    "%(parts)s.", parts=names),))
        where = monitoring.me_framework_where
        return combine([
            (stated, 3.0),
            RuleResult(min(1.0, len(parts) / max(min_parts, 1)),
                       (_("Its parts: %(names)s (%(wanted)d wanted).", names=names,
                          wanted=min_parts),)) if parts else
            RuleResult(0.0, (_("Its parts are not named (results framework, logframe, "
                               "indicator reference sheets, ...; %(wanted)d wanted).",
                               wanted=min_parts),)),
            check(bool(where), _("Where it is: %(where)s.", where=where),
                  _("The plan does not say where the framework is (an annex, a chapter, a "
                    "separate document).")),
        ])
    stated = answered(monitoring.me_framework, "",
                      _("No: the plan says it has no M&E framework."),
                      _("The plan does not say whether it has an M&E framework (a results "
                        "framework, logframe or M&E chapter)."))
    de_facto = de_facto_framework(plan, de_facto_credit)
    return RuleResult(de_facto.score, stated.evidence + de_facto.evidence)
