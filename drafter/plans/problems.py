"""Why a plan file was refused, in people's words: the one wording of import problems.

The plans page, `drafter import` and `drafter validate` all say a problem of a plan file
(`transfer.Problem`) this way: the place as the plan's pages name it ("Indicators,
indicator 3 (“Share of women among mediators”), Target year", see `wizard.places`) and
what to write there instead ("Enter a whole number, like 2030").

Kept apart from `importing` (which saves plans) so that checking a file needs no
database: this module imports neither SQLAlchemy nor the plan store, and needs no app
context (outside one, the messages are in English).
"""

from __future__ import annotations

import typing
from functools import cache

from flask_babel import gettext as _

from ..plan.fields import PARTIAL_DATE, Answer, PartialDate, Year
from ..plan.schema import SECTION_MODELS
from ..plan.transfer import ImportProblem, Problem
from ..plan.vocab import Vocab
from ..wizard.binding import friendly_message
from ..wizard.places import place

# How many vocabulary values a message lists; a longer list (currencies) is not listed.
LISTED_VALUES = 30


def problems_in_words(problem: ImportProblem) -> list[str]:
    """Each reason the file was refused, as a sentence naming the place."""
    return [in_words(item, problem.data) for item in problem.problems]


def in_words(problem: Problem, data: dict | None) -> str:
    if problem.kind == "file":
        return problem.message
    where = place(problem.where, data)
    # "Which plan is this? Enter a whole number", not "this?: Enter" (nor Arabic's "؟:").
    joined = _("%(place)s %(problem)s") if where.endswith(("?", "؟")) \
        else _("%(place)s: %(problem)s")
    return joined % {"place": where, "problem": _sentence(_what_is_wrong(problem))}


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _what_is_wrong(problem: Problem) -> str:
    kind, detail = problem.kind, problem.detail
    annotation = _annotation_at(problem.where)
    if kind == "repeated_key":
        return _("the key “%(key)s” appears twice here: keep one of them", key=detail["key"])
    if kind == "dangling":
        return _("it names the row “%(id)s”, which is not in the file (%(list)s): name one "
                 "that is there, or leave it empty", id=detail["input"],
                 list=place(detail["target"]))
    if kind == "extra_forbidden":
        return _("a plan file has no such field here: remove it, or check its spelling")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return (_("enter a whole number, like 2030") if _holds(annotation, Year)
                else _("enter a whole number, like 12"))
    if kind in ("decimal_parsing", "decimal_type", "float_parsing", "float_type"):
        return _("enter an amount in figures, like 500000")
    if kind.startswith(("date_", "datetime_")):
        return _("enter a date as year-month-day, like 2026-03-08")
    if kind in ("bool_type", "bool_parsing"):
        return _("enter true or false")
    if kind == "string_type":
        return _("enter text, in double quotes")
    if kind == "list_type":
        return _("enter a list, in square brackets")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _("enter the values of this part in curly brackets: { }")
    if kind == "string_pattern_mismatch":
        return _("an id may hold letters, figures, “-” and “_” only, at most 40 of them")
    if kind == "literal_error":
        return _("enter one of: %(values)s", values=detail.get("ctx", {}).get("expected", ""))
    if kind == "value_error" and (vocabulary := _vocabulary(annotation)) is not None:
        return _not_in(vocabulary, detail.get("input"))
    if kind == "value_error" and _checked_by(annotation, Answer):
        return _("enter yes, no or not_stated")
    if kind == "value_error" and _checked_by(annotation, PartialDate):
        return _partial_date_problem(detail)
    return friendly_message(detail) if detail else problem.message


def _partial_date_problem(detail: dict) -> str:
    """What to write for a date that may be given in part, after what was wrong with it
    if it had the right shape (a year out of range, a day not in the calendar)."""
    what = _("enter a year such as 2012, a year and month such as 2012-03, or a day such "
             "as 2012-03-14")
    typed = detail.get("input")
    if isinstance(typed, str) and PARTIAL_DATE.fullmatch(typed.strip()):
        return _("%(problem)s: %(what)s", problem=friendly_message(detail).rstrip("."),
                 what=what)
    return what


def _not_in(vocabulary: Vocab, value) -> str:
    if len(vocabulary.values) > LISTED_VALUES:
        return _("“%(value)s” is not one of the codes a plan file may hold here", value=value)
    return _("“%(value)s” is not one of the values a plan file may hold here: %(values)s",
             value=value, values=", ".join(vocabulary.values))


def _annotation_at(where: tuple):
    """The type the schema expects at `where`, or None where it expects nothing known."""
    if not where or where[0] not in SECTION_MODELS:
        return None
    model, annotation = SECTION_MODELS[where[0]], None
    for part in where[1:]:
        if isinstance(part, str):
            info = model.model_fields.get(part) if model is not None else None
            if info is None:
                return None
            # Pydantic keeps the constraints of a field that is not optional apart from
            # its type (an answer is `str` with its validator in `metadata`): put back.
            annotation = typing.Annotated[(info.annotation, *info.metadata)] \
                if info.metadata else info.annotation
            model = None
        else:  # a row of a list: its type, and the row's model if it has one
            if typing.get_origin(annotation) is typing.Annotated:
                annotation = typing.get_args(annotation)[0]  # the list, without its bound
            arguments = typing.get_args(annotation)
            annotation = arguments[0] if arguments else None
        if isinstance(annotation, type) and annotation in _row_models():
            model = annotation
    return annotation


@cache
def _row_models() -> set:
    return {typing.get_args(info.annotation)[0] for model in SECTION_MODELS.values()
            for info in model.model_fields.values()
            if typing.get_origin(info.annotation) is list and typing.get_args(info.annotation)
            and isinstance(typing.get_args(info.annotation)[0], type)}


def _holds(annotation, wanted) -> bool:
    """Whether `annotation` is `wanted`, or a union or list of it."""
    if annotation is None:
        return False
    return annotation == wanted or any(_holds(argument, wanted)
                                       for argument in typing.get_args(annotation)
                                       if argument is not type(None))


def _validators(annotation) -> set:
    """The functions of the validators in `annotation` (and in its unions and lists)."""
    found = {getattr(item, "func", None) for item in getattr(annotation, "__metadata__", ())}
    for argument in typing.get_args(annotation) if annotation is not None else ():
        if argument is not type(None) and not isinstance(argument, (str, int)):
            found |= _validators(argument)
    return found - {None}


def _checked_by(annotation, kind) -> bool:
    """Whether a value at `annotation` is checked as `kind` (`Answer`, `PartialDate`) is."""
    return bool(_validators(kind) & _validators(annotation))


def _vocabulary(annotation) -> Vocab | None:
    """The vocabulary a value at `annotation` must come from, if it must come from one."""
    for item in getattr(annotation, "__metadata__", ()):
        owner = getattr(getattr(item, "func", None), "__self__", None)
        if isinstance(owner, Vocab):
            return owner
    for argument in typing.get_args(annotation) if annotation is not None else ():
        if argument is not type(None) and (found := _vocabulary(argument)) is not None:
            return found
    return None
