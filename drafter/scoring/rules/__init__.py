"""The rules a checklist can name, one small function per rule, grouped by topic.

Importing this package registers every rule in `RULES`. Each rule takes the plan (a
`Plan` view or a bare `PlanDocument`) plus keyword-only parameters with defaults, and
returns a `RuleResult`: a score in 0..1 and evidence sentences. Rules must never raise
on a valid document, including an empty one.

Besides the rule modules: `base` (the parts rules are made of), `plan` (the shared view
of a document), `reading` (what a checklist asks of a text, and the evidence of reading
it), `prose` (one text read once, and filler), `signals` (what a reviewer skims for:
places, groups, figures with years, named laws and institutions) and `words` (the plain
string handling under them).
"""

# Imported for their side effect: each module registers its rules in RULES.
from . import (  # noqa: F401
    budget,
    consultation,
    context,
    coverage,
    indicators,
    leadership,
    monitoring,
    outreach,
    results,
)
from .base import RuleResult
from .plan import Plan
from .registry import RULES, params_model, rule_docs

__all__ = ["RULES", "Plan", "RuleResult", "params_model", "rule_docs"]
