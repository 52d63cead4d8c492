"""Benchmark: what the page budget (`drafter.reports.page_budget`) bounds a draft's cost to.

Renders, each time in a fresh child process, the PDF draft and the Word draft of:

- a 60-action plan (80 indicators, 60 budget lines), the baseline: under the budget;
- a plan of 2,000 actions, 2,000 indicators and 2,000 budget lines, summarised;
- the largest plan within the input limits (`tests/big_plans.largest_plan`: 2,000
  objectives, actions, indicators, budget lines, members and risks, 500 events,
  200 partners, about 5 MB), summarised;
- the same with every prose field at its 20,000-character limit, summarised: prose is
  never cut, so this is the upper bound (it is past the 5 MB import limit);
- with `--full`, the 2,000-action plan unsummarised too, for the "before" figure
  (about two minutes and 1.3 GB for its PDF).

For each: the pages, the median and p95 of the render's wall time (data, HTML and
WeasyPrint, or python-docx), its CPU time (the machine may be shared) and the child's
peak resident set. The peak is read the way the brief asks, as
`getrusage(RUSAGE_CHILDREN).ru_maxrss`, but in a small launcher process that starts
nothing but the render: Linux carries a parent's peak over the fork and exec that starts
a child, so asked from this (large) process, the figure would be this process's own.
The render process also reads its VmHWM, printed beside it as a check. The ratio column
is each case's median over the baseline's, from runs interleaved in the same run of
this script. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_page_budget.py [--runs 3] [--full]
"""

from __future__ import annotations

import argparse
import io
import json
import math
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from big_plans import big_plan, largest_plan, with_full_prose  # noqa: E402

CASES = {
    "60 actions (baseline)": lambda: big_plan(60, 80),
    "2,000 actions, indicators, lines": lambda: big_plan(2000, 2000),
    "largest plan within the limits": largest_plan,
    "largest, and all prose at its limit": lambda: with_full_prose(largest_plan()),
}
FULL_CASE = "2,000 actions, indicators, lines"

# Runs the render as its only child, then prints the child's JSON with the child's peak
# resident set added, in MiB (ru_maxrss is in KiB on Linux).
LAUNCHER = ("import json, resource, subprocess, sys; "
            "out = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=True); "
            "result = json.loads(out.stdout.strip().splitlines()[-1]); "
            "result['maxrss'] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024; "
            "print(json.dumps(result))")


def render_once(case: str, draft: str, full: bool) -> None:
    """In the render process: one draft of `case`, timed; prints pages, seconds, CPU
    seconds and VmHWM as JSON."""
    from bench_reports import make_app, peak_rss_mib

    from drafter.reports import data, pdf
    from drafter.reports.docx import plan_docx

    document = CASES[case]()
    app = make_app(Path(tempfile.mkdtemp()))
    with app.app_context():
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu = usage.ru_utime + usage.ru_stime
        start = time.perf_counter()
        report = data.plan_report(document, revision=1, full=full,
                                  kind="docx" if draft == "docx" else "plan")
        if draft == "docx":
            content = plan_docx(report)
        else:
            content = pdf.render_pdf(pdf.render_html("plan", report))
        seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"pages": _pages(content) if draft == "pdf" else "",
                      "seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime - cpu,
                      "hwm": peak_rss_mib(), "kb": len(content) // 1024}))


def _pages(content: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def measure(case: str, draft: str, full: bool) -> dict:
    command = [sys.executable, "-c", LAUNCHER, sys.executable, __file__, "--render", case,
               draft, "full" if full else "summarised"]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--render":
        render_once(sys.argv[2], sys.argv[3], sys.argv[4] == "full")
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--full", action="store_true",
                        help="also render the 2,000-action plan unsummarised (slow)")
    args = parser.parse_args()
    cases = [(case, False) for case in CASES] + ([(FULL_CASE, True)] if args.full else [])
    for draft in ("pdf", "docx"):
        print(f"\n{draft.upper()} draft, {args.runs} runs each in a fresh process, interleaved")
        runs: dict[tuple, list[dict]] = {case: [] for case in cases}
        for _run in range(args.runs):
            for case in cases:
                runs[case].append(measure(case[0], draft, full=case[1]))
        baseline = statistics.median(r["seconds"] for r in runs[cases[0]])
        print(f"{'case':<44}{'pages':>6}{'median':>9}{'p95':>8}{'CPU':>8}{'peak RSS':>10}"
              f"{'(VmHWM)':>9}{'ratio':>7}")
        for (case, full), results in runs.items():
            seconds = [r["seconds"] for r in results]
            name = f"{case} ({'full' if full else 'budget'})"
            print(f"{name:<44}{results[-1]['pages']:>6}{statistics.median(seconds):>8.1f}s"
                  f"{p95(seconds):>7.1f}s{statistics.median(r['cpu'] for r in results):>7.1f}s"
                  f"{max(r['maxrss'] for r in results):>6.0f} MiB"
                  f"{max(r['hwm'] for r in results):>6.0f} MiB"
                  f"{statistics.median(seconds) / baseline:>7.1f}")


if __name__ == "__main__":
    main()
