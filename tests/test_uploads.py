"""Request size limits and the checks on an imported file made before it is parsed: its
size (read with a cap), its declared type and its first bytes."""

from __future__ import annotations

import io

import pytest

from werkzeug.datastructures import FileStorage

from support import ROOT
from fuzzing import post_form

WEAK = (ROOT / "samples" / "weak-plan.json").read_bytes()


def upload(client, raw: bytes, name: str = "plan.json", content_type: str = "application/json"):
    return post_form(client, "/plans/import", {"file": FileStorage(
        io.BytesIO(raw), name, content_type=content_type)}, multipart=True)


def no_plans(client) -> bool:
    return "There are no plans yet" in client.get("/").get_data(as_text=True)


@pytest.fixture
def never_parsed(monkeypatch):
    """Fail the test if the import gets as far as parsing the file."""

    def parse(raw):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr("drafter.plans.importing.read_plan_file", parse)


def test_the_limits_are_set(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 6 * 1024 * 1024
    assert app.config["MAX_FORM_MEMORY_SIZE"] == 2 * 1024 * 1024
    assert app.config["MAX_FORM_PARTS"] == 5_000


def test_an_upload_over_the_request_limit_gets_a_clear_413_page(client, never_parsed):
    response = upload(client, b'{"about": {"title": "' + b"x" * (7 * 1024 * 1024) + b'"}}')
    html = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "Too large" in html and "A plan file may be up to 5 MB" in html
    assert no_plans(client)


def test_a_form_field_over_the_form_memory_limit_gets_413(client, make_plan, load_plan):
    plan_id = make_plan(about={"title": "Kept"})
    big = "x" * (3 * 1024 * 1024)  # under the request limit, over the limit for one field
    response = post_form(client, f"/plans/{plan_id}/context",
                         {"conflict_analysis": big, "version": "0"}, multipart=True)
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)
    assert load_plan(plan_id).sections["context"].version == 0


def test_a_form_of_too_many_parts_gets_413(client, make_plan, load_plan):
    plan_id = make_plan(about={"title": "Kept"})
    data = {f"members-{index}-institution": "Ministry" for index in range(5_001)}
    response = post_form(client, f"/plans/{plan_id}/leadership", {**data, "version": "0"},
                         multipart=True)
    assert response.status_code == 413
    assert load_plan(plan_id).sections["leadership"].version == 0


def test_a_plan_file_over_5_mb_is_refused_unparsed(client, never_parsed):
    raw = b'{"about": {"title": "' + b"x" * (5 * 1024 * 1024) + b'"}}'  # under the request limit
    response = upload(client, raw)
    assert response.status_code == 400
    assert "larger than 5 MB" in response.get_data(as_text=True)
    assert no_plans(client)


@pytest.mark.parametrize("head, kind", [
    (b"PK\x03\x04\x14\x00\x06\x00", "a Word or Excel document or a ZIP archive"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word or Excel document"),
    (b"\x89PNG\r\n\x1a\n", "a picture"),
    (b"\x1f\x8b\x08\x00", "a compressed file"),
])
def test_a_file_that_is_clearly_not_json_is_named_and_refused_unparsed(client, never_parsed,
                                                                       head, kind):
    response = upload(client, head + WEAK, content_type="application/octet-stream")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f"This file looks like {kind}, not a plan exported as JSON." in html
    assert no_plans(client)


def test_a_binary_file_is_refused_unparsed(client, never_parsed):
    response = upload(client, b"\x00\x01\x02\x03" * 100)
    assert response.status_code == 400
    assert "This file is not text" in response.get_data(as_text=True)


@pytest.mark.parametrize("declared", ["application/pdf", "image/png",
                                      "application/vnd.openxmlformats-officedocument."
                                      "wordprocessingml.document"])
def test_a_file_declared_as_another_type_is_refused_unparsed(client, never_parsed, declared):
    response = upload(client, WEAK, content_type=declared)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f"The file was sent as “{declared}”, not as JSON." in html
    assert no_plans(client)


@pytest.mark.parametrize("declared", ["application/json", "application/octet-stream",
                                      "text/plain", "text/json; charset=utf-8", ""])
def test_the_types_browsers_give_a_json_file_are_accepted(client, declared):
    assert upload(client, WEAK, content_type=declared).status_code == 302
    assert not no_plans(client)


def test_a_utf16_file_gets_the_encoding_message_not_the_binary_one(client):
    response = upload(client, WEAK.decode("utf-8").encode("utf-16"))
    assert response.status_code == 400
    assert "not text in UTF-8" in response.get_data(as_text=True)
