"""The plan draft as a Word document (python-docx), from the same data as the PDF.

Ministries finish and circulate plans in Word, so this is a document to keep editing,
not a picture of the PDF: real "Heading 1/2" styles (Word's navigation pane and its
own table of contents work from them), the results matrix, indicators and budget as
Word tables with repeating header rows, wide tables (the results matrix, indicators,
budget lines and consultation events) in landscape sections, and
"Page X of Y" as PAGE and NUMPAGES fields in the footer.

Pages are A4 with the PDF's margins, in every section (python-docx's blank document is
US Letter). The contents are a real TOC field whose stored result already lists the
sections, so the document opens with its contents filled in; Word adds the page numbers
when the field is updated (F9), as a sentence under it says.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from flask_babel import gettext as _

from ..i18n import direction
from .docx_rtl import right_to_left

GREY = RGBColor(0x50, 0x5A, 0x5F)  # the PDF's running title and page numbers

# Characters XML 1.0 cannot hold; python-docx refuses them, a typed form can hold them.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text) -> str:
    return _NOT_XML.sub("", "" if text is None else str(text))


# --- low-level helpers --------------------------------------------------------------------

def _field_char(paragraph, kind: str) -> None:
    """One of a field's marks ("begin", "separate", "end") as a run of `paragraph`."""
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(element)


def _field_start(paragraph, instruction: str) -> None:
    """A field's start and code; what follows, up to its "end" mark, is its stored result."""
    _field_char(paragraph, "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    _field_char(paragraph, "separate")


def _field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES...) that Word computes when it lays out the page."""
    _field_start(paragraph, instruction)
    paragraph.add_run(placeholder)
    _field_char(paragraph, "end")


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


A4 = (Mm(210), Mm(297))
# (top, right, bottom, left): the PDF's @page and @page wide margins (static/css/print.css).
MARGINS = {False: (Mm(22), Mm(18), Mm(20), Mm(20)), True: (Mm(18), Mm(16), Mm(16), Mm(16))}


def _page(section, landscape: bool) -> None:
    """A4, upright or on its side, with the PDF's margins for that orientation."""
    short, long = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    (section.top_margin, section.right_margin,
     section.bottom_margin, section.left_margin) = MARGINS[landscape]


def _text_width(document):
    section = document.sections[-1]
    return section.page_width - section.left_margin - section.right_margin


def _orientation(document, landscape: bool) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape)
    # A new section copies the one before, the cover's blank first page included.
    section.different_first_page_header_footer = False


def _new_table(document, columns: int, shares: tuple[float, ...] | None = None):
    """An empty grid table, then an empty paragraph: two tables with nothing between
    them are drawn (and edited) as one. `shares` are the columns' parts of the text
    width; set before any row is added, since python-docx gives new rows the grid's."""
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    document.add_paragraph()
    if shares:
        table.autofit = False
        width = _text_width(document)
        # LibreOffice reads the grid, Word each cell's width (copied from the grid).
        for column, share in zip(table.columns, shares):
            column.width = int(width * share)
    return table


def _table(document, headings: list[str], rows: list[list], *, caption: str = "",
           shares: tuple[float, ...] | None = None):
    """A table with a bold, repeating header row; cells may be strings or lists of lines."""
    if caption:
        # Kept with the next paragraph: a caption never ends a page, its table on the next.
        label = document.add_paragraph(clean(caption), style="Caption")
        label.paragraph_format.keep_with_next = True
    table = _new_table(document, len(headings), shares)
    header = table.add_row()
    for cell, heading in zip(header.cells, headings):
        cell.paragraphs[0].add_run(clean(heading)).bold = True
        _shade(cell, "F3F2F1")
    _repeat_header(header)
    for values in rows:
        _row(table, values)
    return table


def _row(table, values: list) -> None:
    cells = table.add_row().cells
    for cell, value in zip(cells, values):
        # A cell's lines (a place and its region, a source and its funder) without the
        # blank ones: an empty second line printed as a stray empty paragraph.
        lines = [line for line in (value if isinstance(value, list) else [value]) if line]
        cell.text = clean(lines[0]) if lines else ""
        for line in lines[1:]:
            cell.add_paragraph(clean(line))


