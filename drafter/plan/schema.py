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
from .fields import Amount, Count, Date, Line, Model, Name, Prose, Row, RowId, Year, rows

SCHEMA_VERSION = 1


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

    country_or_organisation: Name = ""
    plan_type: v.PLAN_TYPES.type | None = None
    title: Line = ""
    period_start: Year | None = None
    period_end: Year | None = None
    generation: int | None = Field(default=None, ge=1, le=20)
    lead_institution: Name = ""
    resolutions: list[v.RESOLUTIONS.type] = Field(default_factory=list)
    adopting_authority: Name = ""
    adoption_instrument: Line = ""
    adoption_date: Date | None = None
    foreword_by: Name = ""
    capital: Name = ""
    regions: list[Name] = Field(default_factory=list, max_length=200)
    policy_links: Prose = ""

    _period_in_order = field_validator("period_end")(
        not_before("period_start", _l("The plan must end in or after the year it starts.")))


# --- Context analysis ---------------------------------------------------------------

class Context(Model):
    """The situation the plan answers: conflict, its gendered impact, baseline, gaps."""

    conflict_analysis: Prose = ""
    gendered_impacts: Prose = ""
    baseline_summary: Prose = ""
    sex_disaggregated_baseline: bool = False
    assessment_year: Year | None = None
    existing_programmes: Prose = ""
    legal_policy_review: Prose = ""
    cedaw_gr30_considered: bool = False
    domestic_dimension: bool = False
    external_dimension: bool = False


# --- Leadership and coordination ----------------------------------------------------

class BodyMember(Row):
    institution: Name = ""
    sector: v.SECTORS.type | None = None


class Risk(Row):
    risk: Line = ""
    mitigation: Line = ""


class Leadership(Model):
    """Who leads, who coordinates, who endorsed, and how implementers are prepared."""

    lead_institution: Name = ""
    focal_point: Name = ""
    secretariat: Line = ""
    endorsement_level: v.ENDORSEMENT_LEVELS.type | None = None
    coordination_body: Name = ""
    body_terms_of_reference: bool = False
    body_meeting_frequency: v.FREQUENCIES.type | None = None
    members: rows(BodyMember)
    civil_society_seats: Count | None = None
    parliament_role: Prose = ""
    accountability: Prose = ""
    capacity_building: Prose = ""
    risks: rows(Risk)

    _ids_unique = field_validator("members", "risks")(unique_ids)


# --- Consultation -------------------------------------------------------------------

class ConsultationEvent(Row):
    date: Date | None = None
    place: Name = ""
    region: Name = ""
    in_capital: bool = False
    format: v.CONSULTATION_FORMATS.type | None = None
    women: Count | None = None
    men: Count | None = None
    groups: list[v.GROUPS.type] = Field(default_factory=list)
    organisations: Line = ""
    summary: Prose = ""


class Consultation(Model):
    """How the plan was drafted and who was heard, event by event."""

    drafting_body: Line = ""
    civil_society_on_drafting_body: bool = False
    sectors_on_drafting_body: list[v.SECTORS.type] = Field(default_factory=list)
    process_summary: Prose = ""
    how_input_was_used: Prose = ""
    draft_published: bool = False
    validation_workshop_date: Date | None = None
    events: rows(ConsultationEvent)

    _ids_unique = field_validator("events")(unique_ids)


# --- Pillars and objectives ---------------------------------------------------------

class Pillar(Row):
    name: Name = ""
    standard: v.STANDARD_PILLARS.type | None = None
    description: Line = ""


class Objective(Row):
    code: Name = ""
    pillar_id: RowId | None = None
    title: Line = ""
    outcome: Line = ""


def default_pillars() -> list[Pillar]:
    return [Pillar(id=key, name=v.STANDARD_PILLARS.label(key), standard=key)
            for key in v.STANDARD_PILLARS.values]


class Pillars(Model):
    """The plan's vision, theory of change, pillars and strategic objectives."""

    vision: Prose = ""
    theory_of_change: Prose = ""
    adaptation_rationale: Prose = ""
    pillars: list[Pillar] = Field(default_factory=default_pillars, max_length=20)
    objectives: rows(Objective)

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
    code: Name = ""
    objective_id: RowId | None = None
    title: Line = ""
    description: Prose = ""
    lead_institution: Name = ""
    partners: Line = ""
    start: Date | None = None
    end: Date | None = None
    dimension: v.DIMENSIONS.type | None = None
    themes: list[v.THEMES.type] = Field(default_factory=list)

    _dates_in_order = field_validator("end")(
        not_before("start", _l("An action must end on or after the day it starts.")))


class Actions(Model):
    """The actions that carry out the objectives: who does what, by when."""

    items: rows(Action)

    _ids_unique = field_validator("items")(unique_ids)


