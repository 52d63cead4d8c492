"""Revisions, readable differences, restoring, and each section's saves."""

from __future__ import annotations

import html
import re

import pytest

from support import log_in
from drafter import db
from drafter.history import service
from drafter.history.diff import diff_documents, word_pieces
from drafter.members import service as members
from drafter.models import Revision
from drafter.plan.schema import PlanDocument

DOCUMENT = {
    "about": {"title": "National Action Plan 2026-2030", "period_start": 2026},
    "context": {"conflict_analysis": "Old analysis"},
    "pillars": {"objectives": [{"id": "o1", "code": "1", "title": "Women mediate"}]},
    "actions": {"items": [
        {"id": "a1", "code": "1.1", "title": "Train mediators", "objective_id": "o1",
         "lead_institution": "Ministry of Gender"},
        {"id": "a2", "code": "1.2", "title": "Fund women's groups"}]},
    "leadership": {"members": [{"id": "m1", "institution": "Ministry of Defence"}]},
}


def document(**changes) -> PlanDocument:
    data = {key: dict(value) for key, value in DOCUMENT.items()}
    for key, value in changes.items():
        data[key] = {**data.get(key, {}), **value}
    return PlanDocument.model_validate(data)


@pytest.fixture
def labels(app):
    """The diff reads labels from the wizard's forms, as a page does."""
    with app.test_request_context():
        yield


def by_key(sections):
    return {section.key: section for section in sections}


# --- the diff -------------------------------------------------------------------------

def test_unchanged_sections_say_no_change(labels):
    sections = by_key(diff_documents(document(), document()))
    assert list(sections) == ["about", "context", "leadership", "consultation", "pillars",
                              "actions", "indicators", "budget", "monitoring", "localisation",
                              "regional", "review"]
    assert not any(section.changed for section in sections.values())
    assert sections["about"].fields == [] and sections["about"].lists == []


def test_a_changed_field_is_named_by_its_label_with_before_and_after(labels):
    after = document(about={"period_start": 2027, "period_end": 2031},
                     context={"conflict_analysis": "New analysis"})
    sections = by_key(diff_documents(document(), after))
    about = {change.label: change for change in sections["about"].fields}
    assert about["First year of the plan"].before == "2026"
    assert about["First year of the plan"].after == "2027"
    assert about["First year of the plan"].kind == "changed"
    assert about["Last year of the plan"].kind == "added"
    assert len(about) == 2
    assert [c.kind for c in diff_documents(after, document())[0].fields] == ["changed", "removed"]
    assert sections["context"].changed and not sections["pillars"].changed


def test_a_long_text_shows_the_words_taken_out_and_put_in():
    pieces = word_pieces("Women were heard in three provinces.", "Women were heard in five provinces.")
    assert ("removed", "three") in pieces and ("added", "five") in pieces
    assert "".join(text for kind, text in pieces if kind != "removed") == \
        "Women were heard in five provinces."


def test_a_rewritten_phrase_is_one_change_not_a_mark_per_word():
    # The spaces between changed words matched, and each word was marked on its own.
    assert word_pieces("WPS Secretariat in the Directorate of Gender Equality",
                       "Two staff, full time") == [
        ("removed", "WPS Secretariat in the Directorate of Gender Equality"),
        ("added", "Two staff, full time")]
    assert word_pieces("Women were heard in three provinces.",
                       "Women were heard in five provinces.") == [
        ("same", "Women were heard in "), ("removed", "three"), ("added", "five"),
        ("same", " provinces.")]
    # A word kept between two changes stays unmarked.
    assert word_pieces("one two three", "uno two tres") == [
        ("removed", "one"), ("added", "uno"), ("same", " two "), ("removed", "three"),
        ("added", "tres")]


def test_rows_added_removed_and_changed_are_matched_by_id_and_named(labels):
    after = document(actions={"items": [
        {"id": "a3", "code": "1.3", "title": "Count women in talks"},
        {"id": "a1", "code": "1.1", "title": "Train mediators", "objective_id": "o1",
         "lead_institution": "Ministry of Justice"}]})
    actions = by_key(diff_documents(document(), after))["actions"]
    (change,) = actions.lists
    assert change.label == "Actions"
    rows = {(row.kind, row.name): row for row in change.rows}
    assert set(rows) == {("added", "1.3 Count women in talks"), ("changed", "1.1 Train mediators"),
                         ("removed", "1.2 Fund women's groups")}
    (field,) = rows[("changed", "1.1 Train mediators")].fields
    assert (field.before, field.after) == ("Ministry of Gender", "Ministry of Justice")
    assert field.label == "Lead institution"
    assert change.counts == {"added": 1, "removed": 1, "changed": 1}


