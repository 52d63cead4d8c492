"""Memberships and invitations, shared by the views, the CLI and the tests.

An invitation is a random token shown once as a link; only its SHA-256 is stored, so a
copy of the database does not hold usable links. Links expire, and each works once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import smtplib
from email.message import EmailMessage

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..access import ROLES
from ..models import Invitation, Membership, User, utcnow

INVITATION_DAYS = 7


class MembershipError(ValueError):
    pass


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def members(session: Session, plan_id: int) -> list[tuple[User, str]]:
    rows = session.execute(select(User, Membership.role).join(
        Membership, Membership.user_id == User.id).where(Membership.plan_id == plan_id)
        .order_by(User.name))
    return [(user, role) for user, role in rows]


def set_role(session: Session, plan_id: int, user_id: int, role: str) -> None:
    """Give `user_id` this role on the plan (adding them if need be); keeps one owner."""
    if role not in ROLES:
        raise MembershipError(_("Choose one of the roles listed."))
    membership = session.scalars(select(Membership).where(
        Membership.plan_id == plan_id, Membership.user_id == user_id)).one_or_none()
    if membership is None:
        session.add(Membership(plan_id=plan_id, user_id=user_id, role=role))
    else:
        if membership.role == "owner" and role != "owner":
            _keep_an_owner(session, plan_id)
        membership.role = role
    session.commit()


def _keep_an_owner(session: Session, plan_id: int) -> None:
    owners = session.scalar(select(func.count(Membership.id)).where(
        Membership.plan_id == plan_id, Membership.role == "owner"))
    if owners <= 1:
        raise MembershipError(_("A plan must keep at least one owner. Make someone else owner first."))


def remove(session: Session, plan_id: int, user_id: int) -> None:
    membership = session.scalars(select(Membership).where(
        Membership.plan_id == plan_id, Membership.user_id == user_id)).one_or_none()
    if membership is None:
        return
    if membership.role == "owner":
        _keep_an_owner(session, plan_id)
    session.delete(membership)
    session.commit()


def invite(session: Session, plan_id: int, role: str, created_by: int, email: str = "",
           days: int = INVITATION_DAYS) -> str:
    """A new invitation; returns the token to put in the link (it is not stored)."""
    if role not in ROLES:
        raise MembershipError(_("Choose one of the roles listed."))
    token = secrets.token_urlsafe(24)
    session.add(Invitation(plan_id=plan_id, token_hash=_digest(token), role=role,
                           email=email.strip().lower(), created_by=created_by,
                           expires_at=utcnow() + dt.timedelta(days=days)))
    session.commit()
    return token


def open_invitations(session: Session, plan_id: int) -> list[Invitation]:
    return list(session.scalars(select(Invitation).where(
        Invitation.plan_id == plan_id, Invitation.accepted_at.is_(None),
        Invitation.expires_at > utcnow()).order_by(Invitation.created_at.desc())))


def find_invitation(session: Session, token: str) -> Invitation:
    invitation = session.scalars(select(Invitation).where(
        Invitation.token_hash == _digest(token or ""))).one_or_none()
    if invitation is None:
        raise MembershipError(_("This invitation link is not valid. Ask the plan's owner for a new one."))
    if invitation.accepted_at is not None:
        raise MembershipError(_("This invitation link has already been used. Ask the plan's owner for a new one."))
    if invitation.expires_at <= utcnow():
        raise MembershipError(_("This invitation link has expired. Ask the plan's owner for a new one."))
    return invitation


def accept(session: Session, token: str, user_id: int) -> int:
    """Join the plan of this invitation; returns the plan's id."""
    invitation = find_invitation(session, token)
    current = session.scalar(select(Membership.role).where(
        Membership.plan_id == invitation.plan_id, Membership.user_id == user_id))
    if current != "owner":  # an invitation never demotes an owner
        set_role(session, invitation.plan_id, user_id, invitation.role)
    invitation.accepted_by, invitation.accepted_at = user_id, utcnow()
    session.commit()
    return invitation.plan_id


def send_invitation_mail(config: dict, to: str, link: str, plan_title: str, role: str) -> bool:
    """Mail the link when an SMTP server is configured; False when none is."""
    host = config.get("SMTP_HOST")
    if not host or not to:
        return False
    message = EmailMessage()
    message["Subject"] = _("You are invited to a plan on NAP Drafter")
    message["From"] = config.get("MAIL_FROM", "nap-drafter@localhost")
    message["To"] = to
    message.set_content(_("You are invited to “%(title)s” as %(role)s. Open this link to join:\n\n%(link)s\n",
                          title=plan_title, role=role, link=link))
    with smtplib.SMTP(host, int(config.get("SMTP_PORT", 25)), timeout=10) as smtp:
        smtp.send_message(message)
    return True
