"""Two people saving the same section: the second sees what differs and chooses, field by
field and row by row, and the section made of those choices is saved like any save."""

from __future__ import annotations

import html
import re

from drafter.plan.schema import Context


def test_a_stale_save_shows_both_versions_and_overwrites_nothing(client, make_plan, load_plan):
    plan_id = make_plan(context={"conflict_analysis": "First analysis"})
    # Amina and Jorge both open the context page at version 1.
    stale_version = str(load_plan(plan_id).sections["context"].version)
    client.post(f"/plans/{plan_id}/context", data={
        "conflict_analysis": "Jorge's analysis", "version": stale_version, "continue": "1"})
    response = client.post(f"/plans/{plan_id}/context", data={
        "conflict_analysis": "Amina's analysis", "version": stale_version, "continue": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Your version" in html and "The version saved now" in html
    assert "Amina&#39;s analysis" in html and "Jorge&#39;s analysis" in html
    assert load_plan(plan_id).sections["context"].data.conflict_analysis == "Jorge's analysis"


def test_keeping_my_version_saves_it_as_a_new_version(client, make_plan, load_plan):
    plan_id = make_plan(context={"conflict_analysis": "First analysis"})
    client.post(f"/plans/{plan_id}/context", data={
        "conflict_analysis": "Jorge's analysis", "version": "1", "continue": "1"})
    mine = Context(conflict_analysis="Amina's analysis")
    response = client.post(f"/plans/{plan_id}/context/resolve", data={
        "payload": mine.model_dump_json(), "version": "2", "keep": "mine"})
    assert response.status_code == 302
    state = load_plan(plan_id).sections["context"]
    assert (state.data.conflict_analysis, state.version) == ("Amina's analysis", 3)


def test_resolving_against_a_version_that_moved_again_is_another_conflict(client, make_plan,
                                                                          load_plan):
    plan_id = make_plan(context={"conflict_analysis": "First analysis"})
    client.post(f"/plans/{plan_id}/context", data={
        "conflict_analysis": "Second", "version": "1", "continue": "1"})
    response = client.post(f"/plans/{plan_id}/context/resolve", data={
        "payload": Context(conflict_analysis="Mine").model_dump_json(), "version": "1"})
    assert response.status_code == 409
    assert load_plan(plan_id).sections["context"].data.conflict_analysis == "Second"


def test_a_tampered_resolution_is_refused_without_saving(client, make_plan, load_plan):
    plan_id = make_plan(context={"conflict_analysis": "First analysis"})
    response = client.post(f"/plans/{plan_id}/context/resolve", data={
        "payload": '{"conflict_analysis": 12, "nope": true}', "version": "1"})
    assert response.status_code == 302
    assert load_plan(plan_id).sections["context"].data.conflict_analysis == "First analysis"


def test_editing_different_sections_never_collides(client, make_plan, load_plan):
    plan_id = make_plan(context={"conflict_analysis": "A"}, review={"review_clause": "B"})
    assert client.post(f"/plans/{plan_id}/context", data={
        "conflict_analysis": "A2", "version": "1", "continue": "1"}).status_code == 302
    assert client.post(f"/plans/{plan_id}/review", data={
        "review_clause": "B2", "version": "1", "continue": "1"}).status_code == 302
    sections = load_plan(plan_id).sections
    assert sections["context"].data.conflict_analysis == "A2"
    assert sections["review"].data.review_clause == "B2"


def test_an_item_saved_from_a_stale_list_is_a_conflict(client, make_plan, load_plan):
    plan_id = make_plan(actions={"items": [{"id": "a1", "title": "Train police"}]})
    client.post(f"/plans/{plan_id}/actions/a1", data={"title": "Train police and judges",
                                                      "version": "1"})
    response = client.post(f"/plans/{plan_id}/actions/new", data={"title": "Fund shelters",
                                                                  "version": "1"})
    assert response.status_code == 409
    titles = [a.title for a in load_plan(plan_id).sections["actions"].data.items]
    assert titles == ["Train police and judges"]


# --- choosing difference by difference --------------------------------------------------

LEADERSHIP = {"focal_point": "Gender Directorate", "secretariat": "WPS Secretariat",
              "accountability": "The minister reports to parliament.",
              "members": [{"id": "m1", "institution": "Ministry of Defence"}]}


def leadership_form(version: str, **fields) -> dict:
    data = {"focal_point": LEADERSHIP["focal_point"], "secretariat": LEADERSHIP["secretariat"],
            "accountability": LEADERSHIP["accountability"], "members-0-id": "m1",
            "members-0-institution": "Ministry of Defence", "version": version, "later": "1"}
    return {**data, **fields}


def checked(page: str) -> dict[str, str]:
    """Each radio group on the page, and the value checked in it ("" for none)."""
    groups = {}
    for tag in re.findall(r"<input type=\"radio\"[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag).group(1)
        groups.setdefault(name, "")
        if " checked" in tag:
            groups[name] = re.search(r'value="([^"]+)"', tag).group(1)
    return groups


def hidden(page: str, name: str) -> str:
    return html.unescape(re.search(rf'name="{name}" value="([^"]*)"', page).group(1))


def two_saves_of_leadership(client, make_plan):
    """Jorge saves the section; Amina then saves it from the page she opened before."""
    plan_id = make_plan(leadership=LEADERSHIP)
    assert client.post(f"/plans/{plan_id}/leadership", data=leadership_form(
        "1", focal_point="Director of Gender, Ministry of Interior",
        **{"members-1-id": "m2", "members-1-institution": "National Police Service"})
    ).status_code == 302
    response = client.post(f"/plans/{plan_id}/leadership", data=leadership_form(
        "1", focal_point="Ms A. Mensah", secretariat="Gender Directorate of Foreign Affairs"))
    assert response.status_code == 409
    return plan_id, response.get_data(as_text=True)


def test_the_page_shows_each_difference_with_a_choice_and_only_those(client, make_plan):
    _plan_id, page = two_saves_of_leadership(client, make_plan)
    text = html.unescape(page)
    assert "differ in 3 places" in text
    assert "Ms A. Mensah" in text and "Director of Gender, Ministry of Interior" in text
    assert "Members of the body: National Police Service" in text
    assert "Only the version saved now has this row." in text
    # What only one of them changed is chosen for them; what both changed is left to Amina.
    assert checked(page) == {"keep-field-focal_point": "",
                             "keep-field-secretariat": "mine",
                             "keep-row-members-m2": "saved"}
    assert "keep-field-accountability" not in page


def test_the_choices_are_saved_as_one_new_version(client, make_plan, load_plan):
    plan_id, page = two_saves_of_leadership(client, make_plan)
    response = client.post(f"/plans/{plan_id}/leadership/resolve", data={
        "payload": hidden(page, "payload"), "version": hidden(page, "version"),
        "base": hidden(page, "base"), "keep-field-focal_point": "saved",
        "keep-field-secretariat": "mine", "keep-row-members-m2": "saved"})
    assert response.status_code == 302
    state = load_plan(plan_id).sections["leadership"]
    assert state.version == 3
    assert state.data.focal_point == "Director of Gender, Ministry of Interior"
    assert state.data.secretariat == "Gender Directorate of Foreign Affairs"
    assert [m.institution for m in state.data.members] == ["Ministry of Defence",
                                                           "National Police Service"]
    assert "is saved with what you chose to keep" in client.get(
        response.location).get_data(as_text=True)


def test_a_choice_not_made_is_asked_for_with_the_others_kept(client, make_plan, load_plan):
    plan_id, page = two_saves_of_leadership(client, make_plan)
    response = client.post(f"/plans/{plan_id}/leadership/resolve", data={
        "payload": hidden(page, "payload"), "version": hidden(page, "version"),
        "base": hidden(page, "base"), "keep-field-secretariat": "saved",
        "keep-row-members-m2": "mine"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Choose which to keep for “Focal point”" in html.unescape(page)
    assert 'href="#keep-field-focal_point-mine"' in page
    assert checked(page) == {"keep-field-focal_point": "",
                             "keep-field-secretariat": "saved",
                             "keep-row-members-m2": "mine"}
    assert load_plan(plan_id).sections["leadership"].version == 2


def test_choices_that_do_not_fit_together_are_refused_naming_the_field(client, make_plan,
                                                                       load_plan):
    plan_id = make_plan(about={"title": "Plan", "period_start": 2026, "period_end": 2030})
    client.post(f"/plans/{plan_id}/about", data={
        "title": "Plan", "period_start": "2026", "period_end": "2028", "version": "1",
        "later": "1"})
    response = client.post(f"/plans/{plan_id}/about", data={
        "title": "Plan", "period_start": "2029", "period_end": "2030", "version": "1",
        "later": "1"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    # Her first year, his last year: each changed by only one of them, so chosen so.
    assert checked(page) == {"keep-field-period_start": "mine", "keep-field-period_end": "saved"}
    response = client.post(f"/plans/{plan_id}/about/resolve", data={
        "payload": hidden(page, "payload"), "version": "2", "base": "1",
        "keep-field-period_start": "mine", "keep-field-period_end": "saved"})
    assert response.status_code == 400
    assert ("About the plan, Last year of the plan: The plan must end in or after the year "
            "it starts.") in html.unescape(response.get_data(as_text=True))
    about = load_plan(plan_id).sections["about"]
    assert (about.version, about.data.period_start, about.data.period_end) == (2, 2026, 2028)


def test_an_item_added_from_a_stale_list_is_kept_with_the_saved_ones(client, make_plan, load_plan):
    plan_id = make_plan(actions={"items": [{"id": "a1", "title": "Train police"}]})
    client.post(f"/plans/{plan_id}/actions/a1", data={"title": "Train police and judges",
                                                      "version": "1"})
    response = client.post(f"/plans/{plan_id}/actions/new", data={"title": "Fund shelters",
                                                                  "version": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    # Her new action is the one difference (her list is the saved one, plus the action).
    (new_id, choice), = checked(page).items()
    assert choice == "mine" and "Actions: Fund shelters" in page
    assert "Only your version has this row." in page
    response = client.post(f"/plans/{plan_id}/actions/resolve", data={
        "payload": hidden(page, "payload"), "version": "2", "base": "1", new_id: "mine"})
    assert response.status_code == 302
    titles = [a.title for a in load_plan(plan_id).sections["actions"].data.items]
    assert titles == ["Train police and judges", "Fund shelters"]


def test_a_choice_made_against_a_version_since_replaced_is_asked_again(client, make_plan,
                                                                       load_plan):
    plan_id, page = two_saves_of_leadership(client, make_plan)
    client.post(f"/plans/{plan_id}/leadership", data=leadership_form(
        "2", focal_point="Someone else again",
        **{"members-1-id": "m2", "members-1-institution": "National Police Service"}))
    response = client.post(f"/plans/{plan_id}/leadership/resolve", data={
        "payload": hidden(page, "payload"), "version": "2", "base": "1",
        "keep-field-focal_point": "mine", "keep-field-secretariat": "mine",
        "keep-row-members-m2": "saved"})
    assert response.status_code == 409
    assert "Someone else again" in response.get_data(as_text=True)
    assert load_plan(plan_id).sections["leadership"].data.focal_point == "Someone else again"
