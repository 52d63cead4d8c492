"""The plan-file schema (`drafter schema`) as a published standard: someone outside the
app can write a plan file from it alone.

Every field says what it holds; every field with a fixed list of values lists exactly its
vocabulary's values, each with its English label; the schema states its version and its
JSON Schema dialect; it is well formed, and the plan files the app writes are valid
against it. `jsonschema` is not a dependency of the project, so the documents are checked
by `conforms` below: a validator of the keywords the schema uses, which refuses any
keyword it does not know rather than passing over it.
"""

from __future__ import annotations

import json
import re
import typing
from decimal import Decimal

import pytest
from click.testing import CliRunner
from pydantic import BaseModel
from support import ROOT

from drafter.plan import fields
from drafter.plan import schema as plan_schema
from drafter.plan import vocab
from drafter.plan.schema import SCHEMA_VERSION, PlanDocument
from drafter.plan.transfer import export_json, plan_file_schema, read_plan_file

SAMPLES = sorted((ROOT / "samples").glob("*.json"))
V1_EVERY_FIELD = ROOT / "tests" / "fixtures" / "v1-every-field.json"

VOCABULARIES = {item.name: item for item in vars(vocab).values() if isinstance(item, vocab.Vocab)}
MODELS = {name: model for name, model in vars(plan_schema).items()
          if isinstance(model, type) and issubclass(model, BaseModel)
          and model.__module__ == plan_schema.__name__}


@pytest.fixture(scope="module")
def published() -> dict:
    return plan_file_schema()


# --- A validator for the keywords the schema uses -------------------------------------

