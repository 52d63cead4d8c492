"""Plan-level evidence earns credit where row-level evidence is missing, and says so.

Many plans give their money, consultations and seats only in aggregate: "EUR 10 million
in a dedicated fund, all secured", "52 district and 10 regional consultations with over
3,000 participants", "half the seats of the monitoring group are civil society". Expert
reviewers credit these; so does the scorer, at less than row-level evidence (a cost per
action, a region per consultation) but never nothing, and the evidence says which kind of
evidence it used.
"""

from __future__ import annotations

import pytest
from plan_builders import actions, plan

from drafter.scoring import load_checklist, score
from drafter.scoring.checklist import default_checklist_path
from drafter.scoring.rules import RULES

FUNDED_IN_AGGREGATE = {
    "currency": "EUR", "costing_done": "yes", "total_cost": "10000000",
    "total_secured": "10000000", "dedicated_budget": "yes",
    "dedicated_budget_name": "National WPS Fund", "dedicated_budget_amount": "10000000",
    "dedicated_budget_secured": "10000000",
}


@pytest.fixture(scope="module")
def csag():
    return load_checklist(default_checklist_path())


def results(document, csag) -> dict:
    return {result.id: result for result in score(document, csag).criteria}


# --- Money ---------------------------------------------------------------------------

def test_a_costed_fully_funded_budget_without_lines_gets_credit_on_funding(csag):
    without = results(plan(actions={"items": actions(5)}), csag)
    funded = results(plan(actions={"items": actions(5)}, budget=FUNDED_IN_AGGREGATE), csag)
    for criterion in ("FIN-1", "FIN-2", "FIN-3"):
        assert without[criterion].score < 0.2
        assert funded[criterion].status == "partly_met", funded[criterion].evidence
    evidence = funded["FIN-1"].evidence
    assert ("Costed in aggregate: 10,000,000 EUR, in a dedicated budget line (National WPS "
            "Fund), 100% secured.") in evidence
    assert ("No cost per action, so actions cannot be traced to money: the plan-level figures "
            "earn 80% of full marks.") in evidence
    assert ("Fully funded by its plan-level figures: no gap to close, though the plan does not "
            "say so in words (60% of full marks)." in funded["FIN-2"].evidence)
    assert ("In aggregate, 10,000,000 EUR of 10,000,000 EUR is secured (100%)."
            in funded["FIN-2"].evidence)
    assert ("The dedicated budget line (National WPS Fund) counts as a link."
            in funded["FIN-3"].evidence)


def test_aggregate_credit_is_less_than_a_cost_on_every_action():
    lines = [{"action_id": f"a{n}", "amount": "2000000", "secured": "2000000",
              "funding_source": "national_budget"} for n in range(1, 6)]
    per_action = plan(actions={"items": actions(5)},
                      budget={"currency": "EUR", "lines": lines})
    in_aggregate = plan(actions={"items": actions(5)}, budget=FUNDED_IN_AGGREGATE)
    for name in ("costed_actions", "funding"):
        aggregate = RULES[name](in_aggregate).score
        assert 0.2 < aggregate < RULES[name](per_action).score


def test_a_plan_with_no_actions_still_gets_credit_for_its_total_cost():
    result = RULES["costed_actions"](plan(budget={"currency": "UGX", "costing_done": "yes",
                                                  "total_cost": "90570166912"}))
    assert result.score == pytest.approx((0.8 + 0.1) / 1.1)
    assert "Costed in aggregate: 90,570,166,912 UGX." in result.evidence


def test_a_plan_that_says_it_was_costed_without_a_figure_gets_less():
    said = RULES["costed_actions"](plan(budget={"costing_done": "yes"}))
    assert 0 < said.score < RULES["costed_actions"](plan(budget={"total_cost": "5000"})).score
    assert ("The plan says it has been costed, but gives no total: half the plan-level credit."
            in said.evidence)


def test_adding_a_budget_line_never_lowers_a_plan_costed_in_aggregate():
    before = plan(actions={"items": actions(4)}, budget=FUNDED_IN_AGGREGATE)
    after = plan(actions={"items": actions(4)}, budget={
        **FUNDED_IN_AGGREGATE, "lines": [{"action_id": "a1", "amount": "100",
                                          "funding_source": "donor"}]})
    for name in ("costed_actions", "funding", "budget_integration", "civil_society_funding",
                 "system_costs"):
        assert RULES[name](after).score >= RULES[name](before).score, name


def test_money_for_civil_society_named_in_the_budget_text_earns_part_of_the_credit():
    document = plan(budget={"resource_mobilisation": (
        "A small grants window of USD 1,000,000 for women's organisations is financed by the "
        "Women's Peace and Humanitarian Fund.")})
    result = RULES["civil_society_funding"](document)
    assert result.score == pytest.approx(2 * 0.5 / 3)
    assert result.evidence[0].startswith("No budget line funds civil society, but the budget's "
                                         "text sets money aside for it: 'A small grants window")


# --- Consultations -------------------------------------------------------------------

REGIONS = {"capital": "Port Lumen",
           "regions": ["North", "South", "Lakes", "Coast", "Hills", "Plains"]}


