"""Constrained field types shared by every section of the plan document.

Limits live here once, so the web forms, the JSON import and the store all refuse the
same things with the same messages.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)

from .vocab import ANSWERS, VocabJsonSchema

NAME_MAX = 200
LINE_MAX = 500
PROSE_MAX = 20_000
LIST_MAX = 2_000

def _storable(text: str) -> str:
    # PostgreSQL text cannot hold the NUL character; nobody types one on purpose.
    if "\x00" in text:
        raise ValueError("The text contains a character that cannot be stored (NUL).")
    return text


Storable = AfterValidator(_storable)
Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=NAME_MAX), Storable]
Line = Annotated[str, StringConstraints(strip_whitespace=True, max_length=LINE_MAX), Storable]
Prose = Annotated[str, StringConstraints(strip_whitespace=True, max_length=PROSE_MAX), Storable]
Year = Annotated[int, Field(ge=1990, le=2100)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]
Amount = Annotated[Decimal, Field(ge=0, lt=Decimal("1e15"), max_digits=18, decimal_places=2)]
Date = dt.date
Percent = Annotated[int, Field(ge=0, le=100)]
RowId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,40}$")]


# --- Answers that may be unknown ----------------------------------------------------

NOT_STATED = "not_stated"


def _answer(value):
    # Version 1 of the document stored these facts as true/false, where false meant both
    # "no" and "the plan does not say": the upgrade keeps true as "yes" and, since a v1
    # false cannot tell the two apart, reads it as "not stated" (the scorer treats both
    # as unmet, so no score moves; the drafter can then say "no" where it is no).
    if value is True:
        return "yes"
    if value is False or value is None or value == "":
        return NOT_STATED
    return ANSWERS.check(value)


# In the JSON Schema, the three values with their labels ("Yes", "No", "Not stated"), as
# a vocabulary's (`vocab.ANSWERS`, whose values are these).
Answer = Annotated[str, BeforeValidator(_answer), VocabJsonSchema(ANSWERS, default=NOT_STATED)]


# --- Dates that plans give in part -----------------------------------------------------

PARTIAL_DATE = re.compile(r"(?P<year>[0-9]{4})(-(?P<month>[0-9]{2})(-(?P<day>[0-9]{2}))?)?")
PARTIAL_DATE_WANTED = "Enter a year (2012), a year and month (2012-03) or a day (2012-03-14)"


def _partial_date(value):
    # A v1 document stored full dates only; a date object (or an ISO day) stays the day.
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        value = value.isoformat()
    if not isinstance(value, str):
        raise ValueError(PARTIAL_DATE_WANTED)
    value = value.strip()
    match = PARTIAL_DATE.fullmatch(value)
    if not match:
        raise ValueError(PARTIAL_DATE_WANTED)
    year, month, day = (int(part) if part else None for part in match.group("year", "month", "day"))
    if not 1990 <= year <= 2100:
        raise ValueError("Enter a year between 1990 and 2100")
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError("That day does not exist in the calendar") from None
    return value


PartialDate = Annotated[str, BeforeValidator(_partial_date),
                        WithJsonSchema({"type": "string",
                                        "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
                                        "examples": ["2012", "2012-03", "2012-03-14"],
                                        "description": (
                                            "A date as precisely as the plan gives it: a "
                                            "year (2012), a year and month (2012-03) or a "
                                            "day (2012-03-14), the year from 1990 to 2100.")})]


def new_id() -> str:
    """A short random id that keeps a row identifiable across edits and exports."""
    return uuid.uuid4().hex[:10]


class Model(BaseModel):
    """Base of every model in the document: unknown fields are refused, not dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=False)


class Row(Model):
    """A repeating row with a stable id."""

    id: RowId = Field(default_factory=new_id)


def rows(kind):
    """A list of rows with a bound on its length, so no import can grow without end."""
    return Annotated[list[kind], Field(default_factory=list, max_length=LIST_MAX)]
