"""Error pages, and the CSRF failure that must never lose what someone typed.

A form posted with an expired or missing CSRF token is not refused outright: the view
runs again in "csrf_failed" mode, which shows the same form with everything posted and a
note, and saves nothing. Only when the post came from one of this site's own pages,
though: another site (another port, a sibling subdomain) could otherwise post a form
to a victim's browser, which would then show the victim the attacker's values under
"press save again". Anything else gets a plain 400.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, g, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from ..plan.transfer import MAX_IMPORT_BYTES

# Forms whose views can show themselves again, saving nothing, when the token failed.
# Every other state-changing request is simply refused.
REDISPLAY = {"wizard.step", "wizard.item", "plans.new", "plans.import_plan", "auth.login",
             "auth.signup", "auth.change_password",
             "review.section_comments", "review.reply", "review.assess", "history.save",
             "workshops.new", "workshops.join", "workshops.join_team", "workshops.add_team"}


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf_error(error):
        view = current_app.view_functions.get(request.endpoint or "")
        if view is not None and request.endpoint in REDISPLAY and from_this_site():
            g.csrf_failed = True
            try:
                return view(**(request.view_args or {}))
            except HTTPException as refusal:
                # Raised from inside this handler, no handler would catch it (a 500): the
                # item the form was about is gone, say, which the page says as a 404.
                return _http_error(refusal)
        return _page(400, _("The form could not be sent"),
                     _("Your session may have expired. Go back, reload the page and try again."))

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        titles = {403: _("You do not have access"), 404: _("Page not found"),
                  405: _("Not possible here"),
                  413: _("Too large"), 400: _("The request could not be read"),
                  423: _("Editing is locked")}
        messages = {
            403: _("Your account cannot open this page. If it belongs to a plan, ask the "
                   "plan's owner to invite you, or to give you a role that allows this."),
            404: _("There is nothing at this address. It may have been deleted."),
            405: _("That action is not possible on this page."),
            413: _("What you sent is too large. A plan file may be up to %(size)s MB; "
                   "a single page of the wizard far less.",
                   size=MAX_IMPORT_BYTES // (1024 * 1024)),
            423: _("The trainer has locked editing for this part of the workshop, so "
                   "nothing was changed. You can still read the plan and its scorecard; "
                   "editing opens again when the trainer unlocks it."),
        }
        return _page(error.code or 500, titles.get(error.code, error.name),
                     messages.get(error.code, error.description))

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        app.logger.exception("Unhandled error")
        return _page(500, _("Something went wrong"),
                     _("Your last change may not have been saved. Go back and try again."))


def from_this_site() -> bool:
    """Whether the browser says the request came from a page of this very origin.

    Sec-Fetch-Site when sent (every current browser, on HTTPS and localhost); else the
    Origin or Referer (sent on a plain-HTTP LAN), which must match this request's own
    scheme, host and port. A request with none of them is not from a browser's form.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site == "same-origin"
    source = request.headers.get("Origin") or request.headers.get("Referer")
    return bool(source) and _origin(source) == _origin(request.host_url)


def _origin(url: str) -> tuple | None:
    """(scheme, host, port) of `url`, the port filled in for http and https; None when
    it has none ("null", a bad port)."""
    try:
        parts = urlsplit(url)
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    return parts.scheme, parts.hostname, port


def _page(code: int, title: str, message: str):
    return render_template("error.html", code=code, title=title, message=message), code
