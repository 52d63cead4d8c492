"""Reading prose the way a reviewer skims it: for what it names, not for how long it is.

A reviewer reading a context analysis looks for the groups affected, the places, and
figures with their years; in a theory of change, an "if ... then ... because" chain tied
to the plan's objectives; in a legal review, laws named with their years. `Text` reads
one field of the plan once (its folded form, words, sentences, numbers, runs of
capitalised words) and finds those things on demand (the *signals* of `signals.py`).

It also finds text that only fills space, *filler*: the same sentence over and over,
placeholder Latin, one word (or a handful) repeated, a string with no words. Filler
earns nothing however long it is, and the evidence says why.

Nothing here is a language model: a signal is evidence a person can check ("places:
Eastern Plains, Lakes"), not a judgement of quality. What a checklist asks of each text
(which signals, which key terms, how many) lives in its YAML, read by `reading.py`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cached_property

from ...i18n import number
from ..i18n import _
from .signals import SIGNALS, Number, Run, scan_numbers, scan_runs
from .words import (
    SENTENCE_BREAK,
    TO_SPACES,
    content_words,
    find_terms,
    fold,
    negated,
    sentences,
    words,
)

LOREM = frozenset("""lorem ipsum dolor sit amet consectetur adipiscing adipisicing elit sed do
eiusmod tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud
exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure in
reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint occaecat
cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum""".split())
LOREM_HINTS = ("lorem", "dolor", "amet", "consectetur", "adipisc", "tempor", "labore")


def filler(text: str, found: list[str], parts: list[str]) -> str | None:
    """Why `text` is filler, as the evidence says it, or None for real text. `found` are
    its words and `parts` its sentences.

    Checked in the order a reader would notice: no words at all, placeholder Latin, one
    word repeated, the same sentence over and over, a handful of words over and over.
    """
    if not found:
        return _("the text (%(chars)s characters) has no words: it earns nothing.",
                 chars=number(len(text)))
    folded = fold(text)
    if any(hint in folded for hint in LOREM_HINTS) and ("lorem ipsum" in folded or (
            len(found) >= 8 and sum(word in LOREM for word in found) >= 0.5 * len(found))):
        return _("the text is placeholder Latin (lorem ipsum): it earns nothing.")
    counts = Counter(found)
    top, times = counts.most_common(1)[0]
    if len(found) >= 10 and times >= 0.5 * len(found):
        return _("the text repeats the word '%(word)s' %(times)d times: it earns nothing.",
                 word=top, times=times)
    keys = [key for key in (" ".join(fold(part).translate(TO_SPACES).split()) for part in parts)
            if key]
    if len(keys) >= 3:
        repeats = Counter(keys)
        _key, times = repeats.most_common(1)[0]
        repeated = sum(len(key) for key in keys if repeats[key] > 1)
        if times >= 3 and repeated >= 0.5 * sum(map(len, keys)):
            again = [key for key, count in repeats.items() if count > 1]
            if len(again) == 1:
                return _("the text repeats one sentence %(times)d times: it earns nothing.",
                         times=times)
            return _("the text repeats the same %(distinct)d sentences over and over "
                     "(%(total)d sentences in all): it earns nothing.",
                     distinct=len(again), total=len(keys))
    if len(found) >= 50 and len(counts) < 0.1 * len(found):
        return _("the text repeats %(distinct)d different words over and over (%(total)d "
                 "words in all): it earns nothing.", distinct=len(counts), total=len(found))
    return None


NOT_PLACE_NAMES = ("nationwide", "national", "online", "various", "several", "all ", "every")


class Lexicon:
    """What the plan names, for the signals that depend on it: its places (regions,
    capital, where consultations were held), its country and languages, its objectives,
    pillars and codes."""

    def __init__(self, document):
        about = document.about
        names = [*about.regions, about.capital]
        names += [name for event in document.consultation.events
                  for name in (event.region, event.place)]
        for level in document.consultation.levels:
            names += re.split(r"[,;]| and ", level.places)
        self.places: dict[str, list[str]] = {}  # first word -> names that start with it
        for name in {name.strip() for name in names}:
            if len(name) > 2 and not name.casefold().startswith(NOT_PLACE_NAMES):
                self.places.setdefault(name.split()[0], []).append(name)
        self.not_places = {about.country_or_organisation.casefold(),
                           *(language.casefold() for language in document.localisation.languages)}
        self.codes = frozenset(row.code for row in (*document.pillars.objectives,
                                                    *document.actions.items)
                               if row.code and "." in row.code)
        self.pillar_names = [fold(pillar.name) for pillar in document.pillars.pillars
                             if len(pillar.name) > 3]
        self._objectives = document.pillars.objectives

    @cached_property
    def objectives(self) -> list[tuple[str, frozenset[str]]]:
        """(code or title, content words) of each objective, to tie a text to them."""
        return [(objective.code or objective.title,
                 content_words(words(fold(f"{objective.title} {objective.outcome}"))))
                for objective in self._objectives]


class Text:
    """One text of the plan, read once: filler or not, and its signals on demand.

    `lexicon` is called only when a signal needs what the plan names (its places, its
    objectives), so a plan whose texts ask nothing of them never builds it.
    """

    def __init__(self, text: str, lexicon: Callable[[], Lexicon]):
        self.text = text
        self.lexicon = lexicon
        self.folded = fold(text)
        self.words = words(self.folded)
        self.sentences = sentences(text)
        self.filler = filler(text, self.words, self.sentences) if text else None
        self._signals: dict[str, list[str]] = {}

    @property
    def real(self) -> bool:
        """Written, and not filler."""
        return bool(self.text) and not self.filler

    @cached_property
    def numbers(self) -> list[Number]:
        breaks = [match.end() for match in SENTENCE_BREAK.finditer(self.text)]
        return scan_numbers(self.text, breaks)

    @cached_property
    def runs(self) -> list[Run]:
        return scan_runs(self.text)

    def signal(self, name: str) -> list[str]:
        if name not in self._signals:
            self._signals[name] = SIGNALS[name](self) if self.real else []
        return self._signals[name]

    def terms(self, terms: tuple[str, ...]) -> list[str]:
        return find_terms(self.folded, terms) if self.real else []

    def sentences_with(self, terms: tuple[str, ...]) -> list[str]:
        """The sentences that name one of `terms` (money for civil society, say)."""
        if not self.real:
            return []
        return [sentence for sentence in self.sentences if find_terms(fold(sentence), terms)]

    def affirms(self, terms: tuple[str, ...]) -> list[str]:
        """The sentences that name one of `terms` without denying it ("civil society took
        part", not "civil society was not consulted")."""
        return [sentence for sentence in self.sentences_with(terms) if not negated(fold(sentence))]

    def has_money(self, sentence: str) -> bool:
        return any(number.money for number in scan_numbers(sentence, []))
