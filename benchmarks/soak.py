"""Soak test: two gunicorn instances over one PostgreSQL database, 40 editors saving at once.

What it does, all on 127.0.0.1:

1. Drops and re-creates its own database (default `soak`; the name must contain "soak"),
   runs `drafter init-db` on it, and creates the editors' accounts and the plans through
   the app's services (the strong sample plan, one per ordinary editor, plus one "hot"
   plan whose context section starts empty).
2. Starts two gunicorn instances of the app (2 workers each) on two free loopback ports,
   sharing the database and one DRAFTER_SECRET_KEY, with JSON request logs. gunicorn on
   its own rather than `drafter serve`: this is the shape of several web machines behind
   a proxy (`make serve WORKER=no`), not of `make run`; their task queue and report
   cache are in the run's temporary folder, and no worker takes the queued jobs.
3. Runs the editors for a bounded time (`--seconds`, default 300), each a thread with its
   own cookies, every request sent to one of the two instances at random: log in, then
   over and over GET a section page, read its `version` and CSRF token, "type" for a
   moment, POST the form with one field changed to a text carrying a unique marker, and
   follow the redirect. A share of the editors (`--hot-share`, default 30%) all work on
   the same section of the same plan at the same time, so their saves collide.
4. Prints throughput, latency per request type (median, p95), errors (5xx or transport),
   acknowledged saves (302) and saves refused as a conflict (409 with the conflict page),
   then checks the database: each acknowledged save's exact text is in `section_changes`
   at the version after the one its form was opened at, by its editor, one row per
   version (else it counts as a lost save); no refused save's text is anywhere in the
   section's history; each section as stored now is its latest logged version.
5. Stops the gunicorns (also on Ctrl+C or an error) and prints their logs' error lines.

Exits 1 when there were errors, lost saves or unexpected answers; 0 otherwise.

    .venv/bin/python benchmarks/soak.py [--seconds 300] [--editors 40] [--hot-share 0.3]
"""

from __future__ import annotations

import argparse
import http.client
import http.cookies
import json
import os
import random
import re
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOOPBACK = "127.0.0.1"
DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/soak"
PASSWORD = "soak-editor-password-2026"
CONFLICT_TITLE = "Someone else changed"
# (section, field): prose fields an ordinary editor changes, each a plain text in the JSON.
FIELDS = [("context", "conflict_analysis"), ("context", "baseline_summary"),
          ("about", "policy_links"), ("leadership", "accountability"),
          ("leadership", "parliament_role")]
HOT = ("context", "conflict_analysis")   # what the hot editors all change at once
KINDS = ("login GET", "login POST", "section GET", "save POST", "GET after save",
         "resolve POST")
SAVES = ("save POST", "resolve POST")   # the requests that write, verified afterwards
REQUEST_TIMEOUT = 60.0                    # seconds, for any one request
MAX_SAVES_PER_EDITOR = 100_000            # a bound on every editor's loop besides the clock


# --- the page a browser would see --------------------------------------------------------

class FormParser(HTMLParser):
    """The fields of the first form whose attributes `wanted` accepts (by default the
    wizard's, `data-wizard-form`), as a browser would submit them, without the buttons."""

    def __init__(self, wanted=lambda attrs: "data-wizard-form" in attrs):
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.fields: list[list[str]] = []   # [name, value] in page order
        self.in_form = False
        self.done = False
        self._textarea: list | None = None
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and self.wanted(a):
            self.in_form = True
            return
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append([name, a.get("value", "on")])
                return
            self.fields.append([name, a.get("value", "")])
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in a, "first": None,
                            "chosen": [], "option": None}
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._select["option"] = [value, ""]
            if self._select["first"] is None:
                self._select["first"] = self._select["option"]
            if "selected" in a:
                self._select["chosen"].append(self._select["option"])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        elif self._select is not None and self._select["option"] is not None:
            self._select["option"][1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True
        elif tag == "textarea" and self._textarea is not None:
            name, value = self._textarea
            if value.startswith("\r\n"):  # a browser drops the newline after <textarea>
                value = value[2:]
            elif value.startswith("\n"):
                value = value[1:]
            self.fields.append([name, value])
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"] or (
                [] if self._select["multiple"] or self._select["first"] is None
                else [self._select["first"]])
            for value, label in chosen:
                self.fields.append([self._select["name"], value if value is not None else label])
            self._select = None


CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def csrf_token(html: str) -> str | None:
    match = CSRF.search(html)
    return (match.group(1) or match.group(2)) if match else None


# --- one editor's browser -----------------------------------------------------------------

@dataclass
class Record:
    kind: str            # one of KINDS
    instance: int
    started: float       # seconds since the soak began
    latency: float       # seconds
    status: int | None   # None: transport error
    error: str = ""
    sent: dict | None = None   # for a save: plan, section, field, content, version, editor
    outcome: str = ""    # for a save: "saved", "conflict", "unexpected"


class Browser:
    """Cookies of one person, requests to one of the instances at random, every request
    recorded."""

    def __init__(self, ports: list[int], rng: random.Random, records: list, lock, t0: float):
        self.ports, self.rng, self.records, self.lock, self.t0 = ports, rng, records, lock, t0
        self.cookies: dict[str, str] = {}

    def request(self, kind: str, method: str, path: str, form: list | None = None,
                sent: dict | None = None, extra_headers: dict | None = None,
                binary: bool = False) -> tuple[Record, str | bytes, dict]:
        """Send one request and record it; the answer's text (its bytes if `binary`: a
        downloaded file) and its Location and ETag."""
        instance = self.rng.randrange(len(self.ports))
        headers = {"Host": f"{LOOPBACK}:{self.ports[instance]}", "Accept": "text/html",
                   **(extra_headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode([tuple(pair) for pair in form]).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        record = Record(kind, instance, started - self.t0, 0.0, None, sent=sent)
        text, response_headers = (b"" if binary else ""), {}
        connection = http.client.HTTPConnection(LOOPBACK, self.ports[instance],
                                                timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read()
            if not binary:
                text = text.decode("utf-8", "replace")
            record.status = response.status
            response_headers = {"location": response.getheader("Location", ""),
                                "etag": response.getheader("ETag", "")}
            for header in response.msg.get_all("Set-Cookie") or []:
                self._take_cookie(header)
        except (OSError, http.client.HTTPException) as error:
            record.error = f"{type(error).__name__}: {error}"
        finally:
            connection.close()
            record.latency = time.perf_counter() - started
            with self.lock:
                self.records.append(record)
        return record, text, response_headers

    def _take_cookie(self, header: str) -> None:
        jar = http.cookies.SimpleCookie()
        jar.load(header)
        for name, morsel in jar.items():
            expired = morsel["max-age"] == "0" or (
                morsel["expires"] and "1970" in morsel["expires"])
            if expired or morsel.value == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value


@dataclass
class Editor:
    number: int
    email: str
    user_id: int
    plan_id: int
    hot: bool
    saves: int = 0
    stopped: str = ""


def log_in(browser: Browser, editor: Editor, password: str = PASSWORD) -> bool:
    """Log in through the page, as `editor` (anything with an `email`)."""
    record, html, _headers = browser.request("login GET", "GET", "/login")
    token = csrf_token(html) if record.status == 200 else None
    if token is None:
        return False
    record, _html, headers = browser.request(
        "login POST", "POST", "/login",
        [["csrf_token", token], ["email", editor.email], ["password", password]])
    # Logged in: redirected to the list of plans (a wrong password answers 400).
    return record.status == 302 and urlsplit(headers["location"]).path == "/"


def think(rng: random.Random, low: float, high: float, deadline: float) -> None:
    time.sleep(max(0.0, min(rng.uniform(low, high), deadline - time.monotonic())))


def run_editor(editor: Editor, browser: Browser, rng: random.Random, deadline: float,
               think_range: tuple[float, float], run_id: str, keep_mine: float) -> None:
    try:
        if not log_in(browser, editor):
            editor.stopped = "could not log in"
            return
        while time.monotonic() < deadline and editor.saves < MAX_SAVES_PER_EDITOR:
            section, name = HOT if editor.hot else rng.choice(FIELDS)
            path = f"/plans/{editor.plan_id}/{section}"
            record, html, _headers = browser.request("section GET", "GET", path)
            if record.status != 200:
                think(rng, *think_range, deadline)
                continue
            form, version = section_form(html, name)
            if version is None:
                editor.stopped = f"no form with {name} on {path}"
                return
            think(rng, *think_range, deadline)   # typing
            editor.saves += 1
            content = (f"Soak {run_id} editor {editor.number:02d} save {editor.saves:05d} "
                       f"{secrets.token_hex(6)}: a changed paragraph of the plan.")
            sent = {"editor": editor.number, "user_id": editor.user_id, "plan": editor.plan_id,
                    "section": section, "field": name, "content": content, "version": version}
            submit_change(browser, rng, path, form, name, sent, keep_mine)
            think(rng, *think_range, deadline)   # reading, before the next change
    except Exception as error:  # noqa: BLE001 - a bug in the soak itself: report it
        editor.stopped = f"{type(error).__name__}: {error}"


def section_form(html: str, name: str) -> tuple[list[list[str]], int | None]:
    """The wizard form on a section page and the version it was opened at; None for the
    version when the page has no such form or no field `name`."""
    parser = FormParser()
    parser.feed(html)
    form = parser.fields
    version = next((int(v) for k, v in form if k == "version"), None)
    return form, version if any(k == name for k, _v in form) else None


def submit_change(browser: Browser, rng: random.Random, path: str, form: list[list[str]],
                  name: str, sent: dict, keep_mine: float) -> Record:
    """Post the form with field `name` changed to `sent["content"]`, pressing one of the
    two save buttons at random, and follow what the app answers: the next page after a
    save; after a conflict, "Keep my version" with the chance `keep_mine` (else the
    saved version is kept). The record's outcome says which it was."""
    form = [[k, sent["content"] if k == name else v] for k, v in form]
    form.append(rng.choice([["continue", "1"], ["later", "1"]]))
    record, html, headers = browser.request("save POST", "POST", path, form, sent)
    if record.status == 302:
        record.outcome = "saved"
        location = urlsplit(headers["location"])
        browser.request("GET after save", "GET",
                        location.path + (f"?{location.query}" if location.query else ""))
    elif record.status == 409 and CONFLICT_TITLE in html:
        record.outcome = "conflict"
        if rng.random() < keep_mine:
            keep_my_version(browser, html, path, sent)
    else:
        record.outcome = "unexpected"
        record.error = record.error or _page_title(html)
    return record


def keep_my_version(browser: Browser, html: str, path: str, sent: dict) -> None:
    """Press "Keep all of my version" on the conflict page (its button posts keep=mine;
    the other one wants a choice for each difference): a save over the version it shows."""
    parser = FormParser(lambda attrs: (attrs.get("action") or "").endswith("/resolve"))
    parser.feed(html)
    form = dict(parser.fields)
    if "version" not in form or "payload" not in form:
        raise RuntimeError(f"no 'Keep my version' form on the conflict page of {path}")
    sent = dict(sent, version=int(form["version"]), resolve=True)
    record, html, _headers = browser.request("resolve POST", "POST", f"{path}/resolve",
                                             [*parser.fields, ["keep", "mine"]], sent)
    if record.status == 302:
        record.outcome = "saved"
    elif record.status == 409 and CONFLICT_TITLE in html:
        record.outcome = "conflict"   # moved on again meanwhile: this time keep theirs
    else:
        record.outcome = "unexpected"
        record.error = record.error or _page_title(html)


def _page_title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
    return " ".join(match.group(1).split())[:120] if match else html[:120]


# --- the database and the servers -------------------------------------------------------------

def _psycopg_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def recreate_database(url: str, must_contain: str = "soak") -> None:
    """Drop and create the PostgreSQL database of `url`: only a local one whose name
    contains `must_contain`, so that no other database can be dropped by mistake."""
    import psycopg

    parts = urlsplit(_psycopg_url(url))
    name = parts.path.lstrip("/")
    if parts.hostname not in (LOOPBACK, "localhost") or must_contain not in name:
        raise SystemExit(f"refusing to drop {url}: only a database named *{must_contain}* "
                         f"on 127.0.0.1")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def tool(name: str) -> str:
    """A command of the virtualenv this script runs in (gunicorn, drafter)."""
    candidate = Path(sys.executable).parent / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found next to {sys.executable} nor on PATH")
    return found


def seed(url: str, editors: int, hot_share: float, rng: random.Random) -> list[Editor]:
    """Accounts and plans through the app's services: each ordinary editor edits a plan of
    their own (the strong sample); the hot editors share one plan."""
    from sqlalchemy.orm import Session

    from drafter.auth.service import create_user
    from drafter.db import make_engine
    from drafter.members.service import set_role
    from drafter.paths import resource
    from drafter.plan.schema import SECTION_MODELS
    from drafter.plan.store import PlanStore
    from drafter.plan.transfer import parse_document

    sample = parse_document((resource("samples") / "strong-plan.json").read_bytes())
    hot_count = round(editors * hot_share)
    engine = make_engine(url)
    result = []
    with Session(engine, expire_on_commit=False) as session:
        store = PlanStore(session)
        owner = create_user(session, "owner@soak.example", "Soak owner", PASSWORD)
        # The hot section starts empty, so the first saves race to create its row.
        hot_document = sample.model_copy(update={HOT[0]: SECTION_MODELS[HOT[0]]()})
        hot_plan = store.create_plan(hot_document, owner_id=owner.id)
        hot_numbers = set(rng.sample(range(editors), hot_count))
        for number in range(editors):
            email = f"editor{number:02d}@soak.example"
            user = create_user(session, email, f"Soak editor {number:02d}", PASSWORD)
            if number in hot_numbers:
                plan_id = hot_plan
            else:
                plan_id = store.create_plan(sample, owner_id=owner.id)
            set_role(session, plan_id, user.id, "editor")
            result.append(Editor(number, email, user.id, plan_id, number in hot_numbers))
    engine.dispose()
    return result


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def isolated_env(database_url: str, work: Path) -> dict:
    """The app's environment for a run: its own database, secret key, task queue and
    report cache (in `work`), JSON request logs; nothing in the checkout's instance/
    folder, so that a `make run` there never takes this run's queued jobs."""
    env = dict(os.environ, DRAFTER_DATABASE_URL=database_url,
               DRAFTER_SECRET_KEY=secrets.token_hex(32), DRAFTER_LOG_FORMAT="json",
               DRAFTER_QUEUE_URL=f"sqlite:///{work / 'jobs.sqlite'}",
               DRAFTER_REPORT_CACHE_DIR=str(work / "report-cache"))
    env.pop("DRAFTER_HTTPS", None)
    env.pop("DRAFTER_BEHIND_PROXY", None)
    return env


def _start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    handle = log.open("wb")
    try:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle,
                                stderr=subprocess.STDOUT,
                                start_new_session=True)  # its own process group
    finally:
        handle.close()


def start_gunicorn(env: dict, port: int, workers: int, log: Path) -> subprocess.Popen:
    """gunicorn on its own, without the task queue's worker: one of several web machines
    behind a proxy, which is what this soak measures (the reports made after each save
    wait in the run's own queue file; nothing makes them)."""
    return _start([tool("gunicorn"), "--workers", str(workers), "--bind", f"{LOOPBACK}:{port}",
                   "--timeout", "120", "--graceful-timeout", "30", "drafter:create_app()"],
                  env, log)


def start_serve(env: dict, port: int, log: Path, options: list[str]) -> subprocess.Popen:
    """`drafter serve`, the command `make run` runs: gunicorn (threaded workers) and the
    task queue's worker, which it starts in a session of its own and stops when it stops."""
    return _start([tool("drafter"), "serve", "--host", LOOPBACK, "--port", str(port),
                   *options], env, log)


def wait_healthy(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if process.poll() is not None:
            raise SystemExit(f"the server on port {port} exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection(LOOPBACK, port, timeout=5)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.25)
    raise SystemExit(f"the server on port {port} did not answer /health in {seconds:.0f} s")


def stop_server(process: subprocess.Popen) -> None:
    """SIGTERM to the server's process group (gunicorn's master and workers; `drafter
    serve` then stops its queue worker itself), SIGKILL if it has not gone in 35 s."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=35)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


# --- what happened ---------------------------------------------------------------------------

def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f}"


def verify(url: str, saves: list[Record], plan_ids: set[int], initial: dict) -> dict:
    """Compare what the server acknowledged and refused with the history in the database."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from drafter.db import make_engine
    from drafter.models import PlanSection, SectionChange

    engine = make_engine(url)
    with Session(engine) as session:
        changes = session.execute(select(
            SectionChange.plan_id, SectionChange.key, SectionChange.version, SectionChange.data,
            SectionChange.user_id).where(SectionChange.plan_id.in_(plan_ids))).all()
        current = session.execute(select(PlanSection.plan_id, PlanSection.key,
                                         PlanSection.version, PlanSection.data)
                                  .where(PlanSection.plan_id.in_(plan_ids))).all()
    engine.dispose()

    by_version: dict[tuple, list] = defaultdict(list)
    history: dict[tuple, list[str]] = defaultdict(list)
    for plan_id, key, version, data, user_id in changes:
        by_version[(plan_id, key, version)].append((data, user_id))
        history[(plan_id, key)].append(data)
    duplicate_versions = sum(1 for rows in by_version.values() if len(rows) > 1)

    lost, claimed = [], set()
    for record in saves:
        if record.outcome != "saved":
            continue
        sent = record.sent
        slot = (sent["plan"], sent["section"], sent["version"] + 1)
        rows = by_version.get(slot, [])
        ok = (len(rows) == 1 and slot not in claimed and rows[0][1] == sent["user_id"]
              and json.loads(rows[0][0]).get(sent["field"]) == sent["content"])
        claimed.add(slot)
        if not ok:
            lost.append(sent)
    # A refused text may be in the database only if its writer then kept it, acknowledged.
    kept = {record.sent["content"] for record in saves if record.outcome == "saved"}
    leaked = [record.sent for record in saves if record.outcome == "conflict"
              and record.sent["content"] not in kept
              and any(record.sent["content"] in data
                      for data in history[(record.sent["plan"], record.sent["section"])])]
    # Versions written during the soak that no acknowledged save accounts for.
    unexplained = [slot for slot in by_version
                   if slot[2] > initial.get(slot[:2], 0) and slot not in claimed]
    logs = {(p, k, v): rows[0][0] for (p, k, v), rows in by_version.items()}
    latest: dict[tuple, int] = defaultdict(int)
    for p, k, v in by_version:
        latest[(p, k)] = max(latest[(p, k)], v)
    # Each section as stored now is the latest version its history logged, byte for byte.
    stale_rows = [(p, k, v) for p, k, v, data in current
                  if latest[(p, k)] != v or logs.get((p, k, v)) != data]
    return {"lost": lost, "leaked": leaked, "duplicate_versions": duplicate_versions,
            "unexplained": unexplained, "stale_rows": stale_rows, "history_rows": len(changes)}


def initial_versions(url: str, plan_ids: set[int]) -> dict:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from drafter.db import make_engine
    from drafter.models import PlanSection

    engine = make_engine(url)
    with Session(engine) as session:
        rows = session.execute(select(PlanSection.plan_id, PlanSection.key, PlanSection.version)
                               .where(PlanSection.plan_id.in_(plan_ids))).all()
    engine.dispose()
    return {(p, k): v for p, k, v in rows}


def server_side(logs: list[Path], until: dict[Path, int] | None = None, *,
                after: bool = False) -> tuple[list[float], list[str]]:
    """Durations the app logged for its requests (ms), and the logs' error lines. Of a
    log in `until`, only its first `until[log]` bytes (what it held when the server was
    told to stop), or with `after` only the rest (what it wrote while stopping)."""
    durations, errors = [], []
    for path in logs:
        data = path.read_bytes()
        cut = (until or {}).get(path, len(data))
        for line in (data[cut:] if after else data[:cut]).decode(errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                entry = None
            if isinstance(entry, dict):
                if entry.get("message") == "request" and "ms" in entry:
                    durations.append(float(entry["ms"]))
                if entry.get("level") in ("ERROR", "CRITICAL") or int(entry.get("status") or 0) >= 500:
                    errors.append(f"{path.name}: {line[:400]}")
            elif re.search(r"\[(ERROR|CRITICAL)\]|Traceback|WORKER TIMEOUT|Exception", line):
                errors.append(f"{path.name}: {line[:400]}")
    return durations, errors


def progress(stop: threading.Event, records: list, lock, t0: float, interval: float) -> None:
    while not stop.wait(interval):
        with lock:
            snapshot = list(records)
        saves = [r for r in snapshot if r.kind in SAVES]
        print(f"  {time.perf_counter() - t0:6.0f} s: {len(snapshot)} requests, "
              f"{sum(r.outcome == 'saved' for r in saves)} saved, "
              f"{sum(r.outcome == 'conflict' for r in saves)} conflicts, "
              f"{sum(r.status is None or r.status >= 500 for r in snapshot)} errors; "
              f"load {os.getloadavg()[0]:.2f}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=300, help="how long the editors work")
    parser.add_argument("--editors", type=int, default=40)
    parser.add_argument("--hot-share", type=float, default=0.3,
                        help="share of editors all changing the same section of one plan")
    parser.add_argument("--keep-mine", type=float, default=0.3,
                        help="share of refused saves whose writer then presses 'Keep my version'")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 8.0), metavar=("MIN", "MAX"),
                        help="seconds an editor spends typing before a save, and reading after")
    parser.add_argument("--database-url", default=os.environ.get("SOAK_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    if not 0 < args.seconds <= 3600 or not 1 <= args.editors <= 200:
        parser.error("--seconds must be in (0, 3600] and --editors in [1, 200]")

    seed_value = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed_value)
    run_id = secrets.token_hex(3)
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    env = isolated_env(args.database_url, work)
    print(f"Soak {run_id}: {args.editors} editors ({args.hot_share:.0%} on one section), "
          f"{args.seconds:.0f} s, 2 instances x {args.workers} workers, think {args.think[0]}-"
          f"{args.think[1]} s, seed {seed_value}")
    print(f"  database {args.database_url}; logs in {work}")
    print(f"  load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} CPUs)")

    processes: list[subprocess.Popen] = []
    try:
        recreate_database(args.database_url)
        subprocess.run([tool("drafter"), "init-db"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, timeout=300)
        os.environ["DRAFTER_DATABASE_URL"] = args.database_url   # for the services used here
        editors = seed(args.database_url, args.editors, args.hot_share, rng)
        plan_ids = {e.plan_id for e in editors}
        initial = initial_versions(args.database_url, plan_ids)

        ports = [free_port(), free_port()]
        while ports[1] == ports[0]:
            ports[1] = free_port()
        logs = [work / f"gunicorn-{i}-{port}.log" for i, port in enumerate(ports)]
        for port, log in zip(ports, logs):
            processes.append(start_gunicorn(env, port, args.workers, log))
        for port, process in zip(ports, processes):
            wait_healthy(port, process)
        print(f"  instances on {LOOPBACK}:{ports[0]} and {LOOPBACK}:{ports[1]}")

        records: list[Record] = []
        lock = threading.Lock()
        t0 = time.perf_counter()
        deadline = time.monotonic() + args.seconds
        threads = []
        for editor in editors:
            browser = Browser(ports, random.Random(rng.random()), records, lock, t0)
            thread = threading.Thread(target=run_editor, daemon=True, args=(
                editor, browser, random.Random(rng.random()), deadline, tuple(args.think), run_id,
                args.keep_mine))
            threads.append(thread)
        stop = threading.Event()
        reporter = threading.Thread(target=progress, daemon=True,
                                    args=(stop, records, lock, t0, max(5.0, args.seconds / 10)))
        reporter.start()
        ramp = min(20.0, args.seconds / 5) / len(threads)
        for thread in threads:
            thread.start()
            time.sleep(ramp)   # people arrive over the first minutes, not all at once
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()) + 2 * REQUEST_TIMEOUT)
        elapsed = time.perf_counter() - t0
        stop.set()
        still = sum(t.is_alive() for t in threads)
        load_end = os.getloadavg()
        with lock:
            records = list(records)
    finally:
        for process in processes:
            stop_server(process)

    with (work / "requests.jsonl").open("w") as out:   # every request: what, when, answer
        for r in records:
            out.write(json.dumps(r.__dict__) + "\n")
    return report(args, records, editors, elapsed, still, load_end, plan_ids, initial, logs)


def report(args, records, editors, elapsed, still, load_end, plan_ids, initial, logs) -> int:
    saves = [r for r in records if r.kind in SAVES]
    saved = [r for r in saves if r.outcome == "saved"]
    conflicts = [r for r in saves if r.outcome == "conflict"]
    errors = [r for r in records if r.status is None or r.status >= 500]
    unexpected = [r for r in records if r.status is not None and r.status < 500 and (
        r.outcome == "unexpected" or (r.kind not in SAVES and r.status not in (
            {"login POST": (302,)}.get(r.kind, (200,)))))]
    hot_saves = [r for r in saves if r.sent["plan"] in {e.plan_id for e in editors if e.hot}]

    print()
    print(f"Ran {elapsed:.1f} s; load average at end: "
          f"{' '.join(f'{x:.2f}' for x in load_end)}")
    print(f"Requests: {len(records)} ({len(records) / elapsed:.1f}/s); "
          f"saves tried: {len(saves)} ({len(saves) / elapsed:.2f}/s); "
          f"acknowledged saves: {len(saved) / elapsed:.2f}/s")
    per_instance = Counter(r.instance for r in records)
    print(f"Spread over the instances: {per_instance[0]} / {per_instance[1]} requests")
    print()
    print(f"{'latency (ms)':<22}{'count':>7}{'median':>9}{'p95':>9}{'max':>9}")
    for kind in KINDS:
        values = [r.latency for r in records if r.kind == kind and r.status is not None]
        if values:
            print(f"{kind:<22}{len(values):>7}{ms(statistics.median(values)):>9}"
                  f"{ms(percentile(values, 0.95)):>9}{ms(max(values)):>9}")
    for label, group in (("  save POST -> 302", [r for r in saved if r.kind == "save POST"]),
                         ("  save POST -> 409", [r for r in conflicts if r.kind == "save POST"])):
        values = [r.latency for r in group]
        if values:
            print(f"{label:<22}{len(values):>7}{ms(statistics.median(values)):>9}"
                  f"{ms(percentile(values, 0.95)):>9}{ms(max(values)):>9}")
    every = [r.latency for r in records if r.status is not None]
    if every:
        print(f"{'all requests':<22}{len(every):>7}{ms(statistics.median(every)):>9}"
              f"{ms(percentile(every, 0.95)):>9}{ms(max(every)):>9}")
    # Editing (section GET, save POST, GET after save) once every editor had logged in:
    # the log-ins (Argon2, about 0.1-0.4 s of CPU each) are over by then.
    logged_in = max((r.started + r.latency for r in records if r.kind == "login POST"),
                    default=0.0)
    steady = [r.latency for r in records if r.status is not None
              and r.kind not in ("login GET", "login POST") and r.started > logged_in]
    if steady:
        print(f"{'editing, after log-ins':<22}{len(steady):>7}{ms(statistics.median(steady)):>9}"
              f"{ms(percentile(steady, 0.95)):>9}{ms(max(steady)):>9}"
              f"   (from {logged_in:.0f} s on)")
    durations, log_errors = server_side(logs)
    if durations:
        print(f"{'(in the app, logged)':<22}{len(durations):>7}"
              f"{statistics.median(durations):>9.1f}{percentile(durations, 0.95):>9.1f}"
              f"{max(durations):>9.1f}")
    windows = 5
    span = max(elapsed, 1e-9) / windows
    print()
    print("over time:   " + "  ".join(
        f"{i * span:4.0f}-{(i + 1) * span:<4.0f}s" for i in range(windows)))
    for label in ("requests/s", "p95 ms"):
        cells = []
        for i in range(windows):
            group = [r.latency for r in records if r.status is not None
                     and i * span <= r.started < (i + 1) * span]
            if label == "requests/s":
                cells.append(f"{len(group) / span:10.1f}")
            else:
                cells.append(f"{percentile(group, 0.95) * 1000:10.0f}" if group else f"{'-':>10}")
        print(f"{label:<12}" + "  ".join(cells))
    print()
    print(f"Errors (5xx or transport): {len(errors)}")
    for r in errors[:20]:
        print(f"  {r.kind} on instance {r.instance} at {r.started:.1f} s: "
              f"{r.status or r.error} {r.sent or ''}")
    print(f"Unexpected answers (other statuses): {len(unexpected)}")
    for r in unexpected[:20]:
        print(f"  {r.kind} -> {r.status} {r.error!r} {r.sent or ''}")
    resolved = [r for r in saved if r.kind == "resolve POST"]
    print(f"Acknowledged saves (302): {len(saved)} ({len(resolved)} of them by 'Keep my "
          f"version' after a conflict)")
    print(f"Refused as a conflict (409, conflict page shown): {len(conflicts)} "
          f"({sum(r.kind == 'resolve POST' for r in conflicts)} of them 'Keep my version' "
          f"refused again)")
    print(f"  on the shared section: {len(hot_saves)} saves, "
          f"{sum(r.outcome == 'saved' for r in hot_saves)} acknowledged, "
          f"{sum(r.outcome == 'conflict' for r in hot_saves)} refused")
    stopped = [e for e in editors if e.stopped]
    for e in stopped:
        print(f"  editor {e.number:02d} stopped: {e.stopped}")
    if still:
        print(f"  {still} editor threads still running after the time allowed")

    result = verify(args.database_url, saves, plan_ids, initial)
    print()
    print(f"Database check ({result['history_rows']} rows of section history):")
    print(f"  lost saves (acknowledged, not in the history at the next version): "
          f"{len(result['lost'])}")
    for sent in result["lost"][:20]:
        print(f"    {sent}")
    print(f"  refused saves whose text is in the database anyway: {len(result['leaked'])}")
    for sent in result["leaked"][:20]:
        print(f"    {sent}")
    print(f"  versions logged twice: {result['duplicate_versions']}; versions written by no "
          f"acknowledged save: {len(result['unexplained'])}; sections not at their latest "
          f"logged version: {len(result['stale_rows'])}")
    print()
    print(f"Gunicorn log error lines: {len(log_errors)}")
    for line in log_errors[:50]:
        print(f"  {line}")

    failures = (len(errors) + len(result["lost"]) + len(result["leaked"]) + len(unexpected)
                + result["duplicate_versions"] + len(result["unexplained"])
                + len(result["stale_rows"]) + len(stopped) + still + len(log_errors))
    p95 = percentile(steady, 0.95) if steady else 0.0
    print()
    print(f"Result: {'PASS' if failures == 0 else 'FAIL'} (errors {len(errors)}, lost saves "
          f"{len(result['lost'])}; p95 of editing requests {p95 * 1000:.0f} ms, target under "
          f"200 ms: {'met' if p95 < 0.2 else 'NOT met'}; client CPU "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_utime:.0f} s)")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
