"""The sample plans for the fictional Republic of Varesia import, and look the way they claim.

`samples/weak-plan.json` is a quickly drafted first plan; `samples/strong-plan.json` is a
third-generation plan meant to meet every scorecard criterion through structured fields.
Both are version 2 plan files: yes/no/not-stated answers ("no" where the plan says no,
"not_stated" where it says nothing) and plan-level evidence (total cost, a dedicated
budget line, consultations by level, the M&E framework) as a real plan gives it. These
tests load each file exactly as an upload would be loaded, then check what a reader would
notice first.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from drafter.plan.transfer import parse_document
from drafter.plan.vocab import RESOLUTIONS, THEMES

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def load(name: str):
    return parse_document((SAMPLES / name).read_bytes())


@pytest.fixture(scope="module")
def weak():
    return load("weak-plan.json")


@pytest.fixture(scope="module")
def strong():
    return load("strong-plan.json")


@pytest.mark.parametrize("name", ["weak-plan.json", "strong-plan.json"])
def test_sample_is_a_national_plan_for_varesia(name):
    document = load(name)
    assert document.about.country_or_organisation == "Republic of Varesia"
    assert document.about.plan_type == "national"
    assert document.about.capital == "Port Lumen"
    assert len(document.about.regions) == 6
    assert [pillar.id for pillar in document.pillars.pillars][:4] == [
        "prevention", "participation", "protection", "relief_recovery"]


@pytest.mark.parametrize("name", ["weak-plan.json", "strong-plan.json"])
def test_sample_is_a_version_2_file_that_needs_no_upgrade(name):
    raw = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    assert raw["schema_version"] == 2
    assert "standard" not in raw["pillars"]["pillars"][0]
    assert "midterm_review_year" not in raw["monitoring"]
    # answers are "yes", "no" or "not_stated"; true/false is left only where v2 keeps it
    still_boolean = {"in_capital", "mutual", "civil_society_both_sides"}
    assert [path for path, value in leaves(raw)
            if isinstance(value, bool) and path[-1] not in still_boolean] == []


def leaves(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaves(value, (*path, index))
    else:
        yield path, data


@pytest.mark.parametrize("name", ["weak-plan.json", "strong-plan.json"])
def test_row_ids_are_readable_and_unique(name):
    document = load(name)
    rows = (document.pillars.objectives + document.actions.items + document.indicators.items
            + document.budget.lines + document.consultation.events
            + document.consultation.levels + document.monitoring.evaluations)
    ids = [row.id for row in rows]
    assert len(ids) == len(set(ids))
    prefixes = ("obj-", "act-", "ind-", "bud-", "ev-", "lvl-", "eval-")
    assert all(row_id.startswith(prefixes) for row_id in ids)


# --- The weak plan -------------------------------------------------------------------

def test_weak_plan_is_a_short_first_generation_plan(weak):
    assert (weak.about.period_start, weak.about.period_end) == (2025, 2027)
    assert weak.about.generation == 1
    assert weak.about.resolutions == ["1325"]
    assert weak.about.adoption_instrument == "" and weak.about.adoption_date is None


def test_weak_plan_has_no_budget(weak):
    assert weak.budget.lines == []
    assert weak.budget.currency is None
    # a typical stalled plan: not costed, no money of its own, "from existing budgets"
    assert weak.budget.costing_done == "no" and weak.budget.total_cost is None
    assert weak.budget.dedicated_budget == "no"
    assert "existing budget" in weak.budget.resource_mobilisation


def test_weak_plan_indicators_count_activities_without_baselines_or_targets(weak):
    assert len(weak.indicators.items) == 3
    for indicator in weak.indicators.items:
        assert indicator.level == "output"
        assert indicator.baseline == "" and indicator.target == ""
        assert indicator.data_source == ""
    assert (weak.indicators.with_baselines, weak.indicators.with_targets) == ("no", "no")


def test_weak_plan_was_drafted_in_the_capital_by_government(weak):
    consultation = weak.consultation
    assert 1 <= len(consultation.events) <= 2
    assert all(event.in_capital for event in consultation.events)
    # the drafting body was a ministry's technical committee: the plan says so
    assert consultation.civil_society_on_drafting_body == "no"
    assert consultation.draft_published == "not_stated"
    assert consultation.validation_workshop_date is None
    assert [(level.level, level.count, level.participants) for level in consultation.levels] \
        == [("national", 2, 48)]


def test_weak_plan_has_gaps_a_reviewer_would_flag(weak):
    assert weak.leadership.coordination_body == ""
    assert weak.leadership.risks == []
    assert weak.monitoring.monitoring_body == ""
    assert weak.monitoring.evaluations == []
    assert weak.monitoring.me_framework == "not_stated"
    assert weak.monitoring.civil_society_seats is None
    assert weak.monitoring.civil_society_on_body == "not_stated"
    assert any(not action.lead_institution for action in weak.actions.items)
    assert sum(1 for action in weak.actions.items if action.start) < len(weak.actions.items) / 2


# --- The strong plan -----------------------------------------------------------------

def test_strong_plan_is_adopted_and_covers_every_resolution(strong):
    about = strong.about
    assert (about.period_start, about.period_end) == (2026, 2030)
    assert about.generation == 3
    assert about.adoption_instrument and about.adoption_date and about.foreword_by
    assert sorted(about.resolutions) == sorted(RESOLUTIONS.values)


def test_every_strong_action_has_a_lead_and_dates_inside_the_period(strong):
    about = strong.about
    assert 25 <= len(strong.actions.items) <= 30
    for action in strong.actions.items:
        assert action.lead_institution, action.code
        assert action.partners, action.code
        assert action.start and action.end, action.code
        assert about.period_start <= action.start.year <= action.end.year <= about.period_end


def test_every_strong_action_has_a_measured_output_indicator(strong):
    outputs = {indicator.action_id: indicator for indicator in strong.indicators.items
               if indicator.level == "output"}
    for action in strong.actions.items:
        indicator = outputs.get(action.id)
        assert indicator is not None, action.code
        assert indicator.baseline and indicator.baseline_year, action.code
        assert indicator.target and indicator.target_year, action.code
        assert indicator.data_source and indicator.responsible, action.code
        assert "sex" in indicator.disaggregation or "location" in indicator.disaggregation


def test_every_strong_objective_has_an_outcome_indicator(strong):
    outcomes = {indicator.objective_id for indicator in strong.indicators.items
                if indicator.level == "outcome"}
    assert outcomes == {objective.id for objective in strong.pillars.objectives}


def test_a_third_of_strong_indicators_are_mapped_to_global_indicators(strong):
    mapped = sum(1 for indicator in strong.indicators.items if indicator.global_indicator)
    assert len(strong.indicators.items) / 4 <= mapped <= len(strong.indicators.items) / 2


def test_every_strong_action_is_costed_and_most_money_is_secured(strong):
    lines = strong.budget.lines
    costed = {line.action_id for line in lines if line.category == "action" and line.amount}
    assert costed == {action.id for action in strong.actions.items}
    assert {"coordination", "monitoring_evaluation", "civil_society", "dissemination"} <= {
        line.category for line in lines}
    total = sum(line.amount for line in lines)
    secured = sum(line.secured for line in lines)
    assert strong.budget.currency == "USD"
    assert Decimal("0.6") <= secured / total <= Decimal("0.8")
    # the plan-level figures agree with the lines
    budget = strong.budget
    assert budget.costing_done == "yes"
    assert (budget.total_cost, budget.total_secured) == (total, secured)
    assert budget.dedicated_budget == "yes" and budget.dedicated_budget_name
    assert 0 < budget.dedicated_budget_secured <= budget.dedicated_budget_amount < total


def test_strong_consultations_reach_every_region_and_affected_groups(strong):
    events = strong.consultation.events
    assert set(strong.about.regions) <= {event.region for event in events}
    assert sum(1 for event in events if event.in_capital) == 2
    groups = {group for event in events for group in event.groups}
    assert {"displaced_women", "survivors", "youth", "women_with_disabilities", "rural_women",
            "minority_women"} <= groups
    assert any(event.format == "validation" for event in events)
    assert strong.consultation.civil_society_on_drafting_body == "yes"
    # the levels add up to the events, and to the 2,063 people of the process summary
    levels = {level.level: level for level in strong.consultation.levels}
    assert levels["regional"].count == sum(1 for event in events
                                           if not event.in_capital and event.format != "survey")
    assert sum(level.participants for level in levels.values()) == \
        sum(event.women + event.men for event in events) == 2063
    assert "2,063" in strong.consultation.process_summary


def test_strong_plan_covers_the_whole_agenda_at_home_and_abroad(strong):
    themes = {theme for action in strong.actions.items for theme in action.themes}
    assert themes == set(THEMES.values)
    dimensions = {action.dimension for action in strong.actions.items}
    assert "external" in dimensions and "domestic" in dimensions


def test_strong_plan_is_coordinated_monitored_and_localised(strong):
    leadership = strong.leadership
    sectors = {member.sector for member in leadership.members}
    assert {"gender", "foreign_affairs", "defence", "interior", "justice", "finance",
            "local_government", "parliament", "civil_society"} <= sectors
    assert leadership.civil_society_seats >= 3 and leadership.body_terms_of_reference == "yes"
    assert leadership.civil_society_share == round(100 * 4 / len(leadership.members))
    assert len(leadership.risks) >= 4
    monitoring = strong.monitoring
    assert (monitoring.reports_public, monitoring.shadow_reports_recognised) == ("yes", "yes")
    assert [(row.kind, row.status, row.year, row.independent)
            for row in monitoring.evaluations] == [("midterm", "planned", 2028, "yes"),
                                                   ("final", "planned", 2030, "yes")]
    assert monitoring.me_framework == "yes" and monitoring.me_framework_where
    assert {"results_framework", "indicator_reference_sheets"} <= set(
        monitoring.me_framework_parts)
    assert strong.localisation.localisation_guidelines == "yes"
    assert len(strong.localisation.languages) >= 4
    assert all(partner.mutual and partner.civil_society_both_sides
               for partner in strong.regional.partners)
    assert strong.review.successor_planned == "yes" and strong.review.lessons_from_previous
