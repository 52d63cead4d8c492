"""Civil-society review: comment threads on sections, resolving them, the counts on the
task list, reviewers' own assessments, and those assessments beside the scorecard on the
page and in the gap report."""

from __future__ import annotations

import io
import re

import pytest
from support import log_in, sample
from pypdf import PdfReader
from sqlalchemy import event

from drafter import db
from drafter.members import service as members
from drafter.reports import gapdata
from drafter.review import service as review
from drafter.scorecard.service import checklist_for, plan_scorecard
from drafter.scoring import score


@pytest.fixture
def team(app, make_plan, make_user, owner_id):
    """The weak sample plan with an editor, two reviewers and a viewer, each with a client."""
    plan_id = make_plan(sample("weak-plan.json"))
    people = {"owner": owner_id}
    for role, name in (("editor", "Edith"), ("reviewer", "Rania"), ("reviewer2", "Ruth"),
                       ("viewer", "Victor")):
        people[role] = make_user(f"{role}@example.org", name)
        with app.app_context():
            members.set_role(db.session(), plan_id, people[role], role.rstrip("2"))
    clients = {}
    for role, user_id in people.items():
        clients[role] = app.test_client()
        log_in(clients[role], user_id)
    return {"plan_id": plan_id, "people": people, "clients": clients}


def html_of(response) -> str:
    return response.get_data(as_text=True)


def statuses(app, plan_id: int) -> dict[str, str]:
    """The scorecard's status of each criterion of the plan."""
    from drafter.plan.store import PlanStore

    with app.test_request_context():
        card = plan_scorecard(PlanStore(db.session()).load(plan_id))
        return {result.id: result.status for result in card.criteria}


def other_status(status: str) -> str:
    return "met" if status != "met" else "not_met"


def criterion_block(html: str, criterion: str) -> str:
    """The part of the scorecard page about one criterion."""
    start = html.index(f'id="criterion-{criterion}"')
    return html[start:html.index("</article>", start)]


# --- comments --------------------------------------------------------------------------------

def test_a_reviewer_comments_on_a_section_and_sees_it_on_the_section_page(team):
    reviewer, plan_id = team["clients"]["reviewer"], team["plan_id"]
    response = reviewer.post(f"/plans/{plan_id}/comments/context",
                             data={"body": "Say how displacement affects women.", "back": "step"})
    assert response.status_code == 302
    assert response.location.endswith(f"/plans/{plan_id}/context#comments")
    page = html_of(reviewer.get(f"/plans/{plan_id}/context"))
    assert "Comments on this section" in page
    assert "Say how displacement affects women." in page
    assert "Comment from Rania" in page and "<time datetime=" in page
    # every comment page lists it under its section
    overview = html_of(team["clients"]["viewer"].get(f"/plans/{plan_id}/comments"))
    assert "Context analysis" in overview and "Say how displacement affects women." in overview


def test_replies_join_the_thread_in_order(team, app):
    plan_id, clients = team["plan_id"], team["clients"]
    clients["reviewer"].post(f"/plans/{plan_id}/comments/budget", data={"body": "Who pays?"})
    with app.app_context():
        thread_id = review.threads(db.session(), plan_id, "budget")[0].id
    for client, text in ((clients["owner"], "The ministry, from 2026."),
                         (clients["reviewer2"], "And the donors?")):
        response = client.post(f"/plans/{plan_id}/comments/{thread_id}/reply", data={"body": text})
        assert response.status_code == 302
    with app.app_context():
        [thread] = review.threads(db.session(), plan_id, "budget")
    assert [c.body for c in thread.comments] == ["Who pays?", "The ministry, from 2026.",
                                                 "And the donors?"]
    assert [c.author for c in thread.comments] == ["Rania", "Amina", "Ruth"]
    page = html_of(clients["viewer"].get(f"/plans/{plan_id}/comments/budget"))
    assert page.index("Who pays?") < page.index("The ministry, from 2026.") < page.index("And the donors?")
    # a reply's own id is not a thread; a thread of another plan is not found here
    with app.app_context():
        reply_id = thread.comments[1].id
    assert clients["owner"].post(f"/plans/{plan_id}/comments/{reply_id}/reply",
                                 data={"body": "x"}).status_code == 404
    assert clients["owner"].post(f"/plans/{plan_id}/comments/9999/resolve").status_code == 404


