"""The UN global indicators on resolution 1325, kept as data in data/un-global-indicators.yaml.

Only rows marked `confirmed` show their number; for the rest the label says the number
is still to be checked against the annex of S/2010/498.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml
from flask_babel import gettext as _

from ..paths import resource
from . import vocab as v


@dataclass(frozen=True)
class GlobalIndicator:
    key: str
    pillar: str
    title: str
    confirmed: bool

    def label(self) -> str:
        if self.confirmed:
            return f"{self.key}. {self.title}"
        return _("%(title)s (number to be checked against the annex of S/2010/498)",
                 title=self.title)


@cache
def global_indicators() -> tuple[GlobalIndicator, ...]:
    raw = yaml.safe_load((resource("data") / "un-global-indicators.yaml").read_text("utf-8"))
    return tuple(GlobalIndicator(str(row["key"]), row["pillar"], row["title"], bool(row["confirmed"]))
                 for row in raw["indicators"])


def global_indicator_choices() -> list:
    """Choices grouped by pillar, for a select with optgroups."""
    from wtforms.fields.choices import SelectChoice

    return [SelectChoice(item.key, item.label(), optgroup=v.STANDARD_PILLARS.label(item.pillar))
            for pillar in v.STANDARD_PILLARS.values
            for item in global_indicators() if item.pillar == pillar]
