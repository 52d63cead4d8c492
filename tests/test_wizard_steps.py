"""Every wizard step: saving, validation errors with input kept, and going back without loss."""

from __future__ import annotations

import html
import re

import pytest

from drafter.wizard.steps import STEPS, next_step

# step -> (a valid post, a value that must show again, an invalid post,
#          the field in error, the typed value that must survive the error)
CASES = {
    "about": ({"title": "Plan of Varesia", "country_or_organisation": "Varesia",
               "plan_type": "national", "period_start": "2026", "period_end": "2030",
               "resolutions": ["1325", "1820"], "regions": "Northern Highlands\nLakes"},
              "Northern Highlands",
              {"title": "A title typed before the mistake", "period_start": "2030",
               "period_end": "2026"}, "period_end", "A title typed before the mistake"),
    "context": ({"conflict_analysis": "Twenty years of conflict in the north.",
                 "sex_disaggregated_baseline": "yes", "assessment_year": "2024"},
                "Twenty years of conflict in the north.",
                {"conflict_analysis": "Analysis typed before the mistake", "assessment_year": "1200"},
                "assessment_year", "Analysis typed before the mistake"),
    "leadership": ({"lead_institution": "Ministry of Gender", "members-0-institution": "Ministry of Defence",
                    "members-0-sector": "defence", "civil_society_seats": "3"},
                   "Ministry of Defence",
                   {"lead_institution": "Lead typed before the mistake", "civil_society_seats": "-2"},
                   "civil_society_seats", "Lead typed before the mistake"),
    "consultation": ({"process_summary": "Workshops in every region.",
                      "sectors_on_drafting_body": ["defence", "justice"]},
                     "Workshops in every region.",
                     {"process_summary": "Summary typed before the mistake",
                      "validation_workshop_date": "the fifth of May"},
                     "validation_workshop_date", "Summary typed before the mistake"),
    "pillars": ({"vision": "Women shape peace in Varesia.", "pillars-0-id": "prevention",
                 "pillars-0-name": "Prevention", "pillars-0-standards": "prevention",
                 "objectives-0-code": "1.1", "objectives-0-pillar_id": "prevention",
                 "objectives-0-title": "Early warning includes women"},
                "Early warning includes women",
                {"vision": "Vision typed before the mistake", "pillars-0-id": "prevention",
                 "pillars-0-name": "Prevention", "objectives-0-title": "An objective",
                 "objectives-0-pillar_id": "no-such-pillar"},
                "objectives", "Vision typed before the mistake"),
    "budget": ({"currency": "USD", "budget_links": ["mtef"], "funding_gap_statement": "A gap of 2 million."},
               "A gap of 2 million.",
               {"currency": "XYZ", "funding_gap_statement": "Gap typed before the mistake"},
               "currency", "Gap typed before the mistake"),
    "indicators": ({"stated": "yes", "stated_count": "64", "with_targets": "yes"},
                   "64",
                   {"stated": "yes", "stated_count": "sixty-four"},
                   "stated_count", "sixty-four"),
    "monitoring": ({"monitoring_body": "National Steering Committee", "reporting_frequency": "annual",
                    "report_recipients": ["parliament", "public"]},
                   "National Steering Committee",
                   {"monitoring_body": "Body typed before the mistake",
                    "evaluations-0-kind": "midterm", "evaluations-0-year": "soon"},
                   "evaluations-0-year", "Body typed before the mistake"),
    "localisation": ({"languages": "French\nArabic", "dissemination_plan": "Radio in six languages."},
                     "Radio in six languages.",
                     {"dissemination_plan": "Plan typed before the mistake",
                      "public_launch_date": "2026-13-45"},
                     "public_launch_date", "Plan typed before the mistake"),
    "regional": ({"regional_frameworks": ["au_crf"], "partners-0-partner": "Finland",
                  "partners-0-form": "twinning", "partners-0-mutual": "y"},
                 "Finland",
                 {"regional_links": "Links typed before the mistake", "partners-0-partner": "Kenya",
                  "partners-0-start_year": "1500"},
                 "partners-0-start_year", "Links typed before the mistake"),
    "review": ({"review_clause": "Reviewed every year by the steering committee."},
               "Reviewed every year by the steering committee.",
               {"review_clause": "Clause typed before the mistake", "lessons_from_previous": "x" * 20_001},
               "lessons_from_previous", "Clause typed before the mistake"),
}


