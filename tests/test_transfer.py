"""JSON export and import, from the web page and from the CLI: round trips are exact,
and a bad file is refused whole with a message naming the field."""

from __future__ import annotations

import io
import json

import pytest

from support import ROOT, sample
from drafter.plan.transfer import export_json, parse_document

SAMPLES = ["weak-plan.json", "strong-plan.json"]


def count_plans(store) -> int:
    return len(store.list_plans())


@pytest.mark.parametrize("name", SAMPLES)
def test_web_import_then_export_gives_the_identical_document(name, client, load_plan):
    raw = (ROOT / "samples" / name).read_bytes()
    response = client.post("/plans/import", data={"file": (io.BytesIO(raw), name)},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    plan_id = int(response.location.rstrip("/").split("/")[-1])
    exported = client.get(f"/plans/{plan_id}/export.json")
    assert exported.headers["Content-Disposition"].startswith("attachment")
    assert parse_document(exported.data) == sample(name)
    assert load_plan(plan_id).document == sample(name)


@pytest.mark.parametrize("name", SAMPLES)
def test_cli_export_and_import_round_trip(name, runner, tmp_path, load_plan):
    result = runner.invoke(args=["import", str(ROOT / "samples" / name)])
    assert result.exit_code == 0, result.output
    plan_id = int(result.output.split("as plan ")[1].rstrip(".\n"))
    out = tmp_path / "out.json"
    result = runner.invoke(args=["export", str(plan_id), "--out", str(out)])
    assert result.exit_code == 0
    assert parse_document(out.read_bytes()) == sample(name)
    assert out.read_text("utf-8") == export_json(sample(name))


BAD_FILES = {
    "not json": (b"{ this is not json", "not valid JSON"),
    "not utf-8": ("é".encode("latin-1") * 10, "not text in UTF-8"),
    "a list": (b"[1, 2, 3]", "one plan"),
    "unknown field": (json.dumps({"about": {"title": "T", "colour": "red"}}).encode(),
                      "about.colour"),
    "bad date order": (json.dumps({"actions": {"items": [
        {"id": "a1", "start": "2027-01-01", "end": "2026-01-01"}]}}).encode(), "actions.items.0.end"),
    "negative amount": (json.dumps({"budget": {"lines": [{"id": "b1", "amount": "-5"}]}}).encode(),
                        "budget.lines.0.amount"),
    "bad currency": (json.dumps({"budget": {"currency": "XXQ"}}).encode(), "budget.currency"),
    "dangling link": (json.dumps({"indicators": {"items": [
        {"id": "i1", "action_id": "ghost"}]}}).encode(), "indicators.items.0.action_id"),
    "period reversed": (json.dumps({"about": {"period_start": 2030, "period_end": 2020}}).encode(),
                        "about.period_end"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_whole_with_the_field_named(case, client, store):
    raw, expected = BAD_FILES[case]
    before = count_plans(store)
    response = client.post("/plans/import", data={"file": (io.BytesIO(raw), "plan.json")},
                           content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Nothing was imported" in html or "could not be imported" in html
    assert expected in html
    assert count_plans(store) == before


def test_cli_import_of_a_bad_file_exits_2_and_saves_nothing(runner, tmp_path, store):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"about": {"plan_type": "galactic"}}))
    result = runner.invoke(args=["import", str(bad)])
    assert result.exit_code == 2
    assert "about.plan_type" in result.output
    assert count_plans(store) == 0


def test_import_refuses_other_kinds_of_file(client):
    response = client.post("/plans/import", data={"file": (io.BytesIO(b"PK\x03\x04"), "plan.docx")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert "a .json file" in response.get_data(as_text=True)
    response = client.post("/plans/import", data={}, content_type="multipart/form-data")
    assert response.status_code == 400


def test_export_of_the_cli_for_a_missing_plan_is_a_clear_error(runner):
    result = runner.invoke(args=["export", "42"])
    assert result.exit_code == 2 and "no plan 42" in result.output


def test_schema_command_prints_the_json_schema(runner):
    result = runner.invoke(args=["schema"])
    schema = json.loads(result.output)
    assert set(schema["properties"]) >= {"about", "actions", "indicators", "budget", "monitoring"}
