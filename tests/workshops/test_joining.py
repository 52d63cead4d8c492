"""Joining a workshop: the code, the team, the quick account, and what goes wrong."""

from __future__ import annotations

from workshop_helpers import join, start_workshop, teams_of

from drafter import db
from drafter.models import Membership, User
from drafter.plan.store import PlanStore
from sqlalchemy import select
from support import sample


def test_a_participant_joins_with_the_code_and_drafts_a_copy_of_the_scenario(app, client):
    workshop = start_workshop(client)
    participant, plan_id = join(app, workshop.code, "Coastal provinces", "Leila")
    page = participant.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert "Coastal provinces" in page and workshop.name in page
    with app.app_context():
        plan = PlanStore(db.session()).load(plan_id)
        assert plan.document.context == sample("weak-plan.json").context
        guest = db.session().scalars(select(User).where(User.name == "Leila")).one()
        assert guest.is_guest and guest.email.endswith("@workshop.invalid")
        roles = dict(db.session().execute(select(Membership.user_id, Membership.role)
                                          .where(Membership.plan_id == plan_id)).all())
    # The participant edits; the trainer only reviews (and so opens the plan read-only).
    assert roles == {guest.id: "editor", workshop.trainer_id: "reviewer"}


def test_the_code_is_forgiving_about_case_spaces_and_hyphens(app, client):
    workshop = start_workshop(client)
    typed = f" {workshop.code[:3].lower()}-{workshop.code[3:].lower()} "
    response = app.test_client().post("/join", data={"code": typed})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/join/{workshop.code}")


def test_a_wrong_code_is_refused_with_the_code_kept(app, client):
    start_workshop(client)
    response = app.test_client().post("/join", data={"code": "ZZZZZ9"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "No workshop has this code" in page and 'value="ZZZZZ9"' in page


def test_codes_cannot_be_guessed_endlessly(app, client):
    start_workshop(client)
    guesser = app.test_client()
    for attempt in range(40):
        guesser.post("/join", data={"code": f"QQQQ{attempt:02d}"})
    page = guesser.post("/join", data={"code": "QQQQQQ"}).get_data(as_text=True)
    assert "Too many wrong codes" in page


def test_second_member_joins_the_existing_team_and_shares_its_plan(app, client):
    workshop = start_workshop(client)
    _first, plan_a = join(app, workshop.code, "Coastal provinces", "Leila")
    _second, plan_b = join(app, workshop.code, "Coastal provinces", "Tomás")
    assert plan_a == plan_b
    # Typing the name of an existing team (in other letters' case) joins it too.
    _third, plan_c = join(app, workshop.code, "COASTAL PROVINCES", "Chidi")
    assert plan_c == plan_a
    assert teams_of(app, workshop.id) == {"Coastal provinces": plan_a}


def test_joining_needs_a_name_and_a_team_and_keeps_what_was_typed(app, client):
    workshop = start_workshop(client)
    participant = app.test_client()
    response = participant.post(f"/join/{workshop.code}", data={"team": "new", "new_team": "",
                                                               "your_name": "Leila"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter a name for your new team" in page and 'value="Leila"' in page
    response = participant.post(f"/join/{workshop.code}", data={"team": "new",
                                                               "new_team": "North", "your_name": " "})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Enter your name" in page and 'value="North"' in page
    assert teams_of(app, workshop.id) == {}


def test_a_logged_in_official_joins_with_their_own_account(app, client, make_user):
    from support import log_in
    workshop = start_workshop(client)
    official = app.test_client()
    user_id = make_user("desk@ministry.example", "Desk officer")
    log_in(official, user_id)
    page = official.get(f"/join/{workshop.code}").get_data(as_text=True)
    assert "You join as Desk officer" in page
    response = official.post(f"/join/{workshop.code}", data={"team": "new", "new_team": "North"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session().scalar(select(Membership.role).where(
            Membership.user_id == user_id)) == "editor"


def test_the_trainer_cannot_join_their_own_workshop_as_a_team(app, client):
    workshop = start_workshop(client)
    response = client.post(f"/join/{workshop.code}", data={"team": "new", "new_team": "North"})
    assert response.status_code == 400
    assert "You run this workshop" in response.get_data(as_text=True)


def test_a_quick_account_cannot_log_in_with_a_password(app, client):
    workshop = start_workshop(client)
    join(app, workshop.code, "North", "Leila")
    with app.app_context():
        email = db.session().scalar(select(User.email).where(User.name == "Leila"))
    response = app.test_client().post("/login", data={"email": email, "password": "!guest-account-no-password"})
    assert response.status_code != 302


def test_a_new_team_name_typed_without_ticking_new_team_starts_that_team(app, client):
    workshop = start_workshop(client)
    join(app, workshop.code, "North", "Leila")
    response = app.test_client().post(f"/join/{workshop.code}",
                                      data={"new_team": "South", "your_name": "Tomás"})
    assert response.status_code == 302
    assert set(teams_of(app, workshop.id)) == {"North", "South"}


def test_a_quick_account_cannot_start_a_workshop(app, client):
    workshop = start_workshop(client)
    participant, _plan_id = join(app, workshop.code, "North", "Leila")
    page = participant.get("/workshops").get_data(as_text=True)
    assert "Start a workshop" not in page
    assert "You do not run any workshop yet" not in page  # nor ever can: no "yet" for them
    response = participant.post("/workshops/new", data={
        "name": "Mine", "scenario": "empty", "checklist": "csag-2012"}, follow_redirects=True)
    assert "sign up for an account of your own" in response.get_data(as_text=True)


def test_every_problem_of_the_join_form_is_named_at_once(app, client):
    workshop = start_workshop(client)
    join(app, workshop.code, "North", "Leila")
    page = app.test_client().post(f"/join/{workshop.code}", data={}).get_data(as_text=True)
    assert "Choose your team, or start a new one" in page and "Enter your name" in page


def test_a_workshop_form_with_errors_names_the_field_and_keeps_what_was_typed(client):
    data = {"name": "Lakeside", "starts_on": "2026-12-02", "ends_on": "2026-12-01",
            "scenario": "empty", "checklist": "csag-2012"}
    page = client.post("/workshops/new", data=data).get_data(as_text=True)
    assert "Last day: The last day cannot be before the first day." in page
    assert 'value="Lakeside"' in page
    # A scenario that is not offered is the scenario's problem, whatever the dates say.
    page = client.post("/workshops/new", data={**data, "ends_on": "2026-12-03",
                                               "scenario": "plan:999"}).get_data(as_text=True)
    assert "Scenario: the plan every team starts from: Choose one of the scenarios listed." in page
