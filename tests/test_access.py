"""Every URL of the app, for every role, a logged-in stranger and an anonymous visitor:
allowed or refused exactly as the table below says. The table is written here, apart
from the app's own, so that a change to either shows; a route missing here fails."""

from __future__ import annotations

import pytest

from support import log_in
from drafter import db
from drafter.history import service as history
from drafter.members import service as members
from drafter.plan.schema import PlanDocument
from drafter.review import service as review
from drafter.workshops import service as workshops

ANONYMOUS, STRANGER, VIEWER, REVIEWER, EDITOR, OWNER = (
    "anonymous", "stranger", "viewer", "reviewer", "editor", "owner")
ORDER = [ANONYMOUS, STRANGER, VIEWER, REVIEWER, EDITOR, OWNER]  # destructive calls come last
EVERYONE = set(ORDER)
LOGGED_IN = EVERYONE - {ANONYMOUS}
READERS = {VIEWER, REVIEWER, EDITOR, OWNER}
EDITORS = {EDITOR, OWNER}
OWNERS = {OWNER}
COMMENTERS = {REVIEWER, EDITOR, OWNER}
RESOLVERS = {EDITOR, OWNER}
ASSESSORS = {REVIEWER}
TRAINERS = {OWNER}  # the owner of the plan also runs the workshop in `world`

EXPECTED = {
    "static": {"GET": EVERYONE},
    "ops.health": {"GET": EVERYONE},
    "ops.favicon": {"GET": EVERYONE},
    "help.glossary": {"GET": EVERYONE},
    "help.scoring": {"GET": EVERYONE},
    "language.choose": {"POST": EVERYONE},
    "auth.login": {"GET": EVERYONE, "POST": EVERYONE},
    "auth.signup": {"GET": EVERYONE, "POST": EVERYONE},
    "auth.logout": {"POST": LOGGED_IN},
    "auth.change_password": {"GET": LOGGED_IN, "POST": LOGGED_IN},
    "auth.devices": {"GET": LOGGED_IN},
    "auth.end_devices": {"POST": LOGGED_IN},
    "plans.index": {"GET": LOGGED_IN},
    "plans.new": {"GET": LOGGED_IN, "POST": LOGGED_IN},
    "plans.import_plan": {"POST": LOGGED_IN},
    "plans.delete": {"GET": OWNERS, "POST": OWNERS},
    "members.members": {"GET": READERS},
    "members.invite": {"POST": OWNERS},
    "members.change_role": {"POST": OWNERS},
    "members.remove": {"POST": OWNERS},
    "members.accept": {"GET": LOGGED_IN, "POST": LOGGED_IN},
    "wizard.tasklist": {"GET": READERS},
    "wizard.check": {"GET": READERS},
    "wizard.export": {"GET": READERS},
    "wizard.step": {"GET": READERS, "POST": EDITORS},
    "wizard.resolve": {"POST": EDITORS},
    "wizard.item": {"GET": READERS, "POST": EDITORS},
    "wizard.delete_item": {"GET": EDITORS, "POST": EDITORS},
    "scorecard.scorecard": {"GET": READERS},
    "scorecard.choose_checklist": {"POST": EDITORS},
    "reports.draft_pdf": {"GET": READERS, "POST": READERS},  # POST: try again
    "reports.gap_report_pdf": {"GET": READERS, "POST": READERS},  # POST: try again
    "reports.draft_docx": {"GET": READERS, "POST": READERS},  # POST: try again
    "review.comments": {"GET": READERS},
    "review.section_comments": {"GET": READERS, "POST": COMMENTERS},
    "review.reply": {"POST": COMMENTERS},
    "review.resolve": {"POST": RESOLVERS},
    "review.reopen": {"POST": RESOLVERS},
    "review.assessments": {"GET": READERS},
    "review.assess": {"POST": ASSESSORS},
    "history.history": {"GET": READERS},
    "history.save": {"POST": EDITORS},
    "history.revision": {"GET": READERS},
    "history.compare": {"GET": READERS},
    "history.restore": {"GET": EDITORS, "POST": EDITORS},
    "history.section": {"GET": READERS},
    "workshops.index": {"GET": LOGGED_IN},
    "workshops.new": {"GET": LOGGED_IN, "POST": LOGGED_IN},
    "workshops.join": {"GET": EVERYONE, "POST": EVERYONE},
    "workshops.join_team": {"GET": EVERYONE, "POST": EVERYONE},
    "workshops.dashboard_page": {"GET": TRAINERS},
    "workshops.teams_table": {"GET": TRAINERS},
    "workshops.compare": {"GET": TRAINERS},
    "workshops.add_team": {"POST": TRAINERS},
    "workshops.set_max_teams": {"POST": TRAINERS},
    "workshops.rename_team": {"POST": TRAINERS},
    "workshops.reset_team": {"GET": TRAINERS, "POST": TRAINERS},
    "workshops.remove_team": {"GET": TRAINERS, "POST": TRAINERS},
    "workshops.lock": {"POST": TRAINERS},
    "workshops.unlock": {"POST": TRAINERS},
    "workshops.summary_pdf": {"GET": TRAINERS, "POST": TRAINERS},  # POST: try again
    "workshops.debrief_zip": {"GET": TRAINERS, "POST": TRAINERS},  # POST: try again
}


