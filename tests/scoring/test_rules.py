"""Each rule on small documents: met, partly met and not met, plus the empty plan.

A case gives a rule, its parameters, the sections of a document and the band its
score must fall in (met >= 0.9, not met < 0.2, the CSAG checklist's thresholds).
Prose in the cases is short and specific, the way a reviewer wants it: rules read it for
what it names, not for its length.
"""

from __future__ import annotations

import pytest
from plan_builders import action_indicator, actions, objectives, plan, prose

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
        (MET, {"about": {"period_start": 2025, "period_end": 2029, **prose("policy_links")}}),
        (PARTLY, {"about": {"period_start": 2025, "period_end": 2029}}),
        (NOT, {"about": {"period_start": 2025}}),
    ],
    "coordination_body": [
        (MET, {"leadership": {
            "coordination_body": "NSC", "body_terms_of_reference": "yes",
            "body_meeting_frequency": "quarterly", "civil_society_seats": 2,
            "members": [{"institution": f"M{n}", "sector": sector} for n, sector in
                        enumerate(["gender", "defence", "interior", "justice", "finance"])]}}),
        (PARTLY, {"leadership": {"coordination_body": "NSC"}}),
        (NOT, {"leadership": {"lead_institution": "MoG"}}),
    ],
    "accountability": [
        (MET, {"leadership": prose("accountability", "parliament_role")}),
        (PARTLY, {"leadership": prose("accountability")}),
        (NOT, {"leadership": {"lead_institution": "MoG"}}),
    ],
    "capacity_building": [
        (MET, {"leadership": prose("capacity_building")}),
        (PARTLY, {"leadership": {"capacity_building": "Police officers will be trained on "
                                                      "gender."}}),
        (NOT, {"leadership": {"lead_institution": "MoG"}}),
    ],
    "risk_management": [
        (MET, {"leadership": {"risks": [{"risk": f"r{n}", "mitigation": "m"} for n in range(3)]}}),
        (PARTLY, {"leadership": {"risks": [{"risk": "r1", "mitigation": "m"},
                                           {"risk": "r2"}, {"risk": "r3"}]}}),
        (NOT, {"leadership": {"lead_institution": "MoG"}}),
    ],
    "civil_society_in_drafting": [
        (MET, {"consultation": {"civil_society_on_drafting_body": "yes",
                                **prose("process_summary"),
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
        (MET, {"consultation": {"validation_workshop_date": "2024-05", "draft_published": "yes",
                                **prose("how_input_was_used"),
                                "events": [event(summary="Notes")]}}),
        (PARTLY, {"consultation": {"draft_published": "yes"}}),
        (NOT, {"consultation": {"drafting_body": "Group", "events": [event()]}}),
    ],
    "civil_society_in_monitoring": [
        (MET, {"monitoring": {"civil_society_seats": 2, "shadow_reports_recognised": "yes",
                              "reports_public": "yes"}}),
        (PARTLY, {"leadership": {"civil_society_seats": 1}}),
        (NOT, {"monitoring": {"monitoring_body": "Working group"}}),
    ],
    "reporting": [
        (MET, {"monitoring": {"monitoring_body": "WG", "reporting_frequency": "annual",
                              "report_recipients": ["parliament"], "reports_public": "yes"}}),
        (PARTLY, {"monitoring": {"monitoring_body": "WG", "reporting_frequency": "end"}}),
        (NOT, {"monitoring": {"data_collection": "Surveys"}}),
    ],
    "evaluation": [
        (MET, {"about": {"period_start": 2025, "period_end": 2029},
               "monitoring": {"evaluations": [
                   {"kind": "midterm", "status": "planned", "year": 2027, "independent": "yes"},
                   {"kind": "final", "status": "planned", "year": 2029}],
                   **prose("use_of_findings")}}),
        (PARTLY, {"monitoring": {"evaluations": [{"kind": "midterm", "status": "planned",
                                                  "year": 2027}]}}),
        (NOT, {"monitoring": {"monitoring_body": "WG"}}),
    ],
    "context_analysis": [
        (MET, {"context": prose("conflict_analysis")}),
        (PARTLY, {"context": {"conflict_analysis": "Armed conflict in the north displaced many "
                                                   "women."}}),
        (NOT, {"context": prose("baseline_summary")}),
    ],
    "baseline_mapping": [
        (MET, {"context": {**prose("baseline_summary", "existing_programmes"),
                           "sex_disaggregated_baseline": "yes", "assessment_year": 2024}}),
        (PARTLY, {"context": {**prose("baseline_summary"), "sex_disaggregated_baseline": "yes"}}),
        (NOT, {"context": prose("legal_policy_review")}),
    ],
    "legal_review": [
        (MET, {"context": {**prose("legal_policy_review"), "cedaw_gr30_considered": "yes"}}),
        (PARTLY, {"context": {"cedaw_gr30_considered": "yes"}}),
        (NOT, {"context": prose("baseline_summary")}),
    ],
    "vision_and_theory_of_change": [
        (MET, {"pillars": prose("vision", "theory_of_change")}),
        (PARTLY, {"pillars": prose("vision")}),
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
        (MET, {"context": {"domestic_dimension": "yes", "external_dimension": "yes"},
               "actions": {"items": actions(1, dimension="both")}}),
        (PARTLY, {"context": {"domestic_dimension": "yes", "external_dimension": "yes"},
                  "actions": {"items": actions(1, dimension="domestic")}}),
        (NOT, {"context": {"external_dimension": "yes"}}),
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
        (MET, {"indicators": {"items": [{"unit": "officers", "data_source": "HR",
                                         "responsible": "MoI", "frequency": "annual",
                                         "disaggregation": ["sex"]}]}}),
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
            "budget": {**prose("funding_gap_statement"),
                       "lines": [{"action_id": "a1", "amount": "1000", "funding_source": "donor",
                                  "secured": "1000"}]}}),
        (PARTLY, budgeted(funding_source="donor")),
        (NOT, budgeted(funding_source="unidentified")),
    ],
    "budget_integration": [
        (MET, {"budget": {"budget_links": ["mtef", "grb"], **prose("budget_cycle_notes")}}),
        (PARTLY, {"budget": {"budget_links": ["mtef"]}}),
        (NOT, {"budget": {"resource_mobilisation": "Partners will be asked to contribute."}}),
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
        (MET, {"localisation": {**prose("local_action_plans", "subnational_bodies"),
                                "localisation_guidelines": "yes"}}),
        (PARTLY, {"localisation": {"localisation_guidelines": "yes"}}),
        (NOT, {"localisation": {"languages": ["Lumenese"]}}),
    ],
    "dissemination": [
        (MET, {"localisation": {"languages": ["A", "B"], **prose("dissemination_plan"),
                                "public_launch_date": "2025-03", "published_online": "yes"}}),
        (PARTLY, {"localisation": {"languages": ["A"], "published_online": "yes"}}),
        (NOT, {"localisation": prose("local_action_plans")}),
    ],
    "regional_framework": [
        (MET, {"regional": {"regional_frameworks": ["au_crf"], "regional_reporting": "yes",
                            **prose("regional_links")}}),
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
        (MET, {"review": {**prose("review_clause", "revision_triggers"),
                          "successor_planned": "yes"}}),
        (PARTLY, {"review": {"successor_planned": "yes"}}),
        (NOT, {"about": {"generation": 1}, "review": prose("lessons_from_previous")}),
    ],
    "me_framework": [
        (MET, {"monitoring": {"me_framework": "yes", "me_framework_where": "Annex 2",
                              "me_framework_parts": ["results_framework", "logframe"]}}),
        (PARTLY, {"monitoring": {"me_framework": "yes"}}),
        (NOT, {"monitoring": {"me_framework": "no"}}),
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
    assert "1 of 1 regions outside the capital" in result.evidence[1]


def test_consultation_regions_without_a_region_list_count_places():
    document = plan(consultation={"events": [event("A"), event("B")]})
    result = RULES["consultation_reach"](document, groups=["womens_organisations"],
                                         min_regions=4)
    assert result.score == pytest.approx((2 + 0.5 + 1) / 4)


def test_one_consultation_beyond_the_capital_answers_the_first_question():
    """Consulting beyond the capital at all is half the criterion: the failure the 2012
    recommendations name is the plan drafted in the capital alone."""
    def reach(**consultation):
        return RULES["consultation_reach"](
            plan(about={"capital": "Cap"}, consultation=consultation),
            groups=["womens_organisations"])

    one_district = reach(levels=[{"level": "district", "count": 1, "places": "Dowa"}])
    in_the_capital = reach(events=[event("Cap")])
    assert one_district.score >= 0.5
    assert one_district.evidence[0] == "Consultations were held beyond the capital."
    assert in_the_capital.score == 0.25  # the women's organisations it heard, no more
    assert in_the_capital.evidence[0] == "No consultation beyond the capital is recorded."


def test_evaluation_outside_the_period_gets_half_credit():
    def midterm(year):
        return {"evaluations": [{"kind": "midterm", "status": "planned", "year": year}]}

    inside = plan(about={"period_start": 2025, "period_end": 2029}, monitoring=midterm(2027))
    outside = plan(about={"period_start": 2025, "period_end": 2029}, monitoring=midterm(2035))
    assert RULES["evaluation"](outside).score == RULES["evaluation"](inside).score / 2


def test_lessons_are_asked_only_of_later_plans():
    base = {"review": {**prose("review_clause", "revision_triggers"),
                       "successor_planned": "yes"}}
    assert RULES["review_cycle"](plan(about={"generation": 1}, **base)).score == 1.0
    assert RULES["review_cycle"](plan(about={"generation": 2}, **base)).score == 0.75


def test_funding_evidence_reports_money_and_threshold():
    document = plan(**budgeted(funding_source="donor", secured="600"))
    evidence = RULES["funding"](document, secured_threshold=0.5).evidence
    assert "1 of 1 actions have at least 50% of their cost secured" in evidence
    assert "Secured 600 of 1,000 in budget lines." in evidence


def test_indicator_level_is_inferred_from_what_it_measures():
    document = plan(actions={"items": actions(1)},
                    indicators={"items": [action_indicator("a1", level="outcome")]})
    # An explicit level wins: an outcome indicator on an action is not an output indicator.
    assert RULES["indicator_coverage"](document).score == 0.0
