"""Long lists edited item by item: add, change, validate, delete, and links kept sound."""

from __future__ import annotations

import html
import re

import pytest

from drafter.plan.schema import PlanDocument


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


def test_an_event_offers_the_regions_named_in_about_and_takes_another(client, make_plan,
                                                                      load_plan):
    plan_id = make_plan(about={"regions": ["Northern Highlands", "Lakes"]})
    page = client.get(f"/plans/{plan_id}/consultation/new").get_data(as_text=True)
    assert re.search(r'<input[^>]*list="region-suggestions"[^>]*name="region"', page)
    assert ('<datalist id="region-suggestions"><option value="Northern Highlands"></option>'
            '<option value="Lakes"></option></datalist>') in page
    client.post(f"/plans/{plan_id}/consultation/new", data={
        "place": "Harbour hall", "region": "Coastal Plain", "version": "0"})
    assert load_plan(plan_id).sections["consultation"].data.events[0].region == "Coastal Plain"


def test_lists_keep_dates_whole_and_group_the_digits_of_counts_not_of_years(client, make_plan):
    """A date in a narrow column was cut at its hyphen ("2025-" above "08-04"), and 1146
    people read as a code beside the budget's "1,450,000"; a year stays "2024"."""
    plan_id = make_plan(
        context={"assessment_year": 2024},
        consultation={"events": [{"id": "e1", "place": "Online survey", "date": "2025-08-04",
                                  "women": 1146, "men": 392}]},
        actions={"items": [{"id": "a1", "code": "1.1", "title": "Train", "end": "2028-12-31"}]})
    page = client.get(f"/plans/{plan_id}/consultation").get_data(as_text=True)
    assert '<td data-label="Date" class="nowrap">2025-08-04</td>' in page
    assert '<td data-label="Women">1,146</td>' in page
    assert '<td data-label="End" class="nowrap">2028-12-31</td>' in \
        client.get(f"/plans/{plan_id}/actions").get_data(as_text=True)
    check = html.unescape(client.get(f"/plans/{plan_id}/check").get_data(as_text=True))
    assert '<td data-label="Date" class="nowrap">2025-08-04</td>' in check
    assert '<td data-label="Women">1,146</td>' in check
    assert re.search(r"Year of the baseline assessment</dt>\s*<dd>\s*<span class=\"prose\">2024<",
                     check)


def test_a_budget_line_always_has_a_kind_of_cost(client, make_plan, load_plan):
    plan_id = make_plan()
    page = client.get(f"/plans/{plan_id}/budget/new").get_data(as_text=True)
    kinds = page[page.index('id="category"'):page.index("</select>", page.index('id="category"'))]
    assert "Choose…" not in kinds and '<option selected value="action">' in kinds
    response = client.post(f"/plans/{plan_id}/budget/new", data={
        "description": "Shelters", "amount": "1000", "version": "0"})
    assert response.status_code == 302  # no kind posted: the document's own default
    assert load_plan(plan_id).sections["budget"].data.lines[0].category == "action"


def test_the_delete_page_names_what_will_lose_its_link(client, make_plan):
    plan_id = make_plan(
        actions={"items": [{"id": "a1", "code": "1.1", "title": "Train police"}]},
        indicators={"items": [{"id": "i1", "statement": "Officers trained", "action_id": "a1"},
                              {"id": "i2", "code": "2.3", "statement": "Women officers",
                               "action_id": "a1"},
                              {"id": "i3", "statement": "Not about it"}]},
        budget={"lines": [{"id": "b1", "description": "Training", "action_id": "a1"}]})
    page = html.unescape(client.get(f"/plans/{plan_id}/actions/a1/delete").get_data(as_text=True))
    assert "2 indicators and 1 budget line refer to it; they will be kept, without a link to it." \
        in page
    assert re.search(r"Indicators</h2>\s*<ul[^>]*><li>Officers trained</li><li>2.3 Women officers"
                     r"</li></ul>", page)
    assert re.search(r"Budget lines</h2>\s*<ul[^>]*><li>Training</li></ul>", page)
    assert "Not about it" not in page


def test_the_delete_page_names_an_event_or_a_budget_line_by_what_it_holds(client, make_plan):
    """Items without a code or title (events, budget lines) are named by their place and
    date or their description, on the page and in the message after: never "(untitled)"."""
    plan_id = make_plan(
        consultation={"events": [{"id": "e1", "place": "Kelmora town hall",
                                  "date": "2025-04-08"}]},
        budget={"lines": [{"id": "b1", "description": "Shelters in the Lakes region"}]})
    for url, name in ((f"/plans/{plan_id}/consultation/e1/delete",
                       "Kelmora town hall (2025-04-08)"),
                      (f"/plans/{plan_id}/budget/b1/delete", "Shelters in the Lakes region")):
        page = html.unescape(client.get(url).get_data(as_text=True))
        assert f"<h1>Delete “{name}”?</h1>" in page, url
        assert "(untitled)" not in page
        followed = client.post(url, data={"version": "1"}, follow_redirects=True)
        assert f"Deleted “{name}”." in html.unescape(followed.get_data(as_text=True))


