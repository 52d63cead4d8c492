"""Reports load test: 30 people editing while one downloads the PDF draft of the largest
plan the input limits allow and a trainer the debrief pack of a 60-team workshop, against
the app as `make run` serves it (issue 18's first "Done when").

What it does, all on 127.0.0.1, on SQLite (workshop_load.run_once, with the downloads
added through its `Addition` hook):

1. A fresh SQLite database in a temporary folder (`drafter init-db`); the app's task
   queue (DRAFTER_QUEUE_URL) and report cache (DRAFTER_REPORT_CACHE_DIR) in that folder
   too, and a secret key of its own, so nothing is read or written in the checkout's
   instance/. Seeded through the app's services: the trainer and the workshop the
   editors join (workshop_load.seed: the weak sample scenario); a second workshop of the
   trainer's with 60 teams (`--pack-teams`), each given a different number of the strong
   sample's sections in place of the scenario's, so that their gap reports differ; and a
   plan owner with a plan at the input limits (tests/big_plans.largest_plan: 2,000
   actions, indicators, budget lines, objectives, drafting-body members and risks, 5 MB).
2. Starts `drafter serve --host 127.0.0.1 --port <free port>`, exactly what `make run`
   runs (gunicorn's threaded workers and the task queue's worker, which also makes each
   plan's PDF draft and gap report 5 s after its last save), with JSON request logs.
3. The trainer's dashboard polls every 5 s; 30 participants (`--editors`, one per team)
   join through the pages over the first 20 s, then edit (type 3-12 s, save, read 1-5 s,
   again) for `--seconds` (default 120), and for as long as a download is still being
   made, plus 10 s: the editing covers the downloads' whole window.
4. At `--downloads-at` seconds (default 30) two more people start a long download as a
   browser does: the owner GETs /plans/<id>/draft.pdf and the trainer, logged in on a
   second device, /workshops/<id>/debrief.zip. Each is answered 202 with the "being
   prepared" page; its `?job=<id>` is polled every second as the page's script does
   until the job is ready, then the URL is fetched again for the file (followed the
   same way if it is "being prepared" again), which is checked: a whole PDF; a ZIP with
   the summary and one gap report per team.
5. Prints workshop_load's figures (requests/s; count, median, p95 and max per kind of
   request; errors; acknowledged saves; lost saves from the database check; the app's
   own logged durations per endpoint; peak RSS of the server's processes; CPU; the load
   average at start and end: the machine is shared), then the time until each download
   was complete (from its first request to having the whole file) and the p95 of the
   editing requests before, while and after the downloads ran (target: under 150 ms
   while they ran).
6. Stops the server (SIGTERM to its process group) and checks that none of its
   processes (web, queue worker, renders) is left running.

With `--same-workshop` the editors' teams are among the pack's 60 (the other 30 seeded):
each save changes what the pack is made of, so a pack made while they edit is out of
date when it is ready; the download is then followed through each new job, and the
editing stops at `--seconds` whatever the downloads do.

Exits 1 on errors (5xx or transport), unexpected answers, lost saves, a download that
failed or never came, errors in the server's log or processes left behind; never on a
time: whether the target was met is printed.

    .venv/bin/python benchmarks/reports_load.py [--seconds 120] [--downloads-at 30]
        [--editors 30] [--pack-teams 60] [--same-workshop] [--processes N] [--seed N]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import soak
import workshop_load  # the workshop run this adds the downloads to
from soak import ROOT, percentile
from workshop_load import EDITING, stats_line

sys.path.append(str(ROOT / "tests"))   # big_plans: the large synthetic plans of the tests

OWNER_EMAIL = "owner@reports-load.example"
OWNER_PASSWORD = "reports-load-owner-2026"
TARGET_P95 = workshop_load.TARGET_P95   # 150 ms, for the editing requests
POLL_SECONDS = 1.0                      # static/js/preparing.js: pauseMs
RETRY_SECONDS = 3.0                     # ... and after a failed poll
EDIT_AFTER = 10.0                       # seconds the teams edit on after the downloads


@dataclass
class Download:
    """One long download and what became of it (times in seconds since the run began)."""
    label: str            # "draft.pdf": names its kinds of request
    who: str
    email: str            # what soak.log_in reads
    password: str
    path: str = ""
    parts: int = 1        # files the ZIP must hold besides scores.csv and README.txt
    started: float | None = None    # the first request sent
    received: float | None = None   # the whole file received
    size: int = 0
    polls: int = 0
    jobs: list = field(default_factory=list)  # [job id, shown at, said ready at or None]
    last: dict | None = None        # the last progress the polls showed
    problem: str = ""

    def kinds(self) -> tuple[str, ...]:
        return (f"{self.label} GET", f"{self.label} poll", f"{self.label} file")


class ReportDownloads(workshop_load.Addition):
    """The 60-team workshop, the largest plan, and the two long downloads."""

    def __init__(self, args, rng: random.Random):
        super().__init__()
        self.args, self.rng = args, rng
        self.downloads = [
            Download("draft.pdf", "the owner of the 2,000-action plan", OWNER_EMAIL,
                     OWNER_PASSWORD),
            Download("debrief.zip", "the trainer (a second device)",
                     workshop_load.TRAINER_EMAIL, workshop_load.TRAINER_PASSWORD,
                     parts=1 + args.pack_teams),
        ]
        self.kinds = tuple(kind for d in self.downloads for kind in d.kinds())
        # A first GET is 202 ("being prepared"), or 200 for a file made already; so is the
        # GET after the job, when what the file is made of changed while it was made.
        self.expected = {kind: (202, 200) for d in self.downloads
                         for kind in d.kinds() if not kind.endswith(" poll")}
        self.threads: list[threading.Thread] = []
        self.deadline: workshop_load.Deadline | None = None
        self.plan_facts = ""

    # --- before the run ---------------------------------------------------------------------

    def seed(self, url: str, workshop_id: int) -> None:
        from big_plans import largest_plan, strong_plan
        from sqlalchemy.orm import Session

        from drafter.auth.service import create_user
        from drafter.db import make_engine
        from drafter.models import Workshop
        from drafter.plan.schema import SECTION_MODELS
        from drafter.plan.status import COMPLETE, IN_PROGRESS
        from drafter.plan.store import PlanStore, export_size
        from drafter.workshops import service

        started = time.perf_counter()
        strong = strong_plan()
        keys = [key for key in SECTION_MODELS if key != "about"]  # "about" holds the title
        idle = self.args.pack_teams - (self.args.editors if self.args.same_workshop else 0)
        engine = make_engine(url)
        with Session(engine, expire_on_commit=False) as session:
            workshop = session.get(Workshop, workshop_id)
            if not self.args.same_workshop:   # another workshop of the same trainer
                workshop = service.create_workshop(
                    session, name="Last week's drafting workshop",
                    trainer_id=workshop.trainer_id, checklist="csag-2012",
                    scenario=service.scenario_document(session, "sample:weak",
                                                       workshop.trainer_id))
            service.set_max_teams(session, workshop, self.args.pack_teams)
            store = PlanStore(session)
            for number in range(idle):
                team = service.add_team(session, workshop, f"Idle team {number:02d}")
                # From none of the strong sample's sections to all of them, at random.
                chosen = self.rng.sample(keys, round(len(keys) * number / max(1, idle - 1)))
                if chosen:
                    loaded = store.load(team.plan_id)
                    store.save_sections(
                        team.plan_id, {key: getattr(strong, key) for key in chosen},
                        {key: loaded.sections[key].version for key in chosen},
                        statuses={key: self.rng.choice((COMPLETE, IN_PROGRESS))
                                  for key in chosen})
            owner = create_user(session, OWNER_EMAIL, "Owner of the largest plan",
                                OWNER_PASSWORD)
            document = largest_plan()
            plan_id = store.create_plan(document, owner_id=owner.id)
        engine.dispose()
        self.downloads[0].path = f"/plans/{plan_id}/draft.pdf"
        self.downloads[1].path = f"/workshops/{workshop.id}/debrief.zip"
        self.plan_facts = (
            f"plan {plan_id}: {len(document.actions.items)} actions, "
            f"{len(document.indicators.items)} indicators, {len(document.budget.lines)} "
            f"budget lines, {len(document.pillars.objectives)} objectives, "
            f"{export_size(document) / 1e6:.1f} MB as a plan file")
        print(f"  seeded in {time.perf_counter() - started:.0f} s: workshop {workshop.id} "
              f"with {idle} idle teams (0 to {len(keys)} sections of the strong sample "
              f"each) for the debrief pack; {self.plan_facts}")

    # --- during the run ---------------------------------------------------------------------

    def start(self, new_browser, t0: float, deadline: workshop_load.Deadline) -> None:
        self.deadline = deadline
        for download in self.downloads:
            thread = threading.Thread(target=self._run, daemon=True,
                                      args=(download, new_browser(), t0))
            self.threads.append(thread)
            thread.start()

    def _run(self, download: Download, browser: soak.Browser, t0: float) -> None:
        try:
            if not soak.log_in(browser, download, download.password):
                download.problem = "could not log in"
                return
            time.sleep(max(0.0, self.args.downloads_at - (time.perf_counter() - t0)))
            fetch(download, browser, self.args.download_timeout, self._waiting)
        except Exception as error:  # noqa: BLE001 - a bug in this script: report it
            download.problem = f"{type(error).__name__}: {error}"

    def _waiting(self) -> None:
        """A download is still being made: the teams go on editing for a while yet (not
        with --same-workshop: their edits would keep changing the pack)."""
        if not self.args.same_workshop:
            self.deadline.at = max(self.deadline.at, time.monotonic() + EDIT_AFTER)

    def finish(self) -> None:
        for thread in self.threads:
            thread.join(timeout=self.args.download_timeout + 2 * soak.REQUEST_TIMEOUT)
        for download in self.downloads:
            if not download.problem and download.received is None:
                download.problem = "still running when the run ended"

    # --- after it ---------------------------------------------------------------------------

    def report(self, outcome: workshop_load.Outcome) -> int:
        records = outcome.records
        editing = [r for r in records if r.kind in EDITING and r.status is not None]
        last_edit = max((r.started + r.latency for r in editing), default=0.0)
        print()
        print(f"Long downloads, from the first request to the whole file ({self.plan_facts}; "
              f"the teams edited until {last_edit:.0f} s):")
        for d in self.downloads:
            print(f"  {d.label:<12} by {d.who}: {describe(d)}")
        failures = sum(bool(d.problem) for d in self.downloads)
        starts = [d.started for d in self.downloads if d.started is not None]
        if not starts:
            return failures + 1

        # The downloads' window: from the first request until both files came, or until
        # the teams stopped editing if that was sooner.
        ends = [d.received if d.received is not None else outcome.elapsed
                for d in self.downloads]
        window = (min(starts), min(max(ends), last_edit))
        print()
        print(f"{'editing latency (ms)':<24}{'count':>7}{'median':>9}{'p95':>9}{'max':>9}")
        print(stats_line("whole run", [r.latency for r in editing]))
        during = []
        for label, low, high in (("before the downloads", 0.0, window[0]),
                                 ("while they ran", *window),
                                 ("after them", window[1], float("inf"))):
            values = [r.latency for r in editing if low <= r.started < high]
            if label == "while they ran":
                during = values
            print(stats_line(label, values, f"   ({low:.0f}-{min(high, last_edit):.0f} s)"))
        for d in self.downloads:
            if d.started is not None:
                high = min(d.received if d.received is not None else outcome.elapsed, last_edit)
                print(stats_line(f"  while {d.label} ran", [
                    r.latency for r in editing if d.started <= r.started < high],
                    f"   ({d.started:.0f}-{high:.0f} s)"))
        if max(ends) > last_edit:
            print(f"  NOTE: a download was complete only at {max(ends):.0f} s, after the "
                  f"teams stopped editing at {last_edit:.0f} s: a longer --seconds covers "
                  f"more of it")
        p95 = percentile(during, 0.95) if during else float("nan")
        saved = [r for r in records if r.kind in soak.SAVES and r.outcome == "saved"]
        errors = [r for r in records if r.status is None or r.status >= 500]
        print()
        print(f"Issue 18: {len({r.sent['who'] for r in saved})} people editing; p95 of their "
              f"requests while the downloads ran {p95 * 1000:.0f} ms, target under "
              f"{TARGET_P95 * 1000:.0f} ms: {'met' if p95 < TARGET_P95 else 'NOT met'}; "
              f"errors {len(errors)}; acknowledged saves {len(saved)} (lost: the database "
              f"check above); " + "; ".join(
                  f"{d.label} ready in {d.received - d.started:.0f} s"
                  if d.received is not None and d.started is not None
                  else f"{d.label} FAILED" for d in self.downloads))
        return failures


def describe(d: Download) -> str:
    """When a download was asked for and came, and the jobs it waited for."""
    if d.started is None:
        return f"never asked: {d.problem}"
    jobs = [f"job {job} made in {ready - shown:.0f} s" if ready is not None
            else f"job {job} not made" for job, shown, ready in d.jobs]
    if len(d.jobs) > 1:
        jobs[1] = ("then the URL answered 202 again, as the teams' saves had changed what "
                   "it is made of: " + jobs[1])
    waited = f"{', '.join(jobs)}; {d.polls} polls" if jobs else "in the cache"
    if d.received is None:
        return (f"asked at {d.started:.0f} s, FAILED: {d.problem} ({waited}; last "
                f"progress {d.last})")
    return (f"asked at {d.started:.0f} s, complete at {d.received:.0f} s: ready in "
            f"{d.received - d.started:.1f} s ({waited}; {d.size / 1e6:.2f} MB)"
            + (f"; but {d.problem}" if d.problem else ""))


def fetch(download: Download, browser: soak.Browser, timeout: float, waiting) -> None:
    """Download as a browser with script does: GET the URL; on the "being prepared" page
    (202) poll its ?job= every second until the job is ready, then GET the URL again,
    which gives the file, or (when what the file is made of changed meanwhile) another
    "being prepared" page, followed the same way. `waiting()` is called at each poll."""
    end = time.monotonic() + timeout
    kind = f"{download.label} GET"
    while True:
        record, body, _headers = browser.request(kind, "GET", download.path, binary=True)
        if download.started is None:
            download.started = record.started
        if record.status != 202:
            break
        match = re.search(rb"\?job=(\d+)", body)
        if match is None:
            download.problem = "no ?job= on the 'being prepared' page"
            return
        job = [int(match.group(1)), record.started + record.latency, None]
        download.jobs.append(job)
        while job[2] is None:
            if time.monotonic() > end:
                download.problem = f"not ready after {timeout:.0f} s"
                return
            waiting()
            time.sleep(POLL_SECONDS)
            poll, text, _headers = browser.request(
                f"{download.label} poll", "GET", f"{download.path}?job={job[0]}",
                extra_headers={"Accept": "application/json"})
            download.polls += 1
            if poll.status != 200:
                time.sleep(RETRY_SECONDS - POLL_SECONDS)   # the script's catch
                continue
            download.last = state = json.loads(text)
            if state.get("failed"):
                # The script reloads the page, which now says what went wrong.
                failed, _page, _headers = browser.request(f"{download.label} file", "GET",
                                                          download.path)
                download.problem = f"job {job[0]} failed ({failed.status}): {state.get('message')}"
                return
            if state.get("ready"):
                job[2] = poll.started + poll.latency
        kind = f"{download.label} file"
    if record.status != 200:
        download.problem = f"the file answered {record.status} {record.error}"
        return
    download.received = record.started + record.latency
    download.size = len(body)
    download.problem = check_file(download, body)


def check_file(download: Download, body: bytes) -> str:
    """What is wrong with the downloaded file ("" if nothing): a PDF whole to its end; a
    ZIP that opens, with the summary and a gap report per team."""
    if download.label.endswith(".pdf"):
        whole = body.startswith(b"%PDF-") and b"%%EOF" in body[-1024:]
        return "" if whole else f"not a whole PDF ({len(body)} bytes)"
    try:
        names = zipfile.ZipFile(io.BytesIO(body)).namelist()
    except zipfile.BadZipFile as error:
        return f"not a ZIP: {error}"
    pdfs = [name for name in names if name.endswith(".pdf")]
    if len(pdfs) != download.parts or "scores.csv" not in names:
        return f"the ZIP holds {len(pdfs)} PDFs of {download.parts}: {names[:5]}..."
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120,
                        help="how long the teams edit at least (and while a download is "
                             "being made, unless --same-workshop)")
    parser.add_argument("--downloads-at", type=float, default=30,
                        help="seconds into the run at which the two downloads start")
    parser.add_argument("--editors", type=int, default=30,
                        help="people editing, one per team of the workshop the trainer follows")
    parser.add_argument("--pack-teams", type=int, default=60,
                        help="teams of the workshop whose debrief pack is downloaded, seeded "
                             "with content")
    parser.add_argument("--same-workshop", action="store_true",
                        help="the editors' teams are among the pack's teams (the others "
                             "seeded); their edits then change the pack while it is made")
    parser.add_argument("--processes", type=int, default=None,
                        help="web processes (drafter serve --processes); default: as make run")
    parser.add_argument("--type", type=float, nargs=2, default=(3.0, 12.0),
                        metavar=("MIN", "MAX"), help="seconds of typing before each save")
    parser.add_argument("--read", type=float, nargs=2, default=(1.0, 5.0),
                        metavar=("MIN", "MAX"), help="seconds of reading after each save")
    parser.add_argument("--download-timeout", type=float, default=900,
                        help="seconds after which a download not yet ready counts as failed")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    if not 0 < args.downloads_at < args.seconds <= 3600:
        parser.error("--downloads-at must be in (0, --seconds) and --seconds at most 3600")
    if not 1 <= args.editors <= 200 or not 1 <= args.pack_teams <= 200 or (
            args.same_workshop and args.pack_teams < args.editors):
        parser.error("--editors and --pack-teams from 1 to 200 (with --same-workshop, "
                     "--pack-teams at least --editors)")
    # What workshop_load's run reads: one participant per team, so no teammate's section.
    args.teams, args.per_team, args.trainers = args.editors, 1, 1
    args.workers, args.same_section, args.keep_mine = args.processes, 0.0, 0.3
    args.postgres_url = ""

    seed_value = args.seed if args.seed is not None else random.randrange(1 << 30)
    print(f"Reports load test, seed {seed_value}: {args.editors} people editing (typing "
          f"{args.type[0]:g}-{args.type[1]:g} s, reading {args.read[0]:g}-{args.read[1]:g} s) "
          f"for {args.seconds:.0f} s or more; at {args.downloads_at:.0f} s the PDF draft of the "
          f"largest plan and the debrief pack of {args.pack_teams} teams"
          f"{' (theirs among them)' if args.same_workshop else ''}")
    rng = random.Random(seed_value)
    addition = ReportDownloads(args, rng)
    failures = workshop_load.report(workshop_load.run_once("sqlite", args, rng, addition))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
