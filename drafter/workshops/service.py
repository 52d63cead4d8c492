"""Workshops as a service the views, the CLI, the benchmarks and the tests share.

Roles on a team's plan: every participant of the team is an editor; the trainer is a
reviewer, so that opening a team's plan from the dashboard shows it read-only (and lets
the trainer leave comments). Nobody owns a team plan: nobody can invite others into it,
so the join code is the only way in, and it only ever leads into one's own team.

A locked workshop turns its participants' editing off (see `drafter.access`); the
trainer's reset brings one team's plan back to the scenario, through the same restore
the history uses, so the team's work before the reset is kept as a revision.

Whoever holds a code could fill a workshop with teams: it takes at most its `max_teams`.
Wrong codes and joins are also limited per address (`drafter.workshops.limits`).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..history.service import Restored, restore_document
from ..models import Membership, Plan, Team, User, Workshop, utcnow
from ..paths import resource
from ..plan.schema import PlanDocument
from ..plan.store import PlanStore
from ..plan.transfer import export_json, parse_document
from . import limits
from .limits import Throttled  # noqa: F401 - raised by `join` and `check_code`

# Codes are read aloud and copied from a projector: no 0/O, 1/I/L, and case does not matter.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
TEAM_NAME_MAX = 100
WORKSHOP_NAME_MAX = 200
PARTICIPANT_ROLE, TRAINER_ROLE = "editor", "reviewer"
GUEST_DOMAIN = "workshop.invalid"
SAMPLE_SCENARIOS = {"sample:weak": "weak-plan.json", "sample:strong": "strong-plan.json"}
EMPTY_SCENARIO = "empty"
MOST_TEAMS_ALLOWED = 200  # the highest `max_teams` a trainer can set


class WorkshopError(ValueError):
    """Something a trainer or participant asked for that cannot be done; the message says
    why, in words for them, and `field` names the form field it is about, if one is."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass
class TeamInfo:
    """What a page about a team's plan shows of its workshop."""
    team_id: int
    team_name: str
    workshop_id: int
    workshop_name: str
    locked: bool
    trainer: bool = False  # whether the person looking is the workshop's trainer


def normalise_code(code: str) -> str:
    """What someone typed as a code, as stored: capitals, without spaces or hyphens."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def clean_team_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise WorkshopError(_("Enter a team name."))
    if len(name) > TEAM_NAME_MAX:
        raise WorkshopError(_("A team name can be up to %(n)s characters.", n=TEAM_NAME_MAX))
    return name


# --- scenarios -----------------------------------------------------------------------------

def scenario_document(session: Session, choice: str, user_id: int) -> PlanDocument:
    """The document a workshop starts every team from: an empty plan, a sample plan, or a
    copy of one of the trainer's own plans (as it is now)."""
    from ..web.security import ascii_int  # "plan:<id>": ASCII digits, an id a column holds

    if choice == EMPTY_SCENARIO:
        return PlanDocument()
    if choice in SAMPLE_SCENARIOS:
        return parse_document((resource("samples") / SAMPLE_SCENARIOS[choice]).read_bytes())
    plan_id = ascii_int(choice[5:]) if choice.startswith("plan:") else None
    if plan_id is not None:
        if session.scalar(select(Membership.role).where(
                Membership.plan_id == plan_id, Membership.user_id == user_id)) is not None:
            return PlanStore(session).load(plan_id).document
    raise WorkshopError(_("Choose one of the scenarios listed."), "scenario")


def _new_code(session: Session) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if session.scalar(select(Workshop.id).where(Workshop.code == code)) is None:
            return code


def create_workshop(session: Session, *, name: str, trainer_id: int, scenario: PlanDocument,
                    checklist: str, starts_on: dt.date | None = None,
                    ends_on: dt.date | None = None) -> Workshop:
    if starts_on and ends_on and ends_on < starts_on:
        raise WorkshopError(_("The last day cannot be before the first day."), "ends_on")
    workshop = Workshop(name=name.strip()[:WORKSHOP_NAME_MAX], code=_new_code(session),
                        starts_on=starts_on, ends_on=ends_on, checklist=checklist,
                        scenario_title=(scenario.about.title
                                        or scenario.about.country_or_organisation)[:500],
                        scenario=export_json(scenario), trainer_id=trainer_id)
    session.add(workshop)
    session.commit()
    return workshop


