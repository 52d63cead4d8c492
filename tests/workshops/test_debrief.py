"""The debrief pack: the summary PDF and the ZIP of every team's gap report, read back
as a trainer would open them, and who may download them."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from pypdf import PdfReader
from workshop_helpers import get_workshop, join, start_workshop, teams_of

from drafter import db
from drafter.plan.schema import SECTION_MODELS
from drafter.plan.store import PlanStore
from drafter.workshops import dashboard, debrief
from support import log_in, sample


@pytest.fixture(autouse=True)
def running_worker(worker):
    """Every download here is made by the task queue's worker, and waited for."""


def pdf_pages(content: bytes) -> list[str]:
    """Each page's text, as tests/reports/helpers.py reads PDFs (pypdf)."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]


def pdf_text(content: bytes) -> str:
    return "\n".join(pdf_pages(content))


def squash(text: str) -> str:
    """Text without whitespace: pypdf breaks lines wherever the PDF's lines end."""
    return "".join(str(text).split())


def download(client, url: str):
    """(status, content type, bytes) of a download, its response closed."""
    response = client.get(url)
    try:
        return response.status_code, response.mimetype, response.get_data()
    finally:
        response.close()


def improve(app, plan_id: int, keys) -> None:
    """Save these sections of the strong sample into a team's plan, as complete."""
    strong = sample("strong-plan.json")
    with app.app_context():
        store = PlanStore(db.session())
        for key in keys:
            version = store.load_section(plan_id, key).version
            store.save_section(plan_id, key, getattr(strong, key), version, complete=True)


def dashboard_rows(app, workshop_id: int) -> dict:
    with app.test_request_context():
        workshop = get_workshop(app, workshop_id)
        return {row.name: row for row in dashboard.team_rows(db.session(), workshop)}


def summary_of(app, workshop_id: int) -> dict:
    with app.test_request_context():
        return debrief.summary_data(db.session(), get_workshop(app, workshop_id))


def test_the_zip_holds_the_summary_every_teams_gap_report_and_the_scores(app, client):
    workshop = start_workshop(client)
    join(app, workshop.code, "Northern region", "Tomás")
    join(app, workshop.code, "Coastal provinces", "Leila")
    improve(app, teams_of(app, workshop.id)["Northern region"], ["pillars", "actions", "budget"])

    status, mimetype, content = download(client, f"/workshops/{workshop.id}/debrief.zip")
    assert status == 200 and mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert archive.testzip() is None
    assert archive.namelist() == [
        "workshop-summary.pdf", "01-coastal-provinces-gap-report.pdf",
        "02-northern-region-gap-report.pdf", "scores.csv", "README.txt"]
    assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())

    rows = dashboard_rows(app, workshop.id)
    assert rows["Northern region"].overall > rows["Coastal provinces"].overall
    title = sample("weak-plan.json").about.title
    for name, team in (("01-coastal-provinces", "Coastal provinces"),
                       ("02-northern-region", "Northern region")):
        report = archive.read(f"{name}-gap-report.pdf")
        assert report.startswith(b"%PDF-")
        first_page = squash(pdf_pages(report)[0])
        assert squash(f"{title} – {team}") in first_page
        assert f"{round(rows[team].overall)}/100" in first_page

    summary = squash(pdf_text(archive.read("workshop-summary.pdf")))
    assert squash(workshop.name) in summary
    assert "Northernregion" in summary and "Coastalprovinces" in summary

    table = list(csv.reader(io.StringIO(archive.read("scores.csv").decode("utf-8-sig"))))
    header, body = table[0], table[1:]
    assert header[:3] == ["Team", "Members", "Overall score"]
    assert header[-2:] == ["Sections complete", "Last activity"]
    assert [line[0] for line in body] == ["Coastal provinces", "Northern region"]
    with app.test_request_context():
        area_ids = [area_id for area_id, _title in dashboard.areas(get_workshop(app, workshop.id))]
    for line in body:
        row = rows[line[0]]
        assert line[1] == ", ".join(row.members)
        assert float(line[2]) == row.overall
        assert [float(value) for value in line[3:-2]] == [row.area_score(a) for a in area_ids]
        assert int(line[-2]) == row.complete

    readme = archive.read("README.txt").decode()
    assert "02-northern-region-gap-report.pdf: Northern region" in readme and "scores.csv" in readme


def test_the_room_struggled_most_where_every_team_missed(app, client):
    workshop = start_workshop(client)
    join(app, workshop.code, "Alpha", "Leila")
    join(app, workshop.code, "Beta", "Tomás")
    # Beta drafts every section but the regional links from the strong sample, so it
    # meets much that Alpha (the weak scenario) misses; both miss the regional criteria.
    improve(app, teams_of(app, workshop.id)["Beta"],
            [key for key in SECTION_MODELS if key != "regional"])

    data = summary_of(app, workshop.id)
    ranked = data["most_missed"]
    by_both = [c["id"] for c in ranked if c["not_met_by"] == ["Alpha", "Beta"]]
    by_alpha = [c["id"] for c in ranked if c["not_met_by"] == ["Alpha"]]
    assert by_both and by_alpha
    assert [c["not_met"] for c in ranked] == sorted((c["not_met"] for c in ranked), reverse=True)
    counts = {c["id"]: (c["met"], c["partly_met"], c["not_met"]) for c in data["criteria"]}
    assert counts[by_both[0]] == (0, 0, 2) and counts[by_alpha[0]] == (1, 0, 1)

    status, _mimetype, content = download(client, f"/workshops/{workshop.id}/summary.pdf")
    assert status == 200
    text = squash(pdf_text(content))
    table = text[text.index("Thecriteriamostteamsmissed"):
                 text.index("Everycriterionacrosstheteams")]
    assert table.index(by_both[0]) < table.index(by_alpha[0])


