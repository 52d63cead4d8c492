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

        # She disagrees with one criterion of the scorecard.
        reviewer.goto(f"{base}/assessments")
        criterion = reviewer.locator("#criterion-INC-1")
        criterion.get_by_label("I disagree").check()
        criterion.get_by_label("Not met", exact=True).check()
        criterion.get_by_label("Your reason").fill(REASON)
        criterion.get_by_role("button", name="Save your assessment").click()
        expect(reviewer.locator("#criterion-INC-1")).to_contain_text(REASON)
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
    expect(side).to_contain_text("Scorecard (government)")
    expect(side).to_contain_text("Partly met")
    expect(side).to_contain_text("Jorge Network")
    expect(side).to_contain_text("Not met")
    expect(side).to_contain_text(REASON)
