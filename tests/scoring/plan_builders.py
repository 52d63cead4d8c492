"""Small plan documents for scoring tests, built from plain dicts.

`plan(...)` validates sections exactly as an import would; the helpers make the
repeating rows (objectives, actions, indicators) that many rule tests need.
"""

from __future__ import annotations

from drafter.plan.schema import PlanDocument

PILLARS = ["prevention", "participation", "protection", "relief_recovery"]


def plan(**sections) -> PlanDocument:
    return PlanDocument.model_validate(sections)


def text(chars: int, words: str = "") -> str:
    """Prose of exactly `chars` characters, starting with `words`."""
    return (words + " " + "x" * chars)[:chars] if words else "x" * chars


def objectives(count: int, **fields) -> list[dict]:
    return [{"id": f"o{index + 1}", "code": f"{index + 1}",
             "pillar_id": PILLARS[index % 4], **fields} for index in range(count)]


def actions(count: int, objective_count: int = 0, **fields) -> list[dict]:
    rows = []
    for index in range(count):
        row = {"id": f"a{index + 1}", "code": f"1.{index + 1}", **fields}
        if objective_count:
            row["objective_id"] = f"o{index % objective_count + 1}"
        rows.append(row)
    return rows


def action_indicator(action_id: str, **fields) -> dict:
    return {"id": f"i-{action_id}", "code": f"{action_id}.i", "action_id": action_id, **fields}
