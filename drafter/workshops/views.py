"""Workshop pages: the trainer's workshops, dashboard and controls; joining a team.

URL table:
    GET        /workshops                          the workshops one runs
    GET, POST  /workshops/new                      start a workshop
    GET, POST  /join                               a participant types the code
    GET, POST  /join/<code>                        ... then chooses or names a team, and their name
    GET        /workshops/<id>                     the live dashboard (trainer only)
    GET        /workshops/<id>/teams               the dashboard's table, polled (ETag)
    GET        /workshops/<id>/compare?a=&b=       two teams side by side
    POST       /workshops/<id>/teams/add           add a team
    POST       /workshops/<id>/teams/max           change how many teams the workshop takes
    POST       /workshops/<id>/teams/<t>/rename    rename a team
    GET, POST  /workshops/<id>/teams/<t>/reset     confirm, then reset a team's plan
    GET, POST  /workshops/<id>/teams/<t>/remove    confirm, then remove a team and its plan
    POST       /workshops/<id>/lock, /unlock       stop and restart editing by every team
    GET, POST  /workshops/<id>/summary.pdf         the workshop summary (POST: try again)
    GET, POST  /workshops/<id>/debrief.zip         every team's gap report and the summary,
                                                   made on the task queue (drafter.jobs.web)

Every path that takes a code counts a wrong one, and refuses (429) an address that typed
too many (see `limits`).
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from .. import db
from ..auth import login
from ..jobs.web import Download, serve_report
from ..models import Workshop
from ..plan.schema import SECTION_MODELS
from ..plan.store import ConflictError
from ..reports.cache import cache_key
from ..scorecard.service import DEFAULT_CHECKLIST, available_checklists, checklist_for
from ..web.security import ascii_int
from ..wizard.steps import BY_KEY
from . import dashboard, debrief, service
from .forms import JoinForm, JoinTeamForm, MaxTeamsForm, NewWorkshopForm, TeamNameForm
from .service import Throttled, WorkshopError

bp = Blueprint("workshops", __name__)

NEW_TEAM = "new"  # the choose-team form's value for "A new team"


@bp.app_template_global()
def workshop_team(plan_id: int):
    """The workshop and team a plan's pages belong to, for their banner; None for a plan
    outside any workshop."""
    return service.team_of_plan(db.session(), plan_id,
                                current_user.id if current_user.is_authenticated else None)


def _workshop(workshop_id: int) -> Workshop:
    workshop = db.session().get(Workshop, workshop_id)
    if workshop is None:
        abort(404)
    return workshop


def _team(workshop: Workshop, team_id: int):
    team = service.get_team(db.session(), workshop.id, team_id)
    if team is None:
        abort(404)
    return team


def _too_many(page: str, refusal: Throttled) -> Response:
    response = make_response(page, 429)
    response.headers["Retry-After"] = str(refusal.retry_after)
    return response


def _expired() -> str:
    return _("Your session had expired, so nothing was done yet. Everything you typed is "
             "still here: press the button again.")


# --- the trainer's workshops -------------------------------------------------------------

@bp.get("/workshops")
def index():
    workshops = service.trainer_workshops(db.session(), current_user.id)
    joined = service.participant_teams(db.session(), current_user.id)
    return render_template("workshops/index.html", workshops=workshops, joined=joined)


def _new_form() -> NewWorkshopForm:
    form = NewWorkshopForm()
    form.scenario.choices = service.scenario_choices(db.session(), current_user.id)
    form.checklist.choices = [(info.id, info.name) for info in available_checklists()]
    if request.method == "GET":
        form.scenario.data = form.scenario.data or "sample:weak"
        form.checklist.data = form.checklist.data or DEFAULT_CHECKLIST
    return form


@bp.route("/workshops/new", methods=["GET", "POST"])
def new():
    if current_user.is_guest:
        flash(_("To run a workshop, sign up for an account of your own with your e-mail "
                "address: a workshop participant's quick account cannot."), "error")
        return redirect(url_for(".index"))
    form = _new_form()
    if request.method == "GET":
        return render_template("workshops/new.html", form=form)
    if g.get("csrf_failed"):
        return render_template("workshops/new.html", form=form, notice=_expired()), 400
    if form.validate():
        if form.checklist.data not in {value for value, _label in form.checklist.choices}:
            form.checklist.errors.append(_("Choose one of the checklists listed."))
        else:
            session_ = db.session()
            try:
                scenario = service.scenario_document(session_, form.scenario.data or "",
                                                     current_user.id)
                workshop = service.create_workshop(
                    session_, name=form.name.data, trainer_id=current_user.id,
                    scenario=scenario, checklist=form.checklist.data,
                    starts_on=form.starts_on.data, ends_on=form.ends_on.data)
            except WorkshopError as problem:
                form[problem.field or "scenario"].errors.append(str(problem))
            else:
                flash(_("Your workshop is ready. Show the participants its code: %(code)s",
                        code=workshop.code))
                return redirect(url_for(".dashboard_page", workshop_id=workshop.id))
    return render_template("workshops/new.html", form=form), 400


# --- joining -------------------------------------------------------------------------------

@bp.route("/join", methods=["GET", "POST"])
def join():
    form = JoinForm()
    if request.method == "GET":
        if request.args.get("code"):
            form.code.data = request.args["code"]
        return render_template("workshops/join.html", form=form)
    if g.get("csrf_failed"):
        return render_template("workshops/join.html", form=form, notice=_expired()), 400
    if form.validate():
        try:
            workshop = service.check_code(db.session(), form.code.data, request.remote_addr or "")
        except Throttled as refusal:
            form.code.errors.append(str(refusal))
            return _too_many(render_template("workshops/join.html", form=form), refusal)
        if workshop is not None:
            return redirect(url_for(".join_team", code=workshop.code))
        form.code.errors.append(_("No workshop has this code. Check it with the trainer."))
    return render_template("workshops/join.html", form=form), 400


def _team_form(workshop: Workshop) -> JoinTeamForm:
    form = JoinTeamForm()
    form.team.choices = [(str(team.id), team.name)
                         for team in service.teams(db.session(), workshop.id)]
    form.team.choices.append((NEW_TEAM, _("A new team")))
    if request.method == "GET" and len(form.team.choices) == 1:
        form.team.data = NEW_TEAM
    return form


@bp.route("/join/<code>", methods=["GET", "POST"])
def join_team(code: str):
    session_ = db.session()
    try:
        workshop = service.check_code(session_, code, request.remote_addr or "")
    except Throttled as refusal:
        # The code form, whether this code is right or not: nothing tells a guesser which.
        form = JoinForm(formdata=None, data={"code": code})
        form.code.errors = [str(refusal)]
        return _too_many(render_template("workshops/join.html", form=form), refusal)
    if workshop is None:
        flash(_("No workshop has this code. Check it with the trainer."), "error")
        return redirect(url_for(".join"))
    form = _team_form(workshop)
    render = lambda status=200, **extra: (render_template(  # noqa: E731
        "workshops/join_team.html", form=form, workshop=workshop, **extra), status)
    if request.method == "GET":
        return render()
    if g.get("csrf_failed"):
        return render(400, notice=_expired())
    if not form.team.data and (form.new_team.data or "").strip():
        # A new team's name typed without ticking "A new team": that is what they meant.
        form.team.data, form.team.raw_data = NEW_TEAM, [NEW_TEAM]
    # Every problem of the form at once, so that one correction is enough.
    valid = form.validate()
    choice = form.team.data
    guest = not current_user.is_authenticated
    if valid and choice == NEW_TEAM and not (form.new_team.data or "").strip():
        form.new_team.errors.append(_("Enter a name for your new team."))
    if valid and choice not in {value for value, _label in form.team.choices}:
        form.team.errors.append(_("That team is no longer in this workshop. Choose another."))
    if guest and not (form.your_name.data or "").strip():
        form.your_name.errors = list(form.your_name.errors) + [
            _("Enter your name, so that your team knows who changed what.")]
    if form.errors:
        return render(400)
    try:
        team, user = service.join(
            session_, workshop, None if guest else current_user._get_current_object(),
            guest_name=form.your_name.data or "",
            team_id=None if choice == NEW_TEAM else int(choice), new_team=form.new_team.data or "",
            address=request.remote_addr or "",
            joins_per_hour=current_app.config["WORKSHOP_JOINS_PER_HOUR"])
    except Throttled as refusal:
        form.form_errors.append(str(refusal))
        return _too_many(render()[0], refusal)
    except WorkshopError as problem:
        (form.new_team if choice == NEW_TEAM else form.team).errors.append(str(problem))
        return render(400)
    if guest:
        # A quick account has no password: it lives in this device's remember-me cookie.
        login.begin(user, remember=True)
    flash(_("Welcome to team “%(team)s”. This is your team's own copy of the plan: work "
            "through the sections in any order.", team=team.name))
    return redirect(url_for("wizard.tasklist", plan_id=team.plan_id))


# --- the dashboard -------------------------------------------------------------------------

def _sort() -> str:
    sort = request.args.get("sort", "name")
    return sort if sort in dashboard.SORTS else "name"


def _table_context(workshop: Workshop, rows: list | None = None) -> dict:
    """What the table of teams shows; `rows` when they were read already (unscored)."""
    session_ = db.session()
    rows = (dashboard.team_rows(session_, workshop) if rows is None
            else dashboard.score_rows(session_, workshop, rows))
    return {"rows": dashboard.sort_rows(rows, _sort()), "areas": dashboard.areas(workshop),
            "sort": _sort(), "section_count": len(SECTION_MODELS)}


def _dashboard(workshop: Workshop, team_form=None, max_form=None) -> str:
    """The dashboard, with the trainer's forms as posted when one of them came back."""
    return render_template("workshops/dashboard.html", workshop=workshop,
                           team_form=team_form or TeamNameForm(prefix="add"),
                           max_form=max_form or MaxTeamsForm(obj=workshop),
                           join_url=url_for(".join", _external=True),
                           checklist_name=checklist_for(workshop.checklist).name,
                           **_table_context(workshop))


