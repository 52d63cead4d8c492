"""What a section needs before it can be marked complete.

Saving never requires anything: a draft is kept however unfinished. Only "I have
completed this section" is gated by these checks, and they ask for the least a section
must hold to be read by someone else. Whether the content is *good* is the scorer's job.
"""

from __future__ import annotations

from ..i18n import lazy_gettext as _l
from .schema import Model

# section -> [(field, message shown when it is empty)]
REQUIRED = {
    "about": [
        ("country_or_organisation", _l("Enter the country or organisation")),
        ("plan_type", _l("Choose the type of plan")),
        ("title", _l("Enter the title of the plan")),
        ("period_start", _l("Enter the first year of the plan")),
        ("period_end", _l("Enter the last year of the plan")),
        ("lead_institution", _l("Enter the lead institution")),
    ],
    "context": [("conflict_analysis", _l("Describe the conflict and security situation"))],
    "leadership": [("lead_institution", _l("Enter the lead institution"))],
    "consultation": [("process_summary", _l("Describe how the consultation was run"))],
    "pillars": [("objectives", _l("Add at least one objective"))],
    "actions": [("items", _l("Add at least one action"))],
    "indicators": [("items", _l("Add at least one indicator"))],
    "budget": [("currency", _l("Choose the currency of the budget"))],
    "monitoring": [("monitoring_body", _l("Enter who monitors the plan"))],
    "localisation": [("dissemination_plan", _l("Describe how the plan will be made known"))],
    "regional": [],
    "review": [("review_clause", _l("Describe how the plan will be reviewed and revised"))],
}

# Items of long lists: what one item needs to be saved at all (an action with no title
# cannot be told apart from the next).
ITEM_REQUIRED = {
    ("consultation", "events"): [("place", _l("Enter where the event took place"))],
    ("actions", "items"): [("title", _l("Enter the action"))],
    ("indicators", "items"): [("statement", _l("Enter the indicator"))],
    ("budget", "lines"): [("description", _l("Enter a description of the cost"))],
}


def _missing(model: Model, required) -> list[tuple[str, object]]:
    return [(name, message) for name, message in required
            if getattr(model, name) in (None, "", [], 0)]


def missing_for_completion(key: str, section: Model) -> list[tuple[str, object]]:
    return _missing(section, REQUIRED.get(key, []))


def missing_in_item(key: str, attribute: str, item: Model) -> list[tuple[str, object]]:
    return _missing(item, ITEM_REQUIRED.get((key, attribute), []))
