"""The plans pages: the list of plans, starting a plan, importing and deleting one.

URL table:
    GET        /                     the plans, newest first
    GET, POST  /plans/new            start a plan (the first questions of "About the plan")
    POST       /plans/import         import a plan from a JSON file (refused whole on any error)
    GET, POST  /plans/<id>/delete    confirm, then delete a plan
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField

from .. import db
from ..access import ROLE_LABELS
from ..plan import vocab as v
from ..plan.schema import About, PlanDocument
from ..plan.store import PlanNotFound, PlanStore
from ..plan.transfer import MAX_IMPORT_BYTES, ImportProblem
from ..wizard.binding import bind
from ..wizard.forms.common import text, vocab_select
from ..workshops import service as workshop_service
from . import importing

bp = Blueprint("plans", __name__)


class NewPlanForm(FlaskForm):
    country_or_organisation = text(_l("Country or organisation"),
                                   _l("For a regional plan, the regional organisation."))
    plan_type = vocab_select(_l("Type of plan"), v.PLAN_TYPES)
    title = text(_l("Working title of the plan (optional)"),
                 _l("You can change it later. For example: National Action Plan on Women, "
                    "Peace and Security 2026–2030"))

    # Both are needed to start: the score, the reports and the list of plans read them.
    required = {
        "country_or_organisation": _l("Enter the country or organisation the plan belongs to"),
        "plan_type": _l("Choose the type of plan"),
    }


class ImportForm(FlaskForm):
    file = FileField(_l("Plan file (JSON)"),
                     description=_l("A plan exported from NAP Drafter, up to 5 MB."))


# Declared types a browser may give a .json file (an unknown type comes as octet-stream).
JSON_TYPES = {"", "application/json", "text/json", "application/x-json", "text/plain",
              "application/octet-stream"}
# The first bytes of files people pick by mistake for a plan's JSON.
SIGNATURES = [
    (b"PK\x03\x04", _l("a Word or Excel document or a ZIP archive")),
    (b"%PDF-", _l("a PDF document")),
    (b"\xd0\xcf\x11\xe0", _l("a Word or Excel document")),
    (b"{\\rtf", _l("a rich-text document")),
    (b"\x89PNG", _l("a picture")), (b"\xff\xd8\xff", _l("a picture")), (b"GIF8", _l("a picture")),
    (b"\x1f\x8b", _l("a compressed file")),
]


def _not_a_plan_file(declared: str, raw: bytes) -> str | None:
    """Why an upload is clearly not a plan exported as JSON, from its declared type, size
    and first bytes: checked before any parsing. None when it may be one."""
    if declared not in JSON_TYPES and not declared.endswith("+json"):
        return _("The file was sent as “%(type)s”, not as JSON. Choose a plan exported from "
                 "NAP Drafter as JSON.", type=declared)
    if len(raw) > MAX_IMPORT_BYTES:
        return _("The file is larger than %(size)s MB, the most a plan file may be.",
                 size=MAX_IMPORT_BYTES // (1024 * 1024))
    for signature, kind in SIGNATURES:
        if raw.startswith(signature):
            return _("This file looks like %(kind)s, not a plan exported as JSON.", kind=kind)
    if b"\x00" in raw[:1024] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _("This file is not text, so it cannot be a plan exported as JSON.")
    return None


def _own_plans():
    """The person's plans, without the team plans of the workshops they run (the
    workshop's dashboard lists those)."""
    session = db.session()
    hidden = workshop_service.trained_team_plans(session, current_user.id)
    return [plan for plan in PlanStore(session).list_plans(current_user.id)
            if plan.id not in hidden]


@bp.get("/")
def index():
    return render_template("plans/index.html", plans=_own_plans(), import_form=ImportForm(),
                           roles=ROLE_LABELS)


@bp.route("/plans/new", methods=["GET", "POST"])
def new():
    form = NewPlanForm()
    if g.get("csrf_failed"):
        return render_template("plans/new.html", form=form, notice=_(
            "Your session had expired, so the plan was not started yet. Press the button again.")), 400
    if request.method == "POST":
        about = bind(form, About)
        for name, message in NewPlanForm.required.items():
            field = form[name]
            if not field.errors and not (field.data or "").strip():
                field.errors = list(field.errors) + [str(message)]
                about = None
        if about is not None:
            plan_id = PlanStore(db.session()).create_plan(PlanDocument(about=about),
                                                         owner_id=current_user.id)
            flash(_("Your plan is started. Work through the sections in any order."))
            return redirect(url_for("wizard.tasklist", plan_id=plan_id))
        return render_template("plans/new.html", form=form), 400
    return render_template("plans/new.html", form=form)


@bp.post("/plans/import")
def import_plan():
    form = ImportForm()
    problems: list[str] = []
    upload = request.files.get("file")
    if g.get("csrf_failed"):
        problems = [_("Your session had expired. Choose the file again and import it.")]
    elif upload is None or not upload.filename:
        problems = [_("Choose a plan file to import")]
    elif not upload.filename.lower().endswith(".json"):
        problems = [_("The file must be a plan exported as JSON (a .json file)")]
    elif problem := _not_a_plan_file(upload.mimetype, raw := upload.read(MAX_IMPORT_BYTES + 1)):
        problems = [problem]
    else:
        try:
            imported = importing.import_plan(db.session(), raw, current_user.id)
        except ImportProblem as problem:
            problems = ([_("Nothing was imported. Fix the file and try again:")]
                        + importing.problems_in_words(problem))
        else:
            if imported.same_title:
                flash(_("Imported as “%(title)s”: you have a plan called “%(same)s” already.",
                        title=imported.title, same=imported.same_title))
            else:
                flash(_("Imported “%(title)s”.", title=imported.title or upload.filename))
            return redirect(url_for("wizard.tasklist", plan_id=imported.plan_id))
    return render_template("plans/index.html", plans=_own_plans(), import_form=form, roles=ROLE_LABELS,
                           import_problems=problems), 400


@bp.route("/plans/<int:plan_id>/delete", methods=["GET", "POST"])
def delete(plan_id: int):
    store = PlanStore(db.session())
    try:
        plan = store.load(plan_id)
    except PlanNotFound:
        abort(404)
    if request.method == "POST":
        store.delete_plan(plan_id)
        flash(_("Deleted the plan “%(title)s”.", title=plan.title or plan_id))
        return redirect(url_for("plans.index"))
    return render_template("plans/delete.html", plan=plan)
