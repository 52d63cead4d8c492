"""JSON export and import, from the web page and from the CLI: round trips are exact
(each section's status included), a copy of a plan one has is named as a copy, and a bad
file is refused whole with messages naming the section, the item and the field."""

from __future__ import annotations

import datetime as dt
import html
import io
import json

import pytest
from flask_babel import format_date

from support import ROOT, sample
from drafter import db
from drafter.plan.store import PlanStore
from drafter.plan.transfer import ImportProblem, export_json, parse_document

SAMPLES = ["weak-plan.json", "strong-plan.json"]


def count_plans(store) -> int:
    return len(store.list_plans())


@pytest.mark.parametrize("name", SAMPLES)
def test_web_import_then_export_gives_the_identical_document(name, client, load_plan):
    raw = (ROOT / "samples" / name).read_bytes()
    response = client.post("/plans/import", data={"file": (io.BytesIO(raw), name)},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    plan_id = int(response.location.rstrip("/").split("/")[-1])
    exported = client.get(f"/plans/{plan_id}/export.json")
    assert exported.headers["Content-Disposition"].startswith("attachment")
    assert parse_document(exported.data) == sample(name)
    assert load_plan(plan_id).document == sample(name)


@pytest.mark.parametrize("name", SAMPLES)
def test_cli_export_and_import_round_trip(name, runner, tmp_path, load_plan):
    result = runner.invoke(args=["import", str(ROOT / "samples" / name)])
    assert result.exit_code == 0, result.output
    plan_id = int(result.output.split("as plan ")[1].rstrip(".\n"))
    out = tmp_path / "out.json"
    result = runner.invoke(args=["export", str(plan_id), "--out", str(out)])
    assert result.exit_code == 0
    assert parse_document(out.read_bytes()) == sample(name)
    assert out.read_text("utf-8") == export_json(sample(name), load_plan(plan_id).statuses)


BAD_FILES = {
    "not json": (b"{ this is not json", "not valid JSON"),
    "not utf-8": ("é".encode("latin-1") * 10, "not text in UTF-8"),
    "a list": (b"[1, 2, 3]", "one plan"),
    "unknown field": (json.dumps({"about": {"title": "T", "colour": "red"}}).encode(),
                      "About the plan, “colour”: A plan file has no such field here"),
    "bad date order": (json.dumps({"actions": {"items": [{
        "id": "a1", "title": "Train police", "start": "2027-01-01", "end": "2026-01-01"}]}}
    ).encode(),
        ("Actions, action 1 (“Train police”), End: An action must end on or after the day "
         "it starts.")),
    "negative amount": (json.dumps({"budget": {"lines": [{"id": "b1", "amount": "-5"}]}}).encode(),
                        "Budget and financing, budget line 1, Cost: Enter 0 or more"),
    "bad currency": (json.dumps({"budget": {"currency": "XXQ"}}).encode(),
                     "Budget and financing, Currency: “XXQ” is not one of the codes"),
    "dangling link": (json.dumps({"indicators": {"items": [
        {"id": "i1", "action_id": "ghost"}]}}).encode(),
        ("Indicators, indicator 1, What it measures: It names the row “ghost”, which is "
         "not in the file (Actions)")),
    "period reversed": (json.dumps({"about": {"period_start": 2030, "period_end": 2020}}).encode(),
                        ("About the plan, Last year of the plan: The plan must end in or "
                         "after the year it starts.")),
}
# How the program names those places: never shown to people.
PATHS = ["about.colour", "actions.items.0.end", "budget.lines.0.amount", "budget.currency",
         "indicators.items.0.action_id", "about.period_end", "Input should be"]


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_whole_with_the_field_named(case, client, store):
    raw, expected = BAD_FILES[case]
    before = count_plans(store)
    response = client.post("/plans/import", data={"file": (io.BytesIO(raw), "plan.json")},
                           content_type="multipart/form-data")
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "Nothing was imported" in page or "could not be imported" in page
    assert expected in page
    assert not [path for path in PATHS if path in page]
    assert count_plans(store) == before


def test_cli_import_of_a_bad_file_exits_2_and_saves_nothing(runner, tmp_path, store):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"about": {"plan_type": "galactic"}}))
    result = runner.invoke(args=["import", str(bad)])
    assert result.exit_code == 2
    assert ("About the plan, Type of plan: “galactic” is not one of the values a plan file "
            "may hold here: national, regional, local") in result.output
    assert "about.plan_type" not in result.output
    assert count_plans(store) == 0


