"""Browser fixtures: the real app served over HTTP in a thread, one headless Chromium for
the session, and a fresh browser context (cookies, storage) for every test.

Chromium is Debian's (/usr/bin/chromium, or DRAFTER_E2E_CHROMIUM): Playwright's own
download is not used. The app runs with CSRF protection on, as in production.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server

from drafter import db
from drafter.auth.service import create_user
from drafter.plan.schema import PlanDocument
from drafter.plan.store import PlanStore
from drafter.plan.transfer import parse_document
from support import make_app

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHROMIUM = os.environ.get("DRAFTER_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(os.environ.get("DRAFTER_E2E_SHOTS", "/tmp/shots"))





OWNER_EMAIL, OWNER_PASSWORD = "amina@ministry.example", "a long test password"


@dataclass
class LiveServer:
    app: Flask
    url: str
    owner_id: int

    def create_plan(self, document: PlanDocument) -> int:
        """A plan owned by the account the browser logs in with."""
        with self.app.app_context():
            return PlanStore(db.session()).create_plan(document, owner_id=self.owner_id)

    def log_in(self, page, email: str = OWNER_EMAIL, password: str = OWNER_PASSWORD) -> None:
        page.goto(self.url + "/login")
        page.get_by_label("E-mail address").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(self.url + "/")

    def load(self, plan_id: int):
        with self.app.app_context():
            return PlanStore(db.session()).load(plan_id)


class _QuietHandler(WSGIRequestHandler):
    """No access log: a failing test's captured output stays readable."""

    def log_request(self, *args, **kwargs):
        pass


@pytest.fixture
def live_server(tmp_path, migrated_template):
    """The app on a fresh SQLite file, served on 127.0.0.1 at a free port."""
    app = make_app(tmp_path, migrated_template, TESTING=True, WTF_CSRF_ENABLED=True)
    with app.app_context():
        owner_id = create_user(db.session(), OWNER_EMAIL, "Amina", OWNER_PASSWORD).id
    server = make_server("127.0.0.1", 0, app, threaded=True,
                         request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="e2e-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app, f"http://127.0.0.1:{server.server_port}", owner_id)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        app.extensions["drafter.engine"].dispose()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                             headless=True)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, live_server):
    """A fresh browser context (a new session and CSRF token), logged in as the owner of
    the plans that `live_server.create_plan` makes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    login_page = context.new_page()
    live_server.log_in(login_page)
    login_page.close()
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


@pytest.fixture
def strong_plan(live_server):
    """The strong sample plan, loaded into the live server: (plan id, its document as stored)."""
    document = parse_document((ROOT / "samples" / "strong-plan.json").read_bytes())
    plan_id = live_server.create_plan(document)
    return plan_id, live_server.load(plan_id).document


class Axe:
    """axe-core (the copy bundled with axe-playwright-python) on the pages of a context.

    `prepare` loads axe into every page of a context before the page's own scripts, so
    that an audit does not send the 570 kB script again; `violations` is then what
    `Axe().run(page).response["violations"]` gives, optionally for some rules only.
    """

    BLOCKING = ("serious", "critical")

    def __init__(self):
        from axe_playwright_python.sync_playwright import Axe as AxePlaywright

        self.script = AxePlaywright().axe_script

    def prepare(self, context) -> None:
        context.add_init_script(script=self.script)

    def violations(self, page, rules: tuple[str, ...] = ()) -> list[dict]:
        from axe_playwright_python.sync_playwright import AxeResults

        options: dict = {"resultTypes": ["violations"]}
        if rules:
            options["runOnly"] = {"type": "rule", "values": list(rules)}
        response = page.evaluate("options => axe.run(document, options)", options)
        return AxeResults(response).response["violations"]

    def blocking(self, violations: list[dict]) -> list[dict]:
        return [violation for violation in violations if violation["impact"] in self.BLOCKING]

    @staticmethod
    def describe(violations: list[dict]) -> str:
        """Violations as a person reads them: rule, impact, what to do, and where."""
        lines = []
        for violation in violations:
            lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}"
                         f" ({violation['helpUrl']})")
            for node in violation["nodes"][:5]:
                lines.append(f"      at {' '.join(map(str, node['target']))}")
                lines.append(f"         {node['html'][:160]}")
                summary = (node.get("failureSummary") or "").replace("\n", " / ")
                if summary:
                    lines.append(f"         {summary[:300]}")
            if len(violation["nodes"]) > 5:
                lines.append(f"      … and {len(violation['nodes']) - 5} more")
        return "\n".join(lines)


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()
