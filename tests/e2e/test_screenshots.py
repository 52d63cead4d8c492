"""Full-page screenshots of the main kinds of page, on a laptop and on a phone, for a
person to look at (saved to /tmp/shots, or DRAFTER_E2E_SHOTS). On the phone, no page may
be wider than the screen, and axe's layout rules find nothing serious there either (a
table squeezed into a scrolling box, for one, is a region a keyboard cannot scroll); at
both widths, `support.layout_findings` finds nothing (a date cut at its hyphen, for one)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from support import layout_findings

pytestmark = pytest.mark.e2e

DEVICES = {"desktop": (1280, 900), "phone": (390, 844)}
# The axe rules whose outcome depends on the width of the screen; colours and names do not
# change with it, and test_accessibility checks everything on every page at 1280px.
LAYOUT_RULES = ("scrollable-region-focusable", "meta-viewport", "meta-viewport-large",
                "target-size", "region", "landmark-one-main", "bypass")


@pytest.mark.parametrize("device", DEVICES)
def test_screenshots_of_the_main_pages(live_server, strong_plan, browser, axe, shots, device):
    plan_id, document = strong_plan
    action = document.actions.items[0]
    pages = {
        "tasklist": f"/plans/{plan_id}",
        "section-leadership": f"/plans/{plan_id}/leadership",
        "section-actions": f"/plans/{plan_id}/actions",
        "item-action": f"/plans/{plan_id}/actions/{action.id}",
        "check": f"/plans/{plan_id}/check",
    }
    width, height = DEVICES[device]
    phone = device == "phone"
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=1, is_mobile=phone, has_touch=phone)
    if phone:
        axe.prepare(context)
    try:
        page = context.new_page()
        live_server.log_in(page)
        too_wide, problems = {}, {}
        for name, path in pages.items():
            page.goto(live_server.url + path)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            if name == "item-action":
                expect(page.get_by_label("Action", exact=True)).to_have_value(action.title)
            page.screenshot(path=shots / f"e2e-{name}-{width}.png", full_page=True)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                too_wide[name] = overflow
            found = layout_findings(page)
            if phone:
                found += axe.blocking(axe.violations(page, LAYOUT_RULES))
            if found:
                problems[name] = found
        assert not too_wide, f"pages wider than the {width}px screen (px too wide): {too_wide}"
        assert not problems, f"axe or layout at {width}px:\n" + "\n".join(
            f"{name}:\n{axe.describe(found)}" for name, found in problems.items())
    finally:
        context.close()
