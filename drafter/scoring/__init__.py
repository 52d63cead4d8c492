"""Scoring a plan document against a checklist of recommendations.

    from drafter.scoring import load_checklist, score
    card = score(document, load_checklist("checklists/csag-2012.yaml"))
    card.overall, card.gaps[0].advice, card.to_dict()

`checklist` loads and validates YAML checklists, `rules` holds one function per rule,
`scorer` turns rule results into a `Scorecard`, `cli` has the `score` and
`check-checklist` commands.
"""

from .checklist import Checklist, ChecklistError, list_checklists, load_checklist, parse_checklist
from .scorer import Scorecard, score

__all__ = ["Checklist", "ChecklistError", "Scorecard", "list_checklists", "load_checklist",
           "parse_checklist", "score"]
