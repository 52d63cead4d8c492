"""What a newcomer stumbled on, in the browser: a page saved after logging out in another
tab comes back after logging in; letters in a number box and a long paste are kept and
explained, never dropped or cut; an objective's pillar choices follow the pillar rows as
they are typed; Enter in a text box saves rather than removing a row. And every page
touched for these, seen on a laptop and a phone: no serious axe finding, nothing wider
than the screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from drafter import db
from drafter.auth.service import create_user
from drafter.members.service import set_role
from drafter.plan.schema import PlanDocument
from support import audit_page

pytestmark = pytest.mark.e2e


def heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def plan(live_server, **sections) -> int:
    return live_server.create_plan(PlanDocument.model_validate(
        {"about": {"title": "Plan of Varesia", "regions": ["Northern Highlands", "Lakes"]},
         **sections}))


def test_a_page_saved_after_logging_out_in_another_tab_comes_back(live_server, context, page):
    plan_id = plan(live_server, context={"conflict_analysis": "The saved analysis"})
    page.goto(f"{live_server.url}/plans/{plan_id}/context")
    other = context.new_page()
    other.goto(live_server.url + "/")
    other.get_by_role("button", name="Log out").click()
    heading(other, "Log in")
    other.close()

    typed = "Twenty years of conflict in the highlands, typed after the log-out."
    page.get_by_label("Conflict and security situation").fill(typed)
    page.get_by_label("Year of the baseline assessment").fill("2024")
    page.get_by_role("button", name="Save and continue").click()
    heading(page, "Log in")
    expect(page.get_by_role("status")).to_contain_text(
        "You were logged out; log in to get back what you typed — it is not saved yet.")
    page.get_by_label("E-mail address").fill("amina@ministry.example")
    page.get_by_label("Password").fill("a long test password")
    page.get_by_role("button", name="Log in").click()

    heading(page, "Context analysis")
    expect(page.get_by_role("alert")).to_contain_text(
        "Not saved yet: what you typed before you were logged out is back; check it and save.")
    expect(page.get_by_label("Conflict and security situation")).to_have_value(typed)
    expect(page.get_by_label("Year of the baseline assessment")).to_have_value("2024")
    assert live_server.load(plan_id).document.context.conflict_analysis == "The saved analysis"
    page.get_by_role("button", name="Save and continue").click()
    heading(page, "Leadership and coordination")
    assert live_server.load(plan_id).document.context.conflict_analysis == typed


def test_letters_in_a_number_box_are_kept_and_explained(live_server, page):
    plan_id = plan(live_server)
    page.goto(f"{live_server.url}/plans/{plan_id}/about")
    page.get_by_label("Which plan is this?").fill("second")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter a whole number, like 2")
    expect(page.get_by_label("Which plan is this?")).to_have_value("second")
    assert live_server.load(plan_id).document.about.generation is None

    page.goto(f"{live_server.url}/plans/{plan_id}/budget/new")
    page.get_by_label("Cost", exact=True).fill("EUR 500k")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Enter the amount in figures, like 500000")
    expect(page.get_by_label("Cost", exact=True)).to_have_value("EUR 500k")


def test_a_long_text_is_counted_near_its_limit_and_never_cut(live_server, page):
    plan_id = plan(live_server)
    page.goto(f"{live_server.url}/plans/{plan_id}/context")
    box = page.get_by_label("Conflict and security situation")
    count = page.locator("#conflict_analysis-count")
    box.fill("x" * 1000)
    expect(count).to_have_count(0)  # far from the limit: no count
    box.fill("x" * 18_500)
    expect(count).to_have_text("18,500 of 20,000 characters")
    pasted = "A long paste. " * 21_858 + "end"  # 306,015 characters
    box.fill(pasted)
    expect(count).to_have_text(
        "306,015 of 20,000 characters: 286,015 too many, so this cannot be saved")
    assert len(box.input_value()) == len(pasted)  # the browser did not cut it
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Use at most 20,000 characters; you typed 306,015")
    assert page.get_by_label("Conflict and security situation").input_value() == pasted
    assert live_server.load(plan_id).document.context.conflict_analysis == ""


def test_pillar_choices_follow_the_pillar_rows_as_they_are_typed(live_server, page):
    plan_id = plan(live_server, pillars={"objectives": [
        {"id": "o1", "code": "3.1", "title": "Survivors reach justice",
         "pillar_id": "protection"}]})
    page.goto(f"{live_server.url}/plans/{plan_id}/pillars")
    pillars = page.locator("#pillars tbody tr[data-row]")
    page.locator("#pillars [data-add-row]").click()
    new_pillar = pillars.nth(4)
    new_pillar.get_by_label(re.compile(r"^Pillar, ")).fill("Climate and security")

    page.locator("#objectives [data-add-row]").click()
    objective = page.locator("#objectives tbody tr[data-row]").nth(1)
    choice = objective.get_by_label(re.compile(r"^Pillar, "))
    expect(choice.locator("option", has_text="Climate and security")).to_have_count(1)
    choice.select_option(label="Climate and security")
    objective.get_by_label(re.compile(r"^Objective, ")).fill("Women lead climate adaptation")
    new_pillar.get_by_label(re.compile(r"^Pillar, ")).fill("Climate, peace and security")
    expect(choice.locator("option:checked")).to_have_text("Climate, peace and security")

    # Removing the pillar an objective chose keeps the choice, marked as removed.
    pillars.nth(2).get_by_role("button", name=re.compile("^Remove")).click()
    first = page.locator("#objectives tbody tr[data-row]").nth(0).get_by_label(
        re.compile(r"^Pillar, "))
    expect(first.locator("option:checked")).to_have_text("Protection (removed)")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "The pillar “Protection” is no longer in the list of pillars")
    expect(page.locator(".error-summary")).not_to_contain_text("does not exist")
    first = page.locator("#objectives tbody tr[data-row]").nth(0).get_by_label(
        re.compile(r"^Pillar, "))
    first.select_option(label="Participation")
    page.get_by_role("button", name="Save and continue").click()
    heading(page, "Actions")
    saved = live_server.load(plan_id).document.pillars
    climate = next(p for p in saved.pillars if p.name == "Climate, peace and security")
    assert [o.pillar_id for o in saved.objectives] == ["participation", climate.id]
    assert "protection" not in [p.id for p in saved.pillars]


def test_enter_in_a_text_box_saves_the_page_and_removes_no_row(live_server, page):
    plan_id = plan(live_server, leadership={"members": [
        {"id": "m1", "institution": "Ministry of Defence"},
        {"id": "m2", "institution": "Ministry of Justice"}]})
    page.goto(f"{live_server.url}/plans/{plan_id}/leadership")
    page.get_by_label("Focal point").fill("Director for WPS")
    page.get_by_label("Focal point").press("Enter")
    heading(page, "Consultation")
    leadership = live_server.load(plan_id).document.leadership
    assert leadership.focal_point == "Director for WPS"
    assert [m.institution for m in leadership.members] == ["Ministry of Defence",
                                                           "Ministry of Justice"]


DEVICES = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.mark.parametrize("device", DEVICES)
def test_the_pages_changed_for_a_newcomer_are_accessible_and_fit(live_server, strong_plan,
                                                                 browser, axe, shots, device):
    plan_id, document = strong_plan
    with live_server.app.app_context():
        # A name as long as many are: the header's links must still each keep to a line.
        viewer = create_user(db.session(), "viewer@ministry.example",
                             "Vera Mensah-Okonkwo (Ministry of Gender)", "a long test password")
        set_role(db.session(), plan_id, viewer.id, "viewer")
    event = document.consultation.events[0].id
    width, height = DEVICES[device]
    phone = device == "phone"
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=1, is_mobile=phone, has_touch=phone)
    axe.prepare(context)
    problems, too_wide = {}, {}

    def look(name: str, title: str) -> None:
        heading(page, title)
        audit_page(page, axe, shots / f"newcomer-{name}-{width}.png", name, problems, too_wide)

    try:
        page = context.new_page()
        base = f"{live_server.url}/plans/{plan_id}"
        # The log-in page, saying why it is shown.
        page.goto(base + "/context")
        look("login-see-this-page", "Log in")
        live_server.log_in(page)
        page.goto(base + "/context")
        other = context.new_page()
        other.goto(live_server.url + "/")
        other.get_by_role("button", name="Log out").click()
        expect(other.get_by_role("heading", level=1)).to_have_text("Log in")
        other.close()
        page.get_by_label("Conflict and security situation").fill("Typed after the log-in ended")
        page.get_by_role("button", name="Save and continue").click()
        look("login-kept", "Log in")
        expect(page.get_by_role("status")).to_contain_text("You were logged out")
        page.get_by_label("E-mail address").fill("amina@ministry.example")
        page.get_by_label("Password").fill("a long test password")
        page.get_by_role("button", name="Log in").click()
        look("context-kept", "Context analysis")
        expect(page.get_by_label("Conflict and security situation")).to_have_value(
            "Typed after the log-in ended")

        page.goto(base + "/pillars")
        page.locator("#pillars tbody tr[data-row]").nth(2).get_by_role(
            "button", name=re.compile("^Remove")).click()
        page.get_by_role("button", name="Save and continue").click()
        expect(page.locator(".error-summary")).to_be_visible()
        look("pillars-error", "Pillars and objectives")
        page.goto(live_server.url + "/")
        look("plans", "Your plans")
        # On a phone a plan's title takes the width of the page, its role and dates under
        # it, rather than a column a few words wide beside three others.
        title = page.get_by_role("link", name=document.about.title).bounding_box()
        assert not phone or title["width"] > 0.6 * page.locator("main").bounding_box()["width"]
        page.goto(base + "/consultation")
        look("consultation", "Consultation")
        page.goto(base + "/regional")  # rows as cards, with yes/no boxes
        look("regional", "Regional links and twinning")
        page.goto(base + f"/consultation/{event}")
        look("consultation-event", "Change the consultation event")
        page.goto(base + "/budget/new")
        page.get_by_label("Cost", exact=True).fill("EUR 500k")
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.locator(".error-summary")).to_be_visible()
        look("budget-line-error", "Add a budget line")
        page.goto(f"{live_server.url}/plans/new")
        page.get_by_role("button", name="Start the plan").click()
        expect(page.locator(".error-summary")).to_be_visible()
        look("new-plan-error", "Start a new plan")
        empty = live_server.create_plan(PlanDocument.model_validate(
            {"about": {"title": "An empty plan", "lead_institution": "Ministry of Gender"}}))
        page.goto(f"{live_server.url}/plans/{empty}/leadership")
        look("leadership-empty", "Leadership and coordination")

        page.get_by_role("button", name="Log out").click()
        live_server.log_in(page, "viewer@ministry.example", "a long test password")
        page.goto(base + "/about")
        look("about-read-only", "About the plan")
        page.goto(base + f"/consultation/{event}")
        look("event-read-only", "Consultation event")
    finally:
        context.close()
    assert not too_wide, f"pages wider than the {width}px screen (px too wide): {too_wide}"
    assert not problems, f"axe at {width}px:\n" + "\n".join(
        f"{name}:\n{axe.describe(found)}" for name, found in problems.items())
