"""The plan document: one typed model per section of a National Action Plan.

Everything else in NAP Drafter reads or writes these models: the wizard edits one
section per step, the store keeps one JSON row per section, the scorer reads the whole
document, and the reports render it. Every field is optional so that a half-written
draft is still a valid document; what a *complete* section needs is decided elsewhere
(see `completeness.py`), and what a *good* plan needs is the scorer's business.
"""

from __future__ import annotations

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..i18n import gettext as _
from ..i18n import lazy_gettext as _l
from . import vocab as v
from .fields import (
    Amount,
    Answer,
    Count,
    Date,
    Line,
    Model,
    Name,
    PartialDate,
    Percent,
    Prose,
    Row,
    RowId,
    Year,
    rows,
)
from .upgrade import upgrades

SCHEMA_VERSION = 2


def not_more_than(whole: str, message: str):
    """A validator for a part (an amount secured) that must not exceed `whole` (its cost)."""

    def check(cls, value, info: ValidationInfo):
        limit = info.data.get(whole)
        if value is not None and limit is not None and value > limit:
            raise ValueError(str(message))
        return value

    return check


def not_before(earlier: str, message: str):
    """A validator for a later field (an end, a target year) that must not precede `earlier`.

    Written as a field validator, not a model validator, so that the error names the
    field the person has to change.
    """

    def check(cls, value, info: ValidationInfo):
        first = info.data.get(earlier)
        if value is not None and first is not None and value < first:
            raise ValueError(str(message))
        return value

    return check


# Validation context of a section read back from the database (see `unique_ids`).
STORED = "stored"


def unique_ids(cls, rows, info: ValidationInfo):
    """A field validator for lists of rows: no two rows may share an id. Rows are found,
    edited and deleted by id, so two with one id would be edited and deleted together.
    The wizard gives every new row a fresh id; only a file or a forged post repeats one.

    A section stored before this rule may still repeat an id: read from the database
    (context `STORED`), a repeat is renamed instead, the same way each time ("A-3-2"),
    so that its page keeps one address until the section is next saved with it.
    """
    taken = {row.id for row in rows}
    seen = set()
    for row in rows:
        if row.id in seen:
            if not (info.context or {}).get(STORED):
                raise ValueError(_("two rows have the id %(id)s", id=row.id))
            row.id = next(candidate for n in range(2, len(rows) + 2)
                          if (candidate := f"{row.id[:34]}-{n}") not in taken)
            taken.add(row.id)
        seen.add(row.id)
    return rows


# --- About the plan -----------------------------------------------------------------

class About(Model):
    """Who the plan belongs to, its period, and how it was adopted."""

    country_or_organisation: Name = Field("", description=(
        "The country whose plan this is or, for a regional plan, the regional organisation, as it "
        "names itself (e.g. \"Republic of Varesia\", \"ECOWAS\")."))
    plan_type: v.PLAN_TYPES.type | None = Field(None, description=(
        "Whether the plan is national, regional (of a regional organisation) or local (of a "
        "province, district or city)."))
    language: v.DOCUMENT_LANGUAGES.type = Field("en", description=(
        "The language the plan is written in, as a code (en, fr, es, ar, pt): its PDF and Word "
        "drafts, gap report and workshop summary print their headings, labels, dates and the "
        "checklist's texts in it, whatever the reader's interface language."))
    title: Line = Field("", description=(
        "The plan's full title as published (e.g. \"Second National Action Plan on Women, Peace "
        "and Security 2026-2030\")."))
    period_start: Year | None = Field(None, description=(
        "The first year the plan covers, as a four-digit year (e.g. 2026)."))
    period_end: Year | None = Field(None, description=(
        "The last year the plan covers, as a four-digit year (e.g. 2030); not before period_start. "
        "Most plans run for three to five years."))
    generation: int | None = Field(default=None, ge=1, le=20, description=(
        "Which plan this is in the country's or organisation's series: 1 for a first plan, 2 for a "
        "second, and so on (1 to 20)."))
    lead_institution: Name = Field("", description=(
        "The institution the plan names as its lead, usually a ministry (e.g. \"Ministry of "
        "Gender, Family and Social Development\"). leadership.lead_institution says the same in "
        "the leadership section; where only one of the two is given, it stands for both."))
    resolutions: list[v.RESOLUTIONS.type] = Field(default_factory=list, description=(
        "The UN Security Council resolutions on women, peace and security that the plan says it "
        "implements, by number (e.g. [\"1325\", \"1820\", \"2467\"])."))
    adopting_authority: Name = Field("", description=(
        "The body that adopted the plan (e.g. \"Council of Ministers\")."))
    adoption_instrument: Line = Field("", description=(
        "The decision, decree or resolution by which the plan was adopted, with its number (e.g. "
        "\"Cabinet decision No. 14/2026\")."))
    adoption_date: PartialDate | None = Field(None, description=(
        "When the plan was adopted, as precisely as the plan says: a year, a year and month, or a "
        "day (e.g. \"2026\", \"2026-03\", \"2026-03-08\")."))
    foreword_by: Name = Field("", description=(
        "The senior leader who signs the plan's foreword, by name or post (e.g. \"The Prime "
        "Minister\")."))
    capital: Name = Field("", description=(
        "The capital city, by name (e.g. \"Varesa\"). Consultations held there are told from those "
        "held elsewhere."))
    regions: list[Name] = Field(default_factory=list, max_length=200, description=(
        "The regions, provinces or (for a regional plan) member states where the plan applies, one "
        "name per item (e.g. [\"Northern Province\", \"Coast Province\"]). The reach of the "
        "consultations is measured against this list, so consultation events should name their "
        "region the same way."))
    policy_links: Prose = Field("", description=(
        "Free text: the national gender policy, development plan, laws and other strategies the "
        "plan builds on, and how it links to them."))

    _period_in_order = field_validator("period_end")(
        not_before("period_start", _l("The plan must end in or after the year it starts.")))