def test_editors_resolve_and_reopen_threads(team, app):
    plan_id, clients = team["plan_id"], team["clients"]
    clients["reviewer"].post(f"/plans/{plan_id}/comments/context", data={"body": "First point"})
    clients["reviewer"].post(f"/plans/{plan_id}/comments/context", data={"body": "Second point"})
    with app.app_context():
        first = review.threads(db.session(), plan_id, "context")[0].id
    response = clients["editor"].post(f"/plans/{plan_id}/comments/{first}/resolve",
                                      data={"back": "all"})
    assert response.status_code == 302 and response.location.endswith(f"/plans/{plan_id}/comments")
    overview = html_of(clients["editor"].get(f"/plans/{plan_id}/comments"))
    assert "Second point" in overview and "First point" not in overview
    everything = html_of(clients["editor"].get(f"/plans/{plan_id}/comments?show=all"))
    assert "First point" in everything and "Resolved by Edith" in everything
    section = html_of(clients["editor"].get(f"/plans/{plan_id}/context"))
    assert "1 resolved comment" in section and "Reopen" in section
    clients["owner"].post(f"/plans/{plan_id}/comments/{first}/reopen")
    with app.app_context():
        assert all(t.open for t in review.threads(db.session(), plan_id, "context"))


def test_the_task_list_counts_open_threads_per_section(team, app):
    plan_id, clients = team["plan_id"], team["clients"]
    for section, body in (("context", "One"), ("context", "Two"), ("actions", "Three")):
        clients["reviewer"].post(f"/plans/{plan_id}/comments/{section}", data={"body": body})
    with app.app_context():
        threads = review.threads(db.session(), plan_id)
        review.reply(db.session(), plan_id, threads[0].id, team["people"]["owner"], "A reply")
    page = html_of(clients["owner"].get(f"/plans/{plan_id}"))
    assert "2 open comments" in page and "1 open comment<" in page
    clients["editor"].post(f"/plans/{plan_id}/comments/{threads[2].id}/resolve")
    page = html_of(clients["owner"].get(f"/plans/{plan_id}"))
    assert "2 open comments" in page and "1 open comment<" not in page


def test_open_counts_is_one_query(team, app):
    plan_id = team["plan_id"]
    with app.app_context():
        for section in ("about", "context", "context", "review"):
            review.start_thread(db.session(), plan_id, section, team["people"]["reviewer"], "x")
        statements = []
        engine = app.extensions["drafter.engine"]
        listener = lambda *args: statements.append(args[2])
        event.listen(engine, "before_cursor_execute", listener)
        try:
            counts = review.open_counts(db.session(), plan_id)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    assert counts == {"about": 1, "context": 2, "review": 1}
    assert len(statements) == 1 and "GROUP BY" in statements[0]


@pytest.mark.parametrize("body, message", [
    ("", "Write your comment before sending it."),
    ("   \n  ", "Write your comment before sending it."),
    ("Long <b>text</b> " * 400, "A comment can be up to 5,000 characters long"),
])
def test_an_empty_or_too_long_comment_is_refused_and_kept(team, app, body, message):
    plan_id, reviewer = team["plan_id"], team["clients"]["reviewer"]
    response = reviewer.post(f"/plans/{plan_id}/comments/context", data={"body": body, "back": "step"})
    page = html_of(response)
    assert response.status_code == 400
    assert "There is a problem" in page and message in page
    assert 'href="#comment-body"' in page
    if body.strip():  # what was typed is back in the box, escaped
        assert "Long &lt;b&gt;text&lt;/b&gt; Long" in page and "<b>text</b>" not in page
    with app.app_context():
        assert review.threads(db.session(), plan_id) == []


