"""What a reader finds in the reports: the PDF draft, the gap report and the Word draft
are read back (pypdf, python-docx) and checked against the plan and its scorecard."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from docx import Document

from support import sample
from drafter.reports import data, gapdata, pdf
from drafter.reports.docx import plan_docx
from drafter.scorecard.service import checklist_for
from drafter.scoring import score
from drafter.wizard.steps import STEPS
from helpers import outline_titles, pdf_pages, pdf_reader, pdf_text, squash

DATE = dt.date(2026, 1, 15)


@pytest.fixture(scope="module")
def strong():
    return sample("strong-plan.json")


@pytest.fixture(scope="module")
def strong_pdf(report_app, strong) -> bytes:
    with report_app.app_context():
        report = data.plan_report(strong, date=DATE, revision=21)
        return pdf.render_pdf(pdf.render_html("plan", report))


@pytest.fixture(scope="module")
def strong_pages(strong_pdf) -> list[str]:
    return pdf_pages(strong_pdf)  # text extraction is slow: once per module


@pytest.fixture(scope="module")
def weak_gap(report_app):
    document = sample("weak-plan.json")
    with report_app.app_context():
        card = score(document, checklist_for("csag-2012"))
        report = gapdata.gap_report(document, card, date=DATE, revision=3)
        return card, pdf.render_pdf(pdf.render_html("gap", report))


def money(value: Decimal) -> str:
    return f"{value:,.0f}"


def test_the_draft_has_a_cover_with_title_period_lead_and_draft_status(strong_pages, strong):
    cover = squash(strong_pages[0])
    about = strong.about
    for expected in (about.title, about.country_or_organisation.upper(), "2026–2030",
                     about.lead_institution, "Draft", "15 January 2026", "DRAFT"):
        assert squash(expected) in cover, expected


def test_the_cover_names_the_save_it_shows_not_a_count_of_saves(report_app, strong):
    # "revision 51" was the sum of the sections' versions, while History listed no
    # revision: the cover now gives the moment of the last save, as History shows saves.
    with report_app.test_request_context():
        html = pdf.render_html("plan", data.plan_report(
            strong, date=dt.datetime(2026, 12, 1, 14, 32), revision=51))
    cover = html[html.index('class="cover"'):html.index("</section>")]
    cover = squash(re.sub(r"<[^>]+>", " ", cover))
    assert squash("Draft · version of 1 Dec 2026, 14:32") in cover
    assert "revision" not in cover and "51" not in cover


def test_the_draft_has_every_section_and_contents_with_page_numbers(strong_pages):
    pages = strong_pages
    contents = pages[1]
    text = squash("\n".join(pages))
    for number, step in enumerate(STEPS, start=1):
        assert squash(f"{number}. {step.title}") in text
        # The contents line ends in the page the section starts on.
        match = re.search(re.escape(str(step.title)) + r"[ .]*?(\d+)\s*$", contents, re.MULTILINE)
        assert match, step.title
        page = int(match.group(1))
        assert squash(str(step.title)) in squash(pages[page - 1])
    for annex in ("Annex A. Budget", "Annex B. Consultation"):
        assert squash(annex) in squash(contents) and squash(annex) in text


def test_the_draft_numbers_pages_and_has_bookmarks_and_a_running_title(strong_pdf, strong_pages,
                                                                       strong):
    reader = pdf_reader(strong_pdf)
    total = len(reader.pages)
    pages = strong_pages
    assert f"Page 2 of {total}" in pages[1] and f"Page {total} of {total}" in pages[-1]
    assert "Page 1 of" not in pages[0]  # the cover has no footer
    assert squash(strong.about.title)[:40] in squash(pages[5])
    titles = outline_titles(reader)
    for number, step in enumerate(STEPS, start=1):
        assert f"{number}. {step.title}" in titles


def test_every_action_and_indicator_is_in_the_results_matrix(strong_pages, strong):
    text = squash("\n".join(strong_pages))
    for action in strong.actions.items:
        assert squash(action.title) in text, action.title
    for indicator in strong.indicators.items:
        assert squash(indicator.statement) in text, indicator.statement


def test_wide_tables_are_on_landscape_pages(strong_pdf, strong_pages):
    reader = pdf_reader(strong_pdf)
    shapes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]
    landscape = [index for index, (width, height) in enumerate(shapes) if width > height]
    assert landscape and len(landscape) < len(shapes)
    matrix_page = strong_pages[landscape[0]]
    assert "Indicators, baseline and target" in matrix_page


def test_the_budget_annex_has_totals_per_pillar_and_source_and_the_gap(strong_pages, strong):
    text = squash("\n".join(strong_pages))
    lines = strong.budget.lines
    cost = sum(line.amount or 0 for line in lines)
    secured = sum(line.secured or 0 for line in lines)
    assert money(cost) == "50,450,000"  # as the sample's own funding-gap statement says
    for figure in (cost, secured, cost - secured):
        assert squash(money(figure)) in text
    # Per pillar (line -> action -> objective -> pillar), as the sample states them.
    for pillar_total in ("9,500,000", "7,050,000", "11,550,000", "15,400,000"):
        assert pillar_total in text
    for heading in ("Totals by pillar", "Totals by funding source", "Funding gap"):
        assert squash(heading) in text


def test_the_consultation_annex_lists_every_event(strong_pages, strong):
    text = squash("\n".join(strong_pages))
    for event in strong.consultation.events:
        assert squash(event.place) in text


def test_the_watermark_follows_the_final_flag(report_app, strong):
    with report_app.app_context():
        draft = pdf.render_html("plan", data.plan_report(strong, final=False))
        final = pdf.render_html("plan", data.plan_report(strong, final=True))
    assert 'class="watermark"' in draft and 'class="watermark"' not in final


def test_the_gap_report_lists_exactly_the_open_criteria(weak_gap):
    card, content = weak_gap
    text = pdf_text(content)
    found = dict(re.findall(r"\b([A-Z]{3}-\d+)\s+.*?\b(NOT MET|PARTLY MET|MET)\b", text))
    open_ids = {result.id for result in card.criteria if result.status != "met"}
    assert {cid for cid, status in found.items() if status != "MET"} == open_ids
    assert set(found) == {result.id for result in card.criteria}


def test_the_gap_report_summary_page_has_score_chart_and_top_five(weak_gap):
    card, content = weak_gap
    summary = pdf_pages(content)[0]
    assert squash(card.checklist_name) in squash(summary)
    assert f"version {card.checklist_version}" in summary and "15 January 2026" in summary
    assert str(round(card.overall)) in summary
    for gap in card.gaps[:5]:
        assert gap.id in summary
    assert card.gaps[5].id not in summary
    for area in card.areas:  # the chart's labels are text in the PDF
        assert squash(area.title) in squash(summary)


def test_the_word_draft_has_heading_styles_and_tables(report_app, strong):
    with report_app.app_context():
        content = plan_docx(data.plan_report(strong, date=DATE, revision=21))
    document = Document(io.BytesIO(content))
    headings = {(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")}
    for number, step in enumerate(STEPS, start=1):
        assert ("Heading 1", f"{number}. {step.title}") in headings
    assert ("Heading 1", "Annex A. Budget") in headings
    assert any(style == "Heading 2" for style, _ in headings)
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    joined = "\n".join(cells)
    for action in strong.actions.items:
        assert action.title in joined
    assert "50,450,000" in cells
    landscape = [s for s in document.sections if s.page_width > s.page_height]
    assert landscape
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
