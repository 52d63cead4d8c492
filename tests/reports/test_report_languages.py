"""Reports are printed in the plan's own language, whatever the reader's interface
language: headings, labels, dates and the checklist's texts. A gap report can be asked
for in another language. Arabic reports read from right to left (PDF and Word).

Each file is made by the task queue's worker, running beside the test, and read back.
"""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from flask_babel import force_locale, gettext

from support import sample
from drafter.scoring import load_checklist
from drafter.scoring.checklist import default_checklist_path
from drafter.scoring.translation import in_language
from helpers import squash


@pytest.fixture(autouse=True)
def cache_in_tmp(app, tmp_path, worker):
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "report-cache")


BRACKETS = re.compile(r"[()\[\]«»]")
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plan_in(make_plan, language: str) -> int:
    document = sample("strong-plan.json")
    return make_plan(document.model_copy(update={
        "about": document.about.model_copy(update={"language": language})}))


def said(app, language: str, text: str) -> str:
    with app.test_request_context(), force_locale(language):
        return gettext(text)


def pdf_words(content: bytes) -> str:
    """The PDF's text as poppler reads it (logical order, Arabic joined), without spaces."""
    found = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=content,
                           capture_output=True, check=True).stdout.decode()
    # poppler marks the runs of each direction with embedding controls: not text.
    return squash(BIDI_CONTROLS.sub("", found))


def checklist_name(language: str) -> str:
    return in_language(load_checklist(default_checklist_path()), language).name


def printed(text: str, content: str) -> bool:
    """Whether each word of `text` is in the PDF's text `content`, brackets aside (poppler
    gives a bracket inside Arabic text back mirrored). Words with the lam-alef ligature
    are left out: poppler gives its two letters back in visual order."""
    def bare(value: str) -> str:
        return squash(BRACKETS.sub("", value))

    content = bare(content)
    return all(bare(word) in content for word in text.split() if "لا" not in word)


@pytest.mark.parametrize("language", ["es", "fr", "ar"])
def test_the_pdf_draft_is_in_the_plans_language_whatever_the_readers(app, client, make_plan,
                                                                      language):
    plan_id = plan_in(make_plan, language)
    client.set_cookie("drafter_language", "en")
    response = client.get(f"/plans/{plan_id}/draft.pdf")
    assert response.status_code == 200
    text = pdf_words(response.get_data())
    for heading in ("Context analysis", "Monitoring, evaluation and reporting", "Contents"):
        translated = said(app, language, heading)
        assert translated != heading
        assert printed(translated, text), heading
    assert squash("Context analysis") not in text


@pytest.mark.parametrize("language", ["es", "fr", "ar"])
def test_the_gap_report_prints_the_checklist_in_the_plans_language(app, client, make_plan,
                                                                    language):
    plan_id = plan_in(make_plan, language)
    response = client.get(f"/plans/{plan_id}/gap-report.pdf")
    assert response.status_code == 200
    text = pdf_words(response.get_data())
    assert printed(checklist_name(language), text)
    assert squash(checklist_name("en")) not in text


def test_a_gap_report_can_be_asked_for_in_another_language(client, make_plan):
    plan_id = plan_in(make_plan, "es")
    response = client.get(f"/plans/{plan_id}/gap-report.pdf?language=fr")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith("-gap-report-fr.pdf")
    assert printed(checklist_name("fr"), pdf_words(response.get_data()))
    page = client.get(f"/plans/{plan_id}/scorecard").get_data(as_text=True)
    assert f"/plans/{plan_id}/gap-report.pdf?language=fr" in page


def test_dates_and_numbers_are_written_as_the_language_writes_them(client, make_plan):
    plan_id = plan_in(make_plan, "fr")
    text = pdf_words(client.get(f"/plans/{plan_id}/draft.pdf").get_data())
    assert sample("strong-plan.json").about.adoption_date == "2026-02-10"
    assert squash("10 février 2026") in text  # the adoption date, in About
    assert squash("10 February 2026") not in text


def test_an_arabic_word_draft_reads_from_right_to_left(client, make_plan):
    plan_id = plan_in(make_plan, "ar")
    response = client.get(f"/plans/{plan_id}/draft.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.get_data()))
    body = document.element.body
    paragraphs = list(body.iter(qn("w:p")))
    assert paragraphs and all(p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None
                              for p in paragraphs)
    tables = list(body.iter(qn("w:tblPr")))
    assert tables and all(t.find(qn("w:bidiVisual")) is not None for t in tables)
    arabic_runs = [run for run in body.iter(qn("w:r"))
                   if any("\u0600" <= ch <= "\u06ff" for ch in "".join(
                       node.text or "" for node in run.iter(qn("w:t"))))]
    assert arabic_runs and all(run.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is not None
                               for run in arabic_runs)


def test_an_arabic_pdf_is_laid_out_from_right_to_left(client, make_plan, app):
    plan_id = plan_in(make_plan, "ar")
    with app.app_context():
        from drafter.plan.store import PlanStore
        from drafter.reports import pdf
        from drafter.reports.service import report_data
        from drafter import db

        data = report_data(db.session(), "plan", PlanStore(db.session()).load(plan_id))
        html = pdf.render_html("plan", data)
    assert '<html lang="ar" dir="rtl">' in html
    assert data["locale"] == "ar"
