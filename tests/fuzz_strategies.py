"""Hypothesis strategies for fuzzing NAP Drafter: hostile form posts and damaged plan files.

Shared by `tests/test_fuzz.py` (a short run in the suite) and `benchmarks/fuzz_long.py`
(a long run). Nothing here touches the database: a strategy draws *what* to send; the
oracles in `tests/fuzzing.py` send it and judge the answer.

A drawn request is a `FormCase`: the endpoint, its URL arguments and the posted pairs
(or, for a page, its query), how the body is encoded, and whether it carries its CSRF
token. Values that only the running world knows (the plan's id, a section's current
version) are drawn as references, `Ref("plan_id")`, and filled in just before the
request; a URL part no `url_for` would build (an id of other digits) is a `Raw`.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = {path.name: json.loads(path.read_text(encoding="utf-8"))
           for path in sorted((ROOT / "samples").glob("*.json"))}

STEP_KEYS = ["about", "context", "leadership", "consultation", "pillars", "actions",
             "indicators", "budget", "monitoring", "localisation", "regional", "review"]
ITEM_OF = {"consultation": "e1", "actions": "a1", "indicators": "i1", "budget": "b1"}
MISSING = 987_654  # an id of nothing


@dataclass(frozen=True)
class Ref:
    """A value only the running world knows: "plan_id", "version" (the section's current
    version), "section_json" (the section as saved), "user:editor"..."""

    name: str

    def __repr__(self) -> str:
        return f"@{self.name}"


@dataclass(frozen=True)
class Raw:
    """Text put into a URL as it is, where an id goes: what `url_for` would refuse."""

    text: str

    def __repr__(self) -> str:
        return f"raw:{self.text[:30]!r}"


# Ids past what a column holds, and digits of other scripts (which int() reads, or which
# str.isdigit() passes and int() refuses): each once a 500 somewhere.
ODD_IDS = [str(2 ** 31), str(2 ** 63), "99999999999999999999999", "9" * 5000, "²", "١",
           "٣٣", str(2 ** 31 - 1), str(2 ** 63 - 1), "１２", "𝟚", "①", "³⁵", "0", "-1", "1.0",
           "01"]
# A multipart part whose name the parser cannot read: it reaches the app with no name.
NAMELESS = "odd\tname\n\x84"
# Bodies that are no form, and nests deeper than any reader's stack.
DEEP = ["[" * 100_000, '{"a": ' * 50_000, "[" * 3000 + "]" * 3000,
        '{"items": ' + "[" * 5000 + "]" * 5000 + "}"]

# --- values -------------------------------------------------------------------------

_chars = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be sent at all
ODD_STRINGS = [
    "", " ", "\x00", "\t\r\n", "\r", "\u202e\u200f", "\ufeff", "<script>alert(1)</script>",
    "{{ 7*7 }}", "NaN", "-NaN", "sNaN", "Infinity", "-Infinity", "1e309", "-0", "0x1F",
    "١٢٣٤", "２０２６", "𝟚𝟘𝟚𝟞", "²", "٣", "null", "[]", "{}", "None", "true", "\\", "'", "\"",
    "a" * 201, "b" * 501, "c" * 20_001, "%00", "../../etc/passwd", "ÿ\u0100\U0001F600",
]
short_text = st.text(alphabet=_chars, max_size=40)
long_text = st.builds(lambda piece, times: piece * times,
                      st.text(alphabet=_chars, min_size=1, max_size=3), st.integers(1, 25_000))
any_text = st.one_of(short_text, st.sampled_from(ODD_STRINGS), long_text)

integers = st.one_of(
    st.integers(-(10 ** 30), 10 ** 30).map(str),
    st.sampled_from(["1989", "1990", "2026", "2100", "2101", "0", "-1", "21", "10000001",
                     " 2026 ", "2026.0", "2,026", "+7", "1_000", "9" * 5000]),
    any_text)
decimals = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
    st.sampled_from(["1e15", "999999999999999.99", "1000000000000000", "0.001", "-0.01",
                     "1.005", "12,50", "1 000", "1e-400", "1E+5000", "sNaN", "-sNaN"]),
    any_text)
dates = st.one_of(
    st.dates().map(lambda day: day.isoformat()),
    st.sampled_from(["2026-02-30", "2026-13-01", "0000-00-00", "0001-01-01", "9999-12-31",
                     "2026-1-1", "01/02/2026", "2026-02-28T10:00", "20260228", "-2026-01-01"]),
    any_text)
flags = st.one_of(st.sampled_from(["y", "on", "1", "true", "false", "", "0", "off", "n"]),
                  any_text)


def one_of_known(values: list[str]) -> st.SearchStrategy[str]:
    """Mostly a value the form offers, sometimes anything at all."""
    if not values:
        return any_text
    return st.one_of(st.sampled_from(values), st.sampled_from(values), any_text)


# --- form specs ---------------------------------------------------------------------

@dataclass(frozen=True)
class FieldSpec:
    """One posted name: its kind ("text", "int", "decimal", "date", "bool", "choice",
    "multi", "lines", "rows", "version", "hidden", "email", "password") and, for choices,
    the known values."""

    name: str
    kind: str
    choices: tuple[str, ...] = ()
    row: tuple["FieldSpec", ...] = ()


ENCODINGS = ["urlencoded"] * 5 + ["multipart"] * 4 + ["json", "json-deep", "text"]


@dataclass
class FormCase:
    """One drawn request: endpoint, URL arguments (values, `Ref`s or `Raw`s), posted pairs
    (a page's query when `method` is GET), the body's `encoding` ("urlencoded",
    "multipart", or what no form is: "json", "json-deep", "text"), and whether the CSRF
    `token` is sent ("valid" or "missing") from a page of this `site` (Sec-Fetch-Site)."""

    endpoint: str
    args: dict
    pairs: list[tuple[str, str]] = field(default_factory=list)
    encoding: str = "urlencoded"
    as_role: str = "owner"
    method: str = "POST"
    token: str = "valid"
    site: str = "same-origin"

    def __repr__(self) -> str:  # shown with a failure: short enough to read
        def short(text):
            return text if not isinstance(text, str) or len(text) < 120 else (
                f"{text[:60]}…({len(text)} chars)")

        shown = [(short(key), short(value)) for key, value in self.pairs]
        return (f"FormCase({self.method} {self.endpoint!r}, args={self.args!r}, "
                f"encoding={self.encoding!r}, token={self.token!r}, site={self.site!r}, "
                f"as_role={self.as_role!r}, pairs={shown!r})")


ROW_INDICES = [0, 0, 1, 1, 2, 3, 7, "01", "-1", "x", "1e3", 4999, 999_999_999, "²", "١",
               "9" * 30, "9" * 5000]
VERSIONS = [Ref("version")] * 6 + ["0", "-5", "abc", "", "99999999999999999999", "1.5", "١",
                                   "２", "9" * 5000]


PASSWORD = "correct horse battery"  # every fuzzed account's password (as in tests/support.py)
emails = st.one_of(st.emails(), st.sampled_from(["fuzz-owner@example.org", "a@b", "@", "x@y..z"]))
passwords = st.one_of(st.sampled_from([PASSWORD, PASSWORD + " staple"]),
                      st.text(alphabet=_chars, min_size=12, max_size=40))

# Values a careful person might type: most posts made of these are saved, so the oracles
# for accepted posts get exercised too, not only the refusals.
TAME = {
    "text": st.text(alphabet=st.characters(categories=("L", "N", "P", "Zs")), min_size=1,
                    max_size=30),
    "hidden": st.just(""),
    "lines": st.lists(st.text(alphabet=_chars, max_size=20), max_size=5).map("\n".join),
    "int": st.integers(1990, 2100).map(str),
    "decimal": st.decimals(0, 10 ** 6, places=2).map(str),
    "date": st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)).map(dt.date.isoformat),
    "bool": st.sampled_from(["y", ""]), "version": st.just(Ref("version")),
    "email": emails, "password": passwords,
}


def value_for(spec: FieldSpec, tame: bool = False) -> st.SearchStrategy:
    """What one field gets: a string, or a list of strings (several values under one key)."""
    if tame:
        if spec.kind in ("choice", "multi") and spec.choices:
            known = st.sampled_from(spec.choices)
            return st.lists(known, max_size=3, unique=True) if spec.kind == "multi" else known
        return TAME.get(spec.kind, TAME["text"])
    single = {
        "text": any_text, "lines": st.one_of(any_text, st.lists(short_text, max_size=300)
                                             .map("\n".join)),
        "int": integers, "decimal": decimals, "date": dates, "bool": flags,
        "choice": one_of_known(list(spec.choices)), "hidden": any_text,
        "version": st.sampled_from(VERSIONS),
        "email": st.one_of(emails, any_text), "password": st.one_of(passwords, any_text),
    }.get(spec.kind, any_text)
    if spec.kind == "multi":
        return st.lists(one_of_known(list(spec.choices)), max_size=8)
    # Mostly one value; sometimes a list for a single field, or the key twice.
    return st.one_of(single, single, single, st.lists(single, min_size=2, max_size=3))


@st.composite
def pairs_for(draw, specs: tuple[FieldSpec, ...]) -> list[tuple[str, str]]:
    """Posted pairs for a form: any subset of its fields (others missing), row fields with
    odd indices, duplicated keys, and a few names the form does not know."""
    pairs: list[tuple[str, str]] = []
    tame = draw(st.integers(0, 2)) == 0  # a third of the posts are careful ones

    def put(name: str, value) -> None:
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, item))

    for spec in specs:
        if spec.kind == "rows":
            indices = st.sampled_from([0, 1, 2] if tame else ROW_INDICES)
            ids = st.sampled_from(["", "r1"] if tame else ["", "r1", "a1", "bad id!", "x" * 41])
            for index in draw(st.lists(indices, max_size=4, unique=tame)):
                for sub in spec.row:
                    if draw(st.integers(0, 3)):
                        name = f"{spec.name}-{index}-{sub.name}"
                        put(name, draw(ids if sub.name == "id" else value_for(sub, tame)))
        elif draw(st.integers(0, 3)):  # a quarter of the fields go missing
            put(spec.name, draw(value_for(spec, tame)))
    for _ in range(0 if tame else draw(st.integers(0, 2))):
        pairs.append((draw(short_text), draw(any_text)))
    if pairs and not tame and draw(st.integers(0, 4)) == 0:  # the same key posted again
        pairs.append(draw(st.sampled_from(pairs)))
    return draw(st.permutations(pairs)) if len(pairs) < 40 else pairs


# --- plan files ---------------------------------------------------------------------

def _paths(node, prefix=()):
    """Every place in a JSON tree, as a tuple of keys and indices."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


def _get(node, path):
    for part in path:
        node = node[part]
    return node


WRONG_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(10 ** 20), 10 ** 20), st.floats(),
    short_text, st.sampled_from(ODD_STRINGS), st.builds(list), st.builds(dict),
    st.sampled_from([10 ** 400, -(10 ** 19), 2 ** 63, 1e308, "9" * 30, "2026-02-30",
                     "__NEST_40__", "__NEST_2000__", "__NEST_200000__", "__BIGINT_5000__",
                     "__BIGINT_100000__"]),
    st.lists(short_text, max_size=3), st.dictionaries(short_text, short_text, max_size=2))