# --- Context analysis ---------------------------------------------------------------

class Context(Model):
    """The situation the plan answers: conflict, its gendered impact, baseline, gaps."""

    conflict_analysis: Prose = Field("", description=(
        "Free text: the conflict and security situation the plan answers: its history, current "
        "risks, and the drivers of conflict and insecurity."))
    gendered_impacts: Prose = Field("", description=(
        "Free text: how conflict and insecurity affect women, men, girls and boys differently, in "
        "the plan's own analysis."))
    baseline_summary: Prose = Field("", description=(
        "Free text: what the baseline assessment or situation analysis found, in figures where the "
        "plan gives them (e.g. \"women hold 12% of seats on local peace committees\")."))
    sex_disaggregated_baseline: Answer = Field("not_stated", description=(
        "Whether the baseline data is broken down by sex: yes, no, or not_stated when the plan "
        "does not say."))
    assessment_year: Year | None = Field(None, description=(
        "The year of the baseline assessment or situation analysis, as a four-digit year (e.g. "
        "2024)."))
    existing_programmes: Prose = Field("", description=(
        "Free text: the programmes and actors already at work on women, peace and security that "
        "the plan builds on or coordinates with."))
    legal_policy_review: Prose = Field("", description=(
        "Free text: the plan's review of national laws and policies against CEDAW and the women, "
        "peace and security resolutions, with the gaps it names."))
    cedaw_gr30_considered: Answer = Field("not_stated", description=(
        "Whether that review considers CEDAW General Recommendation No. 30 (on women in conflict "
        "prevention, conflict and post-conflict situations): yes, no, or not_stated when the plan "
        "does not say."))
    domestic_dimension: Answer = Field("not_stated", description=(
        "Whether the plan acts at home, in the country's own territory and institutions (the "
        "domestic dimension): yes, no, or not_stated when the plan does not say."))
    external_dimension: Answer = Field("not_stated", description=(
        "Whether the plan acts abroad, through foreign policy, development aid or peacekeeping "
        "(the external dimension): yes, no, or not_stated when the plan does not say."))


# --- Leadership and coordination ----------------------------------------------------

class BodyMember(Row):
    """A member of the coordination body: an institution, and its sector."""

    institution: Name = Field("", description=(
        "The member institution, by name (e.g. \"Ministry of Defence\", \"Women's Peace "
        "Network\")."))
    sector: v.SECTORS.type | None = Field(None, description=(
        "The sector the member institution belongs to."))


class Risk(Row):
    """A risk to carrying out the plan, and how the plan will meet it."""

    risk: Line = Field("", description=(
        "A risk to carrying out the plan, in a line (e.g. \"Staff turnover in line ministries\")."))
    mitigation: Line = Field("", description=(
        "What the plan will do to prevent or reduce that risk (e.g. \"A focal point and a deputy "
        "in each ministry\")."))


