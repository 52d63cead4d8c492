"""Field types and base forms shared by every wizard step.

Forms here only collect and coerce input; what a value may be (lengths, ranges, dates in
order, codes) is checked once, by the plan document's pydantic models, and those errors
are put back onto these fields by `drafter.wizard.binding`.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    Form,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ...plan.vocab import Vocab


class MultiCheckboxField(SelectMultipleField):
    """A group of checkboxes, one per choice (a vocabulary list such as groups reached)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        # Unknown values are reported by the schema, with its own message.
        pass


class LinesField(TextAreaField):
    """A list of short texts typed one per line (regions, languages)."""

    def _value(self):
        if isinstance(self.data, list):
            return "\n".join(self.data)
        return self.data or ""

    def process_formdata(self, valuelist):
        if valuelist:
            self.data = [line.strip() for line in valuelist[0].splitlines() if line.strip()]

    def process_data(self, value):
        self.data = list(value or [])


class OptionalSelectField(SelectField):
    """A select whose first option is blank; blank is stored as None."""

    def pre_validate(self, form):
        pass


def vocab_select(label, vocab: Vocab, description=None, **kwargs) -> OptionalSelectField:
    return OptionalSelectField(label, choices=vocab.choices(blank=_l("Choose…")),
                               description=description, validators=[Optional()], **kwargs)


def vocab_checkboxes(label, vocab: Vocab, description=None) -> MultiCheckboxField:
    return MultiCheckboxField(label, choices=vocab.choices(), description=description)


def text(label, description=None, **kwargs) -> StringField:
    return StringField(label, description=description, **kwargs)


def prose(label, description=None, rows=6) -> TextAreaField:
    return TextAreaField(label, description=description, render_kw={"rows": rows})


def lines(label, description=None, rows=5) -> LinesField:
    return LinesField(label, description=description, render_kw={"rows": rows})


def year(label, description=None) -> IntegerField:
    return IntegerField(label, description=description, validators=[Optional()],
                        render_kw={"inputmode": "numeric", "class": "input-year"})


def count(label, description=None) -> IntegerField:
    return IntegerField(label, description=description, validators=[Optional()],
                        render_kw={"inputmode": "numeric", "class": "input-count"})


def amount(label, description=None) -> DecimalField:
    return DecimalField(label, description=description, places=2, validators=[Optional()],
                        render_kw={"inputmode": "decimal", "class": "input-amount"})


def date(label, description=None) -> DateField:
    return DateField(label, description=description, validators=[Optional()])


def flag(label, description=None) -> BooleanField:
    return BooleanField(label, description=description)


class RowForm(Form):
    """One repeating row inside a step. A plain Form: a FlaskForm would add a CSRF token per row."""

    id = HiddenField()


class StepForm(FlaskForm):
    """The form of one wizard step: its fields, plus the version it was opened at.

    `groups` lays the fields out under headings: a list of (legend, [field names]).
    """

    groups: list[tuple[object, list[str]]] = []
    version = HiddenField(default="0")
    complete = BooleanField(_l("I have completed this section"))


class ItemForm(FlaskForm):
    """The form of one item of a long list (an action, an indicator) on its own page."""

    groups: list[tuple[object, list[str]]] = []
    version = HiddenField(default="0")


class CollectionStepForm(StepForm):
    """A step whose content is only a list of items edited on their own pages."""
