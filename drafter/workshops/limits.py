"""Limits per client address on the way into workshops: wrong codes, and joins.

A code is six characters shown on a projector. Whoever has none could guess one, so each
wrong code counts against the address that typed it, and an address with too many lately
is refused, for a right code too (a refusal that let the right code through would tell
the guesser which one it was). Whoever has one could fill the server with quick accounts
and teams, so joins that make either are limited per address and hour; the limit is
generous because a whole room joins from one address behind the venue's Wi-Fi.

Both are rows of `login_attempts` with a mark in its `email` column (never an e-mail
address), so every app process sees them; rows too old to count are dropped as new ones
come. Nothing here knows of Flask: the views pass the address and the hourly limit.
"""

from __future__ import annotations

import datetime as dt
import math

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..models import LoginAttempt, utcnow

CODE_FAILURES_PER_ADDRESS = 40
CODE_WINDOW = dt.timedelta(minutes=15)
JOIN_WINDOW = dt.timedelta(hours=1)
CODE_MARK, JOIN_MARK = "(workshop code)", "(workshop join)"


class Throttled(Exception):
    """Too many wrong codes or joins from one address lately: wait `retry_after` seconds.
    The message says so in words for the person refused."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


def _wait(session: Session, mark: str, address: str, limit: int, window: dt.timedelta) -> int:
    """Seconds until `address` has fewer than `limit` rows of `mark` within `window` again
    (0 if it has now, or if `limit` is 0: no limit): that is when the limit-th most
    recent of them grows too old."""
    now = utcnow()
    recent = session.scalars(select(LoginAttempt.at).where(
        LoginAttempt.email == mark, LoginAttempt.address == address[:64],
        LoginAttempt.at >= now - window).order_by(LoginAttempt.at.desc()).limit(limit)).all()
    if limit <= 0 or len(recent) < limit:
        return 0
    return max(1, math.ceil((recent[-1] + window - now).total_seconds()))


def _count(session: Session, mark: str, address: str, window: dt.timedelta) -> None:
    now = utcnow()
    session.execute(delete(LoginAttempt).where(LoginAttempt.email == mark,
                                               LoginAttempt.at < now - window))
    session.add(LoginAttempt(email=mark, address=address[:64], at=now))


def _minutes(seconds: int) -> str:
    return ngettext("%(num)s minute", "%(num)s minutes", math.ceil(seconds / 60))


def refuse_guessing(session: Session, address: str) -> None:
    """Raise `Throttled` if this address typed too many wrong codes lately."""
    wait = _wait(session, CODE_MARK, address, CODE_FAILURES_PER_ADDRESS, CODE_WINDOW)
    if wait:
        raise Throttled(_("Too many wrong codes were typed from this network. Wait %(wait)s "
                          "and try again, or ask the trainer for help.", wait=_minutes(wait)),
                        wait)


def count_wrong_code(session: Session, address: str) -> None:
    _count(session, CODE_MARK, address, CODE_WINDOW)
    session.commit()


def refuse_too_many_joins(session: Session, address: str, per_hour: int) -> None:
    """Raise `Throttled` if this address made `per_hour` joins in the past hour."""
    wait = _wait(session, JOIN_MARK, address, per_hour, JOIN_WINDOW)
    if wait:
        raise Throttled(_("Too many people joined from this network in the past hour (this "
                          "server takes %(n)s an hour). Wait %(wait)s and try again, or ask "
                          "the trainer for help.", n=per_hour, wait=_minutes(wait)), wait)


def count_join(session: Session, address: str) -> None:
    """Count a join that made an account or a team; committed with the join itself."""
    _count(session, JOIN_MARK, address, JOIN_WINDOW)
