"""People and roles, invitations, log-in attempts, the history of saves, named
revisions, review comments and assessments.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _user_fk(name: str, nullable: bool = True, ondelete: str = "SET NULL") -> sa.Column:
    return sa.Column(name, sa.Integer(), sa.ForeignKey("users.id", ondelete=ondelete),
                     nullable=nullable)


def _plan_fk() -> sa.Column:
    return sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plans.id", ondelete="CASCADE"),
                     nullable=False, index=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer(), primary_key=True),
        _plan_fk(),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("plan_id", "user_id", name="uq_memberships_plan_user"),
    )
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), primary_key=True),
        _plan_fk(),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        _user_fk("created_by"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        _user_fk("accepted_by"),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False, index=True),
        sa.Column("address", sa.String(64), nullable=False, index=True),
        sa.Column("at", sa.DateTime(), nullable=False, index=True),
    )
    op.create_table(
        "section_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        _plan_fk(),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        _user_fk("user_id"),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        _plan_fk(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        _user_fk("created_by"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), primary_key=True),
        _plan_fk(),
        sa.Column("section", sa.String(40), nullable=False),
        sa.Column("thread_id", sa.Integer(), sa.ForeignKey("comments.id", ondelete="CASCADE"),
                  nullable=True),
        _user_fk("author_id"),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _user_fk("resolved_by"),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), primary_key=True),
        _plan_fk(),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("checklist", sa.String(100), nullable=False),
        sa.Column("criterion", sa.String(40), nullable=False),
        sa.Column("agrees", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(20), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("plan_id", "user_id", "checklist", "criterion",
                            name="uq_assessments_plan_user_criterion"),
    )
    with op.batch_alter_table("plan_sections") as batch:
        batch.add_column(sa.Column("updated_by", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_plan_sections_updated_by", "users", ["updated_by"], ["id"],
                                 ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("plan_sections") as batch:
        batch.drop_constraint("fk_plan_sections_updated_by", type_="foreignkey")
        batch.drop_column("updated_by")
    for table in ("assessments", "comments", "revisions", "section_changes", "login_attempts",
                  "invitations", "memberships", "users"):
        op.drop_table(table)