class Leadership(Model):
    """Who leads, who coordinates, who endorsed, and how implementers are prepared."""

    lead_institution: Name = Field("", description=(
        "The institution that leads and coordinates the plan (e.g. \"Ministry of Gender\"). Where "
        "it is left empty, about.lead_institution stands for it."))
    focal_point: Name = Field("", description=(
        "The office or post that answers for the plan day to day (e.g. \"Director of Gender "
        "Equality, Ministry of Gender\")."))
    secretariat: Line = Field("", description=(
        "Who serves as the plan's secretariat, and with how much staff time (e.g. \"A unit of "
        "three full-time staff in the Ministry of Gender\")."))
    endorsement_level: v.ENDORSEMENT_LEVELS.type | None = Field(None, description=(
        "The highest level that endorsed the plan; none_yet while it is not endorsed."))
    coordination_body: Name = Field("", description=(
        "The name of the body that coordinates the plan's implementation (e.g. \"National Steering "
        "Committee on Women, Peace and Security\")."))
    body_terms_of_reference: Answer = Field("not_stated", description=(
        "Whether the coordination body has written terms of reference: yes, no, or not_stated when "
        "the plan does not say."))
    body_meeting_frequency: v.FREQUENCIES.type | None = Field(None, description=(
        "How often the coordination body meets."))
    members: rows(BodyMember) = Field(description=(
        "The institutions that sit on the coordination body, one row each."))
    civil_society_seats: Count | None = Field(None, description=(
        "How many seats on the coordination body civil society holds, as a whole number (e.g. 4). "
        "Where the plan gives a share instead, use civil_society_share."))
    civil_society_share: Percent | None = Field(None, description=(
        "The share of the coordination body's seats that civil society holds, in percent (0 to "
        "100, e.g. 30), where the plan gives a share rather than a number of seats."))
    parliament_role: Prose = Field("", description=(
        "Free text: the role of parliament in overseeing the plan (e.g. a yearly hearing of the "
        "lead ministry by a committee)."))
    accountability: Prose = Field("", description=(
        "Free text: who reports to whom on the plan, and what happens when an action is not "
        "delivered."))
    capacity_building: Prose = Field("", description=(
        "Free text: who will be trained on women, peace and security, and how."))
    risks: rows(Risk) = Field(description=(
        "Risks to carrying out the plan, each with its mitigation, one row each."))

    _ids_unique = field_validator("members", "risks")(unique_ids)


# --- Consultation -------------------------------------------------------------------

class ConsultationEvent(Row):
    """One consultation held while the plan was drafted: when, where, in what format, who took
    part and what was heard."""

    date: PartialDate | None = Field(None, description=(
        "When the event took place, as precisely as known: a year, a year and month, or a day "
        "(e.g. \"2025-06\" or \"2025-06-14\")."))
    place: Name = Field("", description=(
        "Where the event took place: the town, village or venue (e.g. \"Kasara town hall\")."))
    region: Name = Field("", description=(
        "The region, province or member state the event took place in, named as in about.regions, "
        "so that the plan's reach can be counted."))
    in_capital: bool = Field(False, description=(
        "Whether the event was held in the capital city (about.capital): true, or false (the "
        "default) if it was held elsewhere."))
    format: v.CONSULTATION_FORMATS.type | None = Field(None, description=(
        "The kind of event: a workshop, a focus group, a public hearing, a survey, and so on."))
    women: Count | None = Field(None, description="How many women took part, as a whole number.")
    men: Count | None = Field(None, description="How many men took part, as a whole number.")
    groups: list[v.GROUPS.type] = Field(default_factory=list, description=(
        "The groups represented at the event."))
    organisations: Line = Field("", description=(
        "The organisations represented, by name, in one line (e.g. \"Women's Peace Network; Rural "
        "Women's Association\")."))
    summary: Prose = Field("", description="Free text: what participants said, in short.")


class ConsultationLevel(Row):
    """Consultations told in aggregate, as plans often do ("52 district consultations with
    over 3,000 participants"): one row per level, beside or instead of single events."""

    level: v.CONSULTATION_LEVELS.type | None = Field(None, description=(
        "The level at which these consultations were held."))
    count: Count | None = Field(None, description=(
        "How many consultations were held at that level, as a whole number (e.g. 52)."))
    participants: Count | None = Field(None, description=(
        "How many people took part in them in all, as a whole number (e.g. 3000)."))
    women: Count | None = Field(None, description=(
        "How many of the participants were women, as a whole number; not more than participants."))
    places: Line = Field("", description=(
        "Where they were held, in one line (e.g. \"All 14 districts of the Northern Province\")."))
    groups: list[v.GROUPS.type] = Field(default_factory=list, description=(
        "The groups represented in these consultations."))

    @field_validator("women")
    @classmethod
    def _women_among_participants(cls, value, info: ValidationInfo):
        participants = info.data.get("participants")
        if value is not None and participants is not None and value > participants:
            raise ValueError(_("There cannot be more women than participants."))
        return value


