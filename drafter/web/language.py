"""Choosing the interface language.

The language of a page is, in order: the one a signed-in person chose (kept on their
account, so it follows them to another device), the one chosen on this browser (a cookie,
for someone not signed in and for a workshop guest, whose account lives in the browser
anyway), then the browser's own preference, then English. The language menu on every
page posts here; its script carries what the person had typed across the reload
(static/js/language.js), so changing language never loses a form.
"""

from __future__ import annotations

from flask import Blueprint, flash, g, has_request_context, redirect, request
from flask_babel import gettext as _
from flask_login import current_user

from .. import db
from ..i18n import LANGUAGES, SOURCE_LANGUAGE, command_language, direction
from .security import local_path

bp = Blueprint("language", __name__)

COOKIE = "drafter_language"
COOKIE_AGE = 365 * 24 * 3600


def select_locale() -> str:
    """The language of the page being made (Flask-Babel's locale selector)."""
    if not has_request_context():  # a `drafter` command: the environment's language
        return command_language()
    # The person as the access check loaded them (it runs before any page is made); the
    # selector never loads them itself, so that translating a text outside a request's
    # pages (a test's request context, an early error) cannot sign anyone in or out.
    person = g.get("_login_user")
    if person is not None and person.is_authenticated and person.locale in LANGUAGES:
        return person.locale
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES)) or SOURCE_LANGUAGE


@bp.post("/language")
def choose():
    """Switch the interface to the posted language and go back to the page it came from."""
    language = request.form.get("language", "")
    target = local_path(request.form.get("next"), "/")
    if language not in LANGUAGES:
        flash(_("Choose one of the languages in the menu."), "error")
        return redirect(target)
    if current_user.is_authenticated:
        current_user.locale = language
        db.session().commit()
    response = redirect(target)
    response.set_cookie(COOKIE, language, max_age=COOKIE_AGE, httponly=True,
                        samesite="Lax", secure=request.is_secure)
    return response


def init_app(app) -> None:
    app.register_blueprint(bp)

    @app.context_processor
    def _language():
        from flask_babel import get_locale

        language = get_locale().language
        return {"page_language": language, "page_direction": direction(language),
                "languages": LANGUAGES}
