"""Civil-society review pages: comment threads and reviewers' assessments.

URL table (all under /plans/<plan_id>):
    GET        /comments                          every open thread, by section
    GET, POST  /comments/<section>                a section's threads; POST starts a thread
    POST       /comments/<thread_id>/reply        reply to a thread
    POST       /comments/<thread_id>/resolve      mark a thread resolved (editors, owners)
    POST       /comments/<thread_id>/reopen       open a resolved thread again
    GET        /assessments                       civil society's assessment of each criterion
    POST       /assessments/<criterion>           a reviewer's own assessment of one criterion

The comment forms also sit on each wizard page; after a save they return to the page the
form was on (`back`: "step", "section" or "all"). A refused comment, or one posted with an
expired session token, shows the section's page again with what was typed.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import db
from ..access import ASSESS, may
from ..scorecard.service import plan_scorecard
from ..web.loading import plan_or_404
from ..wizard.steps import BY_KEY, STEPS
from . import service

bp = Blueprint("review", __name__, url_prefix="/plans/<int:plan_id>")


def _thread(plan_id: int, thread_id: int):
    try:
        return service.find_thread(db.session(), plan_id, thread_id)
    except service.NotFound:
        abort(404)


def _expired_notice() -> str:
    return _("Your session had expired, so nothing was sent yet. What you typed is still "
             "here: press the button again.")


def _back(plan_id: int, section: str):
    """Where a comment form returns to: only these three places, never a posted URL."""
    where = request.form.get("back")
    if where == "step":
        return redirect(url_for("wizard.step", plan_id=plan_id, section=section,
                                _anchor="comments"))
    if where == "all":
        return redirect(url_for(".comments", plan_id=plan_id))
    return redirect(url_for(".section_comments", plan_id=plan_id, section=section))


# --- comments --------------------------------------------------------------------------------

@bp.get("/comments")
def comments(plan_id: int):
    plan = plan_or_404(plan_id)
    show_all = request.args.get("show") == "all"
    by_section: dict[str, list] = {}
    for thread in service.threads(db.session(), plan_id, open_only=not show_all):
        by_section.setdefault(thread.section, []).append(thread)
    return render_template("review/comments.html", plan=plan, steps=STEPS,
                           by_section=by_section, show_all=show_all)


def _render_section(plan, step, status=200, *, body="", error=None, reply_to=None,
                    notice=None):
    """A section's threads with their forms; `reply_to` is the thread whose reply form
    holds `body` and `error` (None: the new-thread form)."""
    return render_template(
        "review/section.html", plan=plan, step=step,
        threads=service.threads(db.session(), plan.id, step.key),
        body=body, error=error,
        reply_to=reply_to, notice=notice, max_body=service.MAX_BODY), status


@bp.route("/comments/<section>", methods=["GET", "POST"])
def section_comments(plan_id: int, section: str):
    step = BY_KEY.get(section) or abort(404)
    plan = plan_or_404(plan_id)
    if request.method == "GET":
        return _render_section(plan, step)
    body = request.form.get("body", "")
    if g.get("csrf_failed"):
        return _render_section(plan, step, 400, body=body, notice=_expired_notice())
    try:
        service.start_thread(db.session(), plan_id, step.key, current_user.id, body)
    except service.ReviewError as problem:
        return _render_section(plan, step, 400, body=body, error=str(problem))
    flash(_("Your comment on “%(section)s” is added.", section=step.title))
    return _back(plan_id, step.key)


@bp.post("/comments/<int:thread_id>/reply")
def reply(plan_id: int, thread_id: int):
    first = _thread(plan_id, thread_id)
    step = BY_KEY.get(first.section) or abort(404)
    body = request.form.get("body", "")
    if g.get("csrf_failed"):
        return _render_section(plan_or_404(plan_id), step, 400, body=body, reply_to=thread_id,
                               notice=_expired_notice())
    try:
        service.reply(db.session(), plan_id, thread_id, current_user.id, body)
    except service.ReviewError as problem:
        return _render_section(plan_or_404(plan_id), step, 400, body=body, error=str(problem),
                               reply_to=thread_id)
    flash(_("Your reply is added."))
    return _back(plan_id, first.section)


@bp.post("/comments/<int:thread_id>/resolve")
def resolve(plan_id: int, thread_id: int):
    first = _thread(plan_id, thread_id)
    service.resolve(db.session(), plan_id, thread_id, current_user.id)
    flash(_("The comment is marked resolved."))
    return _back(plan_id, first.section)


@bp.post("/comments/<int:thread_id>/reopen")
def reopen(plan_id: int, thread_id: int):
    first = _thread(plan_id, thread_id)
    service.reopen(db.session(), plan_id, thread_id)
    flash(_("The comment is open again."))
    return _back(plan_id, first.section)


# --- assessments -----------------------------------------------------------------------------

def _render_assessments(plan, card, status=200, *, criterion=None, posted=None, errors=None,
                        notice=None):
    """Every criterion with the scorecard's status and civil society's assessments; a
    reviewer also gets a form for each. `criterion`'s form shows `posted` and `errors`."""
    assessments = service.plan_assessments(db.session(), plan.id)
    current = [a for a in assessments if a.checklist == card.checklist_id]
    mine = {a.criterion: a for a in current if a.user_id == current_user.id}
    return render_template(
        "review/assessments.html", plan=plan, card=card, steps=BY_KEY,
        by_criterion=_group(current), mine=mine,
        review=service.side_by_side(card, assessments),
        can_assess=may(ASSESS), criterion_posted=criterion,
        posted=posted or {}, errors=errors or {}, notice=notice,
        statuses=service.STATUSES, max_body=service.MAX_BODY), status


def _group(assessments) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for a in assessments:
        grouped.setdefault(a.criterion, []).append(a)
    return grouped


@bp.get("/assessments")
def assessments(plan_id: int):
    plan = plan_or_404(plan_id)
    return _render_assessments(plan, plan_scorecard(plan))


@bp.post("/assessments/<criterion>")
def assess(plan_id: int, criterion: str):
    plan = plan_or_404(plan_id)
    card = plan_scorecard(plan)
    result = next((r for r in card.criteria if r.id == criterion), None)
    if result is None:
        abort(404)
    posted = {name: request.form.get(name, "") for name in ("agrees", "status", "reason")}
    if g.get("csrf_failed"):
        return _render_assessments(plan, card, 400, criterion=criterion, posted=posted,
                                   notice=_expired_notice())
    try:
        service.save_assessment(db.session(), plan_id, current_user.id, card.checklist_id,
                                criterion, result.status, agrees=posted["agrees"] or None,
                                status=posted["status"] or None, reason=posted["reason"])
    except service.AssessmentInvalid as problem:
        return _render_assessments(plan, card, 400, criterion=criterion, posted=posted,
                                   errors=problem.errors)
    flash(_("Your assessment of %(id)s is saved.", id=criterion))
    return redirect(url_for(".assessments", plan_id=plan_id, _anchor=f"criterion-{criterion}"))
