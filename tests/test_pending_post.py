"""Saving a wizard page after the log-in ended: the log-in page says why it is shown, and
after logging in the same page comes back with what was typed, not saved yet; for the
person who typed it, in the browser that sent it, for a day, and only to someone who
may edit the plan."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update
from support import PASSWORD, log_in

from drafter import db
from drafter.members.service import set_role
from drafter.models import PendingPost
from drafter.wizard import pending

# What a browser sends with a form posted from one of the app's own pages.
FROM_ITS_OWN_PAGE = {"Sec-Fetch-Site": "same-origin"}
TYPED = "Three pages of careful analysis, typed while logged out"
KEPT = "Not saved yet: what you typed before you were logged out is back"


@pytest.fixture
def plan_id(make_plan):
    return make_plan(context={"conflict_analysis": "The saved analysis"})


def logged_out(client) -> None:
    """The log-in ended (logged out in another tab): the browser's next post is anonymous."""
    client.post("/logout")


def log_in_with_password(client, email="official@ministry.example", **query):
    return client.post("/login", query_string=query,
                       data={"email": email, "password": PASSWORD})


def kept_rows(app) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(PendingPost))


def test_a_page_saved_after_logging_out_comes_back_after_logging_in(client, plan_id,
                                                                    load_plan):
    logged_out(client)
    response = client.post(f"/plans/{plan_id}/context", headers=FROM_ITS_OWN_PAGE, data={
        "conflict_analysis": TYPED, "assessment_year": "2024", "version": "1",
        "csrf_token": "from the ended session", "continue": "1"})
    assert response.status_code == 302
    assert response.location == f"/login?next=/plans/{plan_id}/context"

    login = client.get(response.location).get_data(as_text=True)
    assert "You were logged out; log in to get back what you typed — it is not saved yet." \
        in login

    response = log_in_with_password(client, next=f"/plans/{plan_id}/context")
    assert response.location == f"/plans/{plan_id}/context"
    page = client.get(response.location).get_data(as_text=True)
    assert KEPT in page
    assert TYPED in page and 'value="2024"' in page and "The saved analysis" not in page
    assert load_plan(plan_id).sections["context"].data.conflict_analysis == "The saved analysis"

    # Handed back once: the page holds it now, and saving it saves what was typed.
    assert KEPT not in client.get(f"/plans/{plan_id}/context").get_data(as_text=True)
    assert client.post(f"/plans/{plan_id}/context", data={
        "conflict_analysis": TYPED, "version": "1", "continue": "1"}).status_code == 302
    assert load_plan(plan_id).sections["context"].data.conflict_analysis == TYPED


def test_logging_in_without_a_next_page_goes_back_to_the_kept_form(client, make_plan, app):
    plan_id = make_plan()
    logged_out(client)
    client.post(f"/plans/{plan_id}/actions/new", headers=FROM_ITS_OWN_PAGE, data={
        "title": "Train women mediators", "start": "2026-01-01", "version": "0"})
    response = log_in_with_password(client)  # the log-in page opened on its own
    assert response.location == f"/plans/{plan_id}/actions/new"
    page = client.get(response.location).get_data(as_text=True)
    assert KEPT in page and 'value="Train women mediators"' in page
    assert kept_rows(app) == 0


def test_someone_who_may_not_edit_the_plan_never_sees_what_was_typed(client, plan_id, app,
                                                                     make_user):
    viewer = make_user("viewer@ministry.example")
    with app.app_context():
        set_role(db.session(), plan_id, viewer, "viewer")
    logged_out(client)
    client.post(f"/plans/{plan_id}/context", headers=FROM_ITS_OWN_PAGE,
                data={"conflict_analysis": TYPED, "version": "1"})
    response = log_in_with_password(client, "viewer@ministry.example",
                                    next=f"/plans/{plan_id}/context")
    page = client.get(response.location).get_data(as_text=True)
    assert TYPED not in page and KEPT not in page and "The saved analysis" in page
    assert "this account cannot change that plan" in page
    assert kept_rows(app) == 0


def test_a_kept_form_is_only_for_the_browser_that_sent_it(client, plan_id, app, owner_id):
    logged_out(client)
    client.post(f"/plans/{plan_id}/context", headers=FROM_ITS_OWN_PAGE,
                data={"conflict_analysis": TYPED, "version": "1"})
    other = app.test_client()  # the same account, another browser
    log_in(other, owner_id)
    page = other.get(f"/plans/{plan_id}/context").get_data(as_text=True)
    assert TYPED not in page and KEPT not in page
    assert "You were logged out" not in other.get("/login").get_data(as_text=True)


def test_a_post_from_another_site_is_not_kept(client, plan_id, app):
    logged_out(client)
    response = client.post(f"/plans/{plan_id}/context",
                           headers={"Sec-Fetch-Site": "cross-site"},
                           data={"conflict_analysis": "Attacker's words", "version": "1"})
    assert response.status_code == 302 and kept_rows(app) == 0
    login = client.get(response.location).get_data(as_text=True)
    assert "Log in to see this page." in login and "You were logged out" not in login


def test_a_kept_form_lasts_a_day(client, plan_id, app):
    logged_out(client)
    client.post(f"/plans/{plan_id}/context", headers=FROM_ITS_OWN_PAGE,
                data={"conflict_analysis": TYPED, "version": "1"})
    with app.app_context():
        session = db.session()
        session.execute(update(PendingPost).values(
            created_at=PendingPost.created_at - pending.KEPT_FOR - dt.timedelta(minutes=1)))
        session.commit()
    assert "You were logged out" not in client.get("/login").get_data(as_text=True)
    response = log_in_with_password(client, next=f"/plans/{plan_id}/context")
    assert TYPED not in client.get(response.location).get_data(as_text=True)


def test_one_address_keeps_a_bounded_number_of_forms(anonymous, plan_id, app):
    for number in range(pending.PER_ADDRESS + 5):
        anonymous.post(f"/plans/{plan_id}/actions/{number}", headers=FROM_ITS_OWN_PAGE,
                       data={"title": "x" * 1000, "version": "1"})
    assert kept_rows(app) == pending.PER_ADDRESS


def test_the_log_in_page_says_why_it_is_shown(anonymous, plan_id):
    response = anonymous.get(f"/plans/{plan_id}/context")
    assert "Log in to see this page." in anonymous.get(response.location).get_data(as_text=True)
    assert "Log in to see this page." not in anonymous.get("/login").get_data(as_text=True)
