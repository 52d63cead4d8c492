"""Fuzzing, a short run: hostile posts to every form route, odd ids and queries to every
page, and damaged plan files to the import, judged by the oracles in `fuzzing.py` (never
a 500; a refusal writes nothing; an acceptance leaves a valid plan that exports and
imports to itself). One 400 is an acceptance by design: "Mark this section complete"
with something missing saves what was typed and says so.

The run is derandomised, so the suite gives the same answer every time;
`benchmarks/fuzz_long.py` runs the same strategies at random for much longer.
"""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings

from support import log_in, make_app
from drafter.access import role_on
from drafter.plan.schema import PlanDocument
from drafter.plan.transfer import export_json, parse_document
from fuzz_strategies import plan_files
from fuzz_targets import FormTargets
from fuzzing import WorldKeeper, add_users, catch_errors, run_import_case


def short_run(examples: int):
    """A few seconds of examples, the same ones every run."""
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture
def fuzz_app(tmp_path, migrated_template, password_hash):
    """The app with CSRF protection on (as in production; the harness sends the token),
    one account per role and a catcher for the tracebacks of 500s."""
    app = make_app(tmp_path, migrated_template, WTF_CSRF_ENABLED=True)
    yield app, add_users(app, password_hash), catch_errors(app)
    app.extensions["drafter.engine"].dispose()


def test_every_post_route_is_fuzzed(app):
    targets = FormTargets(app)
    assert targets.unknown() == set(), "say which fields these routes take in fuzz_targets.py"
    assert len(targets.endpoints()) >= 20


WIZARD = {"wizard.step", "wizard.item", "wizard.resolve", "wizard.delete_item", "plans.new"}


@pytest.mark.parametrize("group, examples", [("wizard", 100), ("others", 80)])
def test_hostile_form_posts_never_break_or_half_save(fuzz_app, group, examples):
    app, users, catcher = fuzz_app
    targets = FormTargets(app)
    chosen = WIZARD if group == "wizard" else targets.endpoints() - WIZARD
    keeper = WorldKeeper(app, users)

    @short_run(examples)
    @given(case=targets.cases(chosen))
    def post(case):
        keeper.run(case, catcher, log_in)

    post()


def test_every_page_takes_odd_ids_and_queries_without_breaking(fuzz_app):
    app, users, catcher = fuzz_app
    targets = FormTargets(app)
    keeper = WorldKeeper(app, users)
    # Not the PDF and Word downloads: slow to render, and their inputs are the plan's.
    pages = {page for page in targets.pages() if not page.startswith("reports.")
             and page not in ("workshops.summary_pdf", "workshops.debrief_zip")}

    @short_run(80)
    @given(case=targets.page_cases(pages))
    def get(case):
        keeper.run(case, catcher, log_in)

    get()


def test_damaged_plan_files_are_imported_whole_or_not_at_all(fuzz_app):
    app, users, catcher = fuzz_app

    @short_run(60)
    @given(plan_file=plan_files())
    def upload(plan_file):
        run_import_case(app, plan_file, users["owner"], catcher, log_in)

    upload()


# --- what the fuzzing found ---------------------------------------------------------

@pytest.mark.parametrize("version", ["99999999999999999999", str(2 ** 31), "-3"])
def test_a_version_too_large_for_the_database_is_a_conflict_not_a_crash(
        client, make_plan, load_plan, version):
    plan_id = make_plan(about={"title": "Kept"})
    before = load_plan(plan_id).sections["about"].version
    saved = load_plan(plan_id).sections["about"].data.model_dump_json()
    for url, data in ((f"/plans/{plan_id}/about/resolve", {"payload": saved, "version": version}),
                      (f"/plans/{plan_id}/about", {"title": "Changed", "version": version})):
        response = client.post(url, data=data)
        assert response.status_code == 409, (url, response.status_code)
    assert load_plan(plan_id).sections["about"].version == before
    assert load_plan(plan_id).document.about.title == "Kept"


