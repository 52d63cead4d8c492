"""The fuzzing harness: the world each case runs in, and the oracles that judge each
answer (the cases come from `fuzz_targets.py` and `fuzz_strategies.py`).

Shared by `tests/test_fuzz.py` and `benchmarks/fuzz_long.py`. The app runs with CSRF
protection on, as in production: a case sends a valid token unless it is drawn without
one. The oracles:

* never a 500, on a form post or a page;
* a refused request (any 4xx) leaves every table that matters exactly as it was;
* a post without its token writes nothing; a body that is no form (JSON, text) and a
  form with a nameless part are always refused; a form whose token failed is shown
  again ("your session had expired") only to a page of this site;
* an accepted one (2xx or 3xx) leaves each plan it touched a valid document, which exports
  and imports back to the same document;
* an imported file is either accepted whole (its plan exports as the parsed file) or
  refused with nothing written.
"""

from __future__ import annotations

import difflib
import io
import json
import logging
import re
import traceback

from flask import session, url_for
from flask_wtf.csrf import generate_csrf
from sqlalchemy import delete, select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from drafter import db
from drafter.history import service as history
from drafter.members import service as members
from drafter.models import Base, User, Workshop
from drafter.plan.schema import SECTION_MODELS, PlanDocument
from drafter.plan.store import PlanStore
from drafter.plan.transfer import ImportProblem, export_json, parse_document
from drafter.review import service as review
from drafter.workshops import service as workshops
from fuzz_strategies import DEEP, NAMELESS, FormCase, Raw, Ref

ROLE_NAMES = ("owner", "editor", "reviewer", "viewer", "stranger")
# Tables whose rows a refused request must leave alone. Failed log-ins are counted on
# purpose (that is the throttle), so login_attempts is left out.
UNTOUCHED_BY_REFUSALS = [table for name, table in Base.metadata.tables.items()
                         if name != "login_attempts"]
SAVED_ANYWAY = "Your changes are saved, but the section cannot be marked complete yet."
# Words of every "session expired, here is your form again" page (the log-in's aside).
SHOWN_AGAIN = "Your session had expired"


# --- the world ----------------------------------------------------------------------

WORLD_DOCUMENT = {
    "about": {"title": "Fuzzed plan", "regions": ["North", "South"]},
    "leadership": {"members": [{"id": "m1", "institution": "Ministry"}],
                   "risks": [{"id": "k1", "risk": "Turnover"}]},
    "consultation": {"events": [{"id": "e1", "place": "Capital", "women": 10}]},
    "pillars": {"objectives": [{"id": "o1", "code": "1", "title": "Objective",
                                "pillar_id": "participation"}]},
    "actions": {"items": [{"id": "a1", "code": "1.1", "title": "Act", "objective_id": "o1",
                           "start": "2026-01-01", "end": "2026-12-31"}]},
    "indicators": {"items": [{"id": "i1", "statement": "Share", "action_id": "a1",
                              "baseline_year": 2025, "target_year": 2030}]},
    "budget": {"lines": [{"id": "b1", "description": "Cost", "action_id": "a1",
                          "amount": "100.00", "secured": "50.00"}]},
    "regional": {"partners": [{"id": "p1", "partner": "Neighbour"}]},
}


def add_users(app, hashed: str) -> dict[str, int]:
    """One account per role (the owner's password is PASSWORD), made once per app."""
    with app.app_context():
        session = db.session()
        users = {}
        for role in ROLE_NAMES:
            user = User(email=f"fuzz-{role}@example.org", name=role.title(),
                        password_hash=hashed, is_admin=role == "owner")
            session.add(user)
            session.flush()
            users[role] = user.id
        session.commit()
    return users


