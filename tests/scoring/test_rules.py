"""Each rule on small documents: met, partly met and not met, plus the empty plan.

A case gives a rule, its parameters, the sections of a document and the band its
score must fall in (met >= 0.9, not met < 0.2, the CSAG checklist's thresholds).
"""

from __future__ import annotations

import pytest
from plan_builders import action_indicator, actions, objectives, plan, text

from drafter.plan.schema import PlanDocument
from drafter.scoring.rules import RULES, Plan

MET, PARTLY, NOT = "met", "partly", "not"
FULL_RESOLUTIONS = ["1325", "1820", "1888", "1889", "1960", "2106", "2122", "2242", "2467",
                    "2493"]
ALL_GROUPS = ["womens_organisations", "rural_women", "displaced_women", "conflict_affected_women",
              "survivors", "youth", "women_with_disabilities", "minority_women"]
SECTORS = ["gender", "foreign_affairs", "defence", "interior", "justice", "finance",
           "local_government"]


def band(score: float) -> str:
    return MET if score >= 0.9 else NOT if score < 0.2 else PARTLY


def event(region="North", in_capital=False, groups=("womens_organisations",), **fields):
    return {"region": region, "in_capital": in_capital, "groups": list(groups), **fields}


def two_actions(**second):
    return {"items": [{"id": "a1", "code": "1.1", "lead_institution": "MoI",
                       "start": "2025-01-01", "end": "2025-12-31"},
                      {"id": "a2", "code": "1.2", **second}]}


def budgeted(**line):
    return {"actions": {"items": actions(1)},
            "budget": {"lines": [{"action_id": "a1", "amount": "1000", **line}]}}


