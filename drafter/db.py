"""A thin binding of SQLAlchemy to Flask: one engine per app, one session per request.

Kept by hand rather than through Flask-SQLAlchemy so that the services (the plan store,
the CLI, the benchmarks) take a plain `Session` and never need an app context.
"""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str) -> Engine:
    """An engine with the settings this app relies on for each database kind."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            # WAL lets readers go on while one writer saves; foreign keys are off by default.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["drafter.engine"] = engine
    app.extensions["drafter.sessionmaker"] = sessionmaker(engine, expire_on_commit=False)

    @app.teardown_appcontext
    def _close_session(_exc):
        session = g.pop("db_session", None)
        if session is not None:
            session.close()


def engine() -> Engine:
    return current_app.extensions["drafter.engine"]


def session() -> Session:
    """The request's session, opened on first use and closed when the request ends."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["drafter.sessionmaker"]()
    return g.db_session