# Three indicators, the third with a target year in words: the issue's own example.
INDICATORS = {"indicators": {"items": [
    {"id": "i1", "statement": "Officers trained"}, {"id": "i2", "code": "2.1"},
    {"id": "i3", "statement": "Share of women among mediators", "target_year": "by 2030"}]}}
IN_WORDS = ("Indicators, indicator 3 (“Share of women among mediators”), Target year: Enter a "
            "whole number, like 2030")


def test_a_problem_names_the_section_the_item_by_number_and_title_and_the_field(client, store):
    raw = json.dumps(INDICATORS).encode()
    response = client.post("/plans/import", data={"file": (io.BytesIO(raw), "plan.json")},
                           content_type="multipart/form-data")
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert IN_WORDS in page
    assert "indicators.items.2.target_year" not in page and "valid integer" not in page
    assert count_plans(store) == 0


def test_the_cli_names_the_problem_in_the_same_words(runner, tmp_path, store):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(INDICATORS), encoding="utf-8")
    result = runner.invoke(args=["import", str(bad)])
    assert result.exit_code == 2
    assert f"error: {bad}: {IN_WORDS}" in result.output
    assert count_plans(store) == 0


@pytest.mark.parametrize("where, data, expected", [
    # A count is not a year: its example is a count.
    ("leadership", {"civil_society_seats": "three"},
     "Leadership and coordination, Seats held by civil society: Enter a whole number, like 12"),
    ("leadership", {"members": [{"id": "m1", "institution": "Ministry of Defence",
                                 "sector": "space"}]},
     ("Leadership and coordination, Members of the body, row 1 (“Ministry of Defence”), "
      "Sector: “space” is not one of the values a plan file may hold here: gender, "
      "foreign_affairs")),
    # A date a plan may give in part: a year, a year and month, or a day.
    ("consultation", {"events": [{"id": "e1", "place": "Lakeside", "date": "last spring"}]},
     "Consultation, consultation event 1 (“Lakeside”), Date: Enter a year such as 2012, a "
     "year and month such as 2012-03, or a day such as 2012-03-14"),
    ("about", {"adoption_date": "2012-02-30"},
     "About the plan, Date of adoption: That day does not exist in the calendar: enter a "
     "year such as 2012, a year and month such as 2012-03, or a day such as 2012-03-14"),
    # An answer the plan may give either way, or not at all.
    ("context", {"sex_disaggregated_baseline": "maybe"},
     "Context analysis, The baseline data is broken down by sex: Enter yes, no or not_stated"),
    ("monitoring", {"evaluations": [{"id": "v1", "kind": "final", "independent": "probably"}]},
     "Monitoring, evaluation and reporting, Reviews and evaluations, row 1, Independent: "
     "Enter yes, no or not_stated"),
    # A label that asks a question is followed by the answer, not by "?:".
    ("about", {"generation": "second"},
     "About the plan, Which plan is this? Enter a whole number, like 12"),
])
def test_each_kind_of_problem_says_what_to_write_instead(where, data, expected, client):
    raw = json.dumps({where: data}).encode()
    response = client.post("/plans/import", data={"file": (io.BytesIO(raw), "plan.json")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert expected in html.unescape(response.get_data(as_text=True))


def test_import_refuses_other_kinds_of_file(client):
    response = client.post("/plans/import", data={"file": (io.BytesIO(b"PK\x03\x04"), "plan.docx")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert "a .json file" in response.get_data(as_text=True)
    response = client.post("/plans/import", data={}, content_type="multipart/form-data")
    assert response.status_code == 400


def test_export_of_the_cli_for_a_missing_plan_is_a_clear_error(runner):
    result = runner.invoke(args=["export", "42"])
    assert result.exit_code == 2 and "no plan 42" in result.output


def test_schema_command_prints_the_json_schema(runner):
    result = runner.invoke(args=["schema"])
    schema = json.loads(result.output)
    assert set(schema["properties"]) >= {"about", "actions", "indicators", "budget", "monitoring"}


# Every list whose rows have ids (rows are edited and deleted by id), and how the import
# page names it.
ROW_LISTS = [("leadership", "members", "Leadership and coordination, Members of the body"),
             ("leadership", "risks", "Leadership and coordination, Implementation risks"),
             ("consultation", "events", "Consultation, Consultation events"),
             ("pillars", "pillars", "Pillars and objectives, Pillars"),
             ("pillars", "objectives", "Pillars and objectives, Objectives"),
             ("actions", "items", "Actions"), ("indicators", "items", "Indicators"),
             ("budget", "lines", "Budget and financing, Budget lines"),
             ("regional", "partners",
              "Regional links and twinning, Twinning and learning partners")]


@pytest.mark.parametrize("section, rows, place", ROW_LISTS)
def test_a_file_with_two_rows_of_one_id_is_refused_naming_the_list(section, rows, place,
                                                                    client, store):
    raw = json.dumps({section: {rows: [{"id": "A-3"}, {"id": "B-1"}, {"id": "A-3"}]}}).encode()
    with pytest.raises(ImportProblem) as refused:
        parse_document(raw)
    assert refused.value.messages == [f"{section}.{rows}: two rows have the id A-3"]
    response = client.post("/plans/import", data={"file": (io.BytesIO(raw), "plan.json")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    page = html.unescape(response.get_data(as_text=True))
    assert f"{place}: Two rows have the id A-3" in page
    assert f"{section}.{rows}" not in page
    assert count_plans(store) == 0


@pytest.mark.parametrize("raw, where, place", [
    ('{"about": {"title": "Ours", "title": "Theirs"}}', 'the key "title" appears twice in about',
     "About the plan: The key “title” appears twice here: keep one of them"),
    ('{"about": {"title": "T"}, "about": {}}', 'the key "about" appears twice in the plan',
     "The plan: The key “about” appears twice here"),
    ('{"actions": {"items": [{"id": "a1"}, {"id": "a2", "title": "x", "title": "y"}]}}',
     'the key "title" appears twice in actions.items.1',
     "Actions, action 2 (“y”): The key “title” appears twice here"),
])
def test_a_file_that_says_one_thing_twice_is_refused_naming_where(raw, where, place, client,
                                                                 store, runner, tmp_path):
    with pytest.raises(ImportProblem) as refused:
        parse_document(raw)
    assert refused.value.messages == [f"The file says two things in one place: {where}."]
    response = client.post("/plans/import",
                           data={"file": (io.BytesIO(raw.encode()), "plan.json")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert place in html.unescape(response.get_data(as_text=True))
    bad = tmp_path / "twice.json"
    bad.write_text(raw, encoding="utf-8")
    result = runner.invoke(args=["import", str(bad)])
    assert result.exit_code == 2 and place in result.output
    assert count_plans(store) == 0


def test_the_same_value_under_two_different_keys_is_fine():
    assert parse_document('{"about": {"title": "Same", "capital": "Same"}}').about.capital == "Same"


# --- each section's status travels with the plan ---------------------------------------

def mark_complete(app, plan_id: int, *keys: str) -> None:
    with app.app_context():
        store = PlanStore(db.session())
        for key in keys:
            state = store.load_section(plan_id, key)
            store.save_section(plan_id, key, state.data, state.version, complete=True)


def imported_id(response) -> int:
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.location.rstrip("/").split("/")[-1])


def test_an_export_imported_again_keeps_every_sections_status(client, app, make_plan,
                                                              load_plan):
    plan_id = make_plan(sample("strong-plan.json"))
    mark_complete(app, plan_id, "about", "context", "budget")
    exported = client.get(f"/plans/{plan_id}/export.json").data
    copy_id = imported_id(client.post("/plans/import", data={
        "file": (io.BytesIO(exported), "plan.json")}, content_type="multipart/form-data"))
    original, copy = load_plan(plan_id), load_plan(copy_id)
    assert copy.statuses == original.statuses
    assert {key for key, status in copy.statuses.items() if status == "complete"} == {
        "about", "context", "budget"}
    tasks = client.get(f"/plans/{copy_id}").get_data(as_text=True)
    assert tasks.count("tag-complete") == 3


def test_the_cli_carries_the_statuses_both_ways(runner, app, make_plan, load_plan, tmp_path):
    plan_id = make_plan(sample("weak-plan.json"))
    mark_complete(app, plan_id, "context")
    out = tmp_path / "plan.json"
    assert runner.invoke(args=["export", str(plan_id), "--out", str(out)]).exit_code == 0
    assert json.loads(out.read_text("utf-8"))["section_status"]["context"] == "complete"
    result = runner.invoke(args=["import", str(out)])
    assert result.exit_code == 0, result.output
    copy_id = int(result.output.split("as plan ")[1].rstrip(".\n"))
    assert load_plan(copy_id).statuses == load_plan(plan_id).statuses


def test_an_export_is_valid_against_the_schema_the_cli_prints(client, app, make_plan, runner):
    plan_id = make_plan(sample("weak-plan.json"))
    mark_complete(app, plan_id, "about")
    exported = json.loads(client.get(f"/plans/{plan_id}/export.json").data)
    schema = json.loads(runner.invoke(args=["schema"]).output)
    assert schema["additionalProperties"] is False
    assert set(exported) <= set(schema["properties"])
    status = schema["properties"]["section_status"]
    assert status["additionalProperties"]["enum"] == ["not_started", "in_progress", "complete"]
    assert set(exported["section_status"]) <= set(status["propertyNames"]["enum"])
    assert set(exported["section_status"].values()) <= {"not_started", "in_progress", "complete"}


def test_a_file_from_before_statuses_imports_with_its_sections_in_progress(client, load_plan):
    raw = (ROOT / "samples" / "weak-plan.json").read_bytes()
    assert b"section_status" not in raw
    copy = load_plan(imported_id(client.post("/plans/import", data={
        "file": (io.BytesIO(raw), "plan.json")}, content_type="multipart/form-data")))
    assert set(copy.statuses.values()) <= {"in_progress", "not_started"}
    assert copy.statuses["about"] == "in_progress"


def test_a_status_the_file_makes_up_is_refused_and_a_started_section_is_never_not_started(
        client, load_plan):
    bad = json.dumps({"about": {"title": "T"}, "section_status": {"about": "done"}}).encode()
    response = client.post("/plans/import", data={"file": (io.BytesIO(bad), "plan.json")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert "The status of each section (section_status): Enter one of" in html.unescape(
        response.get_data(as_text=True))
    odd = json.dumps({"about": {"title": "T"}, "section_status": {
        "about": "not_started", "review": "complete"}}).encode()
    copy = load_plan(imported_id(client.post("/plans/import", data={
        "file": (io.BytesIO(odd), "plan.json")}, content_type="multipart/form-data")))
    # "About" has content, so it was started; "Review" has none, so it has no status to keep.
    assert (copy.statuses["about"], copy.statuses["review"]) == ("in_progress", "not_started")


# --- a copy is told from the original -------------------------------------------------

def test_importing_a_plan_one_has_already_names_the_copy_by_the_day(client, make_plan, store):
    title = sample("weak-plan.json").about.title
    make_plan(sample("weak-plan.json"))
    raw = (ROOT / "samples" / "weak-plan.json").read_bytes()
    with client.application.test_request_context():
        day = format_date(dt.date.today(), "d MMM yyyy")
    titles = []
    for _ in range(2):
        response = client.post("/plans/import", data={"file": (io.BytesIO(raw), "plan.json")},
                               content_type="multipart/form-data")
        imported_id(response)
        titles.append(store.load(imported_id(response)).title)
    assert titles == [f"{title} (imported {day})", f"{title} (imported {day}, 2)"]
    listed = [plan.title for plan in store.list_plans()]
    assert len(listed) == len(set(listed)) == 3
    page = html.unescape(client.get("/").get_data(as_text=True))
    assert f"Imported as “{title} (imported {day}, 2)”: you have a plan called “{title}” " \
           "already." in page


def test_a_title_nobody_has_is_kept_as_it_is(client, make_plan, store, runner, tmp_path):
    make_plan(about={"title": "Another plan"})
    raw = (ROOT / "samples" / "strong-plan.json").read_bytes()
    copy_id = imported_id(client.post("/plans/import", data={
        "file": (io.BytesIO(raw), "plan.json")}, content_type="multipart/form-data"))
    assert store.load(copy_id).title == sample("strong-plan.json").about.title
    result = runner.invoke(args=["import", str(ROOT / "samples" / "strong-plan.json")])
    assert result.exit_code == 0
    assert "exists already, so this one is called" in result.output
    assert "(imported " in store.load(int(result.output.split("as plan ")[1].rstrip(".\n"))).title


def test_a_long_title_is_shortened_to_leave_room_for_the_day(client, make_plan, store):
    long_title = "Plan " + "x" * 495
    make_plan(about={"title": long_title})
    raw = json.dumps({"about": {"title": long_title}}).encode()
    copy = store.load(imported_id(client.post("/plans/import", data={
        "file": (io.BytesIO(raw), "plan.json")}, content_type="multipart/form-data")))
    assert len(copy.title) == 500 and copy.title.endswith(")") and "…" in copy.title
