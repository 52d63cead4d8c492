"""Findings of the security assessment (issue 11), each pinned by the request that showed
it: another site pre-filling a form through the "session expired" page, 500s on ids and
digits no column or int() takes, private pages left cacheable, and a plan growing past
what its own export can be imported as."""

from __future__ import annotations

import json
import re

import pytest
from support import add_user, log_in, make_app
from werkzeug.datastructures import MultiDict

from drafter import db
from drafter.plan.schema import Action, Actions, PlanDocument
from drafter.plan.store import PlanStore, PlanTooLarge, export_size
from drafter.plan.transfer import MAX_IMPORT_BYTES, parse_document
from drafter.web.downloads import attachment
from drafter.web.security import MAX_ID, ascii_int
from drafter.workshops import service as workshops
from fuzz_strategies import NAMELESS
from fuzzing import post_form

SAME_SITE_FORM = {"Sec-Fetch-Site": "same-origin"}


@pytest.fixture
def guarded(tmp_path, migrated_template, password_hash):
    """An app with CSRF protection on (as in production), its owner logged in, a plan."""
    app = make_app(tmp_path, migrated_template, WTF_CSRF_ENABLED=True)
    owner = add_user(app, "owner@example.org", hashed=password_hash)
    with app.app_context():
        plan_id = PlanStore(db.session()).create_plan(PlanDocument.model_validate(
            {"about": {"title": "Kept", "regions": ["North"]}}), owner_id=owner)
    client = app.test_client()
    log_in(client, owner)
    yield app, client, plan_id
    app.extensions["drafter.engine"].dispose()


def about_version(app, plan_id: int) -> int:
    with app.app_context():
        return PlanStore(db.session()).load(plan_id).sections["about"].version


# --- finding 5: the "session expired" page shows a form again only to this site ---------

@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "same-origin"},
    {"Origin": "http://localhost"},
    {"Origin": "http://localhost:80"},
    {"Referer": "http://localhost/plans/1/about"},
], ids=["sec-fetch-site", "origin", "origin-default-port", "referer"])
def test_a_post_from_this_site_with_a_failed_token_is_shown_again(guarded, headers):
    app, client, plan_id = guarded
    response = client.post(f"/plans/{plan_id}/about", headers=headers,
                           data={"title": "Typed at length", "version": "1"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'value="Typed at length"' in page and "nothing was saved yet" in page
    assert about_version(app, plan_id) == 1


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},  # a sibling subdomain
    {"Sec-Fetch-Site": "none"},
    {"Sec-Fetch-Site": "cross-site", "Origin": "http://localhost"},  # Sec-Fetch-Site decides
    {"Origin": "http://localhost:8080"},  # another port
    {"Origin": "https://localhost"},
    {"Origin": "http://evil.localhost"},
    {"Origin": "null"},
    {"Origin": "http://localhost:99999"},
    {"Referer": "http://attacker.example/localhost/"},
    {},  # nothing a browser's form would send
], ids=["cross-site", "same-site", "none", "sec-fetch-first", "port", "scheme", "subdomain",
        "null", "bad-port", "referer", "no-headers"])
def test_a_post_from_elsewhere_with_a_failed_token_is_refused_plainly(guarded, headers):
    app, client, plan_id = guarded
    for url in (f"/plans/{plan_id}/about", "/plans/new", f"/plans/{plan_id}/comments/about"):
        response = client.post(url, headers=headers,
                               data={"title": "Attacker's words", "body": "Attacker's words",
                                     "version": "1"})
        page = response.get_data(as_text=True)
        assert response.status_code == 400, url
        assert "Attacker" not in page and "The form could not be sent" in page, url
    assert about_version(app, plan_id) == 1


# --- finding 8: malformed input is a 404 or a 400, never a 500 ----------------------------

@pytest.mark.parametrize("value, expected", [
    ("0", 0), ("42", 42), (str(MAX_ID), MAX_ID), (str(MAX_ID + 1), None),
    ("9" * 5000, None), ("", None), (None, None), ("²", None), ("١٢", None), ("１２", None),
    ("-1", None), ("+1", None), (" 1", None), ("1_000", None), ("0x1", None),
])
def test_only_ascii_digits_within_range_are_read_as_numbers(value, expected):
    assert ascii_int(value) == expected
    assert ascii_int("7", maximum=6) is None and ascii_int("6", maximum=6) == 6


def int_rules(app):
    return [rule for rule in app.url_map.iter_rules() if "<int:" in rule.rule]


@pytest.mark.parametrize("number", [str(2 ** 31), str(2 ** 63), "99999999999999999999999",
                                    "9" * 5000, "١", "٣٣"])
