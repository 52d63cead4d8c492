"""Downloads of a plan's reports.

URL table (under /plans/<plan_id>):
    GET  /draft.pdf        the plan as a PDF draft (cover, contents, sections, annexes)
    GET  /gap-report.pdf   the scorecard as a PDF: summary page, then every criterion, with
                           civil society's assessments where they differ
    GET  /draft.docx       the plan as a Word document, for circulation and editing
    POST (each of them)    "Try again" after the file could not be made

Each builds the report's plain data from the stored plan and asks the task queue for
its file (`drafter.jobs.web.serve_report`): the file at once when the cache has it, or
a page that follows its making and then downloads it. Nothing is rendered here.
"""

from __future__ import annotations

from flask import Blueprint, request, url_for
from flask_babel import lazy_gettext as _l

from .. import db
from ..jobs.web import Download, serve_report
from ..plan.store import LoadedPlan
from ..web.downloads import slug
from ..web.loading import plan_or_404
from .cache import cache_key
from ..i18n import LANGUAGES
from .service import document_language, report_data

bp = Blueprint("reports", __name__, url_prefix="/plans/<int:plan_id>")

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# kind -> (what it is in messages, end of its file name, type)
DOWNLOADS = {
    "plan": (_l("PDF draft"), "draft.pdf", PDF),
    "gap": (_l("gap report"), "gap-report.pdf", PDF),
    "docx": (_l("Word draft"), "draft.docx", DOCX),
}


def file_stem(plan: LoadedPlan) -> str:
    """The start of a download's name: the plan's title (as far as `slug` keeps it, cut
    at a word), or the plan's number if nothing of it is left. Each view adds what the
    file is ("-draft", "-gap-report"), so two downloads of one plan never share a name."""
    return slug(plan.title) or f"plan-{plan.id}"


def _download(plan_id: int, kind: str, language: str | None = None):
    """The report of `kind`, in the plan's language or (a gap report asked for in
    another) `language`, whose code then ends the file's name."""
    plan = plan_or_404(plan_id)
    what, ending, mimetype = DOWNLOADS[kind]
    language = language or document_language(plan)
    if language != document_language(plan):
        ending = ending.replace(".", f"-{language}.")

    def build():
        report = report_data(db.session(), kind, plan, language)
        return cache_key(kind, report), {"data": report, "locale": language}, 1

    return serve_report(Download(str(what), f"{file_stem(plan)}-{ending}", mimetype,
                                 {"plan_id": plan_id},
                                 url_for("wizard.tasklist", plan_id=plan_id)), build)


@bp.route("/draft.pdf", methods=["GET", "POST"])
def draft_pdf(plan_id: int):
    return _download(plan_id, "plan")


@bp.route("/gap-report.pdf", methods=["GET", "POST"])
def gap_report_pdf(plan_id: int):
    """In the plan's language, or in another the app speaks (`?language=fr`)."""
    asked = request.args.get("language")
    return _download(plan_id, "gap", asked if asked in LANGUAGES else None)


@bp.route("/draft.docx", methods=["GET", "POST"])
def draft_docx(plan_id: int):
    return _download(plan_id, "docx")
