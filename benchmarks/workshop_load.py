"""Workshop load test: 30 teams of 2 participants editing for 5 minutes while the trainer's
dashboard polls, against the app as `make run` serves it, on SQLite and then on PostgreSQL.

What it does, all on 127.0.0.1, once per database (`--database sqlite|postgres|both`):

1. A fresh database: a new SQLite file in a temporary folder, or its own PostgreSQL
   database (dropped and re-created; its name must contain "workshop_load"). Runs
   `drafter init-db` on it, then seeds through the app's services a trainer account
   (known password) and a workshop on the weak sample scenario, scored against the
   csag-2012 checklist.
2. Starts the app as `make run` does: `drafter serve` (gunicorn with threaded workers,
   `--workers` processes, default 3 as `make run`'s; and the task queue's worker, which
   makes each team plan's PDF draft and gap report a few seconds after its last save) on
   a free loopback port, with JSON request logs, its task queue and its report cache in
   the run's temporary folder (never the checkout's instance/).
3. The trainer (`--trainers` browsers, default 1, all logged in as the trainer) logs in
   through /login, opens the dashboard page and polls its table every 5 seconds like the
   page's script: `fetch(..., {cache: "no-cache"})`, so the browser sends If-None-Match
   with the ETag it holds and an unchanged table is a 304.
4. The participants (`--teams` x `--per-team`) arrive over the first 20 seconds and join
   through the pages, as real ones do: GET /join/<code>, then POST it; the first of a team
   names a new team, the others pick it by the id its radio button carries. Then each
   one edits until the time is up: GET a section page, "type" for 3-12 s, POST the form
   with one prose field changed to a text carrying a unique marker, follow the redirect,
   read for a moment, again. Teammates often open the section the other one is on, so
   their saves collide: a 409 must show the conflict page; then the participant either
   presses "Keep my version" or moves on (soak.py's behaviour).
5. Prints requests per second, latency per kind of request (count, median, p95, max),
   the p95 of editing and dashboard requests together (the figure the target of 150 ms is
   about; joins and log-ins are apart: Argon2 is slow on purpose), errors (5xx or
   transport), acknowledged saves and conflicts, then checks the database: every save the
   server acknowledged is in `section_changes` at the version after the one its form was
   opened at (soak.verify). Also the app's own logged durations per endpoint, the peak
   memory of the server's processes (web and queue worker) and the machine's load
   average (it is shared).
6. Stops the server (SIGTERM to its process group; `drafter serve` stops its worker) and
   checks that none of its processes is left running.

Exits 1 when there were errors, lost saves, unexpected answers, errors in the logs or
processes left behind.

    .venv/bin/python benchmarks/workshop_load.py [--database both] [--seconds 300]
        [--teams 30] [--per-team 2] [--workers 3] [--trainers 1]

The browser, form parsing, server handling and the database check come from soak.py;
`run_once` takes an `Addition` (benchmarks/reports_load.py adds report downloads).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import soak  # noqa: E402  (the soak test's browser, servers and database check)
from soak import (  # noqa: E402
    ROOT,
    Browser,
    FormParser,
    Record,
    ms,
    percentile,
    think,
)

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/workshop_load"
DATABASE_MARK = "workshop_load"        # the only PostgreSQL database this may drop
TRAINER_EMAIL = "trainer@workshop-load.example"
TRAINER_PASSWORD = "workshop-load-trainer-2026"
POLL_SECONDS = 5.0                     # the dashboard's data-poll-seconds
TARGET_P95 = 0.150                     # seconds, for editing and dashboard requests
# (section, field): prose fields of the weak sample a team writes. The last three
# sections are empty in the scenario, so their first save creates the row (and two
# teammates may race to create it).
FIELDS = [("about", "policy_links"),
          ("context", "conflict_analysis"), ("context", "gendered_impacts"),
          ("context", "baseline_summary"), ("context", "existing_programmes"),
          ("leadership", "accountability"), ("leadership", "parliament_role"),
          ("leadership", "capacity_building"),
          ("consultation", "process_summary"), ("consultation", "how_input_was_used"),
          ("pillars", "vision"), ("pillars", "theory_of_change"),
          ("monitoring", "data_collection"), ("localisation", "dissemination_plan"),
          ("review", "lessons_from_previous")]
PROSE = ("The ministry will convene the women's organisations of each province before "
         "the budget cycle, and report to parliament on what was done with their advice. ")
# Kinds of request, in the order printed. Joins and log-ins are reported apart.
EDITING = ("task list GET", "section GET", "save POST", "GET after save", "resolve POST")
DASHBOARD = ("dashboard page", "dashboard poll 200", "dashboard poll 304")
ARRIVAL = ("join GET", "join POST", "login GET", "login POST")
KINDS = EDITING + DASHBOARD + ARRIVAL
SAVES = soak.SAVES                      # ("save POST", "resolve POST")
# The statuses each kind may answer with; saves are judged by their outcome instead.
EXPECTED = {"join POST": (302,), "login POST": (302,), "dashboard poll 200": (200,),
            "dashboard poll 304": (304,)}


# --- the people -----------------------------------------------------------------------------

class Deadline:
    """When the people stop, on time.monotonic's clock: `at`, which an Addition may push
    back while they work (reports_load keeps them editing until its downloads are done)."""

    def __init__(self, seconds: float):
        self.at = time.monotonic() + seconds

    def left(self) -> float:
        return max(0.0, self.at - time.monotonic())


@dataclass
class TeamState:
    """What teammates know of each other: the team once it exists, and which section
    each one has open (so that the others sometimes open it too)."""
    index: int
    name: str
    created: threading.Event = field(default_factory=threading.Event)
    plan_id: int | None = None
    open_section: str | None = None


@dataclass
class Participant:
    team: TeamState
    number: int          # 0 creates the team, the others join it
    name: str            # unique in the run: their guest account is found by it afterwards
    plan_id: int | None = None
    saves: int = 0
    stopped: str = ""


class TeamChoices(HTMLParser):
    """The join page's radio buttons: team name -> the value to post."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}    # input id -> value
        self.labels: dict[str, str] = {}    # team name -> value
        self._label_for: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") == "radio" and a.get("name") == "team":
            self.values[a.get("id", "")] = a.get("value", "")
        elif tag == "label" and a.get("for") in self.values:
            self._label_for, self._text = a["for"], ""

    def handle_data(self, data):
        if self._label_for is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "label" and self._label_for is not None:
            self.labels[" ".join(self._text.split())] = self.values[self._label_for]
            self._label_for = None


