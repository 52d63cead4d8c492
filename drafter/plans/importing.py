"""Importing a plan file as a new plan: the service the plans page and `drafter import` share.

A file is read and checked whole (`transfer.read_plan_file`) and refused whole. Each of
its problems is then said in people's words: the place as the plan's pages name it
("Indicators, indicator 3 (“Share of women among mediators”), Target year", see
`wizard.places`) and what to write there instead ("Enter a whole number, like 2030"),
by `drafter.plans.problems`.

An imported plan keeps the status of each section that the file carries ("complete"
marks included). When the person already has a plan of the same title, the copy is
called "<title> (imported 1 Dec 2026)", so the list of plans never shows two rows alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from ..i18n import date_pattern
from ..plan.fields import LINE_MAX
from ..plan.schema import PlanDocument
from ..plan.store import PlanStore, title_of
from ..plan.transfer import read_plan_file

# The wording of the file's problems, kept where `drafter validate` reads it without a
# database; named here too, for the callers of the import.
from .problems import in_words, problems_in_words  # noqa: F401


@dataclass
class Imported:
    plan_id: int
    title: str                     # the new plan's title
    same_title: str | None = None  # the title of the file, when a plan had it already


def import_plan(session: Session, raw: bytes, owner_id: int | None,
                today: dt.date | None = None) -> Imported:
    """A new plan from the bytes of a plan file, owned by `owner_id`; `ImportProblem` if
    the file cannot be imported (then nothing is saved)."""
    plan_file = read_plan_file(raw)
    store = PlanStore(session)
    document = plan_file.as_document()
    title = title_of(document.about)
    taken = {summary.title.casefold() for summary in store.list_plans(owner_id)}
    same_title = title if title and title.casefold() in taken else None
    if same_title:
        document = _retitled(document, _copy_title(title, taken, today or dt.date.today()))
    plan_id = store.create_plan(document, owner_id=owner_id, statuses=plan_file.section_status)
    return Imported(plan_id, title_of(document.about), same_title)


def _copy_title(title: str, taken: set[str], today: dt.date) -> str:
    """"<title> (imported 1 Dec 2026)", or "(imported 1 Dec 2026, 2)" and on if that is
    taken too; the title is shortened to fit the longest title a plan may have."""
    day = format_date(today, date_pattern("d MMM yyyy"))
    for count in range(1, len(taken) + 2):
        suffix = (_(" (imported %(date)s)", date=day) if count == 1
                  else _(" (imported %(date)s, %(n)s)", date=day, n=count))
        room = LINE_MAX - len(suffix)
        candidate = (title if len(title) <= room else title[:room - 1] + "…") + suffix
        if candidate.casefold() not in taken:
            return candidate
    return candidate  # not reached: one of len(taken) + 1 candidates is free


def _retitled(document: PlanDocument, title: str) -> PlanDocument:
    return document.model_copy(update={"about": document.about.model_copy(
        update={"title": title})})