def test_an_id_no_column_holds_is_a_404_in_every_url(client, number):
    rules = int_rules(client.application)
    assert len(rules) >= 11
    for rule in rules:
        path = re.sub(r"<int:\w+>", number, rule.rule)
        path = re.sub(r"<(?:\w+:)?\w+>", "about", path)
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = client.open(path, method=method)
            # 405 where another rule of that address takes other methods: werkzeug says
            # so before it reads the id, and either way no view runs.
            assert response.status_code in (404, 405), (method, path, response.status_code)


def test_the_largest_id_a_column_holds_is_simply_not_found(client):
    assert client.get(f"/plans/{MAX_ID}").status_code in (403, 404)
    assert client.get(f"/workshops/{MAX_ID}").status_code in (403, 404)


@pytest.mark.parametrize("value", ["²", "١", str(2 ** 31), str(2 ** 63), "9" * 5000])
def test_a_comparison_of_an_unreadable_revision_is_a_404(client, make_plan, value):
    plan_id = make_plan(about={"title": "Kept"})
    for query in (f"from={value}", f"to={value}"):
        assert client.get(f"/plans/{plan_id}/history/compare?{query}").status_code == 404


@pytest.mark.parametrize("data", [
    {"remove_row": "regions-²"}, {"remove_row": "members-²"}, {"remove_row": "members-١"},
    {"remove_row": "members-" + "9" * 5000}, {"remove_row": "title-0"},
    {"remove_row": "csrf_token-0"}, {"remove_row": "version-0"}, {"remove_row": "-"},
    {"add_row": "title"}, {"add_row": "csrf_token"}, {"add_row": "version"},
    {"add_row": "complete"}, {"add_row": "members-0-institution"},
])
@pytest.mark.parametrize("section", ["about", "leadership"])
def test_a_row_button_naming_any_field_is_no_crash(client, make_plan, load_plan, data, section):
    plan_id = make_plan(about={"title": "Kept"}, leadership={
        "members": [{"id": "m1", "institution": "Ministry"}]})
    # Once saved, and once refused (a year out of range, a name too long), as the two
    # paths handle row buttons apart.
    refused = {"period_start": "1066", "members-0-id": "m1", "members-0-institution": "i" * 300}
    for extra, status in (({}, 302), (refused, 400)):
        version = load_plan(plan_id).sections[section].version
        response = client.post(f"/plans/{plan_id}/{section}",
                               data={**data, **extra, "version": str(version)})
        assert response.status_code == status
    document = load_plan(plan_id).document
    assert PlanDocument.model_validate(document.model_dump()) == document


def test_a_conflict_payload_nested_too_deep_is_refused_with_a_message(client, make_plan,
                                                                     load_plan):
    plan_id = make_plan(about={"title": "Kept"})
    for payload in ("[" * 100_000, "{\"regions\": " + "[" * 100_000, "9" * 5000, ""):
        response = client.post(f"/plans/{plan_id}/about/resolve",
                               data={"payload": payload, "version": "1"})
        assert response.status_code == 302
        assert "could not be read" in client.get(response.location).get_data(as_text=True)
    assert load_plan(plan_id).sections["about"].version == 1


@pytest.mark.parametrize("version", ["١", "２", "1_0", " 1"])
def test_a_version_in_other_digits_is_never_taken_for_a_number(client, make_plan, load_plan,
                                                               version):
    plan_id = make_plan(about={"title": "Kept"}, actions={"items": [{"id": "a1", "title": "A"}]})
    assert client.post(f"/plans/{plan_id}/about",
                       data={"title": "Changed", "version": version}).status_code == 409
    assert client.post(f"/plans/{plan_id}/actions/a1/delete",
                       data={"version": version}).status_code == 302
    assert load_plan(plan_id).document.about.title == "Kept"
    assert len(load_plan(plan_id).document.actions.items) == 1


@pytest.mark.parametrize("scenario", [f"plan:{2 ** 31}", f"plan:{2 ** 63}",
                                      "plan:99999999999999999999999",
                                      "plan:²", "plan:١", "plan:" + "9" * 5000, "plan:"])
def test_a_scenario_naming_an_unreadable_plan_is_refused_on_its_field(client, scenario):
    response = client.post("/workshops/new", data={
        "name": "Workshop", "scenario": scenario, "checklist": "csag-2012"})
    assert response.status_code == 400
    assert "Choose one of the scenarios listed." in response.get_data(as_text=True)


