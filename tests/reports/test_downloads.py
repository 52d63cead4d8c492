"""Downloading the reports from the app: the three files, their names, the cache, and
a missing plan. Each file is made by the task queue's worker, running beside the test
(the `worker` fixture), and the download waits for it."""

from __future__ import annotations

import io

import pytest
from docx import Document
from sqlalchemy import func, select

from support import sample
from drafter import db
from drafter.plan.store import PlanStore
from drafter.models import ReportJob
from drafter.reports.cache import cache_folder
from helpers import pdf_text, squash

PDF, DOCX = "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def cache_in_tmp(app, tmp_path, worker):
    """The report cache in a temporary folder, never in the checkout's instance/; the
    worker running."""
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "report-cache")


@pytest.fixture
def renders(app):
    """How many renders the worker has started behind the downloads (each start of a job
    is one render in a child process)."""
    class Count:
        def __len__(self):
            with app.app_context():
                return db.session().scalar(select(func.sum(ReportJob.attempts))) or 0

    return Count()


@pytest.fixture
def weak_plan(make_plan):
    return make_plan(sample("weak-plan.json"))


@pytest.mark.parametrize("url, mimetype, name", [
    ("draft.pdf", PDF, "national-action-plan-on-women-peace-and-security-2025-2027-draft.pdf"),
    ("gap-report.pdf", PDF,
     "national-action-plan-on-women-peace-and-security-2025-2027-gap-report.pdf"),
    ("draft.docx", DOCX, "national-action-plan-on-women-peace-and-security-2025-2027-draft.docx"),
])
def test_each_report_downloads_as_an_attachment(client, weak_plan, url, mimetype, name):
    response = client.get(f"/plans/{weak_plan}/{url}")
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert response.headers["Content-Disposition"] == f"attachment; filename={name}"
    content = response.get_data()
    if mimetype == PDF:
        assert content.startswith(b"%PDF-")
        assert squash("National Action Plan on Women, Peace and Security") in squash(
            pdf_text(content))
    else:
        assert Document(io.BytesIO(content)).paragraphs


def test_a_missing_plan_is_refused_like_its_task_list(client):
    # The views answer 404 for a plan that is not there; the app's access check, which
    # runs first, refuses a plan the person has no role on (403) without saying whether
    # it exists. Either way the downloads answer exactly as the plan's own pages do.
    expected = client.get("/plans/9999").status_code
    assert expected in (403, 404)
    for url in ("draft.pdf", "gap-report.pdf", "draft.docx"):
        assert client.get(f"/plans/9999/{url}").status_code == expected


def test_an_unchanged_plan_is_served_from_the_cache(app, client, weak_plan, renders):
    first = client.get(f"/plans/{weak_plan}/draft.pdf").get_data()
    second = client.get(f"/plans/{weak_plan}/draft.pdf").get_data()
    assert len(renders) == 1 and first == second
    assert len(_cache_files(app)) == 1
    client.get(f"/plans/{weak_plan}/gap-report.pdf")
    client.get(f"/plans/{weak_plan}/gap-report.pdf")
    assert len(renders) == 2


def _cache_files(app):
    with app.app_context():
        return sorted(cache_folder().glob("*.pdf"))


def test_a_changed_plan_is_never_served_stale(app, client, weak_plan, renders, load_plan):
    before = client.get(f"/plans/{weak_plan}/draft.pdf").get_data()
    state = load_plan(weak_plan).sections["about"]
    about = state.data.model_copy(update={"title": "A renamed plan on women, peace and security"})
    with app.app_context():
        PlanStore(db.session()).save_section(weak_plan, "about", about, state.version)
    after = client.get(f"/plans/{weak_plan}/draft.pdf")
    assert len(renders) == 2 and after.get_data() != before
    assert squash("A renamed plan on women, peace and security") in squash(
        pdf_text(after.get_data()))
    assert "a-renamed-plan" in after.headers["Content-Disposition"]
    # The gap report is keyed on the plan too: a change in a scored section re-renders it.
    client.get(f"/plans/{weak_plan}/gap-report.pdf")
    assert len(renders) == 3


def test_the_task_list_and_check_page_link_to_the_downloads(client, weak_plan):
    for page in (f"/plans/{weak_plan}", f"/plans/{weak_plan}/check"):
        html = client.get(page).get_data(as_text=True)
        for url in ("draft.pdf", "gap-report.pdf", "draft.docx"):
            assert f'href="/plans/{weak_plan}/{url}"' in html, (page, url)


def test_the_views_themselves_answer_404_for_a_missing_plan(app):
    from werkzeug.exceptions import NotFound

    from drafter.reports import views

    with app.test_request_context():
        for view in (views.draft_pdf, views.gap_report_pdf, views.draft_docx):
            with pytest.raises(NotFound):
                view(9999)


LONG_TITLE = ("Third National Action Plan on Women, Peace and Security 2026-2030: "
              "Women Building a Lasting Peace")


@pytest.mark.parametrize("url, name", [
    ("draft.pdf", "third-national-action-plan-on-women-peace-and-security-2026-2030-women-building"
                  "-draft.pdf"),
    ("gap-report.pdf", "third-national-action-plan-on-women-peace-and-security-2026-2030-women"
                       "-building-gap-report.pdf"),
    ("draft.docx", "third-national-action-plan-on-women-peace-and-security-2026-2030-women-building"
                   "-draft.docx"),
])
def test_a_long_title_is_kept_to_its_last_whole_word_in_the_file_name(client, make_plan, url,
                                                                     name):
    # The strong sample's title (on the weak plan, quicker to render): cut at 60
    # characters, it ended "...security-2026".
    assert sample("strong-plan.json").about.title == LONG_TITLE
    document = sample("weak-plan.json")
    document.about.title = LONG_TITLE
    plan_id = make_plan(document)
    response = client.get(f"/plans/{plan_id}/{url}")
    assert response.headers["Content-Disposition"] == f"attachment; filename={name}"


def test_file_names_are_cut_between_words_within_80_characters():
    from drafter.web.downloads import slug

    assert slug(LONG_TITLE) == ("third-national-action-plan-on-women-peace-and-security-"
                                "2026-2030-women-building")
    assert len(slug(LONG_TITLE)) <= 80
    assert slug("Plan " + "x" * 100) == "plan-" + "x" * 75  # one long word: cut at the limit
    assert slug("Plan national d'action « Femmes, paix et sécurité »") == \
        "plan-national-d-action-femmes-paix-et-securite"
    assert slug("خطة العمل الوطنية") == ""  # the view then names the file by the plan's number
