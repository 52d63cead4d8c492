"""Properties of the scorer on generated plans: it never raises, scores stay in range,
and adding a missing element (a baseline, a cost, a consultation) never lowers any
criterion or the overall score."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.plan import vocab
from drafter.plan.schema import PlanDocument
from drafter.scoring import load_checklist, score
from drafter.scoring.checklist import checklist_folder

CHECKLISTS = [load_checklist(checklist_folder() / name)
              for name in ("csag-2012.yaml", "first-plan-minimum.yaml")]
REGIONS = ["North", "South", "Lakes", "Coast", "Capital District"]
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

maybe_text = st.sampled_from(["", "short", "x" * 250, "women and girls " * 30])
codes = st.sampled_from(["", "1.1", "2.3", "Train police"])


@st.composite
def documents(draw) -> PlanDocument:
    n_objectives = draw(st.integers(0, 4))
    objectives = [{"id": f"o{i}", "code": f"{i}", "outcome": draw(maybe_text),
                   "pillar_id": draw(st.sampled_from([None, *vocab.STANDARD_PILLARS.values]))}
                  for i in range(n_objectives)]
    actions = []
    for i in range(draw(st.integers(0, 10))):
        start = draw(st.none() | st.dates(dt.date(2024, 1, 1), dt.date(2026, 1, 1)))
        actions.append({
            "id": f"a{i}", "code": draw(codes),
            "objective_id": f"o{draw(st.integers(0, n_objectives - 1))}"
            if n_objectives and draw(st.booleans()) else None,
            "lead_institution": draw(st.sampled_from(["", "MoI"])),
            "start": start, "end": start + dt.timedelta(days=90) if start else None,
            "dimension": draw(st.sampled_from([None, *vocab.DIMENSIONS.values])),
            "themes": draw(st.lists(st.sampled_from(vocab.THEMES.values), max_size=3)),
        })
    subjects = [("action_id", row["id"]) for row in actions] + \
               [("objective_id", row["id"]) for row in objectives]
    indicators = []
    for i in range(draw(st.integers(0, 14))):
        row = {"id": f"i{i}", "code": draw(codes),
               "level": draw(st.sampled_from([None, "output", "outcome"])),
               "baseline": draw(st.sampled_from(["", "3"])),
               "baseline_year": draw(st.sampled_from([None, 2023])),
               "target": draw(st.sampled_from(["", "9"])),
               "target_year": draw(st.sampled_from([None, 2028])),
               "data_source": draw(st.sampled_from(["", "records"])),
               "frequency": draw(st.sampled_from([None, "annual"])),
               "disaggregation": draw(st.lists(st.sampled_from(vocab.DISAGGREGATIONS.values),
                                               max_size=2)),
               "global_indicator": draw(st.sampled_from([None, "SGI 1a"]))}
        if subjects and draw(st.booleans()):
            key, value = draw(st.sampled_from(subjects))
            row[key] = value
        indicators.append(row)
    lines = []
    for i in range(draw(st.integers(0, 8))):
        amount = draw(st.none() | st.integers(0, 10_000))
        lines.append({
            "id": f"b{i}", "category": draw(st.sampled_from(vocab.COST_CATEGORIES.values)),
            "action_id": draw(st.sampled_from([None] + [row["id"] for row in actions])),
            "amount": amount,
            "secured": draw(st.integers(0, amount)) if amount and draw(st.booleans()) else None,
            "funding_source": draw(st.sampled_from([None, *vocab.FUNDING_SOURCES.values])),
        })
    return PlanDocument.model_validate({
        "about": {"capital": "Port Lumen", "regions": draw(st.lists(st.sampled_from(REGIONS),
                                                                    unique=True)),
                  "period_start": 2025, "period_end": draw(st.sampled_from([2025, 2029, 2035])),
                  "generation": draw(st.sampled_from([None, 1, 3])),
                  "resolutions": draw(st.lists(st.sampled_from(vocab.RESOLUTIONS.values),
                                               unique=True))},
        "consultation": {"civil_society_on_drafting_body": draw(st.booleans()),
                         "events": draw(st.lists(events(), max_size=4))},
        "pillars": {"objectives": objectives},
        "actions": {"items": actions},
        "indicators": {"items": indicators},
        "budget": {"lines": lines, "funding_gap_statement": draw(maybe_text)},
        "monitoring": {"midterm_review_year": draw(st.sampled_from([None, 2027, 2040])),
                       "civil_society_seats": draw(st.sampled_from([None, 0, 3]))},
        "regional": {"partners": draw(st.lists(st.fixed_dictionaries({
            "partner": st.sampled_from(["", "Calderra"]), "mutual": st.booleans()}),
            max_size=2))},
    })


def events(groups=st.lists(st.sampled_from(vocab.GROUPS.values), max_size=3)):
    return st.fixed_dictionaries({
        "region": st.sampled_from(["", *REGIONS]), "in_capital": st.booleans(),
        "groups": groups, "summary": st.sampled_from(["", "notes"]),
        "format": st.sampled_from([None, "workshop", "validation"])})


def scores(document: PlanDocument) -> list[tuple[float, dict[str, float]]]:
    cards = [score(document, checklist) for checklist in CHECKLISTS]
    return [(card.overall, {result.id: result.score for result in card.criteria})
            for card in cards]


def assert_not_lower(before, after):
    for (overall_before, criteria_before), (overall_after, criteria_after) in zip(before, after):
        assert overall_after >= overall_before
        for key, value in criteria_before.items():
            assert criteria_after[key] >= value, key


def with_changes(document: PlanDocument, section: str, data: dict) -> PlanDocument:
    whole = document.model_dump()
    whole[section] = data
    return PlanDocument.model_validate(whole)


@SETTINGS
@given(documents())
def test_scores_stay_in_range(document):
    for checklist in CHECKLISTS:
        card = score(document, checklist)
        assert 0 <= card.overall <= 100
        assert all(0 <= area.score <= 100 for area in card.areas)
        assert all(0 <= result.score <= 1 and result.evidence for result in card.criteria)
        assert card.to_dict()


@SETTINGS
@given(documents(), st.data())
def test_adding_a_baseline_never_lowers_a_score(document, data):
    missing = [i for i, row in enumerate(document.indicators.items)
               if not (row.baseline and row.baseline_year)]
    if not missing:
        return
    index = data.draw(st.sampled_from(missing))
    indicators = document.indicators.model_dump()
    row = indicators["items"][index]
    row["baseline"] = row["baseline"] or "12"
    row["baseline_year"] = row["baseline_year"] or min(row["target_year"] or 2023, 2023)
    assert_not_lower(scores(document), scores(with_changes(document, "indicators", indicators)))


@SETTINGS
@given(documents(), st.data())
def test_adding_a_cost_to_an_uncosted_action_never_lowers_a_score(document, data):
    costed = {line.action_id for line in document.budget.lines}
    uncosted = [row.id for row in document.actions.items if row.id not in costed]
    if not uncosted:
        return
    amount = data.draw(st.integers(1, 10_000))
    line = {"id": "new-line", "category": "action",
            "action_id": data.draw(st.sampled_from(uncosted)),
            "amount": Decimal(amount),
            "secured": data.draw(st.none() | st.integers(0, amount)),
            "funding_source": data.draw(st.sampled_from([None, *vocab.FUNDING_SOURCES.values]))}
    budget = document.budget.model_dump()
    budget["lines"].append(line)
    assert_not_lower(scores(document), scores(with_changes(document, "budget", budget)))


@SETTINGS
@given(documents(), st.data())
def test_adding_a_consultation_with_womens_organisations_never_lowers_a_score(document, data):
    groups = st.lists(st.sampled_from(vocab.GROUPS.values), max_size=3).map(
        lambda chosen: ["womens_organisations", *chosen])
    consultation = document.consultation.model_dump()
    consultation["events"].append(data.draw(events(groups)))
    assert_not_lower(scores(document),
                     scores(with_changes(document, "consultation", consultation)))


@SETTINGS
@given(documents(), st.data())
def test_adding_a_consultation_level_never_lowers_a_score(document, data):
    consultation = document.consultation.model_dump()
    consultation["levels"].append(data.draw(st.fixed_dictionaries({
        "level": st.sampled_from(vocab.CONSULTATION_LEVELS.values),
        "count": st.none() | st.integers(1, 60),
        "places": st.sampled_from(["", "North, Lakes", "nationwide"]),
        "groups": st.lists(st.sampled_from(vocab.GROUPS.values), max_size=3)})))
    assert_not_lower(scores(document),
                     scores(with_changes(document, "consultation", consultation)))


@SETTINGS
@given(documents(), st.data())
def test_stating_plan_level_money_never_lowers_a_score(document, data):
    budget = document.budget.model_dump()
    cost = data.draw(st.integers(1, 10_000_000))
    budget.update(costing_done="yes", total_cost=Decimal(cost),
                  total_secured=data.draw(st.none() | st.integers(0, cost)),
                  dedicated_budget=data.draw(st.sampled_from(["yes", "no", "not_stated"])))
    assert_not_lower(scores(document), scores(with_changes(document, "budget", budget)))
