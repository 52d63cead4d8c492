"""`drafter serve`, which `make run` runs: gunicorn, not Werkzeug's development server;
the address printed once it is listening; its worker making reports; both stopped by
Ctrl+C."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from support import ROOT, sample

from drafter import create_app, db
from drafter.auth.service import create_user
from drafter.plan.store import PlanStore

PASSWORD = "a long test password"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, ValueError):
                pass
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str):
        try:
            return self.opener.open(self.base + path, timeout=30)
        except urllib.error.HTTPError as answer:
            return answer

    def log_in(self, email: str) -> None:
        page = self.get("/login").read().decode()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                          r'name="csrf_token" value="([^"]+)"', page)
        form = {"csrf_token": token.group(1) or token.group(2), "email": email,
                "password": PASSWORD}
        request = urllib.request.Request(self.base + "/login",
                                         data=urllib.parse.urlencode(form).encode(),
                                         headers={"Referer": self.base + "/login"})
        assert self.opener.open(request, timeout=30).status == 200


def test_make_run_serves_with_gunicorn_and_its_worker(tmp_path):
    env = dict(os.environ, DRAFTER_DATABASE_URL=f"sqlite:///{tmp_path / 'drafter.sqlite'}",
               DRAFTER_SECRET_KEY="serve-test-secret",
               DRAFTER_QUEUE_URL=f"sqlite:///{tmp_path / 'jobs.sqlite'}",
               DRAFTER_REPORT_CACHE_DIR=str(tmp_path / "cache"),
               DRAFTER_PREPARE_AHEAD_SECONDS="0")
    env.pop("DRAFTER_HTTPS", None)
    subprocess.run([sys.executable, "-m", "drafter", "init-db"], cwd=ROOT, env=env,
                   check=True, capture_output=True, timeout=120)
    app = create_app({"DATABASE_URL": env["DRAFTER_DATABASE_URL"],
                      "SECRET_KEY": env["DRAFTER_SECRET_KEY"]})
    with app.app_context():
        owner = create_user(db.session(), "amina@example.org", "Amina", PASSWORD).id
        plan_id = PlanStore(db.session()).create_plan(sample("weak-plan.json"), owner_id=owner)
    app.extensions["drafter.engine"].dispose()

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "drafter", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--processes", "1", "--threads", "2"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)
    try:
        printed = []
        for line in server.stdout:
            printed.append(line)
            if "NAP Drafter is running at" in line:
                # Printed once listening: a browser sent there now is answered.
                assert listening(port), "the address was printed before the server listened"
                break
        assert f"http://127.0.0.1:{port}" in "".join(printed)
        assert "development server" not in "".join(printed)

        browser = Browser(f"http://127.0.0.1:{port}")
        health = browser.get("/health")
        assert health.status == 200
        assert health.headers["Server"].startswith("gunicorn")
        assert "Werkzeug" not in health.headers["Server"]

        browser.log_in("amina@example.org")
        first = browser.get(f"/plans/{plan_id}/draft.pdf")
        assert first.status == 202
        job = re.search(r"\?job=(\d+)", first.read().decode()).group(1)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            state = json.loads(browser.get(f"/plans/{plan_id}/draft.pdf?job={job}").read())
            if state["ready"] or state["failed"]:
                break
            time.sleep(0.3)
        assert state["ready"], state
        done = browser.get(f"/plans/{plan_id}/draft.pdf")
        assert done.status == 200 and done.read().startswith(b"%PDF-")

        helpers = children_of(server.pid)
        assert helpers, "the worker process is not running"
    finally:
        os.killpg(server.pid, signal.SIGINT)  # Ctrl+C in the terminal
        server.wait(timeout=60)
        server.stdout.close()
    assert not listening(port)
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in helpers), "the worker outlived the server"
