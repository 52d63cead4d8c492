"""The UN global indicators on resolution 1325, kept as data in data/un-global-indicators.yaml.

An indicator shows its number in the annex of S/2010/498 only where the data gives one
(a number checked against the annex); any other is shown by its title alone, never with
a note about the numbering.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from ..paths import resource
from . import vocab as v


@dataclass(frozen=True)
class GlobalIndicator:
    key: str                # what a plan stores
    pillar: str
    title: str
    number: str = ""        # its number in the annex, where checked

    def label(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


@cache
def global_indicators() -> tuple[GlobalIndicator, ...]:
    raw = yaml.safe_load((resource("data") / "un-global-indicators.yaml").read_text("utf-8"))
    return tuple(GlobalIndicator(str(row["key"]), row["pillar"], row["title"],
                                 str(row.get("number") or ""))
                 for row in raw["indicators"])


def global_indicator_choices() -> list:
    """Choices grouped by pillar, for a select with optgroups."""
    from wtforms.fields.choices import SelectChoice

    return [SelectChoice(item.key, item.label(), optgroup=v.STANDARD_PILLARS.label(item.pillar))
            for pillar in v.STANDARD_PILLARS.values
            for item in global_indicators() if item.pillar == pillar]
