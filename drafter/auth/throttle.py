"""How long someone must wait before trying a password again.

Failures are counted for the pair (account, client address), so that an attacker slows
down himself and not the account's owner on another connection, nor everyone else behind
the attacker's office or hotel network. The first `PAIR_FREE` failures of a pair cost
nothing (people mistype); each one after that doubles the wait, from `FIRST_WAIT` up to
`LONGEST_WAIT`. When an account has failed `ACCOUNT_UNDER_ATTACK` times in the last hour
from anywhere (guessing spread over many addresses), every pair that has failed even once
waits as if it had used its free failures: the guessing slows down, while the owner,
typing the right password on a connection with no failures, still gets in.

Failures are rows of `login_attempts` (in the database, so every app process sees them);
a right password clears its own pair's failures only.
"""

from __future__ import annotations

import datetime as dt
import math

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..models import LoginAttempt, utcnow

PAIR_FREE = 5
FIRST_WAIT = dt.timedelta(seconds=30)
LONGEST_WAIT = dt.timedelta(hours=1)
PAIR_MEMORY = dt.timedelta(hours=24)
ACCOUNT_UNDER_ATTACK = 20
ACCOUNT_WINDOW = dt.timedelta(hours=1)


def wait_after(failures: int, free: int) -> dt.timedelta:
    """The wait after this many failures of a pair, with this many free."""
    if failures < free:
        return dt.timedelta(0)
    doublings = min(failures - free, 20)  # 2**20 × 30 s is far past the cap already
    return min(FIRST_WAIT * 2 ** doublings, LONGEST_WAIT)


def wait(session: Session, email: str, address: str) -> dt.timedelta | None:
    """How long this address must wait before trying this account again; None if not."""
    now = utcnow()
    failures, last = session.execute(select(func.count(LoginAttempt.id), func.max(LoginAttempt.at))
                                     .where(LoginAttempt.email == email,
                                            LoginAttempt.address == address[:64],
                                            LoginAttempt.at >= now - PAIR_MEMORY)).one()
    if not failures:
        return None
    account_failures = session.scalar(select(func.count(LoginAttempt.id)).where(
        LoginAttempt.email == email, LoginAttempt.at >= now - ACCOUNT_WINDOW)) or 0
    free = 1 if account_failures >= ACCOUNT_UNDER_ATTACK else PAIR_FREE
    remaining = last + wait_after(failures, free) - now
    return remaining if remaining > dt.timedelta(0) else None


def record_failure(session: Session, email: str, address: str) -> None:
    now = utcnow()
    # Old failures of this account are forgotten as new ones come: the table stays small.
    session.execute(delete(LoginAttempt).where(LoginAttempt.email == email,
                                               LoginAttempt.at < now - PAIR_MEMORY))
    session.add(LoginAttempt(email=email, address=address[:64], at=now))
    session.commit()


def clear(session: Session, email: str, address: str) -> None:
    """A right password from this address: its failures are forgiven (not other pairs')."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.email == email,
                                               LoginAttempt.address == address[:64]))


def whole_seconds(wait: dt.timedelta) -> int:
    return max(1, math.ceil(wait.total_seconds()))
