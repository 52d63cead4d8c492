"""Helpers for the workshop tests: a trainer's workshop, and participants joining it
through the pages, as they would in the room."""

from __future__ import annotations

import re

from drafter import db
from drafter.models import Team, Workshop
from sqlalchemy import select


def start_workshop(client, name: str = "Drafting workshop, Lakeside Hotel",
                   scenario: str = "sample:weak", checklist: str = "csag-2012") -> Workshop:
    """The trainer (`client`, logged in) starts a workshop; returns it (detached)."""
    response = client.post("/workshops/new", data={
        "name": name, "starts_on": "2026-12-01", "ends_on": "2026-12-02",
        "scenario": scenario, "checklist": checklist})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    workshop_id = int(re.search(r"/workshops/(\d+)", response.headers["Location"]).group(1))
    return get_workshop(client.application, workshop_id)


def get_workshop(app, workshop_id: int) -> Workshop:
    with app.app_context():
        workshop = db.session().get(Workshop, workshop_id)
        db.session().expunge(workshop)
        return workshop


def join(app, code: str, team: str, name: str, client=None):
    """A participant joins `team` (new or existing, by name) with the code; returns their
    client (logged in by the join) and the team's plan id."""
    client = client or app.test_client()
    response = client.post("/join", data={"code": code})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    existing = dict((label, value) for value, label in re.findall(
        r'<input[^>]*name="team"[^>]*value="(\d+)"[^>]*>\s*<label[^>]*>([^<]+)</label>', page))
    data = {"your_name": name}
    if team in existing:
        data["team"] = existing[team]
    else:
        data.update(team="new", new_team=team)
    response = client.post(f"/join/{code}", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    plan_id = int(re.search(r"/plans/(\d+)", response.headers["Location"]).group(1))
    return client, plan_id


def teams_of(app, workshop_id: int) -> dict[str, int]:
    """Team name -> plan id."""
    with app.app_context():
        return {team.name: team.plan_id for team in db.session().scalars(
            select(Team).where(Team.workshop_id == workshop_id))}