def test_an_empty_reply_is_refused_on_the_thread_it_was_for(team, app):
    plan_id, clients = team["plan_id"], team["clients"]
    clients["reviewer"].post(f"/plans/{plan_id}/comments/context", data={"body": "Point"})
    with app.app_context():
        thread_id = review.threads(db.session(), plan_id)[0].id
    response = clients["owner"].post(f"/plans/{plan_id}/comments/{thread_id}/reply",
                                     data={"body": ""})
    page = html_of(response)
    assert response.status_code == 400
    assert "Write your reply before sending it." in page
    assert f'href="#reply-{thread_id}"' in page and '<details class="reply" open>' in page


def test_a_comment_sent_after_the_session_token_expired_is_kept(tmp_path, migrated_template,
                                                                password_hash):
    from support import owner_with_tokens_on

    app, client, plan_id = owner_with_tokens_on(tmp_path, migrated_template, password_hash)
    response = client.post(f"/plans/{plan_id}/comments/context",
                           data={"body": "A long careful comment"},
                           headers={"Sec-Fetch-Site": "same-origin"})  # from its own page
    assert response.status_code == 400
    page = html_of(response)
    assert "Your session had expired" in page and "A long careful comment</textarea>" in page
    with app.app_context():
        assert review.threads(db.session(), plan_id) == []
    app.extensions["drafter.engine"].dispose()


# --- who may do what -----------------------------------------------------------------------

def test_viewers_cannot_comment_and_see_no_comment_form(team, app):
    plan_id, viewer = team["plan_id"], team["clients"]["viewer"]
    assert viewer.post(f"/plans/{plan_id}/comments/context", data={"body": "Hi"}).status_code == 403
    page = html_of(viewer.get(f"/plans/{plan_id}/context"))
    assert "Comments on this section" in page and 'name="body"' not in page
    with app.app_context():
        assert review.threads(db.session(), plan_id) == []


def test_reviewers_cannot_resolve_or_edit(team, app):
    plan_id, clients = team["plan_id"], team["clients"]
    clients["reviewer"].post(f"/plans/{plan_id}/comments/context", data={"body": "Point"})
    with app.app_context():
        thread_id = review.threads(db.session(), plan_id)[0].id
    assert clients["reviewer"].post(f"/plans/{plan_id}/comments/{thread_id}/resolve").status_code == 403
    assert clients["reviewer"].post(f"/plans/{plan_id}/context",
                                    data={"conflict_analysis": "Mine", "version": "1"}).status_code == 403
    assert "Mark as resolved" not in html_of(clients["reviewer"].get(f"/plans/{plan_id}/context"))
    assert "Mark as resolved" in html_of(clients["editor"].get(f"/plans/{plan_id}/context"))


def test_the_task_list_says_whose_work_the_completed_sections_are(team):
    # A reviewer read "You have completed 12 of 12 sections" of a plan she cannot edit.
    plan_id, clients = team["plan_id"], team["clients"]
    # And "Check your plan" is for those who write it: the others read the whole plan.
    for role in ("owner", "editor"):
        page = html_of(clients[role].get(f"/plans/{plan_id}"))
        assert "You have completed 0 of 12 sections." in page
        assert ">Check your plan</a>" in page
        assert "<h1>Check your plan</h1>" in html_of(clients[role].get(f"/plans/{plan_id}/check"))
    for role in ("reviewer", "viewer"):
        page = html_of(clients[role].get(f"/plans/{plan_id}"))
        assert "The plan's team has completed 0 of 12 sections." in page
        assert "You have completed" not in page
        assert ">Read the whole plan</a>" in page and "Check your plan" not in page
        check = html_of(clients[role].get(f"/plans/{plan_id}/check"))
        assert "<h1>The whole plan</h1>" in check and "Check your plan" not in check


