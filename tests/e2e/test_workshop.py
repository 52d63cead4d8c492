"""Workshop mode in the browser: a trainer starts a workshop, teams join with its code
in browser contexts of their own (no account), draft through the wizard, and the
trainer's dashboard follows their scores without being reloaded; the trainer sorts the
table, locks editing and reads a team's plan.

The dashboard polls its table every 5 s, so a change shows within one or two polls:
`POLL_MS` leaves room for three.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

POLL_MS = 15_000
EMPTY_PLAN = "An empty plan: teams start from nothing"
WEAK_SAMPLE = "Sample: a first draft with many gaps (Varesia)"
WORKSHOP = "Drafting workshop, Lakeside Hotel"


# --- helpers -----------------------------------------------------------------------------

def heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


@pytest.fixture
def participants(browser, live_server):
    """Opens a fresh browser context per participant: no account, no cookies."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def start_workshop(page: Page, base_url: str, scenario: str) -> str:
    """The trainer fills in the new-workshop form; the code the dashboard shows."""
    page.goto(base_url + "/workshops/new")
    heading(page, "Start a workshop")
    page.get_by_label("Name of the workshop").fill(WORKSHOP)
    page.get_by_label("Scenario: the plan every team starts from").select_option(label=scenario)
    page.get_by_role("button", name="Start the workshop").click()
    heading(page, WORKSHOP)
    expect(page).to_have_url(re.compile(r"/workshops/\d+$"))
    code = page.locator(".join-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{6}", code), code
    expect(page.get_by_role("status").first).to_contain_text(code)
    return code


def join(page: Page, base_url: str, code: str, team: str, name: str, *,
         existing: bool = False) -> int:
    """A participant joins through /join: a new team of that name, or an existing one.
    Returns the id of the team's plan, where they land."""
    page.goto(base_url + "/join")
    heading(page, "Join a workshop")
    page.get_by_label("Workshop code").fill(f" {code.lower()} ")  # as typed from a projector
    page.get_by_role("button", name="Continue").click()
    heading(page, "Choose your team")
    if existing:
        page.get_by_label(team, exact=True).check()
    else:
        page.get_by_label("A new team", exact=True).check()
        page.get_by_label("Name of the new team").fill(team)
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join the team").click()
    expect(page).to_have_url(re.compile(r"/plans/\d+$"))
    expect(page.locator(".team-banner")).to_contain_text(f"Team “{team}”")
    expect(page.locator("header")).to_contain_text(name)
    return int(re.search(r"/plans/(\d+)$", page.url).group(1))


def open_section(page: Page, title: str) -> None:
    page.get_by_role("link", name=title, exact=True).first.click()
    heading(page, title)


def save_and_continue(page: Page, saved: str, next_title: str) -> None:
    page.get_by_role("button", name="Save and continue").click()
    heading(page, next_title)
    expect(page.get_by_role("status").filter(has_text="Saved")).to_have_text(f"Saved “{saved}”.")


def fill_leadership(page: Page, *, coordination: bool, accountability: bool = False) -> None:
    """From the team's task list: name who leads the plan (POL-2), with `coordination`
    also the endorsement and the coordination body (POL-1, COA), with `accountability`
    also parliament's role and the reporting lines (COA)."""
    open_section(page, "Leadership and coordination")
    page.get_by_label("Lead institution", exact=True).fill("Ministry of Gender Equality")
    page.get_by_label("Focal point", exact=True).fill("Director for Women, Peace and Security")
    page.get_by_label("Secretariat and staff time", exact=True).fill("WPS unit, 3 staff")
    if coordination:
        page.get_by_label("Highest level of endorsement").select_option(
            label="Cabinet or council of ministers")
        page.get_by_label("Name of the coordination body").fill(
            "National Steering Committee on WPS")
        page.get_by_role("group", name="The body has written terms of reference").get_by_label(
            "Yes", exact=True).check()
        page.get_by_label("How often the body meets").select_option(label="Quarterly")
    if accountability:
        page.get_by_label("Role of parliament").fill(
            "Parliament's gender committee hears the annual report in public.")
        page.get_by_label("Who reports to whom").fill(
            "Each ministry reports to the steering committee twice a year; the committee "
            "reports to the cabinet.")
    save_and_continue(page, "Leadership and coordination", "Consultation")


