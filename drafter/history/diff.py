"""What changed between two plan documents, section by section, in words people read.

`diff_documents(before, after)` is a pure function: it reads two `PlanDocument`s and
returns plain data, touching no database and no request state. The labels and the names
of choices come from the wizard's own forms (through `section_summary`), so a field is
called here what it is called on the page where it is edited; that needs an application
context, as any page does.

Only what a reader can see counts as a change: line endings (a browser sends CRLF), and
the order of choices ticked in a list of checkboxes, are not. A section's plain fields
are compared row by row of its summary. Its lists (actions,
indicators, budget lines, consultation events, and the short lists edited inline such as
members of the coordination body) are compared row by row by their stable `id`, so a row
that was edited is "changed", not "removed and added", and each is named by its code and
title.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from wtforms import FieldList, SelectMultipleField

from ..plan.fields import Row
from ..plan.schema import PlanDocument
from ..wizard import editing
from ..wizard.binding import CONTROL_FIELDS
from ..wizard.steps import STEPS, Step
from ..wizard.summary import SummaryRow, display, display_value, section_summary

ADDED, REMOVED, CHANGED = "added", "removed", "changed"

# In texts longer than this, the words taken out and put in are marked (in the old text
# and in the new one), so that a change of a few words in a long paragraph can be seen.
INLINE_FROM = 120


@dataclass
class FieldChange:
    label: str
    before: str
    after: str
    # For long texts: (kind, words) pieces, kind one of "same", "removed", "added".
    pieces: list[tuple[str, str]] = field(default_factory=list)
    # The form field's name, for a field of the section itself (not of a row).
    name: str = ""

    @property
    def before_pieces(self) -> list[tuple[str, str]]:
        """The old text with the words taken out marked."""
        return [piece for piece in self.pieces if piece[0] != "added"]

    @property
    def after_pieces(self) -> list[tuple[str, str]]:
        """The new text with the words put in marked."""
        return [piece for piece in self.pieces if piece[0] != "removed"]

    @property
    def kind(self) -> str:
        if not self.before:
            return ADDED
        if not self.after:
            return REMOVED
        return CHANGED


@dataclass
class RowChange:
    kind: str                   # added, removed or changed
    name: str
    fields: list[FieldChange] = field(default_factory=list)
    id: str = ""


@dataclass
class ListChange:
    label: str                  # "Actions", "Members of the body"
    rows: list[RowChange] = field(default_factory=list)
    reordered: bool = False
    attribute: str = ""         # the list in the section model: "items", "members"

    @property
    def counts(self) -> dict[str, int]:
        return {kind: sum(1 for row in self.rows if row.kind == kind)
                for kind in (ADDED, REMOVED, CHANGED)}


@dataclass
class SectionDiff:
    key: str
    title: str
    changed: bool
    fields: list[FieldChange] = field(default_factory=list)
    lists: list[ListChange] = field(default_factory=list)


def diff_documents(before: PlanDocument, after: PlanDocument) -> list[SectionDiff]:
    """Every section in wizard order; unchanged ones have `changed` False and no details."""
    return [diff_section(step, before, after) for step in STEPS]


def diff_section(step: Step, before: PlanDocument, after: PlanDocument) -> SectionDiff:
    old, new = getattr(before, step.key), getattr(after, step.key)
    result = SectionDiff(step.key, str(step.title), False)
    if old == new:
        return result
    if _outside_collection(step, old) != _outside_collection(step, new):
        _compare_summaries(step, before, after, result)
    if step.collection:
        change = _collection(step, before, after)
        if change is not None:
            result.lists.append(change)
    result.changed = bool(result.fields or result.lists)
    return result


def _outside_collection(step: Step, section):
    """The section without its long list, whose items are compared one by one."""
    if step.collection is None:
        return section
    return section.model_copy(update={step.collection.attribute: []})


def _without_collection(step: Step, document: PlanDocument) -> PlanDocument:
    section = getattr(document, step.key)
    return document.model_copy(update={step.key: _outside_collection(step, section)})


def _compare_summaries(step: Step, before: PlanDocument, after: PlanDocument,
                       result: SectionDiff) -> None:
    """Fields and inline lists, compared through the section's summary as the wizard shows it.

    Building a summary is the costly part of a diff (a form, and a table of every item of a
    long list), so it is only done when something outside the long list changed, and
    without the long list.
    """
    old, new = getattr(before, step.key), getattr(after, step.key)
    old_rows = {row.name: row for row in section_summary(step, _without_collection(step, before))}
    new_rows = {row.name: row for row in section_summary(step, _without_collection(step, after))}
    for name, new_row in new_rows.items():
        if step.collection and name == step.collection.attribute:
            continue
        old_row = old_rows.get(name)
        if new_row.table is None:
            if old_row is not None and not _same(getattr(old, name, None), getattr(new, name, None)):
                change = field_change(new_row.label, old_row.text, new_row.text)
                if change is not None:
                    change.name = name
                    result.fields.append(change)
        elif old_row is not None:
            change = _inline_rows(new_row.label, getattr(old, name), getattr(new, name),
                                  old_row, new_row)
            if change is not None:
                change.attribute = name
                result.lists.append(change)


def _same(old, new) -> bool:
    """Equal as a reader sees them: choices in any order, text with any line endings."""
    if isinstance(old, list) and isinstance(new, list):
        return sorted(map(str, old)) == sorted(map(str, new))
    if isinstance(old, str) and isinstance(new, str):
        return _lines(old) == _lines(new)
    return old == new


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def field_change(label: str, before: str, after: str) -> FieldChange | None:
    """The change of one field's shown value, or None if it reads the same."""
    before, after = _lines(before), _lines(after)
    if before == after:
        return None
    change = FieldChange(label, before, after)
    if before and after and max(len(before), len(after)) > INLINE_FROM:
        change.pieces = word_pieces(before, after)
    return change