def test_inline_rows_are_compared_too(labels):
    after = document(leadership={"members": [
        {"id": "m1", "institution": "Ministry of Defence", "sector": "defence"},
        {"id": "m2", "institution": "Women's Peace Network"}]})
    (members_change,) = by_key(diff_documents(document(), after))["leadership"].lists
    assert members_change.label == "Members of the body"
    rows = {row.name: row for row in members_change.rows}
    assert rows["Women's Peace Network"].kind == "added"
    assert [(f.label, f.before, f.after) for f in rows["Ministry of Defence"].fields] == [
        ("Sector", "", "Defence")]


def test_answers_dates_in_part_and_rows_counted_by_level_read_as_on_the_page(labels):
    """Version 2's values: an answer changes from "Not stated" to "No" (never from a
    stored "not_stated"), a date given in part is shown as typed, and a row counted by
    level is named as added, then changed field by field."""
    after = document(context={"sex_disaggregated_baseline": "no"},
                     about={"adoption_date": "2012-03"},
                     consultation={"levels": [{"id": "l1", "level": "district", "count": 52}]})
    sections = by_key(diff_documents(document(), after))
    (answer,) = sections["context"].fields
    assert (answer.label, answer.before, answer.after) == (
        "The baseline data is broken down by sex", "Not stated", "No")
    (date,) = sections["about"].fields
    assert (date.label, date.before, date.after, date.kind) == (
        "Date of adoption", "", "2012-03", "added")
    (levels,) = sections["consultation"].lists
    assert levels.label == "Consultations by level"
    assert [row.kind for row in levels.rows] == ["added"]
    later = document(consultation={"levels": [{"id": "l1", "level": "district", "count": 60,
                                               "groups": ["youth"]}]})
    (levels,) = by_key(diff_documents(after, later))["consultation"].lists
    assert [(f.label, f.before, f.after) for f in levels.rows[0].fields] == [
        ("Consultations", "52", "60"), ("Groups heard", "", "Young women and youth")]


def test_a_section_with_fields_and_a_long_list_shows_both(labels):
    before = document(consultation={"process_summary": "Two rounds",
                                    "events": [{"id": "e1", "place": "Port Lumen"}]})
    after = document(consultation={"process_summary": "Three rounds",
                                   "events": [{"id": "e1", "place": "Port Lumen"},
                                              {"id": "e2", "place": "Lakeside",
                                               "date": "2026-03-12"}]})
    consultation = by_key(diff_documents(before, after))["consultation"]
    assert [(f.before, f.after) for f in consultation.fields] == [("Two rounds", "Three rounds")]
    (events,) = consultation.lists
    assert events.label == "Consultation events"
    assert [(row.kind, row.name) for row in events.rows] == [("added", "Lakeside (2026-03-12)")]


def test_rows_in_a_new_order_are_reported_as_such(labels):
    swapped = document(actions={"items": list(reversed(DOCUMENT["actions"]["items"]))})
    (change,) = by_key(diff_documents(document(), swapped))["actions"].lists
    assert change.rows == [] and change.reordered


def test_line_endings_and_the_order_of_ticked_choices_are_no_change(labels):
    before = document(context={"conflict_analysis": "First paragraph.\n\nSecond."},
                      about={"resolutions": ["1325", "1820"]},
                      actions={"items": [{"id": "a1", "title": "Act", "themes": ["sgbv", "disarmament"]}]})
    after = document(context={"conflict_analysis": "First paragraph.\r\n\r\nSecond."},
                     about={"resolutions": ["1820", "1325"]},
                     actions={"items": [{"id": "a1", "title": "Act", "themes": ["disarmament", "sgbv"]}]})
    assert not any(section.changed for section in diff_documents(before, after))


# --- saving and reading revisions ---------------------------------------------------

def test_a_revision_is_saved_listed_and_shown(client, make_plan, owner_id):
    plan_id = make_plan(document())
    response = client.post(f"/plans/{plan_id}/history/revisions",
                           data={"name": "  Draft for the validation workshop "})
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Draft for the validation workshop" in page and "Amina" in page
    (revision,) = _revisions(client.application, plan_id)
    shown = client.get(f"/plans/{plan_id}/history/revisions/{revision.id}").get_data(as_text=True)
    assert "Draft for the validation workshop" in shown
    assert "Old analysis" in shown and "Train mediators" in shown