def test_a_workshop_without_teams_still_has_a_summary(app, client):
    workshop = start_workshop(client)
    status, mimetype, content = download(client, f"/workshops/{workshop.id}/summary.pdf")
    assert status == 200 and mimetype == "application/pdf"
    text = squash(pdf_text(content))
    assert "Noteamhasjoinedyet" in text and squash(workshop.name) in text

    status, _mimetype, content = download(client, f"/workshops/{workshop.id}/debrief.zip")
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert archive.namelist() == ["workshop-summary.pdf", "scores.csv", "README.txt"]


CHART_CAPTIONS = ("Average score of each area across the teams, out of 100",
                  "Overall score of each team, out of 100",
                  "Share of the teams that meet each criterion, in per cent")


def test_a_room_with_nothing_scored_says_so_instead_of_drawing_empty_charts(app, client):
    name = ("Drafting workshop on the third national action plan, Lakeside Hotel, Port Lumen, "
            "first week")
    workshop = start_workshop(client, name=name, scenario="empty")
    join(app, workshop.code, "Alpha", "Leila")
    join(app, workshop.code, "Beta", "Tomás")
    response = client.get(f"/workshops/{workshop.id}/summary.pdf")
    assert response.status_code == 200
    # The whole name, up to its last word within 80 characters, and what the file is.
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=drafting-workshop-on-the-third-national-action-plan-lakeside-"
        "hotel-port-lumen-summary.pdf")
    pages = [squash(page) for page in pdf_pages(response.get_data())]
    text = "".join(pages)
    for sentence in ("Every area averages 0: no team has yet written anything the checklist "
                     "scores.",
                     "Every team scores 0 so far: no plan has anything yet that the checklist can "
                     "score.",
                     "No team meets any of the criteria most teams missed."):
        assert squash(sentence) in text, sentence
    for caption in CHART_CAPTIONS:
        assert squash(caption) not in text, caption
    # The teams × areas table's headers wrap between words, never inside one
    # ("Coordina-tion and ac-countability" with automatic hyphenation).
    [table] = [page for page in pages if "TeamOverallPOL" in page]
    for title in ("Coordination and accountability", "Localisation and dissemination",
                  "Indicators, monitoring and evaluation", "Political ownership and leadership"):
        assert squash(title) in table, title


def test_a_room_that_meets_every_criterion_has_charts_and_no_page_of_misses(app, client):
    workshop = start_workshop(client)
    join(app, workshop.code, "Alpha", "Leila")
    improve(app, teams_of(app, workshop.id)["Alpha"], list(SECTION_MODELS))
    assert summary_of(app, workshop.id)["most_missed"] == []
    status, _mimetype, content = download(client, f"/workshops/{workshop.id}/summary.pdf")
    assert status == 200
    pages = [squash(page) for page in pdf_pages(content)]
    assert squash("Every team meets every recommendation in this checklist.") in pages[0]
    text = "".join(pages)
    assert squash("The criteria most teams missed") not in text  # a page for one sentence
    for caption in CHART_CAPTIONS[:2]:
        assert squash(caption) in text, caption


def test_team_names_make_distinct_files_and_stay_text_in_the_spreadsheet(app, client):
    workshop = start_workshop(client)
    for team in ("Nord", "Nörd", "=HYPERLINK(\"http://example.com\")"):
        join(app, workshop.code, team, "Leila")
    _status, _mimetype, content = download(client, f"/workshops/{workshop.id}/debrief.zip")
    archive = zipfile.ZipFile(io.BytesIO(content))
    reports = [name for name in archive.namelist() if name.endswith("-gap-report.pdf")]
    assert reports == ["01-hyperlink-http-example-com-gap-report.pdf",
                       "02-nord-gap-report.pdf", "03-nord-gap-report.pdf"]
    table = list(csv.reader(io.StringIO(archive.read("scores.csv").decode("utf-8-sig"))))
    assert table[1][0] == "'=HYPERLINK(\"http://example.com\")"


def test_many_teams_long_tables_break_across_pages_with_their_headers(app, client):
    workshop = start_workshop(client)
    names = [f"Team {number} of the regional coordination group for northern districts"
             for number in range(1, 33)]
    for name in names:
        response = client.post(f"/workshops/{workshop.id}/teams/add", data={"add-name": name})
        assert response.status_code == 302
    status, _mimetype, content = download(client, f"/workshops/{workshop.id}/summary.pdf")
    assert status == 200
    pages = [squash(page) for page in pdf_pages(content)]
    # The teams × areas table runs over several pages, its header row on each of them,
    # and every long team name is printed whole (wrapped in its column, not cut off).
    table_pages = [page for page in pages if "TeamOverallPOL" in page]
    assert len(table_pages) >= 2
    assert "Scoresbyteamandarea" in table_pages[0] and "Averageoftheteams" in table_pages[-1]
    assert all("Sectionscomplete" in page for page in table_pages)
    assert all(squash(name) in "".join(table_pages) for name in names)
    text = "".join(pages)
    assert text.index(squash(names[1])) < text.index(squash(names[9]))  # 2 before 10


def test_only_the_trainer_downloads_the_debrief(app, client, make_user):
    workshop = start_workshop(client)
    participant, _plan_id = join(app, workshop.code, "Coastal provinces", "Leila")
    other = app.test_client()
    log_in(other, make_user("someone@ministry.example", "Someone"))
    for url in (f"/workshops/{workshop.id}/summary.pdf", f"/workshops/{workshop.id}/debrief.zip"):
        assert download(participant, url)[0] == 403
        assert download(other, url)[0] == 403
        status = download(app.test_client(), url)[0]
        assert status == 302  # to the log-in page
