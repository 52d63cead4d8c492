"""Version-1 plan files and stored sections read as version 2 with every value kept.

`fixtures/v1-every-field.json` is the strong sample as it was exported before version 2,
with every field filled; each of its values is looked up where version 2 keeps it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.plan.schema import SCHEMA_VERSION, SECTION_MODELS, Monitoring, Pillar
from drafter.plan.transfer import export_json, parse_document, read_plan_file
from drafter.plan.upgrade import rewritten

V1_FILE = Path(__file__).parent / "fixtures" / "v1-every-field.json"

# Where version 2 keeps a version-1 field that changed shape: (section, field) -> a
# function of the v2 section giving the value as v1 held it.
MOVED = {
    ("monitoring", "midterm_review_year"):
        lambda s: next(e.year for e in s.evaluations if e.kind == "midterm"),
    ("monitoring", "final_evaluation_year"):
        lambda s: next(e.year for e in s.evaluations if e.kind == "final"),
    ("monitoring", "independent_evaluation"):
        lambda s: all(e.independent == "yes" for e in s.evaluations),
}


def as_v1(value):
    """A v2 value written as v1 wrote it: answers as true/false, rows as dicts."""
    if value in ("yes", "not_stated"):
        return value == "yes"
    if isinstance(value, list):
        return [as_v1(item) for item in value]
    if hasattr(value, "model_dump"):
        data = value.model_dump(mode="json")
        if isinstance(value, Pillar):
            standards = data.pop("standards")
            data["standard"] = standards[0] if standards else None
        return {key: as_v1(item) for key, item in data.items()}
    return value


@pytest.fixture(scope="module")
def v1() -> dict:
    return json.loads(V1_FILE.read_text(encoding="utf-8"))


def test_the_v1_file_fills_every_field_of_version_1(v1):
    assert v1["schema_version"] == 1
    for key, section in v1.items():
        if isinstance(section, dict):
            blank = [name for name, value in section.items() if value in ("", None, [], False)]
            assert not blank, f"{key}: {blank}"


def test_every_v1_value_is_kept_after_the_upgrade(v1):
    document = parse_document(V1_FILE.read_bytes())
    assert document.schema_version == SCHEMA_VERSION == 2
    for key in SECTION_MODELS:
        section = getattr(document, key)
        for name, old in v1[key].items():
            if (key, name) in MOVED:
                assert MOVED[key, name](section) == old, (key, name)
            elif key == "pillars" and name == "pillars":
                assert as_v1(section.pillars) == old
            else:
                new = as_v1(getattr(section, name))
                if isinstance(old, list) and old and isinstance(old[0], dict):
                    assert [{k: row[k] for k in item} for row, item in zip(new, old)] == old
                else:
                    assert new == old, (key, name)


def test_v1_answers_become_yes_or_not_stated_and_dates_stay_days(v1):
    v1 = json.loads(json.dumps(v1))
    v1["context"]["sex_disaggregated_baseline"] = False
    v1["monitoring"]["independent_evaluation"] = False
    document = read_plan_file(json.dumps(v1))
    assert document.context.sex_disaggregated_baseline == "not_stated"
    assert document.context.cedaw_gr30_considered == "yes"
    assert {e.independent for e in document.monitoring.evaluations} == {"not_stated"}
    assert document.about.adoption_date == "2026-02-10"
    assert [e.status for e in document.monitoring.evaluations] == ["planned", "planned"]


def test_a_v2_export_imports_to_the_same_document_and_statuses(v1):
    document = parse_document(V1_FILE.read_bytes())
    statuses = {key: ("complete" if index % 2 else "in_progress")
                for index, key in enumerate(SECTION_MODELS)}
    exported = export_json(document, statuses)
    assert json.loads(exported)["schema_version"] == 2
    again = read_plan_file(exported)
    assert again.as_document() == document
    assert again.section_status == statuses
    assert export_json(again.as_document(), statuses) == exported


def test_a_stored_v1_section_is_rewritten_in_v2_by_the_upgrade(v1):
    data = rewritten(Monitoring, v1["monitoring"])
    assert "midterm_review_year" not in data and len(data["evaluations"]) == 2
    assert Monitoring.model_validate(data) == Monitoring.model_validate(v1["monitoring"])
    assert rewritten(Monitoring, data) is None  # reading v2 again changes nothing


def test_a_version_this_program_does_not_know_is_refused(v1):
    v3 = dict(v1, schema_version=3)
    with pytest.raises(ValueError, match="schema_version"):
        read_plan_file(json.dumps(v3))
