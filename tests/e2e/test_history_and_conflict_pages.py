"""The pages of issue 12 on a laptop and on a phone: the history and its section's saves,
a comparison of revisions, the members, the conflict page, the confirmations of deleting
an action and of removing an objective, and a refused import. No serious or critical axe
violation or layout fault (`support.layout_findings`), no page wider than the screen
(screenshots saved for a person to look at); and a conflict resolved field by field in
the browser."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from drafter import db
from drafter.history import service as history
from drafter.plan.store import PlanStore
from support import audit_page

pytestmark = pytest.mark.e2e

DEVICES = {"desktop": (1280, 900), "phone": (390, 844)}
BAD_FILE = json.dumps({"indicators": {"items": [
    {"id": "i1", "statement": "Officers trained"}, {"id": "i2"},
    {"id": "i3", "statement": "Share of women among mediators", "target_year": "by 2030"}]}})


def someone_else_saves(live_server, plan_id: int, key: str, **changes) -> None:
    with live_server.app.app_context():
        store = PlanStore(db.session())
        state = store.load_section(plan_id, key)
        store.save_section(plan_id, key, state.data.model_copy(update=changes), state.version)


@pytest.fixture
def edited_plan(live_server, strong_plan):
    """The strong sample with a revision, then a longer conflict analysis and a new lead."""
    plan_id, document = strong_plan
    with live_server.app.app_context():
        history.save_revision(db.session(), plan_id, "Draft for the validation workshop",
                              live_server.owner_id)
    someone_else_saves(live_server, plan_id, "context", conflict_analysis=(
        document.context.conflict_analysis.replace("armed", "armed and organised", 1)
        + " Women's groups report new threats in the border districts."))
    actions = list(document.actions.items)
    actions[0] = actions[0].model_copy(update={"lead_institution": "Ministry of Interior"})
    someone_else_saves(live_server, plan_id, "actions", items=actions)
    return plan_id, document


def check(page, axe, shots, name: str, width: int, problems: dict, too_wide: dict) -> None:
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("load")
    audit_page(page, axe, shots / f"issue12-{name}-{width}.png", name, problems, too_wide)


@pytest.mark.parametrize("device", DEVICES)
def test_the_pages_are_accessible_and_fit_the_screen(live_server, edited_plan, browser, axe,
                                                     shots, device):
    width, height = DEVICES[device]
    phone = device == "phone"
    plan_id, document = edited_plan
    base = f"{live_server.url}/plans/{plan_id}"
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=1, is_mobile=phone, has_touch=phone)
    axe.prepare(context)
    problems, too_wide = {}, {}
    try:
        page = context.new_page()
        live_server.log_in(page)
        for name, url in {"history": f"{base}/history",
                          "members": f"{base}/members",
                          "section-saves": f"{base}/history/sections/actions",
                          "compare": f"{base}/history/compare",
                          "delete-action": f"{base}/actions/{document.actions.items[0].id}/delete"
                          }.items():
            response = page.goto(url)
            assert response is not None and response.ok, (name, response.status)
            check(page, axe, shots, name, width, problems, too_wide)
        expect(page.get_by_text("refer to it; they will be kept, without a link to it")
               ).to_be_visible()

        page.goto(f"{base}/pillars")
        page.locator('button[name="remove_row"][value="objectives-0"]').click()
        page.get_by_role("button", name="Save and come back later").click()
        expect(page.get_by_role("button", name="Remove it and save")).to_be_visible()
        check(page, axe, shots, "remove-objective", width, problems, too_wide)

        page.goto(f"{base}/leadership")
        someone_else_saves(live_server, plan_id, "leadership", focal_point="Someone else")
        page.get_by_label("Focal point").fill("Ms A. Mensah")
        page.get_by_role("button", name="Save and come back later").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Someone else changed")
        check(page, axe, shots, "conflict", width, problems, too_wide)
        page.get_by_role("button", name="Save what I chose").click()
        expect(page.locator(".error-summary")).to_contain_text("Choose which to keep")
        check(page, axe, shots, "conflict-unchosen", width, problems, too_wide)

        page.goto(live_server.url + "/")
        page.get_by_label("Plan file (JSON)").set_input_files(files=[{
            "name": "plan.json", "mimeType": "application/json", "buffer": BAD_FILE.encode()}])
        page.get_by_role("button", name="Import").click()
        expect(page.get_by_text("Indicators, indicator 3 (“Share of women among mediators”), "
                                "Target year: Enter a whole number, like 2030")).to_be_visible()
        check(page, axe, shots, "import-refused", width, problems, too_wide)
    finally:
        context.close()
    assert not too_wide, f"pages wider than the screen (pixels): {too_wide}"
    assert not problems, "axe found serious or critical violations:\n" + "\n".join(
        f"{name}:\n{axe.describe(violations)}" for name, violations in problems.items())


def test_a_conflict_is_resolved_field_by_field(live_server, strong_plan, page):
    plan_id, _document = strong_plan
    page.goto(f"{live_server.url}/plans/{plan_id}/leadership")
    someone_else_saves(live_server, plan_id, "leadership", focal_point="Director of Gender",
                       secretariat="A new secretariat")
    page.get_by_label("Focal point").fill("Ms A. Mensah")
    page.get_by_role("button", name="Save and come back later").click()
    focal = page.get_by_role("group", name="Focal point")
    expect(focal).to_contain_text("Ms A. Mensah")
    expect(focal).to_contain_text("Director of Gender")
    # Only the other person changed the secretariat: their version is already chosen.
    expect(page.get_by_role("group", name="Secretariat and staff time").get_by_label(
        "Keep the saved one")).to_be_checked()
    focal.get_by_label("Keep yours").check()
    page.get_by_role("button", name="Save what I chose").click()
    expect(page.get_by_role("status")).to_contain_text("is saved with what you chose to keep")
    saved = live_server.load(plan_id).sections["leadership"].data
    assert (saved.focal_point, saved.secretariat) == ("Ms A. Mensah", "A new secretariat")
