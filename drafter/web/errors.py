"""Error pages, and the CSRF failure that must never lose what someone typed.

A form posted with an expired or missing CSRF token is not refused outright: the view
runs again in "csrf_failed" mode, which shows the same form with everything posted and a
note, and saves nothing.
"""

from __future__ import annotations

from flask import Flask, current_app, g, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

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
        if view is not None and request.endpoint in REDISPLAY:
            g.csrf_failed = True
            return view(**(request.view_args or {}))
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
            413: _("What you sent is too large. A plan file may be up to 5 MB; "
                   "a single page of the wizard far less."),
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


def _page(code: int, title: str, message: str):
    return render_template("error.html", code=code, title=title, message=message), code
