"""Accounts as a service the views, the CLI and the tests share.

Failed log-ins are counted in the database (not in process memory), so the limit holds
across every app process of a shared deployment.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..models import LoginAttempt, User, utcnow
from .passwords import check_password, hash_password, needs_rehash

MIN_PASSWORD = 10
WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_ADDRESS = 30


class AccountError(ValueError):
    pass


class Throttled(Exception):
    """Too many failed log-ins lately; try again later."""


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user(session: Session, email: str) -> User | None:
    return session.scalars(select(User).where(User.email == normalise_email(email))).one_or_none()


def create_user(session: Session, email: str, name: str, password: str, *,
                is_admin: bool | None = None) -> User:
    """A new account; the first account on a fresh install is the administrator."""
    email = normalise_email(email)
    if find_user(session, email) is not None:
        raise AccountError(_("An account with this e-mail address already exists."))
    if len(password) < MIN_PASSWORD:
        raise AccountError(_("Use a password of at least %(n)s characters.", n=MIN_PASSWORD))
    if is_admin is None:
        is_admin = session.scalar(select(func.count(User.id))) == 0
    user = User(email=email, name=name.strip() or email, password_hash=hash_password(password),
                is_admin=is_admin)
    session.add(user)
    session.commit()
    return user


def _recent_failures(session: Session, column, value: str) -> int:
    since = utcnow() - WINDOW
    return session.scalar(select(func.count(LoginAttempt.id)).where(
        column == value, LoginAttempt.at >= since)) or 0


def authenticate(session: Session, email: str, password: str, address: str) -> User | None:
    """The user if the password is right; None if not; `Throttled` after too many failures."""
    email = normalise_email(email)
    if (_recent_failures(session, LoginAttempt.email, email) >= MAX_FAILURES_PER_EMAIL
            or _recent_failures(session, LoginAttempt.address, address) >= MAX_FAILURES_PER_ADDRESS):
        raise Throttled()
    user = find_user(session, email)
    if user is None or not check_password(user.password_hash, password):
        session.add(LoginAttempt(email=email, address=address[:64]))
        session.commit()
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
    session.commit()
    return user


def change_password(session: Session, user: User, current: str, new: str) -> None:
    if not check_password(user.password_hash, current):
        raise AccountError(_("Your current password is not right."))
    if len(new) < MIN_PASSWORD:
        raise AccountError(_("Use a password of at least %(n)s characters.", n=MIN_PASSWORD))
    user.password_hash = hash_password(new)
    session.commit()