def test_a_trainer_s_scenarios_call_only_owned_plans_theirs(team, app):
    from drafter.workshops.service import scenario_choices

    with app.app_context():
        mine = dict(scenario_choices(db.session(), team["people"]["owner"]))
        shared = dict(scenario_choices(db.session(), team["people"]["viewer"]))
    key = f"plan:{team['plan_id']}"
    assert mine[key].startswith("Your plan: ")
    assert shared[key].startswith("A plan shared with you: ")


def test_editors_cannot_assess_and_see_no_assessment_form(team, app):
    plan_id, editor = team["plan_id"], team["clients"]["editor"]
    for url, data in ((f"/plans/{plan_id}/assessments/POL-1",
                       {"agrees": "no", "status": "met", "reason": "Because"}),
                      (f"/plans/{plan_id}/assessments",
                       {"agrees-POL-1": "no", "status-POL-1": "met", "reason-POL-1": "Because"})):
        assert editor.post(url, data=data).status_code == 403
    page = html_of(editor.get(f"/plans/{plan_id}/assessments"))
    assert "Save your assessments" not in page and 'name="agrees-POL-1"' not in page
    assert "Save your assessments" in html_of(team["clients"]["reviewer"].get(
        f"/plans/{plan_id}/assessments"))
    with app.app_context():
        assert review.plan_assessments(db.session(), plan_id) == []


# --- assessments -----------------------------------------------------------------------------

def answers(**by_criterion) -> dict[str, str]:
    """The assessment page's fields for some criteria: POL_1={"agrees": "yes"} gives
    {"agrees-POL-1": "yes"}."""
    return {f"{name}-{criterion.replace('_', '-')}": value
            for criterion, fields in by_criterion.items() for name, value in fields.items()}


def saved_assessments(app, plan_id: int) -> dict[str, tuple]:
    with app.app_context():
        return {a.criterion: (a.reviewer, a.agrees, a.status, a.reason)
                for a in review.plan_assessments(db.session(), plan_id)}


def test_one_save_keeps_every_answer_on_the_page(team, app):
    # Issue 12: the page had a form and a Save per criterion; filling three and saving
    # one lost the other two. Now one form holds them all, and any Save sends them all.
    plan_id, reviewer = team["plan_id"], team["clients"]["reviewer"]
    scored = statuses(app, plan_id)
    page = html_of(reviewer.get(f"/plans/{plan_id}/assessments"))
    # Besides the header's log-out button and language menu.
    assert page.count("<form") - page.count('action="/logout"') \
        - page.count('action="/language"') == 1
    assert page.count('name="area"') == len({c.split("-")[0] for c in scored})
    response = reviewer.post(f"/plans/{plan_id}/assessments", data={"area": "INC", **answers(
        POL_1={"agrees": "yes"},
        INC_1={"agrees": "no", "status": other_status(scored["INC-1"]),
               "reason": "Only one women's association was heard"},
        MEL_2={"agrees": "yes", "reason": "Baselines are there"})})
    assert response.status_code == 302 and response.location.endswith("#area-INC")
    assert saved_assessments(app, plan_id) == {
        "POL-1": ("Rania", True, scored["POL-1"], ""),
        "INC-1": ("Rania", False, other_status(scored["INC-1"]),
                  "Only one women's association was heard"),
        "MEL-2": ("Rania", True, scored["MEL-2"], "Baselines are there")}
    page = html_of(reviewer.get(response.location))
    assert "Your assessments of 3 criteria are saved." in page
    assert 'id="agrees-POL-1-yes" name="agrees-POL-1" value="yes" checked' in page
    assert 'id="agrees-INC-1-no" name="agrees-INC-1" value="no" checked' in page
    assert "Only one women&#39;s association was heard</textarea>" in page
    assert "Agree with the scorecard: Rania." in page


def test_the_assessment_page_warns_before_unsaved_answers_are_left(team):
    plan_id = team["plan_id"]
    page = html_of(team["clients"]["reviewer"].get(f"/plans/{plan_id}/assessments"))
    assert "/static/js/unsaved.js" in page and "data-warn-unsaved" in page
    assert "data-unsaved" not in page.replace("data-warn-unsaved", "")
    # no answers to lose for someone who cannot assess
    viewer = team["clients"]["viewer"]
    assert "unsaved.js" not in html_of(viewer.get(f"/plans/{plan_id}/assessments"))


