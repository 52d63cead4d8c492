"""Long lists edited item by item: add, change, validate, delete, and links kept sound."""

from __future__ import annotations

import pytest


@pytest.fixture
def plan_with_objective(make_plan):
    return make_plan(pillars={"objectives": [{"id": "o1", "code": "1.1", "title": "Women mediate",
                                              "pillar_id": "participation"}]})


def test_adding_an_action_shows_it_in_the_list(client, plan_with_objective, load_plan):
    response = client.post(f"/plans/{plan_with_objective}/actions/new", data={
        "code": "1.1.1", "objective_id": "o1", "title": "Train women mediators",
        "lead_institution": "Ministry of Peace", "start": "2026-01-01", "end": "2027-12-31",
        "themes": ["peace_processes"], "version": "0", "save": "1"})
    assert response.status_code == 302
    action = load_plan(plan_with_objective).sections["actions"].data.items[0]
    assert (action.title, action.objective_id, action.themes) == (
        "Train women mediators", "o1", ["peace_processes"])
    page = client.get(f"/plans/{plan_with_objective}/actions").get_data(as_text=True)
    assert "Train women mediators" in page and "Ministry of Peace" in page


def test_an_invalid_item_comes_back_with_what_was_typed(client, plan_with_objective, load_plan):
    response = client.post(f"/plans/{plan_with_objective}/actions/new", data={
        "title": "Train women mediators", "description": "Ten courses", "start": "2027-01-01",
        "end": "2026-01-01", "version": "0"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'href="#end"' in html and "must end on or after" in html
    assert "Ten courses" in html and "Train women mediators" in html
    assert load_plan(plan_with_objective).sections["actions"].version == 0


def test_an_item_needs_its_name(client, plan_with_objective):
    response = client.post(f"/plans/{plan_with_objective}/indicators/new", data={
        "baseline": "12", "version": "0"})
    assert response.status_code == 400
    assert "Enter the indicator" in response.get_data(as_text=True)


def test_an_indicator_measures_an_action_or_an_objective(client, make_plan, load_plan):
    plan_id = make_plan(actions={"items": [{"id": "a1", "title": "Train police"}]})
    client.post(f"/plans/{plan_id}/indicators/new", data={
        "statement": "Police officers trained", "measures": "action:a1", "level": "output",
        "baseline": "0", "baseline_year": "2025", "target": "400", "target_year": "2028",
        "disaggregation": ["sex"], "global_indicator": "1a", "version": "0"})
    indicator = load_plan(plan_id).sections["indicators"].data.items[0]
    assert (indicator.action_id, indicator.objective_id, indicator.global_indicator) == ("a1", None, "1a")
    page = client.get(f"/plans/{plan_id}/indicators/{indicator.id}").get_data(as_text=True)
    assert '<option selected value="action:a1">Train police</option>' in page


def test_budget_line_secured_cannot_exceed_cost(client, make_plan):
    plan_id = make_plan()
    response = client.post(f"/plans/{plan_id}/budget/new", data={
        "description": "Shelters", "amount": "1000", "secured": "5000", "version": "0"})
    assert response.status_code == 400
    assert "cannot be more than the cost" in response.get_data(as_text=True)
    response = client.post(f"/plans/{plan_id}/budget/new", data={
        "description": "Shelters", "amount": "-3", "version": "0"})
    assert response.status_code == 400


def test_deleting_an_action_unlinks_what_referred_to_it(client, make_plan, load_plan):
    plan_id = make_plan(
        actions={"items": [{"id": "a1", "title": "Train police"}, {"id": "a2", "title": "Shelters"}]},
        indicators={"items": [{"id": "i1", "statement": "Officers trained", "action_id": "a1"}]},
        budget={"lines": [{"id": "b1", "description": "Training", "action_id": "a1",
                           "amount": "100"}]})
    page = client.get(f"/plans/{plan_id}/actions/a1/delete").get_data(as_text=True)
    assert "Train police" in page
    response = client.post(f"/plans/{plan_id}/actions/a1/delete", data={"version": "1"})
    assert response.status_code == 302
    plan = load_plan(plan_id)
    assert [a.id for a in plan.sections["actions"].data.items] == ["a2"]
    assert plan.sections["indicators"].data.items[0].action_id is None
    assert plan.sections["budget"].data.lines[0].action_id is None
    assert plan.sections["budget"].data.lines[0].description == "Training"


def test_save_and_add_another_opens_a_blank_item(client, make_plan):
    plan_id = make_plan()
    response = client.post(f"/plans/{plan_id}/consultation/new", data={
        "place": "Lakeside town hall", "region": "Lakes", "women": "40", "men": "12",
        "groups": ["womens_organisations", "rural_women"], "version": "0", "another": "1"})
    assert response.status_code == 302 and response.location.endswith("/consultation/new")
    page = client.get(f"/plans/{plan_id}/consultation").get_data(as_text=True)
    assert "Lakeside town hall" in page
