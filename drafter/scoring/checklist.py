"""Checklists: YAML files of areas and criteria, loaded and checked before any scoring.

A checklist is data a trainer can write. Everything that could go wrong in it is
caught at load, and each problem is reported as one line naming the file, the
criterion and the field, e.g.::

    checklists/mine.yaml: criterion FIN-1: weight: must be greater than 0

so that a malformed file never reaches the scorer.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Literal, NamedTuple

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..i18n import lazy_gettext as _l
from ..plan.schema import SECTION_MODELS
from .rules import RULES, params_model

SectionKey = Literal[tuple(SECTION_MODELS)]  # type: ignore[valid-type]

# libyaml's safe loader where PyYAML was built with it: the same documents, read 10 times
# faster (the CSAG checklist took 100 ms in pure Python, most of a `drafter score`).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

BASIS_LABELS = {
    "csag": _l("CSAG 2012 working paper"),
    "good_practice": _l("good practice (several sources)"),
}


class ChecklistError(ValueError):
    """A checklist file that cannot be used; `messages` has one line per problem."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Area(_Strict):
    id: str = Field(min_length=1, max_length=20)
    title: str = Field(min_length=1)


class Thresholds(_Strict):
    """Score cut-offs for a criterion's status: met at or above `met`, not met below
    `partly_met`, partly met in between."""

    met: float = Field(default=0.9, gt=0, le=1)
    partly_met: float = Field(default=0.2, ge=0, lt=1)


class Criterion(_Strict):
    id: str = Field(min_length=1, max_length=20)
    area: str
    title: str = Field(min_length=1)
    why: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    basis: Literal["csag", "good_practice"]
    weight: float = Field(gt=0, le=100)
    critical: bool
    rule: str
    params: dict[str, Any] = Field(default_factory=dict)
    advice: str = Field(min_length=1)
    section: SectionKey

    @field_validator("rule")
    @classmethod
    def _known_rule(cls, value: str) -> str:
        if value not in RULES:
            raise ValueError(f"unknown rule '{value}'")
        return value

    @property
    def basis_label(self) -> str:
        return str(BASIS_LABELS[self.basis])


class ChecklistHeader(_Strict):
    """What a checklist file says about itself, before its criteria."""

    id: str = Field(min_length=1, max_length=100, pattern=r"^[a-z0-9][a-z0-9._-]*$")
    name: str = Field(min_length=1)
    version: str = Field(min_length=1)
    # The language its texts are written in; translations sit beside it (translation.py).
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}$")
    description: str = ""
    thresholds: Thresholds = Field(default_factory=Thresholds)
    areas: list[Area] = Field(min_length=1)

    @field_validator("areas")
    @classmethod
    def _unique_areas(cls, areas: list[Area]) -> list[Area]:
        ids = [area.id for area in areas]
        duplicates = sorted({area for area in ids if ids.count(area) > 1})
        if duplicates:
            raise ValueError(f"duplicate area id(s): {', '.join(duplicates)}")
        return areas


class Checklist(ChecklistHeader):
    """A whole checklist; `path` is the file it came from (for messages and the chooser)."""

    criteria: list[Criterion] = Field(min_length=1)
    path: str = ""
    # Set by `translation.in_language`: the language the texts are shown in (empty: the
    # checklist's own) and the criteria whose texts the translation lacks.
    texts_language: str = ""
    untranslated: tuple[str, ...] = ()

    def area_ids(self) -> list[str]:
        return [area.id for area in self.areas]

    @property
    def shown_language(self) -> str:
        return self.texts_language or self.language


def _describe(error: ValidationError, prefix: str) -> list[str]:
    lines = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "(whole entry)"
        lines.append(f"{prefix}: {field}: {item['msg'].removeprefix('Value error, ')}")
    return lines