# Keywords that only annotate: they say what a value means, never whether it is valid.
ANNOTATIONS = {"$schema", "$comment", "title", "description", "default", "examples"}
TYPES = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "number": lambda value: isinstance(value, int | float) and not isinstance(value, bool),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
}
FORMATS = {"date": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")}


def resolve(root: dict, ref: str) -> dict:
    assert ref.startswith("#/$defs/"), f"a $ref outside the schema's own $defs: {ref}"
    name = ref.removeprefix("#/$defs/")
    assert name in root["$defs"], f"{ref} names no definition"
    return root["$defs"][name]


def conforms(root: dict, node: dict, value, where: str = "") -> list[str]:
    """The places where `value` breaks `node` (a schema in `root`): empty when valid."""
    problems = []
    for keyword, rule in node.items():
        if keyword in ANNOTATIONS or keyword.startswith("x-") or (keyword == "$defs"
                                                                    and node is root):
            continue
        here = f"{where or '(file)'}: {keyword}"
        if keyword == "$ref":
            problems += conforms(root, resolve(root, rule), value, where)
        elif keyword == "type":
            if not TYPES[rule](value):
                problems.append(f"{here}: {value!r} is not {rule}")
        elif keyword == "enum":
            if value not in rule:
                problems.append(f"{here}: {value!r} is not one of {rule}")
        elif keyword == "const":
            if value != rule or isinstance(value, bool) != isinstance(rule, bool):
                problems.append(f"{here}: {value!r} is not {rule!r}")
        elif keyword in ("anyOf", "oneOf"):
            passing = sum(not conforms(root, option, value, where) for option in rule)
            if passing == 0 or (keyword == "oneOf" and passing > 1):
                problems.append(f"{here}: {value!r} matches {passing} of the options")
        elif keyword == "properties":
            if isinstance(value, dict):
                for name, member in value.items():
                    if name in rule:
                        problems += conforms(root, rule[name], member, f"{where}.{name}")
        elif keyword == "additionalProperties":
            if isinstance(value, dict):
                for name, member in value.items():
                    if name in node.get("properties", {}):
                        continue
                    if rule is False:
                        problems.append(f"{here}: {name!r} is not a field here")
                    elif rule is not True:
                        problems += conforms(root, rule, member, f"{where}.{name}")
        elif keyword == "propertyNames":
            if isinstance(value, dict):
                for name in value:
                    problems += conforms(root, rule, name, f"{where} (key {name!r})")
        elif keyword == "required":
            if isinstance(value, dict):
                problems += [f"{here}: {name!r} is missing" for name in rule if name not in value]
        elif keyword == "items":
            if isinstance(value, list):
                for index, item in enumerate(value):
                    problems += conforms(root, rule, item, f"{where}.{index}")
        elif keyword in ("maxItems", "minItems", "maxLength", "minLength"):
            if isinstance(value, list if keyword.endswith("Items") else str):
                if (len(value) > rule) if keyword.startswith("max") else (len(value) < rule):
                    problems.append(f"{here}: {rule}, not {len(value)}")
        elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            if TYPES["number"](value):
                number, bound = Decimal(str(value)), Decimal(str(rule))
                broken = {"minimum": number < bound, "maximum": number > bound,
                          "exclusiveMinimum": number <= bound,
                          "exclusiveMaximum": number >= bound}[keyword]
                if broken:
                    problems.append(f"{here}: {value!r} against {rule!r}")
        elif keyword == "pattern":
            if isinstance(value, str) and not re.search(rule, value):
                problems.append(f"{here}: {value!r} does not match {rule}")
        elif keyword == "format":
            if isinstance(value, str) and not FORMATS[rule].fullmatch(value):
                problems.append(f"{here}: {value!r} is not a {rule}")
        else:
            raise AssertionError(f"{here}: a keyword this check does not know")
    return problems


def subschemas(node, path=""):
    """Every schema in `node` with its place: the node, its properties, items, options."""
    yield path, node
    for keyword, value in node.items():
        if keyword in ("properties", "$defs"):
            for name, child in value.items():
                yield from subschemas(child, f"{path}/{keyword}/{name}")
        elif keyword in ("items", "additionalProperties", "propertyNames") and isinstance(
                value, dict):
            yield from subschemas(value, f"{path}/{keyword}")
        elif keyword in ("anyOf", "oneOf", "allOf"):
            for index, child in enumerate(value):
                yield from subschemas(child, f"{path}/{keyword}/{index}")


def _model_schema(published: dict, name: str) -> dict:
    """The schema of a model of schema.py: the file itself for the document (a plan file
    is a document, with `section_status`), a definition for the others."""
    return published if name == "PlanDocument" else published["$defs"][name]


# --- Every field described ------------------------------------------------------------

def test_every_field_and_every_definition_has_a_description(published):
    missing = [f"properties/{name}" for name, member in published["properties"].items()
               if not member.get("description")]
    for name, definition in published["$defs"].items():
        if not definition.get("description"):
            missing.append(f"$defs/{name}")
        missing += [f"$defs/{name}/properties/{field}"
                    for field, member in definition.get("properties", {}).items()
                    if not member.get("description", "").strip()]
    assert not missing
    # Every model of the document is there, each field of it too.
    for name, model in MODELS.items():
        assert set(_model_schema(published, name)["properties"]) >= set(model.model_fields), name


def test_descriptions_are_sentences_written_for_people(published):
    for name, definition in published["$defs"].items():
        for field, member in definition.get("properties", {}).items():
            text = member["description"]
            assert text.endswith((".", ")")), f"{name}.{field}: {text}"
            assert len(text) >= 25 and text[0].isupper(), f"{name}.{field}: {text}"
    total = published["$defs"]["Budget"]["properties"]["total_cost"]["description"]
    assert "budget.currency" in total and "budget lines" in total


def test_describing_changed_no_field_every_field_is_still_optional():
    # Descriptions only: a half-written draft, or an empty file, is still a valid document.
    for name, model in MODELS.items():
        required = [field for field, info in model.model_fields.items() if info.is_required()]
        assert not required, name
    document = PlanDocument()
    assert document.leadership.members == [] and document.budget.lines == []
    assert [pillar.id for pillar in document.pillars.pillars] == vocab.STANDARD_PILLARS.values


# --- Every vocabulary listed, with labels -------------------------------------------

def _vocabulary_of(field) -> vocab.Vocab | None:
    """The vocabulary a model field's values are checked against, found from how it
    validates (a `Vocab.check`, or `fields.Answer`), not from its JSON Schema."""
    found = set()

    def look(item):
        for meta in getattr(item, "__metadata__", ()):
            look_at(meta)
        for arg in typing.get_args(item):
            look(arg)

    def look_at(meta):
        func = getattr(meta, "func", None)
        if isinstance(getattr(func, "__self__", None), vocab.Vocab):
            found.add(func.__self__.name)
        if func is fields._answer:
            found.add(vocab.ANSWERS.name)

    look(field.annotation)
    for meta in field.metadata:
        look_at(meta)
    assert len(found) <= 1
    return VOCABULARIES[found.pop()] if found else None


def _refs(node) -> set[str]:
    return {child["$ref"] for _path, child in subschemas(node) if "$ref" in child}


def _assert_lists(definition: dict, vocabulary: vocab.Vocab):
    assert definition["type"] == "string"
    assert definition["enum"] == vocabulary.values
    assert [option["const"] for option in definition["oneOf"]] == vocabulary.values
    assert [option["title"] for option in definition["oneOf"]] == [
        vocabulary.label(value) for value in vocabulary.values]
    assert all(option["title"] for option in definition["oneOf"])
    assert definition["description"]


def test_every_vocabulary_field_lists_exactly_its_values_with_labels(published):
    seen = set()
    for name, model in MODELS.items():
        for field_name, field in model.model_fields.items():
            member = _model_schema(published, name)["properties"][field_name]
            vocabularies = {ref for ref in _refs(member) if ref.startswith("#/$defs/vocab_")}
            vocabulary = _vocabulary_of(field)
            if vocabulary is None:
                assert not vocabularies, f"{name}.{field_name}"
                continue
            assert vocabularies == {f"#/$defs/vocab_{vocabulary.name}"}, f"{name}.{field_name}"
            _assert_lists(resolve(published, vocabularies.pop()), vocabulary)
            seen.add(vocabulary.name)
            if typing.get_origin(field.annotation) is list:
                assert member["type"] == "array"
    # Single values and lists alike; every vocabulary of the module is used.
    assert {"pillar", "group", "currency", "answer", "frequency", "resolution"} <= seen
    assert seen == set(VOCABULARIES)


def test_labels_are_english_and_codes_are_stable(published):
    pillars = published["$defs"]["vocab_pillar"]["oneOf"]
    assert pillars[0] == {"const": "prevention", "title": "Prevention"}
    assert pillars[3] == {"const": "relief_recovery", "title": "Relief and recovery"}
    answers = published["$defs"]["vocab_answer"]
    assert [(option["const"], option["title"]) for option in answers["oneOf"]] == [
        ("yes", "Yes"), ("no", "No"), ("not_stated", "Not stated")]
    assert answers["enum"] == vocab.ANSWERS.values
    resolutions = published["$defs"]["vocab_resolution"]["oneOf"]
    assert resolutions[0] == {"const": "1325", "title": "Resolution 1325 (2000)"}
    # An Answer field keeps its default beside the reference to the list.
    answer = published["$defs"]["Context"]["properties"]["cedaw_gr30_considered"]
    assert answer["default"] == "not_stated" and answer["$ref"] == "#/$defs/vocab_answer"


def test_currencies_are_listed_with_their_english_names(published):
    currencies = published["$defs"]["vocab_currency"]
    assert len(currencies["enum"]) == len(vocab.CURRENCIES.values) > 100
    by_code = {option["const"]: option for option in currencies["oneOf"]}
    assert by_code["USD"] == {"const": "USD", "title": "USD", "description": "US Dollar"}
    assert by_code["XOF"]["description"] == "West African CFA Franc"
    assert all(option.get("description") for option in currencies["oneOf"])


def test_a_partial_date_gives_its_pattern_examples_and_format(published):
    member = published["$defs"]["About"]["properties"]["adoption_date"]
    text, null = member["anyOf"]
    assert null == {"type": "null"}
    assert text["examples"] == ["2012", "2012-03", "2012-03-14"]
    assert "year and month" in text["description"]
    for good in ("2012", "2012-03", "2012-03-14"):
        assert not conforms(published, member, good)
    for bad in ("12-03-2012", "2012/03", "March 2012"):
        assert conforms(published, member, bad)


# --- The version and the dialect ------------------------------------------------------

def test_the_schema_states_its_version_and_dialect(published):
    assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert published["x-schema-version"] == SCHEMA_VERSION == 2
    version = published["properties"]["schema_version"]
    assert version["const"] == SCHEMA_VERSION and version["type"] == "integer"
    assert "version 1" in version["description"]
    assert f"Version {SCHEMA_VERSION}" in published["description"]
    assert published["title"] == "PlanFile"
    assert "section_status" in published["properties"]


# --- Well formed ----------------------------------------------------------------------

KEYWORDS = ANNOTATIONS | {
    "$ref", "$defs", "type", "enum", "const", "anyOf", "oneOf", "properties",
    "additionalProperties", "propertyNames", "required", "items", "maxItems", "minItems",
    "maxLength", "minLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "pattern", "format"}


def test_the_schema_is_well_formed(published):
    json.dumps(published)  # plain JSON: no lazy text, no Decimal
    referenced = set()
    for path, node in subschemas(published):
        unknown = {key for key in node if key not in KEYWORDS and not key.startswith("x-")}
        assert not unknown, f"{path}: {unknown}"
        if "$ref" in node:
            resolve(published, node["$ref"])
            referenced.add(node["$ref"].removeprefix("#/$defs/"))
        if "type" in node:
            assert node["type"] in TYPES, path
        if "enum" in node:
            assert len(set(map(json.dumps, node["enum"]))) == len(node["enum"]), path
        if "pattern" in node:
            re.compile(node["pattern"])
        if "format" in node:
            assert node["format"] in FORMATS, path
        for key in ("anyOf", "oneOf"):
            assert not isinstance(node.get(key), dict), path
        if "oneOf" in node and "enum" in node:
            assert [option["const"] for option in node["oneOf"]] == node["enum"], path
    assert referenced == set(published["$defs"]), "a definition nothing refers to"


# --- What the app writes is valid -----------------------------------------------------

def _as_exported(raw: bytes) -> dict:
    """A plan file as the app reads it (upgraded to the current version) and writes it."""
    document = read_plan_file(raw).as_document()
    return json.loads(export_json(document, {"about": "complete", "budget": "in_progress"}))


def _documents() -> list:
    documents = [pytest.param(PlanDocument().model_dump(mode="json"), id="new-document"),
                 pytest.param(_as_exported(V1_EVERY_FIELD.read_bytes()), id="v1-every-field")]
    for sample in SAMPLES:
        raw = json.loads(sample.read_text(encoding="utf-8"))
        if raw.get("schema_version") == SCHEMA_VERSION:
            documents.append(pytest.param(raw, id=sample.stem))
        # A sample in an older version is valid once upgraded, as the app reads it.
        documents.append(pytest.param(_as_exported(sample.read_bytes()),
                                      id=f"{sample.stem}-read-and-written"))
    return documents


@pytest.mark.parametrize("document", _documents())
def test_the_plans_the_app_writes_are_valid(published, document):
    assert not conforms(published, published, document)


def test_a_file_the_app_refuses_is_not_valid_against_the_schema_either(published):
    # The check above would pass anything if `conforms` did nothing.
    good = _as_exported(V1_EVERY_FIELD.read_bytes())
    assert good["about"]["resolutions"] and good["budget"]["currency"]

    def broken(change) -> list[str]:
        document = json.loads(json.dumps(good))
        change(document)
        return conforms(published, published, document)

    assert broken(lambda d: d["about"]["resolutions"].append("9999"))
    assert broken(lambda d: d["budget"].update(currency="XYZ"))
    assert broken(lambda d: d["context"].update(cedaw_gr30_considered=True))
    assert broken(lambda d: d["about"].update(adoption_date="8 March 2026"))
    assert broken(lambda d: d.update(schema_version=1))
    assert broken(lambda d: d["about"].update(colour="blue"))
    assert broken(lambda d: d.update(section_status={"about": "finished"}))
    assert broken(lambda d: d["about"].update(title="x" * (fields.LINE_MAX + 1)))
    assert good["budget"]["lines"][0]["amount"] is not None
    assert broken(lambda d: d["budget"]["lines"][0].update(amount=-5))


# --- The command ----------------------------------------------------------------------

def test_drafter_schema_prints_the_schema():
    from drafter.cli import cli

    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == plan_file_schema()
    assert '"$schema": "https://json-schema.org/draft/2020-12/schema"' in result.output


def test_inside_an_app_in_another_language_the_labels_stay_english():
    # The schema is a file-format standard: made inside an app whose locale is not English
    # (a web page, a command run with the app), its labels are the same English ones.
    from flask import Flask
    from flask_babel import Babel

    app = Flask(__name__)
    Babel(app, locale_selector=lambda: "fr")
    outside = plan_file_schema()
    with app.test_request_context():
        assert plan_file_schema() == outside
