"""Account pages.

URL table:
    GET, POST  /signup            create an account (the first becomes the administrator)
    GET, POST  /login             log in (failed attempts are throttled)
    POST       /logout            log out
    GET, POST  /account/password  change one's password
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import Email, EqualTo, InputRequired, Length

from .. import db
from . import login as logins
from .service import (
    MIN_PASSWORD,
    AccountError,
    Throttled,
    authenticate,
    change_password,
    create_user,
)

bp = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[InputRequired(_l("Enter your e-mail address"))],
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
    password = PasswordField(_l("Password"), description=_l("At least %(n)s characters.", n=MIN_PASSWORD),
                             validators=[InputRequired(_l("Choose a password")),
                                         Length(min=MIN_PASSWORD, max=200)],
                             render_kw={"autocomplete": "new-password"})


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[InputRequired()],
                            render_kw={"autocomplete": "current-password"})
    new = PasswordField(_l("New password"), description=_l("At least %(n)s characters.", n=MIN_PASSWORD),
                        validators=[InputRequired(), Length(min=MIN_PASSWORD, max=200)],
                        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("New password again"), validators=[
        InputRequired(), EqualTo("new", _l("The two new passwords are not the same"))],
        render_kw={"autocomplete": "new-password"})


def _safe_next(default: str) -> str:
    """Only a path on this site: never send someone on to another site after log-in."""
    target = request.args.get("next", "")
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.netloc:
        return target
    return default


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if request.method == "POST" and not g.get("csrf_failed") and form.validate():
        try:
            user = authenticate(db.session(), form.email.data, form.password.data,
                                request.remote_addr or "")
        except Throttled:
            form.form_errors.append(_("Too many failed attempts. Wait 15 minutes and try again."))
            return render_template("auth/login.html", form=form), 429
        if user is not None:
            logins.begin(user, remember=form.remember.data)
            return redirect(_safe_next(url_for("plans.index")))
        form.form_errors.append(_("The e-mail address or the password is not right."))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form), status


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    form = SignupForm()
    if request.method == "POST" and not g.get("csrf_failed") and form.validate():
        try:
            user = create_user(db.session(), form.email.data, form.name.data, form.password.data)
        except AccountError as problem:
            form.email.errors = list(form.email.errors) + [str(problem)]
        else:
            logins.begin(user, remember=False)
            flash(_("Welcome, %(name)s. Your account is ready.", name=user.name))
            return redirect(_safe_next(url_for("plans.index")))
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
            form.current.errors = list(form.current.errors) + [str(problem)]
        else:
            logins.restart(user)
            flash(_("Your password is changed. You are logged out on every other device."))
            return redirect(url_for("plans.index"))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/password.html", form=form), status

