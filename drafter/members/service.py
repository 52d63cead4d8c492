"""Memberships and invitations, shared by the views, the CLI and the tests.

An invitation is a random token shown once as a link; only its SHA-256 is stored, so a
copy of the database does not hold usable links. Links expire, and each works once.
An invitation made for an e-mail address is for that account alone; one made without
is for any full account, never a workshop participant's quick account. Accepting never
lowers the role someone already has.

Two requests may change one plan's people at the same moment, so every change takes the
plan's lock first (`_lock_plan`) and only then reads what it decides on: the rule that a
plan keeps an owner holds however the requests interleave, and a link is claimed by a
conditional update, so exactly one of two people racing for it wins.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from .. import mail
from ..access import ROLES
from ..auth.service import normalise_email
from ..models import Invitation, Membership, Plan, User, utcnow

INVITATION_DAYS = 7
# From least to most: an invitation only ever moves someone up this list. (A reviewer's
# assessing is not an editor's right, but an owner asking a reviewer to draft means it.)
ROLE_ORDER = ("viewer", "reviewer", "editor", "owner")
EMAIL_SHAPE = re.compile(r"[^@\s]+@[^@\s]+")


class MembershipError(ValueError):
    """A refusal in words for the person; `field` names the form field it is about."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class InvitationGone(MembershipError):
    """The link is unknown, used or expired: nobody can accept it any more."""


class NotYourInvitation(MembershipError):
    """The link is good, but not for the account that is logged in."""


@dataclass(frozen=True)
class Accepted:
    plan_id: int
    role: str  # the role the person holds now
    kept: bool  # they already held this role or a higher one, and keep it


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def members(session: Session, plan_id: int) -> list[tuple[User, str]]:
    rows = session.execute(select(User, Membership.role).join(
        Membership, Membership.user_id == User.id).where(Membership.plan_id == plan_id)
        .order_by(User.name))
    return [(user, role) for user, role in rows]


def _lock_plan(session: Session, plan_id: int) -> None:
    """Hold the plan against other changes to its people until this transaction ends.

    On PostgreSQL a row lock on the plan (FOR NO KEY UPDATE: rows that merely refer to
    the plan, such as a saved section, are not held up). SQLite has no row locks, and
    pysqlite opens a transaction only at the first write, so a read first would count
    owners outside any lock: a write that changes nothing takes the database's one
    write lock now, and what is read after it is what this transaction commits against.
    """
    if session.get_bind().dialect.name == "sqlite":
        found = session.execute(
            update(Plan).where(Plan.id == plan_id).values(checklist=Plan.checklist)
            .execution_options(synchronize_session=False)).rowcount == 1
    else:
        found = session.scalar(select(Plan.id).where(Plan.id == plan_id)
                               .with_for_update(key_share=True)) is not None
    if not found:
        raise MembershipError(_("There is no such plan."))


def _membership(session: Session, plan_id: int, user_id: int) -> Membership | None:
    # populate_existing: a long-lived session (the CLI, a test) may hold a copy read before
    # the lock, which another session has changed since.
    return session.scalars(select(Membership).where(
        Membership.plan_id == plan_id, Membership.user_id == user_id)
        .execution_options(populate_existing=True)).one_or_none()


def _keep_an_owner(session: Session, plan_id: int) -> None:
    owners = session.scalar(select(func.count(Membership.id)).where(
        Membership.plan_id == plan_id, Membership.role == "owner"))
    if owners <= 1:
        raise MembershipError(_("A plan must keep at least one owner. Make someone else owner first."))


def _in_one_transaction(session: Session, change) -> object:
    """Run `change()` and commit, or roll back on any error: a refusal must not keep
    the lock (on SQLite, the whole database's) until the request ends."""
    try:
        result = change()
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return result


def set_role(session: Session, plan_id: int, user_id: int, role: str) -> None:
    """Give `user_id` this role on the plan (adding them if need be); keeps one owner."""
    if role not in ROLES:
        raise MembershipError(_("Choose one of the roles listed."), "role")

    def change():
        _lock_plan(session, plan_id)
        membership = _membership(session, plan_id, user_id)
        if membership is None:
            session.add(Membership(plan_id=plan_id, user_id=user_id, role=role))
            return
        if membership.role == "owner" and role != "owner":
            _keep_an_owner(session, plan_id)
        membership.role = role

    _in_one_transaction(session, change)


def remove(session: Session, plan_id: int, user_id: int) -> None:
    def change():
        _lock_plan(session, plan_id)
        membership = _membership(session, plan_id, user_id)
        if membership is None:
            return
        if membership.role == "owner":
            _keep_an_owner(session, plan_id)
        session.delete(membership)

    _in_one_transaction(session, change)


