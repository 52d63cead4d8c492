"""The plan draft as a Word document (python-docx), from the same data as the PDF.

Ministries finish and circulate plans in Word, so this is a document to keep editing,
not a picture of the PDF: real "Heading 1/2" styles (Word's navigation pane and its
own table of contents work from them), the results matrix, indicators and budget as
Word tables with repeating header rows, wide tables in landscape sections, and
"Page X of Y" as PAGE and NUMPAGES fields in the footer.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from flask_babel import gettext as _

# Characters XML 1.0 cannot hold; python-docx refuses them, a typed form can hold them.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text) -> str:
    return _NOT_XML.sub("", "" if text is None else str(text))


# --- low-level helpers --------------------------------------------------------------------

def _field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES, TOC...) that Word computes when it lays out the page."""
    def char(kind):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    paragraph.add_run()._r.append(char("begin"))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(char("end"))


def _page_numbers(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    pattern = _("Page {page} of {pages}")
    for index, chunk in enumerate(re.split(r"\{(pages?)\}", pattern)):
        if index % 2:
            _field(paragraph, "PAGE" if chunk == "page" else "NUMPAGES")
        elif chunk:
            paragraph.add_run(chunk)


def _repeat_header(row) -> None:
    """Mark a table row as a header row that Word repeats on every page."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _table(document, headings: list[str], rows: list[list], *, caption: str = ""):
    """A table with a bold, repeating header row; cells may be strings or lists of lines."""
    if caption:
        document.add_paragraph(clean(caption), style="Caption")
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, headings):
        cell.text = ""
        cell.paragraphs[0].add_run(clean(heading)).bold = True
        _shade(cell, "F3F2F1")
    _repeat_header(table.rows[0])
    for values in rows:
        _row(table, values)
    return table


def _row(table, values: list) -> None:
    cells = table.add_row().cells
    for cell, value in zip(cells, values):
        lines = value if isinstance(value, list) else [value]
        cell.text = clean(lines[0]) if lines else ""
        for line in lines[1:]:
            cell.add_paragraph(clean(line))


def _orientation(document, landscape: bool) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = section.page_width, section.page_height
    if (width < height) == landscape:
        section.page_width, section.page_height = height, width


# --- blocks -------------------------------------------------------------------------------

def _indicator_lines(indicators: list[dict]) -> list[str]:
    lines = []
    for indicator in indicators:
        lines.append(" ".join(part for part in (indicator["code"], indicator["statement"]) if part))
        if indicator["baseline"] or indicator["target"]:
            lines.append(_("Baseline: %(baseline)s · Target: %(target)s",
                           baseline=indicator["baseline"] or "–", target=indicator["target"] or "–"))
    return lines


def _matrix(document, block: dict) -> None:
    headings = [_("Action"), _("Lead"), _("Partners"), _("Timeline"),
                _("Indicators, baseline and target")]
    for pillar in block["pillars"]:
        document.add_heading(clean(pillar["name"]), level=2)
        table = _table(document, headings, [])
        for objective in pillar["objectives"]:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            merged.text = ""
            title = merged.paragraphs[0]
            title.add_run(clean(f"{objective['code']} {objective['title']}".strip())).bold = True
            if objective["outcome"]:
                merged.add_paragraph(clean(_("Expected outcome:") + " " + objective["outcome"]))
            for line in _indicator_lines(objective["indicators"]):
                merged.add_paragraph(clean(line))
            _shade(merged, "E8F1F8")
            for action in objective["actions"]:
                _row(table, [f"{action['code']} {action['title']}".strip(), action["lead"],
                             action["partners"], action["timeline"],
                             _indicator_lines(action["indicators"])])


def _block(document, block: dict, report: dict) -> None:
    kind = block["type"]
    if kind == "group":
        if block["heading"]:
            document.add_heading(clean(block["heading"]), level=2)
        for inner in block["blocks"]:
            _block(document, inner, report)
    elif kind == "facts":
        _table(document, [_("Item"), _("Answer")],
               [[item["label"], item["value"]] for item in block["items"]])
    elif kind == "prose":
        document.add_heading(clean(block["label"]), level=3)
        for text in block["paragraphs"]:
            document.add_paragraph(clean(text))
    elif kind == "table":
        _table(document, block["columns"], block["rows"], caption=block["caption"])
    elif kind == "pillars":
        document.add_heading(_("Pillars and their objectives"), level=2)
        for pillar in block["pillars"]:
            document.add_heading(clean(pillar["name"]), level=3)
            if pillar["description"]:
                document.add_paragraph(clean(pillar["description"]))
            for objective in pillar["objectives"]:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(clean(f"{objective['code']} {objective['title']}".strip())).bold = True
                if objective["outcome"]:
                    paragraph.add_run(clean(" " + _("Expected outcome:") + " " + objective["outcome"]))
    elif kind == "matrix":
        _matrix(document, block)
    elif kind == "indicators":
        _table(document, [_("Code"), _("Indicator"), _("Measures"), _("Baseline"), _("Target"),
                          _("Data source"), _("Frequency"), _("Collected by")],
               [[r["code"], r["statement"], r["measures"], r["baseline"], r["target"],
                 r["source"], r["frequency"], r["responsible"]] for r in block["rows"]])
    elif kind == "budget":
        document.add_heading(_("What the plan costs"), level=2)
        _money(document, _("Pillar"), report["budget"]["by_pillar"], report["budget"])
    elif kind == "events":
        c = report["consultation"]
        document.add_paragraph(_("%(count)s consultation events heard %(women)s women and %(men)s "
                                 "men; %(outside)s were held outside the capital.",
                                 count=c["count"], women=c["women"], men=c["men"],
                                 outside=c["outside_capital"]))


def _money(document, first: str, rows: list[dict], budget: dict) -> None:
    currency = f" ({budget['currency']})" if budget["currency"] else ""
    total = budget["total"]
    table = _table(document, [first, _("Cost") + currency, _("Secured"), _("Funding gap")],
                   [[r["name"], r["cost"], r["secured"], r["gap"]] for r in rows + [total]])
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


# --- the document -------------------------------------------------------------------------

def _cover(document, report: dict) -> None:
    cover = report["cover"]
    if cover["country"]:
        document.add_paragraph(clean(cover["country"]).upper())
    document.add_paragraph(clean(cover["title"]), style="Title")
    document.add_paragraph(clean(" · ".join(p for p in (cover["plan_type"], cover["period"]) if p)))
    if cover["lead"]:
        document.add_paragraph(clean(_("Lead institution") + ": " + cover["lead"]))
    status = [cover["status"], cover["date"]]
    if cover["revision"]:
        status.append(_("revision %(number)s", number=cover["revision"]))
    document.add_paragraph().add_run(clean(" · ".join(p for p in status if p))).bold = True
    document.add_page_break()
    document.add_heading(_("Contents"), level=1)
    _field(document.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u',
           _("Update this field in Word to list the contents."))


def _annexes(document, report: dict, on_new_page: bool) -> None:
    budget = report["budget"]
    if budget["lines"]:
        if not on_new_page:
            document.add_page_break()
        on_new_page = False
        document.add_heading(_("Annex A. Budget"), level=1)
        _money(document, _("Pillar"), budget["by_pillar"], budget)
        _money(document, _("Funding source"), budget["by_source"], budget)
        document.add_heading(_("Budget lines"), level=2)
        _table(document, [_("Description"), _("Pillar or category"), _("Action"),
                          _("Source and funder"), _("Cost"), _("Secured"), _("Funding gap")],
               [[line["description"], line["pillar"], line["action"],
                 [line["source"], line["funder"]] if line["funder"] else line["source"],
                 line["cost"], line["secured"], line["gap"]] for line in budget["lines"]])
    consultation = report["consultation"]
    if consultation["count"]:
        if not on_new_page:
            document.add_page_break()
        document.add_heading(_("Annex B. Consultation"), level=1)
        _table(document, [_("Date"), _("Place"), _("Format"), _("Women"), _("Men"),
                          _("Groups heard"), _("Organisations")],
               [[e["date"], [e["place"], e["region"]], e["format"],
                 "" if e["women"] is None else str(e["women"]),
                 "" if e["men"] is None else str(e["men"]), e["groups"], e["organisations"]]
                for e in consultation["events"]])


def plan_docx(report: dict) -> bytes:
    """The Word document of a plan draft, from `data.plan_report`'s dict."""
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    first = document.sections[0]
    first.header.paragraphs[0].text = clean(
        f"{report['cover']['title']} · {report['cover']['status']}")
    _page_numbers(first)  # later sections inherit the header and footer
    _cover(document, report)
    landscape = False
    for number, section in enumerate(report["sections"], start=1):
        if section["landscape"] != landscape:
            landscape = section["landscape"]
            _orientation(document, landscape)
        elif not section["empty"]:
            document.add_page_break()
        document.add_heading(clean(f"{number}. {section['title']}"), level=1)
        if section["empty"]:
            document.add_paragraph(_("This section has not been written yet."))
        for block in section["blocks"]:
            _block(document, block, report)
    if landscape:
        _orientation(document, False)  # starts a new page itself
    _annexes(document, report, on_new_page=landscape)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