def scenario_of(workshop: Workshop) -> PlanDocument:
    return parse_document(workshop.scenario)


# --- reading -------------------------------------------------------------------------------

def trainer_workshops(session: Session, user_id: int) -> list[Workshop]:
    return list(session.scalars(select(Workshop).where(Workshop.trainer_id == user_id)
                                .order_by(Workshop.created_at.desc(), Workshop.id.desc())))


def find_by_code(session: Session, code: str) -> Workshop | None:
    code = normalise_code(code)
    if not code:
        return None
    return session.scalars(select(Workshop).where(Workshop.code == code)).one_or_none()


def teams(session: Session, workshop_id: int) -> list[Team]:
    return list(session.scalars(select(Team).where(Team.workshop_id == workshop_id)
                                .order_by(Team.created_at, Team.id)))


def get_team(session: Session, workshop_id: int, team_id: int) -> Team | None:
    team = session.get(Team, team_id)
    return team if team is not None and team.workshop_id == workshop_id else None


def team_members(session: Session, workshop_id: int) -> dict[int, list[str]]:
    """The participants' names of every team, by team id."""
    rows = session.execute(
        select(Team.id, User.name).join(Membership, Membership.plan_id == Team.plan_id)
        .join(User, User.id == Membership.user_id)
        .where(Team.workshop_id == workshop_id, Membership.role == PARTICIPANT_ROLE)
        .order_by(User.name))
    members: dict[int, list[str]] = {}
    for team_id, name in rows:
        members.setdefault(team_id, []).append(name)
    return members


def team_of_plan(session: Session, plan_id: int, user_id: int | None = None) -> TeamInfo | None:
    row = session.execute(
        select(Team.id, Team.name, Workshop.id, Workshop.name, Workshop.locked,
               Workshop.trainer_id)
        .join(Workshop, Workshop.id == Team.workshop_id).where(Team.plan_id == plan_id)).first()
    if row is None:
        return None
    return TeamInfo(*row[:5], trainer=user_id is not None and row[5] == user_id)


def trained_team_plans(session: Session, user_id: int) -> set[int]:
    """The plans of the teams in this trainer's workshops (kept off their own plan list:
    the dashboard is where they follow them)."""
    return set(session.scalars(select(Team.plan_id).join(
        Workshop, Workshop.id == Team.workshop_id).where(Workshop.trainer_id == user_id)))


def participant_teams(session: Session, user_id: int) -> list[tuple[Team, Workshop]]:
    """The teams this person drafts in, newest first (for their home page)."""
    rows = session.execute(
        select(Team, Workshop).join(Workshop, Workshop.id == Team.workshop_id)
        .join(Membership, Membership.plan_id == Team.plan_id)
        .where(Membership.user_id == user_id, Membership.role == PARTICIPANT_ROLE)
        .order_by(Team.created_at.desc()))
    return [(team, workshop) for team, workshop in rows]


# --- teams ---------------------------------------------------------------------------------

def _team_named(session: Session, workshop_id: int, name: str) -> Team | None:
    return session.scalars(select(Team).where(
        Team.workshop_id == workshop_id,
        func.lower(Team.name) == name.lower())).first()


def team_count(session: Session, workshop_id: int) -> int:
    return session.scalar(select(func.count(Team.id)).where(Team.workshop_id == workshop_id)) or 0


