"""Template helpers available on every page."""

from __future__ import annotations

from flask import Flask
from flask_babel import format_date, format_datetime
from flask_babel.speaklater import LazyString
from wtforms import BooleanField, FieldList, RadioField, SelectMultipleField, TextAreaField
from wtforms.fields import SelectField

from ..i18n import LazyText, date_pattern, text_dir
from ..wizard.binding import apply_limits
from ..wizard.forms.common import AnswerField
from ..wizard.summary import collection_summary


def field_kind(field) -> str:
    """Which macro renders a field."""
    if field.type == "CSRFTokenField" or field.type == "HiddenField":
        return "hidden"
    if isinstance(field, FieldList):
        return "rows"
    if isinstance(field, BooleanField):
        return "checkbox"
    if isinstance(field, AnswerField):
        return "answer"  # Yes / No / Not stated, side by side
    if isinstance(field, (SelectMultipleField, RadioField)):
        return "checkboxes"  # a fieldset of options, each with its own label
    if isinstance(field, SelectField):
        return "select"
    if isinstance(field, TextAreaField):
        return "textarea"
    return "input"


def blank_row(field: FieldList):
    """An empty row of a FieldList named with an __INDEX__ placeholder, for the row
    template that the page's script clones; selects get the choices of the list's rows."""
    options = dict(name=f"{field.name}{field._separator}__INDEX__",
                   id=f"{field.id}{field._separator}__INDEX__",
                   _meta=field.meta, translations=field._translations)
    row = field.meta.bind_field(field._form, field.unbound_field, options)
    row.process(None)
    if getattr(field, "row_model", None) is not None:
        apply_limits(row.form, field.row_model)
    for sub_name, choices in getattr(field, "row_choices", {}).items():
        row.form[sub_name].choices = choices
    return row


def is_message(value) -> bool:
    """An error message (plain or translated lazily), not a row's nested errors: WTForms
    gives a list field both kinds. The plan's own messages are `LazyText` (drafter.i18n)."""
    return isinstance(value, (str, LazyString, LazyText))


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.tests["message"] = is_message
    app.jinja_env.globals["field_kind"] = field_kind
    app.jinja_env.globals["blank_row"] = blank_row
    app.jinja_env.globals["collection_summary"] = collection_summary
    # Report templates mark the direction of typed text (rendered here too, in tests).
    app.jinja_env.globals["text_dir"] = text_dir
    app.jinja_env.filters["when"] = lambda value: format_datetime(
        value, date_pattern("d MMM yyyy, HH:mm")) \
        if value else ""
    app.jinja_env.filters["day"] = lambda value: format_date(
        value, date_pattern("d MMM yyyy")) if value else ""