CASES = {
    "adoption": [
        (MET, {"about": {"adopting_authority": "Cabinet", "adoption_instrument": "Decision 1",
                         "adoption_date": "2024-03-01", "foreword_by": "Prime Minister"},
               "leadership": {"endorsement_level": "cabinet"}}),
        (PARTLY, {"about": {"adopting_authority": "Minister of Gender"},
                  "leadership": {"endorsement_level": "minister"}}),
        (NOT, {"leadership": {"endorsement_level": "none_yet"}}),
    ],
    "lead_institution": [
        (MET, {"leadership": {"lead_institution": "MoG", "focal_point": "Director",
                              "secretariat": "WPS unit"}}),
        (PARTLY, {"about": {"lead_institution": "MoG"}}),
        (NOT, {"leadership": {"coordination_body": "Steering committee"}}),
    ],
    "policy_anchoring": [
        (MET, {"about": {"period_start": 2025, "period_end": 2029, "policy_links": text(200)}}),
        (PARTLY, {"about": {"period_start": 2025, "period_end": 2029}}),
        (NOT, {"about": {"period_start": 2025}}),
    ],
    "coordination_body": [
        (MET, {"leadership": {
            "coordination_body": "NSC", "body_terms_of_reference": True,
            "body_meeting_frequency": "quarterly",
            "members": [{"institution": f"M{n}", "sector": sector} for n, sector in
                        enumerate(["gender", "defence", "interior", "justice", "finance"])]}}),
        (PARTLY, {"leadership": {"coordination_body": "NSC"}}),
        (NOT, {"leadership": {"lead_institution": "MoG"}}),
    ],
    "accountability": [
        (MET, {"leadership": {"accountability": text(150), "parliament_role": text(150)}}),
        (PARTLY, {"leadership": {"accountability": text(150)}}),
        (NOT, {"leadership": {"lead_institution": "MoG"}}),
    ],
    "capacity_building": [
        (MET, {"leadership": {"capacity_building": text(200)}}),
        (PARTLY, {"leadership": {"capacity_building": text(100)}}),
        (NOT, {"leadership": {"lead_institution": "MoG"}}),
    ],
    "risk_management": [
        (MET, {"leadership": {"risks": [{"risk": f"r{n}", "mitigation": "m"} for n in range(3)]}}),
        (PARTLY, {"leadership": {"risks": [{"risk": "r1", "mitigation": "m"},
                                           {"risk": "r2"}, {"risk": "r3"}]}}),
        (NOT, {"leadership": {"lead_institution": "MoG"}}),
    ],
    "civil_society_in_drafting": [
        (MET, {"consultation": {"civil_society_on_drafting_body": True,
                                "process_summary": text(300),
                                "events": [event(), event(), event()]}}),
        (PARTLY, {"consultation": {"events": [event()]}}),
        (NOT, {"consultation": {"drafting_body": "Inter-ministerial group"}}),
    ],
    "consultation_reach": [
        (MET, {"about": {"capital": "Cap", "regions": ["A", "B", "C", "D"]},
               "consultation": {"events": [event("A", groups=ALL_GROUPS), event("B"),
                                           event("C")]}}),
        (PARTLY, {"about": {"capital": "Cap", "regions": ["A", "B", "C", "D"]},
                  "consultation": {"events": [event("A")]}}),
        (NOT, {"about": {"capital": "Cap", "regions": ["A", "B", "C", "D"]},
               "consultation": {"events": [event("Cap", in_capital=True, groups=())]}}),
    ],
    "whole_of_government": [
        (MET, {"consultation": {"sectors_on_drafting_body": SECTORS}}),
        (PARTLY, {"consultation": {"sectors_on_drafting_body": SECTORS[:3]}}),
        (NOT, {"consultation": {"sectors_on_drafting_body": ["health"]}}),
    ],
    "transparent_process": [
        (MET, {"consultation": {"validation_workshop_date": "2024-05-01", "draft_published": True,
                                "how_input_was_used": text(150),
                                "events": [event(summary="Notes")]}}),
        (PARTLY, {"consultation": {"draft_published": True}}),
        (NOT, {"consultation": {"drafting_body": "Group", "events": [event()]}}),
    ],
    "civil_society_in_monitoring": [
        (MET, {"monitoring": {"civil_society_seats": 2, "shadow_reports_recognised": True,
                              "reports_public": True}}),
        (PARTLY, {"leadership": {"civil_society_seats": 1}}),
        (NOT, {"monitoring": {"monitoring_body": "Working group"}}),
    ],
    "reporting": [
        (MET, {"monitoring": {"monitoring_body": "WG", "reporting_frequency": "annual",
                              "report_recipients": ["parliament"], "reports_public": True}}),
        (PARTLY, {"monitoring": {"monitoring_body": "WG", "reporting_frequency": "end"}}),
        (NOT, {"monitoring": {"data_collection": "Surveys"}}),
    ],
    "evaluation": [
        (MET, {"about": {"period_start": 2025, "period_end": 2029},
               "monitoring": {"midterm_review_year": 2027, "final_evaluation_year": 2029,
                              "independent_evaluation": True, "use_of_findings": text(150)}}),
        (PARTLY, {"monitoring": {"midterm_review_year": 2027}}),
        (NOT, {"monitoring": {"monitoring_body": "WG"}}),
    ],
    "context_analysis": [
        (MET, {"context": {"conflict_analysis": text(800, "women men girls boys"),
                           "gendered_impacts": text(800)}}),
        (PARTLY, {"context": {"conflict_analysis": text(400, "women")}}),
        (NOT, {"context": {"baseline_summary": text(300)}}),
    ],
    "baseline_mapping": [
        (MET, {"context": {"baseline_summary": text(300), "sex_disaggregated_baseline": True,
                           "assessment_year": 2024, "existing_programmes": text(300)}}),
        (PARTLY, {"context": {"baseline_summary": text(300), "sex_disaggregated_baseline": True}}),
        (NOT, {"context": {"legal_policy_review": text(300)}}),
    ],
    "legal_review": [
        (MET, {"context": {"legal_policy_review": text(300), "cedaw_gr30_considered": True}}),
        (PARTLY, {"context": {"cedaw_gr30_considered": True}}),
        (NOT, {"context": {"baseline_summary": text(300)}}),
    ],
    "vision_and_theory_of_change": [
        (MET, {"pillars": {"vision": text(60), "theory_of_change": text(400)}}),
        (PARTLY, {"pillars": {"vision": text(60)}}),
        (NOT, {"pillars": {"adaptation_rationale": "Local pillars"}}),
    ],
    "pillar_structure": [
        (MET, {"pillars": {"objectives": objectives(4)}}),
        (PARTLY, {"pillars": {"objectives": objectives(1) + [{"id": "o9", "code": "9"}]}}),
        (NOT, {"pillars": {"pillars": [{"id": "local", "name": "Local"}],
                           "objectives": [{"id": "o1", "code": "1"}]}}),
    ],
    "smart_objectives": [
        (MET, {"pillars": {"objectives": objectives(1, outcome="More women police")},
               "actions": {"items": actions(1, objective_count=1)},
               "indicators": {"items": [{"objective_id": "o1", "level": "outcome",
                                         "target": "30%", "target_year": 2029}]}}),
        (PARTLY, {"pillars": {"objectives": objectives(1, outcome="More women police")}}),
        (NOT, {"pillars": {"objectives": objectives(1, title="Police")}}),
    ],
    "responsible_actors": [
        (MET, {"actions": {"items": actions(2, lead_institution="MoI")}}),
        (PARTLY, {"actions": two_actions()}),
        (NOT, {"actions": {"items": actions(2)}}),
    ],
    "action_timelines": [
        (MET, {"actions": {"items": actions(2, start="2025-01-01", end="2025-06-30")}}),
        (PARTLY, {"actions": two_actions()}),
        (NOT, {"actions": {"items": actions(2, start="2025-01-01")}}),
    ],
    "dimensions": [
        (MET, {"context": {"domestic_dimension": True, "external_dimension": True},
               "actions": {"items": actions(1, dimension="both")}}),
        (PARTLY, {"context": {"domestic_dimension": True, "external_dimension": True},
                  "actions": {"items": actions(1, dimension="domestic")}}),
        (NOT, {"context": {"external_dimension": True}}),
    ],
    "indicator_coverage": [
        (MET, {"pillars": {"objectives": objectives(1)},
               "actions": {"items": actions(1, objective_count=1)},
               "indicators": {"items": [action_indicator("a1"), {"objective_id": "o1"}]}}),
        (PARTLY, {"pillars": {"objectives": objectives(1)},
                  "actions": {"items": actions(1, objective_count=1)},
                  "indicators": {"items": [{"objective_id": "o1", "level": "outcome"}]}}),
        (NOT, {"actions": {"items": actions(2)}}),
    ],
    "baselines_and_targets": [
        (MET, {"actions": {"items": actions(1)},
               "indicators": {"items": [action_indicator("a1", baseline="3", baseline_year=2023,
                                                         target="9", target_year=2028)]}}),
        (PARTLY, {"actions": {"items": actions(1)},
                  "indicators": {"items": [action_indicator("a1", baseline="3",
                                                            baseline_year=2023)]}}),
        (NOT, {"actions": {"items": actions(1)},
               "indicators": {"items": [action_indicator("a1", statement="Trained")]}}),
    ],
    "indicator_data": [
        (MET, {"indicators": {"items": [{"data_source": "HR", "responsible": "MoI",
                                         "frequency": "annual", "disaggregation": ["sex"]}]}}),
        (PARTLY, {"indicators": {"items": [{"data_source": "HR", "responsible": "MoI"}]}}),
        (NOT, {"indicators": {"items": [{"statement": "Trained"}]}}),
    ],
    "global_alignment": [
        (MET, {"indicators": {"items": [{"global_indicator": "SGI 3b"}] + [{}] * 3}}),
        (PARTLY, {"indicators": {"items": [{"global_indicator": "SGI 3b"}] + [{}] * 7}}),
        (NOT, {"indicators": {"items": [{}] * 4}}),
    ],
    "costed_actions": [
        (MET, {"actions": {"items": actions(2)},
               "budget": {"currency": "USD", "lines": [{"action_id": "a1", "amount": "10"},
                                                       {"action_id": "a2", "amount": "5"}]}}),
        (PARTLY, {"actions": {"items": actions(2)},
                  "budget": {"currency": "USD", "lines": [{"action_id": "a1", "amount": "10"}]}}),
        (NOT, {"actions": {"items": actions(2)}, "budget": {"lines": [{"action_id": "a1"}]}}),
    ],
    "funding": [
        (MET, budgeted(funding_source="donor", secured="1000") | {
            "budget": {"funding_gap_statement": text(80),
                       "lines": [{"action_id": "a1", "amount": "1000", "funding_source": "donor",
                                  "secured": "1000"}]}}),
        (PARTLY, budgeted(funding_source="donor")),
        (NOT, budgeted(funding_source="unidentified")),
    ],
    "budget_integration": [
        (MET, {"budget": {"budget_links": ["mtef", "grb"], "budget_cycle_notes": text(200)}}),
        (PARTLY, {"budget": {"budget_links": ["mtef"]}}),
        (NOT, {"budget": {"resource_mobilisation": text(200)}}),
    ],
    "civil_society_funding": [
        (MET, {"budget": {"lines": [{"category": "civil_society", "amount": "50",
                                     "secured": "10"}]}}),
        (PARTLY, {"budget": {"lines": [{"category": "civil_society", "amount": "50"}]}}),
        (NOT, {"budget": {"lines": [{"category": "coordination", "amount": "50"}]}}),
    ],
    "system_costs": [
        (MET, {"budget": {"lines": [{"category": "coordination", "amount": "5"},
                                    {"category": "monitoring_evaluation", "amount": "5"}]}}),
        (PARTLY, {"budget": {"lines": [{"category": "coordination", "amount": "5"}]}}),
        (NOT, budgeted()),
    ],
    "full_agenda": [
        (MET, {"about": {"resolutions": FULL_RESOLUTIONS},
               "pillars": {"objectives": objectives(4)},
               "actions": {"items": actions(4, objective_count=4)}}),
        (PARTLY, {"about": {"resolutions": ["1325"]},
                  "pillars": {"objectives": objectives(2)},
                  "actions": {"items": actions(2, objective_count=2)}}),
        (NOT, {"actions": {"items": actions(3)}}),
    ],
    "prevention": [
        (MET, {"actions": {"items": [{"themes": ["disarmament"]}, {"themes": ["early_warning"]}]}}),
        (PARTLY, {"actions": {"items": [{"themes": ["disarmament"]}]}}),
        (NOT, {"actions": {"items": [{"themes": ["sgbv"]}]}}),
    ],
    "diversity": [
        (MET, {"actions": {"items": [{"themes": ["youth", "climate", "disability",
                                                 "trafficking"]}]}}),
        (PARTLY, {"actions": {"items": [{"themes": ["youth"]}, {"themes": ["climate"]}]}}),
        (NOT, {"actions": {"items": [{"themes": ["sgbv"]}]}}),
    ],
    "localisation": [
        (MET, {"localisation": {"local_action_plans": text(200), "subnational_bodies": text(200),
                                "localisation_guidelines": True}}),
        (PARTLY, {"localisation": {"localisation_guidelines": True}}),
        (NOT, {"localisation": {"languages": ["Lumenese"]}}),
    ],
    "dissemination": [
        (MET, {"localisation": {"languages": ["A", "B"], "dissemination_plan": text(200),
                                "public_launch_date": "2025-03-08", "published_online": True}}),
        (PARTLY, {"localisation": {"languages": ["A"], "published_online": True}}),
        (NOT, {"localisation": {"local_action_plans": text(200)}}),
    ],
    "regional_framework": [
        (MET, {"regional": {"regional_frameworks": ["au_crf"], "regional_reporting": True,
                            "regional_links": text(150)}}),
        (PARTLY, {"regional": {"regional_frameworks": ["au_crf"]}}),
        (NOT, {"regional": {"member_states_supported": "All"}}),
    ],
    "twinning": [
        (MET, {"regional": {"partners": [{"partner": "Calderra", "form": "twinning",
                                          "mutual": True, "civil_society_both_sides": True}]}}),
        (PARTLY, {"regional": {"partners": [{"partner": "Calderra", "form": "study_visit"}]}}),
        (NOT, {"regional": {"partners": [{"description": "To be decided"}]}}),
    ],
    "review_cycle": [
        (MET, {"review": {"review_clause": text(150), "revision_triggers": text(150),
                          "successor_planned": True}}),
        (PARTLY, {"review": {"successor_planned": True}}),
        (NOT, {"about": {"generation": 1}, "review": {"lessons_from_previous": text(300)}}),
    ],
}


