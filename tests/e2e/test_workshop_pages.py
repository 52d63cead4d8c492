"""Every workshop page, on a laptop and on a phone: no serious or critical axe violation,
and no page wider than the screen (screenshots saved for a person to look at)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from drafter import db
from drafter.plan.store import PlanStore
from drafter.plan.transfer import parse_document
from drafter.workshops import service
from support import ROOT, audit_page

pytestmark = pytest.mark.e2e

DEVICES = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture
def room(live_server):
    """A workshop run by the browser's account, with three teams of varied progress."""
    strong = parse_document((ROOT / "samples" / "strong-plan.json").read_bytes())
    weak = parse_document((ROOT / "samples" / "weak-plan.json").read_bytes())
    with live_server.app.app_context():
        session = db.session()
        workshop = service.create_workshop(
            session, name="Drafting workshop, Lakeside Hotel", trainer_id=live_server.owner_id,
            scenario=weak, checklist="csag-2012")
        store = PlanStore(session)
        teams = []
        for number, (name, person) in enumerate([("Coastal Provinces", "Lina Haddad"),
                                                 ("Northern Highlands", "Omar Said"),
                                                 ("Capital District civil society", "Grace Okafor")]):
            team, _user = service.join(session, workshop, None, guest_name=person, new_team=name)
            for key in ("context", "leadership", "monitoring")[:number]:
                state = store.load(team.plan_id).sections[key]
                store.save_section(team.plan_id, key, getattr(strong, key), state.version)
            teams.append((team.id, team.plan_id))
        return {"id": workshop.id, "code": workshop.code, "teams": teams}


def check(page, axe, shots, name: str, width: int, problems: dict, too_wide: dict) -> None:
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    audit_page(page, axe, shots / f"workshop-{name}-{width}.png", name, problems, too_wide)


@pytest.mark.parametrize("device", DEVICES)
def test_workshop_pages_are_accessible_and_fit_the_screen(live_server, room, browser, axe,
                                                          shots, device):
    width, height = DEVICES[device]
    phone = device == "phone"
    (team_a, plan_a), (team_b, _plan_b) = room["teams"][:2]
    base = f"{live_server.url}/workshops/{room['id']}"
    trainer_pages = {
        "index": f"{live_server.url}/workshops", "new": f"{live_server.url}/workshops/new",
        "dashboard": base, "compare": f"{base}/compare?a={team_a}&b={team_b}",
        "reset": f"{base}/teams/{team_a}/reset", "remove": f"{base}/teams/{team_a}/remove",
        "team-check": f"{live_server.url}/plans/{plan_a}/check",
    }
    participant_pages = {"join": f"{live_server.url}/join",
                         "choose-team": f"{live_server.url}/join/{room['code']}"}
    problems, too_wide = {}, {}
    for pages, logged_in in ((trainer_pages, True), (participant_pages, False)):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      device_scale_factor=1, is_mobile=phone, has_touch=phone)
        axe.prepare(context)
        try:
            page = context.new_page()
            if logged_in:
                live_server.log_in(page)
            for name, url in pages.items():
                response = page.goto(url)
                assert response is not None and response.ok, (name, response.status)
                check(page, axe, shots, name, width, problems, too_wide)
            if not logged_in:  # the choose-team page with an error
                page.get_by_role("button", name="Join the team").click()
                expect(page.locator(".error-summary")).to_be_visible()
                check(page, axe, shots, "choose-team-error", width, problems, too_wide)
        finally:
            context.close()
    assert not too_wide, f"pages wider than the {width}px screen (px too wide): {too_wide}"
    assert not problems, f"axe at {width}px:\n" + "\n".join(
        f"{name}:\n{axe.describe(found)}" for name, found in problems.items())
