"""The `drafter` commands that set up a database: init-db, load-samples, and set-owner
(the repair for a plan left with no owner)."""

from __future__ import annotations

from sqlalchemy import create_engine, delete, inspect, select

from support import make_app

from drafter import db
from drafter.models import Membership


def test_init_db_builds_an_empty_file_from_the_migrations_and_is_repeatable(tmp_path):
    app = make_app(tmp_path, template=None)  # make_app without a template migrates too
    database = tmp_path / "fresh" / "new.sqlite"
    database.parent.mkdir()
    app.config["DATABASE_URL"] = f"sqlite:///{database}"
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["init-db"])
        assert result.exit_code == 0 and "up to date" in result.output
    engine = create_engine(f"sqlite:///{database}")
    assert {"plans", "plan_sections", "alembic_version"} <= set(inspect(engine).get_table_names())
    engine.dispose()
    app.extensions["drafter.engine"].dispose()


def test_load_samples_only_when_empty(runner, store):
    result = runner.invoke(args=["load-samples", "--if-empty"])
    assert result.exit_code == 0 and result.output.count("Loaded") == 2
    result = runner.invoke(args=["load-samples", "--if-empty"])
    assert "not loaded" in result.output
    plans = store.list_plans()
    assert len(plans) == 2
    strong = next(plan for plan in plans if plan.title.startswith("Third"))
    assert strong.complete == 12


def _roles(app, plan_id):
    with app.app_context():
        return dict(db.session().execute(select(Membership.user_id, Membership.role)
                                         .where(Membership.plan_id == plan_id)).all())


def test_set_owner_gives_an_ownerless_plan_an_owner(app, runner, make_plan, make_user, owner_id):
    plan_id = make_plan()
    with app.app_context():  # what two owners demoting each other at once used to leave
        db.session().execute(delete(Membership).where(Membership.plan_id == plan_id))
        db.session().commit()
    admin = make_user("repair@example.org")
    result = runner.invoke(args=["set-owner", str(plan_id), "Repair@Example.org"])
    assert result.exit_code == 0, result.output
    assert f"repair@example.org is now an owner of plan {plan_id}" in result.output
    assert _roles(app, plan_id) == {admin: "owner"}
    viewer = make_user("viewer@example.org")
    with app.app_context():
        db.session().add(Membership(plan_id=plan_id, user_id=viewer, role="viewer"))
        db.session().commit()
    assert runner.invoke(args=["set-owner", str(plan_id), "viewer@example.org"]).exit_code == 0
    assert _roles(app, plan_id) == {admin: "owner", viewer: "owner"}


def test_set_owner_names_an_unknown_plan_or_account(app, runner, make_plan, owner_id):
    plan_id = make_plan()
    for args, message in ((["999", "official@ministry.example"], "there is no plan 999"),
                          (["99999999999", "official@ministry.example"],
                           "there is no plan 99999999999"),
                          ([str(plan_id), "nobody@example.org"],
                           "there is no account nobody@example.org")):
        result = runner.invoke(args=["set-owner", *args])
        assert result.exit_code != 0 and message in result.output, result.output
        assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert _roles(app, plan_id) == {owner_id: "owner"}
