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

import functools
import sys

# The languages NAP Drafter speaks, each named in itself (as the language menu shows it),
# English first: the language every text is written in and falls back to.
LANGUAGES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية",
             "pt": "Português"}
SOURCE_LANGUAGE = "en"
RIGHT_TO_LEFT = frozenset({"ar"})


# The language of the `drafter` command's messages: the environment's (LANGUAGE, LC_ALL,
# LC_MESSAGES, LANG, as gettext reads them), set when the command starts; English for
# code called otherwise (tests, a Python shell).
_command_language = SOURCE_LANGUAGE


def use_environment_language(environ=None) -> str:
    """Speak the language the environment asks for in the command's messages, as gettext
    reads it: LANGUAGE's list in order of preference, then the first of LC_ALL,
    LC_MESSAGES and LANG that is set (a language we do not speak there means English)."""
    global _command_language
    import os

    environ = os.environ if environ is None else environ

    def code(value: str) -> str:
        return value.split("_")[0].split(".")[0].lower()

    wanted = [code(value) for value in (environ.get("LANGUAGE") or "").split(":") if value]
    locale = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG")
                   if environ.get(name)), "")
    wanted.append(code(locale))
    _command_language = next((found for found in wanted if found in LANGUAGES),
                             SOURCE_LANGUAGE)
    return _command_language


def command_language() -> str:
    return _command_language


def text_direction(text: str) -> str | None:
    """The direction of `text` by its first letter that has one (Unicode's bidirectional
    classes: L left to right; R and AL right to left), None if none has."""
    import unicodedata

    for character in text or "":
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def text_dir(text) -> str:
    """` dir="ltr"` or ` dir="rtl"` (markup) for an element holding `text` that people
    typed: its own direction, whatever the page's. WeasyPrint does not work out
    `dir="auto"`, and an English title in an Arabic report would otherwise have its
    numbers and brackets moved to the ends of its lines."""
    from markupsafe import Markup

    found = text_direction(str(text))
    return Markup(f' dir="{found}"') if found else Markup("")


def direction(language: str) -> str:
    """The writing direction of `language`, as HTML's dir attribute takes it."""
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"


def in_app() -> bool:
    """Whether a Flask app context is active (without importing Flask to find out)."""
    flask = sys.modules.get("flask")
    return flask is not None and flask.has_app_context()


def current_language() -> str:
    """The language of the current locale inside an app (a page's reader, or the language
    a report is forced into), else the command's."""
    if not in_app():
        return _command_language
    from flask_babel import get_locale

    locale = get_locale()
    return locale.language if locale is not None else SOURCE_LANGUAGE


# The date patterns the code writes are British English ("1 December 2026"); another
# language writes the same fields in its own order and words ("1 de diciembre de 2026",
# "1 déc. 2026"), found through the CLDR skeleton of those fields.
_SKELETONS = {"d MMMM yyyy": "yMMMMd", "d MMM yyyy": "yMMMd", "MMMM yyyy": "yMMMM",
              "MMM yyyy": "yMMM"}
_TIME = ", HH:mm"


def date_pattern(pattern: str, language: str | None = None) -> str:
    """`pattern` as `language` (the current one if not given) writes the same fields."""
    return _date_pattern(pattern, language or current_language())


@functools.cache
def _date_pattern(pattern: str, language: str) -> str:
    if language == SOURCE_LANGUAGE:
        return pattern
    if pattern.endswith(_TIME):
        return _date_pattern(pattern.removesuffix(_TIME), language) + _TIME
    skeleton = _SKELETONS.get(pattern)
    if skeleton is None:
        return pattern
    from babel import Locale
    from babel.dates import match_skeleton

    skeletons = Locale.parse(language).datetime_skeletons
    found = match_skeleton(skeleton, skeletons)
    return skeletons[found].pattern if found else pattern


def number(value: float, decimals: int = 0) -> str:
    """`value` as the current language writes numbers: "1,234,567" in English, "1 234 567"
    in French, "1.234.567" in Spanish and Portuguese."""
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0" + ("." + "0" * decimals if decimals else ""),
                          locale=current_language())


def translations():
    """Flask-Babel's catalogue of the current locale inside an app, else the command
    language's (None for English, the language the texts are written in)."""
    if not in_app():
        return None if _command_language == SOURCE_LANGUAGE \
            else _catalogue(_command_language)
    from flask_babel import get_translations

    return get_translations()


@functools.cache
def _catalogue(language: str):
    from babel.support import Translations

    from .paths import resource

    return Translations.load(str(resource("translations")), [language])


def N_(text: str) -> str:
    """Mark `text` for the catalogues where it is written (in data built at import time)
    and leave it as it is: whoever shows it translates it then."""
    return text


def gettext(text: str, **variables) -> str:
    """`text` translated inside an app, then formatted with `variables` (as `%(name)s`)."""
    if in_app():
        from flask_babel import gettext as babel_gettext

        return babel_gettext(text, **variables)
    catalogue = translations()
    if catalogue is not None:
        text = catalogue.ugettext(text)
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
