"""References between sections: actions name objectives, indicators and budget lines name actions.

Sections are saved one at a time, so removing an objective or an action could leave
rows elsewhere pointing at nothing. The store calls `unlink_dangling` after every save
and saves the sections it changed in the same transaction; an imported document must
have none (`dangling_references`). Before a row is deleted, `referring_rows` says which
rows will lose their link to it, so that the person is told before, not after.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .fields import Row
    from .schema import PlanDocument

# (section, list attribute, field, the section and list whose ids it names)
REFERENCES = [
    ("actions", "items", "objective_id", ("pillars", "objectives")),
    ("indicators", "items", "action_id", ("actions", "items")),
    ("indicators", "items", "objective_id", ("pillars", "objectives")),
    ("budget", "lines", "action_id", ("actions", "items")),
]

# Sections whose rows others point at: only saving one of these can break a reference.
LINK_TARGETS = {target for *_rest, (target, _attribute) in REFERENCES}
# Sections whose rows point at others: saving one may bring a reference to nothing.
LINK_HOLDERS = {section for section, *_rest in REFERENCES}


class Dangling(NamedTuple):
    """A row field naming a row that does not exist."""

    section: str
    attribute: str
    index: int
    field: str
    value: str
    target: tuple[str, str]


class Referrer(NamedTuple):
    """A row that names another row (the one about to be deleted)."""

    section: str
    attribute: str
    index: int
    row: "Row"
    field: str


def _ids(document: "PlanDocument", section: str, attribute: str) -> set[str]:
    return {row.id for row in getattr(getattr(document, section), attribute)}


def dangling(document: "PlanDocument") -> list[Dangling]:
    """Each row field that points at a row that does not exist, in document order."""
    found = []
    for section, attribute, field, target in REFERENCES:
        known = _ids(document, *target)
        for index, row in enumerate(getattr(getattr(document, section), attribute)):
            value = getattr(row, field)
            if value and value not in known:
                found.append(Dangling(section, attribute, index, field, value, target))
    return found


def dangling_references(document: "PlanDocument") -> list[str]:
    """Messages naming each row field that points at a row that does not exist."""
    return [f"{ref.section}.{ref.attribute}.{ref.index}.{ref.field}: no "
            f"{ref.target[0]} row with id '{ref.value}'" for ref in dangling(document)]


def referring_rows(document: "PlanDocument", target: tuple[str, str],
                   row_ids: set[str]) -> list[Referrer]:
    """The rows of `document` that name one of `row_ids` in the list `target` (a section
    and its list attribute, such as ("actions", "items")), in wizard order."""
    found = []
    for section, attribute, field, named in REFERENCES:
        if named != target:
            continue
        for index, row in enumerate(getattr(getattr(document, section), attribute)):
            if getattr(row, field) in row_ids:
                found.append(Referrer(section, attribute, index, row, field))
    return found


def unlink_dangling(document: "PlanDocument") -> set[str]:
    """Clear references to rows that no longer exist; return the sections changed."""
    changed = set()
    for ref in dangling(document):
        setattr(getattr(getattr(document, ref.section), ref.attribute)[ref.index], ref.field, None)
        changed.add(ref.section)
    return changed
