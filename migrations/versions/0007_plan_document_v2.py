"""The plan document, version 2: stored sections, their history and named revisions are
rewritten in the version-2 shape, every value kept (see `drafter.plan.upgrade`).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""
import json

import sqlalchemy as sa
from alembic import op

from drafter.plan.schema import SECTION_MODELS, STORED, PlanDocument

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Rows are read and written in batches, so a large database is not held in memory.
BATCH = 500


def _section_v2(key: str, raw: str) -> str | None:
    """The section's JSON in version 2, or None when it needs no change (or cannot be
    read: it is left as it is, and the app reads it as it did before)."""
    model = SECTION_MODELS.get(key)
    if model is None:
        return None
    try:
        # Only what the row held is written back (exclude_unset): a row that needs no
        # upgrade compares equal and is left exactly as it was.
        upgraded = model.model_validate_json(raw, context={STORED: True}).model_dump(
            mode="json", exclude_unset=True)
    except ValueError:
        return None
    return json.dumps(upgraded, ensure_ascii=False) if upgraded != json.loads(raw) else None


def _document_v2(raw: str) -> str | None:
    try:
        data = json.loads(raw)
        upgraded = PlanDocument.model_validate(data, context={STORED: True}).model_dump(
            mode="json", exclude_unset=True)
    except ValueError:
        return None
    return json.dumps(upgraded, ensure_ascii=False, indent=2) if upgraded != data else None


def _rewrite(table: str, column: str, upgrade_row) -> None:
    connection = op.get_bind()
    rows = sa.table(table, sa.column("id", sa.Integer), sa.column(column, sa.Text),
                    *([sa.column("key", sa.String)] if table != "revisions" else []))
    last = 0
    while True:
        batch = connection.execute(sa.select(rows).where(rows.c.id > last)
                                   .order_by(rows.c.id).limit(BATCH)).mappings().all()
        if not batch:
            return
        for row in batch:
            new = upgrade_row(row)
            if new is not None:
                connection.execute(rows.update().where(rows.c.id == row["id"])
                                   .values({column: new}))
        last = batch[-1]["id"]


def upgrade() -> None:
    _rewrite("plan_sections", "data", lambda row: _section_v2(row["key"], row["data"]))
    _rewrite("section_changes", "data", lambda row: _section_v2(row["key"], row["data"]))
    _rewrite("revisions", "document", lambda row: _document_v2(row["document"]))


def downgrade() -> None:
    # Version 1 cannot hold what version 2 adds (answers "no", consultation levels,
    # evaluations done): the data stays in version 2, which this code's models read.
    pass
