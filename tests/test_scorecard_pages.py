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
        "report_recipients": ["parliament", "public", "civil_society"], "reports_public": "yes",
        "shadow_reports_recognised": "yes", "evaluations-0-kind": "midterm",
        "evaluations-0-status": "planned", "evaluations-0-year": "2026",
        "evaluations-0-independent": "yes", "evaluations-1-kind": "final",
        "evaluations-1-status": "planned", "evaluations-1-year": "2027",
        "evaluations-1-independent": "yes",
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


# --- issue 12: what a newcomer stumbled on ---------------------------------------------------

def criterion_on(html: str, criterion: str) -> str:
    start = html.index(f'id="criterion-{criterion}"')
    return html[start:html.index("</article>", start)]


def test_a_partly_met_criterion_says_on_the_page_what_is_still_missing(client, make_plan):
    # FIN-3 read "3 links to the budget system (2 wanted)" and "partly met", with no word
    # of the short budget-cycle text that held it back.
    plan_id = make_plan(budget={"budget_links": ["mtef", "gender_budget_tagging", "grb"],
                                "budget_cycle_notes": "Ministries list actions in budgets."})
    block = criterion_on(client.get(f"/plans/{plan_id}/scorecard").get_data(as_text=True), "FIN-3")
    assert "tag-partly_met" in block
    assert "3 links to the budget system (2 wanted)." in block
    # the text is read for what a reviewer looks for in it, not for its length
    assert "Budget-cycle notes: none of what a reviewer looks for here (budget instruments; " \
           "who acts; when in the cycle); it earns nothing." in block


def test_each_source_of_a_criterion_links_to_its_explanation(client, weak_plan, anonymous):
    html = client.get(f"/plans/{weak_plan}/scorecard").get_data(as_text=True)
    links = re.findall(r'<a href="/help/glossary#(source-[a-z0-9-]+)" title="([^"]+)">([^<]+)</a>',
                       criterion_on(html, "FIN-2"))
    assert [(anchor, key) for anchor, _name, key in links] == [
        ("source-gs", "GS"), ("source-gnwp", "GNWP"), ("source-oef", "OEF")]
    assert links[0][1].startswith("Global Study")
    glossary = anonymous.get("/help/glossary").get_data(as_text=True)
    for anchor in set(re.findall(r'href="/help/glossary#(source-[a-z0-9-]+)"', html)):
        assert f'id="{anchor}"' in glossary, anchor
    assert 'href="/help/scoring"' in html  # "How scoring works", beside the score


def test_the_automatic_score_is_called_what_it_is(client, weak_plan):
    html = client.get(f"/plans/{weak_plan}/assessments").get_data(as_text=True)
    assert "The automatic score says:" in html and "Scorecard (government)" not in html


def test_assessments_made_against_another_checklist_are_kept_and_announced(
        app, client, weak_plan, make_user):
    from support import log_in

    from drafter import db
    from drafter.members import service as members
    from drafter.review import service as review

    reviewer = make_user("reviewer@example.org", "Rania")
    viewer = make_user("viewer@example.org", "Victor")
    with app.app_context():
        members.set_role(db.session(), weak_plan, reviewer, "reviewer")
        members.set_role(db.session(), weak_plan, viewer, "viewer")
        for criterion in ("POL-1", "POL-2", "INC-1"):
            review.save_assessment(db.session(), weak_plan, reviewer, "csag-2012", criterion,
                                   "met", agrees="yes", status=None, reason="")
    client.post(f"/plans/{weak_plan}/checklist", data={"checklist": "first-plan-minimum"})
    note = ("3 assessments were made against the checklist “CSAG 2012 recommendations on "
            "National Action Plans”; switch back to it to see them.")
    html = client.get(f"/plans/{weak_plan}/scorecard").get_data(as_text=True)
    assert note in html
    assert "No civil-society reviewer has assessed this plan against this checklist yet." in html
    assert "Switch back to “CSAG 2012 recommendations on National Action Plans”" in html
    watcher = app.test_client()
    log_in(watcher, viewer)
    for page in ("scorecard", "assessments"):
        seen = watcher.get(f"/plans/{weak_plan}/{page}").get_data(as_text=True)
        assert note in seen and "Switch back to" not in seen  # a viewer cannot switch
        assert "owners and editors choose its checklist" in seen
    # switching back shows them again, untouched
    response = client.post(f"/plans/{weak_plan}/checklist", data={"checklist": "csag-2012"})
    assert response.status_code == 302
    html = client.get(f"/plans/{weak_plan}/assessments").get_data(as_text=True)
    assert "Rania assessed 3 criteria" in html and "were made against the checklist" not in html


def test_on_a_phone_a_compact_score_bar_leads_to_the_panel(client, weak_plan):
    expected = round(score(sample("weak-plan.json"),
                           load_checklist(resource("checklists") / "csag-2012.yaml")).overall)
    for url in (f"/plans/{weak_plan}", f"/plans/{weak_plan}/actions",
                f"/plans/{weak_plan}/actions/new"):
        html = client.get(url).get_data(as_text=True)
        bar = html[html.index('class="score-bar"'):html.index('class="score-panel"')]
        assert f'class="score-bar-number">{expected}<' in bar, url
        assert 'href="#score-title"' in bar and 'id="score-title"' in html