# --- Indicators ---------------------------------------------------------------------

class Indicator(Row):
    code: Name = ""
    statement: Line = ""
    level: v.INDICATOR_LEVELS.type | None = None
    action_id: RowId | None = None
    objective_id: RowId | None = None
    unit: Name = ""
    baseline: Name = ""
    baseline_year: Year | None = None
    target: Name = ""
    target_year: Year | None = None
    disaggregation: list[v.DISAGGREGATIONS.type] = Field(default_factory=list)
    data_source: Line = ""
    frequency: v.FREQUENCIES.type | None = None
    responsible: Name = ""
    global_indicator: Name | None = None

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

    items: rows(Indicator)

    _ids_unique = field_validator("items")(unique_ids)


# --- Budget and financing -----------------------------------------------------------

class BudgetLine(Row):
    category: v.COST_CATEGORIES.type = "action"
    action_id: RowId | None = None
    description: Line = ""
    amount: Amount | None = None
    funding_source: v.FUNDING_SOURCES.type | None = None
    funder: Name = ""
    secured: Amount | None = None

    @field_validator("secured")
    @classmethod
    def _secured_within_cost(cls, value, info: ValidationInfo):
        amount = info.data.get("amount")
        if value is not None and amount is not None and value > amount:
            raise ValueError(_("The amount secured cannot be more than the cost."))
        return value


class Budget(Model):
    """What the plan costs, who pays, what is secured, and how it meets the budget cycle."""

    currency: v.CURRENCIES.type | None = None
    budget_links: list[v.BUDGET_LINKS.type] = Field(default_factory=list)
    budget_cycle_notes: Prose = ""
    funding_gap_statement: Prose = ""
    resource_mobilisation: Prose = ""
    lines: rows(BudgetLine)

    _ids_unique = field_validator("lines")(unique_ids)


# --- Monitoring, evaluation and reporting ------------------------------------------

class Monitoring(Model):
    """Who monitors, how often, to whom, and when the plan is evaluated."""

    monitoring_body: Name = ""
    civil_society_seats: Count | None = None
    reporting_frequency: v.FREQUENCIES.type | None = None
    report_recipients: list[v.REPORT_RECIPIENTS.type] = Field(default_factory=list)
    reports_public: bool = False
    shadow_reports_recognised: bool = False
    data_collection: Prose = ""
    midterm_review_year: Year | None = None
    final_evaluation_year: Year | None = None
    independent_evaluation: bool = False
    use_of_findings: Prose = ""


# --- Localisation and dissemination -------------------------------------------------

class Localisation(Model):
    """How the plan reaches provinces and districts, and the people it is for."""

    local_action_plans: Prose = ""
    subnational_bodies: Prose = ""
    localisation_guidelines: bool = False
    languages: list[Name] = Field(default_factory=list, max_length=100)
    dissemination_plan: Prose = ""
    public_launch_date: Date | None = None
    published_online: bool = False


# --- Regional links and twinning ----------------------------------------------------

class TwinningPartner(Row):
    partner: Name = ""
    form: v.EXCHANGE_FORMS.type | None = None
    start_year: Year | None = None
    mutual: bool = False
    civil_society_both_sides: bool = False
    description: Line = ""


class Regional(Model):
    """The regional framework the plan answers to, and who it learns with."""

    regional_frameworks: list[v.REGIONAL_FRAMEWORKS.type] = Field(default_factory=list)
    regional_links: Prose = ""
    regional_reporting: bool = False
    member_states_supported: Line = ""
    partners: rows(TwinningPartner)

    _ids_unique = field_validator("partners")(unique_ids)


# --- Review and revision ------------------------------------------------------------

class Review(Model):
    """How the plan learns: lessons from the last plan, review clause, successor."""

    lessons_from_previous: Prose = ""
    review_clause: Prose = ""
    revision_triggers: Prose = ""
    successor_planned: bool = False


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

    schema_version: int = Field(default=SCHEMA_VERSION, ge=1, le=SCHEMA_VERSION)
    about: About = Field(default_factory=About)
    context: Context = Field(default_factory=Context)
    leadership: Leadership = Field(default_factory=Leadership)
    consultation: Consultation = Field(default_factory=Consultation)
    pillars: Pillars = Field(default_factory=Pillars)
    actions: Actions = Field(default_factory=Actions)
    indicators: Indicators = Field(default_factory=Indicators)
    budget: Budget = Field(default_factory=Budget)
    monitoring: Monitoring = Field(default_factory=Monitoring)
    localisation: Localisation = Field(default_factory=Localisation)
    regional: Regional = Field(default_factory=Regional)
    review: Review = Field(default_factory=Review)

    @model_validator(mode="after")
    def _references_resolve(self) -> "PlanDocument":
        from .links import dangling_references

        problems = dangling_references(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self