@pytest.mark.parametrize("body, words", [
    (b'{"about": {"generation": ' + b"9" * 5000 + b"}}", "number"),
    (b'{"about": {"regions": ' + b"[" * 5000 + b"]" * 5000 + b"}}", "nested"),
])
def test_a_file_json_cannot_read_is_refused_with_a_message(client, load_plan, body, words):
    response = client.post("/plans/import", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(body), "plan.json", "application/json")})
    assert response.status_code == 400
    assert words in response.get_data(as_text=True)
    assert "There are no plans yet" in client.get("/").get_data(as_text=True)


def test_the_role_of_someone_not_on_the_plan_cannot_be_changed(client, make_plan, make_user,
                                                                app):
    plan_id = make_plan(about={"title": "Kept"})
    stranger = make_user("stranger@example.org")
    for user_id in (stranger, 987_654):
        response = client.post(f"/plans/{plan_id}/members/{user_id}/role", data={"role": "editor"})
        assert response.status_code == 404
    with app.app_context():
        assert role_on(plan_id, stranger) is None


LINKED = {"pillars": {"objectives": [{"id": "o1", "title": "Objective"}]},
          "actions": {"items": [{"id": "a1", "title": "Act", "objective_id": "o1"}]}}


@pytest.mark.parametrize("url, data", [
    ("actions/a1", {"title": "Act", "objective_id": "zz", "version": "1"}),
    ("actions/new", {"title": "Another", "objective_id": "zz", "version": "1"}),
    ("indicators/new", {"statement": "Share", "measures": "action:zz", "version": "0"}),
    ("budget/new", {"description": "Cost", "action_id": "zz", "version": "0"}),
])
def test_a_posted_reference_to_nothing_never_breaks_the_plan(client, make_plan, load_plan,
                                                             url, data):
    plan_id = make_plan(**LINKED)
    response = client.post(f"/plans/{plan_id}/{url}", data=data)
    assert response.status_code in (302, 400)
    document = load_plan(plan_id).document
    PlanDocument.model_validate(document.model_dump())  # the whole plan still validates
    assert parse_document(export_json(document)) == document


def test_a_conflict_resolved_with_a_reference_to_nothing_never_breaks_the_plan(
        client, make_plan, load_plan):
    plan_id = make_plan(**LINKED)
    payload = json.dumps({"items": [{"id": "a1", "title": "Act", "objective_id": "zz"}]})
    response = client.post(f"/plans/{plan_id}/actions/resolve",
                           data={"payload": payload, "version": "1"})
    assert response.status_code in (302, 400)
    document = load_plan(plan_id).document
    PlanDocument.model_validate(document.model_dump())
    assert parse_document(export_json(document)) == document


def test_a_multipart_field_whose_name_cannot_be_read_is_no_crash(client, make_plan):
    """Found by fuzz_long: a part named with a line break reaches the app nameless."""
    from werkzeug.datastructures import MultiDict

    from fuzzing import post_form

    plan_id = make_plan(about={"title": "Kept"})
    response = post_form(client, f"/plans/{plan_id}/about",
                         MultiDict([("odd\tname\n\x84", "x"), ("title", "Changed")]), True)
    assert response.status_code == 400
    assert "one of its fields has no name" in response.get_data(as_text=True)


def test_a_form_shown_again_for_an_item_that_is_gone_is_a_404(tmp_path, migrated_template,
                                                              password_hash):
    """Found once CSRF was on in the fuzzing: the "session expired" page runs the view
    from inside the error handler, where its 404 for a deleted item became a 500."""
    from support import owner_with_tokens_on

    app, client, plan_id = owner_with_tokens_on(tmp_path, migrated_template, password_hash)
    response = client.post(f"/plans/{plan_id}/actions/gone", data={"title": "Typed"},
                           headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
    app.extensions["drafter.engine"].dispose()
