"""The database tables: plans and their sections (each section a versioned JSON row),
people and their roles on plans, invitations, the history of saves, named revisions,
review comments and civil-society assessments; workshops and their teams; wizard forms
posted after their log-in ended, kept until their author logs in again.

The content of a plan lives in the plan document (`drafter.plan.schema`); these tables
only hold it. A section that has never been saved has no row (status "not started").
"""

from __future__ import annotations

import datetime as dt

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Plan(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500), default="")
    checklist: Mapped[str] = mapped_column(String(100), default="csag-2012")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    sections: Mapped[list[PlanSection]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", passive_deletes=True)


class PlanSection(Base):
    __tablename__ = "plan_sections"
    __table_args__ = (UniqueConstraint("plan_id", "key", name="uq_plan_sections_plan_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    data: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="in_progress")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    plan: Mapped[Plan] = relationship(back_populates="sections")


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(300))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    # A workshop participant's quick account: no e-mail of theirs (the address is a
    # unique placeholder under .invalid) and no password; it lives in its cookies.
    is_guest: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # The interface language they chose (drafter.web.language); None: not chosen yet.
    locale: Mapped[str | None] = mapped_column(String(8), nullable=True)

    # The key of the device log-in (`LoginSession`) this object was loaded through; not a
    # column. Flask-Login keeps `get_id()` in the session cookie, so the cookie names the
    # device's log-in and stops working when that log-in is ended.
    login_key = None

    def get_id(self) -> str:
        return f"{self.id}:{self.login_key or ''}"


class Membership(Base):
    """A person's role on one plan: owner, editor, reviewer or viewer."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("plan_id", "user_id", name="uq_memberships_plan_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Invitation(Base):
    """A link that lets whoever holds it join a plan in a role, until it expires."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    email: Mapped[str] = mapped_column(String(254), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    accepted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    accepted_at: Mapped[dt.datetime | None]


class LoginSession(Base):
    """One device's log-in. Its session cookie carries `key`, its remember-me cookie (when
    the person asked to stay logged in on the device) `remember`; only their SHA-256
    digests are stored. Deleting the row logs that device out."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    remember_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    remember_until: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(64), default="")


class PendingPost(Base):
    """A wizard form posted by a browser whose log-in had ended, kept for a day so that
    what was typed comes back after logging in (`drafter.wizard.pending`). The browser
    holds a random token in a cookie; only its SHA-256 digest is stored. `user_id` is
    set at log-in, once the account is known to be allowed to edit the plan."""

    __tablename__ = "pending_posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(String(300))
    fields: Mapped[str] = mapped_column(Text)  # the posted fields as JSON [[name, value], ...]
    address: Mapped[str] = mapped_column(String(64), default="", index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)


class LoginAttempt(Base):
    """Failed log-ins, kept in the database so that every app process sees them."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)


class SectionChange(Base):
    """Every saved version of every section: who saved it and when."""

    __tablename__ = "section_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Revision(Base):
    """A named snapshot of the whole document ("Draft for the validation workshop")."""

    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    document: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Comment(Base):
    """A reviewer's comment on a section; replies point at the thread's first comment."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    section: Mapped[str] = mapped_column(String(40))
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    resolved_at: Mapped[dt.datetime | None]


class Assessment(Base):
    """A reviewer's own view of one checklist criterion: agree, or a status and a reason."""

    __tablename__ = "assessments"
    __table_args__ = (UniqueConstraint("plan_id", "user_id", "checklist", "criterion",
                                       name="uq_assessments_plan_user_criterion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    checklist: Mapped[str] = mapped_column(String(100))
    criterion: Mapped[str] = mapped_column(String(40))
    agrees: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Workshop(Base):
    """A drafting workshop: teams join with its code, each drafting its own copy of the
    scenario (a plan document kept here as exported JSON, so a reset always finds it)."""

    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(12), unique=True)
    starts_on: Mapped[dt.date | None]
    ends_on: Mapped[dt.date | None]
    checklist: Mapped[str] = mapped_column(String(100))
    scenario_title: Mapped[str] = mapped_column(String(500), default="")
    scenario: Mapped[str] = mapped_column(Text)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    # At most this many teams (the trainer can change it): a code shown on a projector
    # must not let anyone fill the workshop with teams.
    max_teams: Mapped[int] = mapped_column(Integer, default=40, server_default="40")
    trainer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Team(Base):
    """A team of a workshop and the plan it drafts (one plan per team)."""

    __tablename__ = "workshop_teams"
    __table_args__ = (UniqueConstraint("workshop_id", "name", name="uq_workshop_teams_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ReportJob(Base):
    """A report being prepared, or prepared, on the task queue (`drafter.jobs`).

    `key` names what the file is made from (its kind and a hash of its content), and is
    unique: ten people asking at once for the same new PDF find one row and wait for one
    render. A row outlives its file only as a record; the file itself lives in the report
    cache. `plan_id` and `workshop_id` say whose report it is (for the access check of
    its progress), and are plain columns: a report of a deleted plan is just never asked
    for again."""

    __tablename__ = "report_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    plan_id: Mapped[int | None] = mapped_column(Integer, index=True)
    workshop_id: Mapped[int | None] = mapped_column(Integer, index=True)
    requested_by: Mapped[int | None] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    error: Mapped[str] = mapped_column(String(20), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)  # progress: parts made so far
    total: Mapped[int] = mapped_column(Integer, default=1)  # progress: parts to make
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    started_at: Mapped[dt.datetime | None]
    heartbeat_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
