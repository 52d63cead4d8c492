"""JSON export and import of a whole plan: the plan file.

A plan file is the plan document plus, optionally, `section_status`: how far each
section's drafting had got ("complete" marks included), so that an export imported again
comes back as it was. `PlanFile` is its model and `plan_file_schema()` its JSON Schema; a
file without `section_status` (as older exports are) is still a plan file.

An import is all or nothing: the file is checked for size, encoding, JSON syntax (a key
twice in one object included: JSON readers disagree on which one wins, so a file that
says two things is refused, not read as one of them) and then against the schema, and
any problem refuses it whole, so nothing half-imported is ever saved. Each problem is
kept with where it is in the file (`Problem`): `ImportProblem.messages` names the place
by its path (`actions.items.3.end`), for programs and logs; the import pages put it in
people's words (`drafter.plans.importing`).

`MAX_IMPORT_BYTES` bounds a plan file, and also every saved plan's export (the store
refuses a save past it), so that a plan can always be imported again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal

from pydantic import ConfigDict, Field, ValidationError

from ..i18n import gettext as _
from .links import dangling
from .schema import SCHEMA_VERSION, SECTION_MODELS, PlanDocument
from .status import Status

MAX_IMPORT_BYTES = 5 * 1024 * 1024

SectionKey = Literal[tuple(SECTION_MODELS)]


class PlanFile(PlanDocument):
    """What a plan file holds: the plan document, and each section's status."""

    model_config = ConfigDict(title="PlanFile")

    section_status: dict[SectionKey, Status] = Field(
        default_factory=dict,
        description="Each section's status when the plan was exported: not_started, "
                    "in_progress or complete. Optional: without it, every section that has "
                    "content is imported as in progress.")

    def as_document(self) -> PlanDocument:
        """The plan document alone (already validated, so not checked again)."""
        return PlanDocument.model_construct(
            **{name: getattr(self, name) for name in PlanDocument.model_fields})


SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# `Row.id` (fields.py) is every row's, and carries no description of its own.
ROW_ID_DESCRIPTION = (
    "The row's identifier: 1 to 40 letters, digits, '_' or '-', unique within its list "
    "(e.g. \"action-1-2\" or \"3f9c2a7b1d\"). Other rows name this row by it: an action's "
    "objective_id, an indicator's action_id or objective_id, a budget line's action_id. "
    "Optional: a row without one is given a random one when the file is imported.")


def plan_file_schema() -> dict:
    """The JSON Schema every plan file (and so every export) is valid against, published
    as the plan-file format by `drafter schema`.

    It is pydantic's schema of `PlanFile`, in JSON Schema 2020-12 (`$schema`), made into
    something a person can write a plan file from:

    - `x-schema-version` gives the version of the plan document it describes
      (`SCHEMA_VERSION`), and `schema_version` must be that version (`const`). The app
      still reads version 1 files (upgrading them); this schema is the current version's.
    - Every vocabulary (`vocab.Vocab`) is one definition in `$defs`, `vocab_<name>`
      (`vocab_group`, `vocab_currency`, `vocab_answer`), which the fields holding its
      values refer to: the values as `enum`, and each with its English label as
      `oneOf: [{"const": value, "title": label}, ...]` (see `Vocab.json_schema`).
    - Every field has a `description` (from `Field(description=...)` in schema.py), every
      section and row its model's docstring.
    """
    generated = PlanFile.model_json_schema()
    defs = generated.pop("$defs")
    vocabularies: dict[str, dict] = {}
    _hoist_vocabularies(defs, vocabularies)
    _hoist_vocabularies(generated, vocabularies)
    for definition in defs.values():
        row_id = definition.get("properties", {}).get("id")
        if row_id is not None:
            row_id.setdefault("description", ROW_ID_DESCRIPTION)
    version = generated["properties"]["schema_version"]
    for bound in ("minimum", "maximum"):
        version.pop(bound, None)
    version["const"] = SCHEMA_VERSION
    return {
        "$schema": SCHEMA_DIALECT,
        "title": generated.pop("title"),
        "description": (
            f"{generated.pop('description')} Version {SCHEMA_VERSION} of the NAP Drafter "
            "plan file: a JSON object with one member per section of a National Action Plan "
            "on Women, Peace and Security, each optional. Fields with a fixed list of values "
            "refer to a vocabulary in $defs (vocab_...), which gives each value's English "
            "label as the title of its oneOf entry."),
        "x-schema-version": SCHEMA_VERSION,
        **generated,
        "$defs": {**defs, **dict(sorted(vocabularies.items()))},
    }


def _hoist_vocabularies(node, vocabularies: dict[str, dict]) -> None:
    """Replace, under `node`, each vocabulary's schema (`Vocab.json_schema`) by a `$ref`
    to one definition of it, kept in `vocabularies`; what else the place said (a default)
    stays beside the `$ref`."""
    if isinstance(node, list):
        for item in node:
            _hoist_vocabularies(item, vocabularies)
        return
    if not isinstance(node, dict):
        return
    if "x-vocabulary" in node:
        name = node["x-vocabulary"]
        own = {key: node.pop(key) for key in ("type", "enum", "oneOf", "x-vocabulary")}
        vocabularies.setdefault(f"vocab_{name}", {
            "title": f"Vocabulary: {name}",
            "description": f"One value of the {name.replace('_', ' ')} list, as the code in "
                           "enum; the oneOf entry of each code gives its English label "
                           "(title).",
            **own})
        node["$ref"] = f"#/$defs/vocab_{name}"
        return
    for value in node.values():
        _hoist_vocabularies(value, vocabularies)


# Kinds of problem whose message already says where it is.
SAYS_WHERE = {"file", "repeated_key"}


