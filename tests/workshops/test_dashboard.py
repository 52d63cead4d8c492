"""The trainer's dashboard: scores, progress and activity of every team, its polling
table with ETags, sorting, comparing two teams, and text escaped everywhere."""

from __future__ import annotations

import re

from workshop_helpers import join, start_workshop

from drafter import db
from drafter.plan.store import PlanStore
from drafter.scorecard.service import checklist_for
from drafter.scoring import score
from support import sample


def score_cell(html: str, team: str) -> int:
    row = re.search(r"<tr data-team=\"\d+\">((?:(?!</tr>).)*?>" + re.escape(team) + r"<.*?)</tr>",
                    html, re.S).group(1)
    return int(re.search(r'class="team-score"><a[^>]*><strong>(\d+)</strong>', row).group(1))


def strong_section(app, plan_id: int, key: str) -> None:
    with app.app_context():
        store = PlanStore(db.session())
        state = store.load(plan_id).sections[key]
        store.save_section(plan_id, key, getattr(sample("strong-plan.json"), key),
                           state.version, complete=True)


def test_the_dashboard_shows_each_teams_scores_and_progress(app, client):
    workshop = start_workshop(client, scenario="sample:weak")
    _north, north_plan = join(app, workshop.code, "North", "Leila")
    join(app, workshop.code, "South", "Tomás")
    page = client.get(f"/workshops/{workshop.id}").get_data(as_text=True)
    assert workshop.code in page and "Leila" in page and "Tomás" in page
    with app.app_context():
        expected = score(sample("weak-plan.json"), checklist_for("csag-2012")).overall
    assert score_cell(page, "North") == score_cell(page, "South") == round(expected)
    assert page.count("no edits yet") == 2
    for key in ("context", "leadership", "monitoring"):
        strong_section(app, north_plan, key)
    page = client.get(f"/workshops/{workshop.id}/teams").get_data(as_text=True)
    assert score_cell(page, "North") > score_cell(page, "South")
    north_row = page[page.index(">North<"):].split("</tr>")[0]
    assert "3 of 12" in north_row


def test_a_poll_with_nothing_new_is_answered_304(app, client):
    workshop = start_workshop(client)
    _team, plan_id = join(app, workshop.code, "North", "Leila")
    first = client.get(f"/workshops/{workshop.id}/teams")
    tag = first.headers["ETag"]
    again = client.get(f"/workshops/{workshop.id}/teams", headers={"If-None-Match": tag})
    assert again.status_code == 304
    strong_section(app, plan_id, "context")
    changed = client.get(f"/workshops/{workshop.id}/teams", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != tag
    # A new team, or a lock, changes the table too.
    tag = changed.headers["ETag"]
    join(app, workshop.code, "South", "Tomás")
    assert client.get(f"/workshops/{workshop.id}/teams",
                      headers={"If-None-Match": tag}).status_code == 200


def test_last_activity_is_the_teams_own_work(app, client):
    workshop = start_workshop(client)
    team, plan_id = join(app, workshop.code, "North", "Leila")
    page = client.get(f"/workshops/{workshop.id}/teams").get_data(as_text=True)
    assert "no edits yet" in page
    with app.app_context():
        version = PlanStore(db.session()).load(plan_id).sections["context"].version
    team.post(f"/plans/{plan_id}/context", data={"conflict_analysis": "Text", "version": version})
    page = client.get(f"/workshops/{workshop.id}/teams").get_data(as_text=True)
    assert "no edits yet" not in page


def test_teams_sort_by_score_without_script(app, client):
    workshop = start_workshop(client, scenario="sample:weak")
    _a, plan_a = join(app, workshop.code, "Alpha", "Leila")
    _z, plan_z = join(app, workshop.code, "Zulu", "Tomás")
    strong_section(app, plan_z, "monitoring")
    by_name = client.get(f"/workshops/{workshop.id}?sort=name").get_data(as_text=True)
    by_score = client.get(f"/workshops/{workshop.id}?sort=score").get_data(as_text=True)
    assert by_name.index(">Alpha<") < by_name.index(">Zulu<")
    assert by_score.index(">Zulu<") < by_score.index(">Alpha<")
    assert client.get(f"/workshops/{workshop.id}?sort=nonsense").status_code == 200


def test_two_teams_side_by_side(app, client):
    workshop = start_workshop(client, scenario="sample:weak")
    join(app, workshop.code, "North", "Leila")
    _s, south_plan = join(app, workshop.code, "South", "Tomás")
    strong_section(app, south_plan, "monitoring")
    page = client.get(f"/workshops/{workshop.id}").get_data(as_text=True)
    ids = dict((name, tid) for tid, name in re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', page))
    response = client.get(f"/workshops/{workshop.id}/compare?a={ids['North']}&b={ids['South']}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Where the two teams differ" in page and "Monitoring" in page
    assert page.count("tag-complete") >= 1  # South completed monitoring; North did not
    same = client.get(f"/workshops/{workshop.id}/compare?a={ids['North']}&b={ids['North']}",
                      follow_redirects=True)
    assert "Choose two different teams" in same.get_data(as_text=True)
    assert client.get(f"/workshops/{workshop.id}/compare?a=x&b=999").status_code == 200


def test_a_team_plan_opened_from_the_dashboard_is_read_only_for_the_trainer(app, client):
    workshop = start_workshop(client)
    _team, plan_id = join(app, workshop.code, "North", "Leila")
    page = client.get(f"/plans/{plan_id}/context").get_data(as_text=True)
    assert "Only its owners and editors can change it" in page
    assert client.post(f"/plans/{plan_id}/context", data={"conflict_analysis": "Trainer"}).status_code == 403
    # The trainer's own plan list stays theirs: team plans are on the dashboard.
    assert f"/plans/{plan_id}\"" not in client.get("/").get_data(as_text=True)


def test_names_typed_by_trainers_and_participants_are_escaped(app, client):
    payload = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    workshop = start_workshop(client, name=f"Workshop {payload}")
    participant, plan_id = join(app, workshop.code, f"Team {payload}", f"Leila {payload}")
    pages = [client.get(url).get_data(as_text=True) for url in (
        "/workshops", f"/workshops/{workshop.id}", f"/workshops/{workshop.id}/teams",
        f"/plans/{plan_id}")]
    pages.append(participant.get(f"/plans/{plan_id}").get_data(as_text=True))
    pages.append(app.test_client().get(f"/join/{workshop.code}").get_data(as_text=True))
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page


def test_the_dashboard_names_the_checklist_and_the_join_address(client):
    workshop = start_workshop(client, checklist="first-plan-minimum")
    page = client.get(f"/workshops/{workshop.id}").get_data(as_text=True)
    assert "first-plan-minimum" not in page.split("</header>")[1]
    assert "http://localhost/join" in page
    from drafter.scorecard.service import checklist_for
    with client.application.app_context():
        assert checklist_for("first-plan-minimum").name in page


def test_the_list_of_workshops_says_when_no_dates_were_set(app, client):
    start_workshop(client)  # 1 to 2 December
    client.post("/workshops/new", data={"name": "Undated workshop", "scenario": "sample:weak",
                                        "checklist": "csag-2012"})
    page = client.get("/workshops").get_data(as_text=True)
    rows = {name: row for name, row in re.findall(
        r"<tr>\s*<td><a[^>]*>([^<]+)</a></td>(.*?)</tr>", page, re.S)}
    assert "Not set" in rows["Undated workshop"]  # not an empty cell
    assert "Not set" not in rows["Drafting workshop, Lakeside Hotel"]