@bp.get("/workshops/<int:workshop_id>")
def dashboard_page(workshop_id: int):
    return _dashboard(_workshop(workshop_id))


@bp.get("/workshops/<int:workshop_id>/teams")
def teams_table(workshop_id: int):
    """The dashboard's table alone, for the page's polling. Its ETag changes only when
    a team saves, joins or is renamed, or the lock changes: an unchanged poll is a 304."""
    workshop = _workshop(workshop_id)
    session_ = db.session()
    rows = dashboard.team_rows(session_, workshop, scored=False)
    tag = f"{dashboard.fingerprint(session_, workshop, rows)}-{_sort()}"
    if request.if_none_match.contains(tag):
        response = Response(status=304)
    else:
        response = Response(render_template("workshops/_teams.html", workshop=workshop,
                                            **_table_context(workshop, rows)))
    response.set_etag(tag)
    response.headers["Cache-Control"] = "no-cache, private"
    return response


@bp.get("/workshops/<int:workshop_id>/compare")
def compare(workshop_id: int):
    workshop = _workshop(workshop_id)
    rows = {row.id: row for row in dashboard.team_rows(db.session(), workshop)}
    picked = [rows.get(ascii_int(value))
              for value in (request.args.get("a", ""), request.args.get("b", ""))]
    comparison = None
    if all(picked) and picked[0].id != picked[1].id:
        comparison = dashboard.compare(*picked)
    elif request.args.get("a") or request.args.get("b"):
        flash(_("Choose two different teams to compare."), "error")
    return render_template("workshops/compare.html", workshop=workshop,
                           teams=sorted(rows.values(), key=lambda row: row.name.lower()),
                           a=picked[0], b=picked[1], comparison=comparison, steps=BY_KEY)