def test_a_nameless_part_is_refused_before_the_csrf_check_reads_it(guarded):
    app, client, plan_id = guarded
    for url in (f"/plans/{plan_id}/about", "/plans/new", "/plans/import", "/login", "/join",
                f"/plans/{plan_id}/history/revisions"):
        response = post_form(client, url, MultiDict([(NAMELESS, "x")]), multipart=True)
        assert response.status_code == 400, url
        assert "one of its fields has no name" in response.get_data(as_text=True)
    assert about_version(app, plan_id) == 1


@pytest.mark.parametrize("body, content_type", [
    ('{"title": "x"}', "application/json"), ("[1]", "application/json"),
    ('"x"', "application/json"), ("nope", "application/json"),
    ('{"title": "x"}', "application/vnd.api+json"), ("title=x", "text/plain"),
    ("<title>x</title>", "application/xml"),
])
def test_a_body_that_is_not_a_form_is_refused_on_every_form_route(guarded, body,
                                                                  content_type):
    app, client, plan_id = guarded
    for url in (f"/plans/{plan_id}/about", "/plans/new", "/plans/import", "/login",
                "/workshops/new", "/join", f"/plans/{plan_id}/comments/about"):
        response = client.post(url, data=body, content_type=content_type,
                               headers={**SAME_SITE_FORM, "X-CSRFToken": "whatever"})
        assert response.status_code == 400, url
        assert "What was sent is not a form" in response.get_data(as_text=True), url
    assert about_version(app, plan_id) == 1


def test_forms_and_empty_posts_still_pass_the_guard(client, make_plan):
    plan_id = make_plan(about={"title": "Kept"})
    assert client.post(f"/plans/{plan_id}/about", data={
        "title": "Changed", "version": "1"}).status_code == 302
    assert client.post(f"/plans/{plan_id}/history/revisions",
                       data={"name": "Draft"}).status_code == 302
    assert client.post(f"/plans/{plan_id}/history/revisions/1/restore").status_code == 302


# --- finding 9: nothing private is cached ---------------------------------------------------

