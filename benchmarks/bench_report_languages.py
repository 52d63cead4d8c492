"""Benchmark: the PDF draft of one plan rendered in English, French and Arabic.

The strong sample plan as written in each language (samples/strong-plan.json, .fr.json,
.ar.json: the same plan, its text translated), its report data built and rendered
(Jinja, WeasyPrint) in its own language, interleaved run by run so that the machine's
drift falls on every language alike: median and p95, the ratio to English in the same run
(target: at most 1.10), and the peak of Python's heap during one render (tracemalloc;
WeasyPrint's own memory is mostly outside it, see bench_reports.py for the process's).
Arabic is laid out right to left, with its own font (Noto Sans Arabic) and shaping.

A last row prints the worst case beside them: the English text of the plan printed as an
Arabic report (Arabic headings around English paragraphs, every paragraph's direction
set apart).

Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_report_languages.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from flask_babel import force_locale  # noqa: E402

from drafter import create_app  # noqa: E402
from drafter.migrate import upgrade  # noqa: E402
from drafter.plan.transfer import parse_document  # noqa: E402
from drafter.reports import data, pdf  # noqa: E402

# (row, the sample file, the language it is printed in)
CASES = (("en", "strong-plan.json", "en"), ("fr", "strong-plan.fr.json", "fr"),
         ("ar", "strong-plan.ar.json", "ar"), ("en text, ar report", "strong-plan.json", "ar"))


def render(document, language: str) -> bytes:
    """What a download does when the cache misses, in the plan's language."""
    with force_locale(language):
        return pdf.render_pdf(pdf.render_html("plan", data.plan_report(document, revision=1)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'bench.sqlite'}"
    upgrade(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench",
                      "JOBS_QUEUE_URL": f"sqlite:///{folder / 'jobs.sqlite'}"})
    documents = {name: parse_document((ROOT / "samples" / name).read_bytes())
                 for _row, name, _language in CASES}
    times: dict[str, list[float]] = {row: [] for row, _name, _language in CASES}
    peaks: dict[str, float] = {}
    with app.app_context():
        for _row, name, language in CASES:  # a warm-up each: fonts, templates, catalogues
            render(documents[name], language)
        for _run in range(runs):
            for row, name, language in CASES:
                start = time.perf_counter()
                render(documents[name], language)
                times[row].append(time.perf_counter() - start)
        for row, name, language in CASES:
            tracemalloc.start()
            render(documents[name], language)
            peaks[row] = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
    english = statistics.median(times["en"])
    print(f"PDF draft of the strong sample plan, {runs} runs per case, interleaved")
    print(f"{'case':<20}{'median':>10}{'p95':>10}{'ratio to en':>13}{'peak heap':>12}")
    for row, _name, _language in CASES:
        samples = sorted(times[row])
        p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
        median = statistics.median(samples)
        print(f"{row:<20}{median * 1000:>8.0f}ms{p95 * 1000:>8.0f}ms"
              f"{median / english:>13.2f}{peaks[row]:>9.1f} MiB")


if __name__ == "__main__":
    main()
