"""Large synthetic plans, for tests of the reports' page budget and for
`benchmarks/bench_reports.py` (which puts tests/ on its path to import this).

`big_plan` starts from the strong sample (its prose, pillars and consultation) and
grows the lists a report prints as long tables: objectives, actions, indicators, budget
lines and, when asked, consultation events, drafting-body members, risks and twinning
partners. Rows carry text of a realistic length, so a page of print holds about as many
of them as it would of a ministry's own plan.
"""

from __future__ import annotations

from pathlib import Path

from drafter.plan.fields import LIST_MAX, PROSE_MAX
from drafter.plan.schema import PlanDocument
from drafter.plan.transfer import parse_document

ROOT = Path(__file__).resolve().parent.parent
PILLARS = ["prevention", "participation", "protection", "relief_recovery"]


def strong_plan() -> PlanDocument:
    return parse_document((ROOT / "samples" / "strong-plan.json").read_bytes())


def _objectives(count: int) -> list[dict]:
    return [{"id": f"o{i}", "code": f"{i % 4 + 1}.{i // 4 + 1}", "pillar_id": PILLARS[i % 4],
             "title": f"Strategic objective {i} on women's participation and protection",
             "outcome": "By 2030, the share of women in the committees rises from 12% "
                        "(2024) to 40% in all six regions."}
            for i in range(count)]


def _actions(count: int, objectives: int) -> list[dict]:
    return [{"id": f"a{i}", "code": f"{i % 4 + 1}.{i % objectives // 4 + 1}.{i // objectives + 1}",
             "objective_id": f"o{i % objectives}",
             "title": f"Action {i}: train and equip women mediators in the regional peace "
                      f"committees and report on their cases",
             "lead_institution": "Ministry of Gender, Family and Social Development",
             "partners": "Varesia Women's Peace Network; Ministry of Interior; UN Women",
             "start": "2026-03-01", "end": "2029-12-31", "themes": ["peace_processes"]}
            for i in range(count)]


def _indicators(count: int, actions: int) -> list[dict]:
    return [{"id": f"i{i}", "code": f"I-{i}", "action_id": f"a{i % actions}" if actions else None,
             "level": "output",
             "statement": f"Number of women mediators trained and active (indicator {i})",
             "unit": "women", "baseline": "0", "baseline_year": 2025, "target": "120",
             "target_year": 2030, "disaggregation": ["sex", "location"],
             "data_source": "Training records of the Ministry", "frequency": "annual",
             "responsible": "Ministry of Gender"}
            for i in range(count)]


def _lines(count: int, actions: int) -> list[dict]:
    # Amounts vary with i, so a total over some of the lines differs from one over all.
    return [{"id": f"b{i}", "action_id": f"a{i % actions}" if actions else None,
             "category": "action" if actions else "coordination",
             "description": f"Cost of action {i % actions if actions else i}",
             "amount": str(100_000 + 1_000 * (i % 97)),
             "funding_source": ["national_budget", "donor", "un"][i % 3],
             "funder": "Ministry of Finance", "secured": str(50_000 + 500 * (i % 89))}
            for i in range(count)]


def _events(count: int, template: dict) -> list[dict]:
    return [{**template, "id": f"ev{i}", "place": f"{template['place']} ({i})"}
            for i in range(count)]


def big_plan(actions: int = 200, indicators: int = 400, *, lines: int | None = None,
             objectives: int = 20, events: int | None = None, members: int | None = None,
             risks: int | None = None, partners: int | None = None) -> PlanDocument:
    """The strong sample with `objectives` objectives, `actions` actions, `indicators`
    indicators (spread over the actions) and `lines` budget lines (one per action unless
    given); `events`, `members`, `risks` and `partners`, when given, replace the
    sample's own consultation events, drafting-body members, risks and twinning partners
    by that many copies of its first one."""
    base = strong_plan().model_dump(mode="json")
    base["pillars"]["objectives"] = _objectives(objectives)
    base["pillars"]["pillars"] = [p for p in base["pillars"]["pillars"] if p["id"] in PILLARS]
    base["actions"]["items"] = _actions(actions, max(objectives, 1))
    base["indicators"]["items"] = _indicators(indicators, actions)
    base["budget"]["lines"] = _lines(actions if lines is None else lines, actions)
    for section, key, count in (("consultation", "events", events),
                                ("leadership", "members", members),
                                ("leadership", "risks", risks),
                                ("regional", "partners", partners)):
        if count is not None:
            first = base[section][key][0]
            base[section][key] = [{**first, "id": f"{key}{i}"} for i in range(count)] \
                if key != "events" else _events(count, first)
    return PlanDocument.model_validate(base)


def largest_plan() -> PlanDocument:
    """A plan at the input limits' edge: objectives, actions, indicators, budget lines,
    drafting-body members and risks as many as the schema allows (2,000 each), and as
    many consultation events and twinning partners as then fit under the 5 MB import
    limit (about 5.0 MB as an export)."""
    return big_plan(LIST_MAX, LIST_MAX, lines=LIST_MAX, objectives=LIST_MAX, members=LIST_MAX,
                    risks=LIST_MAX, events=500, partners=200)


def with_full_prose(document: PlanDocument) -> PlanDocument:
    """`document` with every prose field (26 of them) as long as the schema allows, in
    paragraphs of about 1,500 characters: the text a page budget never cuts, at its
    most. With `largest_plan` this is past the import limit, so an upper bound."""
    sentence = "Women mediators in the regional peace committees report on their cases. "
    text = (sentence * (PROSE_MAX // len(sentence) + 1))[:PROSE_MAX - 40]
    prose = "\n\n".join(text[start:start + 1_500] for start in range(0, len(text), 1_500))
    values = document.model_dump(mode="json")
    for name, field in PlanDocument.model_fields.items():
        for key, inner in getattr(field.annotation, "model_fields", {}).items():
            if any(getattr(rule, "max_length", None) == PROSE_MAX for rule in inner.metadata):
                values[name][key] = prose
    return PlanDocument.model_validate(values)