def join_through_pages(browser: Browser, code: str, person: Participant) -> bool:
    """GET /join/<code>, fill in the form (a new team, or the team's radio), POST it and
    follow the redirect to the team plan's task list. False if anything went wrong."""
    team = person.team
    path = f"/join/{code}"
    record, html, _headers = browser.request("join GET", "GET", path)
    if record.status != 200:
        person.stopped = f"join page answered {record.status}"
        return False
    parser = FormParser(lambda attrs: (attrs.get("action") or "") == path)
    parser.feed(html)
    form = [pair for pair in parser.fields if pair[0] not in ("team", "new_team", "your_name")]
    if person.number == 0:
        form += [["team", "new"], ["new_team", team.name]]
    else:
        choices = TeamChoices()
        choices.feed(html)
        if team.name not in choices.labels:
            person.stopped = f"team {team.name!r} not offered on the join page"
            return False
        form += [["team", choices.labels[team.name]], ["new_team", ""]]
    form.append(["your_name", person.name])
    if not any(name == "csrf_token" for name, _value in form):
        person.stopped = "no CSRF token on the join page"
        return False
    think(browser.rng, 2.0, 5.0, float("inf"))   # typing one's name
    record, html, headers = browser.request("join POST", "POST", path, form)
    location = urlsplit(headers.get("location", "")).path
    match = re.fullmatch(r"/plans/(\d+)", location)
    if record.status != 302 or match is None:
        record.error = record.error or soak._page_title(html)
        person.stopped = f"join answered {record.status} {record.error!r}"
        return False
    person.plan_id = int(match.group(1))
    browser.request("task list GET", "GET", location)
    return True


def content_for(run_id: str, person: Participant, rng: random.Random) -> str:
    """A paragraph or a few, as typed in a workshop, with a marker found again afterwards."""
    marker = (f"Workshop {run_id} team {person.team.index:02d} member {person.number} "
              f"save {person.saves:05d} {secrets.token_hex(6)}.")
    # Without trailing spaces: the app strips a field's text, and the check compares it.
    return f"{marker} {(PROSE * rng.randint(1, 6)).strip()}"


def choose_field(team: TeamState, rng: random.Random, same_section: float) -> tuple[str, str]:
    """A random prose field; often one in the section a teammate has open."""
    if team.open_section and rng.random() < same_section:
        return rng.choice([pair for pair in FIELDS if pair[0] == team.open_section])
    return rng.choice(FIELDS)


def run_participant(person: Participant, browser: Browser, rng: random.Random, code: str,
                    deadline: Deadline, args, run_id: str) -> None:
    team = person.team
    try:
        if person.number > 0:
            # The team must exist before it can be chosen on the join page.
            if not team.created.wait(timeout=deadline.left()):
                person.stopped = "the team was never created"
                return
            think(rng, 0.5, 3.0, deadline.at)
        joined = join_through_pages(browser, code, person)
        if person.number == 0:
            team.plan_id = person.plan_id
            team.created.set()
        if not joined:
            return
        while deadline.left() > 0:
            edit_once(person, browser, rng, deadline, args, run_id)
    except Exception as error:  # noqa: BLE001 - a bug in this script: report it
        person.stopped = f"{type(error).__name__}: {error}"
        team.created.set()


