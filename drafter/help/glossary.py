"""The glossary of terms and sources, kept as data in data/glossary.yaml.

Loaded and checked once: a malformed file (a missing field, an unknown one, two entries
with the same key or anchor) raises `GlossaryError` naming the entry, so a mistake shows
the first time the page or a scorecard asks for it, never as a half-drawn page.
Checklists name their sources by short keys ("GS", "Nepal 2011"); `source(key)` finds the
entry that explains one, under its key or one of its other spellings (`also`).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..data_translations import TranslationError, read_translation, translation_path
from ..i18n import current_language
from ..paths import resource


class GlossaryError(ValueError):
    """The glossary file cannot be used; the message says where and why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Term(_Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    term: str = Field(min_length=1)
    text: str = Field(min_length=1)

    @property
    def anchor(self) -> str:
        return f"term-{self.id}"


class Source(_Strict):
    key: str = Field(min_length=1)
    also: tuple[str, ...] = ()
    name: str = Field(min_length=1)
    text: str = Field(min_length=1)

    @property
    def anchor(self) -> str:
        return "source-" + re.sub(r"[^a-z0-9]+", "-", self.key.casefold()).strip("-")


class Glossary(_Strict):
    terms: tuple[Term, ...] = Field(min_length=1)
    sources: tuple[Source, ...] = Field(min_length=1)

    def by_key(self) -> dict[str, Source]:
        """Every name a checklist may use for a source -> its entry."""
        return {name: entry for entry in self.sources for name in (entry.key, *entry.also)}


def parse_glossary(text: str, where: str = "<glossary>") -> Glossary:
    try:
        glossary = Glossary.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as exc:
        raise GlossaryError(f"{where}: {exc}") from None
    names = [name for entry in glossary.sources for name in (entry.key, *entry.also)]
    anchors = [entry.anchor for entry in (*glossary.terms, *glossary.sources)]
    for kind, values in (("source key", names), ("anchor", anchors)):
        repeated = sorted({value for value in values if values.count(value) > 1})
        if repeated:
            raise GlossaryError(f"{where}: {kind} used twice: {', '.join(repeated)}")
    return glossary


def glossary_path() -> Path:
    return resource("data") / "glossary.yaml"


@cache
def glossary() -> Glossary:
    """The glossary of this installation (read once per process)."""
    path = glossary_path()
    return parse_glossary(path.read_text(encoding="utf-8"), str(path))


class TermTexts(_Strict):
    term: str = Field(min_length=1)
    text: str = Field(min_length=1)


class SourceTexts(_Strict):
    name: str = Field(min_length=1)
    text: str = Field(min_length=1)


class GlossaryTexts(_Strict):
    """The glossary's texts in another language (data/translations/glossary.LANG.yaml),
    keyed by term id and source key; the keys and other spellings stay as they are."""

    language: str = Field(pattern=r"^[a-z]{2,3}$")
    terms: dict[str, TermTexts] = Field(default_factory=dict)
    sources: dict[str, SourceTexts] = Field(default_factory=dict)


def glossary_texts(language: str) -> GlossaryTexts | None:
    """The translation of the glossary into `language`, None if there is none; a
    `GlossaryError` naming the file if it is malformed."""
    try:
        raw = read_translation(glossary_path(), language)
        return None if raw is None else GlossaryTexts.model_validate(raw)
    except (TranslationError, ValidationError) as exc:
        raise GlossaryError(f"{translation_path(glossary_path(), language)}: {exc}") from None


@cache
def glossary_in(language: str) -> Glossary:
    """The glossary with its texts in `language` where a translation gives them."""
    original = glossary()
    try:
        texts = glossary_texts(language)
    except GlossaryError:
        texts = None  # the test of the translations names the problem; the page still works
    if texts is None:
        return original
    return original.model_copy(update={
        "terms": tuple(term.model_copy(update=texts.terms[term.id].model_dump())
                       if term.id in texts.terms else term for term in original.terms),
        "sources": tuple(entry.model_copy(update=texts.sources[entry.key].model_dump())
                         if entry.key in texts.sources else entry
                         for entry in original.sources)})


def localized() -> Glossary:
    """The glossary in the current language."""
    return glossary_in(current_language())


@cache
def _sources(language: str) -> dict[str, Source]:
    return glossary_in(language).by_key()


def source(key: str) -> Source | None:
    """The entry explaining the source a checklist calls `key` (in the current language),
    or None if there is none."""
    return _sources(current_language()).get(key)
