"""Bad input gets a clear message and loses nothing: expired sessions, huge posts, garbage."""

from __future__ import annotations

import re

from support import PASSWORD, add_user, log_in, make_app


# What a browser sends with a form posted from one of the app's own pages: the "session
# expired" page shows a form again only then (test_hardening.py has the other cases).
FROM_ITS_OWN_PAGE = {"Sec-Fetch-Site": "same-origin"}


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)


def test_an_expired_csrf_token_shows_the_form_again_with_everything_typed(
        tmp_path, migrated_template, password_hash):
    app = make_app(tmp_path, migrated_template, WTF_CSRF_ENABLED=True)
    add_user(app, "amina@ministry.example", hashed=password_hash)
    client = app.test_client()
    login = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"csrf_token": csrf_of(login), "email": "amina@ministry.example",
                                "password": PASSWORD, "remember": "y"})
    page = client.get("/plans/new").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/plans/new", data={"csrf_token": token, "title": "My plan",
                                                "country_or_organisation": "Varesia",
                                                "plan_type": "national"})
    plan_url = response.location
    plan_id = plan_url.rstrip("/").split("/")[-1]

    # The session cookie is lost (browser restarted, session expired overnight): the person
    # who asked to stay logged in is still recognised by the remember cookie, but the token no longer matches.
    client.delete_cookie("session")
    response = client.post(f"/plans/{plan_id}/context", headers=FROM_ITS_OWN_PAGE, data={
        "csrf_token": token, "conflict_analysis": "Three pages of careful analysis",
        "version": "0", "continue": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Three pages of careful analysis" in html
    assert "nothing was saved yet" in html
    fresh = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    response = client.post(f"/plans/{plan_id}/context", data={
        "csrf_token": fresh, "conflict_analysis": "Three pages of careful analysis",
        "version": "0", "continue": "1"})
    assert response.status_code == 302
    app.extensions["drafter.engine"].dispose()


def test_a_post_without_any_token_is_refused_and_saves_nothing(tmp_path, migrated_template,
                                                               password_hash):
    app = make_app(tmp_path, migrated_template, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    log_in(client, add_user(app, "amina@ministry.example", hashed=password_hash))
    response = client.post("/plans/new", data={"title": "Forged"}, headers=FROM_ITS_OWN_PAGE)
    assert response.status_code == 400
    assert "Forged" in response.get_data(as_text=True)
    assert "There are no plans yet" in client.get("/").get_data(as_text=True)
    app.extensions["drafter.engine"].dispose()


def test_a_huge_post_is_refused_cleanly(client, make_plan):
    plan_id = make_plan()
    response = client.post(f"/plans/{plan_id}/context",
                           data={"conflict_analysis": "x" * (7 * 1024 * 1024), "version": "0"})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_numbers_and_years_out_of_range_are_explained(client, make_plan):
    plan_id = make_plan()
    response = client.post(f"/plans/{plan_id}/about", data={
        "generation": "0", "period_start": "20266", "title": "Kept", "version": "0"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'href="#generation"' in html and 'href="#period_start"' in html
    assert 'value="Kept"' in html


def test_garbage_in_hidden_fields_never_breaks_the_page(client, make_plan):
    plan_id = make_plan()
    for version in ("abc", "-5", ""):
        response = client.post(f"/plans/{plan_id}/context", data={
            "conflict_analysis": "Text", "version": version, "continue": "1"})
        assert response.status_code in (302, 409)
    response = client.post(f"/plans/{plan_id}/leadership", data={"remove_row": "members-zz",
                                                                  "version": "0"})
    assert response.status_code in (302, 409)


def test_unknown_choice_values_are_refused_with_a_message(client, make_plan):
    plan_id = make_plan()
    response = client.post(f"/plans/{plan_id}/about", data={
        "plan_type": "imperial", "resolutions": ["1325", "9999"], "version": "0"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "is not one of" in html


def test_text_inputs_carry_the_length_limit_of_the_document(client, make_plan):
    plan_id = make_plan()
    html = client.get(f"/plans/{plan_id}/leadership").get_data(as_text=True)
    # For the page's character count; never as maxlength, with which the browser would
    # cut a long paste without a word.
    assert re.search(r'data-maxlength="200"[^>]*id="lead_institution"', html)
    assert re.search(r'data-maxlength="20000"[^>]*name="parliament_role"', html)
    assert not re.search(r'\smaxlength=', html)
    # The blank row that the page's script clones has limits too.
    template = html[html.index("data-row-template"):]
    assert 'name="members-__INDEX__-institution"' in template
    assert 'data-maxlength="200"' in template


def test_a_nul_character_is_refused_whole_with_a_message(client, make_plan, load_plan):
    plan_id = make_plan()
    response = client.post(f"/plans/{plan_id}/context", data={
        "conflict_analysis": "Text\x00with a NUL", "version": "0", "continue": "1"})
    assert response.status_code == 400
    assert "cannot be stored" in response.get_data(as_text=True)
    assert load_plan(plan_id).sections["context"].version == 0
    from drafter.plan.transfer import ImportProblem, parse_document

    try:
        parse_document('{"about": {"title": "A\\u0000B"}}')
    except ImportProblem as problem:
        assert "about.title" in problem.messages[0]
    else:
        raise AssertionError("a NUL in an imported title was accepted")


def test_letters_in_a_number_field_are_kept_with_what_to_type(client, make_plan, load_plan):
    plan_id = make_plan(about={"title": "Kept"})
    page = client.get(f"/plans/{plan_id}/about").get_data(as_text=True)
    # A text input: Chromium empties a number input holding letters, and sends nothing.
    assert re.search(r'<input[^>]*id="generation"[^>]*>', page)
    generation = re.search(r'<input[^>]*id="generation"[^>]*>', page).group(0)
    assert 'type="text"' in generation and 'inputmode="numeric"' in generation
    response = client.post(f"/plans/{plan_id}/about", data={
        "title": "Kept", "generation": "second", "period_start": "twenty26", "version": "1",
        "continue": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter a whole number, like 2" in html and "Enter a year in figures, like 2026" in html
    # The summary joins a label that asks a question without a colon after its "?".
    assert "Which plan is this? Enter a whole number, like 2" in html and "?:" not in html
    assert "First year of the plan: Enter a year in figures, like 2026" in html
    assert 'value="second"' in html and 'value="twenty26"' in html
    assert "Not a valid integer value" not in html
    assert load_plan(plan_id).sections["about"].version == 1


def test_an_amount_with_letters_is_kept_with_what_to_type(client, make_plan, load_plan):
    plan_id = make_plan(budget={"currency": "EUR"})
    page = client.get(f"/plans/{plan_id}/budget/new").get_data(as_text=True)
    amount = re.search(r'<input[^>]*id="amount"[^>]*>', page).group(0)
    assert 'type="text"' in amount and 'inputmode="decimal"' in amount
    assert re.search(r'id="amount"[^>]*>\s*<span class="unit">EUR</span>', page)
    response = client.post(f"/plans/{plan_id}/budget/new", data={
        "description": "Shelters", "amount": "EUR 500k", "secured": "1,5", "version": "0"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert html.count("Enter the amount in figures, like 500000") >= 2
    assert 'value="EUR 500k"' in html and 'value="1,5"' in html
    assert load_plan(plan_id).sections["budget"].data.lines == []


def test_a_text_too_long_is_refused_with_its_length_never_cut(client, make_plan, load_plan):
    plan_id = make_plan(context={"conflict_analysis": "Saved before"})
    pasted = "A long paste. " * 21_858 + "end"  # 306,015 characters
    response = client.post(f"/plans/{plan_id}/context", data={
        "conflict_analysis": pasted, "gendered_impacts": "Typed too", "version": "1",
        "continue": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Use at most 20,000 characters; you typed 306,015" in html
    assert pasted in html and "Typed too" in html  # all of it, to shorten and save
    assert load_plan(plan_id).sections["context"].data.conflict_analysis == "Saved before"
