"""The wizard's pages: the task list, one page per section, item pages, check your plan.

URL table (all under /plans/<plan_id>):
    GET        ""                          task list of sections with their status
    GET        /check                      "Check your plan": every section, with change links
    GET        /export.json                the plan as JSON
    GET, POST  /<section>                  one step (Post/Redirect/Get after each save)
    POST       /<section>/resolve          a conflict resolved by keeping one's own version
    GET, POST  /<section>/new              a new item of a long list (action, indicator, ...)
    GET, POST  /<section>/<item_id>        one item
    GET, POST  /<section>/<item_id>/delete confirm, then delete an item
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from pydantic import ValidationError

from .. import db
from ..plan.completeness import missing_for_completion, missing_in_item
from ..plan.schema import SECTION_MODELS
from ..plan.store import ConflictError, PlanStore
from ..plan.transfer import describe_errors, export_json
from ..review import service as review
from ..scorecard.service import plan_scorecard, section_gaps
from ..web.loading import plan_or_404
from . import editing
from .binding import bind
from .steps import BY_KEY, STEPS, next_step, previous_step
from .summary import section_summary

bp = Blueprint("wizard", __name__, url_prefix="/plans/<int:plan_id>")

LOCKED_NOTICE = _l(
    "The trainer has locked editing, so this was not saved. Everything you typed is still "
    "here: copy what you want to keep, or save it once the trainer unlocks editing.")


def _store() -> PlanStore:
    return PlanStore(db.session())


def _step(section: str):
    step = BY_KEY.get(section)
    if step is None:
        abort(404)
    return step


def _posted_version(form) -> int:
    try:
        return max(0, int(form.version.data or 0))
    except (TypeError, ValueError):
        return 0


@bp.get("")
def tasklist(plan_id: int):
    plan = plan_or_404(plan_id)
    return render_template("wizard/tasklist.html", plan=plan, steps=STEPS,
                           open_comments=review.open_counts(db.session(), plan_id),
                           **_panel(plan, None))


@bp.get("/check")
def check(plan_id: int):
    plan = plan_or_404(plan_id)
    document = plan.document
    summaries = [(step, plan.sections[step.key], section_summary(step, document))
                 for step in STEPS]
    return render_template("wizard/check.html", plan=plan, summaries=summaries)


@bp.get("/export.json")
def export(plan_id: int):
    plan = plan_or_404(plan_id)
    filename = f"nap-plan-{plan_id}.json"
    return Response(export_json(plan.document), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


# --- one step ---------------------------------------------------------------------

def _panel(plan, step) -> dict:
    """What the score panel beside a page needs: the scorecard and this section's gaps."""
    card = plan_scorecard(plan)
    return {"card": card, "gaps": section_gaps(card, step.key) if step else []}


def _render_step(plan, step, form, status=200, notice=None):
    editing.fill_choices(form, plan.view)
    section = plan.sections[step.key]
    items = getattr(section.data, step.collection.attribute) if step.collection else []
    return render_template(step.template, plan=plan, step=step, form=form, items=items,
                           notice=notice, previous=previous_step(step.key),
                           document=plan.view, **_panel(plan, step),
                           threads=review.threads(db.session(), plan.id, step.key)), status


def _row_command() -> tuple[str, str] | None:
    """("add", list) or ("remove", "list-index") when a row button was pressed."""
    for command in ("add_row", "remove_row"):
        if command in request.form:
            return command, request.form[command]
    return None


@bp.route("/<section>", methods=["GET", "POST"])
def step(plan_id: int, section: str):
    step = _step(section)
    plan = plan_or_404(plan_id)
    state = plan.sections[step.key]
    if request.method == "GET":
        form = editing.step_form(step, state.data, state.version, state.status)
        add = request.args.get("add")
        if add in form and hasattr(form[add], "append_entry"):
            form[add].append_entry()
        return _render_step(plan, step, form)

    form = editing.step_form(step, state.data, state.version, state.status, request.form)
    if g.get("csrf_failed"):
        return _render_step(plan, step, form, 400, notice=_(
            "Your session had expired, so nothing was saved yet. Everything you typed is "
            "still here: press a save button again."))
    if g.get("locked"):
        return _render_step(plan, step, form, 423, notice=LOCKED_NOTICE)
    command = _row_command()
    if command and command[0] == "remove_row":
        name, _sep, index = command[1].rpartition("-")
        if name in form and index.isdigit():
            entries = form[name].entries
            if int(index) < len(entries):
                entries.pop(int(index))
    editing.fill_choices(form, plan.view)
    model = bind(form, SECTION_MODELS[step.key], base=state.data)
    if model is None:
        if command and command[0] == "add_row" and command[1] in form:
            form[command[1]].append_entry()
        return _render_step(plan, step, form, 400)

    complete = bool(form.complete.data)
    missing = missing_for_completion(step.key, model) if complete else []
    try:
        _store().save_section(plan_id, step.key, model, _posted_version(form),
                              complete=complete and not missing, user_id=current_user.id)
    except ConflictError as conflict:
        return _conflict(plan, step, model, conflict)
    if missing:
        plan = plan_or_404(plan_id)
        form = editing.step_form(step, model, plan.sections[step.key].version, "in_progress")
        form.complete.data = True
        for name, message in missing:
            target = form[name] if name in form else None
            if target is None:
                form.form_errors.append(str(message))
            else:
                target.errors = list(target.errors) + [str(message)]
        return _render_step(plan, step, form, 400, notice=_(
            "Your changes are saved, but the section cannot be marked complete yet."))

    if command and command[0] == "add_row":
        return redirect(url_for(".step", plan_id=plan_id, section=step.key, add=command[1],
                                _anchor=command[1]))
    if command:
        return redirect(url_for(".step", plan_id=plan_id, section=step.key, _anchor=command[1]
                                .rpartition("-")[0]))
    if "later" in request.form:
        flash(_("Your changes to “%(title)s” are saved. You can come back to them at any time.",
                title=step.title))
        return redirect(url_for(".tasklist", plan_id=plan_id))
    following = next_step(step.key)
    flash(_("Saved “%(title)s”.", title=step.title))
    if following is None:
        return redirect(url_for(".check", plan_id=plan_id))
    return redirect(url_for(".step", plan_id=plan_id, section=following.key))


