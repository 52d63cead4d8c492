"""The log-in throttle slows whoever guesses, and nobody else: failures count for the pair
(account, address) with growing waits; guessing spread over many addresses slows every
address that failed; the owner on a connection with no failures always gets in."""

from __future__ import annotations

import datetime as dt

from support import PASSWORD, add_user
from sqlalchemy import select

from drafter import db
from drafter.auth import throttle
from drafter.models import LoginAttempt

EMAIL = "amina@ministry.example"


def attempt(client, password, address="192.0.2.10", email=EMAIL):
    return client.post("/login", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def age_failures(app, by: dt.timedelta) -> None:
    """Move every recorded failure back in time, as if `by` had passed."""
    with app.app_context():
        session = db.session()
        for failure in session.scalars(select(LoginAttempt)):
            failure.at -= by  # in Python: SQLite has no date arithmetic in SQL
        session.commit()


def test_the_waits_grow_from_half_a_minute_to_an_hour():
    waits = [throttle.wait_after(failures, throttle.PAIR_FREE) for failures in range(4, 14)]
    assert [wait.total_seconds() for wait in waits] == [
        0, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_a_guesser_is_slowed_and_told_how_long_to_wait(app, anonymous, password_hash):
    add_user(app, EMAIL, hashed=password_hash)
    for _ in range(throttle.PAIR_FREE):
        assert attempt(anonymous, "a guess").status_code == 400
    refused = attempt(anonymous, PASSWORD)  # even the right password, from this address
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "30"
    assert "Wait 30 seconds, then try again" in refused.get_data(as_text=True)
    age_failures(app, dt.timedelta(seconds=31))
    assert attempt(anonymous, "another guess").status_code == 400  # the wait is over...
    again = attempt(anonymous, PASSWORD)
    assert again.status_code == 429 and again.headers["Retry-After"] == "60"  # ...and doubles
    assert "Wait 1 minute, then try again" in again.get_data(as_text=True)


def test_the_owner_on_another_connection_is_not_locked_out(app, anonymous, password_hash):
    add_user(app, EMAIL, hashed=password_hash)
    for _ in range(throttle.PAIR_FREE + 3):
        attempt(anonymous, "a guess", address="203.0.113.66")
    owner = app.test_client()
    response = attempt(owner, PASSWORD, address="192.0.2.10")
    assert response.status_code == 302
    # Her success forgives her own connection only: the guesser still waits.
    assert attempt(app.test_client(), PASSWORD, address="203.0.113.66").status_code == 429


def test_many_failures_behind_one_address_do_not_refuse_the_others_there(
        app, anonymous, password_hash):
    """An office or a hotel network: thirty failures from its address (on other accounts)
    used to refuse everyone behind it."""
    add_user(app, EMAIL, hashed=password_hash)
    for number in range(30):
        attempt(anonymous, "a guess", email=f"colleague{number}@ministry.example")
    assert attempt(app.test_client(), PASSWORD).status_code == 302


def test_guessing_from_many_addresses_slows_each_of_them_but_not_the_owner(
        app, password_hash):
    add_user(app, EMAIL, hashed=password_hash)
    for number in range(throttle.ACCOUNT_UNDER_ATTACK):
        attempt(app.test_client(), "a guess", address=f"198.51.100.{number}")
    # Under attack, one failure is enough for an address to wait.
    slowed = attempt(app.test_client(), PASSWORD, address="198.51.100.3")
    assert slowed.status_code == 429 and 0 < int(slowed.headers["Retry-After"]) <= 30
    assert attempt(app.test_client(), PASSWORD, address="192.0.2.99").status_code == 302


def test_failures_are_forgotten_after_a_day(app, anonymous, password_hash):
    add_user(app, EMAIL, hashed=password_hash)
    for _ in range(throttle.PAIR_FREE + 6):
        attempt(anonymous, "a guess")
    age_failures(app, dt.timedelta(hours=25))
    assert attempt(anonymous, PASSWORD).status_code == 302
