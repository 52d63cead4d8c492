"""PDF rendering: report data -> HTML (Jinja, autoescaped) -> PDF (WeasyPrint).

Safety: WeasyPrint fetches whatever a document points at (stylesheets, images,
`url()` in CSS). `StaticOnlyFetcher` answers only for files inside the project's
`static/` folder and refuses everything else: other `file:` paths, `http(s):`,
`data:`, `ftp:`, any scheme. User text never becomes markup (autoescape; nothing of a
user's is marked safe), so the fetcher is the second wall, not the first.

Rendering is slow and large: the web app never calls it in a request. Reports are
made on the task queue (`drafter.jobs`) and kept in the report cache
(`drafter.reports.cache`); `drafter render` calls it directly.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import weasyprint
from flask import render_template
from flask_babel import gettext as _
from markupsafe import Markup
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..i18n import direction
from ..paths import resource
from . import charts

TEMPLATES = {"plan": "reports/plan.html", "gap": "reports/gap.html",
             "workshop": "reports/workshop.html"}


class RefusedURL(ValueError):
    """A resource outside the project's static files. WeasyPrint catches this, logs a
    warning and renders on without the resource."""


class StaticOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves files under `static/` and nothing else.

    Every URL asked for is recorded in `requests`, and refused ones in `refused`, so
    tests can show that a document made WeasyPrint ask for nothing else.
    """

    def __init__(self, root: Path | None = None):
        # No redirects, file: only: the parent's opener is never used, but if it were,
        # it could not leave the machine.
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.root = (root or resource("static")).resolve()
        self.requests: list[str] = []
        self.refused: list[str] = []

    @property
    def base_url(self) -> str:
        """The URL that relative links in report HTML resolve against."""
        return self.root.as_uri() + "/"

    def static_path(self, url: str) -> Path | None:
        """The static file `url` names, or None if it names anything else."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost") \
                or parts.query:
            return None
        # resolve() follows ".." and symlinks, so only a real file inside root passes.
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        return path

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        self.requests.append(url)
        path = self.static_path(url)
        if path is None:
            self.refused.append(url)
            raise RefusedURL(f"not one of NAP Drafter's static files: {url[:200]}")
        mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mimetype})

    def outside_static(self) -> list[str]:
        return [url for url in self.requests if self.static_path(url) is None]


# --- HTML ---------------------------------------------------------------------------------

def _css_string(text: str) -> str:
    """`text` as a quoted CSS string; everything but letters, digits and spaces is
    written as a hex escape, so nothing in it can end the string or the style sheet."""
    return '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):06x}"
                         for ch in text) + '"'


def page_counter_content(pattern: str) -> Markup:
    """A translated "Page {page} of {pages}" as the value of a CSS `content` property."""
    tokens = []
    for index, chunk in enumerate(pattern.replace("{pages}", "\0pages\0")
                                  .replace("{page}", "\0page\0").split("\0")):
        if index % 2:
            tokens.append(f"counter({chunk})")
        elif chunk:
            tokens.append(_css_string(chunk))
    return Markup(" ".join(tokens))


def render_html(kind: str, data: dict) -> str:
    """The report's HTML; needs an app context (templates and translations)."""
    return render_template(TEMPLATES[kind], report=data, bar_chart=charts.bar_chart,
                           has_bars=charts.has_bars,
                           direction=direction(data.get("locale", "en")[:2]),
                           page_counter=page_counter_content(_("Page {page} of {pages}")))


def render_pdf(html: str, fetcher: StaticOnlyFetcher | None = None) -> bytes:
    """HTML to PDF bytes, every resource going through the static-only fetcher."""
    fetcher = fetcher or StaticOnlyFetcher()
    return weasyprint.HTML(string=html, base_url=fetcher.base_url,
                           url_fetcher=fetcher).write_pdf()
