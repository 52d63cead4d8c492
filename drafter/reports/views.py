"""Downloads of a plan's reports.

URL table (under /plans/<plan_id>):
    GET  /draft.pdf        the plan as a PDF draft (cover, contents, sections, annexes)
    GET  /gap-report.pdf   the scorecard as a PDF: summary page, then every criterion, with
                           civil society's assessments where they differ
    GET  /draft.docx       the plan as a Word document, for circulation and editing

Each builds the report's plain data from the stored plan and hands it on; PDFs come
from the cache when nothing they are made from has changed.
"""

from __future__ import annotations

from flask import Blueprint

from .. import db
from ..plan.store import LoadedPlan
from ..review import service as review_service
from ..web.downloads import attachment, slug
from ..web.loading import plan_or_404
from . import data, gapdata, pdf
from .docx import plan_docx

bp = Blueprint("reports", __name__, url_prefix="/plans/<int:plan_id>")

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def file_stem(plan: LoadedPlan) -> str:
    """The start of a download's name: the plan's title (as far as `slug` keeps it, cut
    at a word), or the plan's number if nothing of it is left. Each view adds what the
    file is ("-draft", "-gap-report"), so two downloads of one plan never share a name."""
    return slug(plan.title) or f"plan-{plan.id}"


@bp.get("/draft.pdf")
def draft_pdf(plan_id: int):
    plan = plan_or_404(plan_id)
    path = pdf.report_pdf("plan", data.plan_report_for(plan))
    return attachment(path.read_bytes(), PDF, f"{file_stem(plan)}-draft.pdf")


@bp.get("/gap-report.pdf")
def gap_report_pdf(plan_id: int):
    plan = plan_or_404(plan_id)
    assessments = review_service.plan_assessments(db.session(), plan_id)
    path = pdf.report_pdf("gap", gapdata.gap_report_for(plan, assessments))
    return attachment(path.read_bytes(), PDF, f"{file_stem(plan)}-gap-report.pdf")


@bp.get("/draft.docx")
def draft_docx(plan_id: int):
    plan = plan_or_404(plan_id)
    content = plan_docx(data.plan_report_for(plan))
    return attachment(content, DOCX, f"{file_stem(plan)}-draft.docx")
