"""A queued report survives a restart of the app, on the embedded SQLite queue and on
Redis: the job waits in the queue's storage, and the worker of the app started again
makes it."""

from __future__ import annotations

import uuid

import pytest
from support import add_user, log_in, make_app, redis_or_skip, sample

from drafter import create_app, db
from drafter.jobs.queue import consumer, huey_of
from drafter.plan.store import PlanStore

KEPT = ("DATABASE_URL", "SECRET_KEY", "REPORT_CACHE_DIR", "JOBS_QUEUE_URL", "JOBS_QUEUE_NAME",
        "TESTING", "WTF_CSRF_ENABLED", "PREPARE_AHEAD_SECONDS")


@pytest.mark.parametrize("storage", ["sqlite", "redis"])
def test_a_queued_report_is_made_after_the_app_restarts(tmp_path, migrated_template,
                                                        password_hash, storage):
    settings = {"JOBS_QUEUE_NAME": f"restart-{uuid.uuid4().hex[:8]}"}
    if storage == "redis":
        settings["JOBS_QUEUE_URL"] = redis_or_skip()
    first = make_app(tmp_path, migrated_template, **settings)
    user_id = add_user(first, "amina@example.org", hashed=password_hash)
    with first.app_context():
        plan_id = PlanStore(db.session()).create_plan(sample("weak-plan.json"),
                                                      owner_id=user_id)
    client = first.test_client()
    log_in(client, user_id)
    assert client.get(f"/plans/{plan_id}/draft.pdf").status_code == 202  # queued, no worker
    config = {key: first.config[key] for key in KEPT}
    first.extensions["drafter.engine"].dispose()
    del first, client

    second = create_app(config)
    second.config["REPORT_WAIT_SECONDS"] = 60
    running = consumer(second, workers=1, embedded=True)
    running.start()
    try:
        client = second.test_client()
        log_in(client, user_id)
        response = client.get(f"/plans/{plan_id}/draft.pdf")
        assert response.status_code == 200 and response.get_data().startswith(b"%PDF-")
    finally:
        running.stop(graceful=True)
        huey_of(second).flush()
        second.extensions["drafter.engine"].dispose()
