""""No" and "not stated" are different findings, and the evidence says which.

A plan that says "civil society is not on the drafting body" and a plan that says nothing
about it score the same (neither earns the credit), but a reviewer reads them
differently, and so does anyone fixing the plan: one needs a decision, the other only a
sentence. Every yes/no/not-stated answer of the plan document prints a "No: ..." sentence
for "no" and a "The plan does not say whether ..." sentence for "not stated".
"""

from __future__ import annotations

import pytest
from plan_builders import plan

from drafter.plan.fields import NOT_STATED
from drafter.plan.schema import SECTION_MODELS
from drafter.scoring import load_checklist, score
from drafter.scoring.checklist import default_checklist_path
from drafter.scoring.cli import render_text
from drafter.scoring.rules import RULES

# Each answer of the document, and the rule that reads it.
ANSWERS = [
    ("context", "sex_disaggregated_baseline", "baseline_mapping"),
    ("context", "cedaw_gr30_considered", "legal_review"),
    ("leadership", "body_terms_of_reference", "coordination_body"),
    ("consultation", "civil_society_on_drafting_body", "civil_society_in_drafting"),
    ("consultation", "draft_published", "transparent_process"),
    ("budget", "costing_done", "costed_actions"),
    ("budget", "dedicated_budget", "funding"),
    ("indicators", "stated", "indicator_coverage"),
    ("indicators", "with_baselines", "baselines_and_targets"),
    ("indicators", "with_targets", "baselines_and_targets"),
    ("monitoring", "civil_society_on_body", "civil_society_in_monitoring"),
    ("monitoring", "reports_public", "civil_society_in_monitoring"),
    ("monitoring", "shadow_reports_recognised", "civil_society_in_monitoring"),
    ("monitoring", "me_framework", "me_framework"),
    ("localisation", "localisation_guidelines", "localisation"),
    ("localisation", "published_online", "dissemination"),
    ("regional", "regional_reporting", "regional_framework"),
    ("review", "successor_planned", "review_cycle"),
]
# Read together: a context that says neither dimension matters.
DIMENSIONS = ("context", ("domestic_dimension", "external_dimension"), "dimensions")


def answer_fields() -> set[tuple[str, str]]:
    return {(section, name) for section, model in SECTION_MODELS.items()
            for name, field in model.model_fields.items() if field.default == NOT_STATED}


def test_every_answer_of_the_document_is_read_by_a_rule():
    tested = {(section, field) for section, field, _rule in ANSWERS}
    tested |= {(DIMENSIONS[0], field) for field in DIMENSIONS[1]}
    assert answer_fields() == tested


@pytest.mark.parametrize(("section", "field", "rule"), ANSWERS)
def test_no_and_not_stated_give_different_evidence(section, field, rule):
    said_no = RULES[rule](plan(**{section: {field: "no"}}))
    unsaid = RULES[rule](plan(**{section: {field: "not_stated"}}))
    assert said_no.score == unsaid.score
    only_no = set(said_no.evidence) - set(unsaid.evidence)
    only_unsaid = set(unsaid.evidence) - set(said_no.evidence)
    assert len(only_no) == 1 and len(only_unsaid) == 1, (said_no.evidence, unsaid.evidence)
    assert only_no.pop().startswith("No: ")
    assert "does not say whether" in only_unsaid.pop()


def test_a_context_that_rules_out_both_dimensions_says_so():
    section, (domestic, external), rule = DIMENSIONS
    said_no = RULES[rule](plan(**{section: {domestic: "no", external: "no"}}))
    unsaid = RULES[rule](plan())
    assert said_no.evidence == ("No: the context says neither domestic nor external action is "
                                "relevant.",)
    assert unsaid.evidence == ("The context does not say whether domestic or external action "
                               "(or both) is relevant.",)


def test_whether_evaluations_are_independent():
    def evidence(independent):
        document = plan(monitoring={"evaluations": [
            {"kind": "final", "status": "planned", "year": 2029, "independent": independent}]})
        return RULES["evaluation"](document).evidence[2]

    assert evidence("yes") == "The evaluation is independent."
    assert evidence("no") == "No: the plan's evaluations are internal, not independent."
    assert evidence("not_stated") == ("The plan does not say whether its evaluations are "
                                      "independent.")


def test_the_printed_scorecard_tells_them_apart():
    checklist = load_checklist(default_checklist_path())
    answers = {}
    for section, field, _rule in ANSWERS:
        answers.setdefault(section, {})[field] = "no"
    said_no = render_text(score(plan(**answers), checklist))
    unsaid = render_text(score(plan(), checklist))
    assert "- No: civil society is not on the drafting body." in said_no
    assert "- The plan does not say whether civil society sits on the drafting body." in unsaid
    assert "- No: the plan says it has not been costed." in said_no
    assert "- The plan does not say whether it has been costed." in unsaid
    assert "does not say whether civil society sits" not in said_no
    assert "No: civil society is not on" not in unsaid
