"""Rules on monitoring, reporting and evaluation: civil society's seat in monitoring,
a monitoring body that reports regularly to parliament and the public, and a mid-term
review and final evaluation whose findings are used.
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
    covered,
    full_marks_for,
    short_of,
    text_length,
)
from .plan import Plan
from .registry import rule

# Annual reporting or more often keeps a plan alive; a report only at the end comes
# too late to correct anything.
FREQUENCY_CREDIT = {
    "monthly": 1.0, "quarterly": 1.0, "biannual": 1.0, "annual": 1.0,
    "biennial": 0.6, "midterm_and_end": 0.3, "end": 0.1,
}


@rule
def civil_society_in_monitoring(plan: Plan, *, min_seats: int = 2) -> RuleResult:
    """Civil society has seats on the monitoring or coordination body, and its shadow
    reports are recognised, so it can hold the government to account."""
    monitoring = plan.monitoring
    seats = max(monitoring.civil_society_seats or 0, plan.leadership.civil_society_seats or 0)
    return combine([
        (count_up_to(seats, min_seats,
                     _("%(count)d civil-society seats on the monitoring or coordination body "
                       "(%(wanted)d wanted).")), 2.0),
        check(monitoring.shadow_reports_recognised, _("Shadow reports are recognised."),
              _("Civil-society shadow reports are not recognised.")),
        check("civil_society" in monitoring.report_recipients or monitoring.reports_public,
              _("Civil society receives the progress reports."),
              _("Progress reports do not go to civil society.")),
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
    if monitoring.reports_public:
        sent_to.add("public")
    return combine([
        check(bool(monitoring.monitoring_body),
              _("Monitoring body: %(name)s.", name=monitoring.monitoring_body),
              _("No monitoring body is named.")),
        rhythm(frequency, frequency_credit),
        covered(sent_to, recipients, _("Reports go to %(done)d of %(total)d key recipients"),
                labeller(vocab.REPORT_RECIPIENTS)),
    ])


def review_year(year: int | None, plan: Plan, present: str, absent: str) -> RuleResult:
    """A review year, half credit when it falls outside the plan period."""
    if year is None:
        return RuleResult(0.0, (absent,))
    start, end = plan.about.period_start, plan.about.period_end
    outside = start is not None and end is not None and not (start <= year <= end + 1)
    evidence = present % {"year": year}
    if outside:
        return RuleResult(0.5, (_("%(what)s (outside the plan period)", what=evidence),))
    return RuleResult(1.0, (evidence,))


@rule
def evaluation(plan: Plan, *, min_chars: int = 150) -> RuleResult:
    """A mid-term review and a final evaluation, ideally independent, with a plan for
    using their findings."""
    monitoring = plan.monitoring
    return combine([
        review_year(monitoring.midterm_review_year, plan, _("Mid-term review in %(year)d."),
                    _("No mid-term review is planned.")),
        review_year(monitoring.final_evaluation_year, plan, _("Final evaluation in %(year)d."),
                    _("No final evaluation is planned.")),
        check(monitoring.independent_evaluation, _("The evaluation is independent."),
              _("The evaluation is not independent.")),
        text_length(monitoring.use_of_findings, min_chars,
                    _("Use of findings described (%(chars)d characters)."),
                    _("How evaluation findings will be used is not described.")),
    ])
