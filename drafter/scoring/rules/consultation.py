"""Rules on how the plan was drafted: civil society inside the drafting, reach beyond
the capital and to affected groups, the whole of government, and a transparent process.

Consultations are read event by event where the plan records them so, and by level
where it gives them in aggregate ("52 district and 10 regional consultations with over
3,000 participants"): levels earn part of the credit for reach (`level_credit`), since
the regions they reached are not named. What the process summary says (civil society took
part, the groups heard) earns part of the credit where nothing is recorded, unless the
sentence denies it ("civil society was not consulted").

Every rule here only grows as events are added (coverage of regions and groups,
"at least one event that ..."), never divides by the number of events: one more
consultation must never make a plan look less consulted.
"""

from __future__ import annotations

import math
import re

from ...i18n import N_, number
from ...plan import vocab
from ..i18n import _, labeller
from .base import (
    RuleResult,
    answered,
    check,
    combine,
    count_up_to,
    covered,
    name_missing,
    note,
    quoted,
)
from .plan import Plan
from .reading import Reading, read_field
from .registry import rule
from .signals import group_keys
from .words import fold, negated

AFFECTED_GROUPS = [
    "womens_organisations", "rural_women", "displaced_women", "conflict_affected_women",
    "survivors", "youth", "women_with_disabilities", "minority_women",
]

DRAFTING_SECTORS = [
    "gender", "foreign_affairs", "defence", "interior", "justice", "finance",
    "local_government",
]

# Consultation levels that reach beyond the capital into the country's regions.
REACH_LEVELS = ["regional", "district", "community"]
# Words in a level's places that say it covered the whole country.
EVERYWHERE = re.compile(r"\b(?:nationwide|nation-wide|country-?wide|all\s+(?:the\s+)?"
                        r"(?:\d+\s+)?(?:regions|provinces|districts|counties|states)|"
                        r"every\s+(?:region|province|district|county|state))\b", re.IGNORECASE)

PROCESS_SUMMARY = Reading.model_validate({"wanted": 3, "look_for": [
    {"what": N_("how many meetings or people"), "signals": ["figures"]},
    {"what": N_("when"), "signals": ["dates"]},
    {"what": N_("where"), "signals": ["places"]},
    {"what": N_("who took part"), "signals": ["groups", "institutions"]},
]})

HOW_INPUT_WAS_USED = Reading.model_validate({"wanted": 2, "look_for": [
    {"what": N_("what changed in the plan"), "signals": ["plan_links"], "terms": [
        "added", "changed", "taken up", "amended", "incorporated", "included", "dropped",
        "revised", "reflected", "came from"]},
    {"what": N_("how many proposals"), "signals": ["figures"]},
    {"what": N_("how it was recorded or answered"), "terms": [
        "register", "matrix", "annex", "response", "feedback", "published", "report back",
        "reason"]},
]})

# What a process summary may say of women's organisations' part in the drafting.
CIVIL_SOCIETY_TERMS = ["women's organi", "womens organi", "civil society", "civil-society",
                       "NGO", "women's group", "women's network", "community-based"]


def consulted_groups(plan: Plan) -> set[str]:
    """Groups ticked for single events and for consultations recorded by level."""
    consultation = plan.consultation
    return {group for row in (*consultation.events, *consultation.levels) for group in row.groups}


def level_count(level) -> int:
    """A level row stands for `count` consultations, or one when it gives no count."""
    return level.count if level.count is not None else 1


def consultations(plan: Plan) -> int:
    """How many consultations the plan records: event by event or by level, whichever
    counts more (levels often sum up the same events, so the two are not added)."""
    consultation = plan.consultation
    return max(len(consultation.events),
               sum(level_count(level) for level in consultation.levels))


def levels_beyond_capital(plan: Plan, levels: list[str]) -> list:
    return [level for level in plan.consultation.levels if level.level in levels
            and level.count != 0]


def groups_in_summary(plan: Plan) -> set[str]:
    """Groups the process summary says were consulted (in sentences that do not deny it)."""
    summary = plan.text(plan.consultation.process_summary)
    if not summary.real:
        return set()
    return {key for sentence in summary.sentences if not negated(fold(sentence))
            for key in group_keys(fold(sentence))}


def groups_consulted(plan: Plan, groups: list[str]) -> RuleResult:
    """The affected groups consulted: recorded for an event or a level, or (for half of
    each) named only in the process summary."""
    recorded = consulted_groups(plan)
    described = groups_in_summary(plan) - recorded
    result = covered(recorded, groups, _("%(done)d of %(total)d affected groups consulted"),
                     labeller(vocab.GROUPS))
    extra = [key for key in groups if key in described]
    if not extra:
        return result
    names = ", ".join(labeller(vocab.GROUPS)(key) for key in extra)
    return RuleResult(result.score + 0.5 * len(extra) / len(groups), result.evidence + (_(
        "Named only in the process summary, for half credit each: %(names)s.", names=names),))


