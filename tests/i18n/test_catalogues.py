"""Every language's catalogue is complete and safe to use.

A message left untranslated shows English in the middle of a French page; a fuzzy one is
a guess nobody checked; a placeholder spelt differently raises KeyError when the page is
drawn, and a tag lost or added breaks the page's markup. The catalogues must also hold
every string the code has today: `make messages` collects them, and a string added
without running it would reach users in English.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "translations"
LANGUAGES = ("fr", "es", "ar", "pt")

# %(name)s, %(count)d, %s, %d, %%, and {name} as str.format and Jinja use them.
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdfr]|%[sdf]|%%|\{[a-z_]*\}")
TAG = re.compile(r"</?([a-z][a-z0-9]*)\b")


def catalogue(language: str):
    with open(FOLDER / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=language)


def messages(language: str):
    return [message for message in catalogue(language) if message.id]


def originals(message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def translations(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def tags(text: str) -> list[str]:
    return sorted(TAG.findall(text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    untranslated = [originals(message)[0] for message in messages(language)
                    if not all(text.strip() for text in translations(message))]
    fuzzy = [originals(message)[0] for message in messages(language) if message.fuzzy]
    assert not untranslated, f"{len(untranslated)} untranslated in {language}: {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_and_tags_of_the_original(language):
    problems = []
    for message in messages(language):
        wanted = placeholders(originals(message)[-1])
        wanted_tags = tags(originals(message)[0])
        for text in filter(None, translations(message)):  # empty: the test above
            if placeholders(text) != wanted or tags(text) != wanted_tags:
                problems.append((originals(message)[0], text))
    assert not problems, f"{len(problems)} in {language}, first: {problems[:3]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_messages_give_every_form_the_language_has(language):
    forms = catalogue(language).num_plurals
    for message in messages(language):
        if isinstance(message.id, tuple):
            assert len(translations(message)) == forms, message.id


def test_the_catalogues_hold_every_string_the_code_has(tmp_path):
    """The strings the code has today, as `make messages` extracts them, are in the
    template and in every language's catalogue (and nothing else is)."""
    template = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract",
                    "-F", "babel.cfg", "-k", "lazy_gettext", "-k", "_l", "-k", "N_", "-o", str(template),
                    "."], cwd=ROOT, check=True)
    with open(template, "rb") as handle:
        wanted = {message.id for message in read_po(handle) if message.id}
    with open(FOLDER / "messages.pot", "rb") as handle:
        kept = {message.id for message in read_po(handle) if message.id}
    assert wanted == kept, ("run `make messages`: "
                            f"new {sorted(map(str, wanted - kept))[:5]}, "
                            f"gone {sorted(map(str, kept - wanted))[:5]}")
    for language in LANGUAGES:
        ids = {message.id for message in messages(language)}
        assert ids == wanted, (f"{language}: run `make messages`: missing "
                               f"{sorted(map(str, wanted - ids))[:5]}")
