"""Running in production: health check, structured logs, one secret key for all processes."""

from __future__ import annotations

import json
import logging
import threading

from support import make_app
from drafter import config


def test_health_answers_ok_with_a_working_database(anonymous):
    response = anonymous.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_health_answers_503_when_the_database_is_gone(tmp_path, migrated_template):
    app = make_app(tmp_path, migrated_template,
                   DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/none")
    response = app.test_client().get("/health")
    assert response.status_code == 503 and response.get_json()["status"] == "error"
    app.extensions["drafter.engine"].dispose()


def test_json_logs_one_object_per_request(tmp_path, migrated_template, capsys):
    app = make_app(tmp_path, migrated_template, LOG_FORMAT="json")
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(app.logger.handlers[0].format(record))

    app.logger.addHandler(Keep())
    app.test_client().get("/health")
    entry = json.loads(records[-1])
    assert entry["message"] == "request" and entry["path"] == "/health"
    assert entry["status"] == 200 and entry["ms"] >= 0
    app.extensions["drafter.engine"].dispose()


def test_processes_starting_together_share_one_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("DRAFTER_SECRET_KEY", raising=False)
    keys, start = [], threading.Barrier(8)

    def worker():
        start.wait()
        keys.append(config._secret_key(str(tmp_path)))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(keys)) == 1 and len(keys[0]) == 64
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


def _served(client, url: str) -> tuple[int, str, bytes]:
    """(status, type, body) of a file response, closed (it holds the file open)."""
    response = client.get(url)
    try:
        return response.status_code, response.mimetype, response.get_data()
    finally:
        response.close()


def test_the_browsers_own_favicon_request_gets_the_apps_icon(anonymous):
    # Browsers ask for /favicon.ico by themselves; every page also links the same file.
    status, mimetype, icon = _served(anonymous, "/favicon.ico")
    assert status == 200 and mimetype == "image/svg+xml" and icon.startswith(b"<svg")
    page = anonymous.get("/login").get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    assert _served(anonymous, "/static/favicon.svg")[2] == icon
