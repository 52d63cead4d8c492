"""PDF rendering: report data -> HTML (Jinja, autoescaped) -> PDF (WeasyPrint), cached.

Safety: WeasyPrint fetches whatever a document points at (stylesheets, images,
`url()` in CSS). `StaticOnlyFetcher` answers only for files inside the project's
`static/` folder and refuses everything else: other `file:` paths, `http(s):`,
`data:`, `ftp:`, any scheme. User text never becomes markup (autoescape; nothing of a
user's is marked safe), so the fetcher is the second wall, not the first.

Caching: a PDF is stored in the instance folder under a hash of everything it is made
from: the kind, the report data as JSON (which includes the locale), and the contents
of the print templates, the stylesheet and the chart code. An unchanged plan is served
from that file; any change to the plan, the checklist or the templates is a new hash,
so a stale PDF can never be served.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import os
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import weasyprint
from flask import current_app, render_template
from flask_babel import gettext as _
from markupsafe import Markup
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..paths import resource
from . import charts

TEMPLATES = {"plan": "reports/plan.html", "gap": "reports/gap.html",
             "workshop": "reports/workshop.html"}
CACHE_FOLDER = "report-cache"
CACHE_KEEP = 200  # newest PDFs kept; older ones are removed when a new one is written


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
                           page_counter=page_counter_content(_("Page {page} of {pages}")))


def render_pdf(html: str, fetcher: StaticOnlyFetcher | None = None) -> bytes:
    """HTML to PDF bytes, every resource going through the static-only fetcher."""
    fetcher = fetcher or StaticOnlyFetcher()
    return weasyprint.HTML(string=html, base_url=fetcher.base_url,
                           url_fetcher=fetcher).write_pdf()


# --- cache --------------------------------------------------------------------------------

def source_files() -> list[Path]:
    """The files besides the data that decide what a PDF looks like."""
    return [*sorted((resource("templates") / "reports").glob("*.html")),
            resource("static") / "css" / "print.css", Path(charts.__file__)]


_SOURCE_DIGESTS: dict[tuple, str] = {}


def sources_digest() -> str:
    """A hash of the contents of `source_files()`, re-read only when one of them changes
    (size or modification time), so a cached download does not read them all."""
    files = source_files()
    signature = tuple((str(path), stat.st_mtime_ns, stat.st_size)
                      for path in files for stat in [path.stat()])
    digest = _SOURCE_DIGESTS.get(signature)
    if digest is None:
        hashed = hashlib.sha256()
        for path in files:
            hashed.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        digest = _SOURCE_DIGESTS[signature] = hashed.hexdigest()
    return digest


def cache_key(kind: str, data: dict) -> str:
    """sha256 of the kind, WeasyPrint's version, the templates, stylesheet and chart code,
    and the report data as JSON (its key order is fixed by the code that builds it)."""
    digest = hashlib.sha256()
    digest.update(f"{kind}\0weasyprint {weasyprint.__version__}\0{sources_digest()}\0".encode())
    digest.update(json.dumps(data, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()


def cache_folder() -> Path:
    """`REPORT_CACHE_DIR` if set (tests use a temporary folder), else instance/report-cache."""
    configured = current_app.config.get("REPORT_CACHE_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / CACHE_FOLDER


def _write_atomically(path: Path, content: bytes) -> None:
    # Another request may be writing the same PDF: each writes its own temporary
    # file and the rename makes whichever finishes last the one kept, never a torn file.
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _prune(folder: Path, keep: int = CACHE_KEEP) -> None:
    files = sorted(folder.glob("*.pdf"), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)


def report_pdf(kind: str, data: dict) -> Path:
    """The PDF file of this report: from the cache if the same PDF was made before."""
    folder = cache_folder()
    path = folder / f"{kind}-{cache_key(kind, data)}.pdf"
    if path.is_file():
        os.utime(path)  # recently used files survive pruning
        return path
    content = render_pdf(render_html(kind, data))
    folder.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, content)
    _prune(folder)
    return path