def _conflict(plan, step, mine, conflict: ConflictError):
    document = plan.document
    theirs_doc = document.model_copy(update={step.key: conflict.current})
    mine_doc = document.model_copy(update={step.key: mine})
    return render_template(
        "wizard/conflict.html", plan=plan, step=step, version=conflict.current_version,
        theirs=section_summary(step, theirs_doc), mine=section_summary(step, mine_doc),
        payload=mine.model_dump_json()), 409


@bp.post("/<section>/resolve")
def resolve(plan_id: int, section: str):
    """Keep one's own version after a conflict: save it over the version now stored."""
    step = _step(section)
    plan = plan_or_404(plan_id)
    try:
        mine = SECTION_MODELS[step.key].model_validate(json.loads(request.form.get("payload", "")))
        version = int(request.form.get("version", ""))
    except ValueError:
        flash(_("That choice could not be read; please make your change again."), "error")
        return redirect(url_for(".step", plan_id=plan_id, section=step.key))
    try:
        _store().save_section(plan_id, step.key, mine, version, user_id=current_user.id)
    except ConflictError as conflict:
        return _conflict(plan, step, mine, conflict)
    flash(_("Your version of “%(title)s” is saved.", title=step.title))
    return redirect(url_for(".step", plan_id=plan_id, section=step.key))


# --- items of long lists ------------------------------------------------------------

def _collection_step(section: str):
    step = _step(section)
    if step.collection is None:
        abort(404)
    return step


def _render_item(plan, step, form, item_id, status=200, notice=None):
    editing.fill_choices(form, plan.view)
    return render_template("wizard/item.html", plan=plan, step=step, form=form,
                           item_id=item_id, notice=notice, **_panel(plan, step)), status


@bp.route("/<section>/new", methods=["GET", "POST"], defaults={"item_id": None})
@bp.route("/<section>/<item_id>", methods=["GET", "POST"])
def item(plan_id: int, section: str, item_id: str | None):
    step = _collection_step(section)
    plan = plan_or_404(plan_id)
    state = plan.sections[step.key]
    existing = editing.find_item(state.data, step, item_id) if item_id else None
    if item_id and existing is None:
        abort(404)
    if request.method == "GET":
        form = editing.item_form(step, existing, state.version)
        return _render_item(plan, step, form, item_id)

    form = editing.item_form(step, existing, state.version, request.form)
    if g.get("csrf_failed"):
        return _render_item(plan, step, form, item_id, 400, notice=_(
            "Your session had expired, so nothing was saved yet. Everything you typed is "
            "still here: press save again."))
    if g.get("locked"):
        return _render_item(plan, step, form, item_id, 423, notice=LOCKED_NOTICE)
    editing.fill_choices(form, plan.view)
    model_class = editing.item_model(step)
    new_item = bind(form, model_class, base=existing or model_class())
    if new_item is not None:
        missing = missing_in_item(step.key, step.collection.attribute, new_item)
        for name, message in missing:
            form[name].errors = list(form[name].errors) + [str(message)]
        if missing:
            new_item = None
    if new_item is None:
        return _render_item(plan, step, form, item_id, 400)
    section_model = editing.with_item(state.data, step, new_item)
    try:
        section_model = SECTION_MODELS[step.key].model_validate(section_model.model_dump())
        _store().save_section(plan_id, step.key, section_model, _posted_version(form),
                              complete=False, user_id=current_user.id)
    except ConflictError as conflict:
        return _conflict(plan, step, section_model, conflict)
    except ValidationError as exc:  # the item breaks a rule of the whole section
        form.form_errors.extend(describe_errors(exc))
        return _render_item(plan, step, form, item_id, 400)
    flash(_("Saved the %(noun)s.", noun=step.collection.noun))
    if "another" in request.form:
        return redirect(url_for(".item", plan_id=plan_id, section=step.key))
    return redirect(url_for(".step", plan_id=plan_id, section=step.key, _anchor="items"))


@bp.route("/<section>/<item_id>/delete", methods=["GET", "POST"])
def delete_item(plan_id: int, section: str, item_id: str):
    step = _collection_step(section)
    plan = plan_or_404(plan_id)
    state = plan.sections[step.key]
    existing = editing.find_item(state.data, step, item_id)
    if existing is None:
        abort(404)
    if request.method == "GET":
        return render_template("wizard/delete_item.html", plan=plan, step=step, item=existing,
                               label=editing.row_label(existing), version=state.version)
    remaining = editing.without_item(state.data, step, item_id)
    try:
        version = int(request.form.get("version", "0"))
        _store().save_section(plan_id, step.key, remaining, version,
                              complete=state.status == "complete", user_id=current_user.id)
    except (ConflictError, ValueError):
        flash(_("The list changed while you were looking at it. Check it and try again."), "error")
        return redirect(url_for(".step", plan_id=plan_id, section=step.key))
    flash(_("Deleted “%(label)s”.", label=editing.row_label(existing)))
    return redirect(url_for(".step", plan_id=plan_id, section=step.key, _anchor="items"))
