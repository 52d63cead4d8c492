"""References between sections: actions name objectives, indicators and budget lines name actions.

Sections are saved one at a time, so removing an objective or an action could leave
rows elsewhere pointing at nothing. The store calls `unlink_dangling` after every save
and saves the sections it changed in the same transaction; an imported document must
have none (`dangling_references`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
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


def _ids(document: "PlanDocument", section: str, attribute: str) -> set[str]:
    return {row.id for row in getattr(getattr(document, section), attribute)}


def dangling_references(document: "PlanDocument") -> list[str]:
    """Messages naming each row field that points at a row that does not exist."""
    problems = []
    for section, attribute, field, (target_section, target_attribute) in REFERENCES:
        known = _ids(document, target_section, target_attribute)
        for index, row in enumerate(getattr(getattr(document, section), attribute)):
            value = getattr(row, field)
            if value and value not in known:
                problems.append(f"{section}.{attribute}.{index}.{field}: no "
                                f"{target_section} row with id '{value}'")
    return problems


def unlink_dangling(document: "PlanDocument") -> set[str]:
    """Clear references to rows that no longer exist; return the sections changed."""
    changed = set()
    for section, attribute, field, (target_section, target_attribute) in REFERENCES:
        known = _ids(document, target_section, target_attribute)
        for row in getattr(getattr(document, section), attribute):
            value = getattr(row, field)
            if value and value not in known:
                setattr(row, field, None)
                changed.add(section)
    return changed
