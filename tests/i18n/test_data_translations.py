"""The data people read is translated whole: every checklist the app offers, the glossary
and the UN global indicators, in every language the app speaks.

A checklist criterion, a glossary term or an indicator left out of a language's file is
shown in English on an otherwise French page; a file written for an older version of a
checklist may advise what the checklist no longer asks.
"""

from __future__ import annotations

import pytest

from drafter.help.glossary import glossary, glossary_texts
from drafter.i18n import LANGUAGES, SOURCE_LANGUAGE
from drafter.plan.globals import global_indicators, titles_in
from drafter.scoring import list_checklists, load_checklist
from drafter.scoring.translation import in_language, translation_problems

TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
CHECKLISTS = [info.path for info in list_checklists()]


@pytest.mark.parametrize("path", CHECKLISTS, ids=[path.stem for path in CHECKLISTS])
def test_every_checklist_is_translated_into_every_language(path):
    assert translation_problems(load_checklist(path)) == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_translated_checklist_shows_its_texts_in_the_language(language):
    checklist = load_checklist(CHECKLISTS[0])
    shown = in_language(checklist, language)
    assert shown.shown_language == language and not shown.untranslated
    assert shown.name != checklist.name
    changed = [criterion.id for criterion, original in zip(shown.criteria, checklist.criteria,
                                                           strict=True)
               if criterion.advice != original.advice and criterion.title != original.title]
    assert len(changed) == len(checklist.criteria)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_glossary_is_translated_into_every_language(language):
    texts = glossary_texts(language)
    assert texts is not None and texts.language == language
    original = glossary()
    assert set(texts.terms) == {term.id for term in original.terms}
    assert set(texts.sources) == {entry.key for entry in original.sources}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_un_global_indicator_has_a_title_in_every_language(language):
    titles = titles_in(language)
    assert set(titles) == {indicator.key for indicator in global_indicators()}
    assert all(titles[item.key] != item.title for item in global_indicators())
