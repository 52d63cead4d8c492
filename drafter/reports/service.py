"""The plain data each report of a stored plan is made from: one place, so that a
download and a report made ahead of time build the same data, and so the same cache key.

A report is in the plan's own language (About: "Language of the plan"), whatever the
language of the person who downloads it: its headings, labels, dates, numbers and the
checklist's texts. A gap report can be asked for in another language.
"""

from __future__ import annotations

from flask_babel import force_locale
from sqlalchemy.orm import Session

from ..plan.store import LoadedPlan
from ..review import service as review_service
from . import data, gapdata


def document_language(plan: LoadedPlan) -> str:
    """The language `plan` is written in (English for a plan that never said)."""
    return plan.document.about.language


def report_data(session: Session, kind: str, plan: LoadedPlan,
                language: str | None = None) -> dict:
    """The data of `plan`'s report of `kind`, in `language` (the plan's own unless
    given); the Word draft is made from the same data as the PDF draft, summarised to its
    own, larger, page budget."""
    with force_locale(language or document_language(plan)):
        if kind == "gap":
            return gapdata.gap_report_for(plan,
                                          review_service.plan_assessments(session, plan.id))
        return data.plan_report_for(plan, kind)
