"""A Word document read from right to left (a plan written in Arabic).

Word keeps direction per paragraph (`w:bidi`), per table (`w:bidiVisual`, the columns
run from the right) and per run (`w:rtl`, for runs of right-to-left script; a run of
Latin letters or digits keeps its own order inside the line). The Normal style gets the
complex-script font and size, which Word uses for Arabic instead of the Latin ones.
"""

from __future__ import annotations

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# Arabic and its supplements, and the presentation forms.
RIGHT_TO_LEFT_SCRIPT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
ARABIC_FONT = "Noto Naskh Arabic"
# What follows w:bidi among a paragraph's properties (ECMA-376 CT_PPrBase): Word refuses a
# file whose order differs.
_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
               "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _paragraph(element) -> None:
    properties = element.get_or_add_pPr()
    if properties.find(qn("w:bidi")) is None:
        properties.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)


def _run(element) -> None:
    text = "".join(node.text or "" for node in element.iter(qn("w:t")))
    if RIGHT_TO_LEFT_SCRIPT.search(text):
        element.get_or_add_rPr().get_or_add_rtl()


def right_to_left(document) -> None:
    """Set every paragraph, table and right-to-left run of `document` (body, headers and
    footers) to read from right to left."""
    normal = document.styles["Normal"].element
    fonts = normal.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:cs"), ARABIC_FONT)
    size = normal.rPr.find(qn("w:sz"))
    if size is not None and normal.rPr.find(qn("w:szCs")) is None:
        complex_size = OxmlElement("w:szCs")
        complex_size.set(qn("w:val"), size.get(qn("w:val")))
        size.addnext(complex_size)  # w:szCs follows w:sz
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.footer._element,
                  section.first_page_header._element, section.first_page_footer._element]
    for part in parts:
        for element in part.iter(qn("w:p")):
            _paragraph(element)
        for element in part.iter(qn("w:tblPr")):
            element.get_or_add_bidiVisual()
        for element in part.iter(qn("w:r")):
            _run(element)
