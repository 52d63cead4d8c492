"""Small plan documents for scoring tests, built from plain dicts.

`plan(...)` validates sections exactly as an import would; the helpers make the
repeating rows (objectives, actions, indicators) that many rule tests need, and `PROSE`
holds a short, specific text for each prose field a rule reads.
"""

from __future__ import annotations

from drafter.plan.schema import PlanDocument

PILLARS = ["prevention", "participation", "protection", "relief_recovery"]


def plan(**sections) -> PlanDocument:
    return PlanDocument.model_validate(sections)


# Short texts that name what a reviewer looks for in each field.
PROSE = {
    "policy_links": "Carries out Outcome 4 of the National Gender Equality Policy 2024-2030 and "
                    "the security pillar of the National Development Plan 2026-2030.",
    "accountability": "Each ministry reports every quarter to the National Steering Committee, "
                      "which answers to the Council of Ministers.",
    "parliament_role": "The Gender Committee of the National Assembly holds a public hearing on "
                       "the annual report.",
    "capacity_building": "Each year 1,200 police officers and diplomats are trained on a WPS "
                         "curriculum at the Police Academy.",
    "process_summary": "Twelve consultations with 340 participants were held from March to June "
                       "2024 in Lakes and Coastal, with displaced women and youth.",
    "how_input_was_used": "Objective 2.3 was added at the request of displaced women's groups; "
                          "45 of 120 proposals were taken up, as the published response matrix "
                          "shows.",
    "use_of_findings": "Within 60 days the Steering Committee adopts a management response and "
                       "revises the action matrix.",
    "conflict_analysis": "Since 2019 armed groups in the Lakes and Eastern Plains regions have "
                         "displaced 126,000 people (census of 2024), 60% of them women and girls. "
                         "Survivors of sexual violence and rural women lack services; young men "
                         "and boys are recruited by militias.",
    "gendered_impacts": "Women head 41% of displaced households in the Lakes region (2024 "
                        "survey); girls in camps marry before 18 twice as often as elsewhere, "
                        "while young men and boys are recruited by armed groups.",
    "baseline_summary": "In the 2024 national survey, 24% of women and 9% of men reported "
                        "violence; women hold 22% of seats in parliament.",
    "existing_programmes": "UN Women and the Ministry of Health run three one-stop centres in "
                           "Lakes and Coastal; nothing reaches women with disabilities.",
    "legal_policy_review": "The Penal Code of 1998 and the Land Act of 2002 do not protect "
                           "widows' land; the Electoral Law sets a 30% quota with no placement "
                           "rule.",
    "vision": "By 2030 women in every region take an equal part in decisions on peace.",
    "theory_of_change": "If women mediators are trained and nominated, then more peace talks "
                        "include women, because parties trust local mediators: this serves the "
                        "participation pillar. It assumes the ceasefire holds.",
    "funding_gap_statement": "The funding gap is USD 400,000 (40%); it will be raised at a donor "
                             "round table in 2025.",
    "budget_cycle_notes": "Ministries enter plan actions in their MTEF ceilings each July; the "
                          "Ministry of Finance tags WPS spending.",
    "local_action_plans": "Each of the 4 border counties adopts a county plan by 2026, funded by "
                          "the county council.",
    "subnational_bodies": "A county WPS committee with police, health services and two women's "
                          "organisations meets every quarter in each county.",
    "dissemination_plan": "Summaries in Kel and Tarsi are read on community radio for displaced "
                          "women, and in schools, from March 2025.",
    "regional_links": "Varesia reports each year to the African Union Continental Results "
                      "Framework, whose indicators the plan includes.",
    "review_clause": "After the mid-term review the Steering Committee may amend targets and "
                     "budgets.",
    "revision_triggers": "A review is called within 60 days if violence displaces more than "
                         "20,000 people.",
    "lessons_from_previous": "The 2024 evaluation found that only 38% of actions had funding; "
                             "this plan costs each action.",
}


def prose(*fields: str) -> dict:
    return {field: PROSE[field] for field in fields}


def objectives(count: int, **fields) -> list[dict]:
    return [{"id": f"o{index + 1}", "code": f"{index + 1}",
             "pillar_id": PILLARS[index % 4], **fields} for index in range(count)]


def actions(count: int, objective_count: int = 0, **fields) -> list[dict]:
    rows = []
    for index in range(count):
        row = {"id": f"a{index + 1}", "code": f"1.{index + 1}", **fields}
        if objective_count:
            row["objective_id"] = f"o{index % objective_count + 1}"
        rows.append(row)
    return rows


def action_indicator(action_id: str, **fields) -> dict:
    return {"id": f"i-{action_id}", "code": f"{action_id}.i", "action_id": action_id, **fields}