@st.composite
def mutated_tree(draw, tree):
    """One change to a JSON tree: a key dropped, a value of the wrong type, an unknown
    field, a row copied (its id twice) or removed, a deep nest, a huge number."""
    paths = [path for path in _paths(tree) if path]
    if not paths:
        return draw(WRONG_VALUES)
    path = draw(st.sampled_from(paths))
    parent, last = _get(tree, path[:-1]), path[-1]
    operation = draw(st.sampled_from(["drop", "wrong", "wrong", "unknown", "copy", "long"]))
    if operation == "drop":
        del parent[last]
    elif operation == "wrong":
        parent[last] = draw(WRONG_VALUES)
    elif operation == "unknown":
        target = _get(tree, path) if isinstance(_get(tree, path), dict) else tree
        target[draw(st.sampled_from(["extra", "notes", "id", "__proto__", "schema_version"]))] = \
            draw(WRONG_VALUES)
    elif operation == "copy" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif operation == "long" and isinstance(parent[last], str) and parent[last]:
        # Long enough to pass every limit of the schema, short enough to upload.
        parent[last] = parent[last] * draw(st.integers(2, max(2, 60_000 // len(parent[last]))))
    return tree


def _expand(text: str) -> str:
    """Turn the placeholders for things json.dumps cannot write into their text."""
    for depth in (40, 2000, 200_000):
        text = text.replace(f'"__NEST_{depth}__"', "[" * depth + "1" + "]" * depth)
    for digits in (5000, 100_000):
        text = text.replace(f'"__BIGINT_{digits}__"', "9" * digits)
    return text


@dataclass
class PlanFile:
    filename: str
    content_type: str
    raw: bytes
    story: list[str]

    def __repr__(self) -> str:
        head = self.raw[:80]
        return (f"PlanFile({self.filename!r}, {self.content_type!r}, {len(self.raw)} bytes, "
                f"starts {head!r}, made by {self.story})")


@st.composite
def plan_files(draw) -> PlanFile:
    """A sample plan, damaged on purpose: as a tree, as text, then as bytes."""
    name = draw(st.sampled_from(sorted(SAMPLES)))
    tree = copy.deepcopy(SAMPLES[name])
    story = [name]
    for _ in range(draw(st.integers(0, 4))):
        tree = draw(mutated_tree(tree))
        story.append("tree")
    text = _expand(json.dumps(tree, indent=draw(st.sampled_from([None, 2])),
                              ensure_ascii=draw(st.booleans())))
    encoding = draw(st.sampled_from(["utf-8"] * 8 + ["utf-8-sig", "utf-16", "latin-1", "cp1252"]))
    raw = text.encode(encoding, errors="replace")
    story.append(encoding)
    damage = draw(st.sampled_from(["none"] * 6 + ["truncate", "insert", "binary", "signature",
                                                  "not-object", "duplicate-key"]))
    if damage == "truncate":
        raw = raw[:draw(st.integers(0, max(0, len(raw) - 1)))]
    elif damage == "insert":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    elif damage == "binary":
        raw = draw(st.binary(max_size=200))
    elif damage == "signature":
        raw = draw(st.sampled_from([b"PK\x03\x04", b"%PDF-1.7\n", b"\xd0\xcf\x11\xe0",
                                    b"\x89PNG\r\n\x1a\n", b"\x1f\x8b\x08"])) + raw[:200]
    elif damage == "not-object":
        raw = draw(st.sampled_from([b"[]", b"null", b"42", b'"plan"', b"", b"   ", b"[{}]"]))
    elif damage == "duplicate-key":
        raw = raw.replace(b'"about":', b'"about": {}, "about":', 1)
    story.append(damage)
    filename = draw(st.sampled_from(["plan.json"] * 8 + ["PLAN.JSON", "plan.json.pdf", "plan",
                                                        "../../etc/plan.json", "план.json"]))
    content_type = draw(st.sampled_from(["application/json"] * 4 + [
        "application/octet-stream", "text/plain", "", "text/json; charset=utf-8"]))
    return PlanFile(filename, content_type, raw, story)
