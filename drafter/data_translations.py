"""Where the data files people read (checklists, the glossary, the UN global indicators)
keep their texts in other languages, and how those files are read.

A data file `F/name.yaml` written in English has its texts in language L in
`F/translations/name.L.yaml`: a file a translator writes beside the original, holding only
texts, keyed by the ids of the original's entries. Each consumer checks the shape it
expects; this module only finds and reads the file (once per change of the file).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TranslationError(ValueError):
    """A translation file that cannot be read; the message names the file."""


def translation_path(original: str | Path, language: str) -> Path:
    original = Path(original)
    return original.parent / "translations" / f"{original.stem}.{language}.yaml"


def translation_stamp(original: str | Path, language: str) -> int | None:
    """When the translation of `original` into `language` last changed; None if there
    is none."""
    try:
        return translation_path(original, language).stat().st_mtime_ns
    except OSError:
        return None


def read_translation(original: str | Path, language: str) -> Any | None:
    """The parsed translation of `original` into `language`, or None if there is none."""
    stamp = translation_stamp(original, language)
    return None if stamp is None else _read(str(translation_path(original, language)), stamp)


@functools.lru_cache(maxsize=64)
def _read(path: str, stamp: int) -> Any:
    try:
        return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TranslationError(f"{path}: cannot be read: {exc}".replace("\n", " ")) from None
