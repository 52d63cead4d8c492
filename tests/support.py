"""Helpers the tests share (plain functions and constants, importable as `support`):
an app on a fresh database, users, logging a client in, the sample plans.

Kept out of conftest.py so that test modules import them by a name that no other
conftest (tests/e2e/ has one) can shadow.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from drafter import create_app, db
from drafter.migrate import alembic_config, upgrade
from drafter.models import Base, User
from drafter.plan.schema import PlanDocument
from drafter.plan.transfer import parse_document

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("DRAFTER_TEST_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ON_POSTGRES = os.environ.get("DRAFTER_TEST_DATABASE", "sqlite") == "postgres"


REDIS_URL = os.environ.get("DRAFTER_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_or_skip() -> str:
    """The Redis server the queue tests use; skipped when none answers, except in CI,
    where that is a failure."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {REDIS_URL}: {error}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    return REDIS_URL


def postgres_reachable() -> bool:
    try:
        engine = create_engine(POSTGRES_URL)
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:  # noqa: BLE001 - any failure means there is no server to use
        return False


def empty_postgres() -> None:
    """Bring the test database to the latest migration, then empty every table.

    Some tests drop the schema or step migrations back, so the version is checked
    each time; emptying is a TRUNCATE, far quicker than migrating anew.
    """
    engine = create_engine(POSTGRES_URL)
    head = ScriptDirectory.from_config(alembic_config(POSTGRES_URL)).get_current_head()
    with engine.connect() as connection:
        present = connection.execute(text("SELECT to_regclass('public.alembic_version')")).scalar()
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar() \
            if present else None
    if version != head:
        upgrade(POSTGRES_URL)
    tables = [table.name for table in Base.metadata.sorted_tables]
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()


def make_app(tmp_path: Path, template: Path | None = None, **overrides):
    """An app on a fresh database: on SQLite a copy of `template` (already migrated) or
    else a file built by running every migration; on PostgreSQL the emptied test database."""
    database = tmp_path / "drafter.sqlite"
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": f"sqlite:///{database}",
        "WTF_CSRF_ENABLED": False,
        "REPORT_CACHE_DIR": str(tmp_path / "report-cache"),
        # Each test's own task queue; reports are made ahead of time only in the tests of
        # that (a render started by every save would load every other test).
        "JOBS_QUEUE_URL": f"sqlite:///{tmp_path / 'jobs.sqlite'}",
        "PREPARE_AHEAD_SECONDS": 0,
    }
    if ON_POSTGRES:
        settings["DATABASE_URL"] = POSTGRES_URL
        empty_postgres()
    settings.update(overrides)
    if template is not None and not ON_POSTGRES:
        shutil.copyfile(template, database)
    app = create_app(settings)
    if template is None and not ON_POSTGRES:
        upgrade(app.config["DATABASE_URL"])
    return app


PASSWORD = "correct horse battery"


def add_user(app, email: str, name: str = "", *, hashed: str, admin: bool = False) -> int:
    with app.app_context():
        session = db.session()
        user = User(email=email, name=name or email.split("@")[0].title(), password_hash=hashed,
                    is_admin=admin)
        session.add(user)
        session.commit()
        return user.id


def log_in(client, user_id: int) -> None:
    """Log a test client in as `user_id` without the (slow) password check: a device
    log-in is opened for it, as the log-in page would."""
    from drafter.auth import sessions

    with client.application.app_context():
        database = db.session()
        started = sessions.start(database, database.get(User, user_id), remember=False)
    with client.session_transaction() as session:
        session["_user_id"] = f"{user_id}:{started.key}"
        session["_fresh"] = True


def sample(name: str) -> PlanDocument:
    return parse_document((ROOT / "samples" / name).read_bytes())


def audit_page(page, axe, screenshot, name: str, problems: dict, too_wide: dict) -> None:
    """What every page check of the browser tests does with a page that has loaded: a
    full-page screenshot (to look at), its horizontal overflow in pixels, and axe's
    blocking findings with those of `layout_findings`, each noted under `name` when there
    are any."""
    page.screenshot(path=screenshot, full_page=True)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        too_wide[name] = overflow
    if blocking := axe.blocking(axe.violations(page)) + layout_findings(page):
        problems[name] = blocking