def edit_once(person: Participant, browser: Browser, rng: random.Random, deadline: Deadline,
              args, run_id: str) -> None:
    """One change: open a section, type, save, see where the save leads, read."""
    team = person.team
    section, name = choose_field(team, rng, args.same_section)
    path = f"/plans/{person.plan_id}/{section}"
    record, html, _headers = browser.request("section GET", "GET", path)
    if record.status != 200:
        think(rng, *args.read, deadline.at)
        return
    team.open_section = section
    form, version = soak.section_form(html, name)
    if version is None:
        raise RuntimeError(f"no form with {name} on {path}")
    # Typing. Someone still typing when the time is up leaves without saving: cutting the
    # typing short instead would send every participant's last save in the same instant.
    typing = rng.uniform(*args.type)
    if typing > deadline.left():
        time.sleep(deadline.left())
        return
    time.sleep(typing)
    person.saves += 1
    content = content_for(run_id, person, rng)
    sent = {"who": person.name, "plan": person.plan_id, "section": section, "field": name,
            "content": content, "version": version}
    soak.submit_change(browser, rng, path, form, name, sent, args.keep_mine)
    think(rng, *args.read, deadline.at)   # reading what the page says, before the next change


@dataclass
class Trainer:
    email: str = TRAINER_EMAIL   # what soak.log_in reads
    stopped: str = ""
    polls: int = 0


def run_trainer(trainer: Trainer, browser: Browser, rng: random.Random, workshop_id: int,
                logged_in: threading.Event, deadline: Deadline) -> None:
    """Log in, open the dashboard, then poll its table every 5 s until the time is up,
    with the ETag last received as If-None-Match (fetch with cache: "no-cache")."""
    try:
        ok = soak.log_in(browser, trainer, TRAINER_PASSWORD)
        logged_in.set()
        if not ok:
            trainer.stopped = "could not log in"
            return
        browser.request("dashboard page", "GET", f"/workshops/{workshop_id}")
        etag = ""
        next_poll = time.monotonic() + rng.uniform(0, POLL_SECONDS)
        while True:
            # setInterval: every 5 s from the page's load, however long a poll takes.
            time.sleep(max(0.0, next_poll - time.monotonic()))
            if deadline.left() <= 0:
                return
            next_poll += POLL_SECONDS
            record, _html, headers = browser.request(
                "dashboard poll", "GET", f"/workshops/{workshop_id}/teams?sort=name",
                extra_headers={"If-None-Match": etag} if etag else None)
            # Named by its answer; a transport error counts with the 200s (and as an error).
            record.kind = f"dashboard poll {record.status or 200}"
            trainer.polls += 1
            if record.status == 200 and headers.get("etag"):
                etag = headers["etag"]
    except Exception as error:  # noqa: BLE001
        trainer.stopped = f"{type(error).__name__}: {error}"
    finally:
        logged_in.set()


# --- the database, the seed and the server ----------------------------------------------------

