"""The `drafter` command starts fast: listing the commands, or scoring a plan file, never
builds the web app (a `drafter score` took two seconds for a 2 ms score when it did).

What is checked is what makes the wait, not the wait itself: which modules a fresh
process has imported once the command has run. Timings are `benchmarks/bench_cli.py`'s.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from support import ROOT

from drafter import cli as drafter_cli

# Runs the `drafter` command as its console script does, then writes the names of the
# modules it imported to the file named by the first argument.
CHILD = """
import json, sys
from drafter.cli import cli
try:
    cli(sys.argv[2:], prog_name="drafter")
finally:
    with open(sys.argv[1], "w") as handle:
        json.dump(sorted(sys.modules), handle)
"""

WEB_STACK = {"weasyprint", "sqlalchemy", "flask_wtf", "alembic", "flask_login"}

# Every command `drafter --help` listed when it was Flask's group.
LISTED = ["backup", "check-checklist", "create-admin", "export", "import", "init-db",
          "load-samples", "render", "restore", "routes", "run", "schema", "score",
          "set-owner", "shell"]


def run_drafter(tmp_path, *args: str, env: dict | None = None):
    """(completed process, top-level names of the modules it imported)."""
    listing = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", CHILD, str(listing), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})
    modules = json.loads(listing.read_text())
    return done, {name.partition(".")[0] for name in modules}


@pytest.mark.parametrize("args, text", [
    (["--help"], "Score the plan file PLAN"),
    (["score", "samples/strong-plan.json"], "Overall:"),
    (["score", "samples/weak-plan.json", "--format", "json"], '"overall"'),
    (["validate", "samples/strong-plan.json"], "OK: "),
    (["check-checklist", "checklists/csag-2012.yaml"], "OK: "),
    (["schema"], '"title": "PlanFile"'),
])
def test_listing_and_scoring_do_not_load_the_web_app(tmp_path, args, text):
    done, imported = run_drafter(tmp_path, *args)
    assert done.returncode == 0, done.stderr
    assert text in done.stdout
    heavy = imported & WEB_STACK
    assert not heavy
    if args != ["--help"]:
        # Not even Flask: these read a file and print; the app's translations are not
        # needed outside it.
        assert "flask" not in imported and "flask_babel" not in imported


def test_help_lists_every_command_without_importing_flask(tmp_path):
    done, imported = run_drafter(tmp_path, "--help")
    listed = [line.split()[0] for line in done.stdout.split("Commands:")[1].splitlines()
              if line.strip()]
    assert set(LISTED) <= set(listed)
    assert "Run a development server." in done.stdout  # Flask's, from the table
    assert "flask" not in imported


def test_a_command_whose_module_is_missing_is_left_out(monkeypatch):
    monkeypatch.setitem(drafter_cli.COMMANDS, "nowhere", "drafter.no_such_module:command")
    runner = CliRunner()
    result = runner.invoke(drafter_cli.cli, ["--help"])
    assert result.exit_code == 0 and "nowhere" not in result.output
    assert "score" in result.output
    result = runner.invoke(drafter_cli.cli, ["nowhere"])
    assert result.exit_code == 2 and "No such command 'nowhere'" in result.output


def test_a_command_module_that_fails_to_import_is_not_hidden(tmp_path, monkeypatch):
    # The module is there, one of its imports is not: a bug to see, not a command to hide.
    (tmp_path / "broken_command_module.py").write_text("import no_such_dependency_here\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="no_such_dependency_here"):
        drafter_cli.load_command("broken_command_module:command")


def test_commands_that_need_the_app_build_it_from_the_environment(tmp_path):
    """Through the `drafter` group, as a user runs them (the other tests of commands go
    through Flask's test runner, which hands them a ready-made app)."""
    env = {"DRAFTER_DATABASE_URL": f"sqlite:///{tmp_path / 'drafter.sqlite'}",
           "DRAFTER_SECRET_KEY": "test-only"}
    done, imported = run_drafter(tmp_path, "init-db", env=env)
    assert done.returncode == 0 and "Database is up to date." in done.stdout, done.stderr
    done, _ = run_drafter(tmp_path, "export", "1", env=env)
    assert done.returncode == 2 and "error: there is no plan 1" in done.stderr
    # Flask's own commands find the app too.
    done, _ = run_drafter(tmp_path, "routes", env=env)
    assert done.returncode == 0 and "plans." in done.stdout, done.stderr
