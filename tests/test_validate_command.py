"""`drafter validate PLAN.json`, run as a person runs it (`python -m drafter validate`):
a good file says what it holds; a bad one gets every problem, each with its place in
the plan's words (the import page's and `drafter import`'s, from the same code), and
exit status 2; no database is opened and the web stack is not imported."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from support import ROOT

from drafter.plan.transfer import ImportProblem, parse_document
from drafter.plans.importing import problems_in_words

STRONG = ROOT / "samples" / "strong-plan.json"

# Writes the names of the modules the command imported to the file named by argv[1].
CHILD = """
import json, sys
from drafter.cli import cli
try:
    cli(sys.argv[2:], prog_name="drafter")
finally:
    with open(sys.argv[1], "w") as handle:
        json.dump(sorted({name.partition(".")[0] for name in sys.modules}), handle)
"""

NEVER_IMPORTED = {"sqlalchemy", "weasyprint", "alembic"}


def validate(path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafter", "validate", str(path)], cwd=ROOT,
                          check=False, capture_output=True, text=True, timeout=120)


def imported_by_validate(tmp_path, path) -> set[str]:
    listing = tmp_path / "modules.json"
    subprocess.run([sys.executable, "-c", CHILD, str(listing), "validate", str(path)],
                   cwd=ROOT, check=False, capture_output=True, text=True, timeout=120)
    return set(json.loads(listing.read_text()))


def strong() -> dict:
    return json.loads(STRONG.read_text())


def write(tmp_path, data, name="plan.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def lines(text: str) -> list[str]:
    return text.strip().splitlines()


def test_the_strong_sample_is_valid():
    done = validate(STRONG)
    assert done.returncode == 0, done.stderr
    document = parse_document(STRONG.read_bytes())
    assert done.stdout == (f"OK: {document.about.title}, 12 sections, "
                           f"{len(document.actions.items)} actions, "
                           f"{len(document.indicators.items)} indicators, "
                           f"{len(document.budget.lines)} budget lines\n")
    assert done.stderr == ""


def test_a_wrong_target_year_names_the_third_indicator_and_the_field(tmp_path):
    data = strong()
    indicator = data["indicators"]["items"][2]
    indicator["target_year"] = "twenty-thirty"
    path = write(tmp_path, data)
    done = validate(path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert lines(done.stderr) == [
        (f"{path}: Indicators, indicator 3 (“{indicator['code']} {indicator['statement']}”), "
         "Target year: Enter a whole number, like 2030")]


def test_the_words_are_those_of_the_import(tmp_path):
    data = strong()
    data["indicators"]["items"][2]["target_year"] = "twenty-thirty"
    data["budget"]["lines"][0]["amount"] = "a lot"
    data["about"]["plan_type"] = "imaginary"
    path = write(tmp_path, data)
    with pytest.raises(ImportProblem) as refused:
        parse_document(path.read_bytes())
    assert lines(validate(path).stderr) == [f"{path}: {message}"
                                            for message in problems_in_words(refused.value)]


def test_every_problem_is_printed(tmp_path):
    data = strong()
    data["indicators"]["items"][2]["target_year"] = "twenty-thirty"
    data["budget"]["lines"][0]["amount"] = "a lot"
    data["actions"]["items"][1]["title"] = 12
    data["monitoring"]["unknown_field"] = "x"
    done = validate(write(tmp_path, data))
    assert done.returncode == 2
    printed = lines(done.stderr)
    assert len(printed) == 4
    for place in ("Indicators, indicator 3 (", "Budget and financing, budget line 1 (",
                  "Actions, action 2 (", "“unknown_field”"):
        assert sum(place in line for line in printed) == 1, (place, printed)


def test_rows_with_the_same_id_are_refused_naming_the_id(tmp_path):
    data = strong()
    actions = data["actions"]["items"]
    actions[1]["id"] = actions[0]["id"]
    path = write(tmp_path, data)
    done = validate(path)
    assert done.returncode == 2
    assert lines(done.stderr) == [f"{path}: Actions: Two rows have the id {actions[0]['id']}"]


def test_a_key_twice_in_one_object_is_refused_naming_the_key(tmp_path):
    text = STRONG.read_text().replace('"title": ', '"title": "Ours", "title": ', 1)
    path = write(tmp_path, text)
    done = validate(path)
    assert done.returncode == 2
    assert lines(done.stderr) == [
        f"{path}: About the plan: The key “title” appears twice here: keep one of them"]


@pytest.mark.parametrize("name, text, says", [
    ("notes.txt", "Our plan, in words", "The file is not valid JSON (line 1, column 1"),
    ("list.json", "[1, 2]", "The file must hold one plan: a JSON object with its sections."),
])
def test_a_file_that_is_not_a_plan_gets_one_line(tmp_path, name, text, says):
    path = write(tmp_path, text, name)
    done = validate(path)
    assert done.returncode == 2
    assert len(lines(done.stderr)) == 1
    assert done.stderr.startswith(f"{path}: {says}")


def test_a_missing_file_gets_one_line(tmp_path):
    path = tmp_path / "nowhere.json"
    done = validate(path)
    assert done.returncode == 2
    assert lines(done.stderr) == [f"{path}: cannot read the plan (No such file or directory)"]


def test_a_valid_file_is_checked_without_the_web_stack(tmp_path):
    imported = imported_by_validate(tmp_path, STRONG)
    assert not imported & (NEVER_IMPORTED | {"flask", "flask_wtf", "flask_login"})


def test_a_refused_file_is_worded_without_a_database(tmp_path):
    data = strong()
    data["indicators"]["items"][2]["target_year"] = "twenty-thirty"
    imported = imported_by_validate(tmp_path, write(tmp_path, data))
    assert not imported & NEVER_IMPORTED
