"""Helpers the tests share (plain functions and constants, importable as `support`):
an app on a fresh database, users, logging a client in, the sample plans.

Kept out of conftest.py so that test modules import them by a name that no other
conftest (tests/e2e/ has one) can shadow.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

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
    full-page screenshot (to look at), its horizontal overflow in pixels and axe's
    blocking findings, each noted under `name` when there are any."""
    page.screenshot(path=screenshot, full_page=True)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        too_wide[name] = overflow
    if blocking := axe.blocking(axe.violations(page)):
        problems[name] = blocking


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
