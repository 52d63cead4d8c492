"""The scorecard in the app: the live panel on every wizard page, the scorecard page,
and the choice of checklist."""

from __future__ import annotations

import re

import pytest

from support import sample
from drafter.scoring import load_checklist, score
from drafter.paths import resource
from drafter.wizard.steps import STEPS


def overall_on(html: str) -> int:
    return int(re.search(r'class="score-number">(\d+)<', html).group(1))


@pytest.fixture
def weak_plan(make_plan):
    return make_plan(sample("weak-plan.json"))


def test_every_wizard_page_shows_the_score_panel(client, weak_plan):
    expected = round(score(sample("weak-plan.json"),
                           load_checklist(resource("checklists") / "csag-2012.yaml")).overall)
    urls = [f"/plans/{weak_plan}"] + [f"/plans/{weak_plan}/{step.key}" for step in STEPS]
    urls += [f"/plans/{weak_plan}/actions/new"]
    for url in urls:
        html = client.get(url).get_data(as_text=True)
        assert "How the plan measures up" in html, url
        assert overall_on(html) == expected, url


def test_the_panel_names_the_gaps_this_section_can_fix(client, weak_plan):
    html = client.get(f"/plans/{weak_plan}/budget").get_data(as_text=True)
    panel = html[html.index("score-panel"):]
    assert "What to add in this section" in panel
    assert "Costed actions" in panel


def test_saving_a_section_updates_the_score(client, weak_plan, load_plan):
    before = overall_on(client.get(f"/plans/{weak_plan}/monitoring").get_data(as_text=True))
    version = load_plan(weak_plan).sections["monitoring"].version
    response = client.post(f"/plans/{weak_plan}/monitoring", data={
        "monitoring_body": "National Steering Committee with the women's network",
        "civil_society_seats": "4", "reporting_frequency": "annual",
        "report_recipients": ["parliament", "public", "civil_society"], "reports_public": "y",
        "shadow_reports_recognised": "y", "midterm_review_year": "2026",
        "final_evaluation_year": "2027", "independent_evaluation": "y",
        "version": str(version), "continue": "1"})
    after = overall_on(client.get(response.location).get_data(as_text=True))
    assert after > before


def test_the_scorecard_page_puts_the_gaps_first_with_advice_and_a_link(client, weak_plan):
    html = client.get(f"/plans/{weak_plan}/scorecard").get_data(as_text=True)
    gaps = html[html.index("The most important gaps"):html.index("Every area")]
    assert "Costed actions" in gaps
    assert f'href="/plans/{weak_plan}/budget"' in gaps
    card = score(sample("weak-plan.json"), load_checklist(resource("checklists") / "csag-2012.yaml"))
    for criterion in card.criteria:
        assert criterion.id in html
    assert card.criteria[0].evidence[0].replace("'", "&#39;") in html


def test_a_plan_can_be_scored_against_another_checklist(client, weak_plan, load_plan):
    response = client.post(f"/plans/{weak_plan}/checklist", data={"checklist": "first-plan-minimum"})
    assert response.status_code == 302
    assert load_plan(weak_plan).checklist == "first-plan-minimum"
    html = client.get(f"/plans/{weak_plan}/scorecard").get_data(as_text=True)
    minimum = load_checklist(resource("checklists") / "first-plan-minimum.yaml")
    assert minimum.name in html
    assert overall_on(html) == round(score(sample("weak-plan.json"), minimum).overall)


def test_an_unknown_checklist_is_refused(client, weak_plan, load_plan):
    response = client.post(f"/plans/{weak_plan}/checklist", data={"checklist": "../../etc/passwd"})
    assert response.status_code == 302
    assert load_plan(weak_plan).checklist == "csag-2012"
    assert "Choose one of the checklists" in client.get(response.location).get_data(as_text=True)


def test_the_panel_is_never_stale_after_a_save(client, weak_plan, load_plan):
    first = overall_on(client.get(f"/plans/{weak_plan}").get_data(as_text=True))
    assert overall_on(client.get(f"/plans/{weak_plan}").get_data(as_text=True)) == first
    version = load_plan(weak_plan).sections["budget"].version
    client.post(f"/plans/{weak_plan}/budget", data={
        "currency": "USD", "budget_links": ["mtef", "gender_budget_tagging"],
        "budget_cycle_notes": "Every ministry lists its plan actions in its annual budget submission.",
        "version": str(version), "later": "1"})
    assert overall_on(client.get(f"/plans/{weak_plan}").get_data(as_text=True)) > first
