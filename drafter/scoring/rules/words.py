"""The small pieces of text handling that prose reading is made of: folding, words,
sentences, key terms found at the start of a word, and values in baselines and targets.

Kept to plain string methods and simple patterns on purpose: a plan has a few dozen
texts of up to 20,000 characters, scored on every page view, and Python's `re` is slow
on patterns that start with alternations or look-behinds (a first version of the
signals took 20 ms for the strong sample plan; these take a tenth of that).
"""

from __future__ import annotations

import functools
import re

PUNCTUATION = ".,;:!?()[]{}\"'’‘“”«»…*/"
# Punctuation and digits to spaces, keeping the apostrophes and hyphens inside words.
TO_SPACES = str.maketrans({char: " " for char in ".,;:!?()[]{}\"‘“”«»…*/=+<>|%$€£#@&_~^"
                           "0123456789"})
SENTENCE_BREAK = re.compile(r"[.!?\n]\s")
LONGEST_WORD = 30  # letters: past this a "word" is a run of characters, not language


def fold(text: str) -> str:
    """Lower case with one kind of apostrophe, the same length as `text`."""
    return text.lower().replace("’", "'")


def words(folded: str) -> list[str]:
    """The words of a folded text, punctuation and numbers left out."""
    return [token for token in folded.translate(TO_SPACES).split() if len(token) <= LONGEST_WORD]


def sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE_BREAK.split(text) if part.strip()]


def _word_start(folded: str, start: int) -> bool:
    return start == 0 or not (folded[start - 1].isalnum() or folded[start - 1] == "_")


@functools.lru_cache(maxsize=1024)
def folded_terms(terms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(fold(term.strip()) for term in terms if term.strip()))


def find_terms(folded: str, terms: tuple[str, ...], whole: bool = False) -> list[str]:
    """The key terms found in a folded text, as the words that carry them: each term
    matches at the start of a word ("evaluat" finds "evaluation" and "evaluated"), in any
    case; with `whole`, only as a whole word or phrase."""
    found: list[str] = []
    size = len(folded)
    for term in folded_terms(terms):
        start = folded.find(term)
        while start != -1:
            end = stop = start + len(term)
            if _word_start(folded, start):
                while stop < size and (folded[stop].isalnum() or folded[stop] in "-'"):
                    stop += 1
                if not whole or stop == end:
                    found.append(folded[start:stop].strip("-'"))
            start = folded.find(term, end)
    return list(dict.fromkeys(found))


def first_term(folded: str, terms: tuple[str, ...]) -> str | None:
    """The first of `terms` found (at the start of a word), or None: a cheaper yes/no."""
    for term in folded_terms(terms):
        start = folded.find(term)
        while start != -1:
            if _word_start(folded, start):
                return term
            start = folded.find(term, start + 1)
    return None


# Words that turn a sentence into its opposite: "civil society was not consulted".
NEGATIONS = frozenset("""not no without never nor neither none lacks lacking absent
cannot""".split())


def negated(folded_sentence: str) -> bool:
    """Whether a sentence denies what it names (read for "not", "no", "without", ...):
    crude, but it keeps "civil society was not consulted" from counting as consulted."""
    return not NEGATIONS.isdisjoint(words(folded_sentence.replace("n't", " not")))


# What is not yet a value: "TBD", "to be determined", "n/a", "will be set by the survey".
NOT_A_VALUE = re.compile(r"\b(?:tbd|tbc|to be (?:determined|defined|confirmed|set|established)|"
                         r"n/?a|not available|unknown|will be (?:set|established|determined)|"
                         r"pending|no data|no baseline)\b", re.IGNORECASE)
VALUE_WORDS = re.compile(r"\b(?:zero|none|no|nil|all|every|half|one|two|three|four|five|six|"
                         r"seven|eight|nine|ten|twelve|twenty|hundred|thousand|million|third|"
                         r"quarter|double|doubled|triple|yes|adopted|in place|operational|"
                         r"functional)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def has_value(text: str) -> bool:
    """Whether a baseline or target states a value ("11%", "3 of 6 regions", "none", or
    "no" and "yes" for an indicator that is met or not), rather than a direction
    ("increased") or a promise ("to be determined").

    Cached: plans repeat the same few baselines and targets ("0", "50%") many times.
    """
    if not text:
        return False
    digits = any(char.isdigit() for char in text)
    if not any(char.isalpha() for char in text):
        return digits
    if NOT_A_VALUE.search(text):
        return False
    return digits or bool(VALUE_WORDS.search(text))


# Words too common in plans to tie a text to one of its objectives.
STOPWORDS = frozenset("""about above after again against among another around because been
before being below between during every further having other their there these those
through under until which while within without would women peace security national plan
action actions objective objectives ensure support strengthen improve increase promote
including through""".split())
CONTENT_WORD = 5  # letters: shorter words carry too little to tie a text to an objective


def content_words(found: list[str]) -> frozenset[str]:
    return frozenset(word for word in found if len(word) >= CONTENT_WORD
                     and word not in STOPWORDS)