def fresh_database(kind: str, work: Path, postgres_url: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{work / 'workshop_load.sqlite'}"
    soak.recreate_database(postgres_url, must_contain=DATABASE_MARK)
    return postgres_url


def seed(url: str) -> tuple[int, str]:
    """The trainer's account and the workshop, through the services; (id, join code)."""
    from sqlalchemy.orm import Session

    from drafter.auth.service import create_user
    from drafter.db import make_engine
    from drafter.workshops import service

    engine = make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        trainer = create_user(session, TRAINER_EMAIL, "Workshop trainer", TRAINER_PASSWORD)
        scenario = service.scenario_document(session, "sample:weak", trainer.id)
        workshop = service.create_workshop(
            session, name="Load test drafting workshop", trainer_id=trainer.id,
            scenario=scenario, checklist="csag-2012")
        result = (workshop.id, workshop.code)
    engine.dispose()
    return result


def guest_ids(url: str, names: list[str]) -> dict[str, int]:
    """The guest accounts the joins created, by participant name."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from drafter.db import make_engine
    from drafter.models import User

    engine = make_engine(url)
    with Session(engine) as session:
        rows = session.execute(select(User.name, User.id).where(User.name.in_(names))).all()
    engine.dispose()
    return dict(rows)


def scenario_versions(url: str, plan_ids: set[int]) -> dict:
    """Each team section's version as copied from the scenario (written by nobody): the
    versions the participants' saves start from."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from drafter.db import make_engine
    from drafter.models import SectionChange

    engine = make_engine(url)
    with Session(engine) as session:
        rows = session.execute(
            select(SectionChange.plan_id, SectionChange.key, func.max(SectionChange.version))
            .where(SectionChange.plan_id.in_(plan_ids), SectionChange.user_id.is_(None))
            .group_by(SectionChange.plan_id, SectionChange.key)).all()
    engine.dispose()
    return {(p, k): v for p, k, v in rows}


def _stat(pid: int) -> list[str] | None:
    """/proc/<pid>/stat's fields after the command's closing parenthesis (state, ppid,
    pgrp, ...; the start time is [19]); None once the process has gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


class ProcessWatch:
    """Samples the memory of the server's processes (`drafter serve`: gunicorn's master,
    its web workers, and the task queue's worker with its render processes, in a session
    of its own: every process descended from `root`) and the load average every second,
    keeping the peaks and the load over time. Remembers each process it saw, to tell
    afterwards whether one outlived the server."""

    def __init__(self, root: int):
        self.root = root
        self.peak_total_kb = self.peak_process_kb = 0
        self.peak_web_kb = self.peak_jobs_kb = 0   # gunicorn; the queue worker and renders
        self.peak_load = 0.0
        self.loads: list[tuple[float, float]] = []   # (time.perf_counter(), 1-min load)
        self.seen: dict[int, str] = {}               # pid -> its start time
        # (pid, thread) -> [is it the queue's, ns on a CPU and waiting for one: first, last]
        self.sched: dict[tuple[int, str], list] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def processes(self) -> dict[int, bool]:
        """The server's live processes: pid -> whether it is the queue's worker or one of
        its descendants (its fork server and renders)."""
        children: dict[int, list[int]] = defaultdict(list)
        for entry in os.listdir("/proc"):
            if entry.isdigit() and (fields := _stat(int(entry))) is not None:
                children[int(fields[1])].append(int(entry))
        found: dict[int, bool] = {}
        if _stat(self.root) is None:
            return found
        stack = [(self.root, False)]
        while stack:
            pid, jobs = stack.pop()
            found[pid] = jobs
            for child in children.get(pid, []):
                stack.append((child, jobs or (pid == self.root and self._is_worker(child))))
        return found

    @staticmethod
    def _is_worker(pid: int) -> bool:
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            return False
        return b"drafter" in argv and b"worker" in argv

    def cpu_seconds(self) -> float:
        """User and system CPU time used so far by the server's live processes."""
        total = 0
        for pid in self.processes():
            if (fields := _stat(pid)) is not None:
                total += int(fields[11]) + int(fields[12])   # utime, stime
        return total / os.sysconf("SC_CLK_TCK")

    def _sample_sched(self, pid: int, is_jobs: bool) -> None:
        """Each thread's time on a CPU and time ready to run but waiting for one (the
        kernel's schedstat), to tell the app's own work from a busy machine's queue."""
        try:
            threads = os.listdir(f"/proc/{pid}/task")
        except OSError:
            return
        for thread in threads:
            try:
                stat = Path(f"/proc/{pid}/task/{thread}/schedstat").read_text().split()
                running, waiting = int(stat[0]), int(stat[1])
            except (OSError, IndexError, ValueError):
                continue
            entry = self.sched.setdefault((pid, thread), [is_jobs, running, waiting, 0, 0])
            entry[3:] = [running, waiting]

    def cpu_and_wait(self, jobs: bool) -> tuple[float, float]:
        """Seconds the web processes' threads (or with `jobs` the queue's) spent on a CPU,
        and ready to run but waiting for one, while they were watched."""
        totals = [0, 0]
        for is_jobs, run0, wait0, run1, wait1 in self.sched.values():
            if is_jobs == jobs and run1:
                totals[0] += run1 - run0
                totals[1] += wait1 - wait0
        return totals[0] / 1e9, totals[1] / 1e9

    def left_behind(self, wait: float = 10.0) -> list[str]:
        """The processes seen during the run that are still running (the same process:
        same pid and start time) `wait` seconds after the server stopped at the latest,
        each as "pid command"."""
        end = time.monotonic() + wait
        while (left := self._still_running()) and time.monotonic() < end:
            time.sleep(0.2)
        return left

    def _still_running(self) -> list[str]:
        left = []
        for pid, started in self.seen.items():
            if (fields := _stat(pid)) is not None and fields[19] == started \
                    and fields[0] != "Z":
                try:
                    command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
                except OSError:
                    continue
                left.append(f"{pid} {command.decode(errors='replace')[:160]}")
        return left

    def _run(self):
        while not self.stop.wait(1.0):
            sizes, web, jobs = [], 0, 0
            for pid, is_jobs in self.processes().items():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                if pid not in self.seen and (fields := _stat(pid)) is not None:
                    self.seen[pid] = fields[19]
                self._sample_sched(pid, is_jobs)
                match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
                if match:
                    size = int(match.group(1))
                    sizes.append(size)
                    if is_jobs:
                        jobs += size
                    else:
                        web += size
            if sizes:
                self.peak_total_kb = max(self.peak_total_kb, sum(sizes))
                self.peak_process_kb = max(self.peak_process_kb, max(sizes))
                self.peak_web_kb = max(self.peak_web_kb, web)
                self.peak_jobs_kb = max(self.peak_jobs_kb, jobs)
            load = os.getloadavg()[0]
            self.peak_load = max(self.peak_load, load)
            self.loads.append((time.perf_counter(), load))


