"""The report cache: finished files kept under a hash of everything they are made from.

A file's name is its kind and a sha256 of the kind, WeasyPrint's version, the files that
decide its look (print templates, stylesheet, chart and Word code) and its data as JSON
(data that includes its locale). An unchanged plan is served from its file; any change
to the plan, the checklist or the templates is a new name, so a stale file can never be
served. The same names key the task queue's jobs (`drafter.jobs`), so two requests for
the same content find one job and one file.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path

from flask import current_app

from ..paths import resource

CACHE_FOLDER = "report-cache"
CACHE_KEEP = 200  # newest files kept; older ones are removed when a new one is written
EXTENSIONS = {"plan": "pdf", "gap": "pdf", "workshop": "pdf", "docx": "docx", "debrief": "zip"}


def source_files(kind: str) -> list[Path]:
    """The files besides the data that decide what a report of `kind` looks like."""
    here = Path(__file__).parent
    if kind == "docx":
        return [here / "docx.py"]
    files = [*sorted((resource("templates") / "reports").glob("*.html")),
             resource("static") / "css" / "print.css", here / "charts.py"]
    if kind == "debrief":
        files.append(here.parent / "workshops" / "debrief.py")
    return files


_SOURCE_DIGESTS: dict[tuple, str] = {}


def sources_digest(kind: str = "plan") -> str:
    """A hash of the contents of `source_files(kind)`, re-read only when one of them
    changes (size or modification time), so a cached download does not read them all."""
    files = source_files(kind)
    signature = tuple((str(path), stat.st_mtime_ns, stat.st_size)
                      for path in files for stat in [path.stat()])
    digest = _SOURCE_DIGESTS.get(signature)
    if digest is None:
        hashed = hashlib.sha256()
        for path in files:
            hashed.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        digest = _SOURCE_DIGESTS[signature] = hashed.hexdigest()
    return digest


@functools.cache
def renderer_version() -> str:
    # Read from the package metadata, not by importing WeasyPrint: a cache hit in a web
    # request must not pay for loading the layout engine. Read once per process: the
    # installed version does not change under a running app.
    from importlib.metadata import version

    return version("weasyprint")


def cache_key(kind: str, data) -> str:
    """`kind-sha256` of the kind, the renderer, the look and the data as JSON (its key
    order is fixed by the code that builds it)."""
    digest = hashlib.sha256()
    digest.update(f"{kind}\0weasyprint {renderer_version()}\0{sources_digest(kind)}\0".encode())
    digest.update(json.dumps(data, ensure_ascii=False, default=str).encode())
    return f"{kind}-{digest.hexdigest()}"


def cache_folder() -> Path:
    """`REPORT_CACHE_DIR` if set (tests use a temporary folder), else instance/report-cache."""
    configured = current_app.config.get("REPORT_CACHE_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / CACHE_FOLDER


def cached_path(key: str, folder: Path | None = None) -> Path:
    """Where the file of `key` is (or will be) kept."""
    kind = key.split("-", 1)[0]
    return (folder or cache_folder()) / f"{key}.{EXTENSIONS[kind]}"


def cached_file(key: str) -> Path | None:
    """The finished file of `key`, or None; a file found is marked as recently used, so
    pruning keeps it."""
    path = cached_path(key)
    try:
        os.utime(path)
    except FileNotFoundError:
        return None
    return path


def write_atomically(path: Path, content: bytes) -> None:
    """Write `content` so that readers see the whole file or none: a temporary file in
    the same folder, renamed over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def prune(folder: Path, keep: int = CACHE_KEEP) -> None:
    """Remove all but the `keep` most recently used files."""
    files = [path for path in folder.iterdir()
             if path.suffix.lstrip(".") in EXTENSIONS.values()]
    files.sort(key=lambda path: path.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)
