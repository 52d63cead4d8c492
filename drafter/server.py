"""`drafter serve`: the app as `make run` serves it, with its task queue's worker.

gunicorn (threaded workers) serves the pages; a `drafter worker` process makes the
report files beside it, and stops with it. The address is printed once the server is
listening, not before. `--debug` serves with Werkzeug's development server instead
(reloading on code changes, with the debugger): for developers only, never on a LAN.

Imports stay inside the functions: listing the `drafter` commands must not load gunicorn.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import click

from .i18n import gettext as _


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback: what participants type."""
    import socket

    try:
        found = subprocess.run(["hostname", "-I"], capture_output=True, text=True,
                               timeout=5, check=False).stdout.split()
    except (OSError, subprocess.SubprocessError):
        found = socket.gethostbyname_ex(socket.gethostname())[2]
    return [address for address in found if ":" not in address
            and not address.startswith("127.")]


def announce(host: str, port: int) -> None:
    lines = [""]
    if host in ("0.0.0.0", ""):
        lines += [_("  NAP Drafter is running at %(address)s",
                    address=f"http://{address}:{port}")
                  for address in lan_addresses() or ["127.0.0.1"]]
        lines.append(_("  (on every address of this computer; Ctrl+C to stop)"))
    else:
        lines.append(_("  NAP Drafter is running at %(address)s  (Ctrl+C to stop)",
                       address=f"http://{host}:{port}"))
    click.echo("\n".join(lines + [""]))


def start_worker() -> subprocess.Popen:
    """The queue's worker, in a session of its own: Ctrl+C in the terminal reaches the
    server, which then stops the worker (so a render is not left half-way twice)."""
    return subprocess.Popen([sys.executable, "-m", "drafter", "worker"],
                            start_new_session=True)


def stop_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)  # Huey: stop now; a queued job stays queued
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def run_gunicorn(host: str, port: int, processes: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self):
            settings = {
                "bind": f"{host}:{port}", "workers": processes, "threads": threads,
                "worker_class": "gthread", "timeout": 60, "graceful_timeout": 10,
                "keepalive": 5, "loglevel": "warning", "accesslog": None,
                "when_ready": lambda _arbiter: announce(host, port),
            }
            for name, value in settings.items():
                self.cfg.set(name, value)

        def load(self):
            from . import create_app

            return create_app()

    Server().run()


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 for every address (a workshop LAN).")
@click.option("--port", type=click.IntRange(1, 65535), default=5000, show_default=True)
@click.option("--processes", type=click.IntRange(1, 64),
              default=3, envvar="WEB_PROCESSES", show_default=True,
              help="Web processes (WEB_PROCESSES).")
@click.option("--threads", type=click.IntRange(1, 64),
              default=4, envvar="WEB_THREADS", show_default=True,
              help="Threads per web process (WEB_THREADS).")
@click.option("--worker/--no-worker", default=True, show_default=True,
              help="Start the task queue's worker too (off when workers run elsewhere).")
@click.option("--debug", is_flag=True, help="Werkzeug's development server, for developers.")
def serve_command(host: str, port: int, processes: int, threads: int, worker: bool,
                  debug: bool) -> None:
    """Serve NAP Drafter, with the worker that makes its report files."""
    # With --debug the reloader runs this twice; only the outer run starts the worker.
    reloaded = os.environ.get("WERKZEUG_RUN_MAIN") == "true"
    queue_worker = start_worker() if worker and not reloaded else None
    try:
        if debug:
            from . import create_app

            create_app().run(host=host, port=port, debug=True)
        else:
            run_gunicorn(host, port, processes, threads)
    finally:
        if queue_worker is not None:
            stop_worker(queue_worker)
