"""Translated labels for reports, looked up once per app context.

A report names hundreds of vocabulary values (funding sources, formats, groups...), and
each lazy label costs a Flask-Babel lookup; building the data of a cached PDF's key
must stay fast, so each (vocabulary, value) is translated once and kept on `flask.g`,
which lives exactly as long as the request (or the CLI's app context) and its locale.
"""

from __future__ import annotations

from flask import g

from ..plan.vocab import Vocab


def vocab_label(vocabulary: Vocab, value: str | None) -> str:
    if not value:
        return ""
    cache = g.setdefault("_report_labels", {})
    key = (vocabulary.name, value)
    if key not in cache:
        cache[key] = vocabulary.label(value)
    return cache[key]


def vocab_labels(vocabulary: Vocab, values: list[str]) -> str:
    return ", ".join(vocab_label(vocabulary, value) for value in values)


def text_of(label) -> str:
    """A label's text in the current locale; a lazy label (a form's, a step's) is
    translated once. Cached by identity, keeping the label itself alive beside its
    text so that its id cannot be reused by another object."""
    if isinstance(label, str):
        return label
    cache = g.setdefault("_report_texts", {})
    hit = cache.get(id(label))
    if hit is None:
        hit = cache[id(label)] = (label, str(label))
    return hit[1]
