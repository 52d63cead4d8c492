"""Device log-ins: each log-in is a row that its cookies point at, so it can be ended.

A log-in has a random key, carried by the session cookie, and, when the person asked to
stay logged in on that device, a random remember-me token carried by a cookie of its
own. Only SHA-256 digests of both are stored, so a copy of the database logs nobody in.
Logging out deletes the device's row (both cookies stop working); changing the password
or "log out everywhere" deletes every row of the account.

A log-in idle for `IDLE` ends, whatever its cookie says; a remember-me token lasts
`REMEMBER` from the log-in and starts a fresh log-in key each time it is used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..models import LoginSession, User, utcnow

IDLE = dt.timedelta(hours=12)
REMEMBER = dt.timedelta(days=14)
# last_seen_at is written at most this often: not a database write on every request.
SEEN_EVERY = dt.timedelta(minutes=5)
MAX_USER_ID = 2**31 - 1  # the id column is an INTEGER


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Started:
    """What the cookies carry for a new log-in; the remember token only if asked for."""

    key: str
    remember: str | None


def start(session: Session, user: User, *, remember: bool, user_agent: str = "",
          address: str = "") -> Started:
    key = secrets.token_urlsafe(32)
    token = secrets.token_urlsafe(32) if remember else None
    now = utcnow()
    _forget_ended(session, user.id, now)
    session.add(LoginSession(
        user_id=user.id, key_hash=digest(key),
        remember_hash=digest(token) if token else None,
        remember_until=now + REMEMBER if token else None,
        created_at=now, last_seen_at=now, user_agent=(user_agent or "")[:200],
        address=(address or "")[:64]))
    session.commit()
    user.login_key = key
    return Started(key, token)


def _split(identity: str) -> tuple[int, str] | None:
    user_id, _colon, key = (identity or "").partition(":")
    if not key or not user_id.isascii() or not user_id.isdigit() or len(user_id) > 10:
        return None  # also a cookie from before device log-ins: it held the id alone
    if int(user_id) > MAX_USER_ID:
        return None
    return int(user_id), key


def load(session: Session, identity: str) -> tuple[User, LoginSession] | None:
    """The user and log-in that a session cookie's identity ("id:key") names, if that
    log-in is still open and not idle for too long."""
    parts = _split(identity)
    if parts is None:
        return None
    user_id, key = parts
    row = session.execute(select(User, LoginSession).join(
        LoginSession, LoginSession.user_id == User.id).where(
        User.id == user_id, LoginSession.key_hash == digest(key))).first()
    if row is None:
        return None
    user, login = row
    now = utcnow()
    if login.last_seen_at < now - IDLE:
        return None  # the remember-me token, if any, can still open a fresh one
    if login.last_seen_at < now - SEEN_EVERY:
        login.last_seen_at = now
        session.commit()
    user.login_key = key
    return user, login


def resume(session: Session, token: str) -> tuple[User, LoginSession] | None:
    """The user a remember-me token belongs to, with a fresh log-in key for the device
    (the old session cookie of that device, if someone kept it, stops working)."""
    if not token or len(token) > 100:
        return None
    row = session.execute(select(User, LoginSession).join(
        LoginSession, LoginSession.user_id == User.id).where(
        LoginSession.remember_hash == digest(token))).first()
    if row is None:
        return None
    user, login = row
    now = utcnow()
    if login.remember_until is None or login.remember_until <= now:
        session.delete(login)
        session.commit()
        return None
    key = secrets.token_urlsafe(32)
    login.key_hash, login.last_seen_at = digest(key), now
    session.commit()
    user.login_key = key
    return user, login


def end(session: Session, user: User) -> None:
    """Log out the device whose log-in `user` was loaded through."""
    if user.login_key:
        session.execute(delete(LoginSession).where(
            LoginSession.user_id == user.id, LoginSession.key_hash == digest(user.login_key)))
        session.commit()
    user.login_key = None


def end_all(session: Session, user_id: int) -> None:
    """Log the account out on every device."""
    session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))
    session.commit()


def end_other(session: Session, user: User) -> int:
    """Log the account out on every device but this one; how many were ended."""
    keep = digest(user.login_key or "")
    result = session.execute(delete(LoginSession).where(
        LoginSession.user_id == user.id, LoginSession.key_hash != keep))
    session.commit()
    return result.rowcount or 0


def devices(session: Session, user_id: int) -> list[LoginSession]:
    """The account's open log-ins, most recently used first (idle ones that a remember-me
    token can no longer reopen are left out)."""
    now = utcnow()
    return list(session.scalars(select(LoginSession).where(
        LoginSession.user_id == user_id,
        (LoginSession.last_seen_at >= now - IDLE) | (LoginSession.remember_until > now))
        .order_by(LoginSession.last_seen_at.desc())))


def is_current(login: LoginSession, user: User) -> bool:
    return bool(user.login_key) and login.key_hash == digest(user.login_key)


def _forget_ended(session: Session, user_id: int, now: dt.datetime) -> None:
    """Delete the account's log-ins that nothing can reopen any more (at each new log-in,
    so that the table and the account page stay short)."""
    session.execute(delete(LoginSession).where(
        LoginSession.user_id == user_id, LoginSession.last_seen_at < now - IDLE,
        (LoginSession.remember_until.is_(None)) | (LoginSession.remember_until <= now)))


# (token in the User-Agent, name shown), first match wins: Edge and Opera also say Chrome,
# Chrome also says Safari.
_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"),
             ("Chromium/", "Chromium"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
_SYSTEMS = (("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"),
            ("Windows", "Windows"), ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"),
            ("Linux", "Linux"))


def browser_name(user_agent: str) -> str:
    """"Firefox on Windows" from a User-Agent header, for the list of one's log-ins."""
    browser = next((name for token, name in _BROWSERS if token in (user_agent or "")), "")
    system = next((name for token, name in _SYSTEMS if token in (user_agent or "")), "")
    if browser and system:
        return f"{browser} · {system}"
    return browser or system or "?"