def team_row(page: Page, team: str):
    return page.locator("table.teams-table tbody tr").filter(
        has=page.get_by_role("rowheader").filter(has_text=team))


def score_of(page: Page, team: str) -> float:
    return float(team_row(page, team).locator("td.team-score").get_attribute("data-value"))


def wait_for_score_above(page: Page, team_id: str, before: float) -> None:
    """Until the polled table shows this team's overall score above `before`."""
    page.wait_for_function(
        """([team, before]) => {
             const cell = document.querySelector(`tr[data-team="${team}"] td.team-score`);
             return cell !== null && parseFloat(cell.dataset.value) > before;
           }""", arg=[team_id, before], timeout=POLL_MS)


def team_order(page: Page) -> list[str]:
    return [name.strip() for name in page.locator(
        "table.teams-table tbody th[scope=row] > a").all_inner_texts()]


# --- the tests -----------------------------------------------------------------------------

def test_dashboard_follows_two_teams_as_they_draft(page, live_server, participants):
    base = live_server.url
    code = start_workshop(page, base, EMPTY_PLAN)
    expect(page.get_by_text("No team yet.")).to_be_visible()
    page.evaluate("window.notReloaded = true")  # gone if anything reloads the page

    coastal, highlands, second_member = participants(), participants(), participants()
    coastal_plan = join(coastal, base, code, "Coastal Provinces", "Lina Haddad")
    highlands_plan = join(highlands, base, code, "Highlands", "Omar Said")
    assert coastal_plan != highlands_plan
    # A second member joins an existing team: they share its plan.
    assert join(second_member, base, code, "Coastal Provinces", "Yusuf Tan",
                existing=True) == coastal_plan

    # The teams appear on the open dashboard at their initial scores (an empty plan: 0).
    coastal_row, highlands_row = team_row(page, "Coastal Provinces"), team_row(page, "Highlands")
    expect(coastal_row).to_be_visible(timeout=POLL_MS)
    expect(highlands_row).to_be_visible(timeout=POLL_MS)
    expect(coastal_row.get_by_role("rowheader")).to_contain_text(
        "Lina Haddad, Yusuf Tan", timeout=POLL_MS)
    expect(coastal_row.locator("td.team-score")).to_have_text("0")
    expect(highlands_row.locator("td.team-score")).to_have_text("0")
    expect(highlands_row).to_contain_text("no edits yet")
    before = {team: score_of(page, team) for team in ("Coastal Provinces", "Highlands")}
    coastal_id = coastal_row.get_attribute("data-team")
    highlands_id = highlands_row.get_attribute("data-team")

    # Each team drafts a section through the wizard (the second member for Coastal).
    fill_leadership(second_member, coordination=False)
    fill_leadership(highlands, coordination=True)

    # Without a reload, both teams' scores rise on the trainer's dashboard.
    wait_for_score_above(page, coastal_id, before["Coastal Provinces"])
    wait_for_score_above(page, highlands_id, before["Highlands"])
    assert page.evaluate("window.notReloaded") is True
    for team, row in (("Coastal Provinces", coastal_row), ("Highlands", highlands_row)):
        assert int(row.locator("td.team-score").inner_text()) > before[team], team
        expect(row).not_to_contain_text("no edits yet")
        expect(row).to_contain_text("1 started")
    assert score_of(page, "Highlands") > score_of(page, "Coastal Provinces")
    expect(page.locator("[data-poll-status]")).to_contain_text("Scores as of")

    # The trainer logs out in another tab: the next poll is redirected to the log-in page,
    # which must not replace the table; the page says why it stopped refreshing.
    other_tab = page.context.new_page()
    other_tab.goto(base + "/")
    other_tab.get_by_role("button", name="Log out").click()
    heading(other_tab, "Log in")
    expect(page.locator("[data-poll-status]")).to_contain_text(
        "You are no longer logged in", timeout=POLL_MS)
    expect(coastal_row).to_be_visible()
    expect(page.get_by_role("heading", name="Log in")).to_have_count(0)


