"""Device log-ins (revocable sessions and remember-me tokens); a cap on a workshop's teams.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("remember_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("remember_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("user_agent", sa.String(200), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
    )
    op.add_column("workshops", sa.Column("max_teams", sa.Integer(), nullable=False,
                                         server_default="40"))


def downgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("max_teams")
    op.drop_table("login_sessions")
