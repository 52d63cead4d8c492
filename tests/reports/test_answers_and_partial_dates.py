"""Version 2 of the plan document in the drafts: an answer prints as a reader says it
("Yes", "No", "Not stated": never the stored "not_stated", never a stored value read as
true), a date given in part prints as far as it goes ("March 2012"), and the plan-level
evidence (costs as a whole, consultations by level, the M&E framework, evaluations,
merged pillars, civil society's share of seats) is in the PDF and the Word draft.

The answers are posted through the wizard, as a drafter gives them, then the drafts are
made from the saved plan and read back (pypdf, python-docx).
"""

from __future__ import annotations

import io

import pytest
from docx import Document

from drafter import db
from drafter.plan.store import PlanStore
from drafter.reports import data, pdf
from drafter.reports.docx import plan_docx
from helpers import pdf_text, squash

EVIDENCE = {
    "about": {"title": "Plan of Varesia", "adoption_date": "2012-03",
              "lead_institution": "Ministry of Gender"},
    "consultation": {
        "process_summary": "Consultations in every province.",
        "validation_workshop_date": "2012",
        "levels": [{"id": "l1", "level": "district", "count": 52, "participants": 3100,
                    "women": 1900, "places": "All 14 provinces",
                    "groups": ["rural_women", "youth"]}]},
    "pillars": {"pillars": [{"id": "pp", "name": "Prevention and protection",
                             "standards": ["prevention", "protection"]}],
                "objectives": [{"id": "o1", "code": "1.1", "title": "Early warning includes women",
                                "pillar_id": "pp"}]},
    "leadership": {"lead_institution": "Ministry of Gender", "civil_society_share": 40},
    "budget": {"currency": "USD", "costing_done": "yes", "total_cost": "12500000",
               "total_secured": "4000000", "dedicated_budget": "yes",
               "dedicated_budget_name": "WPS Trust Fund", "dedicated_budget_amount": "2000000"},
    "monitoring": {"monitoring_body": "National Steering Committee", "me_framework": "yes",
                   "me_framework_parts": ["logframe", "baseline_study"],
                   "me_framework_where": "Annex 2, pages 45 to 60",
                   "evaluations": [{"id": "v1", "kind": "midterm", "status": "done",
                                    "year": 2014, "independent": "no", "by": "Ministry staff"},
                                   {"id": "v2", "kind": "final", "status": "planned",
                                    "year": 2017, "independent": "yes"}]},
    "localisation": {"dissemination_plan": "Radio in six languages.",
                     "public_launch_date": "2012-03-14"},
}


def post_context(client, plan_id: int, **answers) -> None:
    page = client.get(f"/plans/{plan_id}/context").get_data(as_text=True)
    version = page.split('name="version"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    response = client.post(f"/plans/{plan_id}/context", data={
        "conflict_analysis": "Twenty years of conflict in the north.", **answers,
        "version": version, "later": "1"})
    assert response.status_code == 302


@pytest.fixture
def saved_plan(app, client, make_plan):
    """A plan whose context answers were posted: "no" for one, the rest left unanswered,
    and whose other sections hold the new plan-level evidence."""
    plan_id = make_plan(**EVIDENCE)
    post_context(client, plan_id, sex_disaggregated_baseline="no", domestic_dimension="yes")
    with app.app_context():
        plan = PlanStore(db.session()).load(plan_id)
    assert plan.document.context.sex_disaggregated_baseline == "no"
    assert plan.document.context.cedaw_gr30_considered == "not_stated"
    return plan


@pytest.fixture
def pdf_draft(app, saved_plan) -> str:
    with app.app_context():
        report = data.plan_report_for(saved_plan)
        return squash(pdf_text(pdf.render_pdf(pdf.render_html("plan", report))))


@pytest.fixture
def word_draft(app, saved_plan):
    with app.app_context():
        return Document(io.BytesIO(plan_docx(data.plan_report_for(saved_plan, "docx"))))


def facts_of(document) -> dict[str, str]:
    """Every label and value of the Word draft's two-column tables of facts."""
    return {row.cells[0].text: row.cells[1].text for table in document.tables
            if len(table.columns) == 2 for row in table.rows}


def test_an_answer_posted_as_no_prints_no_and_one_not_given_prints_not_stated(pdf_draft):
    assert squash("The baseline data is broken down by sex No") in pdf_draft
    assert squash("The plan acts at home (domestic dimension) Yes") in pdf_draft
    assert squash("The review considers CEDAW General Recommendation 30 Not stated") in pdf_draft
    assert squash("The plan acts abroad: foreign policy, aid, peacekeeping Not stated") \
        in pdf_draft
    assert "not_stated" not in pdf_draft


def test_the_word_draft_gives_the_same_answers(word_draft):
    facts = facts_of(word_draft)
    assert facts["The baseline data is broken down by sex"] == "No"
    assert facts["The plan acts at home (domestic dimension)"] == "Yes"
    assert facts["The review considers CEDAW General Recommendation 30"] == "Not stated"
    cells = [cell.text for table in word_draft.tables for row in table.rows for cell in row.cells]
    assert not any("not_stated" in cell for cell in cells)


def test_a_date_given_in_part_prints_as_far_as_it_goes(pdf_draft, word_draft):
    assert squash("Date of adoption March 2012") in pdf_draft
    assert squash("Date of the validation workshop 2012") in pdf_draft
    assert squash("Date of the public launch 14 March 2012") in pdf_draft
    assert "2012-03" not in pdf_draft
    facts = facts_of(word_draft)
    assert facts["Date of adoption"] == "March 2012"
    assert facts["Date of the public launch"] == "14 March 2012"


def test_the_drafts_show_the_plan_level_evidence(pdf_draft, word_draft):
    for expected in (
            # The budget as a whole, in the plan's currency.
            "Total cost of the plan USD 12,500,000", "USD 4,000,000",
            "There is a dedicated fund or budget line Yes", "WPS Trust Fund",
            # Consultations by level, as a table.
            "Consultations by level", "District or municipal", "3,100", "1,900",
            "Rural women, Young women and youth",
            # The M&E framework and the evaluations.
            "The plan has a monitoring and evaluation framework Yes",
            "Logical framework (logframe), Baseline study", "Annex 2, pages 45 to 60",
            "Mid-term review Done 2014 No Ministry staff", "Final evaluation Planned 2017 Yes",
            # A merged pillar names both standard pillars; civil society's share of seats.
            "Prevention, Protection", "Share of seats held by civil society 40%"):
        assert squash(expected) in pdf_draft, expected
    text = squash("\n".join(paragraph.text for paragraph in word_draft.paragraphs))
    cells = squash(" ".join(cell.text for table in word_draft.tables for row in table.rows
                            for cell in row.cells))
    assert squash("Standard pillars it covers: Prevention, Protection") in text
    for expected in ("USD 12,500,000", "District or municipal", "Mid-term review", "Done",
                     "Annex 2, pages 45 to 60", "40%"):
        assert squash(expected) in cells, expected


def test_the_gap_report_tells_no_from_not_stated(app, saved_plan):
    """The gap report prints each criterion's evidence: the answer posted "no" reads as
    what the plan says, the one left unanswered as what it does not say."""
    from drafter.reports import gapdata

    with app.app_context():
        report = gapdata.gap_report_for(saved_plan, [])
        text = squash(pdf_text(pdf.render_pdf(pdf.render_html("gap", report))))
    assert squash("No: the plan says its baseline data are not sex-disaggregated.") in text
    assert squash("The plan does not say whether its baseline data") not in text
    assert squash("The plan does not say whether CEDAW General Recommendation 30 was "
                  "considered.") in text
