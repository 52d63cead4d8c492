"""Shared fixtures: an app on a real SQLite file built from the migrations, a client,
the CLI runner, and factories for plans."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from drafter import create_app, db
from drafter.auth.passwords import hash_password
from drafter.migrate import upgrade
from drafter.models import User
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


PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def password_hash() -> str:
    return hash_password(PASSWORD)  # Argon2 is slow on purpose: hash once per run


def add_user(app, email: str, name: str = "", *, hashed: str, admin: bool = False) -> int:
    with app.app_context():
        session = db.session()
        user = User(email=email, name=name or email.split("@")[0].title(), password_hash=hashed,
                    is_admin=admin)
        session.add(user)
        session.commit()
        return user.id


def log_in(client, user_id: int) -> None:
    """Log a test client in as `user_id` without the (slow) password check."""
    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
        session["_fresh"] = True


@pytest.fixture
def app(tmp_path, migrated_template):
    app = make_app(tmp_path, migrated_template)
    yield app
    app.extensions["drafter.engine"].dispose()


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


def sample(name: str) -> PlanDocument:
    return parse_document((ROOT / "samples" / name).read_bytes())
