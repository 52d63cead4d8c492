"""Teams in a workshop: isolation between teams, the trainer's lock, reset, adding and
renaming teams."""

from __future__ import annotations

import re

import pytest
from workshop_helpers import join, start_workshop, teams_of

from drafter import db
from drafter.history import service as history
from drafter.plan.store import PlanStore
from support import sample

CONTEXT = "Two decades of conflict in the northern provinces displaced 400,000 people."


def version_of(app, plan_id: int, section: str) -> int:
    with app.app_context():
        return PlanStore(db.session()).load(plan_id).sections[section].version


def save_context(participant, plan_id: int, text: str, version: int):
    return participant.post(f"/plans/{plan_id}/context", data={
        "conflict_analysis": text, "version": str(version), "save": "continue"})


@pytest.fixture
def room(app, client):
    """A workshop with two teams of one participant each."""
    workshop = start_workshop(client, scenario="empty")
    north, north_plan = join(app, workshop.code, "North", "Leila")
    south, south_plan = join(app, workshop.code, "South", "Tomás")
    return {"workshop": workshop, "north": north, "north_plan": north_plan,
            "south": south, "south_plan": south_plan}


# --- isolation -----------------------------------------------------------------------------

def test_each_team_gets_its_own_plan(room):
    assert room["north_plan"] != room["south_plan"]


@pytest.mark.parametrize("path", ["", "/check", "/context", "/scorecard", "/export.json",
                                  "/draft.pdf", "/history", "/comments", "/members"])
def test_a_team_can_never_open_another_teams_plan(room, path):
    response = room["north"].get(f"/plans/{room['south_plan']}{path}")
    response.close()
    assert response.status_code == 403


def test_a_team_can_never_change_another_teams_plan(app, room):
    south_plan = room["south_plan"]
    response = save_context(room["north"], south_plan, "Written by the wrong team", 0)
    assert response.status_code == 403
    for url, data in ((f"/plans/{south_plan}/history/revisions", {"name": "x"}),
                      (f"/plans/{south_plan}/checklist", {"checklist": "first-plan-minimum"}),
                      (f"/plans/{south_plan}/comments/context", {"body": "x"}),
                      (f"/plans/{south_plan}/delete", {})):
        assert room["north"].post(url, data=data).status_code == 403, url
    with app.app_context():
        plan = PlanStore(db.session()).load(south_plan)
        assert plan.sections["context"].version == 0 and plan.checklist == "csag-2012"


def test_participants_cannot_use_the_trainers_dashboard_or_controls(room):
    workshop_id = room["workshop"].id
    for method, url in (("get", f"/workshops/{workshop_id}"), ("get", f"/workshops/{workshop_id}/teams"),
                        ("post", f"/workshops/{workshop_id}/lock"),
                        ("get", f"/workshops/{workshop_id}/debrief.zip")):
        response = getattr(room["north"], method)(url)
        response.close()
        assert response.status_code == 403, url


def test_a_participant_cannot_invite_anyone_into_their_team(room):
    response = room["north"].post(f"/plans/{room['north_plan']}/members/invite",
                                  data={"role": "editor"})
    assert response.status_code == 403


def test_joining_another_team_leaves_the_first(app, room):
    code = room["workshop"].code
    _client, plan_id = join(app, code, "South", "Leila", client=room["north"])
    assert plan_id == room["south_plan"]
    assert room["north"].get(f"/plans/{room['north_plan']}").status_code == 403


def test_the_home_page_of_a_participant_lists_only_their_team(room):
    page = room["north"].get("/").get_data(as_text=True)
    assert f"/plans/{room['north_plan']}" in page
    assert f"/plans/{room['south_plan']}" not in page


# --- locking -------------------------------------------------------------------------------

def test_a_locked_workshop_keeps_what_a_team_typed_and_saves_nothing(app, client, room):
    workshop_id, plan_id = room["workshop"].id, room["north_plan"]
    assert client.post(f"/workshops/{workshop_id}/lock").status_code == 302
    response = save_context(room["north"], plan_id, CONTEXT, 0)
    page = response.get_data(as_text=True)
    assert response.status_code == 423
    assert "The trainer has locked editing, so this was not saved" in page
    assert "400,000 people" in page  # what they typed is still in the form
    assert version_of(app, plan_id, "context") == 0
    # The page they read while locked has no save button and says why.
    page = room["north"].get(f"/plans/{plan_id}/context").get_data(as_text=True)
    assert "The trainer has locked editing for now" in page
    assert "Save and continue" not in page
    # Other edits are refused with a page that says so.
    response = room["north"].post(f"/plans/{plan_id}/history/revisions", data={"name": "Mine"})
    assert response.status_code == 423 and "Editing is locked" in response.get_data(as_text=True)
    # Unlocked, the same save goes through.
    assert client.post(f"/workshops/{workshop_id}/unlock").status_code == 302
    assert save_context(room["north"], plan_id, CONTEXT, 0).status_code == 302
    assert version_of(app, plan_id, "context") == 1


def test_the_lock_shows_on_the_teams_pages_and_the_dashboard(client, room):
    workshop_id = room["workshop"].id
    client.post(f"/workshops/{workshop_id}/lock")
    assert "Editing locked by the trainer" in room["north"].get(
        f"/plans/{room['north_plan']}").get_data(as_text=True)
    assert "Teams can read their plans but not change them" in client.get(
        f"/workshops/{workshop_id}").get_data(as_text=True)


def test_the_lock_does_not_stop_reading_or_commenting(client, room):
    client.post(f"/workshops/{room['workshop'].id}/lock")
    plan_id = room["north_plan"]
    assert room["north"].get(f"/plans/{plan_id}/scorecard").status_code == 200
    response = room["north"].post(f"/plans/{plan_id}/comments/context",
                                  data={"body": "We should add the 2024 survey."})
    assert response.status_code == 302


