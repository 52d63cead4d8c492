"""Each indicator is checked the way a reviewer checks it: SMART.

Unit, a baseline value with its year, a target value with its year, a data source, a
frequency and a disaggregation: the evidence of MEL-3 lists what each indicator lacks,
and a baseline or target counts only when it states a value ("TBD" and "increase" do not).
"""

from __future__ import annotations

from plan_builders import action_indicator, actions, objectives, plan

from drafter.scoring.rules import RULES

COMPLETE = {"unit": "% of officers", "baseline": "11%", "baseline_year": 2023, "target": "20%",
            "target_year": 2028, "data_source": "Police HR records", "responsible": "MoI",
            "frequency": "annual", "disaggregation": ["sex", "location"]}
SMART = ("SMART check of each indicator (unit, baseline value, baseline year, target value, "
         "target year, data source, frequency, disaggregation)")


def test_the_evidence_lists_what_each_indicator_lacks():
    document = plan(actions={"items": actions(3)}, indicators={"items": [
        action_indicator("a1", **COMPLETE),
        action_indicator("a2", **{**COMPLETE, "unit": "", "baseline_year": None}),
        action_indicator("a3", statement="Number of trainings")]})
    evidence = RULES["indicator_data"](document).evidence
    assert evidence[-1] == (
        f"{SMART}: 1 of 3 complete; a2.i lacks unit, baseline year; a3.i lacks unit, baseline "
        "value, baseline year, target value, target year, data source, frequency, "
        "disaggregation.")


def test_a_complete_plan_says_so():
    document = plan(actions={"items": actions(1)},
                    indicators={"items": [action_indicator("a1", **COMPLETE)]})
    result = RULES["indicator_data"](document)
    assert result.score == 1.0
    assert result.evidence[-1] == f"{SMART}: 1 of 1 complete."


def test_a_baseline_or_target_without_a_value_does_not_count():
    document = plan(actions={"items": actions(2)}, indicators={"items": [
        action_indicator("a1", **{**COMPLETE, "baseline": "To be determined by the survey"}),
        action_indicator("a2", **{**COMPLETE, "target": "Increased"})]})
    result = RULES["baselines_and_targets"](document)
    assert "1 of 2 indicators have a baseline with its year; missing: a1.i" in result.evidence
    assert "1 of 2 indicators have a target with its year; missing: a2.i" in result.evidence
    assert ("Given without a value: 'To be determined by the survey' (a1.i), 'Increased' (a2.i)."
            in result.evidence)
    smart = RULES["indicator_data"](document).evidence[-1]
    assert "a1.i lacks baseline value; a2.i lacks target value" in smart


def test_values_in_words_and_yes_no_targets_count():
    for baseline, target in (("none", "all six regions"), ("No", "Yes"), ("0", "3 of 6")):
        document = plan(actions={"items": actions(1)}, indicators={"items": [
            action_indicator("a1", **{**COMPLETE, "baseline": baseline, "target": target})]})
        assert RULES["baselines_and_targets"](document).score == 1.0, (baseline, target)


def test_a_long_list_of_incomplete_indicators_is_cut_short():
    document = plan(actions={"items": actions(20)},
                    indicators={"items": [action_indicator(f"a{n}") for n in range(1, 21)]})
    assert RULES["indicator_data"](document).evidence[-1].endswith("; and 12 more.")


def test_indicators_described_only_as_a_whole_earn_part_of_the_credit():
    structure = {"pillars": {"objectives": objectives(1)},
                 "actions": {"items": actions(4, objective_count=1)}}
    said = plan(**structure, indicators={"stated": "yes", "stated_count": 64,
                                         "with_baselines": "yes", "with_targets": "yes"})
    coverage = RULES["indicator_coverage"](said)
    assert coverage.score == 0.5
    assert ("The plan sets 64 indicators, not typed in as rows: 50% of full marks."
            in coverage.evidence)
    values = RULES["baselines_and_targets"](said)
    assert values.score == 0.75
    assert "The plan says its indicators have targets (not typed in as rows)." in values.evidence
    assert "Plan-level answers earn 75% of full marks." in values.evidence
    # targets weigh twice baselines: a target is what makes an indicator measure a result
    targets_only = plan(**structure, indicators={"with_targets": "yes"})
    assert RULES["baselines_and_targets"](targets_only).score == 0.5
    # typing the indicators in as rows earns the rest
    typed = plan(**structure, indicators={"items": [
        *(action_indicator(f"a{n}", **COMPLETE) for n in range(1, 5)),
        {"id": "i-o1", "objective_id": "o1", **COMPLETE}]})
    assert RULES["indicator_coverage"](typed).score == 1.0
    assert RULES["baselines_and_targets"](typed).score == 1.0