def test_a_single_criterion_can_still_be_posted_on_its_own(team, app):
    plan_id, reviewer = team["plan_id"], team["clients"]["reviewer"]
    scored = statuses(app, plan_id)["POL-1"]
    response = reviewer.post(f"/plans/{plan_id}/assessments/POL-1", data={"agrees": "yes"})
    assert response.status_code == 302 and response.location.endswith("#criterion-POL-1")
    assert saved_assessments(app, plan_id) == {"POL-1": ("Rania", True, scored, "")}
    assert "Your assessment of POL-1 is saved." in html_of(reviewer.get(response.location))
    response = reviewer.post(f"/plans/{plan_id}/assessments/POL-1", data={})
    assert response.status_code == 400
    assert "Say whether you agree with the scorecard." in html_of(response)


@pytest.mark.parametrize("posted, field, message", [
    ({"agrees": "", "reason": "Typed, but no choice"}, "agrees",
     "Say whether you agree with the scorecard."),
    ({"agrees": "no", "reason": "It is weak"}, "status", "Choose the status you would give."),
    ({"agrees": "no", "status": "SAME", "reason": "It is weak"}, "status",
     "You chose the status the scorecard already gives."),
    ({"agrees": "no", "status": "OTHER", "reason": "  "}, "reason", "Say why you disagree"),
    ({"agrees": "no", "status": "OTHER", "reason": "x" * 5001}, "reason",
     "A reason can be up to 5,000 characters long"),
])
def test_a_refused_answer_brings_back_every_answer_and_saves_none(team, app, posted, field,
                                                                  message):
    plan_id, reviewer = team["plan_id"], team["clients"]["reviewer"]
    scored = statuses(app, plan_id)
    data = {key: {"SAME": scored["POL-1"], "OTHER": other_status(scored["POL-1"])}.get(value, value)
            for key, value in posted.items()}
    good = {"agrees": "no", "status": other_status(scored["INC-1"]),
            "reason": "A <b>good</b> answer, typed at length"}
    response = reviewer.post(f"/plans/{plan_id}/assessments",
                             data=answers(POL_1=data, INC_1=good, MEL_1={"agrees": "yes"}))
    page = html_of(response)
    assert response.status_code == 400
    assert "There is a problem with your assessments" in page and "Nothing was saved yet" in page
    assert f"POL-1: {message}" in page and f'href="#{field}-POL-1' in page
    if data.get("status"):  # what was chosen stays chosen
        assert (f'id="status-POL-1-{data["status"]}" name="status-POL-1" '
                f'value="{data["status"]}" checked') in page
    if data.get("reason", "").strip():
        assert data["reason"][:50] in page
    # the other answers, right as they were, are back too, and nothing is saved
    assert (f'id="status-INC-1-{good["status"]}" name="status-INC-1" '
            f'value="{good["status"]}" checked') in page
    assert "A &lt;b&gt;good&lt;/b&gt; answer, typed at length</textarea>" in page
    assert 'id="agrees-MEL-1-yes" name="agrees-MEL-1" value="yes" checked' in page
    assert "data-unsaved" in page.replace("data-warn-unsaved", "")
    assert saved_assessments(app, plan_id) == {}