# Column shares of the text width, as static/css/print.css gives them.
FACT_SHARES = (0.38, 0.62)
MATRIX_SHARES = (0.25, 0.14, 0.17, 0.12, 0.32)
MONEY_SHARES = (0.40, 0.20, 0.20, 0.20)
BUDGET_LINE_SHARES = (0.30, 0.15, 0.06, 0.19, 0.10, 0.10, 0.10)
EVENT_SHARES = (0.09, 0.15, 0.10, 0.07, 0.07, 0.22, 0.30)  # "Women" fits its column


def _facts(document, items: list[dict]) -> None:
    """Short answers as label and value side by side, the label bold on a light shade:
    a list of facts about the plan, not a form's "Item | Answer" table with a header."""
    table = _new_table(document, 2, FACT_SHARES)
    for item in items:
        label, value = table.add_row().cells
        label.paragraphs[0].add_run(clean(item["label"])).bold = True
        _shade(label, "F3F2F1")
        value.text = clean(item["value"])


# --- blocks -------------------------------------------------------------------------------

def _aside(paragraph, text: str) -> None:
    paragraph.add_run(clean(text)).italic = True


def _cut_note(document, part: dict) -> None:
    """What a table shortened by the page budget (`page_budget`) says, as in the PDF."""
    if part.get("cut"):
        _aside(document.add_paragraph(), part["cut"]["note"])


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
        table = _table(document, headings, [], shares=MATRIX_SHARES)
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
            if objective.get("more"):
                cells = table.add_row().cells
                _aside(cells[0].merge(cells[-1]).paragraphs[0], objective["more"])


def _block(document, block: dict, report: dict) -> None:
    kind = block["type"]
    if kind == "group":
        if block["heading"]:
            document.add_heading(clean(block["heading"]), level=2)
        for inner in block["blocks"]:
            _block(document, inner, report)
    elif kind == "facts":
        _facts(document, block["items"])
    elif kind == "prose":
        document.add_heading(clean(block["label"]), level=3)
        for text in block["paragraphs"]:
            document.add_paragraph(clean(text))
    elif kind == "table":
        table = _table(document, block["columns"], block["rows"], caption=block["caption"])
        _align_right(table, block.get("numeric", []))
        _cut_note(document, block)
    elif kind == "pillars":
        document.add_heading(_("Pillars and their objectives"), level=2)
        _cut_note(document, block)
        for pillar in block["pillars"]:
            document.add_heading(clean(pillar["name"]), level=3)
            if pillar.get("standards"):
                paragraph = document.add_paragraph()
                paragraph.add_run(_("Standard pillars it covers:")).italic = True
                paragraph.add_run(clean(" " + pillar["standards"]))
            if pillar["description"]:
                document.add_paragraph(clean(pillar["description"]))
            for objective in pillar["objectives"]:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(clean(f"{objective['code']} {objective['title']}".strip())).bold = True
                if objective["outcome"]:
                    paragraph.add_run(clean(" " + _("Expected outcome:") + " " + objective["outcome"]))
            if pillar.get("more"):
                _aside(document.add_paragraph(), pillar["more"])
    elif kind == "matrix":
        _cut_note(document, block)
        _matrix(document, block)
    elif kind == "indicators":
        _cut_note(document, block)
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
                   [[r["name"], r["cost"], r["secured"], r["gap"]] for r in rows + [total]],
                   shares=MONEY_SHARES)
    _align_right(table, range(1, 4))
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _align_right(table, columns) -> None:
    """Amounts right-aligned, as in the PDF, so that their digits line up."""
    for row in table.rows:
        for index in columns:
            for paragraph in row.cells[index].paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


# --- the document -------------------------------------------------------------------------

