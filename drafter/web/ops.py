"""Running in production: the health check, structured request logs, and the icon that
browsers ask for by themselves.

`GET /health` answers 200 when the app can query its database and 503 when it cannot,
for a load balancer or a monitoring probe. `GET /favicon.ico` answers with the app's
icon (static/favicon.svg, which every page also links), so that the request a browser
makes on its own is not a 404 in every log. With LOG_FORMAT=json every request is logged
as one JSON object (method, path, status, duration, user), easy to ship and search.
"""

from __future__ import annotations

import json
import logging
import time

from flask import Blueprint, Flask, current_app, g, jsonify, request
from flask_login import current_user
from sqlalchemy import text

from .. import db

bp = Blueprint("ops", __name__)


@bp.get("/health")
def health():
    try:
        db.session().execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any database failure makes us unhealthy
        return jsonify(status="error", database=type(error).__name__), 503
    return jsonify(status="ok", database="ok")


@bp.get("/favicon.ico")
def favicon():
    return current_app.send_static_file("favicon.svg")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname,
                 "logger": record.name, "message": record.getMessage()}
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    if app.config.get("LOG_FORMAT") != "json":
        return
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    app.logger.handlers[:] = [handler]
    app.logger.setLevel(logging.INFO)
    app.logger.propagate = False

    @app.before_request
    def _start_timer():
        g.started = time.perf_counter()

    @app.after_request
    def _log_request(response):
        elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        # The id alone: get_id() also holds the device log-in key, which no log may show.
        user = current_user.id if current_user.is_authenticated else None
        app.logger.info("request", extra={"fields": {
            "method": request.method, "path": request.path, "status": response.status_code,
            "ms": round(elapsed, 1), "user": user, "address": request.remote_addr}})
        return response