def app_routes(app) -> set[tuple[str, str]]:
    return {(rule.endpoint, method) for rule in app.url_map.iter_rules()
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def test_every_route_is_in_the_table(app):
    expected = {(endpoint, method) for endpoint, methods in EXPECTED.items() for method in methods}
    assert app_routes(app) == expected


@pytest.fixture
def world(app, make_user, owner_id):
    """A plan with one person in each role, and a client for each."""
    with app.app_context():
        from drafter.plan.store import PlanStore

        plan_id = PlanStore(db.session()).create_plan(PlanDocument.model_validate(
            {"about": {"title": "Access plan"}, "actions": {"items": [{"id": "a1", "title": "Act"}]}}),
            owner_id=owner_id)
        users = {OWNER: owner_id}
        for role in (EDITOR, REVIEWER, VIEWER, STRANGER):
            users[role] = make_user(f"{role}@example.org", role.title())
            if role != STRANGER:
                members.set_role(db.session(), plan_id, users[role], role)
        token = members.invite(db.session(), plan_id, "viewer", owner_id)
        thread_id = review.start_thread(db.session(), plan_id, "actions", owner_id, "A comment")
        revision_id = history.save_revision(db.session(), plan_id, "First draft", owner_id).id
        workshop = workshops.create_workshop(db.session(), name="Access workshop",
                                             trainer_id=owner_id, scenario=PlanDocument(),
                                             checklist="csag-2012")
        team_id = workshops.add_team(db.session(), workshop, "Team A").id
        code = workshop.code
    clients = {}
    for role in ORDER:
        clients[role] = app.test_client()
        if role != ANONYMOUS:
            log_in(clients[role], users[role])
    return {"plan_id": plan_id, "users": users, "token": token, "clients": clients,
            "revision_id": revision_id, "thread_id": thread_id, "workshop_id": workshop.id,
            "team_id": team_id, "code": code}


def url_for_rule(app, rule, world) -> str:
    values = {"plan_id": world["plan_id"], "section": "actions", "item_id": "a1",
              "user_id": world["users"][VIEWER], "token": world["token"], "filename": "css/app.css",
              "revision_id": world["revision_id"], "thread_id": world["thread_id"],
              "criterion": "POL-1", "workshop_id": world["workshop_id"],
              "team_id": world["team_id"], "code": world["code"]}
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **{arg: values[arg] for arg in rule.arguments})


def refused(response, role: str) -> bool:
    if role == ANONYMOUS:
        return response.status_code == 302 and "/login" in response.location
    return response.status_code == 403


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_each_role_is_allowed_or_refused_as_the_table_says(endpoint, app, world):
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint]
    assert rules, f"no route for {endpoint}"
    for rule in rules:
        url = url_for_rule(app, rule, world)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for role in ORDER:
                response = world["clients"][role].open(url, method=method, data={})
                response.close()  # file responses (static, PDFs) hold their file open
                assert response.status_code != 500, (endpoint, method, role)
                should_allow = role in EXPECTED[endpoint][method]
                assert refused(response, role) != should_allow, (
                    f"{method} {url} as {role}: {response.status_code}")