@dataclass(frozen=True)
class Problem:
    """One reason a file is refused.

    `where` is the place in the file, as keys and row indices (() for the file as a
    whole); `kind` is pydantic's error type, or one of ours ("file", "repeated_key",
    "dangling"); `message` says what is wrong in a program's words; `detail` holds what
    else is known (for a schema error, the pydantic error itself).
    """

    where: tuple = ()
    kind: str = "file"
    message: str = ""
    detail: dict = field(default_factory=dict)

    @property
    def line(self) -> str:
        """`where: message`, the place as a dotted path (a message that says where it is
        already comes alone)."""
        if self.kind in SAYS_WHERE:
            return self.message
        return f"{'.'.join(str(part) for part in self.where) or '(document)'}: {self.message}"


class ImportProblem(ValueError):
    """A plan file that cannot be imported; `problems` says why, one by one.

    `data` is the file as read (a dict), when it could be read as JSON: the import pages
    name a row by what the file calls it.
    """

    def __init__(self, problems: list[Problem], data: dict | None = None):
        self.problems = problems
        self.data = data
        super().__init__("; ".join(self.messages))

    @property
    def messages(self) -> list[str]:
        return [problem.line for problem in self.problems]


def export_json(document: PlanDocument, statuses: dict[str, str] | None = None) -> str:
    """The document as the JSON that the import accepts, with the sections' `statuses`
    when given (a plan's export; a revision or a scenario is content only)."""
    data = document.model_dump(mode="json")
    if statuses is not None:
        data["section_status"] = {key: statuses[key] for key in SECTION_MODELS if key in statuses}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def describe_errors(error: ValidationError) -> list[str]:
    """One line per schema error: where it is (a dotted path), then what is wrong."""
    return [_schema_problem(item).line for item in error.errors()]


def _schema_problem(item: dict) -> Problem:
    return Problem(tuple(item["loc"]), item["type"], item["msg"].removeprefix("Value error, "),
                   item)


class _Object(dict):
    """A JSON object as read, with the keys it had more than once."""

    repeated: tuple[str, ...] = ()


def _read_object(pairs: list[tuple[str, object]]) -> _Object:
    read = _Object(pairs)
    if len(read) < len(pairs):
        seen: set[str] = set()
        read.repeated = tuple(key for key, _value in pairs if key in seen or seen.add(key))
    return read


def _first_repeated_key(data) -> Problem | None:
    """The first key that appears twice in one object, and where."""
    stack = [((), data)]
    while stack:  # not recursive: a deep file must not run out of stack here
        path, node = stack.pop()
        if isinstance(node, _Object) and node.repeated:
            where = ".".join(str(part) for part in path) or "the plan"
            return Problem(path, "repeated_key", f"The file says two things in one place: the "
                           f'key "{node.repeated[0]}" appears twice in {where}.',
                           {"key": node.repeated[0]})
        children = node.items() if isinstance(node, dict) else (
            enumerate(node) if isinstance(node, list) else ())
        stack.extend(reversed([(path + (key,), value) for key, value in children]))
    return None


def _file_problem(message: str) -> ImportProblem:
    return ImportProblem([Problem(message=message)])


def read_plan_file(raw: bytes | str) -> PlanFile:
    """The validated plan file in the bytes of an upload, or `ImportProblem`."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > MAX_IMPORT_BYTES:
        raise _file_problem(_("The file is larger than %(size)s MB.",
                              size=MAX_IMPORT_BYTES // (1024 * 1024)))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_problem(_("The file is not text in UTF-8: is it a plan exported as "
                              "JSON?")) from None
    try:
        data = json.loads(text, object_pairs_hook=_read_object)
    except json.JSONDecodeError as exc:
        raise _file_problem(_("The file is not valid JSON (line %(line)s, column %(column)s: "
                              "%(reason)s).", line=exc.lineno, column=exc.colno,
                              reason=exc.msg)) from None
    except RecursionError:  # lists in lists thousands deep: no plan looks like that
        raise _file_problem(_("The file is nested too deeply to be a plan.")) from None
    except ValueError:  # an integer of more digits than Python will convert (4,300)
        raise _file_problem(_("The file holds a number too long to be part of a plan.")) from None
    if not isinstance(data, dict):
        raise _file_problem(_("The file must hold one plan: a JSON object with its sections."))
    if repeated := _first_repeated_key(data):
        raise ImportProblem([repeated], data)
    try:
        return PlanFile.model_validate(data)
    except ValidationError as exc:
        raise ImportProblem(_schema_problems(exc, data), data) from None


def parse_document(raw: bytes | str) -> PlanDocument:
    """A validated document from the bytes of a plan file, or `ImportProblem`."""
    return read_plan_file(raw).as_document()


def _schema_problems(error: ValidationError, data: dict) -> list[Problem]:
    """The schema's errors, each where it is. The one error of the document as a whole
    (rows naming rows that do not exist) becomes one problem per such row field."""
    problems = []
    for item in error.errors():
        if item["loc"] == () and item["type"] == "value_error":
            problems.extend(_dangling_problems(data) or [_schema_problem(item)])
        else:
            problems.append(_schema_problem(item))
    return problems


def _dangling_problems(data: dict) -> list[Problem]:
    # Only reached when every section is valid on its own, so each validates again here.
    sections = {key: model.model_validate(data[key]) for key, model in SECTION_MODELS.items()
                if key in data}
    return [Problem((ref.section, ref.attribute, ref.index, ref.field), "dangling",
                    f"no {ref.target[0]} row with id '{ref.value}'",
                    {"input": ref.value, "target": ref.target})
            for ref in dangling(PlanDocument.model_construct(**sections))]
