"""The scorecard, the civil-society assessment, the wizard pages with the score panel and
the help pages, on a laptop and on a phone: nothing wider than the screen, no serious or
critical axe violation, and on a phone a score bar that stays in view while a long page
scrolls (screenshots saved for a person to look at)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from drafter import db
from drafter.auth.service import create_user
from drafter.members import service as members
from drafter.plan.transfer import parse_document
from support import audit_page

pytestmark = pytest.mark.e2e

DEVICES = {"desktop": (1280, 900), "phone": (390, 844)}
REVIEWER, PASSWORD = "rania@network.example", "a long reviewer password"


@pytest.fixture
def reviewed_plan(live_server):
    """The weak sample plan, with a civil-society reviewer's account on it."""
    sample = Path(__file__).resolve().parents[2] / "samples" / "weak-plan.json"
    plan_id = live_server.create_plan(parse_document(sample.read_bytes()))
    with live_server.app.app_context():
        reviewer = create_user(db.session(), REVIEWER, "Rania", PASSWORD).id
        members.set_role(db.session(), plan_id, reviewer, "reviewer")
    return plan_id


@pytest.mark.parametrize("device", DEVICES)
def test_score_pages_fit_the_screen_and_keep_the_score_in_view(live_server, reviewed_plan,
                                                               browser, axe, shots, device):
    width, height = DEVICES[device]
    phone = device == "phone"
    base = f"{live_server.url}/plans/{reviewed_plan}"
    pages = {"scorecard": f"{base}/scorecard", "assessments": f"{base}/assessments",
             "tasklist": base, "actions": f"{base}/actions", "new-action": f"{base}/actions/new",
             "glossary": f"{live_server.url}/help/glossary",
             "scoring": f"{live_server.url}/help/scoring"}
    problems, too_wide = {}, {}
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=1, is_mobile=phone, has_touch=phone)
    context.set_default_timeout(10_000)
    axe.prepare(context)
    try:
        page = context.new_page()
        live_server.log_in(page, REVIEWER, PASSWORD)
        for name, url in pages.items():
            response = page.goto(url)
            assert response is not None and response.ok, (name, response.status)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            audit_page(page, axe, shots / f"score-{name}-{width}.png", name, problems, too_wide)

        # The assessment page come back with an error, every answer still there.
        page.goto(f"{base}/assessments")
        page.locator("#criterion-POL-1").get_by_label("I disagree").check()
        page.locator("#reason-INC-2").fill("Only the capital was consulted.")
        page.locator("#area-POL").get_by_role("button", name="Save your assessments").click()
        expect(page.locator(".error-summary")).to_contain_text("POL-1: Choose the status")
        expect(page.locator("#reason-INC-2")).to_have_value("Only the capital was consulted.")
        page.screenshot(path=shots / f"score-assessments-error-{width}.png")
        if overflow := page.evaluate("document.documentElement.scrollWidth"
                                     " - document.documentElement.clientWidth"):
            too_wide["assessments-error"] = overflow
        if blocking := axe.blocking(axe.violations(page)):
            problems["assessments-error"] = blocking

        # Half-way down a long wizard page the score is still on the screen on a phone;
        # on a laptop the panel beside the form does that, and the bar is not shown.
        page.goto(f"{base}/actions")
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 3)")
        bar = page.locator(".score-bar")
        if phone:
            expect(bar).to_be_in_viewport()
            expect(bar).to_contain_text("/ 100")
            page.screenshot(path=shots / f"score-bar-{width}.png")
            bar.get_by_role("link", name="Score details").click()
            expect(page.locator(".score-panel")).to_be_in_viewport()
        else:
            expect(bar).to_be_hidden()
            expect(page.locator(".score-panel")).to_be_in_viewport()
        page.wait_for_load_state("load")
    finally:
        context.close()
    assert not too_wide, f"pages wider than the {width}px screen (px too wide): {too_wide}"
    assert not problems, f"axe at {width}px:\n" + "\n".join(
        f"{name}:\n{axe.describe(found)}" for name, found in problems.items())
