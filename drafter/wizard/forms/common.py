"""Field types and base forms shared by every wizard step.

Forms here only collect and coerce input; what a value may be (lengths, ranges, dates in
order, codes) is checked once, by the plan document's pydantic models, and those errors
are put back onto these fields by `drafter.wizard.binding`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FieldList,
    Form,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from ...plan.fields import NOT_STATED
from ...plan.vocab import ANSWERS, Vocab
from ...web.security import ascii_int


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


# Numbers are typed in text inputs, not <input type="number">: Chromium empties a number
# input holding letters ("second", "EUR 500k") and the form is sent without them, so the
# save goes through and what was typed is gone. A text input sends what was typed; the
# field below refuses it with a sentence saying what to type, and the page shows it again.
WHOLE_NUMBER = re.compile(r"-?[0-9]{1,12}")
AMOUNT = re.compile(r"-?[0-9]{1,18}(\.[0-9]{1,12})?")


class WholeNumberField(IntegerField):
    """A whole number typed in figures (ASCII digits only: `int()` would also read "١٢")."""

    widget = TextInput()

    def process_formdata(self, valuelist):
        text = valuelist[0].strip() if valuelist and valuelist[0] else ""
        if not text:
            self.data = None
        elif WHOLE_NUMBER.fullmatch(text):
            self.data = int(text)  # the range is the document's to check, with its message
        else:
            self.data = None
            raise ValueError(str(self.invalid_value_message))


class AmountField(DecimalField):
    """An amount of money in figures, in the plan's currency (chosen on the budget step)."""

    widget = TextInput()

    def process_formdata(self, valuelist):
        text = valuelist[0].strip() if valuelist and valuelist[0] else ""
        if not text:
            self.data = None
        elif AMOUNT.fullmatch(text):
            self.data = Decimal(text)
        else:
            self.data = None
            raise ValueError(str(self.invalid_value_message))


def year(label, description=None) -> WholeNumberField:
    return WholeNumberField(label, description=description, validators=[Optional()],
                            invalid_value_message=_l("Enter a year in figures, like 2026"),
                            render_kw={"inputmode": "numeric", "class": "input-year"})


class CountField(WholeNumberField):
    """A number of people, seats or events: shown with thousands separators where it is
    read (a year, also a whole number, never is: "2,026")."""


def count(label, description=None) -> CountField:
    return CountField(label, description=description, validators=[Optional()],
                            invalid_value_message=_l("Enter a whole number, like 2"),
                            render_kw={"inputmode": "numeric", "class": "input-count"})


def amount(label, description=None) -> AmountField:
    return AmountField(label, description=description, places=2, validators=[Optional()],
                       invalid_value_message=_l(
                           "Enter the amount in figures, like 500000; choose the currency "
                           "on the “Budget and financing” page"),
                       render_kw={"inputmode": "decimal", "class": "input-amount"})


def date(label, description=None) -> DateField:
    return DateField(label, description=description, validators=[Optional()])


def flag(label, description=None) -> BooleanField:
    return BooleanField(label, description=description)


class AnswerField(RadioField):
    """Yes / No / Not stated: a fact the plan may state either way, or not at all.

    Drawn as one compact row of three radios (`templates/macros/forms.html`, kind
    "answer"). "Not stated" is the answer nobody gave: a row of a list holding nothing
    else is a blank row (`binding.form_values`), and it alone does not make a section
    of the PDF draft written (`reports.data`).
    """

    def pre_validate(self, form):
        pass  # an unknown value is the document's to refuse, with its message

    def process_data(self, value):
        super().process_data(value or NOT_STATED)

    def process_formdata(self, valuelist):
        # A radio group sends nothing when no radio is on; keep "not stated" then.
        if valuelist and valuelist[0]:
            self.data = valuelist[0]



def unanswered(field, value) -> bool:
    """An answer left at "not stated", or never given: it says nothing."""
    return isinstance(field, AnswerField) and value in (None, "", NOT_STATED)

def answer(label, description=None) -> AnswerField:
    return AnswerField(label, description=description, choices=ANSWERS.choices(),
                       default=NOT_STATED)


class PartialDateField(StringField):
    """A date as plans give it: a year (2012), a year and month (2012-03) or a day.

    Kept as typed, as text: "Check your plan" shows it so, and the reports write it out
    in words ("March 2012", `reports.data.when`). Nothing typed is no date (None): the
    document refuses "" as a date."""

    def process_formdata(self, valuelist):
        if valuelist:
            self.data = (valuelist[0] or "").strip() or None


class PercentField(WholeNumberField):
    """A share in whole percent (the share of seats held by civil society)."""

    unit = "%"


def percent(label, description=None) -> PercentField:
    return PercentField(label, description=description, validators=[Optional()],
                        invalid_value_message=_l("Enter a whole number of percent, like 40"),
                        render_kw={"inputmode": "numeric", "class": "input-percent"})


def partial_date(label, description=None) -> PartialDateField:
    return PartialDateField(
        label, description=description or _l("A year (2026), a year and month (2026-03) "
                                             "or a day (2026-03-14)."),
        render_kw={"class": "input-date", "placeholder": "2026-03-14"})


class RowList(FieldList):
    """The rows of a list in a step (`members-0-institution`, `members-1-...`).

    `empty` is what the page says while the list has no row, `add_label` its button.

    Row numbers are read as ASCII digits only: WTForms takes any name part that
    `str.isdigit()` passes to `int()`, which fails on "²" (a 500) or on thousands of
    digits, and reads "١" as 1. A field named so is no row of ours, and is ignored.
    """

    def __init__(self, *args, empty=None, add_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.type = "FieldList"  # what the templates know a list of rows by
        self.empty = empty or _l("None yet.")
        self.add_label = add_label or _l("Add a row")

    def _extract_indices(self, prefix, formdata):
        offset = len(prefix) + 1
        for key in formdata:
            if key.startswith(prefix):
                index = ascii_int(key[offset:].split(self._field_separator, 1)[0])
                if index is not None:
                    yield index


# A chosen row that was removed on the page, as its option reads ("{name}" is its name).
REMOVED_CHOICE = _l("{name} (removed)")


class RowChoiceField(OptionalSelectField):
    """A choice among the rows of another list on the same page (an objective's pillar).

    The choices are that list's rows as posted, not as last saved (`editing.fill_choices`
    sets them, with `allowed` and the saved names in `former`), so a row added on the
    page can be chosen and a row removed on it cannot; the page's script keeps the
    options in step as rows are typed. A row removed while still chosen is named in the
    message by the name it had, and the choice stays on the page to be changed.
    """

    allowed: set[str] | None = None
    former: dict[str, str] = {}

    def __init__(self, label, source: str, gone_message, *, unnamed, named_by="name", **kwargs):
        # What the script needs to rebuild the options: where the rows are, which of
        # their fields names them, and the words for a row with no name or removed.
        render_kw = {"data-choices-from": source, "data-choice-label": named_by,
                     "data-unnamed": unnamed, "data-removed": REMOVED_CHOICE,
                     **kwargs.pop("render_kw", {})}
        super().__init__(label, choices=[], render_kw=render_kw, **kwargs)
        self.gone_message = gone_message

    def pre_validate(self, form):
        if self.data and self.allowed is not None and self.data not in self.allowed:
            raise ValidationError(str(self.gone_message) % {
                "name": self.former.get(self.data) or self.data})


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
