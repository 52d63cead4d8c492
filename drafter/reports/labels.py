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
    """The locale in force (a report's language inside `force_locale`), as a code; the
    code is worked out once per locale object the request sees."""
    locale = get_locale()
    seen = g.get("_report_locale")
    if seen is None or seen[0] is not locale:
        seen = g._report_locale = (locale, str(locale or "en"))
    return seen[1]


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