class Consultation(Model):
    """How the plan was drafted and who was heard: in aggregate by level, and event by event."""

    drafting_body: Line = Field("", description=(
        "Who drafted the plan, in one line (e.g. \"An inter-ministerial working group with three "
        "civil-society members\")."))
    civil_society_on_drafting_body: Answer = Field("not_stated", description=(
        "Whether civil society sat on the body that drafted the plan: yes, no, or not_stated when "
        "the plan does not say."))
    sectors_on_drafting_body: list[v.SECTORS.type] = Field(default_factory=list, description=(
        "The sectors represented on the drafting body."))
    process_summary: Prose = Field("", description=(
        "Free text: how the consultation was run: its stages, where it took place, and who was "
        "invited."))
    how_input_was_used: Prose = Field("", description=(
        "Free text: how what people said in the consultations was used in the plan."))
    draft_published: Answer = Field("not_stated", description=(
        "Whether the draft plan was published for comment: yes, no, or not_stated when the plan "
        "does not say."))
    validation_workshop_date: PartialDate | None = Field(None, description=(
        "When the workshop that validated the draft was held, as precisely as known (e.g. "
        "\"2025-11\")."))
    levels: rows(ConsultationLevel) = Field(description=(
        "Consultations the plan reports in aggregate, one row per level (e.g. \"52 district "
        "consultations with over 3,000 participants\"), beside or instead of single events."))
    events: rows(ConsultationEvent) = Field(description="Single consultation events, one row each.")

    _ids_unique = field_validator("levels", "events")(unique_ids)


# --- Pillars and objectives ---------------------------------------------------------

class Pillar(Row):
    """One of the plan's own pillars, and the standard pillars it covers: a merged
    "Prevention and protection" pillar covers two."""

    name: Name = Field("", description=(
        "The pillar's name as the plan gives it (e.g. \"Prevention and protection\")."))
    standards: list[v.STANDARD_PILLARS.type] = Field(
        default_factory=list, max_length=4,
        description="The standard pillars of resolution 1325 that this pillar covers: one for a "
                    "pillar that matches a standard one, two or more for a merged pillar (e.g. "
                    "[\"prevention\", \"protection\"]), none for a pillar of the plan's own. "
                    "Each at most once.")
    description: Line = Field("", description="A short description of the pillar.")

    @field_validator("standards")
    @classmethod
    def _each_standard_once(cls, standards):
        return list(dict.fromkeys(standards))

    _upgrade = model_validator(mode="before")(upgrades("pillar"))


class Objective(Row):
    """A strategic objective of the plan, under one of its pillars."""

    code: Name = Field("", description=(
        "The objective's number or code as the plan gives it (e.g. \"1.2\")."))
    pillar_id: RowId | None = Field(None, description=(
        "The id of the pillar this objective comes under (one of pillars.pillars[].id), or null."))
    title: Line = Field("", description=(
        "The objective as the plan states it (e.g. \"Increase women's participation in local peace "
        "committees\")."))
    outcome: Line = Field("", description=(
        "The expected outcome: what will have changed, specific, measurable and time-bound (e.g. "
        "\"Women are 30% of local peace committee members by 2030\")."))


def default_pillars() -> list[Pillar]:
    return [Pillar(id=key, name=v.STANDARD_PILLARS.label(key), standards=[key])
            for key in v.STANDARD_PILLARS.values]


class Pillars(Model):
    """The plan's vision, theory of change, pillars and strategic objectives."""

    vision: Prose = Field("", description=(
        "Free text: the plan's vision, in a sentence or two: what it will change."))
    theory_of_change: Prose = Field("", description=(
        "Free text: the plan's theory of change: if these actions happen, then these outcomes "
        "follow, because..."))
    adaptation_rationale: Prose = Field("", description=(
        "Free text: why the plan's pillars differ from the four standard ones (prevention, "
        "participation, protection, relief and recovery), where they were renamed, merged or added "
        "to. Empty when the pillars are the standard ones."))
    pillars: list[Pillar] = Field(default_factory=default_pillars, max_length=20, description=(
        "The plan's pillars, in the plan's order (at most 20). Left out, the four standard pillars "
        "are used, with the ids prevention, participation, protection and relief_recovery; an "
        "empty list means no pillars."))
    objectives: rows(Objective) = Field(description=(
        "The plan's strategic objectives, one row each, each under one of the pillars."))

    _ids_unique = field_validator("pillars", "objectives")(unique_ids)

    @field_validator("objectives")
    @classmethod
    def _objectives_name_a_pillar(cls, objectives, info: ValidationInfo):
        if "pillars" not in info.data:  # the pillars were refused: that error is enough
            return objectives
        known = {pillar.id for pillar in info.data["pillars"]}
        for objective in objectives:
            if objective.pillar_id and objective.pillar_id not in known:
                raise ValueError(f"Objective '{objective.code or objective.title}' names a pillar "
                                 f"that does not exist ('{objective.pillar_id}').")
        return objectives


# --- Actions ------------------------------------------------------------------------