def test_every_page_for_someone_logged_in_is_not_stored(client, make_plan, owner_id, app):
    plan_id = make_plan(about={"title": "Kept"})
    with app.app_context():
        workshop = workshops.create_workshop(db.session(), name="W", trainer_id=owner_id,
                                             scenario=PlanDocument(), checklist="csag-2012")
    for url in ("/", f"/plans/{plan_id}", f"/plans/{plan_id}/about", "/plans/new",
                f"/plans/{plan_id}/history", f"/workshops/{workshop.id}",
                f"/workshops/{workshop.id}/teams", f"/plans/{plan_id}/nope"):
        response = client.get(url)
        assert response.headers.get("Cache-Control") == "no-store, private", url
    # A stylesheet holds nothing private: it keeps its caching.
    static = client.get("/static/css/app.css")
    static.close()  # a static file is sent from an open file
    assert "no-store" not in static.headers.get("Cache-Control", "")
    # The dashboard's poll keeps its ETag: an unchanged table is still a 304.
    first = client.get(f"/workshops/{workshop.id}/teams")
    again = client.get(f"/workshops/{workshop.id}/teams",
                       headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.headers["Cache-Control"] == "no-store, private"
    assert client.post(f"/plans/{plan_id}/about", data={"title": "X", "version": "1"}) \
        .headers["Cache-Control"] == "no-store, private"


def test_pages_and_files_for_anyone_keep_their_caching(anonymous):
    for url in ("/login", "/static/css/app.css"):
        response = anonymous.get(url)
        response.close()
        assert response.status_code == 200
        assert "no-store" not in response.headers.get("Cache-Control", ""), url


def test_every_download_is_not_stored(client, make_plan, app):
    plan_id = make_plan(about={"title": "Kept"})
    response = client.get(f"/plans/{plan_id}/export.json")
    assert response.headers["Cache-Control"] == "no-store, private"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert parse_document(response.data).about.title == "Kept"
    with app.test_request_context():  # whoever asks: the helper itself says so
        assert attachment(b"x", "text/plain", "x.txt").headers["Cache-Control"] == \
            "no-store, private"


# --- finding 10: two rows of one id are refused (the import's tests: test_transfer.py) --

def test_a_forged_post_of_two_rows_with_one_id_is_refused_on_the_list(client, make_plan,
                                                                     load_plan):
    plan_id = make_plan(leadership={"members": [{"id": "m1", "institution": "Ministry"}]})
    response = client.post(f"/plans/{plan_id}/leadership", data={
        "members-0-id": "m1", "members-0-institution": "Ministry",
        "members-1-id": "m1", "members-1-institution": "Forged", "version": "1"})
    assert response.status_code == 400
    assert "two rows have the id m1" in response.get_data(as_text=True)
    assert [m.institution for m in load_plan(plan_id).document.leadership.members] == ["Ministry"]


def test_repeated_pillars_are_the_one_error_not_also_every_objective(client):
    with pytest.raises(ValueError) as refused:
        parse_document('{"pillars": {"pillars": [{"id": "p"}, {"id": "p"}], '
                       '"objectives": [{"id": "o1", "pillar_id": "p"}]}}')
    assert refused.value.messages == ["pillars.pillars: two rows have the id p"]


def test_a_plan_stored_with_a_repeated_id_still_opens_and_can_be_mended(client, app, make_plan,
                                                                      load_plan):
    """Imported before the rule: its pages open, the repeat under a name of its own, and
    deleting one of the two leaves the other."""
    from sqlalchemy import update

    from drafter.models import PlanSection

    plan_id = make_plan(actions={"items": [{"id": "A-3", "title": "First"}]})
    twice = json.dumps({"items": [{"id": "A-3", "title": "First"},
                                  {"id": "A-3", "title": "Second"}]})
    with app.app_context():
        db.session().execute(update(PlanSection).where(
            PlanSection.plan_id == plan_id, PlanSection.key == "actions").values(data=twice))
        db.session().commit()
    assert [a.id for a in load_plan(plan_id).document.actions.items] == ["A-3", "A-3-2"]
    for url in ("", "/actions", "/actions/A-3-2", "/check", "/scorecard"):
        assert client.get(f"/plans/{plan_id}{url}").status_code == 200, url
    assert client.post(f"/plans/{plan_id}/actions/A-3-2/delete",
                       data={"version": "1"}).status_code == 302
    assert [a.title for a in load_plan(plan_id).document.actions.items] == ["First"]


# --- finding 11: a plan never outgrows its own import --------------------------------------

def actions_of_size(target: int) -> PlanDocument:
    """A plan whose export is exactly `target` bytes, made of long action descriptions."""
    def document(count: int, last: int) -> PlanDocument:
        items = [Action(id=f"a{n}", title="Act", description="x" * 19_000)
                 for n in range(count)]
        items.append(Action(id="last", title="Act", description="y" * last))
        return PlanDocument(actions=Actions(items=items))

    base = export_size(document(0, 0))
    each = export_size(document(1, 0)) - base
    count = (target - base) // each
    planned = document(count, target - export_size(document(count, 0)))
    assert export_size(planned) == target
    return planned


def test_a_save_that_would_outgrow_a_plan_file_is_refused_on_the_form(client, app,
                                                                      make_plan, load_plan):
    plan_id = make_plan(actions_of_size(MAX_IMPORT_BYTES - 2000))
    before = load_plan(plan_id).sections["actions"].version
    response = client.post(f"/plans/{plan_id}/actions/new", data={
        "title": "One more", "description": "z" * 3000, "version": str(before)})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "larger than 5 MB, the most a plan file may be" in page
    assert "z" * 3000 in page  # what was typed is still there
    assert load_plan(plan_id).sections["actions"].version == before
    # A save that fits is taken, and the plan it makes imports again.
    assert client.post(f"/plans/{plan_id}/actions/new", data={
        "title": "Short", "version": str(before)}).status_code == 302
    exported = client.get(f"/plans/{plan_id}/export.json").data
    assert len(exported) <= MAX_IMPORT_BYTES
    assert parse_document(exported) == load_plan(plan_id).document


def test_the_step_and_conflict_pages_refuse_it_too(client, make_plan, load_plan):
    plan_id = make_plan(actions_of_size(MAX_IMPORT_BYTES - 100))
    response = client.post(f"/plans/{plan_id}/about",
                           data={"policy_links": "p" * 1000, "version": "0"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "larger than 5 MB" in page and "p" * 1000 in page
    response = client.post(f"/plans/{plan_id}/about/resolve", data={
        "payload": '{"policy_links": "%s"}' % ("q" * 1000), "version": "0", "keep": "mine"})
    assert response.status_code == 302
    assert "larger than 5 MB" in client.get(response.location).get_data(as_text=True)
    assert load_plan(plan_id).sections["about"].version == 0


def test_a_plan_already_too_large_can_still_be_cut_down(store, make_plan):
    plan_id = make_plan(actions_of_size(MAX_IMPORT_BYTES + 50_000))
    state = store.load(plan_id).sections["actions"]
    with pytest.raises(PlanTooLarge):
        store.save_section(plan_id, "actions", Actions(items=state.data.items + [
            Action(title="More")]), state.version)
    shorter = Actions(items=state.data.items[1:])
    assert store.save_section(plan_id, "actions", shorter, state.version) == state.version + 1
    assert export_size(store.load(plan_id).document) < MAX_IMPORT_BYTES + 50_000
