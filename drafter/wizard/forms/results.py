"""Forms for the results logic: pillars and objectives, an action, an indicator."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import FormField

from ...plan import vocab as v
from .common import (
    ItemForm,
    OptionalSelectField,
    RowChoiceField,
    RowForm,
    RowList,
    StepForm,
    answer,
    count,
    date,
    prose,
    text,
    vocab_checkboxes,
    vocab_select,
    year,
)


class PillarRow(RowForm):
    name = text(_l("Pillar"))
    standards = vocab_checkboxes(_l("Corresponds to"), v.STANDARD_PILLARS,
                                 _l("Tick two or more for a merged pillar, and say why below "
                                    "the pillars."))
    description = prose(_l("Description"), rows=2)


class ObjectiveRow(RowForm):
    code = text(_l("Code"), render_kw={"class": "input-code"})
    pillar_id = RowChoiceField(_l("Pillar"), "pillars", _l(
        "The pillar “%(name)s” is no longer in the list of pillars: choose another pillar "
        "for this objective"), unnamed=_l("(unnamed pillar)"))
    title = prose(_l("Objective"), rows=2)
    outcome = prose(_l("Expected outcome"), _l("Specific, measurable and time-bound."), rows=2)


class PillarsForm(StepForm):
    groups = [
        (_l("Vision"), ["vision", "theory_of_change"]),
        (_l("Pillars"), ["pillars", "adaptation_rationale"]),
        (_l("Strategic objectives"), ["objectives"]),
    ]
    vision = prose(_l("Vision"), _l("One clear sentence or two on what the plan will change."), rows=3)
    theory_of_change = prose(_l("Theory of change"),
                             _l("If these actions happen, then these outcomes follow, because…"))
    adaptation_rationale = prose(
        _l("Why the pillars differ from the four standard ones"),
        _l("Only if you renamed, merged or added pillars."), rows=3)
    pillars = RowList(FormField(PillarRow), label=_l("Pillars"), min_entries=0,
                      empty=_l("No pillars yet."), add_label=_l("Add a pillar"))
    objectives = RowList(FormField(ObjectiveRow), label=_l("Objectives"), min_entries=0,
                         empty=_l("No objectives yet."), add_label=_l("Add an objective"))

    def to_model(self, data: dict) -> dict:
        # An objective naming a pillar removed on this page is refused by its own field
        # (`RowChoiceField`, with the pillar's name); the document need not refuse it too.
        allowed = {row["id"] for row in data.get("pillars", [])}
        for row in data.get("objectives", []):
            if row.get("pillar_id") and row["pillar_id"] not in allowed:
                row["pillar_id"] = None
        return data


class ActionForm(ItemForm):
    groups = [
        (_l("The action"), ["code", "objective_id", "title", "description"]),
        (_l("Who and when"), ["lead_institution", "partners", "start", "end"]),
        (_l("Scope"), ["dimension", "themes"]),
    ]
    code = text(_l("Code"), _l("For example: 1.2.3"), render_kw={"class": "input-code"})
    objective_id = OptionalSelectField(_l("Objective"), choices=[])
    title = text(_l("Action"))
    description = prose(_l("Description"), rows=3)
    lead_institution = text(_l("Lead institution"))
    partners = text(_l("Partners"))
    start = date(_l("Start"))
    end = date(_l("End"))
    dimension = vocab_select(_l("Dimension"), v.DIMENSIONS)
    themes = vocab_checkboxes(_l("Themes"), v.THEMES)


class IndicatorsForm(StepForm):
    """The indicators step: the list of indicators, and what the plan says of them as a whole
    (for a plan whose results matrix is not typed in row by row)."""

    groups = [
        (_l("The plan's indicators as a whole"), ["stated", "stated_count", "with_baselines",
                                                  "with_targets"]),
    ]
    stated = answer(_l("The plan sets indicators"))
    stated_count = count(_l("How many indicators the plan sets"),
                         _l("When the plan says so, or they are counted in its document."))
    with_baselines = answer(_l("Its indicators have baseline values"))
    with_targets = answer(_l("Its indicators have target values"))


class IndicatorForm(ItemForm):
    groups = [
        (_l("The indicator"), ["code", "statement", "level", "measures", "global_indicator"]),
        (_l("Baseline and target"), ["unit", "baseline", "baseline_year", "target",
                                     "target_year"]),
        (_l("Data"), ["disaggregation", "data_source", "frequency", "responsible"]),
    ]
    code = text(_l("Code"), render_kw={"class": "input-code"})
    statement = text(_l("Indicator"),
                     _l("For example: Share of women among mediators in local peace committees"))
    level = vocab_select(_l("Level"), v.INDICATOR_LEVELS,
                         _l("Outcome indicators measure objectives; output indicators measure actions."))
    measures = OptionalSelectField(_l("What it measures"), choices=[])
    global_indicator = OptionalSelectField(
        _l("Related UN global indicator on resolution 1325"), choices=[],
        description=_l("From the annex of S/2010/498, where one fits."))
    unit = text(_l("Unit"), _l("For example: percent, number of cases"))
    baseline = text(_l("Baseline value"))
    baseline_year = year(_l("Baseline year"))
    target = text(_l("Target value"))
    target_year = year(_l("Target year"))
    disaggregation = vocab_checkboxes(_l("Broken down by"), v.DISAGGREGATIONS)
    data_source = text(_l("Data source"), _l("Where the figure comes from: a survey, a register, a report."))
    frequency = vocab_select(_l("How often it is collected"), v.FREQUENCIES)
    responsible = text(_l("Who collects it"))

    error_aliases = {"action_id": "measures", "objective_id": "measures"}

    @staticmethod
    def from_model(data: dict) -> dict:
        subject = (f"action:{data['action_id']}" if data.get("action_id")
                   else f"objective:{data['objective_id']}" if data.get("objective_id") else "")
        return {**data, "measures": subject}

    @staticmethod
    def to_model(data: dict) -> dict:
        kind, _, row_id = (data.pop("measures", "") or "").partition(":")
        data["action_id"] = row_id if kind == "action" else None
        data["objective_id"] = row_id if kind == "objective" else None
        return data
