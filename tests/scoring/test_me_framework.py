"""MEL-7: a monitoring and evaluation framework, the criterion reviewers ask about first.

A plan states that it has a framework (a results framework, logframe, M&E chapter or
plan), names its parts and says where it is. A plan that names none but has indicators
with baselines and targets, reported on a rhythm by a named body, has a de-facto
framework: it earns part of the credit, and the evidence says so.
"""

from __future__ import annotations

import pytest
from plan_builders import action_indicator, actions, plan

from drafter.scoring import load_checklist, score
from drafter.scoring.checklist import checklist_folder, default_checklist_path
from drafter.scoring.rules import RULES

MEASURED = {"baseline": "3", "baseline_year": 2023, "target": "9", "target_year": 2028}
REPORTED = {"monitoring_body": "WPS Working Group", "reporting_frequency": "annual"}


def test_the_csag_checklist_asks_for_an_m_and_e_framework():
    checklist = load_checklist(default_checklist_path())
    criterion = next(item for item in checklist.criteria if item.rule == "me_framework")
    assert (criterion.id, criterion.area, criterion.section) == ("MEL-7", "MEL", "monitoring")
    assert criterion.why and criterion.advice and criterion.sources


def test_the_first_plan_minimum_stays_ten_essentials():
    minimum = load_checklist(checklist_folder() / "first-plan-minimum.yaml")
    assert "me_framework" not in {criterion.rule for criterion in minimum.criteria}


def test_a_framework_with_its_parts_and_place_is_met():
    result = RULES["me_framework"](plan(monitoring={
        "me_framework": "yes", "me_framework_parts": ["logframe", "indicator_reference_sheets"],
        "me_framework_where": "Annex 2"}))
    assert result.score == 1.0
    assert result.evidence == (
        "The plan has an M&E framework.",
        "Its parts: logical framework (logframe), indicator reference sheets (2 wanted).",
        "Where it is: Annex 2.")


def test_a_framework_only_said_to_exist_is_partly_met():
    result = RULES["me_framework"](plan(monitoring={"me_framework": "yes"}))
    assert result.score == pytest.approx(3 / 5)
    assert ("The plan does not say where the framework is (an annex, a chapter, a separate "
            "document).") in result.evidence


def test_parts_named_without_the_word_framework_still_count():
    result = RULES["me_framework"](plan(monitoring={"me_framework_parts": ["results_framework"]}))
    assert result.score == pytest.approx((3 + 0.5) / 5)
    assert result.evidence[0] == ("The plan does not call it an M&E framework, but it has: "
                                  "results framework or matrix.")


def test_indicators_and_reporting_make_a_de_facto_framework_and_the_evidence_says_so():
    document = plan(actions={"items": actions(4)}, monitoring=REPORTED, indicators={"items": [
        action_indicator("a1", **MEASURED), action_indicator("a2", **MEASURED),
        action_indicator("a3"), action_indicator("a4", **MEASURED)]})
    result = RULES["me_framework"](document)
    assert result.score == pytest.approx(0.5 * 3 / 4)
    assert result.evidence == (
        "The plan does not say whether it has an M&E framework (a results framework, logframe "
        "or M&E chapter).",
        "No M&E framework is named, but 3 of 4 indicators have a baseline and a target, and WPS "
        "Working Group reports every year: together a de-facto framework, worth up to 50% of "
        "full marks.")


def test_indicators_without_a_body_and_a_rhythm_are_no_framework():
    document = plan(actions={"items": actions(1)},
                    indicators={"items": [action_indicator("a1", **MEASURED)]})
    result = RULES["me_framework"](document)
    assert result.score == 0.0
    assert ("Though 1 of 1 indicators have a baseline and a target, without a monitoring body "
            "and a reporting rhythm they do not make a framework.") in result.evidence


def test_a_plan_that_says_it_has_none_reads_differently_from_one_that_is_silent():
    said_no = RULES["me_framework"](plan(monitoring={"me_framework": "no"}))
    assert said_no.evidence == ("No: the plan says it has no M&E framework.",)


def test_the_strong_sample_meets_it_and_the_weak_one_does_not():
    from drafter.plan.transfer import parse_document

    checklist = load_checklist(default_checklist_path())
    samples = checklist_folder().parent / "samples"
    status = {name: next(result.status for result in score(
        parse_document((samples / f"{name}-plan.json").read_bytes()), checklist).criteria
        if result.id == "MEL-7") for name in ("strong", "weak")}
    assert status == {"strong": "met", "weak": "not_met"}
