"""How the printed reports are laid out, read back from the PDFs (issue 12): a table's
heading never ends a page without its rows, a timeline stays on one line, counts have
thousands separators and years do not, and a chart with nothing to draw is a sentence."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import render_template_string

from support import sample
from drafter.plan.schema import PlanDocument
from drafter.reports import data, gapdata, pdf
from drafter.scorecard.service import checklist_for
from drafter.scoring import score
from helpers import pdf_pages, pdf_reader, squash

DATE = dt.date(2026, 1, 15)


# A page of the print stylesheet and the draft's own block macro, with a spacer that
# pushes the table down the page by a given height.
PUSHED_DOWN = """{% from "reports/_blocks.html" import block %}<!doctype html>
<html><head><link rel="stylesheet" href="css/print.css"></head><body>
<section class="chapter"><div style="height: {{ spacer }}mm"></div>{{ block(item, {}) }}</section>
</body></html>"""


def test_a_tables_heading_moves_to_the_next_page_with_its_rows(report_app):
    item = {"type": "table", "caption": "Members of the body", "columns": ["Institution", "Sector"],
            "rows": [[f"Ministry number {n}", "Government"] for n in range(1, 4)]}
    # An A4 page holds 255 mm of text: these heights put the heading at the page's foot,
    # where it was left alone, its rows on the next page.
    for spacer in (236, 240, 244, 248):
        with report_app.app_context():
            html = render_template_string(PUSHED_DOWN, spacer=spacer, item=item)
        pages = [squash(page) for page in pdf_pages(pdf.render_pdf(html))]
        [page] = [page for page in pages if "Membersofthebody" in page]
        assert "InstitutionSector" in page and "Ministrynumber1" in page, spacer


@pytest.fixture(scope="module")
def counted(report_app):
    """The weak sample with a count and a participation in the thousands."""
    document = sample("weak-plan.json")
    document.leadership.civil_society_seats = 8000
    document.consultation.events[0].women = 12500
    with report_app.app_context():
        content = pdf.render_pdf(pdf.render_html("plan", data.plan_report(document, date=DATE)))
    return document, content, pdf_pages(content)


def test_counts_have_thousands_separators_and_years_do_not(counted):
    document, _content, pages = counted
    text = squash("\n".join(pages))
    assert "Seatsheldbycivilsociety8,000" in text
    women = 12500 + sum(event.women or 0 for event in document.consultation.events[1:])
    assert f"{women:,}women" in text  # the annex's and the section's sentences
    assert "12,500" in squash(pages[-1])  # the event's own row
    assert f"Firstyearoftheplan{document.about.period_start}" in text  # "2025", not "2,025"
    assert "8000" not in text and "12500" not in text


def test_a_timeline_stays_on_one_line_in_the_results_matrix(counted):
    document, _content, pages = counted
    lines = [line.replace("\u00a0", " ") for line in "\n".join(pages).splitlines()]
    dated = [action for action in document.actions.items if action.start and action.end]
    assert dated
    for action in dated:  # it broke after the dash: "Jun 2025 –", then "Dec 2026"
        timeline = f"{action.start:%b %Y} – {action.end:%b %Y}"
        assert any(timeline in line for line in lines), timeline


def test_empty_sections_after_a_landscape_table_go_on_an_upright_page(counted):
    _document, content, pages = counted
    upright = [float(page.mediabox.width) < float(page.mediabox.height)
               for page in pdf_reader(content).pages]
    # The weak sample leaves sections 8 to 12 unwritten, after the indicators' landscape
    # table; pages 1 and 2 (cover, contents) name every section too.
    def page_of(heading: str) -> int:
        [index] = [index for index, page in enumerate(pages[2:], start=2)
                   if squash(heading) in squash(page)]
        return index

    indicators, empty = page_of("7. Indicators"), page_of("8. Budget and financing")
    assert not upright[indicators] and upright[empty] and empty == indicators + 1
    assert page_of("12. Review and revision") == empty


def test_a_gap_report_of_an_empty_plan_says_so_instead_of_an_empty_chart(report_app):
    document = PlanDocument()
    with report_app.app_context():
        card = score(document, checklist_for("csag-2012"))
        report = gapdata.gap_report(document, card, date=DATE)
        summary = squash(pdf_pages(pdf.render_pdf(pdf.render_html("gap", report)))[0])
    assert squash("Every area scores 0: the plan has nothing yet that the checklist can score.") \
        in summary
    assert squash("Score of each area, out of 100") not in summary  # the chart's caption
