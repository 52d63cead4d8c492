"""Constrained field types shared by every section of the plan document.

Limits live here once, so the web forms, the JSON import and the store all refuse the
same things with the same messages.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

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
RowId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,40}$")]


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
