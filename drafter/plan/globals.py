"""The UN global indicators on resolution 1325, kept as data in data/un-global-indicators.yaml.

An indicator shows its number in the annex of S/2010/498 only where the data gives one
(a number checked against the annex); any other is shown by its title alone, never with
a note about the numbering.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ..data_translations import read_translation
from ..i18n import current_language
from ..paths import resource
from . import vocab as v


@dataclass(frozen=True)
class GlobalIndicator:
    key: str                # what a plan stores
    pillar: str
    title: str
    number: str = ""        # its number in the annex, where checked

    def label(self) -> str:
        """Its number (where checked) and title, in the current language."""
        title = titles_in(current_language()).get(self.key, self.title)
        return f"{self.number}. {title}" if self.number else title


def indicators_path() -> Path:
    return resource("data") / "un-global-indicators.yaml"


@cache
def global_indicators() -> tuple[GlobalIndicator, ...]:
    raw = yaml.safe_load(indicators_path().read_text("utf-8"))
    return tuple(GlobalIndicator(str(row["key"]), row["pillar"], row["title"],
                                 str(row.get("number") or ""))
                 for row in raw["indicators"])


@cache
def titles_in(language: str) -> dict[str, str]:
    """{key: title} from data/translations/un-global-indicators.LANG.yaml (`indicators:`
    maps each key to its title); empty where there is no translation."""
    raw = read_translation(indicators_path(), language) or {}
    return {str(key): str(title) for key, title in (raw.get("indicators") or {}).items()}


def global_indicator_choices() -> list:
    """Choices grouped by pillar, for a select with optgroups."""
    from wtforms.fields.choices import SelectChoice

    return [SelectChoice(item.key, item.label(), optgroup=v.STANDARD_PILLARS.label(item.pillar))
            for pillar in v.STANDARD_PILLARS.values
            for item in global_indicators() if item.pillar == pillar]