def _check_criterion(raw: Any, index: int, where: str, areas: set[str],
                     seen: set[str]) -> tuple[Criterion | None, list[str]]:
    """Validate one criterion entry; return it (or None) and its problems."""
    name = raw.get("id") if isinstance(raw, dict) and raw.get("id") else f"#{index + 1}"
    prefix = f"{where}: criterion {name}"
    if not isinstance(raw, dict):
        return None, [f"{prefix}: (whole entry): must be a mapping of fields"]
    try:
        criterion = Criterion.model_validate(raw)
    except ValidationError as exc:
        return None, _describe(exc, prefix)
    problems = []
    if criterion.id in seen:
        problems.append(f"{prefix}: id: duplicate id '{criterion.id}'")
    seen.add(criterion.id)
    if criterion.area not in areas:
        problems.append(f"{prefix}: area: unknown area '{criterion.area}' "
                        f"(areas: {', '.join(sorted(areas))})")
    try:
        validated = params_model(criterion.rule).model_validate(criterion.params)
    except ValidationError as exc:
        for item in exc.errors():
            param = ".".join(str(part) for part in item["loc"])
            message = item["msg"].removeprefix("Value error, ")
            if item["type"] == "extra_forbidden":
                message = f"rule '{criterion.rule}' takes no parameter '{param}'"
            problems.append(f"{prefix}: params.{param}: {message}")
    else:
        # The rule receives the parameters as validated: what a text is read for arrives
        # as a `Reading`, checked once at load rather than on every scoring.
        criterion = criterion.model_copy(update={"params": {
            name: getattr(validated, name) for name in criterion.params}})
    return criterion, problems


def parse_checklist(text: str, where: str = "<checklist>") -> Checklist:
    """A validated checklist from YAML text, or `ChecklistError` listing every problem."""
    try:
        raw = yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        raise ChecklistError([f"{where}: not valid YAML: {exc}".replace("\n", " ")]) from None
    if not isinstance(raw, dict):
        raise ChecklistError([f"{where}: must be a mapping with id, name, version, areas, "
                              "criteria"])
    problems: list[str] = []
    # The header first, then each criterion on its own, so that every problem is
    # reported under the id of the criterion it belongs to.
    header = {key: value for key, value in raw.items() if key != "criteria"}
    try:
        ChecklistHeader.model_validate(header)
    except ValidationError as exc:
        problems.extend(_describe(exc, f"{where}: header"))
    areas = {area.get("id") for area in raw.get("areas") or [] if isinstance(area, dict)}
    entries = raw.get("criteria")
    if not isinstance(entries, list) or not entries:
        problems.append(f"{where}: header: criteria: must be a non-empty list of criteria")
        entries = []
    seen: set[str] = set()
    criteria = []
    for index, entry in enumerate(entries):
        criterion, found = _check_criterion(entry, index, where, areas, seen)
        problems.extend(found)
        if criterion is not None:
            criteria.append(criterion)
    if problems:
        raise ChecklistError(problems)
    return Checklist.model_validate({**header, "path": where, "criteria": criteria})


def load_checklist(path: str | Path) -> Checklist:
    """Load and validate the checklist at `path` (cached until the file changes)."""
    path = Path(path)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise ChecklistError([f"{path}: cannot read the file ({exc.strerror})"]) from None
    return _load(str(path), stamp)


@functools.lru_cache(maxsize=32)
def _load(path: str, stamp: int) -> Checklist:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ChecklistError([f"{path}: cannot read the file ({exc})"]) from None
    return parse_checklist(text, path)


def checklist_folder() -> Path:
    from ..paths import resource

    return resource("checklists")


def default_checklist_path() -> Path:
    return checklist_folder() / "csag-2012.yaml"


class ChecklistInfo(NamedTuple):
    id: str
    name: str
    version: str
    path: Path


def list_checklists(folder: str | Path | None = None) -> list[ChecklistInfo]:
    """(id, name, version, path) of each valid checklist in the folder, by name.

    A file that does not load is left out rather than breaking the app's chooser;
    `flask drafter check-checklist FILE` says what is wrong with it.
    """
    folder = Path(folder) if folder is not None else checklist_folder()
    found = []
    for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
        try:
            checklist = load_checklist(path)
        except ChecklistError:
            continue
        found.append(ChecklistInfo(checklist.id, checklist.name, checklist.version, path))
    return sorted(found, key=lambda info: (info.name, info.id))