def test_answers_sent_after_the_session_token_expired_are_all_kept(tmp_path, migrated_template,
                                                                   password_hash):
    from support import add_user, make_app

    from drafter.members import service as members
    from drafter.plan.store import PlanStore

    app = make_app(tmp_path, migrated_template, WTF_CSRF_ENABLED=True)
    owner = add_user(app, "owner@example.org", hashed=password_hash)
    critic = add_user(app, "critic@example.org", "Rania", hashed=password_hash)
    with app.app_context():
        plan_id = PlanStore(db.session()).create_plan(sample("weak-plan.json"), owner_id=owner)
        members.set_role(db.session(), plan_id, critic, "reviewer")
    client = app.test_client()
    log_in(client, critic)
    response = client.post(f"/plans/{plan_id}/assessments",
                           headers={"Sec-Fetch-Site": "same-origin"},  # from its own page
                           data=answers(POL_1={"agrees": "yes"},
                                        INC_1={"agrees": "no", "reason": "A careful reason"}))
    page = html_of(response)
    assert response.status_code == 400 and "Your session had expired" in page
    assert 'id="agrees-POL-1-yes" name="agrees-POL-1" value="yes" checked' in page
    assert "A careful reason</textarea>" in page
    with app.app_context():
        assert review.plan_assessments(db.session(), plan_id) == []
    app.extensions["drafter.engine"].dispose()


def test_an_unknown_criterion_is_not_found(team, app):
    plan_id, reviewer = team["plan_id"], team["clients"]["reviewer"]
    response = reviewer.post(f"/plans/{plan_id}/assessments/NOPE-9", data={"agrees": "yes"})
    assert response.status_code == 404
    # on the page's form, a field for a criterion the checklist lacks is not read
    response = reviewer.post(f"/plans/{plan_id}/assessments",
                             data={"agrees-NOPE-9": "yes", "area": "../../x"})
    assert response.status_code == 302 and "#" not in response.location
    assert saved_assessments(app, plan_id) == {}


def test_a_second_assessment_replaces_the_first_and_an_unchanged_one_is_left(team, app):
    plan_id, reviewer = team["plan_id"], team["clients"]["reviewer"]
    scored = statuses(app, plan_id)["POL-1"]
    reviewer.post(f"/plans/{plan_id}/assessments", data=answers(POL_1={"agrees": "yes"}))
    changed = answers(POL_1={"agrees": "no", "status": other_status(scored),
                             "reason": "On reflection, no."})
    reviewer.post(f"/plans/{plan_id}/assessments", data=changed)
    assert saved_assessments(app, plan_id) == {
        "POL-1": ("Rania", False, other_status(scored), "On reflection, no.")}
    with app.app_context():
        [first] = review.plan_assessments(db.session(), plan_id)
    response = reviewer.post(f"/plans/{plan_id}/assessments", data=changed)
    assert "Nothing had changed since your last save" in html_of(reviewer.get(response.location))
    with app.app_context():
        [again] = review.plan_assessments(db.session(), plan_id)
    assert again.updated_at == first.updated_at  # "saved ..." still tells when it changed


def test_a_disagreement_the_plan_has_caught_up_with_is_kept_when_posted_back(team, app):
    # The reviewer said "met" where the scorecard said "not met"; the plan improved and the
    # scorecard now says "met" too. The page posts her old answer back unchanged: it must
    # not be refused as "the status the scorecard already gives", nor block the others.
    plan_id, user = team["plan_id"], team["people"]["reviewer"]
    old = review.Answer.posted("no", "met", "Cabinet adopted it")
    with app.app_context():
        session = db.session()
        review.save_assessments(session, plan_id, user, "csag-2012", {"POL-1": "not_met"},
                                {"POL-1": old})
        saved = review.save_assessments(
            session, plan_id, user, "csag-2012", {"POL-1": "met", "POL-2": "met"},
            {"POL-1": old, "POL-2": review.Answer.posted("yes", None, "")})
    assert saved == ["POL-2"]


