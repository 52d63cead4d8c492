"""Fuzzing, the long run: the strategies and oracles of `tests/test_fuzz.py`, for many
more cases, at random, with every failure kept instead of stopping at the first.

Each target is one POST endpoint of the app (every rule the URL map has), one page
("GET <endpoint>": odd ids in its URL, odd query values), plus the plan import with
damaged files. The app runs with CSRF protection on, as in production, on a fresh SQLite
file in a temporary folder. Prints the cases run per target, the time taken, and each
failure found (its input and traceback); exits 1 if any failed.

    .venv/bin/python benchmarks/fuzz_long.py [--cases 12000] [--seed N] [--only wizard.step]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from support import PASSWORD, log_in, make_app  # noqa: E402
from drafter.auth.passwords import hash_password  # noqa: E402
from fuzz_strategies import plan_files  # noqa: E402
from fuzz_targets import FormTargets  # noqa: E402
from fuzzing import (  # noqa: E402
    WorldKeeper,
    add_users,
    catch_errors,
    run_import_case,
)

IMPORT = "plans.import_plan (files)"
# How many shares of the cases a target gets; every other form gets one share, and every
# page half of one (a page reads less of what it is sent).
WEIGHTS = {"wizard.step": 8, "wizard.item": 6, IMPORT: 10, "wizard.resolve": 2, "plans.new": 2}
PAGE = "GET "


def plan_cases(targets: list[str], total: int) -> dict[str, int]:
    shares = {name: WEIGHTS.get(name, 0.5 if name.startswith(PAGE) else 1) for name in targets}
    return {name: max(1, int(total * share / sum(shares.values())))
            for name, share in shares.items()}


def run_target(name: str, count: int, run_one, strategy, rng_seed: int,
               failures: list) -> Counter:
    """Run `count` cases of one target; returns how many got each status. Failures are
    recorded, never raised."""
    ran = Counter()

    @seed(rng_seed)
    @settings(max_examples=count, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def target(case):
        try:
            ran[run_one(case)] += 1
        except Exception:  # noqa: BLE001 - a failure is what we are looking for
            ran["failed"] += 1
            failures.append((name, repr(case), traceback.format_exc()))

    target()
    return ran


def _clip(text: str, width: int = 400) -> str:
    return "\n".join(line if len(line) <= width else f"{line[:width]}… ({len(line)} chars)"
                     for line in text.splitlines())


def report_failures(failures: list) -> None:
    seen: dict[str, int] = {}
    for number, (name, case, trace) in enumerate(failures, 1):
        trace = _clip(trace)
        signature = _clip(trace.strip().splitlines()[-1], 160)
        print(f"\n--- failure {number}: {name}\ninput: {_clip(case, 2000)}")
        if signature in seen:
            print(f"traceback: the same as failure {seen[signature]} ({signature})")
        else:
            seen[signature] = number
            print(trace)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=12_000, help="cases in all (default 12000)")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--only", action="append", help="run only these targets")
    options = parser.parse_args()
    rng_seed = options.seed if options.seed is not None else random.randrange(2 ** 32)

    folder = Path(tempfile.mkdtemp(prefix="fuzz-long-"))
    app = make_app(folder, WTF_CSRF_ENABLED=True)
    users = add_users(app, hash_password(PASSWORD))
    catcher = catch_errors(app)
    app.logger.propagate = False  # tracebacks are kept by the catcher, not printed twice
    app.logger.handlers = [catcher]
    targets = FormTargets(app)
    keeper = WorldKeeper(app, users)

    names = sorted(targets.endpoints()) + [PAGE + page for page in sorted(targets.pages())] \
        + [IMPORT]
    if options.only:
        names = [name for name in names if name in options.only]
    counts = plan_cases(names, options.cases)
    print(f"fuzz_long: {options.cases} cases over {len(names)} targets, seed {rng_seed}, "
          f"database {folder / 'drafter.sqlite'}")
    failures: list = []
    total = 0
    started = time.perf_counter()
    for name in names:
        clock = time.perf_counter()
        if name == IMPORT:
            statuses = run_target(name, counts[name],
                              lambda plan_file: run_import_case(app, plan_file, users["owner"],
                                                                catcher, log_in),
                              plan_files(), rng_seed, failures)
        elif name.startswith(PAGE):
            statuses = run_target(name, counts[name],
                                  lambda case: keeper.run(case, catcher, log_in),
                                  targets.page_cases({name.removeprefix(PAGE)}), rng_seed,
                                  failures)
        else:
            statuses = run_target(name, counts[name],
                                  lambda case: keeper.run(case, catcher, log_in),
                                  targets.cases({name}), rng_seed, failures)
        done = sum(statuses.values())
        total += done
        tally = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items(), key=str))
        print(f"  {name:28} {done:6} cases {time.perf_counter() - clock:6.1f} s  "
              f"{statuses['failed']} failed  ({tally})", flush=True)
    elapsed = time.perf_counter() - started
    report_failures(failures)
    print(f"\n{total} cases in {elapsed:.0f} s ({total / elapsed:.0f} a second), "
          f"{len(failures)} failed, seed {rng_seed}")
    app.extensions["drafter.engine"].dispose()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
