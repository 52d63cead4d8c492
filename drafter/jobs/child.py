"""What a render process runs: report data in, a finished file in the report cache out.

The fork server imports this module once (`limits.PRELOAD`), so WeasyPrint, python-docx
and a small Flask app (templates and translations only: no database, no pages) are
loaded before any render starts, and each render is forked from them.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_babel import Babel, force_locale

from ..i18n import text_dir
from ..paths import resource
from ..reports import cache, pdf
from ..reports.docx import plan_docx


def _make_app() -> Flask:
    app = Flask("drafter", template_folder=str(resource("templates")),
                static_folder=str(resource("static")))
    # The print templates use what the web app's environment has (web.templating).
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals["text_dir"] = text_dir
    Babel(app, default_translation_directories=str(resource("translations")))
    return app


APP = _make_app()


def produce(kind: str, data: dict, locale: str, path: str) -> None:
    """Render the report `kind` of `data` in `locale` and write it to `path`."""
    with APP.app_context(), force_locale(locale):
        if kind == "docx":
            content = plan_docx(data)
        else:
            content = pdf.render_pdf(pdf.render_html(kind, data))
    cache.write_atomically(Path(path), content)
