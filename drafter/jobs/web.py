"""How a download that may still be being made answers: the file, or a page that says
it is being prepared and turns into the download when it is ready.

A download URL is also its own progress page, so that without script a refresh is all
it takes: a page whose file is not ready answers 202 with the "being prepared" page
(which refreshes itself only where script is off: the script polls `?job=ID` for the
progress as JSON and then follows the download URL). A failed job answers with what
went wrong and what to do, and a button to try again (a POST to the same URL); someone
with too many reports in flight is asked to wait for one (429).
"""

from __future__ import annotations

import time

from flask import current_app, jsonify, redirect, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from .. import db
from ..models import ReportJob
from ..web.downloads import attachment
from ..web.security import ascii_int
from . import service
from .tasks import enqueue_report


def failure_text(reason: str, what: str) -> tuple[str, str]:
    """(what happened, what to do) for a job that failed for `reason`."""
    minutes = max(1, round(current_app.config["RENDER_SECONDS"] / 60))
    memory = current_app.config["RENDER_MEMORY_MB"]
    if reason == "time":
        return (_("Preparing the %(what)s took longer than %(minutes)s minutes, so it was "
                  "stopped.", what=what, minutes=minutes),
                _("A plan this long is best read as a Word draft or on its pages; or ask "
                  "your administrator to allow longer renders (DRAFTER_RENDER_SECONDS)."))
    if reason == "memory":
        return (_("Preparing the %(what)s needed more than %(memory)s MB of memory, so it "
                  "was stopped.", what=what, memory=memory),
                _("A plan this long is best read as a Word draft or on its pages; or ask "
                  "your administrator to allow more memory (DRAFTER_RENDER_MEMORY_MB)."))
    if reason == "lost":
        return (_("The %(what)s was being prepared when the server stopped, twice.",
                  what=what),
                _("Try again. If it happens again, tell your administrator."))
    return (_("Something went wrong while preparing the %(what)s. It has been logged.",
              what=what),
            _("Try again in a moment. If it happens again, tell your administrator."))


def _status_text(job: ReportJob, ahead: int) -> str:
    if job.status == service.QUEUED:
        return (_("Waiting for %(count)s other reports to be prepared first.", count=ahead)
                if ahead else _("Starting…"))
    if job.status == service.RUNNING and job.total > 1:
        return _("Prepared %(done)s of %(total)s parts.", done=job.done, total=job.total)
    if job.status == service.RUNNING:
        return _("Laying out the pages…")
    return (_("Ready: the download starts now.") if job.status == service.DONE
            else _("Stopped."))


def progress(job: ReportJob) -> dict:
    ahead = service.queue_position(db.session(), job) if job.status == service.QUEUED else 0
    return {"status": job.status, "done": job.done, "total": job.total,
            "ready": job.status == service.DONE, "failed": job.status == service.FAILED,
            "message": _status_text(job, ahead)}


def _wait(key: str, outcome: service.Outcome) -> service.Outcome:
    """Wait up to REPORT_WAIT_SECONDS for a job to finish (0 by default: answer at once)."""
    deadline = time.monotonic() + current_app.config["REPORT_WAIT_SECONDS"]
    session = db.session()
    while not outcome.ready and outcome.job is not None and time.monotonic() < deadline:
        time.sleep(0.05)
        session.expire_all()
        job = session.get(ReportJob, outcome.job.id)
        if job is None or job.status == service.FAILED:
            break
        outcome = service.Outcome(path=None, job=job)
        if job.status == service.DONE:
            outcome = service.prepare(session, key, lambda _id: None)
    return outcome


def serve_report(key: str, payload: dict, *, name: str, mimetype: str, what: str,
                 owner: dict, back: str, total: int = 1):
    """Answer a download of the report `key` (made from `payload` if it must be made):
    `what` names it in messages ("PDF draft"); `owner` is {"plan_id": ...} or
    {"workshop_id": ...}, whose access the URL has already checked; `back` is the page
    the download was asked for from."""
    session = db.session()
    payload = {**payload, "locale": str(get_locale() or "en")}

    def enqueue(job_id: int) -> None:
        enqueue_report(job_id, payload)

    if "job" in request.args:  # the progress of a job this page showed
        job = session.get(ReportJob, ascii_int(request.args["job"]) or 0)
        if job is None or any(getattr(job, field) != value for field, value in owner.items()):
            return jsonify({"error": _("There is no such report.")}), 404
        return jsonify(progress(job))
    if request.method == "POST":  # "Try again"
        service.retry(session, key, enqueue)
        return redirect(request.path, code=303)
    outcome = service.prepare(
        session, key, enqueue, user_id=getattr(current_user, "id", None),
        total=total, per_user=current_app.config["JOBS_PER_USER"], **owner)
    outcome = _wait(key, outcome)
    if outcome.ready:
        return attachment(outcome.path.read_bytes(), mimetype, name)
    if outcome.job is None:
        return render_template("jobs/busy.html", what=what, busy=outcome.busy,
                               back=back), 429
    job = outcome.job
    if job.status == service.FAILED:
        happened, todo = failure_text(job.error, what)
        status = 413 if job.error in ("time", "memory") else 503
        return render_template("jobs/failed.html", what=what, happened=happened,
                               todo=todo, back=back), status
    return render_template("jobs/preparing.html", what=what, job=job,
                           progress=progress(job), back=back), 202
