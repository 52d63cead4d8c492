"""Civil-society review pages: comment threads and reviewers' assessments.

URL table (all under /plans/<plan_id>):
    GET        /comments                          every open thread, by section
    GET, POST  /comments/<section>                a section's threads; POST starts a thread
    POST       /comments/<thread_id>/reply        reply to a thread
    POST       /comments/<thread_id>/resolve      mark a thread resolved (editors, owners)
    POST       /comments/<thread_id>/reopen       open a resolved thread again
    GET        /assessments                       civil society's assessment of each criterion
    POST       /assessments                       a reviewer's answers on that page, saved at once
    POST       /assessments/<criterion>           a reviewer's assessment of one criterion
                                                  (fields agrees, status, reason)

The comment forms also sit on each wizard page; after a save they return to the page the
form was on (`back`: "step", "section" or "all"). A refused comment, or one posted with an
expired session token, shows the section's page again with what was typed.

The assessment page is one form: every criterion's answer is posted as `agrees-<id>`,
`status-<id>` and `reason-<id>`, and any of its Save buttons saves them all. A refused
answer, or a post with an expired session token, shows the page again with every answer
as it was posted, and saves none.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from .. import db
from ..access import ASSESS, may
from ..scorecard.service import checklist_names, plan_scorecard
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

def _render_assessments(plan, card, status=200, *, posted=None, errors=None, notice=None):
    """Every criterion with the scorecard's status and civil society's assessments; a
    reviewer also gets the form. `posted` ({criterion: Answer}) are answers sent but not
    saved, shown instead of the saved ones; `errors` is {criterion: {field: message}}."""
    assessments = service.plan_assessments(db.session(), plan.id)
    current = [a for a in assessments if a.checklist == card.checklist_id]
    mine = {a.criterion: a for a in current if a.user_id == current_user.id}
    return render_template(
        "review/assessments.html", plan=plan, card=card, steps=BY_KEY,
        by_criterion=_group(current), mine=mine,
        review=service.side_by_side(card, assessments), checklist_names=checklist_names(),
        can_assess=may(ASSESS), posted=posted or {}, errors=errors or {}, notice=notice,
        statuses=service.STATUSES, max_body=service.MAX_BODY), status


def _group(assessments) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for a in assessments:
        grouped.setdefault(a.criterion, []).append(a)
    return grouped


def _answers(criteria, single: str | None) -> dict[str, service.Answer]:
    """The answers posted: one criterion's plain fields, or every criterion's on the page."""
    form = request.form
    if single is not None:
        return {single: service.Answer.posted(form.get("agrees"), form.get("status"),
                                              form.get("reason"))}
    return {criterion: service.Answer.posted(form.get(f"agrees-{criterion}"),
                                             form.get(f"status-{criterion}"),
                                             form.get(f"reason-{criterion}"))
            for criterion in criteria}


@bp.get("/assessments")
def assessments(plan_id: int):
    plan = plan_or_404(plan_id)
    return _render_assessments(plan, plan_scorecard(plan))


@bp.post("/assessments", defaults={"criterion": None})
@bp.post("/assessments/<criterion>")
def assess(plan_id: int, criterion: str | None):
    plan = plan_or_404(plan_id)
    card = plan_scorecard(plan)
    scored = {result.id: result.status for result in card.criteria}
    if criterion is not None and criterion not in scored:
        abort(404)
    answers = _answers(scored, criterion)
    if g.get("csrf_failed"):
        return _render_assessments(plan, card, 400, posted=answers, notice=_expired_notice())
    try:
        saved = service.save_assessments(db.session(), plan_id, current_user.id,
                                         card.checklist_id, scored, answers,
                                         skip_blank=criterion is None)
    except service.AssessmentsInvalid as problem:
        return _render_assessments(plan, card, 400, posted=answers, errors=problem.errors)
    if len(saved) == 1:
        flash(_("Your assessment of %(id)s is saved.", id=saved[0]))
    elif saved:
        flash(ngettext("Your assessment of %(num)s criterion is saved.",
                       "Your assessments of %(num)s criteria are saved.", len(saved)))
    else:
        flash(_("Nothing had changed since your last save, so there was nothing to save."))
    # Back where the button pressed was: the criterion, or the area whose Save it was.
    area = request.form.get("area")
    anchor = (f"criterion-{criterion}" if criterion is not None else
              f"area-{area}" if area in {a.id for a in card.areas} else None)
    return redirect(url_for(".assessments", plan_id=plan_id, _anchor=anchor))
