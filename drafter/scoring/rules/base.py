"""What a rule returns, and the few building blocks every rule is made of.

A rule's result is a score from 0 to 1 plus evidence: short sentences a drafter can
check against the plan ("31 of 40 actions name a lead institution; missing: 2.3, 4.1").
Rules are built from *parts* (a share of rows, a yes/no check, a yes/no/not-stated
answer, what a text names: see `reading.py`) combined by weight, so that the same
sentence shape and the same arithmetic serve every rule, and a rule stays a few lines
long. Where a plan gives row-level and plan-level evidence of one thing, `better` takes
the part that earns more and keeps the evidence of both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from ..i18n import _

# How many missing rows an evidence line names before it says "and N more": enough to
# act on, short enough to read in a table cell.
MAX_NAMED = 8


class RuleResult(NamedTuple):
    """A score in 0..1 and the evidence behind it, one sentence per item.

    A named tuple rather than a dataclass: rules build several of these per call, and
    a tuple is immutable and several times cheaper to create than a frozen dataclass.
    """

    score: float
    evidence: tuple[str, ...] = ()


# The fields that name a row, best first: actions and indicators have codes, other
# rows a title, a name or a first field that says what they are.
NAMING_FIELDS = ("code", "title", "name", "partner", "risk", "statement", "description")


def no_actions() -> str:
    return _("The plan has no actions yet.")


def no_indicators() -> str:
    return _("The plan has no indicators yet.")


def label(row, index: int) -> str:
    """How evidence names a row: its code, else its title (or similar), else its position."""
    for name in NAMING_FIELDS:
        value = getattr(row, name, "")
        if value:
            return value
    return _("row %(n)d", n=index + 1)


def name_missing(names: Sequence[str], count: int | None = None) -> str:
    """'missing: 2.3, 4.1, ... and 5 more' for the rows that fail a test.

    `names` may hold only the first few of `count` failures: rows past MAX_NAMED are
    counted, never named, so there is no need to build their labels.
    """
    count = len(names) if count is None else count
    shown = ", ".join(names[:MAX_NAMED])
    if count > MAX_NAMED:
        return _("missing: %(names)s and %(more)d more", names=shown, more=count - MAX_NAMED)
    return _("missing: %(names)s", names=shown)


def share(rows: Sequence, test: Callable[[object], object] | Sequence[object], sentence: str,
          empty: str, name_failures: bool = True, **extra) -> RuleResult:
    """The share of `rows` that pass `test` (any truthy result passes).

    `test` is a function of a row, or the results already worked out for each row in
    order: a comprehension in the rule avoids a function call per row, which matters
    for plans with hundreds of actions and indicators.

    `sentence` is a translated template with %(done)d and %(total)d; the rows that
    fail are named after it (unless `name_failures` is off). With no rows the score is
    0 and `empty` is the evidence: nothing to count is not a plan that passes.
    `extra` fills any other placeholders of `sentence` (a threshold, say).
    """
    if not rows:
        return RuleResult(0.0, (empty,))
    passed = [test(row) for row in rows] if callable(test) else test
    failed = [index for index, ok in enumerate(passed) if not ok]
    done = len(rows) - len(failed)
    text = sentence % {"done": done, "total": len(rows), **extra}
    if failed and name_failures:
        names = [label(rows[index], index) for index in failed[:MAX_NAMED]]
        text = f"{text}; {name_missing(names, len(failed))}"
    return RuleResult(done / len(rows), (text,))


def check(ok: bool, yes: str, no: str) -> RuleResult:
    """A yes/no element: 1 with `yes` as evidence, or 0 with `no`."""
    return RuleResult(1.0 if ok else 0.0, (yes if ok else no,))


def short_of(sentence: str, missing: str) -> str:
    """`sentence` (what the plan has) followed by what is still missing for full marks:
    every part that scores above nothing but below full says both."""
    return f"{sentence} {missing}"


def full_marks_for(credit: dict[str, float], describe: Callable[[str], str]) -> str:
    """"Full marks for: cabinet, parliament." from a table of credit per choice, for a
    choice that earns only part of the credit (an endorsement, a reporting rhythm)."""
    top = max(credit.values(), default=0.0)
    best = [describe(key) for key, value in credit.items() if value == top]
    return _("Full marks for: %(choices)s.", choices=", ".join(best))


def answered(value: str, yes: str, no: str, unstated: str) -> RuleResult:
    """A yes / no / not stated answer: 1 for "yes"; 0 otherwise, with evidence that keeps
    "no" and "not stated" apart, as expert reviewers' codebooks do (a plan that says "no"
    is a different finding from one that does not say).

    Each call writes its own three sentences: `no` says what the plan says ("No: ..."),
    `unstated` that it says nothing ("The plan does not say whether ..."), so the two
    read differently wherever evidence is shown.
    """
    if value == "yes":
        return RuleResult(1.0, (yes,))
    if value == "no":
        return RuleResult(0.0, (no,))
    return RuleResult(0.0, (unstated,))


def count_up_to(count: int, wanted: int, sentence: str) -> RuleResult:
    """Credit for `count` things, full at `wanted`; `sentence` has %(count)d, %(wanted)d."""
    wanted = max(wanted, 1)
    return RuleResult(min(1.0, count / wanted), (sentence % {"count": count, "wanted": wanted},))


def better(row: RuleResult, aggregate: RuleResult) -> RuleResult:
    """The better of row-level and plan-level evidence for one part, saying both (and,
    when neither earns anything, what each says is missing)."""
    if aggregate.score > row.score:
        return RuleResult(aggregate.score, row.evidence + aggregate.evidence)
    if row.score == 0:
        return RuleResult(0.0, row.evidence + aggregate.evidence)
    return row


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def quoted(sentence: str, limit: int = 90) -> str:
    """A sentence of the plan quoted in evidence, cut to `limit` characters."""
    return f"'{clip(sentence, limit)}'"


def note(text: str) -> tuple[RuleResult, float]:
    """Evidence that informs without counting (a total, say): a part of weight 0."""
    return RuleResult(0.0, (text,)), 0.0


def combine(parts: Iterable[RuleResult | tuple[RuleResult, float]]) -> RuleResult:
    """The weighted mean of parts (a bare part weighs 1), with all their evidence."""
    total = weighted = 0.0
    evidence: list[str] = []
    for part in parts:
        result, weight = (part, 1.0) if isinstance(part, RuleResult) else part
        total += weight
        weighted += weight * result.score
        evidence.extend(result.evidence)
    # Parts may share an explanation ("no actions yet"); say it once.
    return RuleResult(weighted / total if total else 0.0, tuple(dict.fromkeys(evidence)))


def covered(found: Iterable[str], wanted: Sequence[str], sentence: str,
            describe: Callable[[str], str] = str) -> RuleResult:
    """How many of the `wanted` keys were `found`, naming those still missing.

    `sentence` has %(done)d and %(total)d; `describe` turns a key into a readable label.
    """
    if not wanted:
        return RuleResult(1.0, ())
    found = set(found)
    missing = [describe(key) for key in wanted if key not in found]
    done = len(wanted) - len(missing)
    text = sentence % {"done": done, "total": len(wanted)}
    if missing:
        text = f"{text}; {name_missing(missing)}"
    return RuleResult(done / len(wanted), (text,))
