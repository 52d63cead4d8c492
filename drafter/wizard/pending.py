"""A wizard form posted after its log-in had ended, kept until its author logs in again.

Logged out in another tab, or idle past the log-in's end, someone presses "Save" on a
page of the wizard. The access check sends an anonymous request to the log-in page; on
the way, `keep` stores the posted fields (never the CSRF token) for a day, and gives the
browser a random token in a cookie (only its digest is stored). After log-in, `claim`
gives the kept forms to the account if it may edit their plan, and throws them away if
not; the page of the form, opened next, `take`s its own and shows it again with what
was typed and a note that it is not saved yet.

A kept form is bound to the browser that posted it (the cookie) and, from log-in on, to
the account: a link alone never shows anyone someone else's words. Only a post from one
of this site's own pages is kept, for the reason `drafter.web.errors` gives; and an
address keeps at most `PER_ADDRESS` forms a day, so that nobody can fill the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets

from flask import current_app, request
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from ..access import EDIT, can
from ..models import Membership, PendingPost, Plan, utcnow
from ..web.security import FORM_TYPES

COOKIE = "drafter_pending"
KEPT_FOR = dt.timedelta(days=1)
PER_ADDRESS = 20
# Forms of the wizard that a post can be kept for: the ones that show themselves again.
FORMS = {"wizard.step", "wizard.item"}
# Fields that are no part of what was typed: the token belonged to the ended session.
NOT_KEPT = {"csrf_token"}


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _token() -> str | None:
    token = request.cookies.get(COOKIE, "")
    return token if 20 <= len(token) <= 100 else None


def _live():
    """Kept forms younger than a day (older ones are deleted when the next is kept)."""
    return PendingPost.created_at > utcnow() - KEPT_FOR


def keep(session: Session, response) -> None:
    """Keep the form of this anonymous POST for its author, if it is a wizard form posted
    from this site about a plan that exists, and set the cookie on `response`."""
    from ..web.errors import from_this_site

    plan_id = (request.view_args or {}).get("plan_id")
    if (request.endpoint not in FORMS or plan_id is None or len(request.path) > 300
            or request.mimetype not in FORM_TYPES or not from_this_site()
            or session.get(Plan, plan_id) is None):
        return
    address = (request.remote_addr or "")[:64]
    session.execute(delete(PendingPost).where(~_live()))
    recent = session.scalar(select(func.count()).select_from(PendingPost).where(
        PendingPost.address == address))
    if recent >= PER_ADDRESS:
        session.commit()
        return
    pairs = list(request.form.items(multi=True))
    # What no browser's form sends (a nameless part, a NUL) is refused by the form guard
    # of `drafter.web.security` when logged in; here it is simply not kept.
    if any(name is None or "\x00" in name or "\x00" in value for name, value in pairs):
        return
    token = _token() or secrets.token_urlsafe(32)
    fields = [[name, value] for name, value in pairs if name not in NOT_KEPT]
    # One kept form per page and browser: the latest post is what was typed last.
    session.execute(delete(PendingPost).where(PendingPost.token_hash == _digest(token),
                                              PendingPost.path == request.path))
    session.add(PendingPost(token_hash=_digest(token), plan_id=plan_id, path=request.path,
                            fields=json.dumps(fields, ensure_ascii=False), address=address))
    session.commit()
    response.set_cookie(COOKIE, token, max_age=int(KEPT_FOR.total_seconds()), httponly=True,
                        samesite="Lax",
                        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))


def waiting(session: Session) -> bool:
    """Whether this browser has a form kept that nobody has logged in for yet."""
    token = _token()
    return token is not None and session.scalar(select(PendingPost.id).where(
        PendingPost.token_hash == _digest(token), PendingPost.user_id.is_(None),
        _live()).limit(1)) is not None


def claim(session: Session, user_id: int) -> tuple[str | None, int]:
    """At log-in: give this browser's kept forms to `user_id` where the account may edit
    their plan, and delete the others. Returns the address of the latest form given (to
    go back to) and how many were deleted."""
    token = _token()
    if token is None:
        return None, 0
    rows = session.scalars(select(PendingPost).where(
        PendingPost.token_hash == _digest(token), PendingPost.user_id.is_(None), _live())
        .order_by(PendingPost.created_at)).all()
    roles = dict(session.execute(select(Membership.plan_id, Membership.role).where(
        Membership.user_id == user_id,
        Membership.plan_id.in_({row.plan_id for row in rows}))).all()) if rows else {}
    latest, dropped = None, 0
    for row in rows:
        if can(EDIT, roles.get(row.plan_id)):
            row.user_id, latest = user_id, row.path
        else:
            session.delete(row)
            dropped += 1
    session.commit()
    return latest, dropped


def take(session: Session, user_id: int) -> MultiDict | None:
    """The form kept for this page, this browser and this account, removed from the
    store as it is handed back (the page now holds it), or None."""
    token = _token()
    if token is None:
        return None
    row = session.scalar(select(PendingPost).where(
        PendingPost.token_hash == _digest(token), PendingPost.user_id == user_id,
        PendingPost.path == request.path, _live()).order_by(PendingPost.id.desc()).limit(1))
    if row is None:
        return None
    session.delete(row)
    session.commit()
    try:
        return MultiDict([(str(name), str(value)) for name, value in json.loads(row.fields)])
    except (ValueError, TypeError):
        return None