def build_world(app, users: dict[str, int]) -> dict:
    """A fresh plan with an item in each list, members in each role, an invitation, a
    comment thread and a revision: every id a URL of the app can name."""
    with app.app_context():
        session = db.session()
        plan_id = PlanStore(session).create_plan(PlanDocument.model_validate(WORLD_DOCUMENT),
                                                 owner_id=users["owner"])
        for role in ("editor", "reviewer", "viewer"):
            members.set_role(session, plan_id, users[role], role)
        token = members.invite(session, plan_id, "viewer", users["owner"])
        thread_id = review.start_thread(session, plan_id, "actions", users["owner"], "A comment")
        revision_id = history.save_revision(session, plan_id, "First draft", users["owner"]).id
        workshop = workshops.create_workshop(session, name="Fuzz workshop",
                                             trainer_id=users["owner"], scenario=PlanDocument(),
                                             checklist="csag-2012")
        team_id = workshops.add_team(session, workshop, "Team A").id
    world = {"plan_id": plan_id, "token": token, "thread_id": thread_id,
             "revision_id": revision_id, "workshop_id": workshop.id, "team_id": team_id,
             "code": workshop.code}
    world.update({f"user:{role}": user_id for role, user_id in users.items()})
    return world


class WorldKeeper:
    """The world for the next case: kept while cases are refused (a refusal changes
    nothing, which the oracle checks), built afresh after anything was accepted."""

    def __init__(self, app, users: dict[str, int]):
        self.app, self.users, self.current = app, users, None

    def world(self) -> dict:
        if self.current is None:
            clear_plans(self.app)  # keeps the snapshot of each case small and quick
            self.current = build_world(self.app, self.users)
        return self.current

    def run(self, case: FormCase, catcher: "ErrorCatcher", log_in) -> int:
        world = self.world()
        if case.method == "GET":  # a page changes nothing worth a new world
            return run_page_case(self.app, case, world, catcher, log_in)
        self.current = None  # rebuilt next time unless the case is refused cleanly
        status, accepted = run_form_case(self.app, case, world, catcher, log_in)
        if not accepted:
            self.current = world
        return status


def clear_plans(app) -> None:
    """Delete every plan (with its sections, members, comments and revisions) and workshop."""
    with app.app_context():
        store = PlanStore(db.session())
        for summary in store.list_plans():
            store.delete_plan(summary.id)
        store.session.execute(delete(Workshop))
        store.session.commit()


# --- running a case and judging it ------------------------------------------------

class Failure(AssertionError):
    pass