def test_every_rule_has_cases():
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize(("name", "expected", "sections"), [
    (name, expected, sections) for name, cases in CASES.items()
    for expected, sections in cases])
def test_rule_band(name, expected, sections):
    result = RULES[name](plan(**sections))
    assert band(result.score) == expected, result.evidence
    assert result.evidence and all(isinstance(sentence, str) and sentence
                                   for sentence in result.evidence)


@pytest.mark.parametrize("name", sorted(RULES))
def test_empty_plan_scores_zero_with_evidence(name):
    result = RULES[name](PlanDocument())
    assert result.score == 0.0
    assert result.evidence


@pytest.mark.parametrize("name", sorted(RULES))
def test_rule_accepts_the_shared_view(name):
    document = plan(**CASES[name][0][1])
    assert RULES[name](Plan(document)) == RULES[name](document)


def test_evidence_names_missing_rows_by_code_then_title():
    document = plan(actions={"items": [{"code": "2.3"}, {"title": "Train police"},
                                       {"code": "1.1", "lead_institution": "MoI"}]})
    evidence = RULES["responsible_actors"](document).evidence[0]
    assert evidence.startswith("1 of 3 actions name a lead institution")
    assert "missing: 2.3, Train police" in evidence


def test_long_lists_of_missing_rows_are_cut_short():
    document = plan(actions={"items": actions(20)})
    evidence = RULES["responsible_actors"](document).evidence[0]
    assert "and 12 more" in evidence


