"""How a download that may still be being made answers: the file, or a page that says
it is being prepared and turns into the download when it is ready.

A download URL is also its own progress page: a file not ready answers 202 with the
"being prepared" page, whose script polls `?job=ID` for the progress as JSON and then
opens `?job=ID&file=1`, the file; without script the page refreshes itself at that
same address. A failed job answers with what
went wrong and what to do, and a button to try again (a POST to the same URL); someone
with too many reports in flight is asked to wait for one (429).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from flask import current_app, jsonify, redirect, render_template, request
from flask_babel import format_decimal, get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from .. import db
from ..models import ReportJob
from ..reports import cache
from ..web.downloads import attachment
from ..web.security import ascii_int
from . import service
from .tasks import enqueue_report


def failure_text(reason: str, what: str) -> tuple[str, str]:
    """(what happened, what to do) for a job that failed for `reason`."""
    seconds = current_app.config["RENDER_SECONDS"]
    memory = current_app.config["RENDER_MEMORY_MB"]
    if reason == "time":
        # Minutes from two on, else seconds. A limit may be a fraction, which takes the
        # plural as in most languages ("0.5 seconds"): its plural form is chosen as for 2.
        amount = seconds / 60 if seconds >= 120 else seconds
        forms = int(amount) if amount == int(amount) else 2
        if seconds >= 120:
            limit = ngettext("%(count)s minute", "%(count)s minutes", forms,
                             count=format_decimal(amount))
        else:
            limit = ngettext("%(count)s second", "%(count)s seconds", forms,
                             count=format_decimal(amount))
        return (_("Preparing the %(what)s took longer than %(limit)s, so it was stopped.",
                  what=what, limit=limit),
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


def _wait(outcome: service.Outcome) -> service.Outcome:
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
            # Its file, read straight from the cache: asking `prepare` again could mark a
            # job whose file was pruned as queued without queueing it.
            outcome = service.Outcome(path=cache.cached_file(job.key), job=job)
            break
    return outcome


@dataclass
class Download:
    """A download as the person sees it: `what` names it in messages ("PDF draft"),
    `name` is its file name; `owner` is {"plan_id": ...} or {"workshop_id": ...}, whose
    access the URL has already checked; `back` is the page it was asked for from."""

    what: str
    name: str
    mimetype: str
    owner: dict
    back: str


def _answer(outcome: service.Outcome, download: Download):
    if outcome.ready:
        return attachment(outcome.path.read_bytes(), download.mimetype, download.name)
    if outcome.job is None:
        return render_template("jobs/busy.html", what=download.what, busy=outcome.busy,
                               back=download.back), 429
    job = outcome.job
    if job.status == service.FAILED:
        happened, todo = failure_text(job.error, download.what)
        status = 413 if job.error in ("time", "memory") else 503
        return render_template("jobs/failed.html", what=download.what, happened=happened,
                               todo=todo, back=download.back), status
    return render_template("jobs/preparing.html", what=download.what, job=job,
                           progress=progress(job), back=download.back), 202


def _followed_job(download: Download):
    """`?job=ID`: that job's progress as JSON; `?job=ID&file=1`: its file once made
    (or its page until then). The file of the job the page followed, even when the plan
    or the workshop has changed since: the report asked for, not a newer one that
    would start again (a debrief pack whose teams keep editing would never be ready)."""
    session = db.session()
    job = session.get(ReportJob, ascii_int(request.args["job"]) or 0)
    if job is None or any(getattr(job, field) != value
                          for field, value in download.owner.items()):
        return jsonify({"error": _("There is no such report.")}), 404
    if "file" not in request.args:
        return jsonify(progress(job))
    path = cache.cached_file(job.key) if job.status == service.DONE else None
    if job.status == service.DONE and path is None:
        return redirect(request.path, code=303)  # pruned since: ask for it afresh
    return _answer(service.Outcome(path=path, job=job), download)


def serve_report(download: Download, build):
    """Answer a download whose file is made on the queue. `build()` gives (cache key,
    payload the job makes the file from, parts to make); it is called only when needed,
    never for a page following a job (building a large plan's data takes a while)."""
    if "job" in request.args:
        return _followed_job(download)
    key, payload, total = build()
    session = db.session()
    # The locale the file is made in: the report's own language where `build` says it,
    # else the reader's.
    payload = {"locale": str(get_locale() or "en"), **payload}

    def enqueue(job_id: int) -> None:
        enqueue_report(job_id, payload)

    if request.method == "POST":  # "Try again"
        service.retry(session, key, enqueue)
        return redirect(request.path, code=303)
    outcome = service.prepare(
        session, key, enqueue, user_id=getattr(current_user, "id", None),
        total=total, per_user=current_app.config["JOBS_PER_USER"], **download.owner)
    return _answer(_wait(outcome), download)