def version_of(html: str) -> str:
    return re.search(r'name="version"[^>]*value="(\d+)"', html).group(1)


def started_plan(make_plan) -> int:
    return make_plan(about={"title": "Plan of Varesia"})


@pytest.mark.parametrize("key", list(CASES))
def test_save_and_continue_goes_to_the_next_step_and_keeps_the_answers(key, client, make_plan):
    plan_id = started_plan(make_plan)
    valid, shown, *_ = CASES[key]
    page = client.get(f"/plans/{plan_id}/{key}").get_data(as_text=True)
    response = client.post(f"/plans/{plan_id}/{key}",
                           data={**valid, "version": version_of(page), "continue": "1"})
    assert response.status_code == 302
    following = next_step(key)
    assert response.location.endswith(f"/plans/{plan_id}/{following.key}" if following
                                      else f"/plans/{plan_id}/check")
    # Back: the step shows what was saved.
    again = client.get(f"/plans/{plan_id}/{key}").get_data(as_text=True)
    assert shown in again
    tasks = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert "In progress" in tasks


@pytest.mark.parametrize("key", list(CASES))
def test_an_error_comes_back_with_everything_typed_and_nothing_saved(key, client, make_plan,
                                                                     load_plan):
    plan_id = started_plan(make_plan)
    _valid, _shown, invalid, field, kept = CASES[key]
    page = client.get(f"/plans/{plan_id}/{key}").get_data(as_text=True)
    before = load_plan(plan_id).sections[key]
    response = client.post(f"/plans/{plan_id}/{key}",
                           data={**invalid, "version": version_of(page), "continue": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in html
    assert f'href="#{field}' in html  # the summary links to the field
    assert kept in html
    after = load_plan(plan_id).sections[key]
    assert after.version == before.version and after.data == before.data


@pytest.mark.parametrize("key", list(CASES))
def test_save_and_come_back_later_returns_to_the_task_list(key, client, make_plan, load_plan):
    plan_id = started_plan(make_plan)
    valid, *_ = CASES[key]
    page = client.get(f"/plans/{plan_id}/{key}").get_data(as_text=True)
    response = client.post(f"/plans/{plan_id}/{key}",
                           data={**valid, "version": version_of(page), "later": "1"})
    assert response.status_code == 302 and response.location.endswith(f"/plans/{plan_id}")
    assert load_plan(plan_id).sections[key].status == "in_progress"
    assert "are saved" in client.get(response.location).get_data(as_text=True)


def test_every_step_has_a_case_or_an_item_test():
    collection_only = {step.key for step in STEPS if step.collection and not step.form.groups}
    assert set(CASES) | collection_only == {step.key for step in STEPS}


def test_marking_complete_needs_the_essentials_but_still_saves(client, make_plan, load_plan):
    plan_id = started_plan(make_plan)
    response = client.post(f"/plans/{plan_id}/about",
                           data={"title": "Only a title", "complete": "y", "version": "1",
                                 "continue": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter the lead institution" in html
    state = load_plan(plan_id).sections["about"]
    assert state.data.title == "Only a title" and state.status == "in_progress"

    full = {**CASES["about"][0], "lead_institution": "Ministry of Gender", "complete": "y",
            "version": str(state.version), "continue": "1"}
    assert client.post(f"/plans/{plan_id}/about", data=full).status_code == 302
    assert load_plan(plan_id).sections["about"].status == "complete"
    assert "Complete" in client.get(f"/plans/{plan_id}").get_data(as_text=True)


def test_rows_are_added_and_removed_without_javascript(client, make_plan, load_plan):
    plan_id = started_plan(make_plan)
    response = client.post(f"/plans/{plan_id}/leadership", data={
        "version": "0", "members-0-institution": "Ministry of Justice", "add_row": "members"})
    assert response.status_code == 302 and "add=members" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert 'name="members-1-institution"' in page  # the new, empty row
    state = load_plan(plan_id).sections["leadership"]
    assert [m.institution for m in state.data.members] == ["Ministry of Justice"]

    response = client.post(f"/plans/{plan_id}/leadership", data={
        "version": str(state.version), "members-0-institution": "Ministry of Justice",
        "members-0-id": state.data.members[0].id,
        "members-1-institution": "Ministry of Defence", "add_row": "members"})
    state = load_plan(plan_id).sections["leadership"]
    assert [m.institution for m in state.data.members] == ["Ministry of Justice", "Ministry of Defence"]
    first_id = state.data.members[0].id

    client.post(f"/plans/{plan_id}/leadership", data={
        "version": str(state.version),
        "members-0-id": first_id, "members-0-institution": "Ministry of Justice",
        "members-1-id": state.data.members[1].id, "members-1-institution": "Ministry of Defence",
        "remove_row": "members-0"})
    state = load_plan(plan_id).sections["leadership"]
    assert [m.institution for m in state.data.members] == ["Ministry of Defence"]


def test_row_ids_stay_the_same_across_edits(client, make_plan, load_plan):
    plan_id = started_plan(make_plan)
    client.post(f"/plans/{plan_id}/regional", data={"version": "0", "partners-0-partner": "Kenya",
                                                    "continue": "1"})
    state = load_plan(plan_id).sections["regional"]
    row_id = state.data.partners[0].id
    client.post(f"/plans/{plan_id}/regional", data={
        "version": str(state.version), "partners-0-id": row_id,
        "partners-0-partner": "Kenya (renamed)", "continue": "1"})
    partner = load_plan(plan_id).sections["regional"].data.partners[0]
    assert (partner.id, partner.partner) == (row_id, "Kenya (renamed)")


def test_the_task_list_shows_every_section_with_its_status(client, make_plan):
    plan_id = started_plan(make_plan)
    html = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    for step in STEPS:
        assert str(step.title) in html
    assert html.count("Not started") == len(STEPS) - 1  # "about" was started with a title


def test_unknown_section_or_item_is_a_clear_404(client, make_plan):
    plan_id = started_plan(make_plan)
    for url in (f"/plans/{plan_id}/nonsense", f"/plans/{plan_id}/actions/zzz"):
        response = client.get(url)
        assert response.status_code == 404
        assert "nothing at this address" in response.get_data(as_text=True)


def test_a_plan_that_does_not_exist_is_refused_like_anyone_elses(client):
    # Whether a plan exists is not told to someone who has no role on it.
    response = client.get("/plans/999")
    assert response.status_code == 403
    assert "ask the plan&#39;s owner to invite you" in response.get_data(as_text=True)


def test_text_typed_in_a_browser_keeps_plain_line_endings(client, make_plan, load_plan):
    plan_id = started_plan(make_plan)
    client.post(f"/plans/{plan_id}/context", data={
        "conflict_analysis": "First paragraph.\r\n\r\nSecond paragraph.", "version": "0",
        "continue": "1"})
    assert load_plan(plan_id).sections["context"].data.conflict_analysis == \
        "First paragraph.\n\nSecond paragraph."


# --- pillars chosen by objectives ----------------------------------------------------

def pillars_post(version: str, pillars: list[tuple[str, str]], objective_pillar: str) -> dict:
    data = {"version": version, "vision": "Vision typed on the page", "continue": "1",
            "objectives-0-id": "o1", "objectives-0-code": "1.1",
            "objectives-0-title": "Survivors reach justice",
            "objectives-0-pillar_id": objective_pillar}
    for index, (row_id, name) in enumerate(pillars):
        data[f"pillars-{index}-id"], data[f"pillars-{index}-name"] = row_id, name
    return data


def test_an_objective_naming_a_pillar_removed_on_the_page_is_explained_by_its_name(
        client, make_plan, load_plan):
    plan_id = make_plan(pillars={"objectives": [{"id": "o1", "title": "Survivors reach justice",
                                                 "pillar_id": "protection"}]})
    # The "Protection" row is removed on the page; the objective still chooses it.
    response = client.post(f"/plans/{plan_id}/pillars", data=pillars_post(
        "1", [("prevention", "Prevention"), ("participation", "Participation")], "protection"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The pillar “Protection” is no longer in the list of pillars" in html
    assert "does not exist" not in html and "(&#39;protection&#39;)" not in html
    assert 'href="#objectives-0-pillar_id"' in html
    assert "Vision typed on the page" in html and "Survivors reach justice" in html
    # The choice stays on the page, named, to be changed.
    assert '<option selected value="protection">Protection (removed)</option>' in html
    assert load_plan(plan_id).sections["pillars"].version == 1


def test_an_objective_can_choose_a_pillar_added_on_the_same_page(client, make_plan, load_plan):
    plan_id = make_plan(pillars={"vision": "Old"})
    # The page's script gives a new row its id, so that an objective can choose it at once.
    response = client.post(f"/plans/{plan_id}/pillars", data=pillars_post(
        "1", [("prevention", "Prevention"), ("a1b2c3d4e5", "Climate and security")],
        "a1b2c3d4e5"))
    assert response.status_code == 302
    pillars = load_plan(plan_id).sections["pillars"].data
    assert [p.name for p in pillars.pillars] == ["Prevention", "Climate and security"]
    assert pillars.objectives[0].pillar_id == "a1b2c3d4e5"
    page = client.get(f"/plans/{plan_id}/pillars").get_data(as_text=True)
    assert '<option selected value="a1b2c3d4e5">Climate and security</option>' in page


def test_pillar_choices_are_the_pillar_rows_of_the_page(client, make_plan):
    plan_id = make_plan()
    html = client.get(f"/plans/{plan_id}/pillars").get_data(as_text=True)
    template = html[html.index('data-rows="objectives"'):]
    template = template[template.index("data-row-template"):]
    select = re.search(r'<select[^>]*name="objectives-__INDEX__-pillar_id"[^>]*>',
                       template).group(0)
    assert 'data-choices-from="pillars"' in select  # the script follows the pillar rows
    assert '<option value="participation">Participation</option>' in template


# --- lists of rows, items and read-only pages -----------------------------------------

def test_an_empty_list_of_rows_says_so_beside_its_button(client, make_plan):
    plan_id = started_plan(make_plan)
    html = client.get(f"/plans/{plan_id}/leadership").get_data(as_text=True)
    assert "No risks yet." in html and ">Add a risk</button>" in html
    assert "No members yet." in html and ">Add a member</button>" in html
    risks = html[html.index('id="risks"'):html.index("No risks yet.")]
    assert "<div class=\"table-scroll\" hidden data-rows-table>" in risks  # no empty table


def test_each_page_asks_once_if_the_section_is_complete(client, make_plan):
    plan_id = started_plan(make_plan)
    for key in ("actions", "indicators", "budget", "about"):
        html = client.get(f"/plans/{plan_id}/{key}").get_data(as_text=True)
        assert html.count("I have completed this section") == 1, key


def test_adding_an_item_saves_what_was_typed_on_the_page_first(client, make_plan, load_plan):
    plan_id = started_plan(make_plan)
    html = client.get(f"/plans/{plan_id}/consultation").get_data(as_text=True)
    assert re.search(
        r'<button type="submit"[^>]*name="add_item"[^>]*>Add a consultation event</button>', html)
    response = client.post(f"/plans/{plan_id}/consultation", data={
        "process_summary": "Typed before adding an event", "version": "0", "add_item": "1"})
    assert response.status_code == 302
    assert response.location.endswith(f"/plans/{plan_id}/consultation/new")
    state = load_plan(plan_id).sections["consultation"]
    assert state.data.process_summary == "Typed before adding an event"
    assert "are saved" in client.get(response.location).get_data(as_text=True)
    # Nothing changed: the new item opens without another save.
    client.post(f"/plans/{plan_id}/consultation", data={
        "process_summary": "Typed before adding an event", "version": str(state.version),
        "add_item": "1"})
    assert load_plan(plan_id).sections["consultation"].version == state.version


def test_an_item_added_from_a_page_with_an_error_saves_nothing(client, make_plan, load_plan):
    plan_id = started_plan(make_plan)
    response = client.post(f"/plans/{plan_id}/budget", data={
        "funding_gap_statement": "Typed", "currency": "XYZ", "version": "0", "add_item": "1"})
    assert response.status_code == 400 and "Typed" in response.get_data(as_text=True)
    assert load_plan(plan_id).sections["budget"].version == 0


def test_those_who_may_only_read_are_shown_the_text_and_no_buttons(app, client, make_plan,
                                                                   make_user):
    from support import log_in

    from drafter import db
    from drafter.members.service import set_role

    plan_id = make_plan(about={"title": "Plan of Varesia",
                               "lead_institution": "Ministry of Gender"},
                        consultation={"events": [{"id": "e1", "place": "Lakeside hall"}]})
    viewer = make_user("viewer@ministry.example")
    with app.app_context():
        set_role(db.session(), plan_id, viewer, "viewer")
    reader = app.test_client()
    log_in(reader, viewer)
    html = reader.get(f"/plans/{plan_id}/about").get_data(as_text=True)
    assert "Only its owners and editors can change it" in html
    assert "Ministry of Gender" in html
    assert 'name="lead_institution"' not in html and "<textarea" not in html
    assert "disabled" not in html
    consultation = reader.get(f"/plans/{plan_id}/consultation").get_data(as_text=True)
    assert "Add a consultation event" not in consultation and "Lakeside hall" in consultation
    assert 'name="add_item"' not in consultation and ">View<" in consultation
    event = reader.get(f"/plans/{plan_id}/consultation/e1").get_data(as_text=True)
    assert "Lakeside hall" in event and 'name="place"' not in event
    assert reader.post(f"/plans/{plan_id}/consultation",
                       data={"version": "0", "add_item": "1"}).status_code == 403


def test_leadership_starts_from_the_lead_institution_given_in_about(client, make_plan, load_plan):
    plan_id = make_plan(about={"lead_institution": "Ministry of Gender"})
    html = client.get(f"/plans/{plan_id}/leadership").get_data(as_text=True)
    assert re.search(r'id="lead_institution"[^>]*value="Ministry of Gender"', html)
    assert "Filled in from “About the plan”" in html
    client.post(f"/plans/{plan_id}/leadership", data={
        "lead_institution": "Ministry of Gender", "version": "0", "continue": "1"})
    assert load_plan(plan_id).sections["leadership"].data.lead_institution == "Ministry of Gender"
    # Once Leadership has its own answer, it is kept.
    plan_id = make_plan(about={"lead_institution": "Ministry of Gender"},
                        leadership={"lead_institution": "WPS Directorate"})
    html = client.get(f"/plans/{plan_id}/leadership").get_data(as_text=True)
    assert "WPS Directorate" in html and "Filled in from" not in html


# --- starting a plan ------------------------------------------------------------------

def test_a_plan_needs_its_country_and_type_to_start(client):
    response = client.post("/plans/new", data={"title": "A plan of no country"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter the country or organisation the plan belongs to" in html
    assert "Choose the type of plan" in html
    assert 'value="A plan of no country"' in html
    assert "There are no plans yet" in client.get("/").get_data(as_text=True)
    response = client.post("/plans/new", data={"country_or_organisation": "Varesia",
                                               "plan_type": "national"})
    assert response.status_code == 302


# --- version 2 of the document: answers, dates in part, rows counted by level -------------

def test_consultations_counted_by_level_save_and_come_back(client, make_plan, load_plan):
    plan_id = started_plan(make_plan)
    response = client.post(f"/plans/{plan_id}/consultation", data={
        "levels-0-level": "district", "levels-0-count": "52", "levels-0-participants": "3100",
        "levels-0-women": "1900", "levels-0-places": "All 14 provinces",
        "levels-0-groups": ["rural_women", "youth"],
        "levels-1-level": "national", "levels-1-count": "3",
        "version": "0", "later": "1"})
    assert response.status_code == 302
    levels = load_plan(plan_id).sections["consultation"].data.levels
    assert [(row.level, row.count, row.participants, row.women, row.places, row.groups)
            for row in levels] == [
        ("district", 52, 3100, 1900, "All 14 provinces", ["rural_women", "youth"]),
        ("national", 3, None, None, "", [])]
    page = client.get(f"/plans/{plan_id}/consultation").get_data(as_text=True)
    assert re.search(r'<option selected value="district">', page)
    assert 'name="levels-0-participants" type="text" value="3100"' in page
    assert re.search(r'checked[^>]*name="levels-0-groups"[^>]*value="rural_women"|'
                     r'name="levels-0-groups"[^>]*value="rural_women"[^>]*checked', page)
    # The groups of a row are a group of checkboxes named for the row.
    assert "Groups heard, row 1</legend>" in page
    check = html.unescape(client.get(f"/plans/{plan_id}/check").get_data(as_text=True))
    assert '<td data-label="Participants">3,100</td>' in check
    assert "Rural women, Young women and youth" in check


def test_more_women_than_participants_is_refused_on_the_row(client, make_plan, load_plan):
    plan_id = started_plan(make_plan)
    response = client.post(f"/plans/{plan_id}/consultation", data={
        "levels-0-level": "district", "levels-0-participants": "30", "levels-0-women": "40",
        "version": "0", "later": "1"})
    assert response.status_code == 400
    assert 'href="#levels-0-women"' in response.get_data(as_text=True)
    assert "There cannot be more women than participants." in response.get_data(as_text=True)
    assert load_plan(plan_id).sections["consultation"].data.levels == []


def test_an_answer_is_three_radios_and_saves_what_was_chosen(client, make_plan, load_plan):
    plan_id = started_plan(make_plan)
    page = client.get(f"/plans/{plan_id}/context").get_data(as_text=True)
    group = page[page.index('id="sex_disaggregated_baseline"'):]
    group = group[:group.index("</fieldset>")]
    assert re.findall(r'type="radio" value="(\w+)"', group) == ["yes", "no", "not_stated"]
    assert re.search(r'checked[^>]*value="not_stated"', group)  # nothing said yet
    response = client.post(f"/plans/{plan_id}/context", data={
        "sex_disaggregated_baseline": "no", "external_dimension": "yes",
        "version": version_of(page), "later": "1"})
    assert response.status_code == 302
    context = load_plan(plan_id).sections["context"].data
    assert (context.sex_disaggregated_baseline, context.external_dimension,
            context.cedaw_gr30_considered) == ("no", "yes", "not_stated")
    check = html.unescape(client.get(f"/plans/{plan_id}/check").get_data(as_text=True))
    for label, shown in (("The baseline data is broken down by sex", "No"),
                         ("The plan acts abroad: foreign policy, aid, peacekeeping", "Yes"),
                         ("The review considers CEDAW General Recommendation 30", "Not stated")):
        assert re.search(rf"{re.escape(label)}</dt>\s*<dd>\s*<span class=\"prose\">{shown}<",
                         check), label
    assert "not_stated" not in check


def test_a_date_given_in_part_is_kept_and_shown_as_typed(client, make_plan, load_plan):
    plan_id = started_plan(make_plan)
    page = client.get(f"/plans/{plan_id}/about").get_data(as_text=True)
    response = client.post(f"/plans/{plan_id}/about", data={
        "title": "Plan of Varesia", "adoption_date": " 2012-03 ", "version": version_of(page),
        "later": "1"})
    assert response.status_code == 302
    assert load_plan(plan_id).sections["about"].data.adoption_date == "2012-03"
    check = html.unescape(client.get(f"/plans/{plan_id}/check").get_data(as_text=True))
    assert re.search(r"Date of adoption</dt>\s*<dd>\s*<span class=\"prose\">2012-03<", check)
    # A date box left empty is no date, not a mistake.
    page = client.get(f"/plans/{plan_id}/about").get_data(as_text=True)
    response = client.post(f"/plans/{plan_id}/about", data={
        "title": "Plan of Varesia", "adoption_date": "", "version": version_of(page),
        "later": "1"})
    assert response.status_code == 302
    assert load_plan(plan_id).sections["about"].data.adoption_date is None


def test_a_row_of_evaluations_left_at_not_stated_is_a_blank_row(client, make_plan, load_plan):
    """A new row's answer starts at "Not stated": a row with nothing else is not saved."""
    plan_id = started_plan(make_plan)
    response = client.post(f"/plans/{plan_id}/monitoring", data={
        "evaluations-0-kind": "final", "evaluations-0-status": "planned",
        "evaluations-0-year": "2030", "evaluations-0-independent": "yes",
        "evaluations-1-independent": "not_stated", "evaluations-1-year": "",
        "version": "0", "later": "1"})
    assert response.status_code == 302
    evaluations = load_plan(plan_id).sections["monitoring"].data.evaluations
    assert [(row.kind, row.status, row.year, row.independent) for row in evaluations] == [
        ("final", "planned", 2030, "yes")]