@dataclass
class CpuUse:
    """CPU seconds used so far: by the whole machine, the server, and this script."""
    machine: float
    server: float
    client: float

    @classmethod
    def now(cls, watch: ProcessWatch) -> CpuUse:
        # /proc/stat's first line: user nice system idle iowait irq softirq steal ...
        ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        busy = sum(ticks[:8]) - ticks[3] - ticks[4]
        own = resource.getrusage(resource.RUSAGE_SELF)
        return cls(busy / os.sysconf("SC_CLK_TCK"), watch.cpu_seconds(),
                   own.ru_utime + own.ru_stime)

    def __sub__(self, other: CpuUse) -> CpuUse:
        return CpuUse(self.machine - other.machine, self.server - other.server,
                      self.client - other.client)


# --- one run ----------------------------------------------------------------------------------

class Addition:
    """What another benchmark adds to a workshop run (benchmarks/reports_load.py): more
    seeding once the workshop exists, more people while the teams work, more figures.
    This one adds nothing."""

    def __init__(self):
        self.kinds: tuple[str, ...] = ()               # its kinds of request, printed after ours
        self.expected: dict[str, tuple[int, ...]] = {}  # the statuses they may answer (else 200)

    def seed(self, url: str, workshop_id: int) -> None:
        """Called once the workshop exists, before the server starts."""

    def start(self, new_browser, t0: float, deadline: Deadline) -> None:
        """Called once the trainers have logged in, before the participants come:
        `new_browser()` is a browser of its own whose requests are recorded with the
        others; `t0` (time.perf_counter) is the run's start; the teams stop editing at
        `deadline`, which it may push back."""

    def finish(self) -> None:
        """Called once the teams have stopped, before the server stops."""

    def report(self, outcome: Outcome) -> int:
        """Print its figures once ours are printed; the number of failures."""
        return 0


@dataclass
class Outcome:
    database: str
    records: list
    elapsed: float
    people: list
    trainers: list
    still: int
    load_start: tuple
    load_end: tuple
    url: str
    logs: list
    watch: ProcessWatch
    cpu: CpuUse
    t0: float
    left_behind: list       # the server's processes still running after it was stopped
    addition: Addition
    log_marks: dict         # each log's size when the server was told to stop