class Action(Row):
    """An action of the plan: what is done, by whom and when, towards which objective."""

    code: Name = Field("", description=(
        "The action's number or code as the plan gives it (e.g. \"1.2.3\")."))
    objective_id: RowId | None = Field(None, description=(
        "The id of the objective this action serves (one of pillars.objectives[].id), or null."))
    title: Line = Field("", description=(
        "The action, in a line (e.g. \"Train 200 women mediators in the northern districts\")."))
    description: Prose = Field("", description="Free text: the action in more detail.")
    lead_institution: Name = Field("", description=(
        "The institution responsible for carrying out the action (e.g. \"Ministry of Interior\")."))
    partners: Line = Field("", description=(
        "The institutions and organisations that take part in it, in one line."))
    start: Date | None = Field(None, description=(
        "The day the action starts, as an ISO 8601 date, YYYY-MM-DD (e.g. \"2026-01-01\")."))
    end: Date | None = Field(None, description=(
        "The day the action ends, as an ISO 8601 date, YYYY-MM-DD (e.g. \"2027-12-31\"); not "
        "before start."))
    dimension: v.DIMENSIONS.type | None = Field(None, description=(
        "Whether the action is domestic, external (foreign policy, aid, peacekeeping) or both."))
    themes: list[v.THEMES.type] = Field(default_factory=list, description=(
        "The themes the action addresses."))

    _dates_in_order = field_validator("end")(
        not_before("start", _l("An action must end on or after the day it starts.")))


class Actions(Model):
    """The actions that carry out the objectives: who does what, by when."""

    items: rows(Action) = Field(description="The plan's actions, one row each.")

    _ids_unique = field_validator("items")(unique_ids)


# --- Indicators ---------------------------------------------------------------------

class Indicator(Row):
    """An indicator: how progress on an action or an objective is measured, from a baseline to a
    target."""

    code: Name = Field("", description=(
        "The indicator's number or code as the plan gives it (e.g. \"1.2.a\")."))
    statement: Line = Field("", description=(
        "What the indicator measures, in a line (e.g. \"Share of women among mediators in local "
        "peace committees\")."))
    level: v.INDICATOR_LEVELS.type | None = Field(None, description=(
        "What the indicator measures: output for what an action delivers (e.g. people "
        "trained), outcome for the change an objective seeks (e.g. women's share of mediators)."))
    action_id: RowId | None = Field(None, description=(
        "The id of the action this indicator measures (one of actions.items[].id), or null. An "
        "indicator measures an action or an objective, not both."))
    objective_id: RowId | None = Field(None, description=(
        "The id of the objective this indicator measures (one of pillars.objectives[].id), or "
        "null; not together with action_id."))
    unit: Name = Field("", description=(
        "The unit of the baseline and the target (e.g. \"percent\", \"number of cases\")."))
    baseline: Name = Field("", description=(
        "The value at the start, as the plan states it, in the unit (e.g. \"12\"). Text, so that a "
        "plan's own words (\"no data\") can be kept."))
    baseline_year: Year | None = Field(None, description=(
        "The year the baseline was measured, as a four-digit year (e.g. 2024)."))
    target: Name = Field("", description=(
        "The value to reach, as the plan states it, in the unit (e.g. \"30\")."))
    target_year: Year | None = Field(None, description=(
        "The year by which the target is to be reached, as a four-digit year (e.g. 2030); not "
        "before baseline_year."))
    disaggregation: list[v.DISAGGREGATIONS.type] = Field(default_factory=list, description=(
        "How the indicator's data is broken down (e.g. [\"sex\", \"age\"])."))
    data_source: Line = Field("", description=(
        "Where the figure comes from: a survey, a register, a report (e.g. \"Annual report of the "
        "National Police\")."))
    frequency: v.FREQUENCIES.type | None = Field(None, description=(
        "How often the data is collected."))
    responsible: Name = Field("", description=(
        "Who collects the data (e.g. \"National Statistics Office\")."))
    global_indicator: Name | None = Field(None, description=(
        "The UN global indicator on resolution 1325 (S/2010/498, annex) that this indicator "
        "relates to, by its key, which follows the annex's numbering (e.g. \"1a\", \"12b\", "
        "\"19\"); null where none fits."))

    _years_in_order = field_validator("target_year")(
        not_before("baseline_year", _l("The target year cannot come before the baseline year.")))

    @field_validator("objective_id")
    @classmethod
    def _one_subject(cls, value, info: ValidationInfo):
        if value and info.data.get("action_id"):
            raise ValueError(_("An indicator measures either an action or an objective, not both."))
        return value


class Indicators(Model):
    """How progress is measured: baselines, targets, sources and who collects them."""

    items: rows(Indicator) = Field(description="The plan's indicators, one row each.")
    # What the plan says of its indicators as a whole, for a plan read from its document
    # (or a results matrix not yet typed in): reviewers code these without the rows.
    stated: Answer = Field("not_stated", description=(
        "Whether the plan sets indicators at all: yes, no, or not_stated. Use with the three "
        "fields below when the indicators are not typed in as rows."))
    stated_count: Count | None = Field(None, description=(
        "How many indicators the plan sets, as a whole number (e.g. 64), when it says so "
        "or they can be counted in its document."))
    with_baselines: Answer = Field("not_stated", description=(
        "Whether the plan's indicators have baseline values: yes (all or most do), no, or "
        "not_stated."))
    with_targets: Answer = Field("not_stated", description=(
        "Whether the plan's indicators have target values: yes (all or most do), no, or "
        "not_stated."))

    _ids_unique = field_validator("items")(unique_ids)


