"""The wizard with the keyboard alone: the skip link comes first, and a repeating row can
be added, typed into and saved without a mouse."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from drafter.plan.schema import About, PlanDocument

pytestmark = pytest.mark.e2e


def focused(page: Page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement;
        return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute("name"),
                value: el.getAttribute("value"), text: (el.innerText || "").trim()};
    }""")


def tab_to(page: Page, matches, limit: int = 80) -> list[dict]:
    """Press Tab until the focused element `matches`; the elements passed on the way."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        current = focused(page)
        if matches(current):
            return passed
        passed.append(current)
    raise AssertionError(f"not reached with {limit} presses of Tab; passed {passed}")


@pytest.fixture
def plan_id(live_server):
    return live_server.create_plan(PlanDocument(about=About(title="Plan of Varesia")))


def test_the_skip_link_is_the_first_tab_stop(live_server, plan_id, page):
    page.goto(f"{live_server.url}/plans/{plan_id}/leadership")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # shown when focused, hidden off-screen otherwise
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("main")).to_be_focused()
    # The next Tab goes on from the start of the page's own content, past the header.
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "lead_institution"


def test_a_member_row_is_added_typed_and_saved_with_the_keyboard(live_server, plan_id, page):
    page.goto(f"{live_server.url}/plans/{plan_id}/leadership")
    passed = tab_to(page, lambda el: el["text"] == "Add a member" and el["value"] == "members")
    # Every field before it was passed on the way, in the order of the page.
    ids = [el["id"] for el in passed]
    assert ids.index("lead_institution") < ids.index("coordination_body") \
        < ids.index("body_meeting_frequency")
    page.keyboard.press("Enter")

    # The script added a row and moved focus to its first input.
    row = page.locator("#members tbody tr[data-row]")
    expect(row).to_have_count(1)
    institution = row.get_by_role("textbox")
    expect(institution).to_be_focused()
    page.keyboard.type("Ministry of Justice")
    page.keyboard.press("Tab")
    sector = row.get_by_role("combobox")
    expect(sector).to_be_focused()
    page.keyboard.press("ArrowDown")  # a closed select changes its value with the arrows
    expect(sector).not_to_have_value("")

    tab_to(page, lambda el: el["text"] == "Save and continue")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultation")

    page.goto(f"{live_server.url}/plans/{plan_id}/leadership")
    expect(page.get_by_label("Institution, row 1")).to_have_value("Ministry of Justice")
    expect(page.get_by_label("Sector, row 1")).not_to_have_value("")
    saved = live_server.load(plan_id).document.leadership.members
    assert [member.institution for member in saved] == ["Ministry of Justice"]
