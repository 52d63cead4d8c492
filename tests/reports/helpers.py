"""Reading reports back: PDF text with pypdf, Word documents with python-docx."""

from __future__ import annotations

import io

from pypdf import PdfReader


def squash(text: str) -> str:
    """Text without any whitespace: pypdf may break a line anywhere a PDF line ends, so
    comparisons ignore where the spaces and line breaks fall."""
    return "".join(str(text).split())


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() or "" for page in pdf_reader(content).pages]


def pdf_text(content: bytes) -> str:
    return "\n".join(pdf_pages(content))


def outline_titles(reader: PdfReader) -> list[str]:
    """Every bookmark title, nested ones included."""
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles
