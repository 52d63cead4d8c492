"""NAP Drafter: draft, score and render National Action Plans on Women, Peace and Security.

Nothing is imported here until `create_app` runs: the `drafter` command imports this
package first, and a command like `drafter score` must not pay for the web app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def create_app(overrides: dict | None = None) -> Flask:
    """The application: settings from the environment, then `overrides` (tests use them)."""
    from flask import Flask, session
    from werkzeug.middleware.proxy_fix import ProxyFix

    from . import access, cli, config, db
    from .extensions import babel, csrf
    from .paths import resource

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
    from .web import security

    # Before any rule is added: every <int:...> in a URL takes only ids a column can hold.
    app.url_map.converters["int"] = security.IdConverter
    db.init_app(app)
    from .jobs import ahead, queue

    queue.init_app(app)
    ahead.init_app(app)
    # The access check runs before the CSRF check: a refused form must never reach a view,
    # not even the "session expired, here is your form again" path. The form guard comes
    # between them: the CSRF check reads the form, and fails on what the guard refuses.
    access.init_app(app)
    security.init_app(app)
    csrf.init_app(app)
    from .web import language

    babel.init_app(app, locale_selector=language.select_locale,
                   default_translation_directories=str(resource("translations")))
    language.init_app(app)

    @app.before_request
    def _keep_session():
        # A permanent, sliding session keeps the CSRF token valid while someone works.
        session.permanent = True

    from .auth import login
    from .auth.views import bp as auth_bp
    from .help.views import bp as help_bp
    from .history.views import bp as history_bp
    from .members.views import bp as members_bp
    from .plans.views import bp as plans_bp
    from .reports.views import bp as reports_bp
    from .review.views import bp as review_bp
    from .scorecard.views import bp as scorecard_bp
    from .web import errors, ops, templating
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
    app.register_blueprint(help_bp)
    login.init_app(app)
    ops.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    cli.init_app(app)
    return app