# --- reset ---------------------------------------------------------------------------------

def test_reset_brings_a_team_back_to_the_scenario_and_keeps_their_work(app, client):
    workshop = start_workshop(client, scenario="sample:weak")
    team, plan_id = join(app, workshop.code, "North", "Leila")
    other, other_plan = join(app, workshop.code, "South", "Tomás")
    version = version_of(app, plan_id, "context")
    assert save_context(team, plan_id, CONTEXT, version).status_code == 302
    assert save_context(other, other_plan, CONTEXT, version).status_code == 302
    team_id = next(int(t) for t in re.findall(r"/teams/(\d+)/reset", client.get(
        f"/workshops/{workshop.id}?sort=name").get_data(as_text=True)))
    assert "Reset team" in client.get(f"/workshops/{workshop.id}/teams/{team_id}/reset").get_data(as_text=True)
    response = client.post(f"/workshops/{workshop.id}/teams/{team_id}/reset")
    assert response.status_code == 302
    with app.app_context():
        session = db.session()
        plan = PlanStore(session).load(plan_id)
        assert plan.document.context == sample("weak-plan.json").context
        kept = [r for r in history.revisions(session, plan_id) if r.name == "Before the trainer's reset"]
        assert kept and history.revision_document(session, plan_id, kept[0].id).context.conflict_analysis == CONTEXT
        # The other team is untouched.
        assert PlanStore(session).load(other_plan).document.context.conflict_analysis == CONTEXT
    # The team keeps working on the same plan, from the scenario.
    assert team.get(f"/plans/{plan_id}/context").status_code == 200


def test_reset_of_an_untouched_team_changes_nothing(app, client, room):
    with app.app_context():
        from drafter.workshops import service
        team_id = next(t.id for t in service.teams(db.session(), room["workshop"].id)
                       if t.plan_id == room["north_plan"])
    response = client.post(f"/workshops/{room['workshop'].id}/teams/{team_id}/reset",
                           follow_redirects=True)
    assert "had not changed the scenario" in response.get_data(as_text=True)
    with app.app_context():
        assert history.revisions(db.session(), room["north_plan"]) == []


# --- adding and renaming -------------------------------------------------------------------

def test_the_trainer_adds_and_renames_teams(app, client, room):
    workshop_id = room["workshop"].id
    response = client.post(f"/workshops/{workshop_id}/teams/add", data={"add-name": "East"})
    assert response.status_code == 302
    assert set(teams_of(app, workshop_id)) == {"North", "South", "East"}
    # A duplicate (in any case) is refused with a message, and the name typed kept.
    response = client.post(f"/workshops/{workshop_id}/teams/add", data={"add-name": "east"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "There is already a team called" in page
    assert 'value="east"' in page
    with app.app_context():
        from drafter.workshops import service
        east = next(t for t in service.teams(db.session(), workshop_id) if t.name == "East")
    response = client.post(f"/workshops/{workshop_id}/teams/{east.id}/rename",
                           data={"rename-name": "East and islands"}, follow_redirects=True)
    assert "Renamed “East” to “East and islands”" in response.get_data(as_text=True)
    response = client.post(f"/workshops/{workshop_id}/teams/{east.id}/rename",
                           data={"rename-name": "North"}, follow_redirects=True)
    assert "There is already a team called" in response.get_data(as_text=True)
    assert set(teams_of(app, workshop_id)) == {"North", "South", "East and islands"}


def test_a_team_of_another_workshop_cannot_be_managed_from_this_one(app, client, room):
    other = start_workshop(client, name="Second workshop")
    with app.app_context():
        from drafter.workshops import service
        team_id = service.teams(db.session(), room["workshop"].id)[0].id
    response = client.post(f"/workshops/{other.id}/teams/{team_id}/rename",
                           data={"rename-name": "Stolen"})
    assert response.status_code == 404


def test_a_team_keeps_the_checklist_the_trainer_chose(app, room):
    plan_id = room["north_plan"]
    assert 'name="checklist"' not in room["north"].get(f"/plans/{plan_id}/scorecard").get_data(as_text=True)
    response = room["north"].post(f"/plans/{plan_id}/checklist",
                                  data={"checklist": "first-plan-minimum"}, follow_redirects=True)
    assert "the checklist the trainer chose" in response.get_data(as_text=True)
    with app.app_context():
        assert PlanStore(db.session()).load(plan_id).checklist == "csag-2012"


def test_the_trainer_removes_a_team_started_by_mistake(app, client, room):
    workshop_id, code = room["workshop"].id, room["workshop"].code
    stray, stray_plan = join(app, code, "Nroth", "Leila")  # a misspelt team
    with app.app_context():
        from drafter.workshops import service
        team_id = next(t.id for t in service.teams(db.session(), workshop_id) if t.name == "Nroth")
    page = client.get(f"/workshops/{workshop_id}/teams/{team_id}/remove").get_data(as_text=True)
    assert "Remove team “Nroth”?" in page and "Leila" in page
    assert room["north"].post(f"/workshops/{workshop_id}/teams/{team_id}/remove").status_code == 403
    response = client.post(f"/workshops/{workshop_id}/teams/{team_id}/remove", follow_redirects=True)
    assert "Removed the team “Nroth”" in response.get_data(as_text=True)
    assert set(teams_of(app, workshop_id)) == {"North", "South"}
    assert stray.get(f"/plans/{stray_plan}").status_code == 403
    # The participant joins the right team with the code, as before.
    _client, plan_id = join(app, code, "North", "Leila", client=stray)
    assert plan_id == room["north_plan"]
    assert client.post(f"/workshops/{workshop_id}/teams/{team_id}/remove").status_code == 404
