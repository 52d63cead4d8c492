"""The database tables: plans and their sections, each section a versioned JSON row.

The content of a plan lives in the plan document (`drafter.plan.schema`); these tables
only hold it. A section that has never been saved has no row (status "not started").
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
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

    plan: Mapped[Plan] = relationship(back_populates="sections")
