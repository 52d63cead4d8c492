"""Security sweeps: CSRF on every state-changing route, headers, and user text never
rendered unescaped on any page."""

from __future__ import annotations

import pytest

from support import log_in, make_app
from drafter import db
from drafter.history import service as history
from drafter.members import service as members
from drafter.plan.schema import PlanDocument
from drafter.plan.store import PlanStore
from drafter.review import service as review
from drafter.models import Workshop
from drafter.workshops import service as workshops
from sqlalchemy import select

PAYLOADS = [
    "<script>alert('x')</script>",
    "\"><img src=x onerror=alert(1)>",
    "<svg/onload=alert(2)>",
    "javascript:alert(3)",
    "{{ 7*7 }}",
]


def test_security_headers_on_every_page(client, make_plan):
    plan_id = make_plan()
    for url in ("/", f"/plans/{plan_id}", f"/plans/{plan_id}/context", "/login"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"


def test_cookies_are_secure_when_served_over_https(tmp_path, migrated_template, monkeypatch,
                                                   password_hash):
    monkeypatch.setenv("DRAFTER_HTTPS", "1")
    app = make_app(tmp_path, migrated_template)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    response = app.test_client().get("/login")
    assert "Strict-Transport-Security" in response.headers
    app.extensions["drafter.engine"].dispose()


@pytest.fixture
def guarded(tmp_path, migrated_template, password_hash):
    """An app with CSRF protection on, a plan, an owner logged in, and a second member."""
    from support import add_user

    app = make_app(tmp_path, migrated_template, WTF_CSRF_ENABLED=True)
    owner = add_user(app, "owner@example.org", hashed=password_hash)
    other = add_user(app, "other@example.org", hashed=password_hash)
    reviewer = add_user(app, "reviewer@example.org", hashed=password_hash)
    with app.app_context():
        plan_id = PlanStore(db.session()).create_plan(PlanDocument.model_validate(
            {"about": {"title": "Guarded"}, "actions": {"items": [{"id": "a1", "title": "Act"}]}}),
            owner_id=owner)
        members.set_role(db.session(), plan_id, other, "editor")
        members.set_role(db.session(), plan_id, reviewer, "reviewer")
        thread_id = review.start_thread(db.session(), plan_id, "actions", reviewer, "A comment")
        token = members.invite(db.session(), plan_id, "viewer", owner)
        revision_id = history.save_revision(db.session(), plan_id, "Guarded draft", owner).id
        workshop = workshops.create_workshop(db.session(), name="Guarded workshop",
                                             trainer_id=owner, scenario=PlanDocument(),
                                             checklist="csag-2012")
        team_id = workshops.add_team(db.session(), workshop, "Team A").id
    client = app.test_client()
    log_in(client, owner)
    reviewer_client = app.test_client()  # assessing is a reviewer's alone
    log_in(reviewer_client, reviewer)
    yield app, client, {"plan_id": plan_id, "item_id": "a1", "section": "actions",
                        "user_id": other, "token": token, "revision_id": revision_id,
                        "thread_id": thread_id, "criterion": "POL-1",
                        "reviewer_client": reviewer_client, "workshop_id": workshop.id,
                        "team_id": team_id, "code": workshop.code}
    app.extensions["drafter.engine"].dispose()


def snapshot(app, plan_id):
    with app.app_context():
        store = PlanStore(db.session())
        plans = [(p.id, p.title) for p in store.list_plans()]
        loaded = store.load(plan_id)
        versions = {key: state.version for key, state in loaded.sections.items()}
        roles = [(u.id, role) for u, role in members.members(db.session(), plan_id)]
        revisions = [(r.id, r.name) for r in history.revisions(db.session(), plan_id)]
        comments = [(t.id, t.open, len(t.comments)) for t in review.threads(db.session(), plan_id)]
        assessments = review.plan_assessments(db.session(), plan_id)
        rooms = [(w.id, w.locked, [(t.id, t.name) for t in workshops.teams(db.session(), w.id)])
                 for w in db.session().scalars(select(Workshop))]
        return plans, versions, roles, loaded.checklist, revisions, comments, assessments, rooms


def test_every_state_changing_route_refuses_a_post_without_its_token(guarded):
    app, client, values = guarded
    before = snapshot(app, values["plan_id"])
    checked = 0
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint in ("auth.login", "auth.signup"):
            continue
        with app.test_request_context():
            from flask import url_for

            url = url_for(rule.endpoint, **{arg: values[arg] for arg in rule.arguments})
        poster = values["reviewer_client"] if rule.endpoint == "review.assess" else client
        response = poster.post(url, data={"title": "Forged", "role": "owner", "version": "9",
                                          "checklist": "first-plan-minimum",
                                          "conflict_analysis": "Forged", "body": "Forged",
                                          "agrees": "no", "status": "met", "reason": "Forged",
                                          "name": "Forged", "add-name": "Forged",
                                          "rename-name": "Forged", "team": "new",
                                          "new_team": "Forged", "your_name": "Forged",
                                          "code": values["code"], "scenario": "empty"})
        assert response.status_code == 400, (rule.endpoint, response.status_code)
        checked += 1
    assert checked >= 12
    assert snapshot(app, values["plan_id"]) == before
    assert client.get("/").status_code == 200  # logout was refused too


def history_pages(client, plan_id: int, payload: str) -> list[str]:
    """Revisions named with the payload, one of them restored, and every history page."""
    for name in (payload, "Second " + payload):
        assert client.post(f"/plans/{plan_id}/history/revisions",
                           data={"name": name}).status_code == 302
    client.post(f"/plans/{plan_id}/context",
                data={"conflict_analysis": "Changed " + payload, "version": "1"})
    base = f"/plans/{plan_id}/history"
    assert client.post(f"{base}/revisions/1/restore").status_code == 302
    pages = [base, f"{base}/revisions/1", f"{base}/revisions/1/restore", f"{base}/compare",
             f"{base}/compare?from=1&to=2", f"{base}/compare?from=current&to=3",
             f"{base}/sections/context", f"{base}/sections/actions"]
    for url in pages:
        assert client.get(url).status_code == 200, url
    return pages


def review_pages(client, plan_id: int, payload: str) -> list[str]:
    """A comment and a reply, and a reviewer's disagreement, all carrying the payload; the
    pages that show them."""
    from support import add_user

    app = client.application
    assert client.post(f"/plans/{plan_id}/comments/context",
                       data={"body": payload}).status_code == 302
    with app.app_context():
        thread_id = review.threads(db.session(), plan_id, "context")[0].id
        reviewer = add_user(app, "critic@example.org", payload, hashed="not-a-real-hash")
        members.set_role(db.session(), plan_id, reviewer, "reviewer")
    assert client.post(f"/plans/{plan_id}/comments/{thread_id}/reply",
                       data={"body": payload}).status_code == 302
    critic = app.test_client()
    log_in(critic, reviewer)
    posted = [critic.post(f"/plans/{plan_id}/assessments/POL-1", data={
        "agrees": "no", "status": status, "reason": payload}).status_code
        for status in ("met", "not_met")]
    assert 302 in posted  # one of the two differs from the scorecard
    return [f"/plans/{plan_id}/comments", f"/plans/{plan_id}/comments?show=all",
            f"/plans/{plan_id}/comments/context", f"/plans/{plan_id}/assessments"]


def test_user_text_is_escaped_on_every_page_that_shows_it(client, make_plan):
    payload = " | ".join(PAYLOADS)
    document = PlanDocument.model_validate({
        "about": {"title": payload, "country_or_organisation": payload, "lead_institution": payload,
                  "regions": [payload], "policy_links": payload},
        "context": {"conflict_analysis": payload},
        "leadership": {"members": [{"institution": payload}], "risks": [{"risk": payload}]},
        "consultation": {"process_summary": payload, "events": [{"id": "e1", "place": payload}]},
        "pillars": {"vision": payload, "objectives": [{"id": "o1", "title": payload, "code": payload}]},
        "actions": {"items": [{"id": "a1", "title": payload, "objective_id": "o1"}]},
        "indicators": {"items": [{"id": "i1", "statement": payload, "action_id": "a1"}]},
        "budget": {"lines": [{"id": "b1", "description": payload, "funder": payload}]},
        "monitoring": {"monitoring_body": payload},
        "localisation": {"languages": [payload], "dissemination_plan": payload},
        "regional": {"partners": [{"partner": payload}]},
        "review": {"review_clause": payload},
    })
    plan_id = make_plan(document)
    pages = history_pages(client, plan_id, payload)
    pages += review_pages(client, plan_id, payload)
    pages += ["/", f"/plans/{plan_id}", f"/plans/{plan_id}/check", f"/plans/{plan_id}/scorecard",
             f"/plans/{plan_id}/members", f"/plans/{plan_id}/actions/a1",
             f"/plans/{plan_id}/indicators/i1", f"/plans/{plan_id}/budget/b1",
             f"/plans/{plan_id}/consultation/e1", f"/plans/{plan_id}/actions/a1/delete"]
    pages += [f"/plans/{plan_id}/{key}" for key in (
        "about", "context", "leadership", "consultation", "pillars", "actions", "indicators",
        "budget", "monitoring", "localisation", "regional", "review")]
    for url in pages:
        html = client.get(url).get_data(as_text=True)
        for dangerous in ("<script>alert", "<img src=x", "<svg/onload"):
            assert dangerous not in html, (url, dangerous)
        assert "49" not in html.split("</header>")[1].split("<footer")[0] or "{{ 7*7 }}" in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in client.get(
        f"/plans/{plan_id}/context").get_data(as_text=True)
