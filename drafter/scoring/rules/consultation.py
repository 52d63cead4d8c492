"""Rules on how the plan was drafted: civil society inside the drafting, reach beyond
the capital and to affected groups, the whole of government, and a transparent process.

Every rule here only grows as events are added (coverage of regions and groups,
"at least one event that ..."), never divides by the number of events: one more
consultation must never make a plan look less consulted.
"""

from __future__ import annotations

import math

from ...plan import vocab
from ..i18n import _, labeller
from .base import RuleResult, check, combine, count_up_to, covered, name_missing, text_length
from .plan import Plan
from .registry import rule

AFFECTED_GROUPS = [
    "womens_organisations", "rural_women", "displaced_women", "conflict_affected_women",
    "survivors", "youth", "women_with_disabilities", "minority_women",
]

DRAFTING_SECTORS = [
    "gender", "foreign_affairs", "defence", "interior", "justice", "finance",
    "local_government",
]


def consulted_groups(plan: Plan) -> set[str]:
    return {group for event in plan.consultation.events for group in event.groups}


def regions_reached(plan: Plan, full_share: float, min_regions: int) -> RuleResult:
    """Regions outside the capital where an event took place, against about.regions.

    The capital's own region (the capital's name, or a region only ever recorded for
    events in the capital) is left out of the count: consulting there is not reaching
    beyond the capital. A region with an event outside the capital always counts, so
    adding an event can never shrink the share.
    """
    events = plan.consultation.events
    reached = {event.region.casefold() for event in events
               if event.region and not event.in_capital}
    capital = {event.region.casefold() for event in events if event.region and event.in_capital}
    capital.add(plan.about.capital.casefold())
    regions = [region for region in plan.about.regions
               if region.casefold() in reached or region.casefold() not in capital]
    if not plan.about.regions:
        # Without the list of regions we can only count distinct places.
        return count_up_to(len(reached - {plan.about.capital.casefold()}), min_regions,
                           _("Consultations in %(count)d regions outside the capital "
                             "(%(wanted)d wanted; list the regions under About to compare)."))
    if not regions:
        return RuleResult(0.0, (_("The only region listed is the capital's."),))
    missing = [region for region in regions if region.casefold() not in reached]
    done = len(regions) - len(missing)
    text = _("Consultations in %(done)d of %(total)d regions outside the capital",
             done=done, total=len(regions))
    if missing:
        text = f"{text}; {name_missing(missing)}"
    score = min(1.0, done / len(regions) / max(full_share, 0.01))
    if score < 1:
        # Full marks come before every region is reached: say how many are enough.
        text = _("%(sentence)s; full marks at %(wanted)d", sentence=text,
                 wanted=math.ceil(full_share * len(regions) - 1e-9))
    return RuleResult(score, (text,))


@rule
def civil_society_in_drafting(plan: Plan, *, min_events: int = 3,
                              min_chars: int = 300) -> RuleResult:
    """Women's organisations and civil society took part in drafting: a seat on the
    drafting body, consultations with women's organisations, and a described process."""
    consultation = plan.consultation
    return combine([
        (check(consultation.civil_society_on_drafting_body,
               _("Civil society sits on the drafting body."),
               _("Civil society is not on the drafting body.")), 2.0),
        (check("womens_organisations" in consulted_groups(plan),
               _("Women's organisations were consulted."),
               _("No consultation with women's organisations is recorded.")), 2.0),
        count_up_to(len(consultation.events), min_events,
                    _("%(count)d consultation events recorded (%(wanted)d wanted).")),
        text_length(consultation.process_summary, min_chars,
                    _("The drafting process is described (%(chars)d characters)."),
                    _("The drafting process is not described.")),
    ])


@rule
def consultation_reach(plan: Plan, *, groups: list[vocab.GROUPS.type] = AFFECTED_GROUPS,
                       full_region_share: float = 0.75, min_regions: int = 3) -> RuleResult:
    """Consultations reached the regions beyond the capital and the affected groups."""
    return combine([
        regions_reached(plan, full_region_share, min_regions),
        covered(consulted_groups(plan), groups,
                _("%(done)d of %(total)d affected groups consulted"), labeller(vocab.GROUPS)),
    ])


@rule
def whole_of_government(plan: Plan, *,
                        sectors: list[vocab.SECTORS.type] = DRAFTING_SECTORS) -> RuleResult:
    """The drafting body brings in every ministry the plan needs, not one ministry alone."""
    return covered(plan.consultation.sectors_on_drafting_body, sectors,
                   _("%(done)d of %(total)d key sectors on the drafting body"),
                   labeller(vocab.SECTORS))


@rule
def transparent_process(plan: Plan, *, min_chars: int = 150) -> RuleResult:
    """The draft was validated and published, and people can see how their input was used."""
    consultation = plan.consultation
    validated = consultation.validation_workshop_date is not None or any(
        event.format == "validation" for event in consultation.events)
    return combine([
        check(validated, _("The draft was validated in a workshop."),
              _("No validation step for the draft is recorded.")),
        check(consultation.draft_published, _("The draft was published for comment."),
              _("The draft was not published for comment.")),
        text_length(consultation.how_input_was_used, min_chars,
                    _("How input was used is explained (%(chars)d characters)."),
                    _("How consultation input was used is not explained.")),
        check(any(event.summary for event in consultation.events),
              _("Consultation summaries are recorded."),
              _("No consultation event has a summary.")),
    ])
