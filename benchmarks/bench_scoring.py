"""How fast the scorer is, and how its time grows with the size of a plan.

Run: `PYTHONPATH=. python benchmarks/bench_scoring.py` from the repository root.
Prints figures and asserts nothing about time (machines differ). It generates plans
with a realistic mix of complete and missing fields (so evidence names missing rows),
scores them against the CSAG 2012 checklist, and reports:

- median and p95 time of scoring a plan with 200 actions and 400 indicators
  (target: median under 2 ms), and the peak memory of one scoring (tracemalloc);
- time for 10, 30, 100, 300 and 1000 actions (two indicators each), with the time
  per action and the marginal time per added action, to show that growth is linear;
- a baseline measured in the same process: validating the same document with pydantic
  (`PlanDocument.model_validate`), and the ratio scoring / validating;
- the time of scoring the two sample plans, whose prose the generated plans lack.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from drafter.plan import vocab  # noqa: E402
from drafter.plan.schema import PlanDocument  # noqa: E402
from drafter.plan.transfer import parse_document  # noqa: E402
from drafter.scoring import load_checklist, score  # noqa: E402
from drafter.scoring.checklist import default_checklist_path  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PILLARS = vocab.STANDARD_PILLARS.values
THEMES = vocab.THEMES.values


def make_plan_data(n_actions: int, indicators_per_action: int = 2) -> dict:
    """A plan as JSON-like data; about one row in four misses something."""
    n_objectives = max(1, n_actions // 5)
    objectives = [{"id": f"o{i}", "code": f"{i % 4 + 1}.{i}", "pillar_id": PILLARS[i % 4],
                   "outcome": "Women take part in decisions" if i % 4 else ""}
                  for i in range(n_objectives)]
    actions, indicators, lines = [], [], []
    for i in range(n_actions):
        start = dt.date(2025, 1, 1) + dt.timedelta(days=i % 300)
        actions.append({
            "id": f"a{i}", "code": f"{i % 4 + 1}.{i}", "objective_id": f"o{i % n_objectives}",
            "title": f"Action {i}", "lead_institution": "Ministry" if i % 4 else "",
            "start": start.isoformat(), "end": (start + dt.timedelta(days=365)).isoformat(),
            "dimension": "domestic" if i % 3 else "external",
            "themes": [THEMES[i % len(THEMES)], THEMES[(i * 7) % len(THEMES)]],
        })
        for k in range(indicators_per_action):
            complete = (i + k) % 4 != 0
            # Every fifth action gives its second indicator to its objective (an outcome),
            # so the plan has exactly indicators_per_action x n_actions indicators.
            subject = ({"objective_id": f"o{i % n_objectives}", "level": "outcome"}
                       if k and i % 5 == 0 else {"action_id": f"a{i}", "level": "output"})
            indicators.append({
                "id": f"i{i}-{k}", "code": f"{i}.{k}", **subject,
                "statement": "Number of women trained",
                "baseline": "10" if complete else "", "baseline_year": 2024 if complete else None,
                "target": "50", "target_year": 2029, "data_source": "Records",
                "responsible": "Ministry" if complete else "", "frequency": "annual",
                "disaggregation": ["sex", "age"] if complete else [],
                "global_indicator": "SGI 1a" if i % 5 == 0 else None,
            })
        if i % 4:
            lines.append({"id": f"b{i}", "action_id": f"a{i}", "amount": "10000",
                          "secured": "6000" if i % 3 else None,
                          "funding_source": "ministry_budget" if i % 2 else "donor"})
    return {
        "about": {"capital": "Port Lumen", "regions": ["North", "South", "Lakes", "Coast"],
                  "period_start": 2025, "period_end": 2029, "resolutions": ["1325", "1820"]},
        "consultation": {"events": [{"region": ["North", "South", "Port Lumen"][i % 3],
                                     "in_capital": i % 3 == 2,
                                     "groups": ["womens_organisations", "youth"]}
                                    for i in range(12)]},
        "pillars": {"objectives": objectives},
        "actions": {"items": actions},
        "indicators": {"items": indicators},
        "budget": {"currency": "USD", "lines": lines + [
            {"category": "coordination", "amount": "50000"},
            {"category": "monitoring_evaluation", "amount": "40000"}]},
    }


def timings(function, repeat: int, clock=time.perf_counter) -> list[float]:
    function()  # warm caches (cached properties are per view, so this warms imports only)
    samples = []
    for _ in range(repeat):
        start = clock()
        function()
        samples.append(clock() - start)
    return samples


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.3f} ms"


def main() -> None:
    checklist = load_checklist(default_checklist_path())

    data = make_plan_data(200)
    document = PlanDocument.model_validate(data)
    print(f"Load average before the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs "
          "(timings are wall-clock; a busy machine inflates them)")
    print(f"Plan: {len(document.actions.items)} actions, {len(document.indicators.items)} "
          f"indicators, {len(document.budget.lines)} budget lines; checklist "
          f"{checklist.id} ({len(checklist.criteria)} criteria)")
    samples = sorted(timings(lambda: score(document, checklist), 300))
    median = statistics.median(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(f"score():     median {ms(median)}   p95 {ms(p95)}   (target: median < 2 ms)")
    # CPU time of this process: less sensitive than wall-clock to other busy processes.
    cpu = statistics.median(timings(lambda: score(document, checklist), 300, time.process_time))
    print(f"score():     median CPU time {ms(cpu)}")
    validate = statistics.median(timings(lambda: PlanDocument.model_validate(data), 50))
    print(f"baseline:    PlanDocument.model_validate median {ms(validate)}; "
          f"score / validate = {median / validate:.2f}")

    tracemalloc.start()
    score(document, checklist)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory of one score(): {peak / 1024:.0f} KiB")

    print()
    print(f"{'actions':>8} {'indicators':>10} {'score median':>14} {'us/action':>10} "
          f"{'marginal':>9} {'validate':>12} {'score/validate':>15}")
    # "marginal" is the extra time per extra action since the previous row: it stays
    # flat when growth is linear, while us/action falls as the fixed cost of the 40
    # criteria spreads over more actions.
    previous = None
    for n in (10, 30, 100, 300, 1000):
        data = make_plan_data(n)
        document = PlanDocument.model_validate(data)
        repeat = 300 if n <= 300 else 60
        took = statistics.median(timings(lambda: score(document, checklist), repeat))
        base = statistics.median(timings(lambda: PlanDocument.model_validate(data), 10))
        marginal = f"{(took - previous[1]) / (n - previous[0]) * 1e6:9.1f}" if previous else \
            f"{'-':>9}"
        previous = (n, took)
        print(f"{n:>8} {len(document.indicators.items):>10} {ms(took):>14} "
              f"{took / n * 1e6:>10.1f} {marginal} {ms(base):>12} {took / base:>15.2f}")

    # The generated plans have no prose; the samples show what reading prose costs (the
    # strong sample has about 25,000 characters of it in 25 fields).
    print()
    for name in ("strong-plan.json", "weak-plan.json"):
        document = parse_document((SAMPLES / name).read_bytes())
        prose = sum(len(value) for section in document.model_dump().values()
                    if isinstance(section, dict)
                    for value in section.values() if isinstance(value, str))
        took = statistics.median(timings(lambda: score(document, checklist), 100))
        print(f"samples/{name:<17} {prose:>7,} characters of text   score() median {ms(took)}")


if __name__ == "__main__":
    main()
