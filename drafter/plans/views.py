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
from ..plan.transfer import MAX_IMPORT_BYTES, ImportProblem, parse_document
from ..wizard.binding import bind
from ..wizard.forms.common import text, vocab_select

bp = Blueprint("plans", __name__)


class NewPlanForm(FlaskForm):
    country_or_organisation = text(_l("Country or organisation"))
    plan_type = vocab_select(_l("Type of plan"), v.PLAN_TYPES)
    title = text(_l("Working title of the plan"),
                 _l("You can change it later. For example: National Action Plan on Women, "
                    "Peace and Security 2026–2030"))


class ImportForm(FlaskForm):
    file = FileField(_l("Plan file (JSON)"),
                     description=_l("A plan exported from NAP Drafter, up to 5 MB."))


@bp.get("/")
def index():
    plans = PlanStore(db.session()).list_plans(current_user.id)
    return render_template("plans/index.html", plans=plans, import_form=ImportForm(),
                           roles=ROLE_LABELS)


@bp.route("/plans/new", methods=["GET", "POST"])
def new():
    form = NewPlanForm()
    if g.get("csrf_failed"):
        return render_template("plans/new.html", form=form, notice=_(
            "Your session had expired, so the plan was not started yet. Press the button again.")), 400
    if request.method == "POST":
        about = bind(form, About)
        if about is not None and not about.title and not about.country_or_organisation:
            form.title.errors = list(form.title.errors) + [
                _("Enter a title or a country so that you can find the plan again")]
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
    else:
        raw = upload.read(MAX_IMPORT_BYTES + 1)
        try:
            document = parse_document(raw)
        except ImportProblem as problem:
            problems = [_("Nothing was imported. Fix the file and try again:")] + problem.messages
        else:
            plan_id = PlanStore(db.session()).create_plan(document, owner_id=current_user.id)
            flash(_("Imported “%(title)s”.", title=document.about.title or upload.filename))
            return redirect(url_for("wizard.tasklist", plan_id=plan_id))
    plans = PlanStore(db.session()).list_plans(current_user.id)
    return render_template("plans/index.html", plans=plans, import_form=form, roles=ROLE_LABELS,
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
