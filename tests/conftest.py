"""Shared fixtures: an app on a real database built from the migrations, a client,
the CLI runner, and factories for plans.

The database is a fresh SQLite file per test, or, with DRAFTER_TEST_DATABASE=postgres,
the PostgreSQL server at DRAFTER_TEST_POSTGRES_URL, migrated once and emptied before
each test (`make test` runs the whole suite both ways).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from drafter import create_app, db
from drafter.auth.passwords import hash_password
from drafter.migrate import alembic_config, upgrade
from drafter.models import Base, User
from drafter.plan.schema import PlanDocument
from drafter.plan.store import PlanStore
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
