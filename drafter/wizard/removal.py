"""What deleting rows unlinks, said before it happens.

Deleting an action keeps the indicators and budget lines that name it, without their
link (the store clears it, `plan.links`); removing an objective on the pillars page does
the same to the actions and indicators that name it. The confirmation pages name those
rows first ("2 budget lines and 3 indicators refer to it; they will be kept, without a
link to it", under the name of the row to delete). On the pillars page, a save that removes an objective something
refers to waits for that confirmation (`held_rows`), with everything typed kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from babel.lists import format_list
from flask_babel import get_locale, ngettext
from wtforms import FieldList

from ..plan.links import REFERENCES, referring_rows
from .binding import form_values, model_values
from .editing import row_label, row_name
from .places import field_label
from .steps import BY_KEY

# How each kind of row is counted: "1 indicator", "3 indicators".
COUNTED = {
    ("actions", "items"): lambda n: ngettext("%(num)s action", "%(num)s actions", n),
    ("indicators", "items"): lambda n: ngettext("%(num)s indicator", "%(num)s indicators", n),
    ("budget", "lines"): lambda n: ngettext("%(num)s budget line", "%(num)s budget lines", n),
}


@dataclass
class Unlinked:
    """The rows that name a row about to be deleted, in words."""

    name: str                                   # the row deleted: "1.1 Women mediate"
    sentence: str = ""                          # "2 budget lines and 3 indicators refer…"
    groups: list[tuple[str, list[str]]] = field(default_factory=list)  # (list, row names)
    row: object = None                          # the row itself, and its list
    attribute: str = ""


def _list_label(section: str, attribute: str) -> str:
    step = BY_KEY[section]
    if step.collection is not None and step.collection.attribute == attribute:
        return str(step.collection.heading)
    return field_label(step.form, attribute)


def unlinked(document, target: tuple[str, str], row) -> Unlinked:
    """What refers to `row` of the list `target`; an empty sentence if nothing does."""
    found = referring_rows(document, target, {row.id})
    result = Unlinked(row_label(row), row=row, attribute=target[1])
    if not found:
        return result
    kinds = [kind for kind in COUNTED if any((r.section, r.attribute) == kind for r in found)]
    for kind in kinds:
        names = [row_name(r.row, r.index) for r in found if (r.section, r.attribute) == kind]
        result.groups.append((_list_label(*kind), names))
    counts = format_list([COUNTED[kind](len(names)) for kind, (_label, names)
                          in zip(kinds, result.groups, strict=True)],
                         locale=str(get_locale() or "en"))
    result.sentence = ngettext(
        "%(rows)s refers to it; it will be kept, without a link to it.",
        "%(rows)s refer to it; they will be kept, without a link to it.",
        len(found), rows=counts)
    return result


def held_rows(step, form, saved, document) -> list[Unlinked]:
    """The rows of the step's own lists that this save would remove although rows of
    other sections refer to them (an objective actions name), in the saved order."""
    # Only lists edited on the page itself: a long list's items are deleted on their own page.
    targets = dict.fromkeys(target for *_holder, target in REFERENCES if target[0] == step.key
                            and isinstance(form._fields.get(target[1]), FieldList))
    if not targets:
        return []
    data, _kept = form_values(form)
    held = []
    for target in targets:
        posted = {row["id"] for row in data.get(target[1], [])}
        held.extend(found for row in getattr(saved, target[1]) if row.id not in posted
                    and (found := unlinked(document, target, row)).sentence)
    return held


def put_back(form, saved, held: list[Unlinked]) -> None:
    """Put the held rows back on the form, each where it was in the saved list."""
    for item in held:
        rows = form[item.attribute]
        position = [row.id for row in getattr(saved, item.attribute)].index(item.row.id)
        rows.insert_entry(min(position, len(rows.entries)),
                          model_values(item.row, rows.unbound_field.args[0]))
