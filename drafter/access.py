"""The one access check every request passes through.

Each endpoint declares here what it needs, per HTTP method: nothing (`PUBLIC`), a logged-in
person (`LOGIN`), a permission on the plan named by the URL's `plan_id`, which the
person's role on that plan must grant, or being the trainer of the workshop named by the
URL's `workshop_id` (`TRAIN`).

A team's plan in a locked workshop is read-only to its participants: their role loses
EDIT while the lock holds. A wizard form posted then is shown again with everything typed
and a note (as for an expired session); any other edit is refused with a page that says
the trainer locked editing. Someone not logged in is sent to the log-in page; a wizard
form they posted is kept on the way, to come back after log-in (`drafter.wizard.pending`).
An endpoint missing from the table is refused:
a new route is closed until someone decides who may use it (and the access test, which
walks every URL rule, fails until the table says so).
"""

from __future__ import annotations

from flask import Flask, abort, g, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from . import db
from .models import Membership, Team, Workshop

PUBLIC, LOGIN, TRAIN = "public", "login", "train"
READ, COMMENT, ASSESS, RESOLVE, EDIT, MANAGE = "read", "comment", "assess", "resolve", "edit", "manage"

ROLES = {
    "owner": {READ, COMMENT, RESOLVE, EDIT, MANAGE},
    "editor": {READ, COMMENT, RESOLVE, EDIT},
    "reviewer": {READ, COMMENT, ASSESS},
    "viewer": {READ},
}
# Roles one can hold and roles the check can reduce someone to: a workshop participant
# (an editor) while the trainer has locked editing.
PERMISSIONS = {**ROLES, "locked_editor": {READ, COMMENT, RESOLVE}}
ROLE_LABELS = {
    "owner": _l("Owner"),
    "editor": _l("Editor"),
    "reviewer": _l("Reviewer (civil society)"),
    "viewer": _l("Viewer"),
}

# endpoint -> {method: need}; "*" stands for every method the route allows.
ENDPOINTS: dict[str, dict[str, str]] = {
    "static": {"*": PUBLIC},
    "ops.health": {"*": PUBLIC},
    "ops.favicon": {"*": PUBLIC},
    "help.glossary": {"*": PUBLIC},
    "help.scoring": {"*": PUBLIC},
    "language.choose": {"*": PUBLIC},
    "auth.login": {"*": PUBLIC},
    "auth.signup": {"*": PUBLIC},
    "auth.logout": {"*": LOGIN},
    "auth.change_password": {"*": LOGIN},
    "auth.devices": {"*": LOGIN},
    "auth.end_devices": {"*": LOGIN},
    "plans.index": {"*": LOGIN},
    "plans.new": {"*": LOGIN},
    "plans.import_plan": {"*": LOGIN},
    "plans.delete": {"*": MANAGE},
    "members.members": {"*": READ},
    "members.invite": {"*": MANAGE},
    "members.change_role": {"*": MANAGE},
    "members.remove": {"*": MANAGE},
    "members.accept": {"*": LOGIN},
    "wizard.tasklist": {"*": READ},
    "wizard.check": {"*": READ},
    "wizard.export": {"*": READ},
    "wizard.step": {"GET": READ, "POST": EDIT},
    "wizard.resolve": {"*": EDIT},
    "wizard.item": {"GET": READ, "POST": EDIT},
    "wizard.delete_item": {"*": EDIT},
    "scorecard.scorecard": {"*": READ},
    "scorecard.choose_checklist": {"*": EDIT},
    "reports.draft_pdf": {"*": READ},
    "reports.gap_report_pdf": {"*": READ},
    "reports.draft_docx": {"*": READ},
    "review.comments": {"*": READ},
    "review.section_comments": {"GET": READ, "POST": COMMENT},
    "review.reply": {"*": COMMENT},
    "review.resolve": {"*": RESOLVE},
    "review.reopen": {"*": RESOLVE},
    "review.assessments": {"*": READ},
    "review.assess": {"*": ASSESS},
    "history.history": {"*": READ},
    "history.save": {"*": EDIT},
    "history.revision": {"*": READ},
    "history.compare": {"*": READ},
    "history.restore": {"*": EDIT},
    "history.section": {"*": READ},
    "workshops.index": {"*": LOGIN},
    "workshops.new": {"*": LOGIN},
    "workshops.join": {"*": PUBLIC},
    "workshops.join_team": {"*": PUBLIC},
    "workshops.dashboard_page": {"*": TRAIN},
    "workshops.teams_table": {"*": TRAIN},
    "workshops.compare": {"*": TRAIN},
    "workshops.add_team": {"*": TRAIN},
    "workshops.set_max_teams": {"*": TRAIN},
    "workshops.rename_team": {"*": TRAIN},
    "workshops.reset_team": {"*": TRAIN},
    "workshops.remove_team": {"*": TRAIN},
    "workshops.lock": {"*": TRAIN},
    "workshops.unlock": {"*": TRAIN},
    "workshops.summary_pdf": {"*": TRAIN},
    "workshops.debrief_zip": {"*": TRAIN},
}
# Wizard forms that, posted while the workshop is locked, are shown again unsaved.
LOCKED_REDISPLAY = {"wizard.step", "wizard.item"}