# --- Budget and financing -----------------------------------------------------------

class BudgetLine(Row):
    """One line of the budget: a cost, what it is for, who pays, and how much is secured."""

    category: v.COST_CATEGORIES.type = Field("action", description=(
        "What kind of cost this is; action, the default, for the cost of an action of the plan."))
    action_id: RowId | None = Field(None, description=(
        "For the cost of an action, the id of that action (one of actions.items[].id); otherwise "
        "null."))
    description: Line = Field("", description=(
        "What is costed, in a line (e.g. \"Training of women mediators, four sessions\")."))
    amount: Amount | None = Field(None, description=(
        "The cost, in the plan's currency (budget.currency): a number of at least 0 with at most "
        "two decimals, written as a JSON number or a string (e.g. 150000 or \"150000.00\")."))
    funding_source: v.FUNDING_SOURCES.type | None = Field(None, description=(
        "Where the money comes from, by kind."))
    funder: Name = Field("", description=(
        "Who pays, by name: the ministry, donor or fund (e.g. \"Ministry of Finance\", \"UN "
        "Women\")."))
    secured: Amount | None = Field(None, description=(
        "How much of the cost is secured (committed in a budget or an agreement), in the plan's "
        "currency; not more than amount."))

    @field_validator("secured")
    @classmethod
    def _secured_within_cost(cls, value, info: ValidationInfo):
        amount = info.data.get("amount")
        if value is not None and amount is not None and value > amount:
            raise ValueError(_("The amount secured cannot be more than the cost."))
        return value


class Budget(Model):
    """What the plan costs, who pays, what is secured, and how it meets the budget cycle."""

    currency: v.CURRENCIES.type | None = Field(None, description=(
        "The currency of every amount in the plan, as an ISO 4217 code (e.g. \"USD\", \"EUR\", "
        "\"XOF\")."))
    budget_links: list[v.BUDGET_LINKS.type] = Field(default_factory=list, description=(
        "How the plan is tied to the national budget process."))
    budget_cycle_notes: Prose = Field("", description=(
        "Free text: how and when the plan's costs enter the budget cycle."))
    funding_gap_statement: Prose = Field("", description=(
        "Free text: what is not yet funded, and how the plan will close the gap."))
    resource_mobilisation: Prose = Field("", description=(
        "Free text: how more resources will be raised, and from whom."))
    # What the plan says of its money as a whole, for plans costed in aggregate.
    costing_done: Answer = Field("not_stated", description=(
        "Whether the plan has been costed, in total or action by action: yes, no, or not_stated "
        "when the plan does not say."))
    total_cost: Amount | None = Field(None, description=(
        "What the whole plan costs, as the plan states it, in the plan's currency "
        "(budget.currency). Use when the plan gives a total; costs per action go in budget lines."))
    total_secured: Amount | None = Field(None, description=(
        "How much of total_cost is secured (committed in budgets or agreements), in the plan's "
        "currency; not more than total_cost."))
    dedicated_budget: Answer = Field("not_stated", description=(
        "Whether there is a fund, or a line in the national budget, dedicated to this plan: yes, "
        "no, or not_stated when the plan does not say."))
    dedicated_budget_name: Name = Field("", description=(
        "The name of that fund or budget line (e.g. \"Women, Peace and Security Trust Fund\")."))
    dedicated_budget_amount: Amount | None = Field(None, description=(
        "The amount of that fund or budget line, in the plan's currency."))
    dedicated_budget_secured: Amount | None = Field(None, description=(
        "How much of dedicated_budget_amount is committed, in the plan's currency; not more than "
        "dedicated_budget_amount."))
    lines: rows(BudgetLine) = Field(description=(
        "The plan's costs line by line: one row per action costed, or per other cost."))

    _total_secured_within = field_validator("total_secured")(
        not_more_than("total_cost", _l("The amount secured cannot be more than the total cost.")))
    _fund_secured_within = field_validator("dedicated_budget_secured")(
        not_more_than("dedicated_budget_amount",
                      _l("The amount secured cannot be more than the amount of the budget line.")))

    _ids_unique = field_validator("lines")(unique_ids)


# --- Monitoring, evaluation and reporting ------------------------------------------

