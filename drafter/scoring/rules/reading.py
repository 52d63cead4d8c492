"""What a checklist asks of a text, and the evidence of reading it.

A `Reading` is checklist data: the things a reviewer looks for in one field of the plan
("named laws or policies", "years", "the chapters the plan serves"), each found by the
signals of `prose.py` or by key terms the checklist lists, and how many of them earn
full marks. In YAML::

    policy_links:
      wanted: 2
      look_for:
        - {what: named laws or policies, signals: [laws], at_least: 2}
        - years                      # a bare signal name: found by that signal alone
        - {what: the chapters or goals it serves, terms: [chapter, pillar, goal, outcome]}

`read()` scores a text against a reading: its share of the things found (never its
length), with evidence that names what was found ("places: Eastern Plains, Lakes"),
what is still wanted, and why filler earned nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..i18n import _
from .base import RuleResult, clip
from .prose import Text
from .signals import SIGNALS

Signal = Literal[tuple(SIGNALS)]  # type: ignore[valid-type]

SHOWN = 4  # examples of what was found, per thing looked for
EXAMPLE_CHARS = 60


def signal_label(name: str) -> str:
    """How evidence names a signal when the checklist gives it no words of its own."""
    labels = {
        "years": _("years"), "figures": _("figures"), "percentages": _("percentages"),
        "money": _("amounts of money"), "dated_figures": _("figures with their years"),
        "dates": _("dates"), "frequencies": _("how often"), "places": _("named places"),
        "groups": _("affected groups"), "institutions": _("named institutions"),
        "laws": _("named laws or policies"), "conditional": _("an if ... then chain"),
        "causal": _("a reason why (because, so that)"),
        "plan_links": _("links to the plan's own objectives or pillars"),
    }
    return labels[name]


class Look(BaseModel):
    """One thing a reviewer looks for in a text: found by any of `signals` or `terms`
    (each term matches the start of a word, in any case), `at_least` times."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    what: str = ""
    signals: tuple[Signal, ...] = ()
    terms: tuple[str, ...] = ()
    at_least: int = Field(default=1, ge=1, le=100)

    @model_validator(mode="after")
    def _something_to_find(self) -> Look:
        if not self.signals and not any(term.strip() for term in self.terms):
            raise ValueError("give signals or terms to look for")
        if not self.what and not self.signals:
            raise ValueError("say what the terms stand for (what: ...)")
        return self

    def label(self) -> str:
        # `what` is written in the checklist's language (or marked with N_ in the rules);
        # the catalogues translate it (`make messages` collects the checklists' ones).
        return _(self.what) if self.what else " / ".join(
            signal_label(name) for name in self.signals)


class Reading(BaseModel):
    """What a reviewer looks for in one text, and how many of those things earn full
    marks (`wanted`; all of them when not given)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    look_for: tuple[Look, ...] = Field(min_length=1, max_length=20)
    wanted: int | None = Field(default=None, ge=1)

    @field_validator("look_for", mode="before")
    @classmethod
    def _bare_signals(cls, value):
        if isinstance(value, (list, tuple)):
            return [{"signals": [item]} if isinstance(item, str) else item for item in value]
        return value

    @model_validator(mode="after")
    def _wanted_can_be_found(self) -> Reading:
        if self.wanted is not None and self.wanted > len(self.look_for):
            raise ValueError(f"wanted is {self.wanted} but only {len(self.look_for)} things "
                             "are looked for")
        return self

    @property
    def full_marks(self) -> int:
        return self.wanted or len(self.look_for)


def reading(data: Reading | dict) -> Reading:
    """A `Reading` as given: from checklist data (validated at load) or a caller's dict."""
    return data if isinstance(data, Reading) else Reading.model_validate(data)


def _examples(items: list[str]) -> str:
    shown = [clip(item, EXAMPLE_CHARS) for item in items[:SHOWN]]
    text = ", ".join(shown)
    if len(items) > SHOWN:
        text = _("%(items)s and %(more)d more", items=text, more=len(items) - SHOWN)
    return text


def found_by(look: Look, texts: Sequence[Text]) -> list[str]:
    """What `texts` hold of `look`: its signals first, then its terms, stopping once
    enough is found (the evidence shows what was found, not everything there is)."""
    items: list[str] = []
    for text in texts:
        for name in look.signals:
            items.extend(text.signal(name))
            if len(set(items)) >= look.at_least:
                return list(dict.fromkeys(items))
        if look.terms:
            items.extend(text.terms(look.terms))
    return list(dict.fromkeys(items))


def read(texts: Sequence[tuple[str, Text]], spec: Reading | dict, absent: str,
         title: str | None = None) -> RuleResult:
    """Score `texts` (each a field's name and its `Text`, read as one) against `spec`.

    With no text at all the score is 0 and `absent` is the evidence. A text that is
    filler says so and counts as empty; what the others name counts once however often
    it is repeated. `title` names the whole when there are several texts.
    """
    spec = reading(spec)
    written = [(name, text) for name, text in texts if text.text]
    if not written:
        return RuleResult(0.0, (absent,))
    evidence = [_("%(field)s: %(reason)s", field=name, reason=text.filler)
                for name, text in written if text.filler]
    real = [text for _name, text in written if not text.filler]
    if not real:
        return RuleResult(0.0, tuple(evidence))
    title = title or written[0][0]
    found, short = [], []
    for look in spec.look_for:
        items = found_by(look, real)
        if len(items) >= look.at_least:
            found.append(f"{look.label()} ({_examples(items)})")
        elif items:
            short.append(_("%(what)s (%(found)d found, %(wanted)d wanted)", what=look.label(),
                           found=len(items), wanted=look.at_least))
        else:
            short.append(look.label())
    score = min(1.0, len(found) / spec.full_marks)
    if not found:
        evidence.append(_("%(field)s: none of what a reviewer looks for here (%(wanted)s); "
                          "it earns nothing.", field=title, wanted="; ".join(short)))
        return RuleResult(0.0, tuple(evidence))
    sentence = _("%(field)s: %(found)s.", field=title, found="; ".join(found))
    if score < 1:
        sentence = _("%(sentence)s Still wanted, %(more)d more of: %(missing)s.",
                     sentence=sentence, more=spec.full_marks - len(found),
                     missing="; ".join(short))
    evidence.append(sentence)
    return RuleResult(score, tuple(evidence))


def read_field(plan, value: str, spec: Reading | dict, title: str, absent: str) -> RuleResult:
    """`read` for one field of the plan."""
    return read([(title, plan.text(value))], spec, absent)