def regions_named_in_levels(plan: Plan, levels: list[str]) -> set[str]:
    """Regions of about.regions that a level row beyond the capital names in its places."""
    places = " ".join(level.places for level in levels_beyond_capital(plan, levels)).casefold()
    return {region.casefold() for region in plan.about.regions
            if region and re.search(rf"\b{re.escape(region.casefold())}\b", places)}


def regions_reached(plan: Plan, full_share: float, min_regions: int,
                    levels: list[str]) -> RuleResult:
    """Regions outside the capital where an event took place (or that a consultation level
    names), against about.regions.

    The capital's own region (the capital's name, or a region only ever recorded for
    events in the capital) is left out of the count: consulting there is not reaching
    beyond the capital. A region with an event outside the capital always counts, so
    adding an event can never shrink the share.
    """
    events = plan.consultation.events
    # An event names its region, or at least its place ("Cork").
    reached = {(event.region or event.place).casefold() for event in events
               if (event.region or event.place) and not event.in_capital}
    reached |= regions_named_in_levels(plan, levels)
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


def reach_by_level(plan: Plan, full_share: float, min_regions: int, levels: list[str],
                   credit: float) -> RuleResult:
    """Consultations recorded in aggregate by level ("52 district and 10 regional
    consultations"): `credit` of full marks once there are as many as the regions wanted
    (or the places say "nationwide"), since which regions they reached is not recorded. A
    level with no count ("regional consultations were held") stands for half of those
    wanted."""
    rows = levels_beyond_capital(plan, levels)
    if not rows:
        return RuleResult(0.0, ())
    wanted = math.ceil(full_share * len(plan.about.regions) - 1e-9) if plan.about.regions \
        else min_regions
    count = sum(level.count if level.count is not None else wanted / 2 for level in rows)
    everywhere = any(EVERYWHERE.search(level.places) for level in rows)
    share = 1.0 if everywhere else min(1.0, count / max(wanted, 1))
    describe = labeller(vocab.CONSULTATION_LEVELS)
    kinds = ", ".join((f"{level.count} " if level.count is not None else "")
                      + describe(level.level).lower() for level in rows)
    people = sum(level.participants or 0 for level in rows)
    sentence = _("Consultations by level beyond the capital: %(kinds)s", kinds=kinds)
    if people:
        sentence = _("%(sentence)s (%(people)s participants)", sentence=sentence,
                     people=number(people))
    sentence = _("%(sentence)s; the regions they reached are not named, so they earn up to "
                 "%(pct)d%% of full marks (%(wanted)d consultations wanted%(everywhere)s).",
                 sentence=sentence, pct=round(credit * 100), wanted=wanted,
                 everywhere=_(", held nationwide") if everywhere else "")
    return RuleResult(credit * share, (sentence,))


def participation(plan: Plan) -> list[tuple[RuleResult, float]]:
    """Who came, as the plan counts them by level: evidence, not score."""
    levels = plan.consultation.levels
    people = sum(level.participants or 0 for level in levels)
    if not people:
        return []
    women = sum(level.women or 0 for level in levels)
    if women:
        return [note(_("Consultations by level: %(people)s participants, %(women)s of them "
                       "women (%(pct)d%%).", people=number(people), women=number(women),
                       pct=round(100 * women / people)))]
    return [note(_("Consultations by level: %(people)s participants.", people=number(people)))]


@rule
def civil_society_in_drafting(plan: Plan, *, min_events: int = 3,
                              process_summary: Reading = PROCESS_SUMMARY,
                              summary_credit: float = 1.0,
                              took_part_weight: float = 3.0) -> RuleResult:
    """Women's organisations and civil society took part in drafting: on the drafting
    body, or consulted (event by event, by level, or as the process summary says, which
    earns `summary_credit`). That they took part at all is the reviewer's first question
    and weighs `took_part_weight` parts; being both on the body and consulted, enough
    consultations, and a described process weigh a part each."""
    consultation = plan.consultation
    summary = plan.text(consultation.process_summary)
    seat = answered(consultation.civil_society_on_drafting_body,
                    _("Civil society sits on the drafting body."),
                    _("No: civil society is not on the drafting body."),
                    _("The plan does not say whether civil society sits on the drafting body."))
    if "womens_organisations" in consulted_groups(plan):
        heard = RuleResult(1.0, (_("Women's organisations were consulted."),))
    elif (said := summary.affirms(tuple(CIVIL_SOCIETY_TERMS))):
        heard = RuleResult(summary_credit, (_(
            "The process summary says civil society took part (%(quote)s), though no "
            "consultation with women's organisations is recorded.", quote=quoted(said[0])),))
    else:
        heard = RuleResult(0.0, (_("No consultation with women's organisations is recorded."),))
    both = min(seat.score, heard.score)
    return combine([
        (RuleResult(max(seat.score, heard.score), seat.evidence + heard.evidence),
         took_part_weight),
        RuleResult(both, () if both >= 1 or not max(seat.score, heard.score) else (_(
            "Full marks need both: civil society on the drafting body, and consultations "
            "with women's organisations recorded."),)),
        count_up_to(consultations(plan), min_events,
                    _("%(count)d consultations recorded, by event or by level (%(wanted)d "
                      "wanted).")),
        *participation(plan),
        read_field(plan, consultation.process_summary, process_summary,
                   _("Process summary"), _("The drafting process is not described.")),
    ])


