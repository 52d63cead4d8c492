"""Accounts: sign up, log in and out, change password, administrators; a sign-up or a
log-in tells no stranger whether an address has an account."""

from __future__ import annotations

from support import PASSWORD, add_user
from drafter import db, mail
from drafter.auth import passwords
from drafter.auth.passwords import check_password
from drafter.models import User


def sign_up(client, email="amina@ministry.example", password="a long enough password"):
    return client.post("/signup", data={"name": "Amina", "email": email, "password": password})


def test_signing_up_then_logging_in_and_the_first_account_is_the_administrator(app, anonymous):
    response = sign_up(anonymous)
    assert response.status_code == 302
    assert response.location == "/login?email=amina@ministry.example"
    page = anonymous.get(response.location).get_data(as_text=True)
    assert "Now log in with amina@ministry.example" in page
    assert 'value="amina@ministry.example"' in page  # the address is filled in
    logged_in = anonymous.post("/login", data={"email": "amina@ministry.example",
                                               "password": "a long enough password"})
    assert logged_in.status_code == 302
    assert "Your plans" in anonymous.get("/").get_data(as_text=True)
    second = app.test_client()
    sign_up(second, "jorge@network.example")
    with app.app_context():
        admins = {u.email: u.is_admin for u in db.session().query(User)}
    assert admins == {"amina@ministry.example": True, "jorge@network.example": False}


def test_passwords_are_stored_hashed_with_argon2(app, anonymous):
    sign_up(anonymous, password="a long enough password")
    with app.app_context():
        stored = db.session().query(User).one().password_hash
    assert stored.startswith("$argon2id$") and "a long enough password" not in stored
    assert check_password(stored, "a long enough password")


def test_bad_sign_ups_come_back_with_what_was_typed(anonymous):
    response = sign_up(anonymous, email="not-an-address", password="short")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter an e-mail address like" in html and "not-an-address" in html
    assert "at least 10 characters" in html
    # Each message stands by its own field too, not only in the summary at the top.
    assert 'id="email-error"' in html and 'id="password-error"' in html


def test_signing_up_with_an_address_that_has_an_account_tells_nothing(app, anonymous,
                                                                     monkeypatch):
    sent = []
    monkeypatch.setattr(mail, "send", lambda config, to, subject, body: sent.append(to) or True)
    first = sign_up(anonymous, password="a long enough password")
    stranger = app.test_client()
    again = sign_up(stranger, password="the stranger's own password")
    assert (again.status_code, again.location) == (first.status_code, first.location)
    assert stranger.get(again.location).get_data(as_text=True).count("Now log in with") == 1
    assert "already" not in stranger.get(again.location).get_data(as_text=True)
    with app.app_context():
        users = db.session().query(User).all()
        assert len(users) == 1  # the account is untouched: its password still works
        assert check_password(users[0].password_hash, "a long enough password")
    assert sent == ["amina@ministry.example"]  # its owner is told, where mail is set up


def test_a_log_in_for_an_unknown_address_checks_a_password_all_the_same(
        app, anonymous, password_hash, monkeypatch):
    """An unknown address must not answer sooner than a wrong password (140 ms against
    10 ms told which addresses have accounts): both verify an Argon2 hash."""
    add_user(app, "amina@ministry.example", hashed=password_hash)
    verified = []
    real = passwords._hasher

    class Counting:
        def verify(self, stored, given):
            verified.append(stored)
            return real.verify(stored, given)

        def __getattr__(self, name):
            return getattr(real, name)

    monkeypatch.setattr(passwords, "_hasher", Counting())
    anonymous.post("/login", data={"email": "amina@ministry.example", "password": "a guess"})
    anonymous.post("/login", data={"email": "nobody@ministry.example", "password": "a guess"})
    assert len(verified) == 2 and all(stored.startswith("$argon2id$") for stored in verified)


def test_an_overlong_log_in_address_is_refused_with_a_message(anonymous):
    response = anonymous.post("/login", data={"email": "a" * 300 + "@ministry.example",
                                              "password": "whatever it is"})
    assert response.status_code == 400
    assert "at most 254 characters" in response.get_data(as_text=True)


def test_logging_in_and_out(app, anonymous, password_hash):
    add_user(app, "amina@ministry.example", hashed=password_hash)
    assert anonymous.get("/").status_code == 302
    wrong = anonymous.post("/login", data={"email": "amina@ministry.example", "password": "nope"})
    assert wrong.status_code == 400 and "is not right" in wrong.get_data(as_text=True)
    right = anonymous.post("/login?next=/plans/new", data={
        "email": "AMINA@ministry.example ", "password": PASSWORD})
    assert right.status_code == 302 and right.location == "/plans/new"
    assert anonymous.get("/").status_code == 200
    anonymous.post("/logout")
    assert anonymous.get("/").status_code == 302


def test_log_in_never_sends_people_to_another_site(app, anonymous, password_hash):
    add_user(app, "amina@ministry.example", hashed=password_hash)
    for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = anonymous.post(f"/login?next={target}", data={
            "email": "amina@ministry.example", "password": PASSWORD})
        assert response.location == "/"


def test_changing_the_password(app, client, owner_id):
    wrong = client.post("/account/password", data={"current": "wrong", "new": "another long password",
                                                   "confirm": "another long password"})
    assert wrong.status_code == 400 and "not right" in wrong.get_data(as_text=True)
    response = client.post("/account/password", data={
        "current": PASSWORD, "new": "another long password", "confirm": "another long password"})
    assert response.status_code == 302
    with app.app_context():
        assert check_password(db.session().get(User, owner_id).password_hash, "another long password")


def test_sessions_expire_and_cookies_are_guarded(app, client):
    assert app.permanent_session_lifetime.total_seconds() == 12 * 3600
    response = client.get("/")
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_create_admin_command(app, runner):
    result = runner.invoke(args=["create-admin", "root@ministry.example", "--name", "Root",
                                 "--password", "a long admin password"])
    assert result.exit_code == 0
    with app.app_context():
        user = db.session().query(User).filter_by(email="root@ministry.example").one()
        assert user.is_admin
    result = runner.invoke(args=["create-admin", "x@ministry.example", "--password", "short"])
    assert result.exit_code == 2 and "at least 10 characters" in result.output
