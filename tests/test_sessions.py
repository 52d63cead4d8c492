"""Log-ins that can be ended: the remember-me cookie is a random token per device,
stored hashed, that log-out, a password change and "log out everywhere" revoke; a session
cookie kept from before any of them no longer works; an idle log-in ends."""

from __future__ import annotations

import datetime as dt

import pytest
from flask_login.utils import encode_cookie
from support import PASSWORD, add_user
from sqlalchemy import select

from drafter import db
from drafter.auth.login import DEVICE_COOKIE, LEGACY_COOKIE
from drafter.models import LoginSession

EMAIL = "amina@ministry.example"
NEW_PASSWORD = "a brand new long password"


@pytest.fixture
def user_id(app, password_hash):
    return add_user(app, EMAIL, hashed=password_hash)


def log_in(app, remember=True):
    client = app.test_client()
    response = client.post("/login", data={"email": EMAIL, "password": PASSWORD,
                                           **({"remember": "y"} if remember else {})})
    assert response.status_code == 302
    return client


def cookie(client, name):
    found = client.get_cookie(name)
    return found.value if found else None


def logged_in(client) -> bool:
    return client.get("/").status_code == 200


def fresh_client_with(app, **cookies):
    """Another browser holding copies of these cookies (as a thief would)."""
    client = app.test_client()
    for name, value in cookies.items():
        client.set_cookie(name, value)
    return client


def shift(app, column: str, back: dt.timedelta) -> None:
    """Move a time of every log-in back, as if `back` had passed."""
    with app.app_context():
        session = db.session()
        for row in session.scalars(select(LoginSession)):
            setattr(row, column, getattr(row, column) - back)  # SQLite has no date arithmetic
        session.commit()


def test_the_remember_cookie_is_random_and_only_its_digest_is_stored(app, user_id):
    first, second = cookie(log_in(app), DEVICE_COOKIE), cookie(log_in(app), DEVICE_COOKIE)
    assert first and second and first != second
    assert "|" not in first  # not Flask-Login's "id|signature"
    with app.app_context():
        stored = db.session().scalars(select(LoginSession.remember_hash)).all()
    assert len(stored) == 2 and first not in stored and second not in stored


def test_without_keep_me_logged_in_no_remember_cookie_is_set(app, user_id):
    client = log_in(app, remember=False)
    assert cookie(client, DEVICE_COOKIE) is None
    client.delete_cookie("session")  # the browser is closed
    assert not logged_in(client)


def test_the_remember_cookie_brings_back_a_lost_session(app, user_id):
    client = log_in(app)
    client.delete_cookie("session")
    assert logged_in(client)


def test_after_log_out_neither_cookie_works_again(app, user_id):
    client = log_in(app)
    kept = {"session": cookie(client, "session"), DEVICE_COOKIE: cookie(client, DEVICE_COOKIE)}
    client.post("/logout")
    assert not logged_in(client)
    assert not logged_in(fresh_client_with(app, session=kept["session"]))
    assert not logged_in(fresh_client_with(app, **{DEVICE_COOKIE: kept[DEVICE_COOKIE]}))


def test_log_out_ends_this_device_only(app, user_id):
    laptop, phone = log_in(app), log_in(app)
    laptop.post("/logout")
    assert logged_in(phone)


def test_a_password_change_logs_out_every_other_device(app, user_id):
    laptop, phone = log_in(app), log_in(app)
    stolen = {"session": cookie(phone, "session"), DEVICE_COOKIE: cookie(phone, DEVICE_COOKIE)}
    response = laptop.post("/account/password", data={
        "current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert logged_in(laptop)  # the device that changed it stays logged in...
    laptop.delete_cookie("session")
    assert logged_in(laptop)  # ...and remembered, as it was
    assert not logged_in(phone)
    assert not logged_in(fresh_client_with(app, session=stolen["session"]))
    assert not logged_in(fresh_client_with(app, **{DEVICE_COOKIE: stolen[DEVICE_COOKIE]}))


def test_log_out_everywhere(app, user_id):
    laptop, phone = log_in(app), log_in(app, remember=False)
    page = laptop.get("/account/devices").get_data(as_text=True)
    assert page.count("<li>") == 2 and "this device" in page  # two log-ins
    response = laptop.post("/account/devices/end")
    assert response.status_code == 302 and response.location.startswith("/login")
    assert not logged_in(laptop) and not logged_in(phone)
    with app.app_context():
        assert db.session().scalars(select(LoginSession)).all() == []


def test_an_idle_log_in_ends_after_twelve_hours_whatever_its_cookie(app, user_id):
    client = log_in(app, remember=False)
    shift(app, "last_seen_at", dt.timedelta(hours=13))
    assert not logged_in(client)


def test_a_remember_cookie_ends_after_fourteen_days(app, user_id):
    client = log_in(app)
    client.delete_cookie("session")
    shift(app, "remember_until", dt.timedelta(days=15))
    assert not logged_in(client)
    assert cookie(client, DEVICE_COOKIE) is None  # and it is deleted from the browser


def test_a_remember_cookie_of_the_old_kind_no_longer_logs_in(app, user_id):
    """Flask-Login's own cookie was the user id and its signature: the same at every
    log-in, valid after log-out and password changes. It is refused, and deleted."""
    with app.test_request_context():
        legacy = encode_cookie(str(user_id))
    client = fresh_client_with(app, **{LEGACY_COOKIE: legacy})
    response = client.get("/")
    assert response.status_code == 302
    assert cookie(client, LEGACY_COOKIE) is None


def test_a_session_cookie_naming_only_the_user_id_is_refused(app, user_id):
    """A session from before device log-ins (or forged from a leaked key) held the id alone."""
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(user_id), True
    assert not logged_in(client)
