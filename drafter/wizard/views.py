"""The wizard's pages: the task list, one page per section, item pages, check your plan.

URL table (all under /plans/<plan_id>):
    GET        ""                          task list of sections with their status
    GET        /check                      "Check your plan": every section, with change links
    GET        /export.json                the plan as JSON
    GET, POST  /<section>                  one step (Post/Redirect/Get after each save; a
                                           form kept at a log-out comes back on GET)
    POST       /<section>/resolve          a conflict resolved, difference by difference
    GET, POST  /<section>/new              a new item of a long list (action, indicator, ...)
    GET, POST  /<section>/<item_id>        one item
    GET, POST  /<section>/<item_id>/delete confirm, then delete an item
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from pydantic import ValidationError
from wtforms import FieldList

from .. import db
from ..access import may
from ..plan.completeness import missing_for_completion, missing_in_item
from ..plan.schema import SECTION_MODELS
from ..plan.store import ConflictError, PlanStore, PlanTooLarge
from ..plan.transfer import MAX_IMPORT_BYTES, describe_errors, export_json
from ..review import service as review
from ..scorecard.service import plan_scorecard, section_gaps
from ..web.downloads import attachment
from ..web.loading import plan_or_404
from ..web.security import ascii_int
from . import conflicts, editing, pending, removal
from .binding import bind
from .steps import BY_KEY, STEPS, next_step, previous_step
from .summary import item_summary, section_summary

bp = Blueprint("wizard", __name__, url_prefix="/plans/<int:plan_id>")

LOCKED_NOTICE = _l(
    "The trainer has locked editing, so this was not saved. Everything you typed is still "
    "here: copy what you want to keep, or save it once the trainer unlocks editing.")
KEPT_NOTICE = _l(
    "Not saved yet: what you typed before you were logged out is back; check it and save.")


def _store() -> PlanStore:
    return PlanStore(db.session())


def _step(section: str):
    step = BY_KEY.get(section)
    if step is None:
        abort(404)
    return step


def _posted_version(text: str | None) -> int:
    """The version the form was opened at. Anything but ASCII digits reads as 0, "before
    the first save", which is a conflict once anything is saved: never a guess."""
    return ascii_int(text) or 0