class Evaluation(Row):
    """A review or evaluation of the plan, planned or done."""

    kind: v.EVALUATION_KINDS.type | None = Field(None, description=(
        "The kind of review or evaluation: mid-term, final, annual or other."))
    status: v.EVALUATION_STATUSES.type | None = Field(None, description=(
        "Whether the review or evaluation is still planned, or done (it has taken place)."))
    year: Year | None = Field(None, description=(
        "The year it is planned for or took place, as a four-digit year (e.g. 2028)."))
    independent: Answer = Field("not_stated", description=(
        "Whether it is (or is to be) carried out independently of those who implement the plan: "
        "yes, no, or not_stated when the plan does not say."))
    by: Name = Field("", description=(
        "Who carries it out, by name (e.g. \"Centre for Peace Studies, University of Varesia\")."))


class Monitoring(Model):
    """Who monitors, how often, to whom, and when the plan is evaluated."""

    monitoring_body: Name = Field("", description=(
        "The body that monitors the plan, by name (e.g. \"National WPS Monitoring Committee\")."))
    civil_society_seats: Count | None = Field(None, description=(
        "How many seats on the monitoring body civil society holds, as a whole number (e.g. 5). "
        "Where the plan gives a share instead, use civil_society_share."))
    civil_society_share: Percent | None = Field(None, description=(
        "The share of the monitoring body's seats that civil society holds, in percent (0 to 100, "
        "e.g. 30), where the plan gives a share rather than a number of seats."))
    civil_society_on_body: Answer = Field("not_stated", description=(
        "Whether civil society sits on the monitoring body: yes, no, or not_stated. Answer yes "
        "when the plan says so without giving a number or share of seats."))
    reporting_frequency: v.FREQUENCIES.type | None = Field(None, description=(
        "How often progress on the plan is reported."))
    report_recipients: list[v.REPORT_RECIPIENTS.type] = Field(default_factory=list, description=(
        "Who receives the progress reports."))
    reports_public: Answer = Field("not_stated", description=(
        "Whether progress reports are published: yes, no, or not_stated when the plan does not "
        "say."))
    shadow_reports_recognised: Answer = Field("not_stated", description=(
        "Whether the plan recognises civil-society shadow reports on its progress: yes, no, or "
        "not_stated when the plan does not say."))
    data_collection: Prose = Field("", description=(
        "Free text: how monitoring data is collected, and by whom."))
    me_framework: Answer = Field("not_stated", description=(
        "Whether the plan has a monitoring and evaluation framework (a results framework, logframe "
        "or M&E chapter that says how progress is measured and reported): yes, no, or not_stated "
        "when the plan does not say."))
    me_framework_parts: list[v.ME_FRAMEWORK_PARTS.type] = Field(default_factory=list, description=(
        "What the monitoring and evaluation framework includes."))
    me_framework_where: Line = Field("", description=(
        "Where the framework is in the plan (e.g. \"Annex 2, pages 45 to 60\")."))
    evaluations: rows(Evaluation) = Field(description=(
        "The reviews and evaluations of the plan, planned or done, one row each."))
    use_of_findings: Prose = Field("", description=(
        "Free text: how the findings of monitoring and evaluation will be used (e.g. to revise the "
        "plan, to shape its successor)."))

    _ids_unique = field_validator("evaluations")(unique_ids)
    _upgrade = model_validator(mode="before")(upgrades("monitoring"))


# --- Localisation and dissemination -------------------------------------------------

class Localisation(Model):
    """How the plan reaches provinces and districts, and the people it is for."""

    local_action_plans: Prose = Field("", description=(
        "Free text: which provinces, districts or cities will have their own action plans, and how "
        "they relate to this one."))
    subnational_bodies: Prose = Field("", description=(
        "Free text: the bodies that coordinate the plan below the national level."))
    localisation_guidelines: Answer = Field("not_stated", description=(
        "Whether there are guidelines for localising the plan: yes, no, or not_stated when the "
        "plan does not say."))
    languages: list[Name] = Field(default_factory=list, max_length=100, description=(
        "The languages the plan is translated into, one name per item (e.g. [\"French\", "
        "\"Lingala\"]); at most 100."))
    dissemination_plan: Prose = Field("", description=(
        "Free text: how the plan will be made known, and to whom."))
    public_launch_date: PartialDate | None = Field(None, description=(
        "When the plan was (or will be) launched in public, as precisely as known (e.g. "
        "\"2026-03-08\")."))
    published_online: Answer = Field("not_stated", description=(
        "Whether the plan is published online: yes, no, or not_stated when the plan does not say."))


# --- Regional links and twinning ----------------------------------------------------

