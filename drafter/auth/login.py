"""Logging in and out on the web: Flask-Login's loaders over device log-ins
(`drafter.auth.sessions`), and the remember-me cookie.

Flask-Login's own remember-me cookie (the user id and a signature of it, the same at
every log-in) is never set; one left from an older version is deleted when seen.
"""

from __future__ import annotations

from flask import Flask, current_app, g, request, session
from flask_login import current_user, login_user, logout_user

from .. import db
from ..extensions import login_manager
from ..models import User
from . import sessions

DEVICE_COOKIE = "drafter_device"
LEGACY_COOKIE = "remember_token"


@login_manager.user_loader
def _load_user(identity: str):
    found = sessions.load(db.session(), identity)
    return found[0] if found else None


@login_manager.request_loader
def _load_user_from_device(_request):
    token = request.cookies.get(DEVICE_COOKIE)
    if not token:
        return None
    found = sessions.resume(db.session(), token)
    if found is None:
        g.device_cookie = ""  # expired or ended: stop sending it
        return None
    user = found[0]
    session["_user_id"], session["_fresh"] = user.get_id(), False
    session.permanent = True
    return user


def begin(user: User, *, remember: bool) -> None:
    """Log `user` in on this device; with `remember`, for `sessions.REMEMBER` even when
    the browser is closed."""
    # A new session on log-in: nothing from before (a planted cookie) carries over.
    session.clear()
    started = sessions.start(db.session(), user, remember=remember,
                             user_agent=request.headers.get("User-Agent", ""),
                             address=request.remote_addr or "")
    login_user(user)
    session.permanent = True
    g.device_cookie = started.remember or ""


def finish() -> None:
    """Log out this device: its log-in is ended, so neither cookie works again."""
    if current_user.is_authenticated:
        sessions.end(db.session(), current_user._get_current_object())
    session.clear()
    logout_user()
    g.device_cookie = ""


def restart(user: User) -> None:
    """After a password change: every device is logged out, and this one logged in anew
    (remembered if it was)."""
    remembered = bool(request.cookies.get(DEVICE_COOKIE))
    sessions.end_all(db.session(), user.id)
    begin(user, remember=remembered)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    app.jinja_env.filters["browser_name"] = sessions.browser_name

    @app.after_request
    def _device_cookie(response):
        if LEGACY_COOKIE in request.cookies:
            response.delete_cookie(LEGACY_COOKIE)
        token = g.pop("device_cookie", None)
        if token:
            response.set_cookie(
                DEVICE_COOKIE, token, max_age=int(sessions.REMEMBER.total_seconds()),
                httponly=True, samesite="Lax",
                secure=bool(current_app.config.get("REMEMBER_COOKIE_SECURE")))
        elif token == "" and DEVICE_COOKIE in request.cookies:
            response.delete_cookie(DEVICE_COOKIE, httponly=True, samesite="Lax")
        return response