def word_pieces(before: str, after: str) -> list[tuple[str, str]]:
    """`after` as runs of words kept, taken out and put in, compared with `before`."""
    old, new = re.split(r"(\s+)", before), re.split(r"(\s+)", after)
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in _bridged(matcher.get_opcodes(), old):
        if op == "equal":
            pieces.append(("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", "".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(("added", "".join(new[j1:j2])))
    return pieces


def _bridged(opcodes, old: list[str]) -> list[tuple]:
    """The opcodes with a space kept between two changes made part of them: a rewritten
    phrase is one change ("Two staff, full time" for "WPS Secretariat in the
    Directorate"), not one mark per word with the spaces between them unmarked."""
    bridged: list[tuple] = []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        between_changes = 0 < index < len(opcodes) - 1 and \
            opcodes[index - 1][0] != "equal" and opcodes[index + 1][0] != "equal"
        if op == "equal" and between_changes and not "".join(old[i1:i2]).strip():
            op = "replace"
        if op != "equal" and bridged and bridged[-1][0] != "equal":
            _op, start_i, _i2, start_j, _j2 = bridged.pop()
            op, i1, j1 = "replace", start_i, start_j
        bridged.append((op, i1, i2, j1, j2))
    return bridged


def _compare_rows(label: str, old_items: list[Row], new_items: list[Row],
                  fields_of) -> ListChange | None:
    """Rows added, removed and changed between two lists matched by id; None if equal.

    `fields_of(row, side)` gives a row's fields as (label, text) pairs, side being
    "before" or "after"; it is only called for rows that changed.
    """
    if old_items == new_items:
        return None
    old_by_id = {row.id: row for row in old_items}
    new_by_id = {row.id: row for row in new_items}
    change = ListChange(label)
    for position, row in enumerate(new_items):
        previous = old_by_id.get(row.id)
        if previous is None:
            change.rows.append(RowChange(ADDED, editing.row_name(row, position), id=row.id))
        elif previous != row:
            old_fields = dict(fields_of(previous, "before"))
            fields = [field_change(name, old_fields.get(name, ""), text)
                      for name, text in fields_of(row, "after")]
            fields = [field for field in fields if field is not None]
            if fields:  # else it differs only in ways no one reads
                change.rows.append(RowChange(CHANGED, editing.row_name(row, position), fields,
                                             row.id))
    change.rows.extend(RowChange(REMOVED, editing.row_name(row, position), id=row.id)
                       for position, row in enumerate(old_items) if row.id not in new_by_id)
    kept_old = [row.id for row in old_items if row.id in new_by_id]
    kept_new = [row.id for row in new_items if row.id in old_by_id]
    change.reordered = kept_old != kept_new
    return change if change.rows or change.reordered else None


def _inline_rows(label: str, old_items: list[Row], new_items: list[Row],
                 old_row: SummaryRow, new_row: SummaryRow) -> ListChange | None:
    """A list edited inline on the step's page: its summary table gives each row's cells."""
    tables = {"before": _cells_by_id(old_items, old_row), "after": _cells_by_id(new_items, new_row)}
    return _compare_rows(label, old_items, new_items,
                         lambda row, side: tables[side].get(row.id, []))


def _cells_by_id(items: list[Row], row: SummaryRow) -> dict[str, list[tuple[str, str]]]:
    table = row.table
    if table is None or len(table.rows) != len(items):
        return {}
    return {item.id: list(zip(table.headings, cells, strict=True))
            for item, cells in zip(items, table.rows, strict=True)}


def _collection(step: Step, before: PlanDocument, after: PlanDocument) -> ListChange | None:
    """A long list edited item by item: a changed item is shown through its own form."""
    attribute = step.collection.attribute
    documents = {"before": before, "after": after}
    change = _compare_rows(str(step.collection.heading),
                           getattr(getattr(before, step.key), attribute),
                           getattr(getattr(after, step.key), attribute),
                           lambda row, side: _item_fields(step, row, documents[side]))
    if change is not None:
        change.attribute = attribute
    return change


def _item_fields(step: Step, item: Row, document: PlanDocument) -> list[tuple[str, str]]:
    form = editing.item_form(step, item, 0)
    editing.fill_choices(form, document)
    return [(str(field_.label.text), _display_in_order(field_))
            for name, field_ in form._fields.items()
            if name not in CONTROL_FIELDS and field_.type not in ("HiddenField", "CSRFTokenField")
            and not isinstance(field_, FieldList)]


def _display_in_order(field_) -> str:
    """The field as shown, with ticked choices in the order the form lists them."""
    if isinstance(field_, SelectMultipleField) and isinstance(field_.data, list):
        order = {choice.value: index for index, choice in enumerate(field_.choices or [])}
        return display_value(field_, sorted(field_.data, key=lambda v: order.get(v, len(order))))
    return display(field_)