class ErrorCatcher(logging.Handler):
    """Keeps the traceback the app logs with a 500, so a failure can show it."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record):
        if record.exc_info:
            self.records.append("".join(traceback.format_exception(*record.exc_info)))


def catch_errors(app) -> ErrorCatcher:
    catcher = ErrorCatcher()
    app.logger.addHandler(catcher)
    return catcher


def snapshot(app) -> dict[str, list[tuple]]:
    """Every row of every table a refusal must not touch, in key order."""
    with app.app_context():
        session = db.session()
        return {table.name: [tuple(row) for row in session.execute(
            select(table).order_by(*table.primary_key.columns))]
            for table in UNTOUCHED_BY_REFUSALS}


def _changed(before: dict, after: dict) -> list[str]:
    return [name for name in before if before[name] != after[name]]


def check_plan_round_trips(app, plan_id: int) -> None:
    """The stored plan is a valid document that exports and imports to itself."""
    with app.app_context():
        document = PlanStore(db.session()).load(plan_id).document
        again = PlanDocument.model_validate(document.model_dump())
        exported = export_json(document)
        imported = parse_document(exported)
    if again != document or imported != document or export_json(imported) != exported:
        raise Failure(f"plan {plan_id} does not survive export and import")


def _resolve(value, world: dict, app, case: FormCase):
    if not isinstance(value, Ref):
        return value
    if value.name in ("version", "section_json"):
        with app.app_context():
            section = case.args.get("section")
            if section not in SECTION_MODELS:
                return "1"
            try:
                state = PlanStore(db.session()).load_section(world["plan_id"], section)
            except LookupError:
                return "1"
            return str(state.version) if value.name == "version" else state.data.model_dump_json()
    return world[value.name]


PLACEHOLDER = 7_300_000  # an int url_for takes where a `Raw` goes, replaced afterwards


def _url(app, case: FormCase, world: dict) -> str:
    with app.test_request_context():
        args = {key: _resolve(value, world, app, case) for key, value in case.args.items()}
        if case.endpoint == "wizard.item" and args.get("item_id") == "new":
            args.pop("item_id")
        raws = {}
        for number, (key, value) in enumerate(sorted(args.items())):
            if isinstance(value, Raw):
                args[key] = PLACEHOLDER + number
                raws[PLACEHOLDER + number] = value.text
        url = url_for(case.endpoint, **args)
    for placeholder, text in raws.items():
        url = re.sub(rf"/{placeholder}(?=/|$|\?)", lambda _match: "/" + text, url)
    return url


def _client_with_token(app, log_in, user_id: int):
    """A client logged in as `user_id`, and a CSRF token valid for its session (as the
    page it posts from would have given it)."""
    client = app.test_client()
    log_in(client, user_id)
    with app.test_request_context():
        token = generate_csrf()
        raw = session["csrf_token"]
    with client.session_transaction() as client_session:
        client_session["csrf_token"] = raw
    return client, token


def run_form_case(app, case: FormCase, world: dict, catcher: ErrorCatcher,
                  log_in) -> tuple[int, bool]:
    """Post one case and apply the oracles; returns the status and whether anything may
    have been written. Raises `Failure`."""
    client, token = _client_with_token(app, log_in, world[f"user:{case.as_role}"])
    url = _url(app, case, world)
    data = MultiDict([(key, str(_resolve(value, world, app, case))) for key, value in case.pairs])
    if case.token == "valid":
        data.add("csrf_token", token)
    before = snapshot(app)
    catcher.records.clear()
    response = send(client, url, data, case.encoding,
                    {"Sec-Fetch-Site": case.site} if case.site else {})
    status = response.status_code
    body = response.get_data(as_text=True)
    response.close()
    if status >= 500:
        raise Failure(f"{status} from POST {url}\n" + "\n".join(catcher.records))
    if status < 400:
        if case.encoding not in ("urlencoded", "multipart"):
            raise Failure(f"{status} from POST {url} of a {case.encoding} body, not a form")
        if any(key == NAMELESS for key, _value in case.pairs) and case.encoding == "multipart":
            raise Failure(f"{status} from POST {url} with a nameless part")
    if case.token != "valid" and case.site != "same-origin" and SHOWN_AGAIN in body:
        raise Failure(f"POST {url} from another site, its token failed, shown again")
    saved_anyway = status == 400 and SAVED_ANYWAY in body
    # Without its token a post writes nothing, whatever the answer: the page shown again
    # may be a redirect (a workshop code that is no more, say).
    if (400 <= status < 500 and not saved_anyway) or case.token != "valid":
        changed = _changed(before, snapshot(app))
        if changed:
            raise Failure(f"{status} from POST {url} ({case.token} token), yet these tables "
                          f"changed: {changed}")
        return status, False
    for plan_id in _plans_touched(app, world, response.headers.get("Location", "")):
        check_plan_round_trips(app, plan_id)
    return status, True


def run_page_case(app, case: FormCase, world: dict, catcher: ErrorCatcher, log_in) -> int:
    """GET one page with the case's query: any answer but a 500. Raises `Failure`."""
    client = app.test_client()
    log_in(client, world[f"user:{case.as_role}"])
    url = _url(app, case, world)
    query = [(key, str(_resolve(value, world, app, case))) for key, value in case.pairs]
    catcher.records.clear()
    response = client.get(url, query_string=query)
    status = response.status_code
    response.close()
    if status >= 500:
        raise Failure(f"{status} from GET {url} {query!r}\n" + "\n".join(catcher.records))
    return status


def send(client, url: str, data: MultiDict, encoding: str, headers: dict):
    """POST `data` encoded as a form (see `post_form`) or as what no form is: a JSON
    object of it, JSON nested past any stack, or text. Those carry the CSRF token as a
    header, as a script would, so only the form guard stands in their way."""
    if encoding in ("urlencoded", "multipart"):
        return post_form(client, url, data, encoding == "multipart", headers)
    token = data.pop("csrf_token", None)
    headers = {**headers, **({"X-CSRFToken": token} if token else {})}
    if encoding == "text":
        return client.post(url, data="&".join(f"{k}={v}" for k, v in data.items(multi=True)),
                           content_type="text/plain", headers=headers)
    body = DEEP[0] if encoding == "json-deep" else json.dumps(data.to_dict())
    return client.post(url, data=body, content_type="application/json", headers=headers)