class TwinningPartner(Row):
    """A partner the plan learns with: a country or organisation, and the form of the
    exchange."""

    partner: Name = Field("", description=(
        "The partner country or organisation, by name (e.g. \"Republic of Norland\")."))
    form: v.EXCHANGE_FORMS.type | None = Field(None, description=(
        "The form the exchange takes (e.g. twinning, peer review, study visits)."))
    start_year: Year | None = Field(None, description=(
        "The year the partnership began, as a four-digit year (e.g. 2023)."))
    mutual: bool = Field(False, description=(
        "Whether learning goes both ways: true, or false (the default) if one side learns from "
        "the other."))
    civil_society_both_sides: bool = Field(False, description=(
        "Whether civil society takes part on both sides of the exchange: true, or false (the "
        "default) if not."))
    description: Line = Field("", description="A short description of the partnership.")


class Regional(Model):
    """The regional framework the plan answers to, and who it learns with."""

    regional_frameworks: list[v.REGIONAL_FRAMEWORKS.type] = Field(
        default_factory=list,
        description="The regional frameworks on women, peace and security the plan answers to.")
    regional_links: Prose = Field("", description=(
        "Free text: how the plan links to those regional frameworks."))
    regional_reporting: Answer = Field("not_stated", description=(
        "Whether the plan reports to a regional body: yes, no, or not_stated when the plan does "
        "not say."))
    member_states_supported: Line = Field("", description=(
        "For a regional plan, the member states it supports, in one line (e.g. \"All 15 member "
        "states\")."))
    partners: rows(TwinningPartner) = Field(description=(
        "The plan's twinning and learning partners, one row each."))

    _ids_unique = field_validator("partners")(unique_ids)


# --- Review and revision ------------------------------------------------------------

class Review(Model):
    """How the plan learns: lessons from the last plan, review clause, successor."""

    lessons_from_previous: Prose = Field("", description=(
        "Free text: the lessons drawn from the previous plan, and how they shaped this one. Empty "
        "for a first plan."))
    review_clause: Prose = Field("", description=(
        "Free text: how and when the plan will be reviewed and revised."))
    revision_triggers: Prose = Field("", description=(
        "Free text: what would prompt a revision before the plan ends (e.g. a new resolution, a "
        "crisis, the findings of a review)."))
    successor_planned: Answer = Field("not_stated", description=(
        "Whether a successor plan is planned: yes, no, or not_stated when the plan does not say."))


# --- The whole document -------------------------------------------------------------

SECTION_MODELS: dict[str, type[Model]] = {
    "about": About,
    "context": Context,
    "leadership": Leadership,
    "consultation": Consultation,
    "pillars": Pillars,
    "actions": Actions,
    "indicators": Indicators,
    "budget": Budget,
    "monitoring": Monitoring,
    "localisation": Localisation,
    "regional": Regional,
    "review": Review,
}


class PlanDocument(Model):
    """A whole plan: every section, each of which may still be empty."""

    schema_version: int = Field(default=SCHEMA_VERSION, ge=1, le=SCHEMA_VERSION, description=(
        f"The version of the plan document's format the data is written in: {SCHEMA_VERSION}, the "
        "current one. NAP Drafter also reads version 1, upgrading it as it reads; the schema "
        "printed by `drafter schema` describes the current version only."))

    _upgrade = model_validator(mode="before")(upgrades("document"))
    about: About = Field(default_factory=About, description=(
        "About the plan: who it belongs to, its period, and how it was adopted. Optional, as every "
        "section is: left out, the section is empty."))
    context: Context = Field(default_factory=Context, description=(
        "Context analysis: the situation the plan answers."))
    leadership: Leadership = Field(default_factory=Leadership, description=(
        "Leadership and coordination: who leads, who coordinates, who endorsed."))
    consultation: Consultation = Field(default_factory=Consultation, description=(
        "Consultation: how the plan was drafted and who was heard."))
    pillars: Pillars = Field(default_factory=Pillars, description=(
        "Vision, theory of change, pillars and strategic objectives. Left out, the section holds "
        "the four standard pillars and nothing else."))
    actions: Actions = Field(default_factory=Actions, description="The actions of the plan.")
    indicators: Indicators = Field(default_factory=Indicators, description=(
        "The indicators that measure the plan's progress."))
    budget: Budget = Field(default_factory=Budget, description=(
        "Budget and financing: what the plan costs, who pays, what is secured."))
    monitoring: Monitoring = Field(default_factory=Monitoring, description=(
        "Monitoring, evaluation and reporting."))
    localisation: Localisation = Field(default_factory=Localisation, description=(
        "Localisation and dissemination: how the plan reaches the regions and the people it is "
        "for."))
    regional: Regional = Field(default_factory=Regional, description=(
        "Regional frameworks, and twinning and learning partners."))
    review: Review = Field(default_factory=Review, description=(
        "Review and revision: lessons from the last plan, the review clause, a successor."))

    @model_validator(mode="after")
    def _references_resolve(self) -> "PlanDocument":
        from .links import dangling_references

        problems = dangling_references(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self
