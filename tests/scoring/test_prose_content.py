"""Prose is judged by what it says, not by its length.

Every prose field a criterion reads, filled with padding (one sentence over and over,
lorem ipsum, 2,000 characters of one word, random words), leaves its criterion unmet and
the evidence says the text earns nothing; the same field with a short, specific text
(groups, places, figures, years, named institutions) meets it. The rest of each
criterion is filled in, so that only the field under test decides.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_builders import PROSE, plan

from drafter.scoring import load_checklist, score
from drafter.scoring.checklist import default_checklist_path


def event(**fields):
    return {"region": "North", "groups": ["womens_organisations"], **fields}


THREE_EVENTS = [event(), event(), event()]
EVALUATIONS = [{"kind": "midterm", "status": "planned", "year": 2027, "independent": "yes"},
               {"kind": "final", "status": "planned", "year": 2029}]

# (section, field) -> the criterion that reads it, and the rest of that criterion filled in.
FIELDS = {
    ("about", "policy_links"): ("POL-3", {"about": {"period_start": 2025, "period_end": 2029}}),
    ("consultation", "process_summary"): ("INC-1", {"consultation": {
        "civil_society_on_drafting_body": "yes", "events": THREE_EVENTS}}),
    ("consultation", "how_input_was_used"): ("INC-4", {"consultation": {
        "validation_workshop_date": "2024-05", "draft_published": "yes",
        "events": [event(summary="Notes of the meeting")]}}),
    ("context", "conflict_analysis"): ("CTX-1", {}),
    ("context", "gendered_impacts"): ("CTX-1", {}),
    ("context", "baseline_summary"): ("CTX-2", {"context": {
        "existing_programmes": PROSE["existing_programmes"], "sex_disaggregated_baseline": "yes",
        "assessment_year": 2024}}),
    ("context", "existing_programmes"): ("CTX-2", {"context": {
        "baseline_summary": PROSE["baseline_summary"], "sex_disaggregated_baseline": "yes",
        "assessment_year": 2024}}),
    ("context", "legal_policy_review"): ("CTX-3", {"context": {"cedaw_gr30_considered": "yes"}}),
    ("pillars", "vision"): ("RES-1", {"pillars": {"theory_of_change": PROSE["theory_of_change"]}}),
    ("pillars", "theory_of_change"): ("RES-1", {"pillars": {"vision": PROSE["vision"]}}),
    ("monitoring", "use_of_findings"): ("MEL-6", {
        "about": {"period_start": 2025, "period_end": 2029},
        "monitoring": {"evaluations": EVALUATIONS}}),
    ("budget", "funding_gap_statement"): ("FIN-2", {
        "actions": {"items": [{"id": "a1", "code": "1.1"}]},
        "budget": {"lines": [{"action_id": "a1", "amount": "1000", "secured": "600",
                              "funding_source": "donor"}]}}),
    ("budget", "budget_cycle_notes"): ("FIN-3", {"budget": {"budget_links": ["mtef", "grb"]}}),
    ("leadership", "accountability"): ("COA-2", {"leadership": {
        "parliament_role": PROSE["parliament_role"]}}),
    ("leadership", "parliament_role"): ("COA-2", {"leadership": {
        "accountability": PROSE["accountability"]}}),
    ("leadership", "capacity_building"): ("COA-3", {}),
    ("localisation", "local_action_plans"): ("LOC-1", {"localisation": {
        "subnational_bodies": PROSE["subnational_bodies"], "localisation_guidelines": "yes"}}),
    ("localisation", "subnational_bodies"): ("LOC-1", {"localisation": {
        "local_action_plans": PROSE["local_action_plans"], "localisation_guidelines": "yes"}}),
    ("localisation", "dissemination_plan"): ("LOC-2", {"localisation": {
        "languages": ["Kel", "Tarsi"], "public_launch_date": "2025-03",
        "published_online": "yes"}}),
    ("regional", "regional_links"): ("REG-1", {"regional": {
        "regional_frameworks": ["au_crf"], "regional_reporting": "yes"}}),
    ("review", "review_clause"): ("REV-1", {"about": {"generation": 1}, "review": {
        "revision_triggers": PROSE["revision_triggers"], "successor_planned": "yes"}}),
    ("review", "revision_triggers"): ("REV-1", {"about": {"generation": 1}, "review": {
        "review_clause": PROSE["review_clause"], "successor_planned": "yes"}}),
    ("review", "lessons_from_previous"): ("REV-1", {"about": {"generation": 2}, "review": {
        "review_clause": PROSE["review_clause"], "revision_triggers": PROSE["revision_triggers"],
        "successor_planned": "yes"}}),
}

LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
         "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
         "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. ") * 5
NEUTRAL_WORDS = """table river green quickly paper window music garden yellow bright stone cloud
simple orange letter basket silver morning quiet pencil little happy under over carpet bottle
lemon forest candle rabbit button kettle ladder mirror pillow saddle tunnel velvet wagon anchor
blanket cactus dolphin engine feather glove harbour island jacket kitten marble napkin oyster
parrot quilt ribbon spoon tulip umbrella violin walnut""".split()


def random_words(chars: int = 2000) -> str:
    chooser = random.Random(1325)
    words: list[str] = []
    while len(" ".join(words)) < chars:
        words.append(chooser.choice(NEUTRAL_WORDS))
    return " ".join(words)


PADDING = {
    "one sentence repeated": "This plan is very important for the country and its future. " * 12,
    "lorem ipsum": LOREM,
    "2,000 characters of one word": ("peace " * 400)[:2000],
    "one string of characters": "x" * 2000,
    "random words": random_words(),
}


@pytest.fixture(scope="module")
def csag():
    return load_checklist(default_checklist_path())


def criterion(csag, section: str, field: str, text: str):
    criterion_id, base = FIELDS[(section, field)]
    sections = {key: dict(value) for key, value in base.items()}
    sections.setdefault(section, {})[field] = text
    card = score(plan(**sections), csag)
    return next(result for result in card.criteria if result.id == criterion_id)


@pytest.mark.parametrize(("section", "field"), sorted(FIELDS))
@pytest.mark.parametrize("kind", sorted(PADDING))
def test_padding_does_not_meet_the_criterion(csag, section, field, kind):
    result = criterion(csag, section, field, PADDING[kind])
    assert result.status != "met", result.evidence
    assert any("earns nothing" in sentence for sentence in result.evidence), result.evidence


@pytest.mark.parametrize(("section", "field"), sorted(FIELDS))
def test_a_short_specific_text_meets_the_criterion(csag, section, field):
    text = PROSE[field]
    assert len(text) <= 320
    result = criterion(csag, section, field, text)
    assert result.status == "met", result.evidence
    assert not any("earns nothing" in sentence for sentence in result.evidence)


def test_padding_says_what_is_wrong_with_it(csag):
    says = {kind: " ".join(criterion(csag, "context", "conflict_analysis", text).evidence)
            for kind, text in PADDING.items()}
    assert "repeats one sentence 12 times: it earns nothing" in says["one sentence repeated"]
    assert "placeholder Latin (lorem ipsum): it earns nothing" in says["lorem ipsum"]
    assert "repeats the word 'peace' 333 times: it earns nothing" in \
        says["2,000 characters of one word"]
    assert "(2,000 characters) has no words: it earns nothing" in says["one string of characters"]
    assert "none of what a reviewer looks for here" in says["random words"]


# About 300 characters naming the groups, places, figures and years a reviewer looks for.
CONTEXT = ("Since the 2019 ceasefire, armed groups in the Lakes and Eastern Plains regions have "
           "displaced 126,000 people (2024 census), 60% of them women and girls. Survivors of "
           "sexual violence and rural women are 40 km from the nearest clinic; young men and "
           "boys are recruited by militias at border crossings.")
THEORY = ("If women in the Lakes region take part in early-warning committees (objective 1.1), "
          "then threats to women are reported sooner, because local women see them first; and "
          "if survivors get legal aid (objective 2.1), then more cases reach court. This "
          "assumes the 2019 ceasefire holds.")
LEGAL = ("The 2025 review found that the Penal Code (1998) does not treat sexual violence as a "
         "war crime, the Land Act of 2002 lacks protection for widows, and the Electoral Law of "
         "2022 sets a 30% quota with no placement rule; the Law No. 9/2019 on domestic violence "
         "is in force.")


@pytest.mark.parametrize(("criterion_id", "section", "field", "sections"), [
    ("CTX-1", "context", "conflict_analysis", {"context": {"conflict_analysis": CONTEXT}}),
    ("RES-1", "pillars", "theory_of_change", {"pillars": {
        "vision": PROSE["vision"], "theory_of_change": THEORY,
        "objectives": [{"id": "o1", "code": "1.1", "pillar_id": "prevention",
                        "title": "Women shape early warning"},
                       {"id": "o2", "code": "2.1", "pillar_id": "protection",
                        "title": "Survivors obtain justice"}]}}),
    ("CTX-3", "context", "legal_policy_review", {"context": {
        "legal_policy_review": LEGAL, "cedaw_gr30_considered": "yes"}}),
])
def test_three_hundred_characters_of_content_meet_what_padding_cannot(csag, criterion_id,
                                                                     section, field, sections):
    assert 250 <= len(sections[section][field]) <= 350

    def result(data):
        card = score(plan(**data), csag)
        return next(result for result in card.criteria if result.id == criterion_id)

    assert result(sections).status == "met", result(sections).evidence
    # ten times as much padding in the same field earns nothing
    padded = {**sections, section: {**sections[section],
                                    field: "Peace is important for every woman. " * 80}}
    assert result(padded).status != "met"


def test_the_evidence_names_what_the_text_gives():
    from drafter.scoring.rules import RULES

    evidence = " ".join(RULES["context_analysis"](plan(context={
        "conflict_analysis": CONTEXT})).evidence)
    for found in ("Lakes", "Eastern Plains", "displaced and refugee women",
                  "survivors of sexual violence", "126,000 (2019)"):
        assert found in evidence


PROSE_FIELDS = sorted(FIELDS) + [("pillars", "adaptation_rationale"),
                                 ("budget", "resource_mobilisation"),
                                 ("monitoring", "data_collection")]


# What a person can type into a prose field: any text but NUL, which cannot be stored.
TYPED = st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
                max_size=600)
SHAPED = st.from_regex(r"([A-Z][a-z]+ (of )?){0,3}[0-9.,/%$€ -]{0,12}(in |if |then |because )?",
                       fullmatch=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PROSE_FIELDS), TYPED | SHAPED)
def test_any_text_in_any_prose_field_scores_without_error(field, text):
    section, name = field
    card = score(plan(**{section: {name: text}}), load_checklist(default_checklist_path()))
    assert 0 <= card.overall <= 100
    assert all(result.evidence for result in card.criteria)
