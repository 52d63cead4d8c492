"""Fresh databases for tests that build, fill and compare whole databases (backup and
restore, migrations): a new SQLite file, or the PostgreSQL test database with its
schema dropped and made anew (skipped when the server is unreachable, failed on CI)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, select, text
from support import POSTGRES_URL

from drafter.backup import tables
from drafter.db import make_engine


def fresh_postgres() -> str:
    """The PostgreSQL test database with nothing in it, not even the migrations' table."""
    engine = create_engine(POSTGRES_URL)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    except Exception as error:  # noqa: BLE001 - any failure means there is no server to use
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_URL}: {error}")
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_URL}")
    finally:
        engine.dispose()
    return POSTGRES_URL


def fresh_database(kind: str, folder: Path, name: str = "drafter") -> str:
    """The URL of an empty database of `kind` ("sqlite" or "postgres")."""
    if kind == "postgres":
        return fresh_postgres()
    return f"sqlite:///{folder / f'{name}.sqlite'}"


def every_row(url: str) -> dict[str, list[tuple]]:
    """Every row of every table a backup holds (all but the report jobs' records), all
    columns, in id order."""
    with opened(url) as engine, engine.connect() as connection:
        return {table.name: [tuple(row) for row in connection.execute(
                    select(table).order_by(*table.primary_key.columns))]
                for table in tables()}


@contextmanager
def opened(url: str) -> Iterator[Engine]:
    """An engine on `url`, disposed afterwards (an engine left open warns, and a
    PostgreSQL connection left open would hold up dropping the schema)."""
    engine = make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()
