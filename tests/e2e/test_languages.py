"""The interface in the browser's language, a language menu that keeps what was typed,
Arabic pages that mirror, and axe on the main pages in Arabic and French.

Screenshots of the task list, a wizard step with errors, the scorecard and the workshop
dashboard in each language go to the shots folder for a person to look at.
"""

from __future__ import annotations

import pytest
from flask_babel import force_locale, gettext
from playwright.sync_api import expect

from drafter import db
from drafter.plan.transfer import parse_document
from drafter.workshops import service as workshops
from support import ROOT

pytestmark = pytest.mark.e2e


def said(live_server, language: str, text: str) -> str:
    with live_server.app.test_request_context(), force_locale(language):
        return gettext(text)


def choose_language(page, live_server, language: str) -> None:
    page.get_by_label(said(live_server, page_language(page), "Language"),
                      exact=True).select_option(language)
    page.get_by_role("button", name=said(live_server, page_language(page),
                                         "Change language")).click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def page_language(page) -> str:
    return page.locator("html").get_attribute("lang")


def test_a_french_browser_gets_french_pages(live_server, browser):
    context = browser.new_context(locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/login")
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            said(live_server, "fr", "Log in"))
    finally:
        context.close()


def test_the_menu_switches_to_arabic_mirrors_the_page_and_keeps_what_was_typed(
        live_server, strong_plan, page):
    plan_id, document = strong_plan
    page.goto(f"{live_server.url}/plans/{plan_id}/about")
    title = page.get_by_label("Title of the plan", exact=True)
    title.fill("Plan typed but not saved")
    choose_language(page, live_server, "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_label(said(live_server, "ar", "Title of the plan"), exact=True)
           ).to_have_value("Plan typed but not saved")
    # Mirrored: the brand starts the header on the right, the language menu ends it on
    # the left.
    width = page.viewport_size["width"]
    brand = page.locator(".brand").bounding_box()
    menu = page.locator(".language-menu").bounding_box()
    assert brand["x"] > width / 2 > menu["x"]
    # The form is still unsaved: the stored title has not changed.
    assert live_server.load(plan_id).document.about.title == document.about.title
    choose_language(page, live_server, "en")
    expect(page.get_by_label("Title of the plan", exact=True)).to_have_value(
        "Plan typed but not saved")


def test_the_language_chosen_follows_the_account(live_server, browser, page):
    page.goto(live_server.url + "/")
    choose_language(page, live_server, "es")
    other = browser.new_context(locale="en-GB")
    try:
        elsewhere = other.new_page()
        live_server.log_in(elsewhere)
        expect(elsewhere.locator("html")).to_have_attribute("lang", "es")
    finally:
        other.close()


@pytest.fixture
def workshop(live_server):
    scenario = parse_document((ROOT / "samples" / "weak-plan.json").read_bytes())
    with live_server.app.app_context():
        session = db.session()
        room = workshops.create_workshop(session, name="Atelier de Dakar",
                                         trainer_id=live_server.owner_id,
                                         scenario=scenario, checklist="csag-2012")
        for name, person in (("Équipe 1", "Awa"), ("Équipe 2", "Moussa")):
            workshops.join(session, room, None, guest_name=person, new_team=name)
        return room.id


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_main_pages_in_arabic_and_french_have_no_serious_accessibility_violation(
        live_server, strong_plan, workshop, context, axe, shots, language):
    plan_id, _document = strong_plan
    context.add_cookies([{"name": "drafter_language", "value": language,
                          "url": live_server.url}])
    axe.prepare(context)
    page = context.new_page()
    problems = {}

    def audit(name: str) -> None:
        expect(page.locator("html")).to_have_attribute("lang", language)
        page.screenshot(path=shots / f"i18n-{language}-{name}.png", full_page=True)
        blocking = axe.blocking(axe.violations(page))
        if blocking:
            problems[name] = blocking

    for name, path in (("home", "/"), ("tasklist", f"/plans/{plan_id}"),
                       ("scorecard", f"/plans/{plan_id}/scorecard"),
                       ("dashboard", f"/workshops/{workshop}"),
                       ("glossary", "/help/glossary")):
        page.goto(live_server.url + path)
        audit(name)
    page.goto(f"{live_server.url}/plans/{plan_id}/about")
    page.get_by_label(said(live_server, language, "First year of the plan"),
                      exact=True).fill("2031")
    page.get_by_label(said(live_server, language, "Last year of the plan"),
                      exact=True).fill("2029")
    page.get_by_role("button", name=said(live_server, language, "Save and continue")).click()
    expect(page.locator(".error-summary")).to_be_visible()
    audit("step-with-errors")
    assert not problems, "\n".join(f"{name}:\n{axe.describe(found)}"
                                   for name, found in problems.items())
