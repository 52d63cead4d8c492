"""Places in a plan named as its pages name them: "Indicators, indicator 3 (“Share of
women among mediators”), Target year", rather than `indicators.items.2.target_year`.

A place is a path into the plan document (section, field, row index, row field), as
pydantic and the plan file give it. Its words come from the wizard: the step's title, a
long list's noun ("indicator"), a short list's label ("Members of the body") with "row
3", each field's label as declared on its form (read from the form class, so no request
is needed: the CLI names places too), and a row's name from what it holds.
"""

from __future__ import annotations

from functools import cache

from flask_babel import gettext as _
from wtforms import FieldList
from wtforms.fields.core import UnboundField

from .editing import row_name
from .steps import BY_KEY

# Keys of a plan file beside its sections.
FILE_KEYS = {
    "schema_version": lambda: _("The version of the plan file format (schema_version)"),
    "section_status": lambda: _("The status of each section (section_status)"),
}


@cache
def _fields(form_class) -> dict[str, UnboundField]:
    """The fields a form class declares, by name, without making a form."""
    return {name: value for name in dir(form_class)
            if isinstance(value := getattr(form_class, name, None), UnboundField)}


def field_label(form_class, name: str) -> str:
    """The label of field `name` as its form declares it (an alias's, for a field the
    form shows under another name, like an indicator's "What it measures")."""
    name = getattr(form_class, "error_aliases", {}).get(name, name)
    unbound = _fields(form_class).get(name)
    if unbound is None:
        return f"“{name}”"
    label = unbound.kwargs.get("label", unbound.args[0] if unbound.args else name)
    return str(label)


def _row_form(unbound: UnboundField):
    """The row form of a list field (`FieldList(FormField(Row))`), or None."""
    if not issubclass(unbound.field_class, FieldList) or not unbound.args:
        return None
    inner = unbound.args[0]
    return inner.args[0] if isinstance(inner, UnboundField) and inner.args else None


def _at(data, *parts):
    """What the plan file holds at `parts`, or None where it holds nothing (or the
    wrong kind of thing)."""
    for part in parts:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def place(where: tuple, data: dict | None = None) -> str:
    """`where` in words; `data` is the plan file as read, for the names of its rows."""
    if not where:
        return _("The plan")
    key, rest = where[0], where[1:]
    step = BY_KEY.get(key) if isinstance(key, str) else None
    if step is None:
        return FILE_KEYS[key]() if key in FILE_KEYS else _("The plan, “%(name)s”", name=key)
    parts = [str(step.title)]
    if not rest:
        return parts[0]
    name, rest = rest[0], rest[1:]
    collection = step.collection
    if collection is not None and name == collection.attribute:
        # The list by its heading ("Budget lines") only where no item of it is named.
        if str(collection.heading) != parts[0] and not (rest and isinstance(rest[0], int)):
            parts.append(str(collection.heading))
        parts += _in_rows(rest, collection.form, _at(data, key, name), str(collection.noun))
        return ", ".join(parts)
    unbound = _fields(step.form).get(name) if isinstance(name, str) else None
    parts.append(field_label(step.form, name) if unbound is not None or isinstance(name, str)
                 else str(name))
    row_form = _row_form(unbound) if unbound is not None else None
    if row_form is not None:
        parts += _in_rows(rest, row_form, _at(data, key, name), None)
    return ", ".join(parts)


def _in_rows(rest: tuple, row_form, rows, noun: str | None) -> list[str]:
    """The row (by its number from 1, and its name) and the field of the row."""
    if not rest or not isinstance(rest[0], int):
        return []
    index = rest[0]
    row = _at(rows, index)
    number = (_("%(noun)s %(n)s", noun=noun, n=index + 1) if noun
              else _("row %(n)s", n=index + 1))
    name = row_name(row) if isinstance(row, dict) else ""
    parts = [_("%(row)s (“%(name)s”)", row=number, name=name)
             if name and name != _("(untitled)") else number]
    if len(rest) > 1 and isinstance(rest[1], str):
        parts.append(field_label(row_form, rest[1]))
    return parts
