"""Security headers on every response, forms refused before any view reads them, and
numbers read from URLs and forms only as ASCII digits in range.

The Content-Security-Policy allows scripts, styles, fonts and images only from this
site and no inline script at all: the app's one script is a static file.

`init_app` must run before Flask-WTF's CSRFProtect is bound: its check reads the form
too, and must never see one this module refuses (it fails on a nameless part with a
500, and treats a JSON body as form data).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, abort, request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.routing import IntegerConverter
from werkzeug.routing.converters import ValidationError

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
# The largest id every database can be asked about: the id columns are INTEGER, 32 bits
# on PostgreSQL, which refuses a larger parameter ("integer out of range") where SQLite
# (64 bits) would raise only past 2**63 - 1. No table will hold two billion rows.
MAX_ID = 2 ** 31 - 1
# What an HTML form posts. Every POST route of the app is a form; none takes JSON.
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
# Every page for someone logged in is theirs alone; a download too, whoever asks.
PRIVATE = "no-store, private"


def local_path(target: str | None, default: str) -> str:
    """`target` if it is a path on this site, else `default`: a form's or link's "next"
    never sends anyone on to another site ("//evil", "/\\evil" and "https://..." are
    other sites to a browser)."""
    target = target or ""
    if (target.startswith("/") and not target.startswith(("//", "/\\"))
            and not urlsplit(target).netloc and target.isprintable()):
        return target
    return default


def ascii_int(text: str | None, maximum: int = MAX_ID) -> int | None:
    """`text` as a whole number from 0 to `maximum`, or None. Only ASCII digits count:
    `int()` also reads "١٢" and "１２", and `str.isdigit()` passes "²", which `int()`
    then refuses."""
    if not text or len(text) > len(str(maximum)) or not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if value <= maximum else None


class IdConverter(IntegerConverter):
    """`<int:...>` in every URL rule: ASCII digits up to `MAX_ID`, else the rule does not
    match (a 404), instead of a database error on an id no column can hold."""

    regex = r"[0-9]+"  # werkzeug's \d+ also matches other scripts' digits

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None,  # noqa: A002
                 max: int | None = MAX_ID, signed: bool = False) -> None:  # noqa: A002
        super().__init__(map, fixed_digits, min, max, signed)

    def to_python(self, value: str):
        if len(value) > len(str(MAX_ID)):  # never hand int() thousands of digits
            raise ValidationError()
        return super().to_python(value)


def init_app(app: Flask) -> None:
    @app.before_request
    def _refuse_unreadable_forms():
        if request.method != "POST":
            return
        # A JSON (or any other) body is no form: Flask-WTF would read JSON as the form's
        # data, and fail on anything but an object. An empty post with no type is fine.
        if request.mimetype and request.mimetype not in FORM_TYPES:
            abort(400, description=_("What was sent is not a form. This address takes only "
                                     "the form on its own page."))
        pairs = list(request.form.items(multi=True))
        # A multipart part whose name the parser cannot read comes with no name (None);
        # no browser sends one, and form code expects every field to have a name.
        if any(key is None for key, _value in pairs):
            abort(400, description=_("The form could not be read: one of its fields has no name."))
        # No database text column can store NUL, and no keyboard types it: refuse the
        # whole form with a message rather than fail half-way through saving it.
        if any("\x00" in value or "\x00" in key for key, value in pairs):
            abort(400, description=_("The form contains a character that cannot be stored."))

    @app.after_request
    def _headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        # Set, not defaulted: a page's own "no-cache" (the dashboard's poll, which keeps
        # its ETag) would still let a shared or back-button cache keep a private page.
        # Static files hold nothing private, and keep their caching (checked first, so a
        # stylesheet does not cost a look-up of who is logged in).
        if request.endpoint != "static" and current_user.is_authenticated:
            response.headers["Cache-Control"] = PRIVATE
        return response