def test_consultations_recorded_only_by_level_and_count_get_credit_for_reach(csag):
    levels = [{"level": "district", "count": 52, "participants": 2400},
              {"level": "regional", "count": 10, "participants": 700,
               "groups": ["womens_organisations", "displaced_women", "youth"]}]
    none = results(plan(about=REGIONS), csag)["INC-2"]
    counted = results(plan(about=REGIONS, consultation={"levels": levels}), csag)["INC-2"]
    assert none.score == 0
    assert counted.score > 0.4, counted.evidence
    assert ("Consultations by level beyond the capital: 52 district or municipal, 10 regional "
            "or provincial (3,100 participants); the regions they reached are not named, so "
            "they earn up to 90% of full marks (5 consultations wanted).") in counted.evidence
    assert "3 of 8 affected groups consulted" in counted.evidence[-1]


def test_naming_the_regions_of_a_level_counts_them_as_reached():
    document = plan(about=REGIONS, consultation={"levels": [
        {"level": "regional", "count": 6, "places": "North, South, Lakes, Coast and Hills"}]})
    result = RULES["consultation_reach"](document, groups=["womens_organisations"])
    assert "Consultations in 5 of 6 regions outside the capital; missing: Plains" \
        in result.evidence[1]


def test_national_consultations_alone_do_not_reach_beyond_the_capital():
    document = plan(about=REGIONS, consultation={"levels": [
        {"level": "national", "count": 2, "participants": 48, "places": "Port Lumen"}]})
    assert RULES["consultation_reach"](document, groups=["womens_organisations"]).score == 0


def test_nationwide_consultations_count_as_reaching_the_regions():
    document = plan(about=REGIONS, consultation={"levels": [
        {"level": "community", "places": "nationwide"}]})
    result = RULES["consultation_reach"](document, groups=["womens_organisations"])
    # Beyond the capital (two parts of four), 90% of the regions' part, no group named.
    assert result.score == pytest.approx((2 + 0.9) / 4)
    assert any("held nationwide" in sentence for sentence in result.evidence)


def test_consultations_by_level_count_toward_civil_society_in_drafting():
    document = plan(consultation={"levels": [
        {"level": "regional", "count": 9, "participants": 500,
         "groups": ["womens_organisations"]}]})
    evidence = RULES["civil_society_in_drafting"](document).evidence
    assert "Women's organisations were consulted." in evidence
    assert "9 consultations recorded, by event or by level (3 wanted)." in evidence


def test_a_process_summary_that_says_civil_society_took_part_answers_the_first_question():
    said = plan(consultation={"process_summary": (
        "Nine consultative meetings with over 500 civil-society representatives were held in "
        "2019.")})
    result = RULES["civil_society_in_drafting"](said)
    assert ("The process summary says civil society took part ('Nine consultative meetings "
            "with over 500 civil-society representatives were held in 2019.'), though no "
            "consultation with women's organisations is recorded." in result.evidence)
    # more met than not, but short of a plan that records its seat and its consultations
    assert 0.5 <= result.score < 0.9
    recorded = plan(consultation={"process_summary": said.consultation.process_summary,
                                  "civil_society_on_drafting_body": "yes",
                                  "events": [{"groups": ["womens_organisations"]}] * 3})
    assert RULES["civil_society_in_drafting"](recorded).score > result.score


def test_a_process_summary_that_denies_civil_society_a_part_earns_nothing_for_it():
    document = plan(consultation={"process_summary": (
        "Drawn up by the Ministry of Defence in 2017; civil society was not consulted.")})
    evidence = RULES["civil_society_in_drafting"](document).evidence
    assert "No consultation with women's organisations is recorded." in evidence


# --- Seats ---------------------------------------------------------------------------

def test_half_the_seats_counts_as_much_as_a_number_of_seats():
    share = RULES["civil_society_in_monitoring"](plan(monitoring={"civil_society_share": 50}))
    seats = RULES["civil_society_in_monitoring"](plan(monitoring={"civil_society_seats": 3}))
    assert share.score == seats.score > 0
    assert ("Civil society holds 50% of the seats on the monitoring or coordination body (25% "
            "wanted).") in share.evidence


def test_the_coordination_body_counts_civil_society_by_seats_share_or_members():
    def place(**leadership):
        evidence = RULES["coordination_body"](plan(leadership=leadership)).evidence
        return next(sentence for sentence in evidence if "civil" in sentence.lower())

    assert place(civil_society_share=30) == ("Civil society holds 30% of the seats on the "
                                             "coordination body (25% wanted).")
    assert place(members=[{"institution": "Women's Peace Network", "sector": "civil_society"},
                          {"institution": "Ministry of Gender", "sector": "gender"}]) == (
        "1 civil-society seats on the coordination body (2 wanted).")
    assert place(civil_society_seats=0) == "No: civil society has no seat on the coordination body."
    assert place() == ("The plan does not say whether civil society has seats on the "
                       "coordination body, or how many.")


# --- Evaluations ---------------------------------------------------------------------

def test_evaluations_done_and_planned_read_differently():
    def evidence(**row):
        document = plan(about={"period_start": 2019, "period_end": 2024},
                        monitoring={"evaluations": [{"kind": "midterm", **row}]})
        return RULES["evaluation"](document).evidence[0]

    assert evidence(status="done", year=2022) == "Mid-term review: done in 2022."
    assert evidence(status="planned", year=2022) == "Mid-term review: planned for 2022."
    assert evidence(status="planned") == "Mid-term review: planned, year not set."
    assert evidence(status="planned", year=2030) == ("Mid-term review: planned for 2030, "
                                                     "outside the plan period.")


def test_annual_reviews_count_for_half_a_mid_term_review():
    document = plan(monitoring={"evaluations": [{"kind": "annual_review", "status": "planned"}]})
    result = RULES["evaluation"](document)
    assert result.score == pytest.approx(0.25 / 4)
    assert "Annual reviews count for half a mid-term review." in result.evidence
