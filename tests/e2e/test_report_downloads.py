"""A download whose file is still being made: the "being prepared" page, in Chromium,
follows the job and turns into the download without a reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from drafter.jobs.queue import consumer

pytestmark = pytest.mark.e2e


def test_a_report_being_prepared_downloads_by_itself_when_ready(live_server, strong_plan,
                                                                context, page, axe, shots):
    plan_id, _document = strong_plan
    axe.prepare(context)
    page.goto(f"{live_server.url}/plans/{plan_id}")
    page.get_by_role("link", name="Download draft (PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your PDF draft is being prepared")
    expect(page.get_by_role("status")).to_have_text("Starting…")
    blocking = axe.blocking(axe.violations(page))
    assert not blocking, axe.describe(blocking)
    page.screenshot(path=str(shots / "report-being-prepared.png"), full_page=True)
    page.evaluate("window.notReloaded = true")

    worker = consumer(live_server.app, workers=1, embedded=True)
    with page.expect_download(timeout=90_000) as download:
        worker.start()
    try:
        path = download.value.path()
        assert download.value.suggested_filename.endswith("-draft.pdf")
        with open(path, "rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
        assert page.evaluate("window.notReloaded === true")
        expect(page.get_by_role("status")).to_have_text("Ready: the download starts now.")
    finally:
        worker.stop(graceful=True)
