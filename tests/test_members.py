"""Sharing a plan: invitation links, roles, removal, and what each role may do."""

from __future__ import annotations

import datetime as dt
import re

from support import log_in
from drafter import db
from sqlalchemy import select

from drafter.members import service
from drafter.models import Invitation, Membership, User


def invitation_link(client, plan_id: int, role: str, email: str = "") -> str:
    html = client.post(f"/plans/{plan_id}/members/invite",
                       data={"role": role, "email": email}).get_data(as_text=True)
    return re.search(r'id="new-link" type="text" readonly value="([^"]+)"', html).group(1)


def invitation_path(client, plan_id: int, role: str, email: str = "") -> str:
    return invitation_link(client, plan_id, role, email).replace("http://localhost", "")


def logged_in(app, user_id: int):
    other = app.test_client()
    log_in(other, user_id)
    return other


def role_of(app, plan_id: int, user_id: int) -> str | None:
    with app.app_context():
        return db.session().scalar(select(Membership.role).where(
            Membership.plan_id == plan_id, Membership.user_id == user_id))


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
    assert "Only its owners and editors can change it" in page
    assert 'name="conflict_analysis"' not in page  # the text is shown, not a box to type in
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


# --- security assessment, issue 11, finding 12 -------------------------------------------

def test_an_invitation_for_an_address_is_for_that_account_alone(app, client, make_plan, make_user):
    plan_id = make_plan()
    path = invitation_path(client, plan_id, "editor", "Jorge@Network.example ")
    intruder_id = make_user("someone@else.example")
    intruder = logged_in(app, intruder_id)
    refused = intruder.post(path)
    assert role_of(app, plan_id, intruder_id) is None
    assert refused.status_code == 403 and "j•••@network.example" in refused.get_data(as_text=True)
    page = intruder.get(path)
    text = page.get_data(as_text=True)
    assert page.status_code == 403 and "Accept the invitation" not in text
    assert "This invitation is for j•••@network.example" in text and "Log in with that account" in text
    assert "jorge@network.example" not in text.lower()  # the address itself is not shown
    jorge = make_user("jorge@network.example")
    assert logged_in(app, jorge).post(path).status_code == 302  # the link is still good
    assert role_of(app, plan_id, jorge) == "editor"


def test_a_workshop_quick_account_cannot_accept_an_invitation(app, client, make_plan, make_user):
    plan_id = make_plan()
    with app.app_context():
        session = db.session()
        guest = User(email="guest-1@workshop.invalid", name="Leila", password_hash="!", is_guest=True)
        session.add(guest)
        session.commit()
        guest_id = guest.id
    path = invitation_path(client, plan_id, "editor")
    participant = logged_in(app, guest_id)
    refused = participant.post(path)
    assert role_of(app, plan_id, guest_id) is None
    assert refused.status_code == 403 and "full account" in refused.get_data(as_text=True)
    text = participant.get(path).get_data(as_text=True)
    assert "Log in with a full account" in text and "Accept the invitation" not in text
    person = make_user("full@example.org")
    assert logged_in(app, person).post(path).status_code == 302
    assert role_of(app, plan_id, person) == "editor"


def test_an_invitation_never_lowers_a_role_and_raises_a_lower_one(app, client, make_plan,
                                                                  make_user, owner_id):
    plan_id = make_plan(about={"title": "Plan of Varesia"})
    editor, viewer = make_user("ed@example.org"), make_user("vi@example.org")
    with app.app_context():
        service.set_role(db.session(), plan_id, editor, "editor")
        service.set_role(db.session(), plan_id, viewer, "viewer")
    as_editor = logged_in(app, editor)
    response = as_editor.post(invitation_path(client, plan_id, "viewer"), follow_redirects=True)
    assert role_of(app, plan_id, editor) == "editor"
    assert "as Editor, and you keep that role" in response.get_data(as_text=True)
    page = as_editor.get(invitation_path(client, plan_id, "reviewer")).get_data(as_text=True)
    assert "as Editor. Accepting keeps that role" in page
    response = logged_in(app, viewer).post(invitation_path(client, plan_id, "editor"),
                                           follow_redirects=True)
    assert "You have joined “Plan of Varesia” as Editor" in response.get_data(as_text=True)
    assert role_of(app, plan_id, viewer) == "editor"
    client.post(invitation_path(client, plan_id, "viewer"))
    assert role_of(app, plan_id, owner_id) == "owner"


def test_only_owners_see_e_mails_and_the_controls_on_the_members_page(app, client, make_plan,
                                                                      make_user):
    plan_id = make_plan()
    people = {role: make_user(f"{role}@example.org", role.title()) for role in
              ("editor", "reviewer", "viewer")}
    with app.app_context():
        for role, user_id in people.items():
            service.set_role(db.session(), plan_id, user_id, role)
    page = client.get(f"/plans/{plan_id}/members").get_data(as_text=True)
    assert "viewer@example.org" in page and "Change role" in page and "Remove" in page
    for role, user_id in people.items():
        page = logged_in(app, user_id).get(f"/plans/{plan_id}/members").get_data(as_text=True)
        assert "Viewer" in page and "Amina" in page, role  # names and roles stay
        assert "@example.org" not in page and "@ministry.example" not in page, role
        assert "Change role" not in page and "Remove" not in page, role
        assert "Invite someone" not in page, role


def test_read_only_roles_see_no_delete_links_on_a_plan(app, client, make_plan, make_user):
    plan_id = make_plan(actions={"items": [{"id": "a1", "title": "Train mediators"}]})
    delete_link = f"/plans/{plan_id}/actions/a1/delete"
    assert delete_link in client.get(f"/plans/{plan_id}/actions").get_data(as_text=True)
    assert "Delete this plan" in client.get(f"/plans/{plan_id}").get_data(as_text=True)
    for role in ("reviewer", "viewer", "editor"):
        user_id = make_user(f"{role}@example.org")
        with app.app_context():
            service.set_role(db.session(), plan_id, user_id, role)
        reader = logged_in(app, user_id)
        page = reader.get(f"/plans/{plan_id}/actions").get_data(as_text=True)
        assert "Train mediators" in page
        assert (delete_link in page) == (role == "editor"), role
        assert "Delete this plan" not in reader.get(f"/plans/{plan_id}").get_data(as_text=True)


def test_a_refused_invitation_form_keeps_what_was_typed(client, make_plan):
    plan_id = make_plan()
    response = client.post(f"/plans/{plan_id}/members/invite",
                           data={"role": "viewer", "email": "not an address"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Enter an e-mail address like" in page
    assert 'value="not an address"' in page and '<option value="viewer" selected>' in page
    response = client.post(f"/plans/{plan_id}/members/invite",
                           data={"role": "nonsense", "email": "a@example.org"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Choose one of the roles listed" in page
    assert 'value="a@example.org"' in page
