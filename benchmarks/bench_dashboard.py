"""How fast the workshop dashboard answers its poll, with 30 teams.

Run: `PYTHONPATH=. python benchmarks/bench_dashboard.py` from the repository root.
Prints figures and asserts nothing about time. A workshop on a fresh SQLite file gets 30
teams (copies of the weak sample, each improved by a few sections of the strong one, so
scores differ), then the trainer's poll `GET /workshops/<id>/teams` is timed through the
app (Flask's test client, one process):

- "every team changed": the scorecard cache is emptied before each poll, as when every
  team saved since this worker last scored them (the common case in a busy room);
- "nothing changed, cached scores": the table is rendered again from cached scorecards;
- "unchanged, 304": the browser's If-None-Match matches and nothing is scored or drawn;
- baseline, same process: loading and scoring the 30 plans with no web layer, and the
  ratio poll / baseline.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support import add_user, log_in, make_app, sample  # noqa: E402

from drafter import db  # noqa: E402
from drafter.plan.store import PlanStore  # noqa: E402
from drafter.scorecard import service as scorecards  # noqa: E402
from drafter.scorecard.service import checklist_for  # noqa: E402
from drafter.scoring import score  # noqa: E402
from drafter.workshops import service  # noqa: E402

TEAMS, RUNS = 30, 40
IMPROVED = ["context", "leadership", "consultation", "pillars", "monitoring", "budget"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed(label: str, action, runs: int = RUNS, before=None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    median = statistics.median(times) * 1000
    print(f"{label:<42} median {median:7.1f} ms   p95 {percentile(times, 0.95) * 1000:7.1f} ms")
    return median


def main() -> None:
    app = make_app(Path(tempfile.mkdtemp(prefix="bench-dashboard-")))
    trainer = add_user(app, "trainer@example.org", "Trainer", hashed="x")
    strong = sample("strong-plan.json")
    with app.app_context():
        session = db.session()
        workshop = service.create_workshop(session, name="Bench", trainer_id=trainer,
                                           scenario=sample("weak-plan.json"),
                                           checklist="csag-2012")
        store = PlanStore(session)
        plan_ids = []
        for number in range(TEAMS):
            team = service.add_team(session, workshop, f"Team {number + 1}")
            plan_ids.append(team.plan_id)
            for key in IMPROVED[:number % len(IMPROVED)]:
                state = store.load(team.plan_id).sections[key]
                store.save_section(team.plan_id, key, getattr(strong, key), state.version)
        workshop_id = workshop.id
    client = app.test_client()
    log_in(client, trainer)
    url = f"/workshops/{workshop_id}/teams"

    def poll():
        response = client.get(url)
        assert response.status_code == 200
        return response

    tag = poll().headers["ETag"]

    def poll_unchanged():
        assert client.get(url, headers={"If-None-Match": tag}).status_code == 304

    print(f"Dashboard poll, {TEAMS} teams, {RUNS} runs each")
    changed = timed("every team changed (scores computed)", poll, before=scorecards._CACHE.clear)
    timed("nothing changed, cached scores", poll)
    timed("unchanged, 304", poll_unchanged)

    def baseline():
        with app.test_request_context("/"):
            session = db.session()
            checklist = checklist_for("csag-2012")
            for plan_id in plan_ids:
                score(PlanStore(session).load(plan_id).document, checklist)

    base = timed("baseline: load and score 30 plans", baseline)
    print(f"ratio poll (every team changed) / baseline: {changed / base:.2f}")


if __name__ == "__main__":
    main()