def _hold(session: Session, workshop_id: int) -> None:
    """Make other requests wait to add a team to this workshop (or change its cap) until
    this transaction ends, so that a count of its teams stays true until the new one is in."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(Workshop.id).where(Workshop.id == workshop_id).with_for_update())
    else:
        # SQLite has no row locks: a transaction's first write takes the database's one
        # write lock, and an update that changes nothing is such a write.
        session.execute(update(Workshop).where(Workshop.id == workshop_id)
                        .values(max_teams=Workshop.max_teams)
                        .execution_options(synchronize_session=False))


def _refuse_past_the_cap(session: Session, workshop_id: int, by_participant: bool) -> None:
    limit = session.scalar(select(Workshop.max_teams).where(Workshop.id == workshop_id))
    if team_count(session, workshop_id) < limit:
        return
    if by_participant:
        raise WorkshopError(_("This workshop has its %(n)s teams: join one of them, or ask "
                              "the trainer.", n=limit))
    raise WorkshopError(_("This workshop has its %(n)s teams, as many as it takes. To add "
                          "another, raise the number under “How many teams” first.", n=limit))


def add_team(session: Session, workshop: Workshop, name: str, *,
             by_participant: bool = False) -> Team:
    """A new team with its own copy of the scenario; the trainer reviews its plan. Refused
    once the workshop has its `max_teams` (in words for a participant if `by_participant`)."""
    name = clean_team_name(name)
    if _team_named(session, workshop.id, name) is not None:
        raise WorkshopError(_("There is already a team called “%(name)s”.", name=name))
    _refuse_past_the_cap(session, workshop.id, by_participant)  # before anything is written
    store = PlanStore(session)
    plan_id = store.create_plan(scenario_of(workshop), checklist=workshop.checklist)
    try:
        # Counted again with the workshop held: the plan's copy took a moment, and other
        # joins may have added teams meanwhile (the plan commits on its own, so the hold
        # can only start after it).
        _hold(session, workshop.id)
        _refuse_past_the_cap(session, workshop.id, by_participant)
    except WorkshopError:
        session.rollback()
        store.delete_plan(plan_id)
        raise
    plan = session.get(Plan, plan_id)
    plan.title = _team_title(workshop.scenario_title, name)
    team = Team(workshop_id=workshop.id, name=name, plan_id=plan_id)
    session.add(team)
    if workshop.trainer_id is not None:
        session.add(Membership(plan_id=plan_id, user_id=workshop.trainer_id, role=TRAINER_ROLE))
    try:
        session.commit()
    except IntegrityError:
        # Two people created the same team at the same moment: the other one won.
        session.rollback()
        store.delete_plan(plan_id)
        raise WorkshopError(_("There is already a team called “%(name)s”.", name=name)) from None
    return team


def set_max_teams(session: Session, workshop: Workshop, max_teams: int) -> None:
    """The trainer's cap on the workshop's teams; never below the teams it has."""
    if not 1 <= max_teams <= MOST_TEAMS_ALLOWED:
        raise WorkshopError(_("Enter a number of teams from 1 to %(most)s.",
                              most=MOST_TEAMS_ALLOWED), "max_teams")
    _hold(session, workshop.id)  # no team joins between the count and the change
    count = team_count(session, workshop.id)
    if max_teams < count:
        session.rollback()
        raise WorkshopError(ngettext(
            "This workshop has %(num)s team already, so it cannot take fewer. Remove a "
            "team first if it was started by mistake.",
            "This workshop has %(num)s teams already, so it cannot take fewer. Remove "
            "teams first if some were started by mistake.", count), "max_teams")
    workshop.max_teams = max_teams
    session.commit()


def _team_title(scenario_title: str, team_name: str) -> str:
    """A team plan's title until the team writes its own: the scenario's, and the team."""
    return f"{scenario_title or _('Plan')} – {team_name}"[:500]


def rename_team(session: Session, team: Team, name: str) -> None:
    name = clean_team_name(name)
    other = _team_named(session, team.workshop_id, name)
    if other is not None and other.id != team.id:
        raise WorkshopError(_("There is already a team called “%(name)s”.", name=name))
    plan = session.get(Plan, team.plan_id)
    workshop = session.get(Workshop, team.workshop_id)
    if plan.title == _team_title(workshop.scenario_title, team.name):
        plan.title = _team_title(workshop.scenario_title, name)
    team.name = name
    session.commit()


def _guest(name: str) -> User:
    """A participant's quick account: their name only. It cannot log in with a password;
    the session and remember-me cookies are its key."""
    return User(email=f"guest-{secrets.token_hex(12)}@{GUEST_DOMAIN}", name=name,
                password_hash="!guest-account-no-password", is_admin=False, is_guest=True)


def join(session: Session, workshop: Workshop, user: User | None, *, guest_name: str = "",
         team_id: int | None = None, new_team: str = "", address: str | None = None,
         joins_per_hour: int | None = None) -> tuple[Team, User]:
    """Put a person in a team of this workshop: an existing one (`team_id`), or a new one
    named `new_team` (joining it if it exists by now). Without `user`, a quick account
    named `guest_name` is made. A person is in one team per workshop: joining another
    moves them. A join that makes an account or a team counts against `address`, which
    may make `joins_per_hour` of them (the pages pass both; without them, as from the
    CLI, nothing is counted). Everything is checked before anything is written, so a
    refused join leaves no trace."""
    if user is not None and user.id == workshop.trainer_id:
        raise WorkshopError(_("You run this workshop, so you follow the teams from the "
                              "dashboard rather than joining one."))
    team = name = None
    if team_id is not None:
        team = get_team(session, workshop.id, team_id)
        if team is None:
            raise WorkshopError(_("That team is no longer in this workshop. Choose another."))
    else:
        name = clean_team_name(new_team)
        team = _team_named(session, workshop.id, name)
    if user is None:
        guest_name = " ".join((guest_name or "").split())[:200]
        if not guest_name:
            raise WorkshopError(_("Enter your name, so that your team knows who changed what."))
    counted = address is not None and joins_per_hour is not None and (user is None or team is None)
    if counted:
        limits.refuse_too_many_joins(session, address, joins_per_hour)
    if team is None:
        try:
            team = add_team(session, workshop, name, by_participant=True)
        except WorkshopError:
            # Someone made the team at the same moment: join theirs.
            team = _team_named(session, workshop.id, name)
            if team is None:
                raise
    if user is None:
        # Made only now that the team is sure: a refused join leaves no account behind.
        user = _guest(guest_name)
        session.add(user)
        session.flush()
    for other in teams(session, workshop.id):
        membership = session.scalars(select(Membership).where(
            Membership.plan_id == other.plan_id, Membership.user_id == user.id)).one_or_none()
        if other.id == team.id:
            if membership is None:
                session.add(Membership(plan_id=team.plan_id, user_id=user.id,
                                       role=PARTICIPANT_ROLE))
        elif membership is not None:
            session.delete(membership)
    if counted:
        limits.count_join(session, address)
    session.commit()
    return team, user


# --- the trainer's controls ----------------------------------------------------------------

def set_locked(session: Session, workshop: Workshop, locked: bool) -> None:
    workshop.locked = locked
    session.commit()


def reset_team(session: Session, workshop: Workshop, team: Team, user_id: int) -> Restored:
    """Bring the team's plan back to the scenario; its work so far is kept as a revision
    (the history page can bring it back). Raises the store's `ConflictError` if the team
    saved a section at that very moment; then nothing is written."""
    restored = restore_document(
        session, team.plan_id, scenario_of(workshop),
        before=_("Before the trainer's reset"),
        after=_("Reset to the workshop's scenario"), user_id=user_id)
    plan = session.get(Plan, team.plan_id)
    plan.title = _team_title(workshop.scenario_title, team.name)
    plan.updated_at = utcnow()
    session.commit()
    return restored


def remove_team(session: Session, team: Team) -> None:
    """Remove a team and its plan (a team started by mistake, a misspelt name): its
    members are in no team of the workshop any more and can join another."""
    PlanStore(session).delete_plan(team.plan_id)  # the team row goes with its plan


def scenario_choices(session: Session, user_id: int) -> list[tuple[str, str]]:
    """(value, label) of every scenario this trainer may start a workshop from."""
    choices = [
        ("sample:weak", _("Sample: a first draft with many gaps (Varesia)")),
        ("sample:strong", _("Sample: a well-developed plan (Varesia)")),
        (EMPTY_SCENARIO, _("An empty plan: teams start from nothing")),
    ]
    hidden = trained_team_plans(session, user_id)
    for summary in PlanStore(session).list_plans(user_id):
        if summary.id in hidden:
            continue
        title = summary.title or f"#{summary.id}"
        # Only a plan one owns is "yours"; the others one may only read or help with.
        choices.append((f"plan:{summary.id}", _("Your plan: %(title)s", title=title)
                        if summary.role == "owner" else
                        _("A plan shared with you: %(title)s", title=title)))
    return choices


# --- codes ---------------------------------------------------------------------------------

def check_code(session: Session, code: str, address: str) -> Workshop | None:
    """The workshop of this code, or None, and then the wrong code counts against
    `address`. Raises `Throttled` while the address has typed too many wrong codes, for a
    right code too: otherwise guessing would go on, the refusals telling the right one."""
    limits.refuse_guessing(session, address)
    workshop = find_by_code(session, code)
    if workshop is None:
        limits.count_wrong_code(session, address)
    return workshop
