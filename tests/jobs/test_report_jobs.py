"""Reports on the task queue: a download answers from the cache or with a page that
follows its making; one render however many ask; a render past its limits stops with a
message and frees its worker; failures are not retried on their own; one person's jobs
in flight are bounded; a plan's reports are made ahead of time after a burst of saves."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from contextlib import contextmanager

import pytest
from sqlalchemy import func, select, update
from support import log_in, sample

from drafter import db
from drafter.jobs import service
from drafter.jobs.queue import consumer
from drafter.models import ReportJob, utcnow
from drafter.plan.store import PlanStore

PDF = "application/pdf"


def jobs(app) -> list[ReportJob]:
    with app.app_context():
        return list(db.session().scalars(select(ReportJob).order_by(ReportJob.id)))


def renders(app) -> int:
    """Renders started by the worker: each start of a job is one render."""
    with app.app_context():
        return db.session().scalar(select(func.sum(ReportJob.attempts))) or 0


def job_id_in(page: str) -> int:
    return int(re.search(r"\?job=(\d+)", page).group(1))


def wait_for(check, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.1)
    raise AssertionError("waited in vain")


@contextmanager
def worker_running(app):
    """The queue's worker for the length of a `with` block (the `worker` fixture runs
    one for a whole test; these tests need it only for part of one)."""
    running = consumer(app, workers=1, embedded=True)
    running.start()
    try:
        yield running
    finally:
        running.stop(graceful=True)


@pytest.fixture
def plan_id(make_plan):
    return make_plan(sample("weak-plan.json"))


def test_a_new_report_shows_a_page_that_follows_its_making(app, client, plan_id):
    response = client.get(f"/plans/{plan_id}/draft.pdf")
    page = response.get_data(as_text=True)
    assert response.status_code == 202 and response.mimetype == "text/html"
    assert "Your PDF draft is being prepared" in page
    assert 'http-equiv="refresh"' in page and "<noscript>" in page  # without script
    assert "js/preparing.js" in page
    progress = client.get(f"/plans/{plan_id}/draft.pdf?job={job_id_in(page)}").get_json()
    assert progress == {"status": "queued", "done": 0, "total": 1, "ready": False,
                        "failed": False, "message": "Starting…"}
    # Asking again joins the same job rather than queueing another.
    client.get(f"/plans/{plan_id}/draft.pdf")
    assert len(jobs(app)) == 1


def test_the_progress_of_another_plans_job_is_not_shown(client, plan_id, make_plan):
    other = make_plan(sample("weak-plan.json"))
    page = client.get(f"/plans/{other}/draft.pdf").get_data(as_text=True)
    response = client.get(f"/plans/{plan_id}/draft.pdf?job={job_id_in(page)}")
    assert response.status_code == 404
    assert client.get(f"/plans/{plan_id}/draft.pdf?job=%C2%B2").status_code == 404


def test_an_unchanged_plans_pdf_is_served_from_the_cache_without_rendering(app, client,
                                                                           plan_id):
    app.config["REPORT_WAIT_SECONDS"] = 60
    with worker_running(app):
        first = client.get(f"/plans/{plan_id}/draft.pdf")
    assert first.status_code == 200 and first.mimetype == PDF
    # No worker runs now: only the cache can answer.
    app.config["REPORT_WAIT_SECONDS"] = 0
    again = client.get(f"/plans/{plan_id}/draft.pdf")
    assert again.status_code == 200 and again.get_data() == first.get_data()
    assert renders(app) == 1


def test_ten_people_asking_at_once_for_a_new_pdf_cause_one_render(app, plan_id, worker,
                                                                  owner_id):
    clients = []
    for _ in range(10):
        client = app.test_client()
        log_in(client, owner_id)
        clients.append(client)
    barrier = threading.Barrier(10)
    answers = [None] * 10

    def ask(index: int) -> None:
        barrier.wait()
        response = clients[index].get(f"/plans/{plan_id}/draft.pdf")
        answers[index] = (response.status_code, response.get_data())

    threads = [threading.Thread(target=ask, args=(index,)) for index in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {status for status, _content in answers} == {200}
    assert len({content for _status, content in answers}) == 1
    assert len(jobs(app)) == 1 and renders(app) == 1


def test_a_render_over_its_time_limit_says_so_and_frees_its_worker(app, client, plan_id,
                                                                   worker):
    app.config["RENDER_SECONDS"] = 0.2
    response = client.get(f"/plans/{plan_id}/draft.pdf")
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "The PDF draft could not be prepared" in page
    assert "took longer than 0.2 seconds, so it was stopped" in page
    assert "Word draft" in page and "Try again" in page
    assert [(job.status, job.error) for job in jobs(app)] == [("failed", "time")]
    # Not retried on its own: asking again shows the failure, and renders nothing.
    assert client.get(f"/plans/{plan_id}/draft.pdf").status_code == 413
    assert renders(app) == 1
    # The worker is free: the next report is made.
    app.config["RENDER_SECONDS"] = 120
    gap = client.get(f"/plans/{plan_id}/gap-report.pdf")
    assert gap.status_code == 200 and gap.mimetype == PDF
    # "Try again" queues it once more, and with room to finish it is made.
    retried = client.post(f"/plans/{plan_id}/draft.pdf")
    assert retried.status_code == 303
    assert client.get(f"/plans/{plan_id}/draft.pdf").mimetype == PDF


def test_a_render_over_its_memory_limit_says_so(app, client, plan_id, worker):
    app.config["RENDER_MEMORY_MB"] = 20  # less than WeasyPrint needs to start
    response = client.get(f"/plans/{plan_id}/gap-report.pdf")
    assert response.status_code == 413
    assert "needed more than 20 MB of memory" in response.get_data(as_text=True)
    assert [(job.status, job.error) for job in jobs(app)] == [("failed", "memory")]


def test_one_person_has_a_bounded_number_of_reports_in_flight(app, client, plan_id,
                                                              make_plan):
    app.config["JOBS_PER_USER"] = 2
    other = make_plan(sample("strong-plan.json"))
    assert client.get(f"/plans/{plan_id}/draft.pdf").status_code == 202
    assert client.get(f"/plans/{plan_id}/gap-report.pdf").status_code == 202
    refused = client.get(f"/plans/{other}/draft.pdf")
    assert refused.status_code == 429
    assert "2 of your reports are being prepared" in refused.get_data(as_text=True)
    # Joining a report already being made is not a new job: it is allowed.
    assert client.get(f"/plans/{plan_id}/draft.pdf").status_code == 202
    assert len(jobs(app)) == 2


def test_a_job_whose_worker_died_is_queued_again_once_then_given_up(app, client, plan_id):
    page = client.get(f"/plans/{plan_id}/draft.pdf").get_data(as_text=True)
    job_id = job_id_in(page)
    long_ago = utcnow() - dt.timedelta(minutes=5)

    def died_while_running(attempts: int) -> None:
        with app.app_context():
            db.session().execute(update(ReportJob).where(ReportJob.id == job_id).values(
                status=service.RUNNING, attempts=attempts, started_at=long_ago,
                heartbeat_at=long_ago))
            db.session().commit()

    died_while_running(1)
    assert client.get(f"/plans/{plan_id}/draft.pdf").status_code == 202
    assert jobs(app)[0].status == service.QUEUED
    died_while_running(2)
    response = client.get(f"/plans/{plan_id}/draft.pdf")
    assert response.status_code == 503
    assert "when the server stopped, twice" in response.get_data(as_text=True)


def test_reports_are_made_ahead_once_after_a_burst_of_saves(app, client, plan_id, worker,
                                                            load_plan):
    app.config["PREPARE_AHEAD_SECONDS"] = 1
    with app.app_context():
        store = PlanStore(db.session())
        for number in range(5):
            state = load_plan(plan_id).sections["about"]
            about = state.data.model_copy(update={"title": f"Plan of women, peace {number}"})
            store.save_section(plan_id, "about", about, state.version)
    made = wait_for(lambda: len([job for job in jobs(app) if job.status == "done"]) == 2
                    and jobs(app))
    assert sorted(job.kind for job in made) == ["gap", "plan"]
    time.sleep(2)  # the earlier saves' jobs have run by now, and made nothing
    assert renders(app) == 2
    # The downloads are waiting in the cache: no wait, no new render.
    app.config["REPORT_WAIT_SECONDS"] = 0
    for url in ("draft.pdf", "gap-report.pdf"):
        response = client.get(f"/plans/{plan_id}/{url}")
        assert response.status_code == 200 and response.mimetype == PDF
    assert renders(app) == 2


def test_the_page_gives_the_file_it_followed_even_after_a_change(app, client, plan_id,
                                                                 load_plan, monkeypatch):
    from drafter.reports import views

    page = client.get(f"/plans/{plan_id}/draft.pdf").get_data(as_text=True)
    job_id = job_id_in(page)
    assert f"?job={job_id}&amp;file=1" in page  # where the script and the refresh go
    # Following a job never rebuilds the report's data (slow for a large plan).
    real = views.report_data
    monkeypatch.setattr(views, "report_data", lambda *args: pytest.fail("data rebuilt"))
    assert client.get(f"/plans/{plan_id}/draft.pdf?job={job_id}").get_json()["status"] == \
        "queued"
    assert client.get(f"/plans/{plan_id}/draft.pdf?job={job_id}&file=1").status_code == 202
    monkeypatch.setattr(views, "report_data", real)
    with worker_running(app):
        wait_for(lambda: jobs(app)[0].status == "done")
    state = load_plan(plan_id).sections["about"]
    with app.app_context():
        PlanStore(db.session()).save_section(
            plan_id, "about", state.data.model_copy(update={"title": "Renamed meanwhile"}),
            state.version)
    followed = client.get(f"/plans/{plan_id}/draft.pdf?job={job_id}&file=1")
    assert followed.status_code == 200 and followed.mimetype == PDF
    # The plain link is the plan as it is now: a new file to make.
    assert client.get(f"/plans/{plan_id}/draft.pdf").status_code == 202


def test_a_render_stopped_by_the_worker_stopping_goes_back_in_the_queue(app, client,
                                                                        plan_id):
    from drafter.jobs import limits
    from drafter.jobs.queue import interrupt_renders

    running = consumer(app, workers=1, embedded=True)
    running.start()
    try:
        client.get(f"/plans/{plan_id}/draft.pdf")
        wait_for(lambda: jobs(app)[0].status == "running")
        running.stop()  # what `drafter worker` does when stopped mid-render
        interrupt_renders(running)
        assert [(job.status, job.attempts, job.error) for job in jobs(app)] == \
            [("queued", 0, "")]
    finally:
        limits.STOPPING.clear()
    with worker_running(app):  # started again: the job put back is made
        wait_for(lambda: jobs(app)[0].status == "done")
    assert client.get(f"/plans/{plan_id}/draft.pdf").mimetype == PDF
