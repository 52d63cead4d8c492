"""Shared fixtures: an app on a real database built from the migrations (see
`support.make_app`), clients logged in or not, the CLI runner, and factories for
users and plans."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import (  # noqa: F401
    ON_POSTGRES,
    PASSWORD,
    POSTGRES_URL,
    ROOT,
    add_user,
    log_in,
    make_app,
    postgres_reachable,
    sample,
)

from drafter import db
from drafter.auth.passwords import hash_password
from drafter.jobs.queue import consumer
from drafter.migrate import upgrade
from drafter.plan.schema import PlanDocument
from drafter.plan.store import PlanStore


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path | None:
    """A database file built once from the migrations; each test gets its own copy.
    On PostgreSQL: the server must be there (in CI its absence is an error)."""
    if ON_POSTGRES:
        if not postgres_reachable():
            message = f"PostgreSQL is not reachable at {POSTGRES_URL}"
            if os.environ.get("CI") == "true":
                pytest.exit(message, returncode=1)
            pytest.skip(message)
        return None
    folder = tmp_path_factory.mktemp("template")
    upgrade(f"sqlite:///{folder / 'drafter.sqlite'}")
    return folder / "drafter.sqlite"


@pytest.fixture(scope="session")
def password_hash() -> str:
    return hash_password(PASSWORD)  # Argon2 is slow on purpose: hash once per run


@pytest.fixture
def app(tmp_path, migrated_template):
    app = make_app(tmp_path, migrated_template)
    yield app
    app.extensions["drafter.engine"].dispose()


@pytest.fixture
def worker(app):
    """The task queue's worker, running beside the test: its threads in this process,
    each render in a process of its own, as in `drafter worker`. A download waits for
    its file (up to five minutes: a loaded machine renders slowly), so a test can ask
    for one and read it."""
    app.config["REPORT_WAIT_SECONDS"] = 300
    running = consumer(app, workers=2, embedded=True)
    running.start()
    yield running
    running.stop(graceful=True)


@pytest.fixture
def owner_id(app, password_hash) -> int:
    """The official who drafts: owner of every plan `make_plan` creates."""
    return add_user(app, "official@ministry.example", "Amina", hashed=password_hash, admin=True)


@pytest.fixture
def make_user(app, password_hash):
    def factory(email: str, name: str = "") -> int:
        return add_user(app, email, name, hashed=password_hash)

    return factory


@pytest.fixture
def client(app, owner_id):
    client = app.test_client()
    log_in(client, owner_id)
    return client


@pytest.fixture
def anonymous(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def store(app):
    with app.app_context():
        yield PlanStore(db.session())


@pytest.fixture
def make_plan(app, owner_id):
    """Create a plan owned by `owner_id` from a document (or keyword sections)."""

    def factory(document: PlanDocument | None = None, **sections) -> int:
        document = document or PlanDocument.model_validate(sections)
        with app.app_context():
            return PlanStore(db.session()).create_plan(document, owner_id=owner_id)

    return factory


@pytest.fixture
def load_plan(app):
    def loader(plan_id: int):
        with app.app_context():
            return PlanStore(db.session()).load(plan_id)

    return loader


