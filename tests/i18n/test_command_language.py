"""The `drafter` command speaks the language its environment asks for (LANGUAGE, LC_ALL,
LC_MESSAGES, LANG, as gettext reads them), and English otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.i18n import use_environment_language

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("environ, language", [
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANGUAGE": "pt_BR:pt", "LANG": "en_US.UTF-8"}, "pt"),
    ({"LC_ALL": "ar_EG.UTF-8", "LANG": "fr_FR.UTF-8"}, "ar"),
    ({"LANGUAGE": "", "LC_MESSAGES": "es_AR.UTF-8"}, "es"),
    ({"LANG": "de_DE.UTF-8", "LANGUAGE": ""}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANGUAGE": "de:fr", "LANG": "en_GB.UTF-8"}, "fr"),  # a list, in order of preference
    ({"LC_ALL": "de_DE.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),  # LC_ALL rules: unspoken
    ({}, "en"),
])
def test_the_environment_names_the_language(environ, language):
    try:
        assert use_environment_language(environ) == language
    finally:
        use_environment_language({})


def run(language_variable: str, *args: str) -> str:
    environ = {key: value for key, value in os.environ.items()
               if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    environ["LANG"] = language_variable
    return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=ROOT, env=environ,
                          capture_output=True, text=True, check=True).stdout


def test_the_command_answers_in_french_or_english():
    french = run("fr_FR.UTF-8", "check-checklist", "checklists/csag-2012.yaml")
    english = run("en_GB.UTF-8", "check-checklist", "checklists/csag-2012.yaml")
    assert french.splitlines()[0] == "OK\u00a0: 41 critères dans 11 domaines"
    assert english.splitlines()[0] == "OK: 41 criteria in 11 areas"


def test_a_scorecard_on_the_command_line_is_in_the_language_with_its_checklist():
    text = run("es_ES.UTF-8", "score", "samples/weak-plan.json")
    assert "Puntuación global:" in text and "Overall:" not in text
    assert "Brechas que deben atenderse primero:" in text
