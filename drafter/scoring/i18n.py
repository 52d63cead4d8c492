"""Translation of evidence sentences.

`_` translates with Flask-Babel's catalogue of the current locale whenever a Flask app
is active, so the web pages show evidence in the reader's language, and pybabel
extracts these strings as usual (`_` is one of its default keywords). A scorecard
makes a few hundred such calls, and Flask-Babel's `gettext` finds the catalogue anew
on each (about 5 us), which was three quarters of the time it takes to score a plan
on a page (the workshop dashboard scores 30 at a time). So `score()` looks the
catalogue up once (`one_catalogue`) and `_` uses it directly, formatting as `gettext`
does. Outside an app (the CLI, tests, benchmarks) the text is only formatted, and
Flask is never imported (`drafter.i18n`): `drafter score` does not pay for it.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from contextvars import ContextVar

from ..i18n import in_app, translations
from ..plan.vocab import Vocab


_catalogue: ContextVar = ContextVar("scoring_catalogue", default=None)


@contextmanager
def one_catalogue():
    """Translate every evidence sentence of what runs inside with one catalogue."""
    token = _catalogue.set(translations())
    try:
        yield
    finally:
        _catalogue.reset(token)


def _(text: str, **variables) -> str:
    catalogue = _catalogue.get()
    if catalogue is None:
        catalogue = translations()
    if catalogue is not None:
        text = catalogue.ugettext(text)
    return text % variables if variables else text


@functools.cache
def _plain_labels(vocabulary: Vocab) -> dict[str, str]:
    return {value: str(text) for value, text in vocabulary.pairs}


def label(vocabulary: Vocab, value: str | None) -> str:
    """A vocabulary value's label, translated inside an app.

    Labels are lazy strings that go through Flask-Babel on every use; outside an app
    their text never changes, so it is computed once per vocabulary.
    """
    if in_app():
        return vocabulary.label(value or "")
    return _plain_labels(vocabulary).get(value or "", value or "")


def labeller(vocabulary: Vocab):
    """`label` bound to one vocabulary, for helpers that name missing keys."""
    return functools.partial(label, vocabulary)
