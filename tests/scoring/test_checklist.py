"""Loading checklists: the shipped ones load, and every malformed file is refused with
messages that name the file, the criterion and the field."""

from __future__ import annotations

import copy

import pytest
import yaml

from drafter.scoring import ChecklistError, list_checklists, load_checklist
from drafter.scoring.checklist import checklist_folder, default_checklist_path

GOOD = {
    "id": "tiny", "name": "Tiny", "version": "1", "description": "A test checklist",
    "areas": [{"id": "FIN", "title": "Budget"}, {"id": "MEL", "title": "Indicators"}],
    "criteria": [
        {"id": "FIN-1", "area": "FIN", "title": "Costed", "why": "Money matters",
         "sources": ["CG"], "basis": "good_practice", "weight": 3, "critical": True,
         "rule": "costed_actions", "params": {"currency_weight": 0.2},
         "advice": "Cost each action.", "section": "budget"},
        {"id": "MEL-1", "area": "MEL", "title": "Indicators", "why": "Measure",
         "sources": ["IS"], "basis": "csag", "weight": 1, "critical": False,
         "rule": "indicator_coverage", "advice": "Add indicators.", "section": "indicators"},
    ],
}


def write(tmp_path, data, name="tiny.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data) if not isinstance(data, str) else data,
                    encoding="utf-8")
    return path


def broken(change) -> dict:
    data = copy.deepcopy(GOOD)
    change(data)
    return data


def problems(tmp_path, data) -> list[str]:
    path = write(tmp_path, data)
    with pytest.raises(ChecklistError) as caught:
        load_checklist(path)
    assert str(path) in str(caught.value)
    return caught.value.messages


@pytest.mark.parametrize("name", ["csag-2012.yaml", "first-plan-minimum.yaml"])
def test_shipped_checklists_load(name):
    checklist = load_checklist(checklist_folder() / name)
    assert checklist.criteria and checklist.areas
    used = {criterion.area for criterion in checklist.criteria}
    assert used == set(checklist.area_ids()), "every area has criteria"


def test_main_checklist_covers_the_proposal():
    checklist = load_checklist(default_checklist_path())
    assert checklist.id == "csag-2012"
    assert len(checklist.criteria) == 41  # 40 recommendations and MEL-7, the M&E framework
    assert checklist.area_ids() == ["POL", "INC", "CTX", "RES", "MEL", "FIN", "COA", "LOC",
                                    "THM", "REG", "REV"]
    by_section: dict[str, float] = {}
    for criterion in checklist.criteria:
        by_section[criterion.section] = by_section.get(criterion.section, 0) + criterion.weight
    heaviest = sorted(by_section, key=by_section.get, reverse=True)[:4]
    assert set(heaviest) == {"consultation", "indicators", "budget", "monitoring"}


def test_second_checklist_is_short():
    checklist = load_checklist(checklist_folder() / "first-plan-minimum.yaml")
    assert 8 <= len(checklist.criteria) <= 10


@pytest.mark.parametrize(("change", "criterion", "field", "words"), [
    (lambda data: data["criteria"][0].update(rule="guess_work"), "FIN-1", "rule",
     "unknown rule 'guess_work'"),
    (lambda data: data["criteria"][0]["params"].update(colour="red"), "FIN-1", "params.colour",
     "takes no parameter 'colour'"),
    (lambda data: data["criteria"][0]["params"].update(currency_weight="lots"), "FIN-1",
     "params.currency_weight", "valid number"),
    (lambda data: data["criteria"][1].update(id="FIN-1"), "FIN-1", "id", "duplicate id"),
    (lambda data: data["criteria"][1].pop("advice"), "MEL-1", "advice", "Field required"),
    (lambda data: data["criteria"][0].update(weight=0), "FIN-1", "weight", "greater than 0"),
    (lambda data: data["criteria"][0].update(weight=-2), "FIN-1", "weight", "greater than 0"),
    (lambda data: data["criteria"][1].update(area="XYZ"), "MEL-1", "area", "unknown area 'XYZ'"),
    (lambda data: data["criteria"][1].update(section="wizardry"), "MEL-1", "section", "about"),
    (lambda data: data["criteria"][1].update(basis="hearsay"), "MEL-1", "basis", "csag"),
    (lambda data: data["criteria"][1].update(colour="red"), "MEL-1", "colour", "Extra inputs"),
    (lambda data: data["criteria"][1].update(sources=[]), "MEL-1", "sources", "at least 1"),
    (lambda data: data["criteria"][0]["params"].update(nonsense={"a": 1}), "FIN-1",
     "params.nonsense", "takes no parameter"),
])
def test_refusals_name_file_criterion_and_field(tmp_path, change, criterion, field, words):
    messages = problems(tmp_path, broken(change))
    matching = [message for message in messages if f"criterion {criterion}: {field}:" in message]
    assert matching, messages
    assert words in matching[0]
    assert matching[0].startswith(str(tmp_path / "tiny.yaml"))


def test_rule_parameter_values_are_checked_against_vocabularies(tmp_path):
    data = broken(lambda data: data["criteria"].append(
        {**GOOD["criteria"][1], "id": "INC-2", "rule": "consultation_reach",
         "params": {"groups": ["martians"]}}))
    messages = problems(tmp_path, data)
    assert any("criterion INC-2: params.groups.0:" in message and "martians" in message
               for message in messages)


def test_a_criterion_without_id_is_named_by_position(tmp_path):
    messages = problems(tmp_path, broken(lambda data: data["criteria"][1].pop("id")))
    assert any("criterion #2: id: Field required" in message for message in messages)


def test_every_problem_is_reported_at_once(tmp_path):
    def change(data):
        data["criteria"][0]["weight"] = 0
        data["criteria"][1]["area"] = "XYZ"

    assert len(problems(tmp_path, broken(change))) == 2


@pytest.mark.parametrize(("data", "words"), [
    ({**GOOD, "areas": []}, "header: areas"),
    ({**GOOD, "version": None}, "header: version"),
    ({**GOOD, "criteria": []}, "header: criteria"),
    ({**GOOD, "areas": GOOD["areas"] * 2}, "duplicate area"),
    ({**GOOD, "thresholds": {"met": 1.5}}, "header: thresholds.met"),
    ("id: [unclosed", "not valid YAML"),
    ("- just\n- a list\n", "must be a mapping"),
])
def test_header_and_syntax_problems(tmp_path, data, words):
    messages = problems(tmp_path, data)
    assert any(words in message for message in messages), messages


def test_missing_file(tmp_path):
    with pytest.raises(ChecklistError) as caught:
        load_checklist(tmp_path / "nowhere.yaml")
    assert "nowhere.yaml" in caught.value.messages[0]


def test_reload_after_the_file_changes(tmp_path):
    path = write(tmp_path, GOOD)
    assert load_checklist(path).name == "Tiny"
    import os
    write(tmp_path, {**GOOD, "name": "Renamed"})
    os.utime(path, ns=(1, 2_000_000_000_000_000_000))
    assert load_checklist(path).name == "Renamed"


def test_list_checklists_skips_broken_files(tmp_path):
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, broken(lambda data: data.update(areas=[])), "b.yaml")
    found = list_checklists(tmp_path)
    assert [(info.id, info.name, info.version) for info in found] == [("tiny", "Tiny", "1")]
    assert found[0].path == tmp_path / "a.yaml"


def test_list_checklists_defaults_to_the_shipped_folder():
    assert {info.id for info in list_checklists()} >= {"csag-2012", "first-plan-minimum"}
