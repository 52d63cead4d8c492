"""The scorecard pages.

URL table (under /plans/<plan_id>):
    GET   /scorecard    every area and criterion with evidence and advice, the gaps first;
                        civil society's assessments beside the criteria where they differ,
                        and a note of those made against another checklist
    POST  /checklist    choose the checklist the plan is scored against
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import db
from ..plan.store import PlanNotFound, PlanStore
from ..review import service as review_service
from ..web.loading import plan_or_404
from ..wizard.steps import BY_KEY
from ..workshops.service import team_of_plan
from .service import available_checklists, checklist_names, plan_scorecard

bp = Blueprint("scorecard", __name__, url_prefix="/plans/<int:plan_id>")


@bp.get("/scorecard")
def scorecard(plan_id: int):
    plan = plan_or_404(plan_id)
    card = plan_scorecard(plan)
    session = db.session()
    review = review_service.side_by_side(card, review_service.plan_assessments(session, plan_id))
    return render_template("scorecard/scorecard.html", plan=plan, card=card, steps=BY_KEY,
                           checklists=available_checklists(), review=review,
                           checklist_names=checklist_names())


@bp.post("/checklist")
def choose_checklist(plan_id: int):
    store = PlanStore(db.session())
    if team_of_plan(db.session(), plan_id) is not None:
        flash(_("In a workshop, every team is scored against the checklist the trainer chose."),
              "error")
        return redirect(url_for(".scorecard", plan_id=plan_id))
    choice = request.form.get("checklist", "")
    known = {info.id: info for info in available_checklists()}
    if choice not in known:
        flash(_("Choose one of the checklists listed."), "error")
        return redirect(url_for(".scorecard", plan_id=plan_id))
    try:
        store.set_checklist(plan_id, choice)
    except PlanNotFound:
        abort(404)
    flash(_("The plan is now scored against “%(name)s”.", name=known[choice].name))
    return redirect(url_for(".scorecard", plan_id=plan_id))
