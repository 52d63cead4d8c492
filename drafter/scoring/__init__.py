"""Scoring a plan document against a checklist of recommendations.

    from drafter.scoring import load_checklist, score
    card = score(document, load_checklist("checklists/csag-2012.yaml"))
    card.overall, card.gaps[0].advice, card.to_dict()

`checklist` loads and validates YAML checklists, `rules` holds one function per rule,
`scorer` turns rule results into a `Scorecard`, `cli` has the `score` and
`check-checklist` commands.

The names below are imported when first asked for: `drafter --help` imports `cli` (and
so this package) for the commands' short help, and must not pay for pydantic and YAML.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .checklist import (Checklist, ChecklistError, list_checklists, load_checklist,
                            parse_checklist)
    from .scorer import Scorecard, score

_MODULES = {"Checklist": "checklist", "ChecklistError": "checklist",
            "list_checklists": "checklist", "load_checklist": "checklist",
            "parse_checklist": "checklist", "Scorecard": "scorer", "score": "scorer"}

__all__ = sorted(_MODULES)


def __getattr__(name: str):
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_MODULES[name]}", __name__), name)
    globals()[name] = value  # later look-ups find it without coming here
    return value