# --- the trainer's controls ----------------------------------------------------------------

def _back(workshop: Workshop):
    return redirect(url_for(".dashboard_page", workshop_id=workshop.id))


@bp.post("/workshops/<int:workshop_id>/teams/add")
def add_team(workshop_id: int):
    workshop = _workshop(workshop_id)
    form = TeamNameForm(prefix="add")
    if form.validate():
        try:
            team = service.add_team(db.session(), workshop, form.name.data)
        except WorkshopError as problem:
            form.name.errors.append(str(problem))
        else:
            flash(_("Added the team “%(name)s” with its own copy of the scenario.", name=team.name))
            return _back(workshop)
    elif g.get("csrf_failed"):
        form.name.errors.append(_expired())
    return _dashboard(workshop, team_form=form), 400


@bp.post("/workshops/<int:workshop_id>/teams/max")
def set_max_teams(workshop_id: int):
    workshop = _workshop(workshop_id)
    form = MaxTeamsForm()
    if form.validate():
        try:
            service.set_max_teams(db.session(), workshop, form.max_teams.data)
        except WorkshopError as problem:
            form.max_teams.errors.append(str(problem))
        else:
            flash(_("The workshop now takes at most %(n)s teams.", n=workshop.max_teams))
            return _back(workshop)
    return _dashboard(workshop, max_form=form), 400


