"""The `drafter` commands that set up a database: init-db and load-samples."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect

from support import make_app


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
