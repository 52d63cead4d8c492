"""The UN global indicators on resolution 1325 offered to an indicator: each by its number
in S/2010/498 where that was checked, or by its title alone; never a note to ourselves."""

from __future__ import annotations

import html

from drafter.plan.globals import global_indicator_choices, global_indicators


def test_no_indicator_label_anywhere_holds_a_note_about_checking(app, client, make_plan):
    with app.test_request_context():
        labels = [str(choice.label) for choice in global_indicator_choices()]
    assert len(labels) == len(global_indicators()) == 31
    assert not [label for label in labels if "to be checked" in label or "S/2010/498" in label]
    plan_id = make_plan(indicators={"items": [{"id": "i1", "statement": "Cases heard",
                                               "global_indicator": "18"}]})
    for url in (f"/plans/{plan_id}/indicators/i1", f"/plans/{plan_id}/indicators/new"):
        page = html.unescape(client.get(url).get_data(as_text=True))
        assert "to be checked" not in page
        assert "Reported cases of sexual and gender-based violence investigated" in page


def test_a_checked_number_is_shown_and_an_unchecked_one_is_not(app):
    with app.test_request_context():
        labels = {choice.value: str(choice.label) for choice in global_indicator_choices()}
    assert labels["1a"] == "1a. Prevalence of sexual violence"
    assert labels["11a"] == "11a. Women's participation in formal peace negotiations"
    assert labels["19"] == "Maternal mortality ratio"
    # The stored values do not change, so plans that chose one still show it.
    assert {"1a", "5b", "11b", "26"} <= set(labels)
