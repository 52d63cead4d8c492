"""The scorer agrees with expert reviewers on real plans (see README.md in this folder).

Each plan was encoded from public descriptions and its expert verdicts written down
before it was ever scored. The development set (`plans/`) is held to the bar: agreement
on at least 85% of plan x dimension pairs, and better than always giving the commoner
verdict on every dimension. The checklist's credit levels were checked against that set,
so its figure is not independent; the held-out sets (`heldout*/`, `calibration.HELD_OUT`) are scored
by `benchmarks/bench_calibration.py` and their figures reported as measured (README.md),
and here only checked to be sound sets: no bar is set on them after their results were seen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.plan.schema import PlanDocument
from drafter.plan.transfer import parse_document
from drafter.scoring import load_checklist
from drafter.scoring.calibration import (
    DIMENSIONS,
    agreement,
    calibration_sets,
    dimension_scores,
    load_expert,
)
from drafter.scoring.checklist import default_checklist_path
from drafter.scoring.rules.plan import Plan
from drafter.scoring.scorer import score

FOLDER = Path(__file__).parent


@pytest.fixture(scope="module")
def result():
    return agreement(FOLDER, load_checklist(default_checklist_path()))


SETS = calibration_sets(FOLDER)


@pytest.mark.parametrize("folder", [folder for _name, folder in SETS],
                         ids=[name for name, _folder in SETS])
def test_each_set_holds_enough_sourced_plans_adopted_since_2017(folder):
    """At least 12 plans in the development set; a held-out set is as large as public
    sources allowed (the fourth stopped at 10 after some 45 candidates), and no smaller.
    A plan's year is its first year, or, where its sources give no period, the year its
    slug names (explained in its sources file)."""
    plans = sorted((folder / "plans").glob("*.json"))
    assert len(plans) >= (12 if folder == FOLDER else 10)
    for path in plans:
        document = parse_document(path.read_bytes())
        assert document.schema_version == 2
        year = document.about.period_start or int(path.stem.rsplit("-", 1)[1])
        assert year >= 2017, path.name
        assert len(load_expert(folder / "sources" / f"{path.stem}.yaml")) >= 2, path.name


def test_no_plan_is_in_two_sets():
    sets = [{path.stem for path in (folder / "plans").glob("*.json")}
            for _name, folder in SETS]
    assert sum(len(plans) for plans in sets) == len(set().union(*sets))


def test_every_dimension_is_read_from_criteria_of_the_checklist(result):
    assert all(set(plan.scorer) == set(DIMENSIONS) for plan in result.plans)


def test_civil_society_in_monitoring_reads_the_formal_place_that_experts_code():
    """A plan that gives civil society a part in monitoring, and says nothing of seats,
    shadow reports or who gets the reports, is "a formal role in monitoring" to an expert:
    the dimension says yes, while the criterion still asks for CSAG's fuller standard."""
    checklist = load_checklist(default_checklist_path())
    document = PlanDocument.model_validate({"monitoring": {"data_collection": (
        "The national women's network collects evidence from its members in every region "
        "and presents it at the steering committee's annual review.")}})
    card = score(document, checklist)
    inc5 = next(item for item in card.criteria if item.id == "INC-5")
    assert inc5.score < 0.5
    assert dimension_scores(card, checklist, Plan(document))["cs_monitoring"] >= 0.5
    silent = PlanDocument()
    assert dimension_scores(score(silent, checklist), checklist,
                            Plan(silent))["cs_monitoring"] == 0


def test_the_scorer_agrees_with_the_experts_on_85_percent_of_pairs(result):
    assert result.rate() >= 0.85, "\n" + result.table()


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_the_scorer_beats_a_constant_answer_on_each_dimension(result, dimension):
    assert result.rate(dimension) > result.constant_rate(dimension), "\n" + result.table()
