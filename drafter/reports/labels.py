"""Translated labels for reports, each looked up once per locale in a process.

A report names hundreds of labels (form fields, vocabulary values, choices), and each
lazy label costs a Flask-Babel lookup; a cached PDF's key is built from the report's
data on every download, so that must stay fast. Translations do not change while the
app runs, so each text is kept per locale for the life of the process.
"""

from __future__ import annotations

from flask import g
from flask_babel import get_locale

from ..plan.vocab import Vocab

# (locale, id of a lazy label) -> (the label, its text). Keeping the label itself alive
# beside its text means its id cannot be reused by another object.
_TEXTS: dict[tuple[str, int], tuple[object, str]] = {}
_VOCAB: dict[tuple[str, str, str], str] = {}


def current_locale() -> str:
    """The request's locale, looked up once per request (or CLI app context)."""
    locale = g.get("_report_locale")
    if locale is None:
        locale = g._report_locale = str(get_locale() or "en")
    return locale


def text_of(label) -> str:
    """A label's text in the current locale (a form's or a step's lazy label)."""
    if isinstance(label, str):
        return label
    key = (current_locale(), id(label))
    hit = _TEXTS.get(key)
    if hit is None:
        hit = _TEXTS[key] = (label, str(label))
    return hit[1]


def vocab_label(vocabulary: Vocab, value: str | None) -> str:
    if not value:
        return ""
    key = (current_locale(), vocabulary.name, value)
    text = _VOCAB.get(key)
    if text is None:
        text = _VOCAB[key] = vocabulary.label(value)
    return text


def vocab_labels(vocabulary: Vocab, values: list[str]) -> str:
    return ", ".join(vocab_label(vocabulary, value) for value in values)
