"""JSON export and import of a whole plan document.

An import is all or nothing: the file is checked for size, encoding, JSON syntax and
then against the schema, and any problem refuses it whole with messages that name the
field (for example `actions.items.3.end`), so nothing half-imported is ever saved.
"""

from __future__ import annotations

import json

from pydantic import ValidationError

from .schema import PlanDocument

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ImportProblem(ValueError):
    """A plan file that cannot be imported; `messages` says why, field by field."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def export_json(document: PlanDocument) -> str:
    """The document as the JSON that the import accepts."""
    return json.dumps(document.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def describe_errors(error: ValidationError) -> list[str]:
    """One readable line per schema error: where it is, then what is wrong."""
    lines = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "(document)"
        message = item["msg"].removeprefix("Value error, ")
        lines.append(f"{where}: {message}")
    return lines


def parse_document(raw: bytes | str) -> PlanDocument:
    """A validated document from the bytes of a plan file, or `ImportProblem`."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportProblem([f"The file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB."])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblem(["The file is not text in UTF-8: is it a plan exported as JSON?"]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem([f"The file is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                             f"{exc.msg})."]) from None
    except RecursionError:  # lists in lists thousands deep: no plan looks like that
        raise ImportProblem(["The file is nested too deeply to be a plan."]) from None
    except ValueError:  # an integer of more digits than Python will convert (4,300)
        raise ImportProblem(["The file holds a number too long to be part of a plan."]) from None
    if not isinstance(data, dict):
        raise ImportProblem(["The file must hold one plan: a JSON object with its sections."])
    try:
        return PlanDocument.model_validate(data)
    except ValidationError as exc:
        raise ImportProblem(describe_errors(exc)) from None
