"""Translation of evidence sentences.

`_` is Flask-Babel's `gettext` whenever a Flask app is active, so the web pages show
evidence in the reader's language, and pybabel extracts these strings as usual (`_`
is one of its default keywords). Outside an app (the CLI, tests, benchmarks) gettext
would only look up the null translation and %-format the text, at about 20 us a call;
a scorecard makes a few hundred such calls, which would be most of the time it takes
to score a large plan. So outside an app we do the same formatting directly.
"""

from __future__ import annotations

import functools

from flask import has_app_context
from flask_babel import gettext

from ..plan.vocab import Vocab


def _(text: str, **variables) -> str:
    if has_app_context():
        return gettext(text, **variables)
    return text % variables if variables else text


@functools.cache
def _plain_labels(vocabulary: Vocab) -> dict[str, str]:
    return {value: str(text) for value, text in vocabulary.pairs}


def label(vocabulary: Vocab, value: str | None) -> str:
    """A vocabulary value's label, translated inside an app.

    Labels are lazy strings that go through Flask-Babel on every use; outside an app
    their text never changes, so it is computed once per vocabulary.
    """
    if has_app_context():
        return vocabulary.label(value or "")
    return _plain_labels(vocabulary).get(value or "", value or "")


def labeller(vocabulary: Vocab):
    """`label` bound to one vocabulary, for helpers that name missing keys."""
    return functools.partial(label, vocabulary)