def test_deleting_what_nothing_refers_to_says_nothing_about_links(client, make_plan):
    plan_id = make_plan(actions={"items": [{"id": "a1", "title": "Train police"}]},
                        indicators={"items": [{"id": "i1", "statement": "Officers trained",
                                               "action_id": "a1"}]})
    for url in (f"/plans/{plan_id}/indicators/i1/delete", f"/plans/{plan_id}/actions/a1/delete"):
        page = client.get(url).get_data(as_text=True)
        assert ("refer" in page) == url.endswith("a1/delete"), url
    assert "1 indicator refers to it; it will be kept, without a link to it." in html.unescape(
        client.get(f"/plans/{plan_id}/actions/a1/delete").get_data(as_text=True))


# --- removing an objective on the pillars page -------------------------------------------

OBJECTIVES = [{"id": "o1", "code": "1.1", "title": "Women mediate", "pillar_id": "participation"},
              {"id": "o2", "code": "1.2", "title": "Nothing refers to this one"}]


@pytest.fixture
def plan_with_links(make_plan):
    return make_plan(
        pillars={"vision": "Old vision", "objectives": OBJECTIVES},
        actions={"items": [{"id": "a1", "code": "1.1.1", "title": "Train mediators",
                            "objective_id": "o1"}]},
        indicators={"items": [{"id": "i1", "statement": "Mediators trained",
                               "objective_id": "o1"}]})


def pillars_form(objectives, **fields) -> dict:
    data = {"vision": "Old vision", "version": "1", "later": "1"}
    for index, pillar in enumerate(PlanDocument().pillars.pillars):
        data |= {f"pillars-{index}-id": pillar.id, f"pillars-{index}-name": pillar.name,
                 f"pillars-{index}-standards": pillar.standards}
    for index, objective in enumerate(objectives):
        data |= {f"objectives-{index}-{name}": value or "" for name, value in objective.items()}
    return {**data, **fields}


def test_removing_an_objective_others_name_asks_first_and_saves_nothing(client, plan_with_links,
                                                                        load_plan):
    response = client.post(f"/plans/{plan_with_links}/pillars",
                           data=pillars_form(OBJECTIVES[1:], vision="A new vision"))
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert "Remove “1.1 Women mediate”?" in page
    assert "1 action and 1 indicator refer to it; they will be kept, without a link to it." in page
    assert "1.1.1 Train mediators" in page and "Mediators trained" in page
    assert 'name="vision" value="A new vision"' in page  # what was typed goes with the answer
    assert load_plan(plan_with_links).sections["pillars"].version == 1


def test_confirming_removes_the_objective_and_unlinks_what_named_it(client, plan_with_links,
                                                                    load_plan):
    response = client.post(f"/plans/{plan_with_links}/pillars", data=pillars_form(
        OBJECTIVES[1:], vision="A new vision", unlink="confirm"))
    assert response.status_code == 302
    plan = load_plan(plan_with_links)
    assert [o.id for o in plan.sections["pillars"].data.objectives] == ["o2"]
    assert plan.sections["pillars"].data.vision == "A new vision"
    assert plan.sections["actions"].data.items[0].objective_id is None
    assert plan.sections["indicators"].data.items[0].objective_id is None
    assert plan.sections["actions"].data.items[0].title == "Train mediators"


def test_keeping_it_brings_the_objective_back_with_everything_typed(client, plan_with_links,
                                                                    load_plan):
    response = client.post(f"/plans/{plan_with_links}/pillars", data=pillars_form(
        OBJECTIVES[1:], vision="A new vision", unlink="back"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nothing is saved yet" in page
    assert "A new vision" in page
    assert re.search(r'name="objectives-0-title"[^>]*>\s*Women mediate', page)
    assert re.search(r'name="objectives-1-title"[^>]*>\s*Nothing refers to this one', page)
    assert load_plan(plan_with_links).sections["pillars"].version == 1


def test_the_remove_button_asks_too_and_an_objective_nothing_names_goes_at_once(
        client, plan_with_links, load_plan):
    response = client.post(f"/plans/{plan_with_links}/pillars", data=pillars_form(
        OBJECTIVES, remove_row="objectives-0"))
    assert "Remove “1.1 Women mediate”?" in html.unescape(response.get_data(as_text=True))
    assert 'name="remove_row" value="objectives-0"' in response.get_data(as_text=True)
    response = client.post(f"/plans/{plan_with_links}/pillars", data=pillars_form(
        OBJECTIVES, remove_row="objectives-1"))
    assert response.status_code == 302
    assert [o.id for o in load_plan(plan_with_links).sections["pillars"].data.objectives] == ["o1"]


def test_saving_the_actions_page_itself_asks_nothing(client, make_plan, load_plan):
    """The actions page lists its actions but does not post them: none is being removed."""
    plan_id = make_plan(actions={"items": [{"id": "a1", "title": "Train police"}]},
                        indicators={"items": [{"id": "i1", "statement": "Officers trained",
                                               "action_id": "a1"}]})
    response = client.post(f"/plans/{plan_id}/actions", data={"version": "1", "later": "1"})
    assert response.status_code == 302
    assert [a.id for a in load_plan(plan_id).sections["actions"].data.items] == ["a1"]
