"""Settings, read from the environment (DRAFTER_*) with defaults for a laptop or workshop.

The database is a SQLite file in the instance folder unless DRAFTER_DATABASE_URL names
another (for example postgresql+psycopg://user@host/db for a shared deployment).
"""

from __future__ import annotations

import os
import secrets
import time
from datetime import timedelta
from pathlib import Path


def _secret_key(instance_path: str) -> str:
    """DRAFTER_SECRET_KEY, or one generated once and kept in the instance folder.

    Kept on disk so that sessions (and the CSRF tokens tied to them) survive a restart.
    """
    if key := os.environ.get("DRAFTER_SECRET_KEY"):
        return key
    path = Path(instance_path) / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Created exclusively: when several app processes start at once, one writes the
        # key and the others read that same key, so a session is valid in all of them.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _attempt in range(50):
            if key := path.read_text().strip():
                return key
            time.sleep(0.02)  # the writer has created the file but not written it yet
        raise RuntimeError(f"{path} is empty: delete it, or set DRAFTER_SECRET_KEY") from None
    key = secrets.token_hex(32)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key)
    return key


def from_environment(instance_path: str) -> dict:
    database = os.environ.get("DRAFTER_DATABASE_URL") or (
        "sqlite:///" + str(Path(instance_path) / "drafter.sqlite"))
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "DATABASE_URL": database,
        # A whole plan imported as JSON may be a few megabytes; nothing else is near that.
        "MAX_CONTENT_LENGTH": int(os.environ.get("DRAFTER_MAX_CONTENT_LENGTH", 6 * 1024 * 1024)),
        "MAX_FORM_MEMORY_SIZE": 2 * 1024 * 1024,
        "MAX_FORM_PARTS": 5_000,
        # The CSRF token lives as long as the session, so a long form never expires mid-edit.
        "WTF_CSRF_TIME_LIMIT": None,
        # Sessions end after 12 idle hours; each request slides the window on.
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        "SESSION_REFRESH_EACH_REQUEST": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_DURATION": timedelta(days=14),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Behind HTTPS (DRAFTER_HTTPS=1) cookies are only ever sent over HTTPS.
        "SESSION_COOKIE_SECURE": os.environ.get("DRAFTER_HTTPS") == "1",
        "REMEMBER_COOKIE_SECURE": os.environ.get("DRAFTER_HTTPS") == "1",
        "SMTP_HOST": os.environ.get("DRAFTER_SMTP_HOST", ""),
        "SMTP_PORT": os.environ.get("DRAFTER_SMTP_PORT", "25"),
        "MAIL_FROM": os.environ.get("DRAFTER_MAIL_FROM", "nap-drafter@localhost"),
        "BABEL_DEFAULT_LOCALE": "en",
        "BEHIND_PROXY": os.environ.get("DRAFTER_BEHIND_PROXY") == "1",
        "WORKSHOP_JOINS_PER_HOUR": int(os.environ.get("DRAFTER_WORKSHOP_JOINS_PER_HOUR", 120)),
        # Finished report files; empty: instance/report-cache.
        "REPORT_CACHE_DIR": os.environ.get("DRAFTER_REPORT_CACHE_DIR", ""),
        # The task queue (drafter.jobs): a SQLite file in the instance folder unless a
        # redis:// URL is given (workers on several machines then share one queue).
        "JOBS_QUEUE_URL": os.environ.get("DRAFTER_QUEUE_URL", ""),
        "JOBS_QUEUE_NAME": os.environ.get("DRAFTER_QUEUE_NAME", "nap-drafter"),
        "JOBS_WORKERS": int(os.environ.get("DRAFTER_WORKERS", 2)),
        # Each render runs in its own process, stopped past these limits.
        "RENDER_SECONDS": float(os.environ.get("DRAFTER_RENDER_SECONDS", 120)),
        "RENDER_MEMORY_MB": float(os.environ.get("DRAFTER_RENDER_MEMORY_MB", 1024)),
        # Reports one person may have waiting or being made at once.
        "JOBS_PER_USER": int(os.environ.get("DRAFTER_JOBS_PER_USER", 3)),
        # How long a download waits for its file before showing "being prepared" (0: not).
        "REPORT_WAIT_SECONDS": float(os.environ.get("DRAFTER_REPORT_WAIT_SECONDS", 0)),
        # A plan's PDF draft and gap report are made this long after its last save (0: off).
        "PREPARE_AHEAD_SECONDS": float(os.environ.get("DRAFTER_PREPARE_AHEAD_SECONDS", 5)),
        # The page budget of the drafts (drafter.reports.page_budget): rows of long tables
        # a PDF or Word draft holds before it is summarised; 0 for no budget. Measured
        # (benchmarks/bench_page_budget.py, one core): the largest plan within the input
        # limits then takes about 10 s and 260 MB for its PDF, 4 s for its Word draft.
        "PDF_DRAFT_ROWS": int(os.environ.get("DRAFTER_PDF_DRAFT_ROWS", 600)),
        "WORD_DRAFT_ROWS": int(os.environ.get("DRAFTER_WORD_DRAFT_ROWS", 2_000)),
        # "json" for one JSON object per log line (what `make serve` uses), else plain text.
        "LOG_FORMAT": os.environ.get("DRAFTER_LOG_FORMAT", "text"),
    }
