"""New passwords must be hard to guess: not blank, repetitive, common, a row of keys or
the person's own name or address; each refusal says why, on every path that sets one."""

from __future__ import annotations

import pytest

from drafter.auth.passwords import password_problem

WEAK = {
    "          ": "only spaces",
    "password12": "most common passwords",
    "1234567890": "most common passwords",
    "aaaaaaaaaaaa": "repeats a character or a pattern",
    "abcabcabcabc": "repeats a character or a pattern",
    "asdfghjkl;'": "a sequence or a row of keys",
    "amina.diallo2026": "your name or e-mail address",
    "short": "at least 10 characters",
}


@pytest.mark.parametrize("password, why", WEAK.items())
def test_weak_passwords_are_refused_saying_why(app, password, why):
    with app.test_request_context():
        assert why in password_problem(password, email="amina.diallo@ministry.example",
                                       name="Amina Diallo")


@pytest.mark.parametrize("password", ["correct horse battery", "Varesia listens 2026",
                                      "mango-kettle-harbour"])
def test_good_passwords_are_taken(app, password):
    with app.test_request_context():
        assert password_problem(password, email="amina@ministry.example", name="Amina") is None


def test_sign_up_refuses_a_common_password_and_keeps_what_was_typed(anonymous):
    response = anonymous.post("/signup", data={"name": "Amina", "email": "amina@ministry.example",
                                               "password": "password12"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "most common passwords" in html and 'value="amina@ministry.example"' in html


def test_a_password_change_refuses_a_weak_one(client):
    response = client.post("/account/password", data={
        "current": "correct horse battery", "new": "1234567890", "confirm": "1234567890"})
    assert response.status_code == 400
    assert "most common passwords" in response.get_data(as_text=True)


def test_create_admin_refuses_a_weak_one(runner):
    result = runner.invoke(args=["create-admin", "root@ministry.example",
                                 "--password", "qwertyuiop"])
    assert result.exit_code == 2 and "most common passwords" in result.output