# What a person sees as broken and axe does not look for, found in the laid-out page:
# - a link or button of one or two words split over two lines ("Log" above "out"), but
#   not in a table, where a narrow column may wrap a name;
# - one word of a table cell cut across lines ("2028-" above "12-31", "1.1-" above "O");
# - on a phone, where a table's rows become blocks (.table-scroll, headings hidden), a
#   value shown without its column's heading (a bare "1" for "Saves: 1"). Links and
#   buttons (a row's name, its "Change") read without one;
# - a checkbox or radio button left at the browser's small default size, unlike the others.
_LAYOUT_SCRIPT = """() => {
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const spoken = node => !node.parentElement.closest(".visually-hidden, [hidden], template");
  const where = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  function text(el, skip) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const range = document.createRange();  // a closed <details> holds text not shown
      range.selectNodeContents(node);
      if (spoken(node) && node.textContent.trim() && range.getClientRects().length &&
          !(skip && node.parentElement.closest(skip)))
        nodes.push(node);
    }
    return nodes;
  }
  function lines(nodes) {  // how many lines the text runs over: rects whose middles differ
    const middles = [];
    for (const node of nodes) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects())
        if (r.width > 1 && r.height > 1) middles.push([r.top + r.height / 2, r.height]);
    }
    middles.sort((a, b) => a[0] - b[0]);
    let count = middles.length ? 1 : 0;
    for (let i = 1; i < middles.length; i++)
      if (middles[i][0] - middles[i - 1][0] > middles[i][1] / 2) count++;
    return count;
  }
  const words = nodes => nodes.map(n => n.textContent).join(" ").trim().split(/\\s+/).filter(Boolean);
  const found = {broken: [], cut: [], unlabelled: [], small: []};
  for (const el of document.querySelectorAll("a, button, summary")) {
    const nodes = text(el);
    if (shown(el) && !el.closest("td, th") && nodes.length && words(nodes).length <= 2 &&
        lines(nodes) > 1)
      found.broken.push([where(el), words(nodes).join(" ")]);
  }
  for (const el of document.querySelectorAll("td, th")) {
    const nodes = text(el);
    const all = words(nodes);
    if (shown(el) && all.length === 1 && all[0].length > 1 && lines(nodes) > 1)
      found.cut.push([where(el), all[0]]);
  }
  for (const table of document.querySelectorAll(".table-scroll table")) {
    const head = table.querySelector("thead");
    if (!shown(table) || !head || getComputedStyle(head).display !== "none") continue;
    for (const cell of table.querySelectorAll("tbody td")) {
      const loose = words(text(cell, "a, button, summary, select, input, label, textarea"));
      if (shown(cell) && loose.length && !(cell.dataset.label || "").trim())
        found.unlabelled.push([where(cell), loose.join(" ").slice(0, 60)]);
    }
  }
  for (const box of document.querySelectorAll("input[type=checkbox], input[type=radio]"))
    if (shown(box) && box.getBoundingClientRect().width < 18)
      found.small.push([where(box), box.name]);
  return found;
}"""
_LAYOUT_RULES = {
    "broken": "A link or button of one or two words is split over two lines",
    "cut": "A word in a table cell is cut across two lines",
    "unlabelled": "A table value on a phone is shown without its column's heading",
    "small": "A checkbox or radio button has the browser's small default size",
}


def layout_findings(page) -> list[dict]:
    """The page's layout faults (see `_LAYOUT_SCRIPT`) in the form of axe's violations, so
    that an audit reports them with axe's findings."""
    found = page.evaluate(_LAYOUT_SCRIPT)
    return [{"id": f"layout-{rule}", "impact": "serious", "help": _LAYOUT_RULES[rule],
             "helpUrl": "tests/support.py", "nodes": [
                 {"target": [target], "html": text, "failureSummary": ""}
                 for target, text in found[rule]]}
            for rule in _LAYOUT_RULES if found[rule]]


def owner_with_tokens_on(tmp_path: Path, template: Path | None, hashed: str,
                         document: PlanDocument | None = None):
    """An app whose forms need their CSRF token (as in production), with an owner logged
    in on a test client and one plan of theirs: (app, client, plan_id). For tests of what
    a post with an expired or missing token gets."""
    from drafter.plan.store import PlanStore

    app = make_app(tmp_path, template, WTF_CSRF_ENABLED=True)
    owner = add_user(app, "owner@example.org", hashed=hashed)
    with app.app_context():
        plan_id = PlanStore(db.session()).create_plan(document or PlanDocument(), owner_id=owner)
    client = app.test_client()
    log_in(client, owner)
    return app, client, plan_id
