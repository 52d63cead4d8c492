"""A merged pillar counts for each standard pillar it covers, when the plan says why.

Plans adapt the four standard pillars: "Prevention and protection" as one pillar, a pillar
of their own for coordination and money. A merged pillar with its reason written out (in
its description or the adaptation rationale) counts for each of its standard pillars in
THM-1 and is an explained adaptation in RES-2; without a reason, the evidence says so.
"""

from __future__ import annotations

import pytest
from plan_builders import plan

from drafter.scoring.rules import RULES

MERGED = {"id": "pp", "name": "Prevention and protection",
          "standards": ["prevention", "protection"]}
OTHERS = [{"id": "participation", "name": "Participation", "standards": ["participation"]},
          {"id": "relief_recovery", "name": "Relief and recovery",
           "standards": ["relief_recovery"]}]
REASON = ("Merged because the same community protection committees prevent violence and "
          "protect survivors in every district.")
RESOLUTIONS = ["1325", "1820", "1888", "1889", "1960", "2106", "2122", "2242", "2467", "2493"]


def merged_plan(merged: dict, rationale: str = "") -> dict:
    pillars = [merged, *OTHERS]
    objectives = [{"id": f"o-{pillar['id']}", "code": str(n + 1), "pillar_id": pillar["id"]}
                  for n, pillar in enumerate(pillars)]
    actions = [{"id": f"a-{pillar['id']}", "code": f"{n + 1}.1",
                "objective_id": f"o-{pillar['id']}"} for n, pillar in enumerate(pillars)]
    return {"about": {"resolutions": RESOLUTIONS},
            "pillars": {"pillars": pillars, "objectives": objectives,
                        "adaptation_rationale": rationale},
            "actions": {"items": actions}}


@pytest.mark.parametrize("explained", [
    {"merged": {**MERGED, "description": REASON}},
    {"merged": MERGED, "rationale": REASON},
])
def test_a_merged_pillar_with_its_reason_counts_for_both_standard_pillars(explained):
    document = plan(**merged_plan(**explained))
    agenda = RULES["full_agenda"](document)
    assert agenda.score == 1.0
    assert agenda.evidence[0] == "4 of 4 pillars have actions"
    assert not any("Protection" in sentence for sentence in agenda.evidence)
    structure = RULES["pillar_structure"](document)
    assert structure.score == 1.0
    assert ("Pillar 'Prevention and protection' (Prevention, Protection) is explained."
            in structure.evidence)


def test_a_merged_pillar_without_a_reason_counts_for_half_and_says_why():
    document = plan(**merged_plan(MERGED))
    agenda = RULES["full_agenda"](document)
    # prevention and protection count half each: (1 + 1 + 0.5 + 0.5) / 4 for the pillars
    assert agenda.score == pytest.approx((2 * 0.75 + 1) / 3)
    assert ("Pillar 'Prevention and protection' merges standard pillars without saying why: "
            "its actions count for half of each.") in agenda.evidence
    structure = RULES["pillar_structure"](document)
    assert structure.score == pytest.approx(2 / 3)
    assert ("Pillar 'Prevention and protection' merges Prevention, Protection, but no reason is "
            "given (in its description or the adaptation rationale).") in structure.evidence


def test_a_description_that_only_lists_content_is_not_a_reason():
    listing = {**MERGED, "description": "Early warning, arms control, shelters and legal aid."}
    assert RULES["pillar_structure"](plan(**merged_plan(listing))).score == pytest.approx(2 / 3)


def test_padding_is_not_a_reason():
    padded = merged_plan(MERGED, rationale="We merged them. " * 20)
    assert RULES["pillar_structure"](plan(**padded)).score == pytest.approx(2 / 3)


def test_a_pillar_of_the_plans_own_and_a_dropped_pillar_need_a_reason_too():
    pillars = [{"id": "prevention", "name": "Prevention", "standards": ["prevention"]},
               {"id": "participation", "name": "Participation", "standards": ["participation"]},
               {"id": "protection", "name": "Protection", "standards": ["protection"]},
               {"id": "money", "name": "Coordination and financing", "standards": []}]
    sections = {"pillars": {"pillars": pillars, "objectives": [
        {"id": "o1", "code": "1", "pillar_id": "money"}]}}
    unexplained = RULES["pillar_structure"](plan(**sections))
    assert unexplained.evidence[1:] == (
        "Pillar 'Coordination and financing' is the plan's own, but no reason is given (in its "
        "description or the adaptation rationale).",
        "The plan has no pillar for: Relief and recovery; no reason is given.")
    sections["pillars"]["adaptation_rationale"] = (
        "Relief is left to the national recovery strategy, and the evaluation of the last plan "
        "found that coordination and money needed a pillar of their own.")
    explained = RULES["pillar_structure"](plan(**sections))
    assert explained.score == 1.0
    assert explained.evidence[1:] == (
        "Pillar 'Coordination and financing', the plan's own, is explained.",
        "The plan has no pillar for: Relief and recovery; the adaptation rationale explains "
        "its choice.")
