"""Security headers on every response, and forms refused before any view reads them.

The Content-Security-Policy allows scripts, styles, fonts and images only from this
site and no inline script at all: the app's one script is a static file.
"""

from __future__ import annotations

from flask import Flask, abort, request
from flask_babel import gettext as _

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")


def init_app(app: Flask) -> None:
    @app.before_request
    def _refuse_unreadable_forms():
        if request.method != "POST":
            return
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
        return response