def post_form(client, url: str, data, multipart: bool, headers: dict | None = None):
    """POST `data`, as multipart encoded here in memory: the test client would spill a large
    body to a temporary file it never closes."""
    if not multipart:
        return client.post(url, data=data, headers=headers)
    boundary, body = encode_multipart(data)
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}",
                       headers=headers)


def _plans_touched(app, world: dict, location: str) -> list[int]:
    plans = {world["plan_id"]}
    match = re.search(r"/plans/(\d+)", location)
    if match:
        plans.add(int(match.group(1)))
    with app.app_context():
        existing = {summary.id for summary in PlanStore(db.session()).list_plans()}
    return sorted(plans & existing)


def run_import_case(app, plan_file, owner_id: int, catcher: ErrorCatcher, log_in) -> int:
    """Import one file: 302 with a plan that exports as the parsed file, or 400 with
    nothing written; never a 500. Raises `Failure`."""
    client, token = _client_with_token(app, log_in, owner_id)
    before = snapshot(app)
    catcher.records.clear()
    response = post_form(client, "/plans/import", {"csrf_token": token, "file": FileStorage(
        io.BytesIO(plan_file.raw), plan_file.filename, content_type=plan_file.content_type)},
        multipart=True)
    status = response.status_code
    location = response.headers.get("Location", "")
    response.close()
    if status >= 500:
        raise Failure(f"{status} from the import\n" + "\n".join(catcher.records))
    if status == 302:
        match = re.search(r"/plans/(\d+)", location)
        if not match:
            raise Failure(f"302 to {location!r}, not to a plan")
        with app.app_context():
            expected = parse_document(plan_file.raw)
            stored = PlanStore(db.session()).load(int(match.group(1))).document
        if not same_but_new_ids(export_json(expected), export_json(stored), plan_file.raw):
            diff = difflib.unified_diff(export_json(expected).splitlines(),
                                        export_json(stored).splitlines(), "file", "stored", n=1)
            raise Failure("the imported plan does not export as the file it came from:\n"
                          + "\n".join(list(diff)[:30]))
        check_plan_round_trips(app, int(match.group(1)))
        clear_plans(app)
        return status
    if status not in (400, 413):  # 413: larger than the app takes at all
        raise Failure(f"{status} from the import: expected 302, 400 or 413")
    changed = _changed(before, snapshot(app))
    if changed:
        raise Failure(f"a refused import changed these tables: {changed}")
    try:
        with app.app_context():
            parse_document(plan_file.raw)
    except (ImportProblem, ValueError, RecursionError):
        return status
    if plan_file.filename.lower().endswith(".json") and _looks_like_json(plan_file):
        raise Failure("a file that parses was refused")
    return status


def _looks_like_json(plan_file) -> bool:
    head = plan_file.raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    declared = plan_file.content_type.split(";")[0].strip().lower()
    return head == b"{" and declared in ("", "application/json", "text/json", "text/plain",
                                         "application/octet-stream")


def same_but_new_ids(expected: str, stored: str, raw: bytes) -> bool:
    """Two exports are the same, except for row ids the file did not have (a row without
    an id is given a new random one each time it is read)."""
    def same(a, b) -> bool:
        if isinstance(a, dict) and isinstance(b, dict):
            return a.keys() == b.keys() and all(
                same(a[key], b[key]) or (key == "id" and _made_up(a[key]) and _made_up(b[key]))
                for key in a)
        if isinstance(a, list) and isinstance(b, list):
            return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
        return a == b

    def _made_up(value) -> bool:
        return isinstance(value, str) and value.encode() not in raw

    return expected == stored or same(json.loads(expected), json.loads(stored))
