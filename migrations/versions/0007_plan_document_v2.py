"""The plan document, version 2: stored sections, their history and named revisions are
rewritten in the version-2 shape, every value kept (see `drafter.plan.upgrade`).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""
import json

import sqlalchemy as sa
from alembic import op

from drafter.plan.schema import SECTION_MODELS, PlanDocument
from drafter.plan.upgrade import rewritten

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Rows are read and written in batches, so a large database is not held in memory.
BATCH = 500


def _in_v2(model, raw: str, indent: int | None = None) -> str | None:
    """`raw` (a section's or a document's JSON) in version 2, or None when it needs no
    change or cannot be read: then it is left as it is, and the app reads it as before."""
    if model is None:
        return None
    try:
        upgraded = rewritten(model, json.loads(raw))
    except ValueError:
        return None
    return None if upgraded is None else json.dumps(upgraded, ensure_ascii=False, indent=indent)


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
    def section(row):
        return _in_v2(SECTION_MODELS.get(row["key"]), row["data"])

    _rewrite("plan_sections", "data", section)
    _rewrite("section_changes", "data", section)
    # A named revision is a whole plan file, written indented as exports are.
    _rewrite("revisions", "document", lambda row: _in_v2(PlanDocument, row["document"], 2))


def downgrade() -> None:
    # Version 1 cannot hold what version 2 adds (answers "no", consultation levels,
    # evaluations done): the data stays in version 2, which this code's models read.
    pass