def _revisions(app, plan_id):
    with app.app_context():
        return service.revisions(db.session(), plan_id)


@pytest.mark.parametrize("name, message", [
    ("", "Enter a name for the revision"),
    ("   ", "Enter a name for the revision"),
    ("x" * 201, "at most 200 characters"),
])
def test_a_revision_needs_a_name_of_1_to_200_characters(client, make_plan, name, message):
    plan_id = make_plan(document())
    response = client.post(f"/plans/{plan_id}/history/revisions", data={"name": name})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and "There is a problem" in page
    assert f'value="{name}"' in page  # what was typed is kept
    assert _revisions(client.application, plan_id) == []


def test_a_name_of_exactly_200_characters_is_kept(client, make_plan):
    plan_id = make_plan(document())
    client.post(f"/plans/{plan_id}/history/revisions", data={"name": "y" * 200})
    assert [r.name for r in _revisions(client.application, plan_id)] == ["y" * 200]


def test_a_revision_of_another_plan_is_not_found_here(client, make_plan, app, owner_id):
    first, second = make_plan(document()), make_plan(document())
    with app.app_context():
        revision_id = service.save_revision(db.session(), first, "Mine", owner_id).id
    for url in (f"/plans/{second}/history/revisions/{revision_id}",
                f"/plans/{second}/history/revisions/{revision_id}/restore",
                f"/plans/{second}/history/compare?from={revision_id}"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/plans/{second}/history/revisions/{revision_id}/restore").status_code == 404


def test_compare_shows_what_changed_since_a_revision(client, make_plan):
    plan_id = make_plan(document())
    client.post(f"/plans/{plan_id}/history/revisions", data={"name": "Workshop draft"})
    client.post(f"/plans/{plan_id}/context", data={"conflict_analysis": "New analysis",
                                                   "version": "1"})
    page = client.get(f"/plans/{plan_id}/history/compare").get_data(as_text=True)
    assert "Workshop draft" in page and "1 section changed" in page
    assert "Old analysis" in page and "New analysis" in page
    assert page.count("No change") == 11
    assert client.get(f"/plans/{plan_id}/history/compare?from=nonsense").status_code == 404


def test_compare_without_a_revision_says_so_and_does_not_compare_the_plan_with_itself(
        client, make_plan):
    plan_id = make_plan(document())
    page = html.unescape(client.get(f"/plans/{plan_id}/history/compare").get_data(as_text=True))
    assert "No revision has been saved yet, so there is nothing to compare the plan with." in page
    assert "From “The plan now” to “The plan now”" not in page
    assert "sections changed" not in page and "No change" not in page


# --- restoring ----------------------------------------------------------------------

def test_restoring_brings_back_the_old_content_and_loses_nothing(client, make_plan, load_plan,
                                                                 app):
    plan_id = make_plan(document())
    client.post(f"/plans/{plan_id}/history/revisions", data={"name": "Workshop draft"})
    client.post(f"/plans/{plan_id}/context", data={"conflict_analysis": "New analysis",
                                                   "version": "1"})
    client.post(f"/plans/{plan_id}/review", data={"review_clause": "Every two years",
                                                  "version": "0"})
    edited = load_plan(plan_id).document
    (revision,) = _revisions(app, plan_id)

    confirm = client.get(f"/plans/{plan_id}/history/revisions/{revision.id}/restore")
    assert "Restore “Workshop draft”?" in confirm.get_data(as_text=True)
    assert "Review and revision" in confirm.get_data(as_text=True)
    response = client.post(f"/plans/{plan_id}/history/revisions/{revision.id}/restore")
    assert response.status_code == 302
    assert "is restored" in client.get(response.location).get_data(as_text=True)

    restored = load_plan(plan_id)
    assert restored.document == document()
    assert restored.sections["context"].version == 3
    assert restored.sections["review"].status == "not_started"
    assert restored.sections["about"].version == 1  # unchanged sections are left alone
    names = [r.name for r in _revisions(app, plan_id)]
    assert names == ["Restored from “Workshop draft”", "Before restoring “Workshop draft”",
                     "Workshop draft"]
    before_id = _revisions(app, plan_id)[1].id
    with app.app_context():
        assert service.revision_document(db.session(), plan_id, before_id) == edited


def test_restoring_a_revision_equal_to_the_plan_changes_nothing(client, make_plan, app):
    plan_id = make_plan(document())
    client.post(f"/plans/{plan_id}/history/revisions", data={"name": "Same"})
    (revision,) = _revisions(app, plan_id)
    response = client.post(f"/plans/{plan_id}/history/revisions/{revision.id}/restore",
                           follow_redirects=True)
    assert "nothing to restore" in response.get_data(as_text=True)
    assert len(_revisions(app, plan_id)) == 1


def test_an_edit_opened_before_a_restore_gets_a_conflict(client, make_plan, app, make_user,
                                                         load_plan):
    plan_id = make_plan(document())
    client.post(f"/plans/{plan_id}/history/revisions", data={"name": "Workshop draft"})
    client.post(f"/plans/{plan_id}/context", data={"conflict_analysis": "New analysis",
                                                   "version": "1"})
    editor = app.test_client()
    with app.app_context():
        editor_id = make_user("editor@example.org", "Bo")
        members.set_role(db.session(), plan_id, editor_id, "editor")
    log_in(editor, editor_id)
    opened = load_plan(plan_id).sections["context"].version  # the editor opens the page
    (revision,) = _revisions(app, plan_id)
    client.post(f"/plans/{plan_id}/history/revisions/{revision.id}/restore")

    response = editor.post(f"/plans/{plan_id}/context",
                           data={"conflict_analysis": "Editor's text", "version": str(opened)})
    page = response.get_data(as_text=True)
    assert "Someone else changed" in page and "Nothing has been overwritten" in page
    assert load_plan(plan_id).sections["context"].data.conflict_analysis == "Old analysis"


def test_a_restore_that_meets_a_save_writes_nothing(app, make_plan, owner_id, monkeypatch):
    plan_id = make_plan(document())
    with app.app_context():
        session = db.session()
        revision_id = service.save_revision(session, plan_id, "Draft", owner_id).id
        from drafter.plan.schema import Context
        from drafter.plan.store import ConflictError, PlanStore

        store = PlanStore(session)
        store.save_section(plan_id, "context", Context(conflict_analysis="Mine"), 1)
        real_load = PlanStore.load

        def load_then_someone_saves(self, plan_id_):
            loaded = real_load(self, plan_id_)
            if not getattr(load_then_someone_saves, "done", False):
                load_then_someone_saves.done = True
                real_save(self, plan_id_, "context", Context(conflict_analysis="Theirs"), 2)
            return loaded

        real_save = PlanStore.save_section
        monkeypatch.setattr(PlanStore, "load", load_then_someone_saves)
        with pytest.raises(ConflictError):
            service.restore(session, plan_id, revision_id, owner_id)
        monkeypatch.undo()
        assert store.load(plan_id).sections["context"].data.conflict_analysis == "Theirs"
        assert [r.name for r in service.revisions(session, plan_id)] == ["Draft"]
        assert session.query(Revision).count() == 1


# --- who may -----------------------------------------------------------------------

@pytest.mark.parametrize("role", ["viewer", "reviewer"])
def test_readers_see_the_history_but_cannot_save_or_restore(app, make_plan, make_user, owner_id,
                                                            role):
    plan_id = make_plan(document())
    with app.app_context():
        revision_id = service.save_revision(db.session(), plan_id, "Draft", owner_id).id
        reader_id = make_user(f"{role}@example.org")
        members.set_role(db.session(), plan_id, reader_id, role)
    reader = app.test_client()
    log_in(reader, reader_id)
    page = reader.get(f"/plans/{plan_id}/history").get_data(as_text=True)
    assert "Draft" in page
    assert "Save a revision" not in page and "Restore" not in page
    assert reader.post(f"/plans/{plan_id}/history/revisions",
                       data={"name": "Sneaky"}).status_code == 403
    assert reader.post(f"/plans/{plan_id}/history/revisions/{revision_id}/restore").status_code == 403
    assert [r.name for r in _revisions(app, plan_id)] == ["Draft"]


# --- each section's saves ------------------------------------------------------------

def test_each_save_of_a_section_shows_who_made_it_when_and_what_changed(client, make_plan):
    plan_id = make_plan(document())
    client.post(f"/plans/{plan_id}/context", data={"conflict_analysis": "New analysis",
                                                   "version": "1"})
    overview = client.get(f"/plans/{plan_id}/history").get_data(as_text=True)
    assert f'/plans/{plan_id}/history/sections/context"' in overview
    assert "Never saved" in overview  # monitoring, say
    page = client.get(f"/plans/{plan_id}/history/sections/context").get_data(as_text=True)
    assert "Saved 2 times." in page
    assert "Version 2" in page and "Version 1" in page and "saved by Amina" in page
    assert "Old analysis" in page and "New analysis" in page
    assert client.get(f"/plans/{plan_id}/history/sections/nonsense").status_code == 404


def test_the_task_list_links_to_the_history(client, make_plan):
    plan_id = make_plan(document())
    assert f'href="/plans/{plan_id}/history"' in client.get(f"/plans/{plan_id}").get_data(as_text=True)


def test_an_expired_session_keeps_the_typed_name(tmp_path, migrated_template, password_hash):
    from support import owner_with_tokens_on

    app, client, plan_id = owner_with_tokens_on(tmp_path, migrated_template, password_hash,
                                                document())
    response = client.post(f"/plans/{plan_id}/history/revisions",
                           data={"name": "Draft for the validation workshop"},
                           headers={"Origin": "http://localhost"})  # from its own page
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Your session had expired" in page
    assert 'value="Draft for the validation workshop"' in page
    assert _revisions(app, plan_id) == []
    app.extensions["drafter.engine"].dispose()


# --- what a person recognises, and old and new side by side ---------------------------

def cells(page: str, label: str) -> list[str]:
    """The contents of each table cell labelled `label` ("Before", "After")."""
    return re.findall(rf'<td data-label="{label}">(.*?)</td>', page, flags=re.DOTALL)


def test_a_long_text_shows_the_old_words_before_and_the_new_words_after(client, make_plan):
    old = ("Women were heard in three provinces, at meetings run by women's organisations and "
           "the ministry, and their proposals were written into the draft.")
    new = old.replace("three", "five").replace("the draft", "every chapter of the draft")
    plan_id = make_plan(document(context={"conflict_analysis": old}))
    client.post(f"/plans/{plan_id}/history/revisions", data={"name": "Workshop draft"})
    client.post(f"/plans/{plan_id}/context", data={"conflict_analysis": new, "version": "1"})
    page = client.get(f"/plans/{plan_id}/history/compare").get_data(as_text=True)
    (before,), (after,) = cells(page, "Before"), cells(page, "After")
    assert "<del>three</del>" in before and "<ins>" not in before and "five" not in before
    assert "<ins>five</ins>" in after and "<del>" not in after and "three" not in after
    assert "<ins>every chapter of </ins>" in after or "<ins>every</ins>" in after
    assert re.sub(r"<[^>]+>", "", html.unescape(before)).strip() == old
    assert re.sub(r"<[^>]+>", "", html.unescape(after)).strip() == new


def test_a_link_to_a_row_deleted_since_reads_as_the_rows_name_not_its_id(client, make_plan):
    plan_id = make_plan(pillars={"objectives": [{"id": "b9951c0b9e", "code": "1.1",
                                                 "title": "Women mediate"}]},
                        actions={"items": [{"id": "a1", "code": "1.1.1", "title": "Train",
                                            "objective_id": "b9951c0b9e"}]})
    # The objective is removed on its page (confirming that the action loses its link).
    data = {"version": "1", "later": "1", "unlink": "confirm"}
    for index, pillar in enumerate(PlanDocument().pillars.pillars):
        data |= {f"pillars-{index}-id": pillar.id, f"pillars-{index}-name": pillar.name}
    assert client.post(f"/plans/{plan_id}/pillars", data=data).status_code == 302
    page = html.unescape(client.get(f"/plans/{plan_id}/history/sections/actions")
                         .get_data(as_text=True))
    assert "b9951c0b9e" not in page
    (before,) = cells(page, "Before")
    assert "1.1 Women mediate (deleted since)" in before


def test_a_row_with_nothing_to_name_it_by_is_called_by_its_place(client, make_plan):
    plan_id = make_plan(leadership={"risks": [{"id": "r1", "risk": "Staff turnover"}]})
    client.post(f"/plans/{plan_id}/leadership", data={
        "risks-0-id": "r1", "risks-0-risk": "Staff turnover",
        "risks-1-id": "r2", "risks-1-mitigation": "Train a deputy", "version": "1"})
    page = client.get(f"/plans/{plan_id}/history/sections/leadership").get_data(as_text=True)
    assert re.search(r'tag-added">Added</strong> <span class="row-change-name">row 2</span>', page)
    assert "r2" not in re.sub(r'name="[^"]*"|id="[^"]*"', "", page)
