"""How often the scorer agrees with expert reviewers on the calibration set of real plans.

Run: `PYTHONPATH=. python benchmarks/bench_calibration.py` (or `make bench`). Prints, per
dimension, the plan x dimension pairs with a known expert verdict, the experts' yes/no
split, the scorer's agreement and a constant answer's (always the commoner verdict);
then every disagreement with the score behind it; for the development set and for the
held-out set (see tests/calibration/README.md); then how long scoring the whole set
takes (median and p95 of 20 runs, peak memory) beside a baseline measured in the same
process: reading and validating the same plan files without scoring them.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from drafter.plan.transfer import parse_document  # noqa: E402
from drafter.scoring import load_checklist  # noqa: E402
from drafter.scoring.calibration import agreement, calibration_sets  # noqa: E402
from drafter.scoring.checklist import default_checklist_path  # noqa: E402

FOLDER = Path(__file__).resolve().parent.parent / "tests" / "calibration"
# The set the checklist's credit levels were checked against, and the sets held out from
# that work, each scored only after it was committed: the last is the honest figure.
SETS = calibration_sets(FOLDER)
RUNS = 20


def timed(function) -> list[float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return sorted(times)


def main() -> None:
    checklist = load_checklist(default_checklist_path())
    for name, folder in SETS:
        result = agreement(folder, checklist)
        print(f"== {name}: {len(result.plans)} plans, checklist {checklist.id} "
              f"{checklist.version}\n")
        print(result.table())
        print("\nDisagreements (plan, dimension, expert, scorer, score):")
        for slug, dimension, expert, said, value in result.disagreements():
            print(f"  {slug:<20}{dimension:<20}{expert:<5}{said:<5}{value:.2f}")
        print("\nOverall score per plan:")
        for plan in result.plans:
            print(f"  {plan.slug:<20}{plan.overall:5.1f}")
        print()

    files = [path.read_bytes() for path in sorted((FOLDER / "plans").glob("*.json"))]
    scoring = timed(lambda: agreement(FOLDER, checklist))
    parsing = timed(lambda: [parse_document(raw) for raw in files])
    tracemalloc.start()
    agreement(FOLDER, checklist)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    p95 = scoring[int(0.95 * (RUNS - 1))]
    print(f"\nScoring the set: median {statistics.median(scoring) * 1000:.1f} ms, "
          f"p95 {p95 * 1000:.1f} ms, peak memory {peak / 1024 / 1024:.1f} MB; "
          f"baseline (reading the files only) median {statistics.median(parsing) * 1000:.1f} ms; "
          f"ratio {statistics.median(scoring) / statistics.median(parsing):.1f}x")


if __name__ == "__main__":
    main()
