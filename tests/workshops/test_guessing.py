"""Limits per address on the way into a workshop: wrong codes on every path that takes
one, and joins that make a quick account or a team (security assessment, finding 3)."""

from __future__ import annotations

import datetime as dt

import pytest
from workshop_helpers import join, start_workshop, teams_of

from drafter import config, create_app, db
from drafter.models import LoginAttempt, Team, User, utcnow
from drafter.workshops import limits
from sqlalchemy import func, select

ELSEWHERE = "192.0.2.44"  # another network than the test client's 127.0.0.1


def from_elsewhere(app):
    """A client on another network than the test client's 127.0.0.1."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = ELSEWHERE
    return client


def wrong_code(client, path: str, attempt: int):
    """One wrong code through `path`: the join form, or the team page read or posted."""
    code = f"QQQ{attempt:03d}"
    if path == "form":
        return client.post("/join", data={"code": code})
    if path == "page":
        return client.get(f"/join/{code}")
    return client.post(f"/join/{code}", data={"team": "new", "new_team": "North",
                                             "your_name": "Eve"})


def rows(app, model) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(model))


def marks(app, address: str, when: dt.datetime, mark: str, n: int) -> None:
    with app.app_context():
        db.session().add_all([LoginAttempt(email=mark, address=address, at=when)
                              for _ in range(n)])
        db.session().commit()


def assert_refused(response, minutes: int):
    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert 60 * (minutes - 1) < int(response.headers["Retry-After"]) <= 60 * minutes
    assert f"Wait {minutes} minutes" in page
    return page


# --- wrong codes ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["form", "page", "post"])
def test_every_path_that_takes_a_code_counts_wrong_ones(app, client, path):
    start_workshop(client)
    guesser = app.test_client()
    for attempt in range(limits.CODE_FAILURES_PER_ADDRESS):
        assert wrong_code(guesser, path, attempt).status_code in (302, 400)
    page = assert_refused(wrong_code(guesser, path, 999), 15)
    assert "Too many wrong codes" in page
    # Another network is not held up by this one's guessing.
    assert wrong_code(from_elsewhere(app), path,
                      1).status_code in (302, 400)


def test_a_right_code_is_refused_too_while_guessing_is_held(app, client):
    workshop = start_workshop(client)
    guesser = app.test_client()
    for attempt in range(limits.CODE_FAILURES_PER_ADDRESS):
        wrong_code(guesser, "page", attempt)
    assert_refused(guesser.post("/join", data={"code": workshop.code}), 15)
    # The team page answers as for a wrong code: it does not tell that this one is right.
    right = assert_refused(guesser.get(f"/join/{workshop.code}"), 15)
    wrong = guesser.get("/join/QQQ999").get_data(as_text=True)
    assert workshop.name not in right
    assert right.replace(workshop.code, "QQQ999") == wrong
    response = guesser.post(f"/join/{workshop.code}", data={
        "team": "new", "new_team": "North", "your_name": "Eve"})
    assert_refused(response, 15)
    assert teams_of(app, workshop.id) == {}
    assert rows(app, User) == 1  # the trainer only: no quick account was made


def test_the_wait_is_until_enough_wrong_codes_are_old(app, client):
    workshop = start_workshop(client)
    marks(app, "127.0.0.1", utcnow() - dt.timedelta(minutes=11, seconds=30),
          limits.CODE_MARK, limits.CODE_FAILURES_PER_ADDRESS)
    participant = app.test_client()
    assert_refused(participant.post("/join", data={"code": workshop.code}), 4)
    # Once they are older than the window, the address is free again.
    with app.app_context():
        db.session().execute(LoginAttempt.__table__.update().values(
            at=utcnow() - limits.CODE_WINDOW - dt.timedelta(seconds=1)))
        db.session().commit()
    assert participant.post("/join", data={"code": workshop.code}).status_code == 302


# --- joins per address and hour -----------------------------------------------------------

def guest_join(client, code: str, team: str, name: str):
    return client.post(f"/join/{code}", data={"team": "new", "new_team": team,
                                              "your_name": name})


def test_joins_that_make_accounts_are_limited_per_address_and_hour(app, client, make_user):
    from support import log_in
    app.config["WORKSHOP_JOINS_PER_HOUR"] = 3
    workshop = start_workshop(client, scenario="empty")
    for team, name in (("North", "Leila"), ("North", "Tomás"), ("South", "Chidi")):
        join(app, workshop.code, team, name)
    users, teams = rows(app, User), rows(app, Team)
    response = guest_join(app.test_client(), workshop.code, "East", "Eve")
    page = assert_refused(response, 60)
    assert "Too many people joined from this network in the past hour" in page
    assert 'value="East"' in page and 'value="Eve"' in page  # what was typed is kept
    assert (rows(app, User), rows(app, Team)) == (users, teams)  # and nothing was written
    # An account of one's own joining an existing team makes nothing: it is not counted.
    official = app.test_client()
    log_in(official, make_user("desk@ministry.example", "Desk officer"))
    team_id = next(t.id for t in _teams(app, workshop.id) if t.name == "North")
    assert official.post(f"/join/{workshop.code}", data={"team": str(team_id)}).status_code == 302
    # Another network joins as before.
    join(app, workshop.code, "East", "Eve",
         client=from_elsewhere(app))


def test_the_join_limit_holds_across_app_processes(app, client):
    app.config["WORKSHOP_JOINS_PER_HOUR"] = 2
    workshop = start_workshop(client, scenario="empty")
    join(app, workshop.code, "North", "Leila")
    other = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "WTF_CSRF_ENABLED": False,
                        "DATABASE_URL": app.config["DATABASE_URL"],
                        "WORKSHOP_JOINS_PER_HOUR": 2})
    try:
        join(other, workshop.code, "North", "Tomás")
        assert guest_join(app.test_client(), workshop.code, "North", "Chidi").status_code == 429
        assert guest_join(other.test_client(), workshop.code, "North", "Chidi").status_code == 429
    finally:
        other.extensions["drafter.engine"].dispose()


def test_the_join_wait_is_until_the_oldest_counted_join_is_an_hour_old(app, client):
    app.config["WORKSHOP_JOINS_PER_HOUR"] = 3
    workshop = start_workshop(client, scenario="empty")
    marks(app, "127.0.0.1", utcnow() - dt.timedelta(minutes=50, seconds=30), limits.JOIN_MARK, 3)
    assert_refused(guest_join(app.test_client(), workshop.code, "North", "Leila"), 10)


def test_a_room_of_30_teams_of_two_behind_one_address_joins_with_the_default_limit(app, client):
    assert app.config["WORKSHOP_JOINS_PER_HOUR"] == 120
    workshop = start_workshop(client, scenario="empty")
    for number in range(30):
        for person in ("A", "B"):
            assert guest_join(app.test_client(), workshop.code, f"Team {number}",
                              f"{person} {number}").status_code == 302
    assert len(teams_of(app, workshop.id)) == 30


def test_the_join_limit_is_a_setting(monkeypatch, tmp_path):
    monkeypatch.setenv("DRAFTER_WORKSHOP_JOINS_PER_HOUR", "300")
    monkeypatch.setenv("DRAFTER_SECRET_KEY", "x")
    assert config.from_environment(str(tmp_path))["WORKSHOP_JOINS_PER_HOUR"] == 300


def _teams(app, workshop_id: int) -> list[Team]:
    with app.app_context():
        found = list(db.session().scalars(select(Team).where(Team.workshop_id == workshop_id)))
        db.session().expunge_all()
        return found
