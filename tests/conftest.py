"""Shared fixtures: an app on a real SQLite file built from the migrations, a client,
the CLI runner, and factories for plans."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from drafter import create_app, db
from drafter.migrate import upgrade
from drafter.plan.schema import PlanDocument
from drafter.plan.store import PlanStore
from drafter.plan.transfer import parse_document

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("DRAFTER_TEST_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def make_app(tmp_path: Path, template: Path | None = None, **overrides):
    """An app on a fresh SQLite file: a copy of `template` (already migrated), or else
    one built by running every migration."""
    database = tmp_path / "drafter.sqlite"
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": f"sqlite:///{database}",
        "WTF_CSRF_ENABLED": False,
    }
    settings.update(overrides)
    if template is not None:
        shutil.copyfile(template, database)
    app = create_app(settings)
    if template is None:
        upgrade(app.config["DATABASE_URL"])
    return app


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    """A database file built once from the migrations; each test gets its own copy."""
    folder = tmp_path_factory.mktemp("template")
    upgrade(f"sqlite:///{folder / 'drafter.sqlite'}")
    return folder / "drafter.sqlite"


@pytest.fixture
def app(tmp_path, migrated_template):
    app = make_app(tmp_path, migrated_template)
    yield app
    app.extensions["drafter.engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def store(app):
    with app.app_context():
        yield PlanStore(db.session())


@pytest.fixture
def make_plan(app):
    """Create a plan from a document (or keyword sections) and return its id."""

    def factory(document: PlanDocument | None = None, **sections) -> int:
        document = document or PlanDocument.model_validate(sections)
        with app.app_context():
            return PlanStore(db.session()).create_plan(document)

    return factory


@pytest.fixture
def load_plan(app):
    def loader(plan_id: int):
        with app.app_context():
            return PlanStore(db.session()).load(plan_id)

    return loader


def sample(name: str) -> PlanDocument:
    return parse_document((ROOT / "samples" / name).read_bytes())
