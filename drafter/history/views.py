"""The history of a plan: named revisions, what changed between them, restoring one, and
every save of each section.

URL table (all under /plans/<plan_id>/history):
    GET        ""                                  revisions, the form to save one, saves by section
    POST       /revisions                          save the plan as it is now as a named revision
    GET        /revisions/<revision_id>            one revision, section by section
    GET        /compare?from=<id|current>&to=<id|current>
                                                   what changed between two revisions, or since one
    GET, POST  /revisions/<revision_id>/restore    confirm, then restore a revision
    GET        /sections/<section>                 every save of one section: who, when, what changed
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import db
from ..access import EDIT, can
from ..plan.store import ConflictError
from ..web.loading import plan_or_404
from ..web.security import ascii_int
from ..wizard.steps import BY_KEY, STEPS
from ..wizard.summary import section_summary
from . import service
from .diff import diff_documents

bp = Blueprint("history", __name__, url_prefix="/plans/<int:plan_id>/history")

CURRENT = "current"


def _revision(plan_id: int, revision_id: int):
    try:
        return service.get_revision(db.session(), plan_id, revision_id)
    except service.RevisionNotFound:
        abort(404)


@bp.get("")
def history(plan_id: int, name: str = "", error: str | None = None, notice: str | None = None,
            status: int = 200):
    plan = plan_or_404(plan_id)
    session = db.session()
    return render_template("history/history.html", plan=plan, steps=STEPS,
                           revisions=service.revisions(session, plan_id),
                           activity=service.section_activity(session, plan_id),
                           can_edit=can(EDIT, g.get("role")), name=name, error=error,
                           notice=notice,
                           name_max=service.NAME_MAX), status


@bp.post("/revisions")
def save(plan_id: int):
    plan_or_404(plan_id)
    name = request.form.get("name", "")
    if g.get("csrf_failed"):
        return history(plan_id, name=name[:service.NAME_MAX], status=400, notice=_(
            "Your session had expired, so the revision was not saved yet. Its name is still "
            "here: press “Save a revision” again."))
    try:
        revision = service.save_revision(db.session(), plan_id, name, current_user.id)
    except service.RevisionError as problem:
        return history(plan_id, name=name, error=str(problem), status=400)
    flash(_("The plan is saved as the revision “%(name)s”.", name=revision.name))
    return redirect(url_for(".history", plan_id=plan_id))


@bp.get("/revisions/<int:revision_id>")
def revision(plan_id: int, revision_id: int):
    plan = plan_or_404(plan_id)
    found = _revision(plan_id, revision_id)
    document = service.revision_document(db.session(), plan_id, revision_id)
    summaries = [(step, section_summary(step, document)) for step in STEPS]
    return render_template("history/revision.html", plan=plan, revision=found,
                           summaries=summaries, can_edit=can(EDIT, g.get("role")))


def _side(plan, plan_id: int, value: str | None):
    """(label, document, revision or None) for one side of a comparison."""
    if value in (None, "", CURRENT):
        return _("The plan now"), plan.document, None
    revision_id = ascii_int(value)
    if revision_id is None:
        abort(404)
    found = _revision(plan_id, revision_id)
    return found.name, service.revision_document(db.session(), plan_id, found.id), found


@bp.get("/compare")
def compare(plan_id: int):
    plan = plan_or_404(plan_id)
    revisions = service.revisions(db.session(), plan_id)
    first = request.args.get("from") or (str(revisions[0].id) if revisions else CURRENT)
    second = request.args.get("to") or CURRENT
    before_label, before, before_revision = _side(plan, plan_id, first)
    after_label, after, after_revision = _side(plan, plan_id, second)
    sections = diff_documents(before, after)
    return render_template("history/compare.html", plan=plan, revisions=revisions,
                           first=first, second=second, sections=sections,
                           before_label=before_label, after_label=after_label,
                           before_revision=before_revision, after_revision=after_revision,
                           changed=sum(1 for section in sections if section.changed))


@bp.route("/revisions/<int:revision_id>/restore", methods=["GET", "POST"])
def restore(plan_id: int, revision_id: int):
    plan = plan_or_404(plan_id)
    found = _revision(plan_id, revision_id)
    if request.method == "GET":
        document = service.revision_document(db.session(), plan_id, revision_id)
        changed = [section for section in diff_documents(plan.document, document)
                   if section.changed]
        return render_template("history/restore.html", plan=plan, revision=found,
                               changed=changed)
    try:
        restored = service.restore(db.session(), plan_id, revision_id, current_user.id)
    except ConflictError:
        flash(_("Someone saved a section while the revision was being restored, so nothing "
                "was changed. Look at the plan and try again."), "error")
        return redirect(url_for(".restore", plan_id=plan_id, revision_id=revision_id))
    if not restored.sections:
        flash(_("The plan is already the same as “%(name)s”: there was nothing to restore.",
                name=found.name))
    else:
        flash(_("The plan is restored from “%(name)s”. The plan as it was just before is kept "
                "too, as a revision of its own.", name=found.name))
    return redirect(url_for(".history", plan_id=plan_id))


@bp.get("/sections/<section>")
def section(plan_id: int, section: str):
    step = BY_KEY.get(section)
    if step is None:
        abort(404)
    plan = plan_or_404(plan_id)
    versions, total = service.section_history(db.session(), plan_id, step)
    return render_template("history/section.html", plan=plan, step=step, versions=versions,
                           total=total)
