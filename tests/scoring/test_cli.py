"""The `score` and `check-checklist` commands, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.scoring.cli import check_checklist_command, score_command

ROOT = Path(__file__).resolve().parents[2]
WEAK = str(ROOT / "samples" / "weak-plan.json")
MINIMUM = str(ROOT / "checklists" / "first-plan-minimum.yaml")


@pytest.fixture
def runner():
    return CliRunner()


def test_commands_have_their_names():
    assert score_command.name == "score"
    assert check_checklist_command.name == "check-checklist"


def test_text_output(runner):
    result = runner.invoke(score_command, [WEAK])
    assert result.exit_code == 0, result.output
    assert "CSAG 2012 recommendations" in result.output
    assert "Overall:" in result.output
    assert "Budget covers 0 of 8 actions" in result.output
    assert "Gaps to work on first:" in result.output


def test_json_output(runner):
    result = runner.invoke(score_command, [WEAK, "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert 0 <= data["overall"] < 40
    assert {"id", "title", "score"} <= set(data["areas"][0])
    assert {"id", "area", "status", "score", "evidence", "advice"} <= set(data["criteria"][0])
    assert data["gaps"] and data["checklist"]["id"] == "csag-2012"


def test_other_checklist(runner):
    result = runner.invoke(score_command, [WEAK, "--checklist", MINIMUM, "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["checklist"]["id"] == "first-plan-minimum"


@pytest.mark.parametrize(("content", "words"), [
    ("{not json", "not valid JSON"),
    ('{"actions": {"items": [{"start": "2025-05-01", "end": "2025-01-01"}]}}',
     "actions.items.0.end"),
    ('{"colour": "red"}', "colour"),
])
def test_bad_plan_exits_2(runner, tmp_path, content, words):
    path = tmp_path / "plan.json"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(score_command, [str(path)])
    assert result.exit_code == 2
    assert words in result.output
    assert "Traceback" not in result.output


def test_missing_plan_exits_2(runner, tmp_path):
    result = runner.invoke(score_command, [str(tmp_path / "none.json")])
    assert result.exit_code == 2


def test_bad_checklist_exits_2(runner, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(Path(MINIMUM).read_text(encoding="utf-8").replace(
        "rule: costed_actions", "rule: costing_magic"), encoding="utf-8")
    result = runner.invoke(score_command, [WEAK, "--checklist", str(path)])
    assert result.exit_code == 2
    assert f"{path}: criterion FIN-1: rule: unknown rule 'costing_magic'" in result.output


def test_check_checklist_ok(runner):
    result = runner.invoke(check_checklist_command, [MINIMUM])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "OK: 10 criteria in 6 areas"


def test_check_checklist_lists_problems(runner, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(Path(MINIMUM).read_text(encoding="utf-8")
                    .replace("weight: 3", "weight: 0").replace("section: budget",
                                                               "section: money"),
                    encoding="utf-8")
    result = runner.invoke(check_checklist_command, [str(path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) >= 4 and all(line.startswith(str(path)) for line in lines)