def run_once(kind: str, args, rng: random.Random, addition: Addition | None = None) -> Outcome:
    addition = addition or Addition()
    run_id = secrets.token_hex(3)
    work = Path(tempfile.mkdtemp(prefix=f"workshop-load-{kind}-"))
    load_start = os.getloadavg()
    url = fresh_database(kind, work, args.postgres_url)
    env = soak.isolated_env(url, work)
    # `make run` runs `drafter serve` with its defaults; --workers sets its web processes.
    options = ["--processes", str(args.workers)] if args.workers else []
    print(f"\n=== {kind}: {args.teams} teams x {args.per_team}, {args.seconds:.0f} s, "
          f"drafter serve {' '.join(options) or '(as make run)'}, {args.trainers} "
          f"dashboard(s); run {run_id}")
    print(f"  database {url}; logs, queue and report cache in {work}")
    print(f"  load average at start: {loadavg(load_start)} ({os.cpu_count()} CPUs)")
    subprocess.run([soak.tool("drafter"), "init-db"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, timeout=300)
    # For the services used here (the queue and cache too, should any of them use one).
    os.environ.update({name: env[name] for name in (
        "DRAFTER_DATABASE_URL", "DRAFTER_QUEUE_URL", "DRAFTER_REPORT_CACHE_DIR")})
    workshop_id, code = seed(url)
    addition.seed(url, workshop_id)

    port = soak.free_port()
    log = work / f"serve-{port}.log"
    process = soak.start_serve(env, port, log, options)
    watch = ProcessWatch(process.pid)
    try:
        soak.wait_healthy(port, process)
        watch.thread.start()
        records: list[Record] = []
        lock = threading.Lock()
        t0 = time.perf_counter()
        cpu_before = CpuUse.now(watch)

        def new_browser() -> Browser:
            return Browser([port], random.Random(rng.random()), records, lock, t0)

        # The trainers log in first (Argon2: slow on purpose), then the participants come.
        trainers = [Trainer() for _ in range(args.trainers)]
        teams = [TeamState(i, f"Team {i:02d} {run_id}") for i in range(args.teams)]
        people = [Participant(team, n, f"Participant {team.index:02d}-{n} {run_id}")
                  for team in teams for n in range(args.per_team)]
        deadline = Deadline(args.seconds)
        threads, logged_in = [], []
        for trainer in trainers:
            done = threading.Event()
            logged_in.append(done)
            threads.append(threading.Thread(target=run_trainer, daemon=True, args=(
                trainer, new_browser(), random.Random(rng.random()), workshop_id, done,
                deadline)))
            threads[-1].start()
        for done in logged_in:
            done.wait(timeout=60)
        addition.start(new_browser, t0, deadline)
        stop = threading.Event()
        threading.Thread(target=soak.progress, daemon=True, args=(
            stop, records, lock, t0, max(5.0, args.seconds / 10))).start()
        # Teams arrive over the first 20 seconds (less in a short run), not all at once.
        ramp = min(20.0, args.seconds / 5) / max(1, len(teams))
        for team in teams:
            for person in (p for p in people if p.team is team):
                thread = threading.Thread(target=run_participant, daemon=True, args=(
                    person, new_browser(), random.Random(rng.random()), code, deadline,
                    args, run_id))
                threads.append(thread)
                thread.start()
            time.sleep(ramp)
        for thread in threads:   # the deadline may move while they are waited for
            while thread.is_alive() and time.monotonic() < deadline.at + 2 * soak.REQUEST_TIMEOUT:
                thread.join(timeout=1.0)
        elapsed = time.perf_counter() - t0
        cpu = CpuUse.now(watch) - cpu_before
        addition.finish()
        stop.set()
        still = sum(t.is_alive() for t in threads)
        load_end = os.getloadavg()
        with lock:
            records = list(records)
    finally:
        watch.stop.set()
        marks = {log: log.stat().st_size}
        soak.stop_server(process)
    return Outcome(kind, records, elapsed, people, trainers, still, load_start, load_end,
                   url, [log], watch, cpu, t0, watch.left_behind(), addition, marks)


# --- what happened ---------------------------------------------------------------------------

def loadavg(values) -> str:
    return " ".join(f"{x:.2f}" for x in values)


def stats_line(label: str, values: list[float], suffix: str = "") -> str:
    if not values:
        return f"{label:<24}{0:>7}"
    return (f"{label:<24}{len(values):>7}{ms(statistics.median(values)):>9}"
            f"{ms(percentile(values, 0.95)):>9}{ms(max(values)):>9}{suffix}")


def endpoint_of(method: str, path: str) -> str:
    """A logged path as its route: ids and section names replaced."""
    path = re.sub(r"^/join/[A-Za-z0-9]+$", "/join/<code>", path)
    path = re.sub(r"/\d+", "/<id>", path)
    path = re.sub(r"^/plans/<id>/[a-z_]+(/resolve)?$", r"/plans/<id>/<section>\1", path)
    return f"{method} {path}"


def server_side_by_endpoint(logs: list[Path]) -> dict[str, list[float]]:
    """The durations the app logged (ms), by endpoint and status."""
    import json

    by_endpoint: dict[str, list[float]] = defaultdict(list)
    for path in logs:
        for line in path.read_text(errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict) and entry.get("message") == "request" and "ms" in entry:
                key = f"{endpoint_of(entry.get('method', ''), entry.get('path', ''))} -> " \
                      f"{entry.get('status')}"
                by_endpoint[key].append(float(entry["ms"]))
    return by_endpoint


def report(outcome: Outcome) -> int:
    """Print what happened and check the database; the number of failures."""
    records, elapsed = outcome.records, outcome.elapsed
    saves = [r for r in records if r.kind in SAVES]
    saved = [r for r in saves if r.outcome == "saved"]
    conflicts = [r for r in saves if r.outcome == "conflict"]
    errors = [r for r in records if r.status is None or r.status >= 500]
    expected = {**EXPECTED, **outcome.addition.expected}
    unexpected = [r for r in records if r.status is not None and r.status < 500 and (
        r.outcome == "unexpected" or (r.kind not in SAVES
                                      and r.status not in expected.get(r.kind, (200,))))]

    print()
    print(f"--- {outcome.database}: ran {elapsed:.1f} s; load average at start "
          f"{loadavg(outcome.load_start)}, at end {loadavg(outcome.load_end)}, peak 1-min "
          f"{outcome.watch.peak_load:.2f} ({os.cpu_count()} CPUs)")
    print(f"Requests: {len(records)} ({len(records) / elapsed:.1f}/s); saves tried: "
          f"{len(saves)} ({len(saves) / elapsed:.2f}/s); acknowledged: "
          f"{len(saved) / elapsed:.2f}/s")
    watch = outcome.watch
    print(f"Server (drafter serve): peak RSS {watch.peak_total_kb / 1024:.0f} MB in all "
          f"(web processes {watch.peak_web_kb / 1024:.0f} MB, the queue's worker and its "
          f"renders {watch.peak_jobs_kb / 1024:.0f} MB), {watch.peak_process_kb / 1024:.0f} "
          f"MB the largest process (sampled every second)")
    cpu, cores = outcome.cpu, os.cpu_count() or 1
    # The machine is shared: how much of its CPU went to the app, and how much elsewhere.
    web_cpu, web_wait = watch.cpu_and_wait(jobs=False)
    print(f"Web processes' threads: {web_cpu:.0f} s on a CPU, {web_wait:.0f} s ready to run "
          f"but waiting for one (the machine's run queue: {web_wait / max(web_cpu, 1e-9):.1f} "
          f"s of wait per s of work)")
    print(f"CPU over the run (share of the {cores} cores): machine busy "
          f"{cpu.machine / elapsed / cores:.0%}; the server {cpu.server / elapsed / cores:.0%}, "
          f"this script {cpu.client / elapsed / cores:.0%}, everything else (the database "
          f"server, other work) {(cpu.machine - cpu.server - cpu.client) / elapsed / cores:.0%}")
    print()
    print(f"{'latency (ms)':<24}{'count':>7}{'median':>9}{'p95':>9}{'max':>9}")
    for kind in KINDS + outcome.addition.kinds:
        values = [r.latency for r in records if r.kind == kind and r.status is not None]
        if values:
            print(stats_line(kind, values))
        if kind == "save POST":
            for label, group in (("  -> 302 saved", saved), ("  -> 409 conflict", conflicts)):
                values = [r.latency for r in group if r.kind == "save POST"]
                if values:
                    print(stats_line(label, values))
    steady_kinds = EDITING + DASHBOARD
    working = [r.latency for r in records if r.kind in steady_kinds and r.status is not None]
    print(stats_line("editing + dashboard", working, "   <- target: p95 under 150 ms"))
    joined = max((r.started + r.latency for r in records if r.kind in ARRIVAL), default=0.0)
    after = [r.latency for r in records if r.kind in steady_kinds and r.status is not None
             and r.started > joined]
    print(stats_line("  after the last join", after, f"   (from {joined:.0f} s on)"))
    print(stats_line("joins and log-ins", [r.latency for r in records
                                           if r.kind in ARRIVAL and r.status is not None]))
    print_over_time(records, elapsed, steady_kinds, outcome)
    print_server_side(outcome.logs)

    print()
    print(f"Errors (5xx or transport): {len(errors)}")
    for r in errors[:20]:
        print(f"  {r.kind} at {r.started:.1f} s: {r.status or r.error} {r.sent or ''}")
    print(f"Unexpected answers (other statuses): {len(unexpected)}")
    for r in unexpected[:20]:
        print(f"  {r.kind} -> {r.status} {r.error!r} {r.sent or ''}")
    resolved = [r for r in saved if r.kind == "resolve POST"]
    print(f"Acknowledged saves (302): {len(saved)} ({len(resolved)} by 'Keep my version' "
          f"after a conflict)")
    print(f"Conflicts (409, conflict page shown): {len(conflicts)} "
          f"({sum(r.kind == 'resolve POST' for r in conflicts)} of them 'Keep my version' "
          f"refused again)")
    polls = [r for r in records if r.kind.startswith("dashboard poll")]
    print(f"Dashboard polls: {len(polls)}, {sum(r.status == 304 for r in polls)} unchanged (304)")
    stopped = [p for p in outcome.people if p.stopped] + [t for t in outcome.trainers if t.stopped]
    joined_people = sum(p.plan_id is not None for p in outcome.people)
    print(f"Participants joined: {joined_people} of {len(outcome.people)} in "
          f"{len({p.plan_id for p in outcome.people if p.plan_id})} team plans")
    for person in stopped:
        print(f"  {getattr(person, 'name', 'trainer')} stopped: {person.stopped}")
    if outcome.still:
        print(f"  {outcome.still} threads still running after the time allowed")

    result = verify(outcome, saves)
    print()
    print(f"Database check ({result['history_rows']} rows of section history):")
    print(f"  lost saves (acknowledged, not in the history at the next version): "
          f"{len(result['lost'])}")
    for sent in result["lost"][:20]:
        print(f"    {dict(sent, content=sent['content'][:60])}")
    print(f"  refused saves whose text is in the database anyway: {len(result['leaked'])}")
    print(f"  versions logged twice: {result['duplicate_versions']}; versions written by no "
          f"acknowledged save: {len(result['unexplained'])}; sections not at their latest "
          f"logged version: {len(result['stale_rows'])}")
    _durations, log_errors = soak.server_side(outcome.logs, outcome.log_marks)
    print(f"Server log error lines: {len(log_errors)}")
    for line in log_errors[:30]:
        print(f"  {line}")
    # Reports being made when the server is stopped end with errors: not the load's doing.
    _durations, stopping = soak.server_side(outcome.logs, outcome.log_marks, after=True)
    print(f"  and while it stopped (not counted: jobs it interrupted): {len(stopping)}")
    for line in stopping[:10]:
        print(f"  {line}")
    print(f"Server processes left running after it stopped: {len(outcome.left_behind)}")
    for line in outcome.left_behind:
        print(f"  {line}")
    added = outcome.addition.report(outcome)

    failures = (len(errors) + len(unexpected) + len(result["lost"]) + len(result["leaked"])
                + result["duplicate_versions"] + len(result["unexplained"])
                + len(result["stale_rows"]) + len(stopped) + outcome.still + len(log_errors)
                + len(outcome.left_behind) + added)
    p95 = percentile(working, 0.95) if working else 0.0
    print()
    print(f"Result on {outcome.database}: {'PASS' if failures == 0 else 'FAIL'} (errors "
          f"{len(errors)}, unexpected {len(unexpected)}, lost saves {len(result['lost'])}; "
          f"{len(records) / elapsed:.1f} requests/s; p95 of editing and dashboard requests "
          f"{p95 * 1000:.0f} ms, target under {TARGET_P95 * 1000:.0f} ms: "
          f"{'met' if p95 < TARGET_P95 else 'NOT met'})")
    return failures


def verify(outcome: Outcome, saves: list[Record]) -> dict:
    """soak.verify, once the guests' ids (made by the joins) and the teams' plans are known."""
    names = sorted({r.sent["who"] for r in saves})
    ids = guest_ids(outcome.url, names)
    for r in saves:
        r.sent["user_id"] = ids.get(r.sent["who"])
    plan_ids = {p.plan_id for p in outcome.people if p.plan_id is not None}
    if not plan_ids:
        return {"lost": [r.sent for r in saves if r.outcome == "saved"], "leaked": [],
                "duplicate_versions": 0, "unexplained": [], "stale_rows": [], "history_rows": 0}
    initial = scenario_versions(outcome.url, plan_ids)
    return soak.verify(outcome.url, saves, plan_ids, initial)


def print_over_time(records: list[Record], elapsed: float, kinds: tuple, outcome: Outcome,
                    windows: int = 5):
    """Requests per second, p95 of editing and dashboard requests and the machine's load
    in each fifth of the run: the machine is shared, and its load moves the latencies."""
    span = max(elapsed, 1e-9) / windows
    print()
    print("over time:    " + "  ".join(
        f"{i * span:4.0f}-{(i + 1) * span:<4.0f}s" for i in range(windows)))
    loads = [(t - outcome.t0, load) for t, load in outcome.watch.loads]
    for label in ("requests/s", "p95 ms"):
        cells = []
        for i in range(windows):
            group = [r.latency for r in records if r.status is not None
                     and i * span <= r.started < (i + 1) * span
                     and (label == "requests/s" or r.kind in kinds)]
            if label == "requests/s":
                cells.append(f"{len(group) / span:10.1f}")
            else:
                cells.append(f"{percentile(group, 0.95) * 1000:10.0f}" if group else f"{'-':>10}")
        print(f"{label:<13}" + "  ".join(cells))
    cells = []
    for i in range(windows):
        inside = [load for t, load in loads if i * span <= t < (i + 1) * span]
        cells.append(f"{statistics.mean(inside):10.2f}" if inside else f"{'-':>10}")
    print(f"{'load (1 min)':<13}" + "  ".join(cells))


def print_server_side(logs: list[Path]) -> None:
    """Where the time goes inside the app, by endpoint (from its JSON request logs)."""
    by_endpoint = server_side_by_endpoint(logs)
    if not by_endpoint:
        return
    print()
    print(f"{'in the app (ms, logged)':<44}{'count':>7}{'median':>9}{'p95':>9}{'max':>9}")
    for key, values in sorted(by_endpoint.items(), key=lambda item: -sum(item[1])):
        print(f"{key[:44]:<44}{len(values):>7}{statistics.median(values):>9.1f}"
              f"{percentile(values, 0.95):>9.1f}{max(values):>9.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--seconds", type=float, default=300, help="how long the teams work")
    parser.add_argument("--teams", type=int, default=30)
    parser.add_argument("--per-team", type=int, default=2, help="participants per team")
    parser.add_argument("--workers", type=int, default=3,
                        help="web processes of drafter serve (its --processes; 3, as make "
                             "run's: on 2 cores 3 keep both busy while one waits)")
    parser.add_argument("--trainers", type=int, default=1, help="dashboards polling")
    parser.add_argument("--type", type=float, nargs=2, default=(3.0, 12.0), metavar=("MIN", "MAX"),
                        help="seconds between opening a section and saving it")
    parser.add_argument("--read", type=float, nargs=2, default=(1.0, 5.0), metavar=("MIN", "MAX"),
                        help="seconds spent reading after a save, before the next section")
    parser.add_argument("--same-section", type=float, default=0.4,
                        help="chance of opening the section a teammate has open")
    parser.add_argument("--keep-mine", type=float, default=0.3,
                        help="share of conflicts whose writer then presses 'Keep my version'")
    parser.add_argument("--postgres-url", default=os.environ.get(
        "WORKSHOP_LOAD_DATABASE_URL", DEFAULT_POSTGRES))
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    if not 0 < args.seconds <= 3600 or not 1 <= args.teams * args.per_team <= 400:
        parser.error("--seconds must be in (0, 3600] and teams x per-team in [1, 400]")
    if not 1 <= args.per_team or not 0 <= args.trainers <= 20:
        parser.error("--per-team must be at least 1 and --trainers in [0, 20]")

    seed_value = args.seed if args.seed is not None else random.randrange(1 << 30)
    print(f"Workshop load test, seed {seed_value}; think: typing {args.type[0]:g}-"
          f"{args.type[1]:g} s, reading {args.read[0]:g}-{args.read[1]:g} s")
    rng = random.Random(seed_value)
    databases = ("sqlite", "postgres") if args.database == "both" else (args.database,)
    failures = {}
    for kind in databases:
        failures[kind] = report(run_once(kind, args, rng))
    print()
    for kind, count in failures.items():
        print(f"{kind}: {'PASS' if count == 0 else f'FAIL ({count} problems)'}")
    return 0 if not any(failures.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
