"""Reading version 1 of the plan document as version 2, with every value kept.

Version 2 changed the shape of a few fields; the rest of version 1 reads as it is
(a true/false answer becomes "yes"/"not stated" in `fields.Answer`, a day stays a day
in `fields.PartialDate`). The changes of shape are here, as functions of plain JSON
data, so that one piece serves every way a version-1 plan arrives: a plan file being
imported, a section stored before the upgrade (the models read it through these
functions), a revision in a plan's history, and the Alembic migration that rewrites
stored sections once (`migrations/versions/0007_plan_document_v2.py`).

Each function leaves version-2 data untouched, so reading data twice through them is
harmless and nothing needs to know which version it holds.
"""

from __future__ import annotations

from collections.abc import Callable


def pillar(data: dict) -> dict:
    """v1 `standard` (one standard pillar, or none) -> v2 `standards` (a list)."""
    if "standard" in data:
        data = dict(data)
        standard = data.pop("standard")
        data.setdefault("standards", [standard] if standard else [])
    return data


# v1 monitoring's two years and its one "independent" flag -> v2 rows of evaluations.
# A v1 year was the year the evaluation was *planned* for: nothing in v1 recorded one
# that had happened.
V1_EVALUATIONS = (("midterm_review_year", "midterm", "v1-midterm"),
                  ("final_evaluation_year", "final", "v1-final"))


def monitoring(data: dict) -> dict:
    old = [name for name, _kind, _id in V1_EVALUATIONS] + ["independent_evaluation"]
    if not any(name in data for name in old):
        return data
    data = dict(data)
    independent = data.pop("independent_evaluation", False)
    evaluations = list(data.get("evaluations") or [])
    for name, kind, row_id in V1_EVALUATIONS:
        year = data.pop(name, None)
        if year is not None:
            evaluations.append({"id": row_id, "kind": kind, "status": "planned", "year": year,
                                "independent": independent})
    if independent is True and not evaluations:
        # Evaluations were to be independent, with no year given: keep that.
        evaluations.append({"id": "v1-evaluation", "kind": "final", "status": "planned",
                            "independent": True})
    data["evaluations"] = evaluations
    return data


def document(data: dict) -> dict:
    """A whole document: v1 -> v2 (each section upgrades itself as its model reads it)."""
    if data.get("schema_version") == 1:
        data = dict(data)
        data["schema_version"] = 2
    return data


UPGRADES: dict[str, Callable[[dict], dict]] = {
    "pillar": pillar, "monitoring": monitoring, "document": document}


def upgrades(name: str):
    """A pydantic "before" model validator applying `UPGRADES[name]` to dict input."""
    upgrade = UPGRADES[name]

    def validator(cls, data):
        return upgrade(data) if isinstance(data, dict) else data

    validator.__name__ = f"upgrade_{name}"
    return classmethod(validator)


def rewritten(model, data: dict) -> dict | None:
    """`data` (a stored section or document of `model`) as version 2 holds it, or None
    when it needs no change; for the migration that rewrites stored plans.

    The models do the work: data read through them is in v2, rows and all, and a value
    v2 cannot hold would be refused there, not lost here. Only what `data` held is
    written back (exclude_unset), so data that needs no upgrade compares equal.
    """
    from .schema import STORED

    upgraded = model.model_validate(data, context={STORED: True}).model_dump(
        mode="json", exclude_unset=True)
    return upgraded if upgraded != data else None
