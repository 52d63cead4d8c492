"""The cap on a workshop's teams: set by the trainer on the dashboard, 40 unless changed,
holding for participants and trainer alike, and for joins at the same moment."""

from __future__ import annotations

import threading

from workshop_helpers import get_workshop, join, start_workshop, teams_of

from drafter import db
from drafter.models import Plan, Team, User
from drafter.plan.store import PlanStore
from drafter.workshops import service
from sqlalchemy import func, select


def count(app, model) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(model))


def set_cap(client, workshop_id: int, value: str):
    return client.post(f"/workshops/{workshop_id}/teams/max", data={"max_teams": value})


def new_team(client, code: str, team: str, name: str):
    return client.post(f"/join/{code}", data={"team": "new", "new_team": team, "your_name": name})


def test_a_workshop_takes_40_teams_unless_the_trainer_says_otherwise(app, client):
    workshop = start_workshop(client, scenario="empty")
    assert workshop.max_teams == 40
    with app.app_context():
        room = db.session().get(type(workshop), workshop.id)
        for number in range(40):
            service.add_team(db.session(), room, f"Team {number}")
    users = count(app, User)
    response = new_team(app.test_client(), workshop.code, "One too many", "Leila")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert ("Name of the new team: This workshop has its 40 teams: join one of them, or ask "
            "the trainer.") in page
    assert 'value="One too many"' in page and 'value="Leila"' in page
    assert count(app, User) == users and len(teams_of(app, workshop.id)) == 40
    # Joining one of the teams is still open.
    join(app, workshop.code, "Team 7", "Leila")


def test_the_trainer_sets_the_cap_and_participants_meet_it(app, client):
    workshop = start_workshop(client, scenario="empty")
    response = set_cap(client, workshop.id, "2")
    assert response.status_code == 302
    assert "at most 2 teams" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert get_workshop(app, workshop.id).max_teams == 2
    join(app, workshop.code, "North", "Leila")
    join(app, workshop.code, "South", "Tomás")
    plans = count(app, Plan)
    response = new_team(app.test_client(), workshop.code, "East", "Chidi")
    assert response.status_code == 400
    assert "This workshop has its 2 teams: join one of them" in response.get_data(as_text=True)
    assert count(app, Plan) == plans  # no copy of the scenario left behind
    # The trainer's own "Add a team" is refused past the cap too, the name kept.
    response = client.post(f"/workshops/{workshop.id}/teams/add", data={"add-name": "East"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "This workshop has its 2 teams" in page
    assert 'value="East"' in page
    # Raised, there is room again.
    assert set_cap(client, workshop.id, "3").status_code == 302
    join(app, workshop.code, "East", "Chidi")
    assert set(teams_of(app, workshop.id)) == {"North", "South", "East"}


def test_the_cap_is_a_number_from_1_to_200_and_never_below_the_teams(app, client):
    workshop = start_workshop(client, scenario="empty")
    for value in ("0", "201", "many", ""):
        response = set_cap(client, workshop.id, value)
        page = response.get_data(as_text=True)
        assert response.status_code == 400, value
        assert page.count("Enter a number of teams from 1 to 200.") == 1, value
        assert f'value="{value}"' in page
    join(app, workshop.code, "North", "Leila")
    join(app, workshop.code, "South", "Tomás")
    response = set_cap(client, workshop.id, "1")
    assert response.status_code == 400
    assert "This workshop has 2 teams already, so it cannot take fewer" in response.get_data(
        as_text=True)
    assert set_cap(client, workshop.id, "2").status_code == 302  # as many as it has: closed
    assert get_workshop(app, workshop.id).max_teams == 2
    page = client.get(f"/workshops/{workshop.id}").get_data(as_text=True)
    assert "2 teams so far; the workshop takes at most 2." in page


def test_only_the_trainer_sets_the_cap(app, client):
    workshop = start_workshop(client, scenario="empty")
    participant, _plan_id = join(app, workshop.code, "North", "Leila")
    assert set_cap(participant, workshop.id, "200").status_code == 403
    assert get_workshop(app, workshop.id).max_teams == 40


def test_two_new_teams_at_the_same_moment_cannot_pass_the_cap(app, client, monkeypatch):
    workshop = start_workshop(client, scenario="empty")
    assert set_cap(client, workshop.id, "1").status_code == 302
    # Both joins have counted the teams (none yet) and copied the scenario before either
    # adds its team: only the count made while holding the workshop can tell them apart.
    both_copied = threading.Barrier(2, timeout=20)
    create_plan = PlanStore.create_plan

    def copy_then_wait(self, *args, **kwargs):
        plan_id = create_plan(self, *args, **kwargs)
        both_copied.wait()
        return plan_id

    monkeypatch.setattr(PlanStore, "create_plan", copy_then_wait)
    statuses = {}

    def arrive(team: str, name: str):
        statuses[team] = new_team(app.test_client(), workshop.code, team, name).status_code

    threads = [threading.Thread(target=arrive, args=args)
               for args in (("North", "Leila"), ("South", "Tomás"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(statuses.values()) == [302, 400]
    assert len(teams_of(app, workshop.id)) == 1
    assert count(app, Plan) == count(app, Team) == 1  # the refused one's copy is gone
    assert count(app, User) == 2  # the trainer and the one who got in
