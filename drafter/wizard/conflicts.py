"""Two people saved the same section: what differs between the two versions, and the
section made from a choice, difference by difference, of which to keep.

The differences are those the history shows (`history.diff`), from the version saved now
to the person's own: each field of the section that reads differently, each row of a
list that only one of them has or that differs, and the order of a list. For each the
person keeps theirs (`MINE`) or the saved one (`SAVED`); `merge` makes the section from
those choices, and the view saves it through the store's compare-and-swap like any save.

Where the version the person started from is known, a difference that only one side
made is chosen for them (the other left it as it was); they can change that choice.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from pydantic import ValidationError

from ..history.diff import ADDED, REMOVED, diff_section
from ..plan.fields import Model
from ..plan.schema import SECTION_MODELS, PlanDocument
from .binding import friendly_message
from .places import place
from .steps import Step

MINE, SAVED = "mine", "saved"
CHOICES = (MINE, SAVED)
FIELD, ROW, ORDER = "field", "row", "order"


@dataclass
class Difference:
    name: str               # the form's name for the choice: "keep-field-vision"
    label: str              # "Vision", "Members of the body: Ministry of Defence"
    kind: str               # FIELD, ROW or ORDER
    change: object = None   # the history's FieldChange or RowChange: before saved, after mine
    attribute: str = ""     # the field, or the list the row or the order is of
    row_id: str = ""
    chosen: str | None = None

    @property
    def row_kind(self) -> str:
        """For a row: ADDED (only in mine), REMOVED (only in the saved one) or changed."""
        return getattr(self.change, "kind", "") if self.kind == ROW else ""

    @property
    def choice_labels(self) -> tuple[str, str]:
        """The words of the two choices: (keep mine, keep the saved one)."""
        if self.row_kind == ADDED:
            return (_("Keep this row, as in your version"),
                    _("Leave it out, as in the saved version"))
        if self.row_kind == REMOVED:
            return (_("Leave it out, as in your version"),
                    _("Keep this row, as in the saved version"))
        if self.kind == ORDER:
            return _("Your order"), _("The saved order")
        return _("Keep yours"), _("Keep the saved one")


def differences(step: Step, document, saved: Model, mine: Model,
                base: Model | None = None) -> list[Difference]:
    """What differs from `saved` to `mine` in the step's section, each with the choice
    made for it where `base` (the version `mine` was edited from) tells."""
    diff = diff_section(step, _with(document, step.key, saved), _with(document, step.key, mine))
    found = []
    for change in diff.fields:
        found.append(Difference(f"keep-field-{change.name}", change.label, FIELD, change,
                                change.name))
    for rows in diff.lists:
        found.extend(Difference(f"keep-row-{rows.attribute}-{row.id}", _("%(list)s: %(row)s",
                                list=rows.label, row=row.name), ROW, row, rows.attribute,
                                row.id) for row in rows.rows)
        if rows.reordered:
            found.append(Difference(f"keep-order-{rows.attribute}", _(
                "%(list)s: the order of the rows", list=rows.label), ORDER,
                attribute=rows.attribute))
    if base is not None:
        for difference in found:
            difference.chosen = _one_sided(difference, base, saved, mine)
    return found


def _with(document, key: str, section: Model) -> PlanDocument:
    sections = {name: getattr(document, name) for name in SECTION_MODELS}
    return PlanDocument.model_construct(**{**sections, key: section})


def _part(difference: Difference, section: Model):
    """The part of `section` a difference is about, comparable across versions."""
    if difference.kind == FIELD:
        return getattr(section, difference.attribute, None)
    rows = getattr(section, difference.attribute, [])
    if difference.kind == ORDER:
        return [row.id for row in rows]
    return next((row for row in rows if row.id == difference.row_id), None)


def _one_sided(difference: Difference, base: Model, saved: Model, mine: Model) -> str | None:
    before = _part(difference, base)
    if _part(difference, mine) == before:
        return SAVED        # only the other person changed it
    if _part(difference, saved) == before:
        return MINE         # only this person changed it
    return None             # both did: theirs to choose


def choices_from(differences_: list[Difference], formdata) -> list[Difference]:
    """Take each choice posted; return the differences still without one."""
    missing = []
    for difference in differences_:
        posted = formdata.get(difference.name)
        if posted in CHOICES:
            difference.chosen = posted
        else:
            difference.chosen = None
            missing.append(difference)
    return missing


def choose(step: Step, document, saved: Model, mine: Model, formdata):
    """What the person chose on the conflict page: (the section to save, or None; the
    differences, each with its choice; and why it cannot be saved, as (the choice to
    link to or None, message) pairs). "keep" = MINE keeps their whole version."""
    if formdata.get("keep") == MINE:
        return mine, [], []
    found = differences(step, document, saved, mine)
    missing = choices_from(found, formdata)
    if missing:
        return None, found, [(d.name, _("Choose which to keep for “%(label)s”", label=d.label))
                             for d in missing]
    merged, problems = merge(step.key, saved, mine, found)
    return merged, found, [(None, problem) for problem in problems]


def merge(key: str, saved: Model, mine: Model,
          differences_: list[Difference]) -> tuple[Model | None, list[str]]:
    """The saved section with each difference chosen MINE taken from `mine`, checked as a
    whole; or None, and why the choices do not fit together (an end before a start)."""
    data = saved.model_dump()
    mine_data = mine.model_dump()
    for difference in differences_:
        if difference.kind == FIELD and difference.chosen == MINE:
            data[difference.attribute] = mine_data[difference.attribute]
    for attribute in {d.attribute for d in differences_ if d.kind in (ROW, ORDER)}:
        data[attribute] = _merged_rows(
            data[attribute], mine_data[attribute],
            [d for d in differences_ if d.attribute == attribute])
    try:
        return SECTION_MODELS[key].model_validate(data), []
    except ValidationError as error:
        return None, _problems(key, error, data)


def _merged_rows(saved_rows: list[dict], mine_rows: list[dict],
                 differences_: list[Difference]) -> list[dict]:
    mine_by_id = {row["id"]: row for row in mine_rows}
    kept = {row["id"]: row for row in saved_rows}
    for difference in differences_:
        if difference.kind == ROW and difference.chosen == MINE:
            if difference.row_id in mine_by_id:
                kept[difference.row_id] = mine_by_id[difference.row_id]
            else:
                kept.pop(difference.row_id, None)
    mine_order = any(d.kind == ORDER and d.chosen == MINE for d in differences_)
    first, other = ((mine_rows, saved_rows) if mine_order else (saved_rows, mine_rows))
    order = [row["id"] for row in first if row["id"] in kept]
    # A row only the other list has goes after the row it follows there.
    other_ids = [row["id"] for row in other]
    for position, row_id in enumerate(other_ids):
        if row_id in kept and row_id not in order:
            before = next((other_ids[i] for i in range(position - 1, -1, -1)
                           if other_ids[i] in order), None)
            order.insert(order.index(before) + 1 if before else 0, row_id)
    return [kept[row_id] for row_id in order]


def _problems(key: str, error: ValidationError, merged: dict) -> list[str]:
    return [_("%(place)s: %(problem)s", place=place((key, *item["loc"]), {key: merged}),
              problem=friendly_message(item)) for item in error.errors()]
