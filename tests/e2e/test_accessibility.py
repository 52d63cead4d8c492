"""axe-core on every page of the wizard, filled with the strong sample plan: no violation
of impact "serious" or "critical" anywhere, including pages that show errors."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from drafter.wizard.steps import STEPS

pytestmark = pytest.mark.e2e

def test_every_page_has_no_serious_accessibility_violation(live_server, strong_plan, axe,
                                                           context, page):
    plan_id, document = strong_plan
    base = f"{live_server.url}/plans/{plan_id}"
    action_id = document.actions.items[0].id
    axe.prepare(context)
    problems: dict[str, list[dict]] = {}
    minor: dict[str, set[str]] = {}
    audited: list[str] = []

    def audit(name: str) -> None:
        audited.append(name)
        violations = axe.violations(page)
        blocking = axe.blocking(violations)
        if blocking:
            problems[f"{name} ({page.url})"] = blocking
        for violation in violations:
            if violation not in blocking:
                minor.setdefault(f"{violation['impact']} {violation['id']}", set()).add(name)

    def visit(name: str, url: str) -> None:
        response = page.goto(url)
        assert response is not None and response.ok, f"{name}: {url} answered {response.status}"
        audit(name)

    visit("home", live_server.url + "/")
    visit("new plan", live_server.url + "/plans/new")
    visit("task list", base)
    for step in STEPS:
        visit(f"section {step.key}", f"{base}/{step.key}")
    lists = {"consultation": document.consultation.events, "actions": document.actions.items,
             "indicators": document.indicators.items, "budget": document.budget.lines}
    for section, items in lists.items():
        assert items, f"the strong sample has no {section} items"
        visit(f"{section} item", f"{base}/{section}/{items[0].id}")
        visit(f"{section} new item", f"{base}/{section}/new")
    visit("delete an action", f"{base}/actions/{action_id}/delete")
    visit("check your plan", f"{base}/check")
    visit("scorecard", f"{base}/scorecard")
    visit("members", f"{base}/members")
    visit("comments", f"{base}/comments")
    visit("comments on a section", f"{base}/comments/context")
    visit("civil-society assessment", f"{base}/assessments")
    visit("change password", live_server.url + "/account/password")
    visit("account and log-ins", live_server.url + "/account/devices")
    visit("log in", live_server.url + "/login")
    visit("sign up", live_server.url + "/signup")

    # Pages that show errors.
    page.goto(live_server.url + "/plans/new")
    page.get_by_role("button", name="Start the plan").click()
    expect(page.locator(".error-summary")).to_be_visible()
    audit("new plan, with an error")

    page.goto(f"{base}/about")
    page.get_by_label("First year of the plan", exact=True).fill("2031")
    page.get_by_label("Last year of the plan", exact=True).fill("2029")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".error-summary")).to_be_visible()
    audit("about, with an error")

    page.goto(f"{base}/actions/{action_id}")
    page.get_by_label("Start", exact=True).fill("2027-05-01")
    page.get_by_label("End", exact=True).fill("2026-05-01")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".error-summary")).to_be_visible()
    audit("action, with an error")

    page.goto(f"{base}/regional")
    page.locator("#partners tbody tr[data-row]").first.get_by_label(
        re.compile("^Since, ")).fill("1200")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#partners td.has-error")).to_have_count(1)
    audit("regional, with an error in a row")

    page.goto(f"{base}/comments/context")
    page.get_by_role("button", name="Add comment").click()
    expect(page.locator(".error-summary")).to_be_visible()
    audit("comments, with an error")

    page.goto(live_server.url + "/")
    page.get_by_label("Plan file (JSON)").set_input_files(files=[{
        "name": "plan.json", "mimeType": "application/json",
        "buffer": json.dumps({"about": {"period_start": "soon"}}).encode()}])
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("The file could not be imported")).to_be_visible()
    audit("home, with an import error")

    missing = page.goto(f"{base}/actions/no-such-action")
    assert missing is not None and missing.status == 404
    audit("page not found")

    refused = page.goto(f"{live_server.url}/plans/{plan_id + 100}")
    assert refused is not None and refused.status == 403
    audit("access refused")

    if minor:
        print("Less serious axe findings (not failures):")
        for rule, names in sorted(minor.items()):
            print(f"  {rule}: {', '.join(sorted(names))}")
    assert len(audited) == 42
    assert not problems, "axe found serious or critical violations:\n" + "\n".join(
        f"{name}:\n{axe.describe(violations)}" for name, violations in problems.items())
