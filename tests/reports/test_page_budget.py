"""A plan too long to print whole (issue 18): its drafts are summarised to a page budget
(`drafter.reports.page_budget`), say so, and keep every total true.

Budgets are set low through the app's settings, so the plans stay small and quick; one
test renders the largest plan the input limits allow, with the default budget.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from decimal import Decimal

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from big_plans import big_plan, largest_plan, strong_plan
from drafter.plan.transfer import MAX_IMPORT_BYTES, export_json
from drafter.reports import data, page_budget, pdf
from drafter.reports.docx import plan_docx
from helpers import pdf_pages, pdf_reader, squash

DATE = dt.date(2026, 1, 15)


def printed_rows(report: dict) -> Counter:
    """The rows of every long table of a plan draft's data, counted apart from the code
    that cuts them: objective and action rows of the results matrix, pillars and
    objectives of the outline, section tables, indicators, budget lines, events."""
    rows: Counter = Counter()

    def walk(blocks):
        for block in blocks:
            kind = block["type"]
            if kind == "group":
                walk(block["blocks"])
            elif kind in ("table", "indicators"):
                rows[kind] += len(block["rows"])
            elif kind == "pillars":
                rows["pillars"] += len(block["pillars"])
                rows["objectives"] += sum(len(p["objectives"]) for p in block["pillars"])
            elif kind == "matrix":
                objectives = [o for pillar in block["pillars"] for o in pillar["objectives"]]
                rows["matrix objectives"] += len(objectives)
                rows["actions"] += sum(len(o["actions"]) for o in objectives)

    for section in report["sections"]:
        walk(section["blocks"])
    rows["lines"] = len(report["budget"]["lines"])
    rows["events"] = len(report["consultation"]["events"])
    return rows


def totals(report: dict) -> tuple:
    budget, consultation = report["budget"], report["consultation"]
    return (budget["total"], budget["by_pillar"], budget["by_source"],
            {key: consultation[key] for key in ("count", "women", "men", "outside_capital")})


def money(value: Decimal) -> str:
    return f"{value:,.0f}"


# --- the data -----------------------------------------------------------------------------

sizes = st.integers(min_value=0, max_value=40)


@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(actions=sizes, indicators=sizes, lines=sizes, objectives=st.integers(1, 12),
       events=st.integers(0, 15), members=st.integers(0, 15), budget=st.integers(0, 150))
def test_a_summarised_draft_never_holds_more_rows_than_its_budget(
        report_app, actions, indicators, lines, objectives, events, members, budget):
    document = big_plan(actions, indicators, lines=lines, objectives=objectives,
                        events=events, members=members)
    with report_app.test_request_context():
        full = data.plan_report(document, full=True)
        summarised = page_budget.summarise(full, budget)
    kept = printed_rows(summarised)
    assert sum(kept.values()) <= budget
    fits = sum(table.size for table in page_budget.tables(full)) <= budget
    assert (summarised is full) == fits and (summarised["summary"] is None) == fits
    assert totals(summarised) == totals(full)
    # What is kept are the first rows of each list.
    assert summarised["budget"]["lines"] == full["budget"]["lines"][:kept["lines"]]
    assert summarised["consultation"]["events"] == \
        full["consultation"]["events"][:kept["events"]]
    matrix = {o["code"]: o["actions"] for section in full["sections"] for block in section["blocks"]
              if block["type"] == "matrix" for p in block["pillars"] for o in p["objectives"]}
    for section in summarised["sections"]:
        for block in section["blocks"]:
            if block["type"] == "matrix":
                for objective in (o for p in block["pillars"] for o in p["objectives"]):
                    rows = matrix[objective["code"]]
                    assert objective["actions"] == rows[:len(objective["actions"])]


def test_a_plan_within_its_budget_is_left_as_it_is(report_app):
    with report_app.test_request_context():
        report = data.plan_report(strong_plan(), date=DATE)
        assert report == data.plan_report(strong_plan(), date=DATE, full=True)
        assert page_budget.summarise(report, 600) is report
        html = pdf.render_html("plan", report)
    assert report["summary"] is None
    assert "cut-note" not in html and "summarised" not in html and "shortened" not in html


def test_the_budget_is_shared_fairly_and_rows_are_taken_in_turns():
    assert page_budget.fair_shares([5, 100, 100], 105) == [5, 50, 50]
    assert page_budget.fair_shares([10, 10], 100) == [10, 10]
    assert sum(page_budget.fair_shares([7, 3, 90, 41], 50)) <= 50
    # Three objectives of 4 actions each, 7 rows: each shows its first two, one a third.
    assert page_budget.taken_in_turns([[1] * 4, [1] * 4, [1] * 4], 7) == [3, 2, 2]
    # A group stops at a row too heavy for what is left; the others go on.
    assert page_budget.taken_in_turns([[1, 9, 1], [1, 1, 1]], 6) == [1, 3]


def test_a_long_row_weighs_as_the_rows_of_print_it_fills():
    assert page_budget.weight({"place": "Kelmora", "count": 12}) == 1
    assert page_budget.weight({"summary": ["x" * 2_000]}) == 1 + 2_000 // page_budget.ROW_CHARS


# --- the PDF draft ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def over_budget(report_app):
    """A plan of 40 actions, indicators and budget lines under 4 objectives, printed
    with a budget of 60 rows: (document, report data, PDF pages)."""
    document = big_plan(40, 40, objectives=4)
    with report_app.test_request_context():
        report_app.config["PDF_DRAFT_ROWS"] = 60
        try:
            report = data.plan_report(document, date=DATE)
        finally:
            report_app.config["PDF_DRAFT_ROWS"] = 600
        pages = pdf_pages(pdf.render_pdf(pdf.render_html("plan", report)))
    return document, report, pages


def test_a_plan_over_its_budget_says_so_on_its_cover_and_contents(over_budget):
    _document, _report, pages = over_budget
    assert squash("This draft is summarised") in squash(pages[0])
    contents = pages[1]
    assert squash("Summarised draft") in squash(contents)
    assert squash("Actions (shortened)") in squash(contents)
    assert squash("Annex A. Budget (shortened)") in squash(contents)
    assert squash("About the plan (shortened)") not in squash(contents)


def test_a_shortened_table_shows_the_rows_its_note_names(over_budget):
    _document, report, pages = over_budget
    text = "\n".join(pages)
    shown = printed_rows(report)
    notes = re.findall(r"shows\s+(?:the\s+first\s+)?(\d+)\s+of\s+the\s+plan's\s+(\d+)\s+(\w+)",
                       text)
    found = {kind: (int(count), int(total)) for count, total, kind in notes}
    assert found["actions"] == (shown["actions"], 40)
    assert found["indicators"] == (shown["indicators"], 40)
    assert found["budget"] == (shown["lines"], 40)
    assert 0 < shown["actions"] < 40 and 0 < shown["lines"] < 40
    # The rows printed are the ones the notes count.
    assert len(re.findall(r"Action\s+\d+:\s+train", text)) == shown["actions"]
    assert len(re.findall(r"Cost\s+of\s+action\s+\d+", text)) == shown["lines"]
    # Each objective cut short says how many of its actions are not shown.
    assert len(re.findall(r"more\s+actions?\s+under\s+this\s+objective", text)) == 4


def test_budget_totals_and_the_funding_gap_count_every_line(over_budget):
    document, report, pages = over_budget
    text = squash("\n".join(pages))
    cost = sum(line.amount for line in document.budget.lines)
    secured = sum(line.secured for line in document.budget.lines)
    shown_cost = sum(line.amount for line in document.budget.lines[:len(report["budget"]["lines"])])
    assert shown_cost < cost
    # The annex's last row, under the lines shown, and the totals of the budget section.
    assert squash(f"Total of all 40 lines {money(cost)} {money(secured)} {money(cost - secured)}") \
        in text
    assert squash(f"Total {money(cost)} {money(secured)} {money(cost - secured)}") in text


# --- the Word draft and `drafter render` --------------------------------------------------

def test_the_word_draft_has_its_own_larger_budget(report_app, monkeypatch):
    document = big_plan(40, 40, objectives=4)
    monkeypatch.setitem(report_app.config, "PDF_DRAFT_ROWS", 60)
    monkeypatch.setitem(report_app.config, "WORD_DRAFT_ROWS", 120)
    with report_app.test_request_context():
        report = data.plan_report(document, kind="docx")
        word = Document(io.BytesIO(plan_docx(report)))
        assert printed_rows(report)["actions"] > \
            printed_rows(data.plan_report(document))["actions"]
    paragraphs = [paragraph.text for paragraph in word.paragraphs]
    assert any(text.startswith("This draft is summarised") for text in paragraphs[:8])
    notes = [text for text in paragraphs if "to keep the file printable" in text]
    assert any("of the plan's 40 actions" in text for text in notes)
    assert any(text.startswith("This annex shows the first") for text in notes)


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "long-plan.json"
    path.write_bytes(export_json(big_plan(40, 40, objectives=4)).encode())
    return path


def _action_rows(path) -> int:
    word = Document(io.BytesIO(path.read_bytes()))
    return sum(1 for table in word.tables for row in table.rows
               if re.match(r"\d+\.\d+\.\d+ Action \d+:", row.cells[0].text))


def test_drafter_render_summarises_unless_asked_for_every_row(app, runner, plan_file, tmp_path):
    app.config["WORD_DRAFT_ROWS"] = 60
    short, whole = tmp_path / "short.docx", tmp_path / "whole.docx"
    for out, extra in ((short, []), (whole, ["--full"])):
        result = runner.invoke(args=["render", str(plan_file), "--out", str(out), *extra])
        assert result.exit_code == 0, result.output
    assert 0 < _action_rows(short) < 40
    assert _action_rows(whole) == 40


# --- the largest plan the limits allow ----------------------------------------------------

def test_the_largest_plan_within_the_limits_prints_a_bounded_draft(report_app):
    document = largest_plan()
    assert len(export_json(document).encode()) <= MAX_IMPORT_BYTES
    assert report_app.config["PDF_DRAFT_ROWS"] == 600  # the default
    with report_app.test_request_context():
        report = data.plan_report(document)
        assert sum(printed_rows(report).values()) <= 600
        pages = pdf_reader(pdf.render_pdf(pdf.render_html("plan", report))).pages
    # Unsummarised, the 2,000 rows of each list made hundreds of pages (and minutes).
    assert len(pages) < 100
    assert squash("This draft is summarised") in squash(pages[0].extract_text())
