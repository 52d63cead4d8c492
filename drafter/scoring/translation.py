"""A checklist's texts in another language: its name, areas' titles, and each criterion's
title, why and advice, kept as data beside the checklist.

`checklists/translations/<file>.<language>.yaml` holds them, keyed by the ids of the
checklist's areas and criteria, and names the checklist version it translates::

    checklist: csag-2012
    language: fr
    version: "2.0"
    name: Recommandations du CSAG (2012) ...
    areas: {POL: Appropriation politique et leadership, ...}
    criteria:
      POL-1: {title: ..., why: ..., advice: ...}

The rules' evidence sentences are not here: they come from the code and are in the
message catalogues. A checklist shown in a language its file lacks (or lacks for some
criteria) keeps its own texts there, and says so (`texts_language`, `untranslated`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..data_translations import (
    TranslationError,
    read_translation,
    translation_path,
    translation_stamp,
)
from ..i18n import LANGUAGES
from .checklist import Checklist, ChecklistError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CriterionTexts(_Strict):
    title: str = Field(min_length=1)
    why: str = Field(min_length=1)
    advice: str = Field(min_length=1)


class ChecklistTexts(_Strict):
    checklist: str
    language: str = Field(pattern=r"^[a-z]{2,3}$")
    version: str
    name: str = Field(min_length=1)
    description: str = ""
    areas: dict[str, str] = Field(default_factory=dict)
    criteria: dict[str, CriterionTexts] = Field(default_factory=dict)


def checklist_texts(checklist: Checklist, language: str) -> ChecklistTexts | None:
    """The translation of `checklist` into `language`; None if it has none; a
    `ChecklistError` naming the file if the file is malformed."""
    where = translation_path(checklist.path, language)
    try:
        raw = read_translation(checklist.path, language)
        return None if raw is None else ChecklistTexts.model_validate(raw)
    except TranslationError as exc:
        raise ChecklistError([str(exc)]) from None
    except ValidationError as exc:
        raise ChecklistError([
            f"{where}: {'.'.join(map(str, item['loc'])) or '(whole file)'}: {item['msg']}"
            for item in exc.errors()]) from None


def translation_problems(checklist: Checklist) -> list[str]:
    """One line per thing a translator still has to do, for every language the app
    speaks: a missing file, a criterion or area without its texts, a file made for
    another version of the checklist or naming ids the checklist lacks."""
    problems = []
    for language in [code for code in LANGUAGES if code != checklist.language]:
        where = translation_path(checklist.path, language)
        try:
            texts = checklist_texts(checklist, language)
        except ChecklistError as exc:
            problems.extend(exc.messages)
            continue
        if texts is None:
            problems.append(f"{where}: no translation into {language!r} yet")
            continue
        if texts.checklist != checklist.id or texts.language != language:
            problems.append(f"{where}: says it translates '{texts.checklist}' into "
                            f"'{texts.language}', not '{checklist.id}' into '{language}'")
        if texts.version != checklist.version:
            problems.append(f"{where}: translates version {texts.version}; the checklist is "
                            f"version {checklist.version}: check what changed")
        problems.extend(f"{where}: area {area}: missing a translation of its title"
                        for area in checklist.area_ids() if area not in texts.areas)
        problems.extend(f"{where}: criterion {criterion.id}: missing a translation "
                        "(title, why, advice)"
                        for criterion in checklist.criteria if criterion.id not in texts.criteria)
        known = {criterion.id for criterion in checklist.criteria} | set(checklist.area_ids())
        problems.extend(f"{where}: '{key}': no such area or criterion in the checklist"
                        for key in (*texts.areas, *texts.criteria) if key not in known)
    return problems


# (id of the original, language, translation file's stamp) -> (original, translated).
# The original is kept so that its id is not reused while the entry lives; the stamp
# makes an edited translation file show without a restart, as an edited checklist does.
_CACHE: dict[tuple[int, str, int | None], tuple[Checklist, Checklist]] = {}
_CACHE_SIZE = 64


def in_language(checklist: Checklist, language: str) -> Checklist:
    """`checklist` with its texts in `language` where a translation gives them; the rest
    (or all, with no translation or a malformed one) in the checklist's own language."""
    if language == checklist.language:
        return checklist
    key = (id(checklist), language, translation_stamp(checklist.path, language))
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is checklist:
        return cached[1]
    try:
        texts = checklist_texts(checklist, language)
    except ChecklistError:
        texts = None  # `drafter check-checklist` says what is wrong; the page still works
    translated = _apply(checklist, texts, language) if texts else checklist.model_copy(
        update={"untranslated": tuple(criterion.id for criterion in checklist.criteria)})
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    _CACHE[key] = (checklist, translated)
    return translated


def _apply(checklist: Checklist, texts: ChecklistTexts, language: str) -> Checklist:
    criteria, untranslated = [], []
    for criterion in checklist.criteria:
        found = texts.criteria.get(criterion.id)
        if found is None:
            untranslated.append(criterion.id)
            criteria.append(criterion)
        else:
            criteria.append(criterion.model_copy(update=found.model_dump()))
    areas = [area.model_copy(update={"title": texts.areas.get(area.id, area.title)})
             for area in checklist.areas]
    return checklist.model_copy(update={
        "name": texts.name, "description": texts.description or checklist.description,
        "areas": areas, "criteria": criteria, "texts_language": language,
        "untranslated": tuple(untranslated)})
