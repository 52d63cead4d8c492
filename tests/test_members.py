"""Sharing a plan: invitation links, roles, removal, and what each role may do."""

from __future__ import annotations

import datetime as dt
import re

from support import log_in
from drafter import db
from drafter.models import Invitation


def invitation_link(client, plan_id: int, role: str) -> str:
    html = client.post(f"/plans/{plan_id}/members/invite", data={"role": role}).get_data(as_text=True)
    return re.search(r'id="new-link" type="text" readonly value="([^"]+)"', html).group(1)


def test_an_invited_reviewer_joins_and_sees_the_plan_read_only(app, client, make_plan, make_user):
    plan_id = make_plan(about={"title": "Plan of Varesia"})
    link = invitation_link(client, plan_id, "reviewer")
    reviewer = app.test_client()
    log_in(reviewer, make_user("jorge@network.example", "Jorge"))
    path = link.replace("http://localhost", "")
    assert "Reviewer" in reviewer.get(path).get_data(as_text=True)
    assert reviewer.get(f"/plans/{plan_id}").status_code == 403  # not yet
    response = reviewer.post(path)
    assert response.location == f"/plans/{plan_id}"
    page = reviewer.get(f"/plans/{plan_id}/context").get_data(as_text=True)
    assert "Only its owners and editors can change it" in page and "disabled" in page
    assert reviewer.post(f"/plans/{plan_id}/context", data={"version": "0"}).status_code == 403
    assert "Plan of Varesia" in reviewer.get("/").get_data(as_text=True)
    members = client.get(f"/plans/{plan_id}/members").get_data(as_text=True)
    assert "Jorge" in members


def test_a_link_works_once_and_expires(app, client, make_plan, make_user):
    plan_id = make_plan()
    path = invitation_link(client, plan_id, "editor").replace("http://localhost", "")
    first, second = app.test_client(), app.test_client()
    log_in(first, make_user("a@example.org"))
    log_in(second, make_user("b@example.org"))
    first.post(path)
    used = second.get(path)
    assert used.status_code == 410 and "already been used" in used.get_data(as_text=True)
    path = invitation_link(client, plan_id, "editor").replace("http://localhost", "")
    with app.app_context():
        session = db.session()
        for invitation in session.query(Invitation).filter(Invitation.accepted_at.is_(None)):
            invitation.expires_at = dt.datetime(2000, 1, 1)
        session.commit()
    assert "expired" in second.get(path).get_data(as_text=True)


def test_an_anonymous_visitor_is_asked_to_log_in_and_comes_back(client, make_plan, anonymous):
    plan_id = make_plan()
    path = invitation_link(client, plan_id, "viewer").replace("http://localhost", "")
    response = anonymous.get(path)
    assert response.status_code == 302 and "/login?next=" in response.location


def test_roles_change_and_the_last_owner_stays(app, client, make_plan, make_user, owner_id):
    plan_id = make_plan()
    editor = make_user("e@example.org")
    client.post(f"/plans/{plan_id}/members/invite", data={"role": "nonsense"})
    path = invitation_link(client, plan_id, "editor").replace("http://localhost", "")
    other = app.test_client()
    log_in(other, editor)
    other.post(path)
    client.post(f"/plans/{plan_id}/members/{editor}/role", data={"role": "viewer"})
    assert other.post(f"/plans/{plan_id}/context", data={"version": "0"}).status_code == 403
    response = client.post(f"/plans/{plan_id}/members/{owner_id}/role", data={"role": "editor"})
    assert "at least one owner" in client.get(response.location).get_data(as_text=True)
    client.post(f"/plans/{plan_id}/members/{editor}/remove")
    assert other.get(f"/plans/{plan_id}").status_code == 403


def test_each_person_sees_only_their_plans(app, client, make_plan, make_user):
    make_plan(about={"title": "Amina's plan"})
    stranger = app.test_client()
    log_in(stranger, make_user("s@example.org"))
    assert "Amina&#39;s plan" in client.get("/").get_data(as_text=True)
    assert "Amina&#39;s plan" not in stranger.get("/").get_data(as_text=True)


def test_every_save_records_who_made_it_and_when(app, client, make_plan, owner_id):
    from drafter.models import SectionChange

    plan_id = make_plan()
    client.post(f"/plans/{plan_id}/context", data={"conflict_analysis": "A", "version": "0",
                                                   "continue": "1"})
    with app.app_context():
        change = db.session().query(SectionChange).filter_by(plan_id=plan_id, key="context").one()
        assert change.user_id == owner_id and change.version == 1 and change.at is not None
