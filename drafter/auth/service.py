"""Accounts as a service the views, the CLI and the tests share.

Nothing here tells a stranger whether an address has an account: a log-in for an unknown
address takes as long as one with a wrong password, and signing up with an address that
has an account answers as a new sign-up does (its owner is told by e-mail instead).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import User
from . import throttle
from .passwords import (
    MIN_PASSWORD,
    check_password,
    hash_password,
    needs_rehash,
    password_problem,
    spend_a_check,
)

__all__ = ["MIN_PASSWORD", "AccountError", "Throttled", "authenticate", "change_password",
           "create_user", "find_user", "normalise_email", "sign_up"]


class AccountError(ValueError):
    """A refusal in words for the person; `field` names the form field it is about."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class Throttled(Exception):
    """Too many failed log-ins lately from this address for this account."""

    def __init__(self, wait: dt.timedelta):
        super().__init__(wait)
        self.wait = wait


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
    if problem := password_problem(password, email=email, name=name):
        raise AccountError(problem)
    return _add_user(session, email, name, password, is_admin)


def _add_user(session: Session, email: str, name: str, password: str,
              is_admin: bool | None) -> User:
    """The account itself, once the address and the password have been checked."""
    if is_admin is None:
        is_admin = session.scalar(select(func.count(User.id))) == 0
    user = User(email=email, name=name.strip() or email, password_hash=hash_password(password),
                is_admin=is_admin)
    session.add(user)
    session.commit()
    return user


@dataclass(frozen=True)
class SignUp:
    """What a sign-up did: `user` is the new account, or None when the address had one
    already (`existing` is then that account, whose owner is to be told)."""

    user: User | None
    existing: User | None


def sign_up(session: Session, email: str, name: str, password: str) -> SignUp:
    """A sign-up from the web page. A weak password is refused whatever the address (so
    the refusal tells nothing); an address that has an account is not touched."""
    email = normalise_email(email)
    if problem := password_problem(password, email=email, name=name):
        raise AccountError(problem)
    existing = find_user(session, email)
    if existing is not None:
        hash_password(password)  # as long as making the account would have taken
        return SignUp(None, existing)
    return SignUp(_add_user(session, email, name, password, None), None)


def authenticate(session: Session, email: str, password: str, address: str) -> User | None:
    """The user if the password is right; None if not; `Throttled` when this address has
    failed too often for this account (the password is then not even tried)."""
    email = normalise_email(email)
    if (wait := throttle.wait(session, email, address)) is not None:
        raise Throttled(wait)
    user = find_user(session, email)
    if user is None or user.is_guest:
        spend_a_check(password)
        right = False
    else:
        right = check_password(user.password_hash, password)
    if not right:
        throttle.record_failure(session, email, address)
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    throttle.clear(session, email, address)
    session.commit()
    return user


def change_password(session: Session, user: User, current: str, new: str) -> None:
    if not check_password(user.password_hash, current):
        raise AccountError(_("Your current password is not right."), field="current")
    if problem := password_problem(new, email=user.email, name=user.name):
        raise AccountError(problem, field="new")
    user.password_hash = hash_password(new)
    session.commit()