def need_for(endpoint: str | None, method: str) -> str | None:
    rules = ENDPOINTS.get(endpoint or "")
    if rules is None:
        return None
    if method == "HEAD":
        method = "GET"
    return rules.get(method, rules.get("*"))


def role_on(plan_id: int, user_id: int) -> str | None:
    return db.session().scalar(select(Membership.role).where(
        Membership.plan_id == plan_id, Membership.user_id == user_id))


def role_and_lock(plan_id: int, user_id: int) -> tuple[str | None, bool]:
    """The person's role on the plan, and whether the plan is a team's in a locked
    workshop (one query: this runs on every request about a plan)."""
    row = db.session().execute(
        select(Membership.role, Workshop.locked)
        .outerjoin(Team, Team.plan_id == Membership.plan_id)
        .outerjoin(Workshop, Workshop.id == Team.workshop_id)
        .where(Membership.plan_id == plan_id, Membership.user_id == user_id)).first()
    return (row[0], bool(row[1])) if row else (None, False)


def is_trainer(workshop_id: int, user_id: int) -> bool:
    return db.session().scalar(select(Workshop.trainer_id).where(
        Workshop.id == workshop_id)) == user_id


def can(permission: str, role: str | None) -> bool:
    return role is not None and permission in PERMISSIONS.get(role, set())


def may(permission: str) -> bool:
    """Whether the person's role on the plan of this page allows `permission`
    ("edit", "comment", "resolve", "assess", "manage"): templates show only the forms
    and buttons one may use (the check above still guards every request)."""
    return can(permission, g.get("role"))


def init_app(app: Flask) -> None:
    app.add_template_global(may)

    @app.before_request
    def _check_access():
        if request.endpoint is None:  # no route matched: let the 404 or 405 through
            return None
        need = need_for(request.endpoint, request.method)
        if need is None:
            app.logger.error("Refused %s %s: the endpoint %s is not in the access table",
                             request.method, request.path, request.endpoint)
            abort(403)
        if need == PUBLIC:
            return None
        if not current_user.is_authenticated:
            response = redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if request.method == "POST":
                # A wizard form sent after the log-in ended: kept for its author, to be
                # shown again after logging in (drafter.wizard.pending).
                from .wizard import pending

                pending.keep(db.session(), response)
            return response
        if need == LOGIN:
            return None
        args = request.view_args or {}
        if need == TRAIN:
            workshop_id = args.get("workshop_id")
            if workshop_id is None or not is_trainer(workshop_id, current_user.id):
                abort(403)
            return None
        plan_id = args.get("plan_id")
        role, locked = role_and_lock(plan_id, current_user.id) if plan_id is not None else (None, False)
        if locked and role == "editor":
            g.locked = True
            role = "locked_editor"
        g.role = role
        if can(need, role):
            return None
        if locked and can(need, "editor"):
            if request.endpoint in LOCKED_REDISPLAY:
                return None  # the view shows the form again, saving nothing
            abort(423)
        abort(403)
