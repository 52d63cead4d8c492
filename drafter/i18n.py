"""Translation for the plan and scoring layers, without importing Flask.

`gettext` and `lazy_gettext` behave as Flask-Babel's: inside a Flask app context they
translate with its catalogue of the current locale; outside one, Flask-Babel falls back
to the text itself, and so do these. The difference is that they import Flask-Babel
(and with it Flask, Werkzeug and Jinja, about a third of a second) only when an app
context is active. No app context can be active before Flask is imported, so a look
in `sys.modules` answers "outside an app" for free: `drafter score`, which reads a
plan file and scores it, never imports Flask.

pybabel still finds these strings: modules import them as `_` and `_l`, which
`make messages` extracts (`_` by default, `_l` with `-k _l`).
"""

from __future__ import annotations

import sys


def in_app() -> bool:
    """Whether a Flask app context is active (without importing Flask to find out)."""
    flask = sys.modules.get("flask")
    return flask is not None and flask.has_app_context()


def translations():
    """Flask-Babel's catalogue of the current locale inside an app, else None."""
    if not in_app():
        return None
    from flask_babel import get_translations

    return get_translations()


def gettext(text: str, **variables) -> str:
    """`text` translated inside an app, then formatted with `variables` (as `%(name)s`)."""
    if in_app():
        from flask_babel import gettext as babel_gettext

        return babel_gettext(text, **variables)
    return text % variables if variables else text


def lazy_gettext(text: str, **variables) -> LazyText:
    """Text translated each time it is used: for labels and messages made at import time."""
    return LazyText(text, variables)


class LazyText:
    """A string translated when it is read, standing in for Flask-Babel's `LazyString`
    (which cannot be imported without Flask) and behaving as it does: it compares,
    hashes, formats and escapes as its translated text."""

    __slots__ = ("_text", "_variables")

    def __init__(self, text: str, variables: dict):
        self._text = text
        self._variables = variables

    def __str__(self) -> str:
        return gettext(self._text, **self._variables)

    __html__ = __str__

    def __repr__(self) -> str:
        return f"l'{self}'"

    def __getattr__(self, name: str):
        # str's methods (`upper`, `format`, ...), as on Flask-Babel's LazyString. Private
        # and special names are refused: copy and pickle probe them on a half-made object.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(str(self), name)

    def __len__(self) -> int:
        return len(str(self))

    def __iter__(self):
        return iter(str(self))

    def __getitem__(self, key):
        return str(self)[key]

    def __contains__(self, item) -> bool:
        return item in str(self)

    def __add__(self, other):
        return str(self) + other

    def __radd__(self, other):
        return other + str(self)

    def __mul__(self, count):
        return str(self) * count

    __rmul__ = __mul__

    def __mod__(self, values):
        return str(self) % values

    def __eq__(self, other) -> bool:
        return str(self) == other

    def __ne__(self, other) -> bool:
        return str(self) != other

    def __lt__(self, other) -> bool:
        return str(self) < other

    def __le__(self, other) -> bool:
        return str(self) <= other

    def __gt__(self, other) -> bool:
        return str(self) > other

    def __ge__(self, other) -> bool:
        return str(self) >= other

    def __hash__(self) -> int:
        return hash(str(self))
