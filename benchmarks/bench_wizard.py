"""Benchmark: the save-and-continue round trip of wizard steps on a large plan.

A plan with 50 actions and 100 indicators, stored in a real SQLite file. Through Flask's
test client it measures, for several steps, the POST of "Save and continue" alone and
the POST followed by the GET of the next step (the whole round trip a person waits for),
and, as a baseline in the same process, the plan store's `save_section` alone, so the
web layer's share shows as a ratio. Prints median, p95 and peak memory; asserts nothing.

    .venv/bin/python benchmarks/bench_wizard.py [--runs 200]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from drafter import create_app, db  # noqa: E402
from drafter.migrate import upgrade  # noqa: E402
from drafter.models import User  # noqa: E402
from drafter.plan.schema import Context, PlanDocument  # noqa: E402
from drafter.plan.store import PlanStore  # noqa: E402
from support import log_in  # noqa: E402


def big_plan(actions: int = 50, indicators: int = 100) -> PlanDocument:
    objectives = [{"id": f"o{i}", "code": f"{i}", "title": f"Objective {i}",
                   "pillar_id": ["prevention", "participation", "protection", "relief_recovery"][i % 4]}
                  for i in range(10)]
    items = [{"id": f"a{i}", "code": f"{i % 10}.{i}", "objective_id": f"o{i % 10}",
              "title": f"Action number {i} with a realistic length of title",
              "lead_institution": "Ministry of Gender", "partners": "UN Women, civil society",
              "start": "2026-01-01", "end": "2028-12-31", "themes": ["sgbv", "youth"]}
             for i in range(actions)]
    inds = [{"id": f"i{i}", "code": f"I{i}", "statement": f"Indicator {i} measuring progress",
             "level": "output", "action_id": f"a{i % actions}", "unit": "percent",
             "baseline": "12", "baseline_year": 2025, "target": "40", "target_year": 2030,
             "disaggregation": ["sex", "age"], "data_source": "Annual survey",
             "frequency": "annual", "responsible": "Statistics office"}
            for i in range(indicators)]
    lines = [{"id": f"b{i}", "action_id": f"a{i}", "description": f"Cost of action {i}",
              "amount": "10000", "funding_source": "national_budget", "secured": "5000"}
             for i in range(actions)]
    return PlanDocument.model_validate({
        "about": {"title": "Benchmark plan", "country_or_organisation": "Varesia"},
        "pillars": {"objectives": objectives}, "actions": {"items": items},
        "indicators": {"items": inds}, "budget": {"currency": "USD", "lines": lines}})


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(name: str, samples: list[float], baseline: float | None = None) -> None:
    median = statistics.median(samples) * 1000
    p95 = percentile(samples, 0.95) * 1000
    ratio = f"  x{median / (baseline * 1000):.1f} of store save" if baseline else ""
    print(f"{name:<48} median {median:7.2f} ms   p95 {p95:7.2f} ms{ratio}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'bench.sqlite'}"
    upgrade(url)
    # Its own task queue: each save schedules the plan's reports ahead, as in `make run`
    # (a cost the save timings include), never in the checkout's instance/ folder.
    app = create_app({"DATABASE_URL": url, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "bench",
                      "JOBS_QUEUE_URL": f"sqlite:///{folder / 'jobs.sqlite'}",
                      "REPORT_CACHE_DIR": str(folder / "cache")})
    with app.app_context():
        session = db.session()
        owner = User(email="bench@example.org", name="Bench", password_hash="-")
        session.add(owner)
        session.commit()
        plan_id = PlanStore(session).create_plan(big_plan(), owner_id=owner.id)
    client = app.test_client()
    log_in(client, owner.id)  # as every real request is
    print(f"Plan with 50 actions, 100 indicators, 50 budget lines; {runs} runs each; SQLite file.")

    # Baseline: the store alone, same process, same database.
    with app.app_context():
        store = PlanStore(db.session())
        times = []
        for run in range(runs):
            version = store.load_section(plan_id, "context").version
            start = time.perf_counter()
            store.save_section(plan_id, "context", Context(conflict_analysis=f"Run {run}"), version)
            times.append(time.perf_counter() - start)
    baseline = statistics.median(times)
    report("store.save_section (baseline)", times)

    def version_of(html: str) -> str:
        return re.search(r'name="version"[^>]*value="(\d+)"', html).group(1)

    cases = [
        ("context", lambda run: {"conflict_analysis": f"Analysis {run}"}),
        ("indicators", lambda run: {}),
        ("budget", lambda run: {"currency": "USD", "funding_gap_statement": f"Gap {run}"}),
    ]
    for key, data in cases:
        post_only, round_trip = [], []
        for run in range(runs):
            version = version_of(client.get(f"/plans/{plan_id}/{key}").get_data(as_text=True))
            start = time.perf_counter()
            response = client.post(f"/plans/{plan_id}/{key}",
                                   data={**data(run), "version": version, "continue": "1"})
            posted = time.perf_counter()
            assert response.status_code == 302, response.status_code
            client.get(response.location)
            done = time.perf_counter()
            post_only.append(posted - start)
            round_trip.append(done - start)
        report(f"POST {key} (save and continue)", post_only, baseline)
        report(f"POST {key} + GET next step", round_trip, baseline)

    item_times = []
    for run in range(runs):
        page = client.get(f"/plans/{plan_id}/indicators/i7").get_data(as_text=True)
        start = time.perf_counter()
        response = client.post(f"/plans/{plan_id}/indicators/i7", data={
            "statement": f"Indicator 7 revised {run}", "measures": "action:a7", "level": "output",
            "baseline": "12", "baseline_year": "2025", "target": "40", "target_year": "2030",
            "version": version_of(page)})
        client.get(response.location)
        item_times.append(time.perf_counter() - start)
    report("POST one indicator of 100 + GET the list", item_times, baseline)

    # Memory in a separate pass: tracing slows Python several times over, so it must
    # not run while timing.
    tracemalloc.start()
    page = client.get(f"/plans/{plan_id}/indicators").get_data(as_text=True)
    client.post(f"/plans/{plan_id}/indicators", data={"version": version_of(page), "continue": "1"})
    client.get(f"/plans/{plan_id}/indicators")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory of one indicators save and page: {peak / 1024 / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
