"""NAP Drafter: draft, score and render National Action Plans on Women, Peace and Security."""

from __future__ import annotations

from flask import Flask, request, session
from werkzeug.middleware.proxy_fix import ProxyFix

from . import access, cli, config, db
from .extensions import babel, csrf
from .paths import resource


def _select_locale() -> str:
    from flask import current_app, has_request_context

    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    return request.accept_languages.best_match(current_app.config["LANGUAGES"]) or "en"


def create_app(overrides: dict | None = None) -> Flask:
    """The application: settings from the environment, then `overrides` (tests use them)."""
    app = Flask(__name__, instance_relative_config=True,
                template_folder=str(resource("templates")),
                static_folder=str(resource("static")))
    app.config.from_mapping(config.from_environment(app.instance_path))
    if overrides:
        app.config.from_mapping(overrides)

    if app.config.get("BEHIND_PROXY"):
        # Behind a reverse proxy: trust its X-Forwarded-For/-Proto (one hop), so that
        # HTTPS is known and log-in throttling sees the visitor's address, not the proxy's.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    db.init_app(app)
    # The access check runs before the CSRF check: a refused form must never reach a view,
    # not even the "session expired, here is your form again" path.
    access.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=_select_locale)

    @app.before_request
    def _keep_session():
        # A permanent, sliding session keeps the CSRF token valid while someone works.
        session.permanent = True

    from .auth import login
    from .auth.views import bp as auth_bp
    from .history.views import bp as history_bp
    from .members.views import bp as members_bp
    from .plans.views import bp as plans_bp
    from .reports.views import bp as reports_bp
    from .review.views import bp as review_bp
    from .scorecard.views import bp as scorecard_bp
    from .web import errors, ops, security, templating
    from .wizard.views import bp as wizard_bp
    from .workshops.views import bp as workshops_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(members_bp)
    app.register_blueprint(plans_bp)
    app.register_blueprint(wizard_bp)
    app.register_blueprint(scorecard_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(history_bp)
    app.register_blueprint(workshops_bp)
    login.init_app(app)
    security.init_app(app)
    ops.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    cli.init_app(app)
    return app