def test_consultation_regions_leave_out_the_capital_region():
    document = plan(about={"capital": "Cap", "regions": ["Capital District", "North"]},
                    consultation={"events": [event("Capital District", in_capital=True),
                                             event("North")]})
    result = RULES["consultation_reach"](document, groups=["womens_organisations"])
    assert result.score == 1.0
    assert "1 of 1 regions outside the capital" in result.evidence[0]


def test_consultation_regions_without_a_region_list_count_places():
    document = plan(consultation={"events": [event("A"), event("B")]})
    result = RULES["consultation_reach"](document, groups=["womens_organisations"],
                                         min_regions=4)
    assert result.score == pytest.approx((0.5 + 1) / 2)


def test_evaluation_outside_the_period_gets_half_credit():
    inside = plan(about={"period_start": 2025, "period_end": 2029},
                  monitoring={"midterm_review_year": 2027})
    outside = plan(about={"period_start": 2025, "period_end": 2029},
                   monitoring={"midterm_review_year": 2035})
    assert RULES["evaluation"](outside).score == RULES["evaluation"](inside).score / 2


def test_lessons_are_asked_only_of_later_plans():
    base = {"review": {"review_clause": text(150), "revision_triggers": text(150),
                       "successor_planned": True}}
    assert RULES["review_cycle"](plan(about={"generation": 1}, **base)).score == 1.0
    assert RULES["review_cycle"](plan(about={"generation": 2}, **base)).score == 0.75


def test_funding_evidence_reports_money_and_threshold():
    document = plan(**budgeted(funding_source="donor", secured="600"))
    evidence = RULES["funding"](document, secured_threshold=0.5).evidence
    assert "1 of 1 actions have at least 50% of their cost secured" in evidence
    assert "Secured 600 of 1,000 in all." in evidence


def test_indicator_level_is_inferred_from_what_it_measures():
    document = plan(actions={"items": actions(1)},
                    indicators={"items": [action_indicator("a1", level="outcome")]})
    # An explicit level wins: an outcome indicator on an action is not an output indicator.
    assert RULES["indicator_coverage"](document).score == 0.0