def _too_large() -> str:
    return _("This change was not saved: it would make the plan larger than %(size)s MB, "
             "the most a plan file may be. Shorten or remove some text, here or in "
             "another section, then save again.", size=MAX_IMPORT_BYTES // (1024 * 1024))


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
    text = export_json(plan.document, plan.statuses)  # with each section's status
    return attachment(text.encode("utf-8"), "application/json", f"nap-plan-{plan_id}.json")


# --- one step ---------------------------------------------------------------------

def _panel(plan, step) -> dict:
    """What the score panel beside a page needs: the scorecard and this section's gaps."""
    card = plan_scorecard(plan)
    return {"card": card, "gaps": section_gaps(card, step.key) if step else []}


def _read_only() -> bool:
    """Whether the page shows the saved text rather than a form: for those who may only
    read (a plan locked by the trainer still shows its form, to copy from)."""
    return not may("edit") and not g.get("locked")


def _render_step(plan, step, form, status=200, notice=None):
    editing.fill_choices(form, plan.view)
    section = plan.sections[step.key]
    items = getattr(section.data, step.collection.attribute) if step.collection else []
    saved = [row for row in section_summary(step, plan.view)
             if not step.collection or row.name != step.collection.attribute] \
        if _read_only() else None
    return render_template(step.template, plan=plan, step=step, form=form, items=items,
                           notice=notice, previous=previous_step(step.key),
                           document=plan.view, saved=saved, **_panel(plan, step),
                           threads=review.threads(db.session(), plan.id, step.key)), status


def _row_command(formdata) -> tuple[str, str] | None:
    """("add", list) or ("remove", "list-index") when a row button was pressed."""
    for command in ("add_row", "remove_row"):
        if command in formdata:
            return command, formdata[command]
    return None


def _remove_row(form, command) -> None:
    """A row's "Remove" pressed without the page's script: the row leaves the form."""
    if command and command[0] == "remove_row":
        name, _sep, index = command[1].rpartition("-")
        rows = _rows(form, name)
        position = ascii_int(index, len(rows.entries) - 1) if rows else None
        if position is not None:
            rows.entries.pop(position)


def _kept_form() -> object | None:
    """The form this person posted here after their log-in ended, if one was kept for
    them (and they may still edit the plan)."""
    return pending.take(db.session(), current_user.id) if may("edit") else None


@bp.route("/<section>", methods=["GET", "POST"])
def step(plan_id: int, section: str):
    step = _step(section)
    plan = plan_or_404(plan_id)
    state = plan.sections[step.key]
    if request.method == "GET":
        kept = _kept_form()
        if kept is not None:
            form = editing.step_form(step, state.data, state.version, state.status, kept)
            command = _row_command(kept)
            _remove_row(form, command)
            if command and command[0] == "add_row" and (rows := _rows(form, command[1])):
                rows.append_entry()
            return _render_step(plan, step, form, notice=KEPT_NOTICE)
        form = editing.step_form(step, state.data, state.version, state.status)
        editing.carry_over(form, step, plan.view)
        add = request.args.get("add")
        if (rows := _rows(form, add or "")) is not None:
            rows.append_entry()
        return _render_step(plan, step, form)

    form = editing.step_form(step, state.data, state.version, state.status, request.form)
    if g.get("csrf_failed"):
        return _render_step(plan, step, form, 400, notice=_(
            "Your session had expired, so nothing was saved yet. Everything you typed is "
            "still here: press a save button again."))
    if g.get("locked"):
        return _render_step(plan, step, form, 423, notice=LOCKED_NOTICE)
    command = _row_command(request.form)
    _remove_row(form, command)
    editing.fill_choices(form, plan.view)
    held = removal.held_rows(step, form, state.data, plan.view)
    if held and request.form.get("unlink") != "confirm":
        return _held(plan, step, form, state.data, held)
    model = bind(form, SECTION_MODELS[step.key], base=state.data)
    if model is None:
        if command and command[0] == "add_row" and (rows := _rows(form, command[1])):
            rows.append_entry()
        return _render_step(plan, step, form, 400)

    complete = bool(form.complete.data)
    if "add_item" in request.form and step.collection and model == state.data \
            and complete == (state.status == "complete"):
        return redirect(url_for(".item", plan_id=plan_id, section=step.key))  # nothing to save
    missing = missing_for_completion(step.key, model) if complete else []
    try:
        _store().save_section(plan_id, step.key, model, _posted_version(form.version.data),
                              complete=complete and not missing, user_id=current_user.id)
    except ConflictError as conflict:
        return _conflict(plan, step, model, conflict)
    except PlanTooLarge:
        form.form_errors.append(_too_large())
        return _render_step(plan, step, form, 400)
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
    if "add_item" in request.form and step.collection:
        # "Add a consultation event" saves what was typed on the page, then opens the event.
        flash(_("Your changes to “%(title)s” are saved.", title=step.title))
        return redirect(url_for(".item", plan_id=plan_id, section=step.key))
    if "later" in request.form:
        flash(_("Your changes to “%(title)s” are saved. You can come back to them at any time.",
                title=step.title))
        return redirect(url_for(".tasklist", plan_id=plan_id))
    following = next_step(step.key)
    flash(_("Saved “%(title)s”.", title=step.title))
    if following is None:
        return redirect(url_for(".check", plan_id=plan_id))
    return redirect(url_for(".step", plan_id=plan_id, section=following.key))


def _held(plan, step, form, saved, held):
    """A save that would remove rows others refer to (an objective actions name): first
    a page naming what will be unlinked, which posts everything back to confirm; or, if
    the person chose to keep them, the form again with those rows put back."""
    if request.form.get("unlink") == "back":
        removal.put_back(form, saved, held)
        return _render_step(plan, step, form, notice=_(
            "Nothing is saved yet. What you were removing is back; everything else you "
            "typed is as you left it."))
    posted = [(name, value) for name, values in request.form.lists() for value in values
              if name not in ("csrf_token", "unlink")]
    return render_template("wizard/remove_rows.html", plan=plan, step=step, held=held,
                           posted=posted)


def _rows(form, name: str) -> FieldList | None:
    """The form's list of rows called `name` (a row button names one), if it has one."""
    field = form._fields.get(name)
    return field if isinstance(field, FieldList) else None


def _conflict(plan, step, mine, conflict: ConflictError, base: int | None = None,
              differences=None, problems=(), status=409):
    """Both versions, difference by difference, to choose from. `base` is the version the
    person's own was edited from (the one their form was opened at)."""
    base = conflict.expected if base is None else base
    if differences is None:
        differences = conflicts.differences(
            step, plan.view, conflict.current, mine,
            _store().load_version(plan.id, step.key, base))
    document = plan.document
    return render_template(
        "wizard/conflict.html", plan=plan, step=step, version=conflict.current_version,
        base=base, differences=differences, problems=problems,
        theirs=section_summary(step, document.model_copy(update={step.key: conflict.current})),
        mine=section_summary(step, document.model_copy(update={step.key: mine})),
        payload=mine.model_dump_json()), status


@bp.post("/<section>/resolve")
def resolve(plan_id: int, section: str):
    """A conflict resolved: the section made from the person's choice for each difference
    (or their own version whole), saved over the version the choices were made against."""
    step = _step(section)
    plan = plan_or_404(plan_id)
    try:
        # pydantic's own JSON reader: it has a depth limit, where json.loads would run
        # out of stack on a payload of "[" a hundred thousand deep.
        mine = SECTION_MODELS[step.key].model_validate_json(request.form.get("payload", ""))
    except ValidationError:
        flash(_("That choice could not be read; please make your change again."), "error")
        return redirect(url_for(".step", plan_id=plan_id, section=step.key))
    version = _posted_version(request.form.get("version"))
    base = ascii_int(request.form.get("base") or "")
    saved = plan.sections[step.key]
    shown = ConflictError(step.key, version, saved.version, saved.data)
    if saved.version != version:  # saved again since the choices were shown: show them again
        return _conflict(plan, step, mine, shown, base)
    merged, differences, problems = conflicts.choose(step, plan.view, saved.data, mine,
                                                     request.form)
    if merged is None:
        return _conflict(plan, step, mine, shown, base, differences, problems, 400)
    try:
        _store().save_section(plan_id, step.key, merged, version, user_id=current_user.id)
    except ConflictError as conflict:
        return _conflict(plan, step, mine, conflict, base)
    except PlanTooLarge:
        flash(_too_large(), "error")
        return redirect(url_for(".step", plan_id=plan_id, section=step.key))
    if merged is mine:
        flash(_("Your version of “%(title)s” is saved.", title=step.title))
    else:
        flash(_("“%(title)s” is saved with what you chose to keep.", title=step.title))
    return redirect(url_for(".step", plan_id=plan_id, section=step.key))


# --- items of long lists ------------------------------------------------------------

def _collection_step(section: str):
    step = _step(section)
    if step.collection is None:
        abort(404)
    return step


def _render_item(plan, step, form, item_id, status=200, notice=None):
    editing.fill_choices(form, plan.view)
    saved = None
    if _read_only():
        item = editing.find_item(plan.sections[step.key].data, step, item_id) if item_id else None
        saved = item_summary(step, item, plan.view) if item is not None else []
    return render_template("wizard/item.html", plan=plan, step=step, form=form, saved=saved,
                           item_id=item_id, notice=notice,
                           **_panel(plan, step)), status


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
        kept = _kept_form()
        if kept is not None:
            form = editing.item_form(step, existing, state.version, kept)
            return _render_item(plan, step, form, item_id, notice=KEPT_NOTICE)
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
        _store().save_section(plan_id, step.key, section_model, _posted_version(form.version.data),
                              complete=False, user_id=current_user.id)
    except ConflictError as conflict:
        return _conflict(plan, step, section_model, conflict)
    except ValidationError as exc:  # the item breaks a rule of the whole section
        form.form_errors.extend(describe_errors(exc))
        return _render_item(plan, step, form, item_id, 400)
    except PlanTooLarge:
        form.form_errors.append(_too_large())
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
        unlinked = removal.unlinked(plan.view, (step.key, step.collection.attribute), existing)
        return render_template("wizard/delete_item.html", plan=plan, step=step, item=existing,
                               label=editing.row_name(existing), version=state.version,
                               unlinked=unlinked)
    remaining = editing.without_item(state.data, step, item_id)
    try:
        _store().save_section(plan_id, step.key, remaining,
                              _posted_version(request.form.get("version")),
                              complete=state.status == "complete", user_id=current_user.id)
    except ConflictError:
        flash(_("The list changed while you were looking at it. Check it and try again."), "error")
        return redirect(url_for(".step", plan_id=plan_id, section=step.key))
    flash(_("Deleted “%(label)s”.", label=editing.row_name(existing)))
    return redirect(url_for(".step", plan_id=plan_id, section=step.key, _anchor="items"))
