"""The Word draft as a reader opens it (issue 12), read back with python-docx: A4 pages,
answers as label and value without a form's header row, and contents that list the
sections before Word ever updates them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from support import make_app, sample
from drafter.reports import data
from drafter.reports.docx import plan_docx
from drafter.wizard.steps import STEPS


@pytest.fixture(scope="module")
def strong_docx(tmp_path_factory, migrated_template):
    app = make_app(tmp_path_factory.mktemp("word"), migrated_template)
    document = sample("strong-plan.json")
    document.consultation.events[0].region = ""  # a place with no region under it
    with app.app_context():
        content = plan_docx(data.plan_report(document, date=dt.date(2026, 1, 15), revision=21))
    app.extensions["drafter.engine"].dispose()
    return document, Document(io.BytesIO(content))


def near(length, millimetres: float) -> bool:
    return abs(length - Mm(millimetres)) < Mm(0.5)  # Word stores twentieths of a point


def test_every_section_is_a4_with_the_pdfs_margins(strong_docx):
    _plan, document = strong_docx
    sections = list(document.sections)
    assert len(sections) > 1
    for section in sections:
        landscape = section.page_width > section.page_height
        width, height = (297, 210) if landscape else (210, 297)
        assert near(section.page_width, width) and near(section.page_height, height)
        top, right, bottom, left = (18, 16, 16, 16) if landscape else (22, 18, 20, 20)
        assert near(section.top_margin, top) and near(section.bottom_margin, bottom)
        assert near(section.left_margin, left) and near(section.right_margin, right)
    assert any(section.page_width > section.page_height for section in sections)


def test_answers_are_label_and_value_without_a_header_row(strong_docx):
    plan, document = strong_docx
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Item" not in cells and "Answer" not in cells
    [facts] = [table for table in document.tables
               if table.rows[0].cells[0].text == "Country or organisation"]
    assert facts.rows[0].cells[1].text == plan.about.country_or_organisation
    assert len(facts.columns) == 2
    for row in facts.rows:
        label = row.cells[0].paragraphs[0].runs[0]
        assert label.bold and not row.cells[1].paragraphs[0].runs[0].bold
        # No row repeats as a header, as the first row of a table with headings does.
        assert row._tr.find(f".//{qn('w:tblHeader')}") is None


def test_the_contents_list_every_section_and_say_how_to_add_page_numbers(strong_docx):
    _plan, document = strong_docx
    body = document.element.body
    codes = [node.text for node in body.iter(qn("w:instrText"))]
    assert any(code.strip().startswith("TOC ") for code in codes)
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    start = paragraphs.index("Contents") + 1
    expected = [f"{number}. {step.title}" for number, step in enumerate(STEPS, start=1)]
    expected += ["Annex A. Budget", "Annex B. Consultation"]
    assert paragraphs[start:start + len(expected)] == expected
    assert "F9" in paragraphs[start + len(expected)]
    assert not any("Update this field" in text for text in paragraphs)
    # The field's stored result is exactly those entries: it ends after the last one.
    ends = [paragraph for paragraph in document.paragraphs[start:start + len(expected)]
            if any(char.get(qn("w:fldCharType")) == "end"
                   for char in paragraph._p.iter(qn("w:fldChar")))]
    assert [paragraph.text for paragraph in ends] == ["Annex B. Consultation"]
    # "Contents" is not itself a heading Word would list.
    assert document.paragraphs[start - 1].style.name == "TOC Heading"


def test_counts_are_grouped_and_cells_have_no_empty_lines(strong_docx):
    plan, document = strong_docx
    women = sum(event.women or 0 for event in plan.consultation.events)
    assert women > 999
    assert any(f"{women:,} women" in paragraph.text for paragraph in document.paragraphs)
    [annex] = [table for table in document.tables if table.rows[0].cells[0].text == "Date"]
    first = plan.consultation.events[0]
    place = annex.rows[1].cells[1]
    assert [paragraph.text for paragraph in place.paragraphs] == [first.place]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts = [paragraph.text for paragraph in cell.paragraphs]
                assert len(texts) == 1 or all(texts), texts


def test_a_caption_stays_on_the_page_of_its_table(strong_docx):
    _plan, document = strong_docx
    captions = [paragraph for paragraph in document.paragraphs if paragraph.style.name == "Caption"]
    assert captions and all(paragraph.paragraph_format.keep_with_next for paragraph in captions)
