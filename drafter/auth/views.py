"""Account pages.

URL table:
    GET, POST  /signup                  create an account (the first becomes the administrator)
    GET, POST  /login                   log in (failures are throttled per account and address)
    POST       /logout                  log out this device
    GET, POST  /account/password        change one's password (logs out every other device)
    GET        /account/devices         where one is logged in
    POST       /account/devices/end     log out everywhere
"""

from __future__ import annotations


from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import Email, EqualTo, InputRequired, Length

from .. import db, mail
from ..web.security import local_path
from ..wizard import pending
from . import login as logins
from . import sessions, throttle
from .passwords import password_problem
from .service import MIN_PASSWORD, AccountError, Throttled, authenticate, change_password, sign_up

bp = Blueprint("auth", __name__)

DEVICES_SHOWN = 20  # the most recent; "log out everywhere" ends the rest too

PASSWORD_HINT = _l("At least %(n)s characters, not a common password: a few unrelated "
                   "words work well.", n=MIN_PASSWORD)


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[
        InputRequired(_l("Enter your e-mail address")),
        Length(max=254, message=_l("An e-mail address has at most 254 characters."))],
        render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[InputRequired(_l("Enter your password"))],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Keep me logged in on this device for 14 days"),
                            description=_l("Only on a computer that you alone use."))


class SignupForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[InputRequired(_l("Enter your name")), Length(max=200)],
                       render_kw={"autocomplete": "name"})
    email = EmailField(_l("E-mail address"), validators=[
        InputRequired(_l("Enter your e-mail address")),
        Email(_l("Enter an e-mail address like name@ministry.gov")), Length(max=254)],
        render_kw={"autocomplete": "email"})
    password = PasswordField(_l("Password"), description=PASSWORD_HINT,
                             validators=[InputRequired(_l("Choose a password")), Length(max=200)],
                             render_kw={"autocomplete": "new-password"})


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[InputRequired()],
                            render_kw={"autocomplete": "current-password"})
    new = PasswordField(_l("New password"), description=PASSWORD_HINT,
                        validators=[InputRequired(), Length(max=200)],
                        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("New password again"), validators=[
        InputRequired(), EqualTo("new", _l("The two new passwords are not the same"))],
        render_kw={"autocomplete": "new-password"})


def _safe_next(default: str) -> str:
    """Only a path on this site: never send someone on to another site after log-in."""
    return local_path(request.args.get("next"), default)


def _how_long(seconds: int) -> str:
    if seconds < 60:
        return ngettext("%(num)d second", "%(num)d seconds", seconds)
    minutes = -(-seconds // 60)
    return ngettext("%(num)d minute", "%(num)d minutes", minutes)


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if request.method == "GET" and request.args.get("email"):
        form.email.data = request.args["email"][:254]
    if request.method == "POST" and not g.get("csrf_failed") and form.validate():
        try:
            user = authenticate(db.session(), form.email.data, form.password.data,
                                request.remote_addr or "")
        except Throttled as refused:
            seconds = throttle.whole_seconds(refused.wait)
            form.form_errors.append(_(
                "Too many wrong passwords for this account from your connection. Wait "
                "%(wait)s, then try again. (Logging in from another connection is not "
                "affected.)", wait=_how_long(seconds)))
            page = render_template("auth/login.html", form=form, reason=_login_reason())
            return page, 429, {"Retry-After": str(seconds)}
        if user is not None:
            logins.begin(user, remember=form.remember.data)
            # A wizard form sent after the last log-in ended comes back on its page.
            kept, dropped = pending.claim(db.session(), user.id)
            if dropped:
                flash(_("What you typed before you were logged out was not kept: this "
                        "account cannot change that plan."), "error")
            return redirect(_safe_next(kept or url_for("plans.index")))
        form.form_errors.append(_("The e-mail address or the password is not right."))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form, reason=_login_reason()), status


def _login_reason() -> tuple[str, bool] | None:
    """Why the log-in page is shown, when it was not asked for, and whether something
    typed waits on it."""
    if pending.waiting(db.session()):
        return _("You were logged out; log in to get back what you typed — it is not "
                 "saved yet."), True
    if _safe_next(""):
        return _("Log in to see this page."), False
    return None


def _tell_owner(user) -> None:
    """Someone signed up with this account's address: its owner hears of it (by e-mail,
    where mail is set up); the person signing up is told nothing more than anyone."""
    mail.send(current_app.config, user.email, _("Someone tried to sign up with your address"),
              _("Someone tried to create an account on NAP Drafter with this e-mail address, "
                "which already has one. Nothing was changed. If it was you, log in with your "
                "password: %(link)s\n", link=url_for("auth.login", _external=True)))


def _valid_signup(form: SignupForm) -> bool:
    """The form's checks; when they fail, the password's strength too, so that every
    problem is shown at once (when they pass, `sign_up` judges the password)."""
    if form.validate():
        return True
    if form.password.data and not form.password.errors:
        if problem := password_problem(form.password.data, email=form.email.data or "",
                                       name=form.name.data or ""):
            form.password.errors = [problem]
    return False


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    form = SignupForm()
    if request.method == "POST" and not g.get("csrf_failed") and _valid_signup(form):
        try:
            result = sign_up(db.session(), form.email.data, form.name.data, form.password.data)
        except AccountError as problem:
            form.password.errors = list(form.password.errors) + [str(problem)]
        else:
            if result.existing is not None:
                _tell_owner(result.existing)
            # The same answer whether the address was new or not: log in next.
            flash(_("Now log in with %(email)s and the password you chose.",
                    email=form.email.data.strip()))
            return redirect(url_for("auth.login", email=form.email.data.strip(),
                                    next=_safe_next("") or None))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/signup.html", form=form), status


@bp.post("/logout")
def logout():
    logins.finish()
    flash(_("You have logged out."))
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"], endpoint="change_password")
def change_password_view():
    form = PasswordForm()
    if request.method == "POST" and not g.get("csrf_failed") and form.validate():
        user = current_user._get_current_object()
        try:
            change_password(db.session(), user, form.current.data, form.new.data)
        except AccountError as problem:
            field = form.current if problem.field == "current" else form.new
            field.errors = list(field.errors) + [str(problem)]
        else:
            logins.restart(user)
            flash(_("Your password is changed. You are logged out on every other device."))
            return redirect(url_for("plans.index"))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/password.html", form=form), status


@bp.get("/account/devices")
def devices():
    user = current_user._get_current_object()
    rows = [(row, sessions.is_current(row, user)) for row in sessions.devices(db.session(), user.id)]
    shown = rows[:DEVICES_SHOWN]
    return render_template("auth/devices.html", rows=shown, more=len(rows) - len(shown))


@bp.post("/account/devices/end")
def end_devices():
    sessions.end_all(db.session(), current_user.id)
    logins.finish()
    flash(_("You are logged out on every device, this one too."))
    return redirect(url_for("auth.login"))