def _cover(document, report: dict):
    """The cover and the contents page; returns the paragraph the contents start in,
    filled by `_contents` once every heading has been written."""
    cover = report["cover"]
    if cover["country"]:
        document.add_paragraph(clean(cover["country"]).upper())
    document.add_paragraph(clean(cover["title"]), style="Title")
    document.add_paragraph(clean(" · ".join(p for p in (cover["plan_type"], cover["period"]) if p)))
    if cover["lead"]:
        document.add_paragraph(clean(_("Lead institution") + ": " + cover["lead"]))
    # As on the PDF's cover: the moment of the last save, not a count of saves.
    status = [cover["status"], _("version of %(when)s", when=cover["version"])
              if cover["version"] else cover["date"]]
    document.add_paragraph().add_run(clean(" · ".join(p for p in status if p))).bold = True
    if report.get("summary"):  # a draft shortened to its page budget says so at once
        _aside(document.add_paragraph(), report["summary"]["note"])
    document.add_page_break()
    # Word's own style for a contents title: a heading that is not listed in the contents.
    document.add_paragraph(_("Contents"), style="TOC Heading")
    contents = document.add_paragraph()
    document.add_paragraph().add_run(_(
        "Word adds the page numbers when it updates the contents: click in them and "
        "press F9.")).italic = True
    return contents


# Level 1 only, like the PDF's contents: the sections and the annexes.
TOC_FIELD = 'TOC \\o "1-1" \\h \\z \\u'


def _contents(document, first) -> None:
    """The TOC field, from paragraph `first` on, its stored result the document's level-1
    headings in order: a reader sees the contents before Word ever updates the field,
    and updating it (F9) lists the same headings with their pages."""
    headings = [paragraph.text for paragraph in document.paragraphs
                if paragraph.style.name == "Heading 1"]
    _field_start(first, TOC_FIELD)
    first.add_run(headings[0] if headings else "")
    last, following = first, first._p.getnext()
    for text in headings[1:]:
        # add_paragraph appends to the body's end; each entry moves up to its place.
        last = document.add_paragraph(text)
        following.addprevious(last._p)
    _field_char(last, "end")


def _annexes(document, report: dict, landscape: bool) -> None:
    """Annex A (its totals upright, the budget lines on landscape pages) and Annex B (the
    events, landscape), as in the PDF: seven columns are too many for an upright page.
    `landscape` says how the page before them is turned."""
    def new_page(wide: bool) -> None:
        nonlocal landscape
        if wide == landscape:
            document.add_page_break()
        else:
            _orientation(document, wide)  # a new section starts its own page
            landscape = wide

    budget = report["budget"]
    if budget["lines"] or budget.get("cut"):
        new_page(False)
        document.add_heading(_("Annex A. Budget"), level=1)
        _money(document, _("Pillar"), budget["by_pillar"], budget)
        _money(document, _("Funding source"), budget["by_source"], budget)
        new_page(True)
        document.add_heading(_("Budget lines"), level=2)
        _cut_note(document, budget)
        lines = _table(document, [_("Description"), _("Pillar or category"), _("Action"),
                                  _("Source and funder"), _("Cost"), _("Secured"),
                                  _("Funding gap")],
                       [[line["description"], line["pillar"], line["action"],
                         [line["source"], line["funder"]], line["cost"], line["secured"],
                         line["gap"]] for line in budget["lines"]], shares=BUDGET_LINE_SHARES)
        _align_right(lines, range(4, 7))
    consultation = report["consultation"]
    if consultation["count"]:
        new_page(True)
        document.add_heading(_("Annex B. Consultation"), level=1)
        _cut_note(document, consultation)
        _table(document, [_("Date"), _("Place"), _("Format"), _("Women"), _("Men"),
                          _("Groups heard"), _("Organisations")],
               [[e["date"], [e["place"], e["region"]], e["format"],
                 e["women"], e["men"], e["groups"], e["organisations"]]
                for e in consultation["events"]], shares=EVENT_SHARES)


def plan_docx(report: dict) -> bytes:
    """The Word document of a plan draft, from `data.plan_report`'s dict."""
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    first = document.sections[0]
    _page(first, landscape=False)  # later sections start as a copy of the one before
    # The cover has neither running title nor page number, as in the PDF.
    first.different_first_page_header_footer = True
    running = first.header.paragraphs[0].add_run(clean(
        f"{report['cover']['title']} · {report['cover']['status']}"))
    running.font.size = Pt(8)
    running.font.color.rgb = GREY
    _page_numbers(first)  # later sections inherit the header and footer
    contents = _cover(document, report)
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
    _annexes(document, report, landscape)
    _contents(document, contents)
    if direction(report.get("locale", "en")[:2]) == "rtl":
        right_to_left(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
