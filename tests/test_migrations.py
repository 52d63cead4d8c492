"""Migrations keep data: a database filled at the first migration is upgraded to the
latest with every value intact (and the new columns empty), and a filled database can be
stepped back to the first migration and up again; on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from support import sample
from databases import every_row, fresh_database, opened
from sqlalchemy import MetaData, inspect, select
from sqlalchemy.orm import Session

from drafter.migrate import alembic_config, upgrade
from drafter.models import Membership, User
from drafter.plan.schema import SECTION_MODELS, Context
from drafter.plan.store import PlanStore

FIRST = "0001"
NEW_TABLES = {"users", "memberships", "invitations", "login_attempts", "login_sessions",
              "pending_posts", "section_changes",
              "revisions", "comments", "assessments", "workshops", "workshop_teams"}


def _plans_at_first_migration() -> tuple[list[dict], list[dict]]:
    """Plan and section rows as the 0001 schema holds them: the strong sample's sections
    as JSON text (plan 0), a plan with one section (plan 1), odd text and timestamps to
    the microsecond. Ids are left to the database, as the app left them."""
    document = sample("strong-plan.json")
    plans = [
        {"title": document.about.title, "checklist": "csag-2012",
         "created_at": dt.datetime(2026, 3, 8, 9, 30, 0, 123456),
         "updated_at": dt.datetime(2026, 3, 9, 17, 5, 59, 999999)},
        {"title": "Plan d’action — نص عربي 🕊\n", "checklist": "regional-2020",
         "created_at": dt.datetime(2025, 12, 31, 23, 59, 59),
         "updated_at": dt.datetime(2026, 1, 1, 0, 0, 0)},
    ]
    sections = []
    for number, key in enumerate(SECTION_MODELS, start=1):
        data = getattr(document, key)
        if data != SECTION_MODELS[key]():
            sections.append({"plan_id": 0, "key": key,
                             "data": data.model_dump_json(), "version": number,
                             "status": "complete" if number % 2 else "in_progress",
                             "updated_at": dt.datetime(2026, 3, 8, 10, number, 0, number)})
    sections.append({"plan_id": 1, "key": "context",
                     "data": '{"conflict_analysis": "Line\\nbreak \\"quoted\\" \\\\"}',
                     "version": 41, "status": "in_progress",
                     "updated_at": dt.datetime(2026, 1, 1, 0, 0, 1)})
    return plans, sections


def _fill_first(url: str) -> tuple[list[dict], list[dict]]:
    plans, sections = _plans_at_first_migration()
    with opened(url) as engine:
        tables = MetaData()
        tables.reflect(engine)
        assert set(tables.tables) == {"plans", "plan_sections", "alembic_version"}
        with engine.begin() as connection:
            for rows, table in ((plans, tables.tables["plans"]),
                                (sections, tables.tables["plan_sections"])):
                if table.name == "plan_sections":
                    for row in rows:
                        row["plan_id"] = plans[row["plan_id"]]["id"]
                ids = connection.execute(table.insert().returning(
                    table.c.id, sort_by_parameter_order=True), rows).scalars().all()
                for row, new_id in zip(rows, ids, strict=True):
                    row["id"] = new_id
    return plans, sections


def _as_rows(table_rows: list[dict], columns: list[str]) -> list[tuple]:
    return sorted(tuple(row.get(column) for column in columns) for row in table_rows)


@pytest.fixture(params=["sqlite", "postgres"])
def first(request, tmp_path) -> str:
    """A database at the first migration."""
    url = fresh_database(request.param, tmp_path, "migrations")
    upgrade(url, FIRST)
    return url


def test_an_upgrade_keeps_every_plan_and_section(first):
    plans, sections = _fill_first(first)
    upgrade(first)

    rows = every_row(first)
    assert rows["plans"] == _as_rows(plans, ["id", "title", "checklist", "created_at",
                                             "updated_at"])
    assert rows["plan_sections"] == _as_rows(
        sections, ["id", "plan_id", "key", "data", "version", "status", "updated_at",
                   "updated_by"])  # updated_by is new: empty for every old row
    assert all(not rows[table] for table in NEW_TABLES)

    # The app reads the upgraded plan as the document it was.
    with opened(first) as engine, Session(engine) as session:
        assert PlanStore(session).load(plans[0]["id"]).document == sample("strong-plan.json")
        loaded = PlanStore(session).load(plans[1]["id"])
        assert loaded.sections["context"].version == 41
        assert loaded.document.context.conflict_analysis == 'Line\nbreak "quoted" \\'


def _first_rows(url: str) -> dict[str, list[tuple]]:
    """Every row of the two tables of the first migration, read by reflection."""
    with opened(url) as engine, engine.connect() as connection:
        tables = MetaData()
        tables.reflect(connection)
        return {name: sorted(tuple(row) for row in connection.execute(
                    select(tables.tables[name])))
                for name in ("plans", "plan_sections")}


def test_a_filled_database_steps_back_to_the_first_migration_and_up_again(first):
    plans, _sections = _fill_first(first)
    upgrade(first)
    with opened(first) as engine, Session(engine) as session:
        user = User(email="official@ministry.example", name="Amina", password_hash="x")
        session.add(user)
        session.flush()
        session.add(Membership(plan_id=plans[0]["id"], user_id=user.id, role="owner"))
        session.commit()
        PlanStore(session).save_section(plans[1]["id"], "context",
                                        Context(conflict_analysis="Saved at the head"), 41,
                                        user_id=user.id)
    at_head = every_row(first)
    assert at_head["plan_sections"][-1][4] == 42 and at_head["plan_sections"][-1][7] is not None

    command.downgrade(alembic_config(first), FIRST)
    with opened(first) as engine:
        assert set(inspect(engine).get_table_names()) == {"plans", "plan_sections",
                                                          "alembic_version"}
    # Everything the first schema can hold is kept; who saved a section is not.
    assert _first_rows(first) == {"plans": at_head["plans"],
                                  "plan_sections": [row[:7] for row in
                                                    at_head["plan_sections"]]}

    upgrade(first)
    rows = every_row(first)
    assert rows["plans"] == at_head["plans"]
    assert rows["plan_sections"] == [row[:7] + (None,) for row in at_head["plan_sections"]]
    assert all(not rows[table] for table in NEW_TABLES)
    with opened(first) as engine, Session(engine) as session:
        assert PlanStore(session).load(plans[0]["id"]).document == sample("strong-plan.json")
        # New rows after the round trip: a new account and plan, ids after the kept ones.
        user = User(email="again@example.org", name="Again", password_hash="x")
        session.add(user)
        session.commit()
        assert PlanStore(session).create_plan(owner_id=user.id) == plans[-1]["id"] + 1


def test_accounts_made_before_workshops_are_kept_as_ordinary_accounts(first):
    """0003 adds `users.is_guest`: every account from before is a full account."""
    plans, _sections = _fill_first(first)
    upgrade(first, "0002")
    with opened(first) as engine, engine.begin() as connection:
        tables = MetaData()
        tables.reflect(connection)
        users, memberships = tables.tables["users"], tables.tables["memberships"]
        connection.execute(users.insert(), [
            {"id": 7, "email": "amina@ministry.example", "name": "Amina", "password_hash": "h1",
             "is_admin": True, "created_at": dt.datetime(2026, 1, 2, 3, 4, 5)},
            {"id": 8, "email": "jorge@csos.example", "name": "Jorge", "password_hash": "h2",
             "is_admin": False, "created_at": dt.datetime(2026, 2, 3, 4, 5, 6)}])
        connection.execute(memberships.insert(), [
            {"id": 1, "plan_id": plans[0]["id"], "user_id": 7, "role": "owner",
             "created_at": dt.datetime(2026, 1, 2, 3, 4, 6)}])
    upgrade(first)
    rows = every_row(first)
    # 0008 adds `users.locale`: no language chosen yet (the browser's is used).
    assert rows["users"] == [
        (7, "amina@ministry.example", "Amina", "h1", True, False, dt.datetime(2026, 1, 2, 3, 4, 5),
         None),
        (8, "jorge@csos.example", "Jorge", "h2", False, False, dt.datetime(2026, 2, 3, 4, 5, 6),
         None)]
    assert rows["memberships"] == [(1, plans[0]["id"], 7, "owner", dt.datetime(2026, 1, 2, 3, 4, 6))]
    with opened(first) as engine, Session(engine) as session:
        assert session.get(User, 7).is_guest is False


def test_plans_stored_in_version_1_are_rewritten_in_version_2_with_every_value(tmp_path):
    """`drafter init-db` (the migrations) upgrades every stored plan: its sections, their
    history and its named revisions, read back as the v1 file reads after its upgrade."""
    import json as _json

    from drafter.plan.transfer import parse_document

    v1_file = Path(__file__).parent / "fixtures" / "v1-every-field.json"
    v1 = _json.loads(v1_file.read_text(encoding="utf-8"))
    url = fresh_database("sqlite", tmp_path, "v1")
    upgrade(url, "0006")
    with opened(url) as engine, engine.begin() as connection:
        tables = MetaData()
        tables.reflect(connection)
        plan_id = connection.execute(tables.tables["plans"].insert().values(
            title="v1", checklist="csag-2012", created_at=dt.datetime(2026, 1, 1),
            updated_at=dt.datetime(2026, 1, 1))).inserted_primary_key[0]
        for number, key in enumerate(SECTION_MODELS, start=1):
            row = {"plan_id": plan_id, "key": key, "data": _json.dumps(v1[key]),
                   "version": number, "updated_at": dt.datetime(2026, 1, 1)}
            connection.execute(tables.tables["plan_sections"].insert().values(
                status="in_progress", **row))
            connection.execute(tables.tables["section_changes"].insert().values(
                at=dt.datetime(2026, 1, 1), **{k: row[k] for k in ("plan_id", "key", "data",
                                                                      "version")}))
        connection.execute(tables.tables["revisions"].insert().values(
            plan_id=plan_id, name="As sent to cabinet", document=_json.dumps(v1),
            created_at=dt.datetime(2026, 1, 1)))

    upgrade(url)

    expected = parse_document(v1_file.read_bytes())
    with opened(url) as engine, engine.connect() as connection:
        tables = MetaData()
        tables.reflect(connection)
        stored = dict(connection.execute(select(tables.tables["plan_sections"].c.key,
                                                tables.tables["plan_sections"].c.data)).all())
        changes = dict(connection.execute(select(tables.tables["section_changes"].c.key,
                                                 tables.tables["section_changes"].c.data)).all())
        revision = connection.execute(select(tables.tables["revisions"].c.document)).scalar()
    for data in (stored, changes):
        monitoring = _json.loads(data["monitoring"])
        assert "midterm_review_year" not in monitoring and len(monitoring["evaluations"]) == 2
        assert _json.loads(data["pillars"])["pillars"][0]["standards"] == ["prevention"]
        assert _json.loads(data["context"])["cedaw_gr30_considered"] == "yes"
    assert _json.loads(revision)["schema_version"] == 2
    with opened(url) as engine, Session(engine) as session:
        assert PlanStore(session).load(plan_id).document == expected