@bp.post("/workshops/<int:workshop_id>/teams/<int:team_id>/rename")
def rename_team(workshop_id: int, team_id: int):
    workshop = _workshop(workshop_id)
    team = _team(workshop, team_id)
    form = TeamNameForm(prefix="rename")
    if form.validate():
        try:
            old = team.name
            service.rename_team(db.session(), team, form.name.data)
        except WorkshopError as problem:
            flash(str(problem), "error")
        else:
            flash(_("Renamed “%(old)s” to “%(new)s”.", old=old, new=team.name))
    else:
        flash("; ".join(str(error) for error in form.name.errors)
              or _("The name could not be changed. Try again."), "error")
    return _back(workshop)


@bp.route("/workshops/<int:workshop_id>/teams/<int:team_id>/reset", methods=["GET", "POST"])
def reset_team(workshop_id: int, team_id: int):
    workshop = _workshop(workshop_id)
    team = _team(workshop, team_id)
    if request.method == "POST":
        try:
            restored = service.reset_team(db.session(), workshop, team, current_user.id)
        except ConflictError:
            flash(_("Team “%(name)s” saved a section at that very moment, so nothing was "
                    "reset. Try again.", name=team.name), "error")
            return redirect(url_for(".reset_team", workshop_id=workshop.id, team_id=team.id))
        if restored.sections:
            flash(_("Team “%(name)s” starts again from the scenario. Their work before the "
                    "reset is kept in the plan's history.", name=team.name))
        else:
            flash(_("Team “%(name)s” had not changed the scenario: nothing to reset.",
                    name=team.name))
        return _back(workshop)
    return render_template("workshops/reset.html", workshop=workshop, team=team)


@bp.route("/workshops/<int:workshop_id>/teams/<int:team_id>/remove", methods=["GET", "POST"])
def remove_team(workshop_id: int, team_id: int):
    workshop = _workshop(workshop_id)
    team = _team(workshop, team_id)
    if request.method == "POST":
        name = team.name
        service.remove_team(db.session(), team)
        flash(_("Removed the team “%(name)s” and its plan.", name=name))
        return _back(workshop)
    members = service.team_members(db.session(), workshop.id).get(team.id, [])
    return render_template("workshops/remove.html", workshop=workshop, team=team,
                           members=members)


def _set_lock(workshop_id: int, locked: bool, message: str):
    workshop = _workshop(workshop_id)
    service.set_locked(db.session(), workshop, locked)
    flash(message)
    return _back(workshop)


@bp.post("/workshops/<int:workshop_id>/lock")
def lock(workshop_id: int):
    return _set_lock(workshop_id, True,
                     _("Editing is locked: teams can read their plans but not change them."))


@bp.post("/workshops/<int:workshop_id>/unlock")
def unlock(workshop_id: int):
    return _set_lock(workshop_id, False, _("Editing is open again for every team."))


# --- debrief -------------------------------------------------------------------------------

def _debrief_download(workshop: Workshop, what: str, ending: str, mimetype: str) -> Download:
    return Download(what, f"{debrief.file_stem(workshop)}-{ending}", mimetype,
                    {"workshop_id": workshop.id},
                    url_for("workshops.dashboard_page", workshop_id=workshop.id))


@bp.route("/workshops/<int:workshop_id>/summary.pdf", methods=["GET", "POST"])
def summary_pdf(workshop_id: int):
    workshop = _workshop(workshop_id)

    def build():
        data = debrief.summary_data(db.session(), workshop)
        return cache_key("workshop", data), {"data": data}, 1

    return serve_report(_debrief_download(workshop, _("workshop summary"), "summary.pdf",
                                          "application/pdf"), build)


@bp.route("/workshops/<int:workshop_id>/debrief.zip", methods=["GET", "POST"])
def debrief_zip(workshop_id: int):
    workshop = _workshop(workshop_id)

    def build():
        session = db.session()
        key = debrief.pack_key(session, workshop, debrief.summary_data(session, workshop))
        return key, {"workshop_id": workshop_id}, debrief.parts_count(session, workshop)

    return serve_report(_debrief_download(workshop, _("debrief pack"), "debrief.zip",
                                          "application/zip"), build)