def test_the_scorecard_shows_civil_society_beside_it_only_where_they_differ(team, app):
    plan_id, clients = team["plan_id"], team["clients"]
    scored = statuses(app, plan_id)
    differing, agreed = "POL-1", "INC-1"
    for who, reason in (("reviewer", "No budget line for the ministry"),
                        ("reviewer2", "Parliament never adopted it")):
        clients[who].post(f"/plans/{plan_id}/assessments/{differing}", data={
            "agrees": "no", "status": other_status(scored[differing]), "reason": reason})
        clients[who].post(f"/plans/{plan_id}/assessments/{agreed}", data={"agrees": "yes"})
    page = html_of(clients["viewer"].get(f"/plans/{plan_id}/scorecard"))
    block = criterion_block(page, differing)
    assert "Civil society's assessment differs" in block
    assert "Automatic score from the plan's content" in block
    assert "Scorecard (government)" not in page
    assert "Civil-society assessment: Rania" in block
    assert "Rania" in block and "No budget line for the ministry" in block
    assert "Ruth" in block and "Parliament never adopted it" in block
    assert f"tag-{other_status(scored[differing])}" in block
    assert "Civil society's assessment differs" not in criterion_block(page, agreed)
    assert page.count("Civil society's assessment differs") == 1
    assert re.search(r"differ from the scorecard on 1 criterion:\s*<a href=\"#criterion-POL-1\">", page)


def test_an_agreement_goes_out_of_date_when_the_plan_changes(app):
    weak, strong = sample("weak-plan.json"), sample("strong-plan.json")
    checklist = checklist_for("csag-2012")
    with app.test_request_context():
        before, after = score(weak, checklist), score(strong, checklist)
    old = {r.id: r.status for r in before.criteria}
    changed = next(r.id for r in after.criteria if r.status != old[r.id])
    agreement = review.AssessmentView(user_id=1, reviewer="Rania", checklist="csag-2012",
                                      criterion=changed, agrees=True, status=old[changed],
                                      reason="", updated_at=None)
    assert review.side_by_side(before, [agreement])["differences"] == {}
    later = review.side_by_side(after, [agreement])
    assert later["differences"][changed] == [{"reviewer": "Rania", "status": old[changed],
                                              "reason": "", "outdated": True}]
    assert later["reviewers"] == [{"name": "Rania", "assessed": 1, "differs": 1}]
    # another checklist's assessment does not count
    elsewhere = review.AssessmentView(user_id=1, reviewer="Rania", checklist="first-plan-minimum",
                                      criterion=changed, agrees=False, status="met",
                                      reason="x", updated_at=None)
    assert review.side_by_side(after, [elsewhere]) == {
        "reviewers": [], "differences": {}, "elsewhere": {"first-plan-minimum": 1}}


def test_the_gap_report_puts_both_assessments_beside_the_scorecard(team, app, load_plan,
                                                                    tmp_path, worker):
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "report-cache")
    plan_id, clients = team["plan_id"], team["clients"]
    scored = statuses(app, plan_id)["POL-1"]
    for who, reason in (("reviewer", "Only the ministry signed"),
                        ("reviewer2", "Cabinet adopted it in March")):
        response = clients[who].post(f"/plans/{plan_id}/assessments/POL-1", data={
            "agrees": "no", "status": other_status(scored), "reason": reason})
        assert response.status_code == 302
    plan = load_plan(plan_id)
    with app.test_request_context():
        assessments = review.plan_assessments(db.session(), plan_id)
        report = gapdata.gap_report_for(plan, assessments)
    criterion = next(c for area in report["areas"] for c in area["criteria"] if c["id"] == "POL-1")
    assert criterion["status"] == scored
    assert [(e["reviewer"], e["status"], e["reason"]) for e in criterion["civil_society"]] == [
        ("Rania", other_status(scored), "Only the ministry signed"),
        ("Ruth", other_status(scored), "Cabinet adopted it in March")]
    assert [r["name"] for r in report["reviews"]] == ["Rania", "Ruth"]

    response = clients["viewer"].get(f"/plans/{plan_id}/gap-report.pdf")
    content = response.data
    response.close()
    text = "".join("\n".join(page.extract_text() or "" for page in
                             PdfReader(io.BytesIO(content)).pages).split())
    for words in ("Civil-society review by Rania, Ruth", "Civil society's assessment differs",
                  "Automatic score from the plan's content", "Rania (civil society)",
                  "Only the ministry signed",
                  "Ruth (civil society)", "Cabinet adopted it in March"):
        assert "".join(words.split()) in text, words
