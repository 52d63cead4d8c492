"""A section of the plan as label and value pairs, for "Check your plan" and the
conflict page. Labels and the names of choices come from the step's own form, so a
label is written once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from wtforms import BooleanField, DateField, FieldList, SelectFieldBase

from ..plan.fields import NOT_STATED
from ..plan.schema import PlanDocument
from . import editing
from .binding import CONTROL_FIELDS, model_values
from .forms.common import AnswerField, CountField, PartialDateField, PercentField
from .steps import Step


@dataclass
class Table:
    headings: list[str]
    rows: list[list[str]] = field(default_factory=list)
    # The columns (by index) of values never broken across lines: dates, which a narrow
    # column would otherwise cut at a hyphen ("2028-" above "12-31").
    nowrap: set[int] = field(default_factory=set)


def _nowrap(fields) -> set[int]:
    return {index for index, field_ in enumerate(fields)
            if isinstance(field_, (DateField, PartialDateField))}


@dataclass
class SummaryRow:
    name: str
    label: str
    text: str = ""
    table: Table | None = None


def _choice_labels(field_) -> dict:
    return {choice.value: str(choice.label) for choice in field_.choices or []}


def display(field_) -> str:
    """What a person reads for one field's saved value."""
    return display_value(field_, field_.data)


def display_value(field_, value, labels: dict | None = None) -> str:
    """What a person reads for `value` shown in `field_` (whose choice labels may be given)."""
    if isinstance(field_, BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field_, AnswerField) and value in (None, ""):
        value = NOT_STATED  # an answer nobody gave is "Not stated", never blank
    if value in (None, "", []):
        return ""
    if isinstance(field_, PercentField) and isinstance(value, int):
        return format_percent(Decimal(value) / 100)  # "40%", "40 %" in French
    if isinstance(field_, SelectFieldBase) and getattr(field_, "choices", None) is not None:
        labels = labels if labels is not None else _choice_labels(field_)
        if isinstance(value, list):
            return ", ".join(labels.get(item, item) for item in value)
        return labels.get(value, value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, Decimal):
        return format_decimal(value, format="#,##0.##")
    if isinstance(field_, CountField) and isinstance(value, int):
        return format_decimal(value, format="#,##0")  # never a year: years are not counts
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _rows_table(field_: FieldList) -> Table:
    blank = field_.unbound_field.args[0]()
    names = [name for name in blank._fields if name != "id"]
    table = Table([str(blank[name].label.text) for name in names],
                  nowrap=_nowrap(blank[name] for name in names))
    for entry in field_.entries:
        table.rows.append([display(entry.form[name]) for name in names])
    return table


def section_summary(step: Step, document: PlanDocument) -> list[SummaryRow]:
    section = getattr(document, step.key)
    form = editing.step_form(step, section, 0, "")
    editing.fill_choices(form, document)
    rows = []
    for name, field_ in form._fields.items():
        if name in CONTROL_FIELDS:
            continue
        if isinstance(field_, FieldList):
            rows.append(SummaryRow(name, str(field_.label.text), table=_rows_table(field_)))
        else:
            rows.append(SummaryRow(name, str(field_.label.text), display(field_)))
    if step.collection:
        rows.append(collection_summary(step, section, document))
    return rows


def collection_summary(step: Step, section, document) -> SummaryRow:
    """The step's list of items as a table of its columns (also shown on the step page).

    One form gives the labels of every row: building a form per row was the slow part
    of a page listing a hundred indicators.
    """
    collection = step.collection
    form = editing.item_form(step, None, 0)
    editing.fill_choices(form, document)
    columns = [(name, form[name], _choice_labels(form[name])
                if isinstance(form[name], SelectFieldBase) else None)
               for name, _heading in collection.columns]
    table = Table([str(heading) for _name, heading in collection.columns],
                  nowrap=_nowrap(field_ for _name, field_, _labels in columns))
    for item in getattr(section, collection.attribute):
        values = model_values(item, collection.form)
        table.rows.append([display_value(field_, values.get(name), labels)
                           for name, field_, labels in columns])
    return SummaryRow(collection.attribute, str(collection.heading), table=table)


def item_summary(step: Step, item, document: PlanDocument) -> list[SummaryRow]:
    """One item of the step's list (an action, an event) as label and value pairs, in the
    order of its page: what someone who may only read the plan is shown."""
    form = editing.item_form(step, item, 0)
    editing.fill_choices(form, document)
    layout = getattr(form, "layout", None) or form.groups
    names = [name for _legend, group in layout for name in group] if layout else \
        [name for name in form._fields if name not in CONTROL_FIELDS]
    return [SummaryRow(name, str(form[name].label.text), display(form[name])) for name in names]
