"""Two people in two browsers: an official shares a plan with a civil-society reviewer,
who comments and disagrees with one criterion; the official sees the comment, resolves
it, and sees both assessments side by side on the scorecard."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from drafter.plan.transfer import parse_document

pytestmark = pytest.mark.e2e

COMMENT = "The analysis leaves out women displaced from the Lakes region."
REASON = "Only one women's association was heard, and only in the capital."


def test_an_official_and_a_reviewer_work_on_one_plan(live_server, browser, context, page):
    sample = Path(__file__).resolve().parents[2] / "samples" / "weak-plan.json"
    plan_id = live_server.create_plan(parse_document(sample.read_bytes()))
    base = f"{live_server.url}/plans/{plan_id}"

    # The official makes an invitation link for a reviewer.
    page.goto(base)
    page.get_by_role("link", name="People on this plan").click()
    page.get_by_label("Role", exact=True).select_option("reviewer")
    page.get_by_role("button", name="Make an invitation link").click()
    link = page.get_by_label("Invitation link").input_value()
    assert "/invitations/" in link

    # The reviewer, in a browser of her own, signs up from the link and accepts.
    reviewer_context = browser.new_context(viewport={"width": 1280, "height": 900})
    reviewer_context.set_default_timeout(10_000)
    try:
        reviewer = reviewer_context.new_page()
        reviewer.goto(link)
        expect(reviewer.get_by_role("heading", level=1)).to_have_text("Log in")
        reviewer.get_by_role("link", name="Create an account").click()
        reviewer.get_by_label("Your name").fill("Jorge Network")
        reviewer.get_by_label("E-mail address").fill("jorge@network.example")
        reviewer.get_by_label("Password").fill("a long reviewer password")
        reviewer.get_by_role("button", name="Create the account").click()
        expect(reviewer.get_by_role("heading", level=1)).to_have_text("Log in")
        reviewer.get_by_label("Password").fill("a long reviewer password")
        reviewer.get_by_role("button", name="Log in").click()
        expect(reviewer.get_by_text("as: Reviewer")).to_be_visible()
        reviewer.get_by_role("button", name="Accept the invitation").click()
        expect(reviewer.get_by_role("heading", level=1)).to_contain_text("National Action Plan")

        # She comments on the context analysis; she cannot change it.
        reviewer.goto(f"{base}/context")
        expect(reviewer.get_by_text("Only its owners and editors can change it")).to_be_visible()
        expect(reviewer.get_by_role("button", name="Save and continue")).to_have_count(0)
        reviewer.get_by_label("Add a comment on this section").fill(COMMENT)
        reviewer.get_by_role("button", name="Add comment").click()
        expect(reviewer.get_by_text(COMMENT)).to_be_visible()

        # She disagrees with one criterion of the scorecard and agrees with another, in
        # two areas, and saves both at once.
        reviewer.goto(f"{base}/assessments")
        criterion = reviewer.locator("#criterion-INC-1")
        criterion.get_by_label("I disagree").check()
        criterion.get_by_label("Not met", exact=True).check()
        criterion.get_by_label("Your reason").fill(REASON)
        reviewer.locator("#criterion-POL-2").get_by_label("I agree", exact=False).check()
        reviewer.locator("#area-INC").get_by_role("button", name="Save your assessments").click()
        expect(reviewer.get_by_text("Your assessments of 2 criteria are saved.")).to_be_visible()
        expect(reviewer.locator("#reason-INC-1")).to_have_value(REASON)
        agreed = reviewer.locator("#criterion-POL-2").get_by_label("I agree", exact=False)
        expect(agreed).to_be_checked()
        # Closing the browser while it still loads the stylesheet drops the server's
        # connection mid-file (an unclosed-file warning, which fails the run).
        reviewer.wait_for_load_state("load")
    finally:
        reviewer_context.close()

    # The official sees the open comment on the task list, reads it and resolves it.
    page.goto(base)
    expect(page.locator(".task", has_text="Context analysis")).to_contain_text("1 open comment")
    page.get_by_role("link", name="Context analysis", exact=True).click()
    thread = page.locator(".thread", has_text=COMMENT)
    expect(thread).to_contain_text("Jorge Network")
    thread.get_by_role("button", name="Mark as resolved").click()
    page.goto(base)
    expect(page.locator(".task", has_text="Context analysis")).not_to_contain_text("open comment")

    # Both assessments of INC-1 stand side by side on the scorecard.
    page.goto(f"{base}/scorecard")
    side = page.locator("#criterion-INC-1 .side-by-side")
    expect(side).to_contain_text("Automatic score from the plan's content")
    expect(side).to_contain_text("Partly met")
    expect(side).to_contain_text("Jorge Network")
    expect(side).to_contain_text("Not met")
    expect(side).to_contain_text(REASON)


def test_leaving_the_assessment_page_with_answers_unsaved_asks_first(live_server, browser):
    from drafter import db
    from drafter.auth.service import create_user
    from drafter.members import service as members

    sample = Path(__file__).resolve().parents[2] / "samples" / "weak-plan.json"
    plan_id = live_server.create_plan(parse_document(sample.read_bytes()))
    with live_server.app.app_context():
        reviewer_id = create_user(db.session(), "rania@network.example", "Rania",
                                  "a long reviewer password").id
        members.set_role(db.session(), plan_id, reviewer_id, "reviewer")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        live_server.log_in(page, "rania@network.example", "a long reviewer password")
        asked: list[str] = []

        def stay(dialog):
            asked.append(dialog.type)
            dialog.dismiss()

        page.on("dialog", stay)
        url = f"{live_server.url}/plans/{plan_id}/assessments"
        page.goto(url)
        reason = page.locator("#reason-CTX-1")

        # Nothing typed yet: leaving asks nothing.
        page.get_by_role("link", name="See the scorecard").click()
        page.wait_for_url("**/scorecard")
        assert asked == []
        page.goto(url)

        # A reason typed and not saved: the browser asks, and she stays.
        reason.fill("The analysis is copied from the resolution.")
        page.get_by_role("link", name="See the scorecard").click()
        page.wait_for_timeout(300)
        assert asked == ["beforeunload"] and page.url == url
        expect(reason).to_have_value("The analysis is copied from the resolution.")

        # Typed away again, the page is as it opened: nothing to ask.
        reason.fill("")
        page.get_by_role("link", name="See the scorecard").click()
        page.wait_for_url("**/scorecard")
        assert asked == ["beforeunload"]

        # Saving is not leaving.
        page.goto(url)
        page.locator("#criterion-CTX-1").get_by_label("I agree", exact=False).check()
        page.locator("#area-CTX").get_by_role("button", name="Save your assessments").click()
        expect(page.get_by_text("Your assessment of CTX-1 is saved.")).to_be_visible()
        assert asked == ["beforeunload"]

        # A page that came back with an error holds unsaved answers from the start.
        page.locator("#criterion-CTX-2").get_by_label("I disagree").check()
        page.locator("#area-CTX").get_by_role("button", name="Save your assessments").click()
        expect(page.locator(".error-summary")).to_be_visible()
        page.get_by_role("link", name="See the scorecard").click()
        page.wait_for_timeout(300)
        assert asked == ["beforeunload", "beforeunload"]
        page.wait_for_load_state("load")
    finally:
        context.close()