def invite(session: Session, plan_id: int, role: str, created_by: int, email: str = "",
           days: int = INVITATION_DAYS) -> str:
    """A new invitation; returns the token to put in the link (it is not stored)."""
    if role not in ROLES:
        raise MembershipError(_("Choose one of the roles listed."), "role")
    email = normalise_email(email)
    if email and not EMAIL_SHAPE.fullmatch(email):
        raise MembershipError(_("Enter an e-mail address like name@example.org, or leave it empty."),
                              "email")
    token = secrets.token_urlsafe(24)
    session.add(Invitation(plan_id=plan_id, token_hash=_digest(token), role=role,
                           email=email, created_by=created_by,
                           expires_at=utcnow() + dt.timedelta(days=days)))
    session.commit()
    return token


def open_invitations(session: Session, plan_id: int) -> list[Invitation]:
    return list(session.scalars(select(Invitation).where(
        Invitation.plan_id == plan_id, Invitation.accepted_at.is_(None),
        Invitation.expires_at > utcnow()).order_by(Invitation.created_at.desc())))


def _used() -> InvitationGone:
    return InvitationGone(_("This invitation link has already been used. Ask the plan's owner for a new one."))


def find_invitation(session: Session, token: str) -> Invitation:
    invitation = session.scalars(select(Invitation).where(
        Invitation.token_hash == _digest(token or ""))).one_or_none()
    if invitation is None:
        raise InvitationGone(_("This invitation link is not valid. Ask the plan's owner for a new one."))
    if invitation.accepted_at is not None:
        raise _used()
    if invitation.expires_at <= utcnow():
        raise InvitationGone(_("This invitation link has expired. Ask the plan's owner for a new one."))
    return invitation


def masked(email: str) -> str:
    """Enough of an address for its owner to know it, not enough to copy it:
    "jorge@network.example" -> "j•••@network.example"."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"


def check_acceptor(invitation: Invitation, user: User) -> None:
    """Refuse an account the invitation is not for (the page says why before anyone
    presses the button; accepting checks again)."""
    if user.is_guest:
        raise NotYourInvitation(_("A workshop participant's quick account cannot join a plan "
                                  "through an invitation. Log in with a full account (or "
                                  "create one), then open the link again."))
    if invitation.email and normalise_email(user.email) != invitation.email:
        raise NotYourInvitation(_("This invitation is for %(email)s. Log in with that account, "
                                  "or ask the plan's owner to invite the address you use here.",
                                  email=masked(invitation.email)))


def role_kept(session: Session, invitation: Invitation, user_id: int) -> str | None:
    """The role `user_id` already holds on the plan if accepting would not change it."""
    current = session.scalar(select(Membership.role).where(
        Membership.plan_id == invitation.plan_id, Membership.user_id == user_id))
    return current if current is not None and not _above(invitation.role, current) else None


def _above(role: str, other: str) -> bool:
    return ROLE_ORDER.index(role) > ROLE_ORDER.index(other)


def accept(session: Session, token: str, user_id: int) -> Accepted:
    """Join the plan of this invitation, or move up to its role; never down."""
    invitation = find_invitation(session, token)
    user = session.get(User, user_id)
    if user is None:
        raise NotYourInvitation(_("Log in to accept the invitation."))
    check_acceptor(invitation, user)

    def change() -> Accepted:
        # Claiming the link is the first write: of two people racing, one updates the
        # row and the other finds it taken (the row count says which).
        claimed = session.execute(
            update(Invitation)
            .where(Invitation.id == invitation.id, Invitation.accepted_at.is_(None))
            .values(accepted_by=user_id, accepted_at=utcnow())
            .execution_options(synchronize_session=False))
        if claimed.rowcount != 1:
            raise _used()
        _lock_plan(session, invitation.plan_id)
        membership = _membership(session, invitation.plan_id, user_id)
        if membership is None:
            session.add(Membership(plan_id=invitation.plan_id, user_id=user_id,
                                   role=invitation.role))
            return Accepted(invitation.plan_id, invitation.role, kept=False)
        if _above(invitation.role, membership.role):
            membership.role = invitation.role
            return Accepted(invitation.plan_id, invitation.role, kept=False)
        return Accepted(invitation.plan_id, membership.role, kept=True)

    return _in_one_transaction(session, change)


def send_invitation_mail(config: dict, to: str, link: str, plan_title: str, role: str) -> bool:
    """Mail the link when an SMTP server is configured; False when none is."""
    return mail.send(config, to, _("You are invited to a plan on NAP Drafter"),
                     _("You are invited to “%(title)s” as %(role)s. Open this link to join:"
                       "\n\n%(link)s\n", title=plan_title, role=role, link=link))