def test_trainer_sorts_locks_and_reads_a_team_plan(page, live_server, participants):
    base = live_server.url
    code = start_workshop(page, base, WEAK_SAMPLE)
    coastal, highlands = participants(), participants()
    coastal_plan = join(coastal, base, code, "Coastal Provinces", "Lina Haddad")
    join(highlands, base, code, "Highlands", "Omar Said")
    fill_leadership(highlands, coordination=True)

    page.reload()
    assert team_order(page) == ["Coastal Provinces", "Highlands"]
    assert score_of(page, "Highlands") > score_of(page, "Coastal Provinces")
    page.evaluate("window.notReloaded = true")

    # Sorting by score reorders the rows in place, best first; again, worst first.
    score_header = page.locator("th[data-sort-key=score]")
    score_header.get_by_role("link").click()
    expect(page.locator("table.teams-table tbody th[scope=row] > a")).to_have_text(
        ["Highlands", "Coastal Provinces"])
    expect(score_header).to_have_attribute("aria-sort", "descending")
    expect(page).to_have_url(re.compile(r"\?sort=score$"))
    score_header.get_by_role("link").click()
    expect(page.locator("table.teams-table tbody th[scope=row] > a")).to_have_text(
        ["Coastal Provinces", "Highlands"])
    expect(score_header).to_have_attribute("aria-sort", "ascending")
    score_header.get_by_role("link").click()  # best first again
    expect(page.locator("table.teams-table tbody th[scope=row] > a")).to_have_text(
        ["Highlands", "Coastal Provinces"])

    # Coastal overtakes: the next poll brings the new scores in, still best first.
    fill_leadership(coastal, coordination=True, accountability=True)
    expect(page.locator("table.teams-table tbody th[scope=row] > a")).to_have_text(
        ["Coastal Provinces", "Highlands"], timeout=POLL_MS)
    assert score_of(page, "Coastal Provinces") > score_of(page, "Highlands")
    expect(score_header).to_have_attribute("aria-sort", "descending")
    assert page.evaluate("window.notReloaded") is True

    # They are drafting the next section when the lock comes.
    coastal.get_by_role("link", name="All sections").click()
    open_section(coastal, "Context analysis")

    # The trainer locks editing; a team's next save shows the notice and keeps their text.
    page.get_by_role("button", name="Lock editing (end of the exercise)").click()
    expect(page.get_by_role("status").first).to_contain_text("Editing is locked")
    expect(page.locator(".workshop-controls")).to_contain_text("Locked")
    expect(page.get_by_role("button", name="Unlock editing")).to_be_visible()

    stored_before = live_server.load(coastal_plan)
    typed = "Armed groups still hold the border districts; women cross them to reach markets."
    field = coastal.get_by_label("Conflict and security situation", exact=True)
    field.fill(typed)
    coastal.get_by_role("button", name="Save and continue").click()
    expect(coastal.get_by_role("alert")).to_contain_text(
        "The trainer has locked editing, so this was not saved.")
    heading(coastal, "Context analysis")
    expect(field).to_have_value(typed)
    expect(coastal.locator(".team-banner")).to_contain_text("Editing locked by the trainer")
    expect(coastal.get_by_role("button", name="Save and continue")).to_have_count(0)
    stored_after = live_server.load(coastal_plan)
    assert stored_after.document == stored_before.document
    assert {key: state.version for key, state in stored_after.sections.items()} == \
        {key: state.version for key, state in stored_before.sections.items()}

    # The trainer opens a team's plan from the dashboard: it is read-only to them.
    page.get_by_role("link", name="Highlands", exact=True).click()
    expect(page).to_have_url(re.compile(r"/plans/\d+/check$"))
    expect(page.locator(".team-banner")).to_contain_text("Team “Highlands”")
    expect(page.locator(".team-banner").get_by_role("link", name=WORKSHOP)).to_be_visible()
    expect(page.get_by_text("Ministry of Gender Equality").first).to_be_visible()
    plan_url = re.sub(r"/check$", "", page.url)
    page.goto(plan_url + "/leadership")
    heading(page, "Leadership and coordination")
    expect(page.get_by_text("You can read this plan. Only its owners and editors can "
                            "change it.")).to_be_visible()
    # The saved text is shown as text: no field that looks editable.
    expect(page.get_by_text("Ministry of Gender Equality").first).to_be_visible()
    expect(page.get_by_label("Lead institution", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Save and continue")).to_have_count(0)
