"""Two people saving the same section: the second sees both versions and chooses."""

from __future__ import annotations

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
        "payload": mine.model_dump_json(), "version": "2"})
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