def beyond_capital(plan: Plan, levels: list[str]) -> RuleResult:
    """Whether any consultation was held beyond the capital at all: an event outside it,
    or consultations recorded at a level beyond it (regional, district, community)."""
    capital = plan.about.capital.casefold()
    outside = any(not event.in_capital and (event.region or event.place)
                  and (event.region or event.place).casefold() != capital
                  for event in plan.consultation.events)
    if outside or levels_beyond_capital(plan, levels):
        return RuleResult(1.0, (_("Consultations were held beyond the capital."),))
    return RuleResult(0.0, (_("No consultation beyond the capital is recorded."),))


@rule
def consultation_reach(plan: Plan, *, groups: list[vocab.GROUPS.type] = AFFECTED_GROUPS,
                       full_region_share: float = 0.75, min_regions: int = 3,
                       levels: list[vocab.CONSULTATION_LEVELS.type] = REACH_LEVELS,
                       level_credit: float = 0.9, beyond_weight: float = 2.0) -> RuleResult:
    """Consultations reached beyond the capital at all (the reviewer's first question,
    weighing `beyond_weight` parts); how many of the regions they reached, and the
    affected groups consulted, a part each. Consultations recorded only by level and
    count earn `level_credit` of the regions' part, since the regions they reached are
    not named."""
    named = regions_reached(plan, full_region_share, min_regions, levels)
    counted = reach_by_level(plan, full_region_share, min_regions, levels, level_credit)
    regions = RuleResult(counted.score, named.evidence + counted.evidence) \
        if counted.score > named.score else named
    return combine([(beyond_capital(plan, levels), beyond_weight), regions,
                    groups_consulted(plan, groups)])


@rule
def whole_of_government(plan: Plan, *,
                        sectors: list[vocab.SECTORS.type] = DRAFTING_SECTORS) -> RuleResult:
    """The drafting body brings in every ministry the plan needs, not one ministry alone."""
    return covered(plan.consultation.sectors_on_drafting_body, sectors,
                   _("%(done)d of %(total)d key sectors on the drafting body"),
                   labeller(vocab.SECTORS))


@rule
def transparent_process(plan: Plan, *, how_input_was_used: Reading = HOW_INPUT_WAS_USED,
                        summary_credit: float = 0.5) -> RuleResult:
    """The draft was validated and published, people can see how their input was used,
    and each consultation is summarised (consultations recorded only by level, with a
    process summary, earn `summary_credit` of that part)."""
    consultation = plan.consultation
    validated = consultation.validation_workshop_date is not None or any(
        event.format == "validation" for event in consultation.events)
    summary = plan.text(consultation.process_summary)
    if any(event.summary for event in consultation.events):
        summaries = RuleResult(1.0, (_("Consultation summaries are recorded."),))
    elif consultation.levels and summary.real:
        summaries = RuleResult(summary_credit, (_(
            "Consultations are recorded by level, with no summary of each; the process "
            "summary describes them: %(pct)d%% of full marks.", pct=round(summary_credit * 100)),))
    else:
        summaries = RuleResult(0.0, (_("No consultation event has a summary."),))
    return combine([
        check(validated,
              _("The draft was validated in a workshop (%(date)s).",
                date=consultation.validation_workshop_date)
              if consultation.validation_workshop_date else
              _("The draft was validated in a workshop."),
              _("No validation step for the draft is recorded.")),
        answered(consultation.draft_published, _("The draft was published for comment."),
                 _("No: the draft was not published for comment."),
                 _("The plan does not say whether the draft was published for comment.")),
        read_field(plan, consultation.how_input_was_used, how_input_was_used,
                   _("Account of how input was used"),
                   _("How consultation input was used is not explained.")),
        summaries,
    ])
