"""A page budget for a plan's drafts: a plan too long to print whole is printed with
its long tables shortened, and says so, rather than taking the machine (issue 18).

Why: every list in a plan may hold 2,000 rows (`plan.fields.LIST_MAX`). A plan within
every input limit, with 2,000 actions, indicators and budget lines, made a PDF draft
that took WeasyPrint 107 s and 1.2 GB, and its Word draft took python-docx 15 s. A
draft is for reading and printing; every row stays in the app and in the JSON export.

`summarise(report, rows)` takes a plan draft's data (`data.plan_report`) and returns
data whose long tables together hold at most `rows` rows:

- The tables that grow with the plan are cut: the objectives under each pillar, the
  results matrix, the indicators, the row tables of a section (members, risks,
  partners), the budget lines and the consultation events. Prose, facts and the
  budget's totals are never cut.
- A row weighs 1, plus 1 for every `ROW_CHARS` characters it holds. Measured with
  WeasyPrint, a row costs a fixed part plus a part per character, the two alike at
  about 400 characters; so an event with a long summary counts as the rows of print it
  fills, and a plan of few but very long rows is bounded too.
- The budget is shared fairly between the tables (`fair_shares`): a short table keeps
  all its rows and the long ones share the rest equally.
- A table keeps its first rows. In the results matrix and the objectives, rows are
  taken in turns (`taken_in_turns`): one action of every objective, then a second of
  every objective, and so on, so that every objective shows its first actions rather
  than the first objectives all of theirs and the last none.
- Each cut table carries a note ("This draft shows 150 of the plan's 2,000 actions..."),
  each objective or pillar cut short says how many more it has, the cover says the
  draft is summarised and the contents mark the shortened sections.
- Totals (cost, secured funding and funding gap by pillar and source, people heard)
  are computed by `data` over every row before this runs, so they stay true.

A report within its budget is returned as it is (the same object).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from flask import current_app
from flask_babel import format_number, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

ROW_CHARS = 400
# The settings that hold each draft's budget (defaults, and what they cost, in config.py).
SETTINGS = {"plan": "PDF_DRAFT_ROWS", "docx": "WORD_DRAFT_ROWS"}


def row_budget(kind: str = "plan") -> int | None:
    """Rows of long tables that a draft of `kind` ("plan": the PDF, "docx": the Word
    draft) may hold, from the app's settings; None (setting 0) for no budget."""
    return current_app.config[SETTINGS[kind]] or None


# --- weights and shares -------------------------------------------------------------------

def characters(value) -> int:
    """The characters of every string in `value` (a row: a dict, list or string)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(characters(item) for item in value.values())
    if isinstance(value, list | tuple):
        return sum(characters(item) for item in value)
    return 0


def weight(row) -> int:
    """What printing `row` costs, in rows: 1 and 1 more for every ROW_CHARS characters."""
    return 1 + characters(row) // ROW_CHARS


def fair_shares(sizes: list[int], budget: int) -> list[int]:
    """`budget` split between tables of `sizes` (max-min fair): each gets its size or an
    equal part of what the smaller ones left, whichever is less. Never more than
    `budget` in all."""
    shares = [0] * len(sizes)
    left = budget
    smallest_first = sorted(range(len(sizes)), key=sizes.__getitem__)
    for position, index in enumerate(smallest_first):
        shares[index] = min(sizes[index], left // (len(sizes) - position))
        left -= shares[index]
    return shares


def taken_in_turns(groups: list[list[int]], budget: int) -> list[int]:
    """How many leading rows of each group (their weights) fit in `budget`, taken in
    turns: the first row of every group, then the second of every group... A group
    stops at its first row that no longer fits, so each keeps a prefix of its rows."""
    kept = [0] * len(groups)
    left = budget
    open_groups = [index for index, group in enumerate(groups) if group]
    while open_groups:
        still_open = []
        for index in open_groups:
            cost = groups[index][kept[index]]
            if cost > left:
                continue
            left -= cost
            kept[index] += 1
            if kept[index] < len(groups[index]):
                still_open.append(index)
        open_groups = still_open
    return kept


def _headed(head: int, rows: list[int]) -> list[int]:
    """A group whose heading (a pillar, an objective) is only printed with its first row."""
    return [head + rows[0], *rows[1:]] if rows else [head]


# --- the notes ----------------------------------------------------------------------------

# What a cut table says, by what its rows are; "rows" for a section's own tables.
NOTES = {
    "actions": _l("This draft shows %(shown)s of the plan's %(total)s actions, the first "
                  "under each objective, to keep the file printable. Every action is on the "
                  "plan's “%(page)s” page and in its JSON export."),
    "objectives": _l("This draft shows %(shown)s of the plan's %(total)s objectives, the "
                     "first under each pillar, to keep the file printable. Every objective "
                     "is on the plan's “%(page)s” page and in its JSON export."),
    "indicators": _l("This draft shows the first %(shown)s of the plan's %(total)s "
                     "indicators, to keep the file printable. Every indicator is on the "
                     "plan's “%(page)s” page and in its JSON export."),
    "lines": _l("This annex shows the first %(shown)s of the plan's %(total)s budget lines, "
                "to keep the file printable; every total counts all the lines. Every line "
                "is on the plan's “%(page)s” page and in its JSON export."),
    "events": _l("This annex shows the first %(shown)s of the plan's %(total)s consultation "
                 "events, to keep the file printable; the figures above count all the "
                 "events. Every event is on the plan's “%(page)s” page and in its JSON "
                 "export."),
    "rows": _l("This table shows its first %(shown)s of %(total)s rows, to keep the file "
               "printable. Every row is on the plan's “%(page)s” page and in its JSON "
               "export."),
}


def _cut(kind: str, shown: int, total: int, page: str) -> dict:
    """What a table cut to `shown` of its `total` rows carries: the counts and its note
    (translated now, in the report's locale)."""
    note = str(NOTES[kind]) % {"shown": format_number(shown), "total": format_number(total),
                               "page": page}
    return {"shown": shown, "total": total, "note": note}


# --- the tables ---------------------------------------------------------------------------

@dataclass
class Table:
    """A list of the report that grows with the plan: its rows' weights in groups taken
    in turns, and how to make its data keeping the first `kept[i]` rows of group i."""

    key: object  # the block dict (by identity), "budget" or "consultation"
    groups: list[list[int]]
    cut: Callable[[list[int]], dict]

    @property
    def size(self) -> int:
        return sum(map(sum, self.groups))


def _rows_table(block: dict, rows: list, kind: str, page: str, key: object = None,
                field: str = "rows") -> Table:
    def cut(kept: list[int]) -> dict:
        return {**block, field: rows[:kept[0]], "cut": _cut(kind, kept[0], len(rows), page)}

    return Table(block if key is None else key, [[weight(row) for row in rows]], cut)


def _outline(block: dict, page: str) -> Table:
    """The pillars and their objectives: each pillar is a group, its objectives its rows."""
    pillars = block["pillars"]
    groups = [_headed(weight([pillar["name"], pillar["description"]]),
                      [weight(objective) for objective in pillar["objectives"]])
              for pillar in pillars]

    def cut(kept: list[int]) -> dict:
        out = []
        for pillar, count in zip(pillars, kept):
            if count:
                hidden = len(pillar["objectives"]) - count
                out.append({**pillar, "objectives": pillar["objectives"][:count]})
                if hidden > 0:
                    out[-1]["more"] = ngettext(
                        "%(count)s more objective under this pillar is not shown in this draft.",
                        "%(count)s more objectives under this pillar are not shown in this draft.",
                        hidden, count=format_number(hidden))
        total = sum(len(pillar["objectives"]) for pillar in pillars)
        shown = sum(len(pillar["objectives"]) for pillar in out)
        return {**block, "pillars": out, "cut": _cut("objectives", shown, total, page)}

    return Table(block, groups, cut)


def _matrix(block: dict, page: str) -> Table:
    """The results matrix: each objective is a group and its actions its rows. Turns go
    across pillars too (every pillar's first objective, then every pillar's second), so
    if even the objectives are too many, each pillar keeps its first ones."""
    places = sorted(((p, o) for p, pillar in enumerate(block["pillars"])
                     for o in range(len(pillar["objectives"]))), key=lambda at: (at[1], at[0]))
    groups = []
    for p, o in places:
        objective = block["pillars"][p]["objectives"][o]
        head = weight([value for name, value in objective.items() if name != "actions"])
        groups.append(_headed(head, [weight(action) for action in objective["actions"]]))

    def cut(kept: list[int]) -> dict:
        counts = dict(zip(places, kept))
        pillars, actions, shown_actions, objectives = [], 0, 0, 0
        for p, pillar in enumerate(block["pillars"]):
            kept_objectives = []
            for o, objective in enumerate(pillar["objectives"]):
                objectives += 1
                actions += len(objective["actions"])
                if not counts[p, o]:
                    continue
                rows = objective["actions"][:counts[p, o]]
                shown_actions += len(rows)
                kept_objectives.append({**objective, "actions": rows})
                if hidden := len(objective["actions"]) - len(rows):
                    kept_objectives[-1]["more"] = ngettext(
                        "%(count)s more action under this objective is not shown in this draft.",
                        "%(count)s more actions under this objective are not shown in this draft.",
                        hidden, count=format_number(hidden))
            if kept_objectives:
                pillars.append({**pillar, "objectives": kept_objectives})
        note = _cut("actions", shown_actions, actions, page)
        shown_objectives = sum(len(pillar["objectives"]) for pillar in pillars)
        if shown_objectives < objectives:
            note["note"] += " " + _(
                "Only %(shown)s of the plan's %(total)s objectives fit in this draft.",
                shown=format_number(shown_objectives), total=format_number(objectives))
        return {**block, "pillars": pillars, "cut": note}

    return Table(block, groups, cut)


def _total_of_all(budget: dict) -> dict:
    """The budget lines cut short: their "Total" row, under the lines shown, names what
    it adds up, so nobody takes it for the sum of the lines above it."""
    count = format_number(budget["cut"]["total"])
    return {**budget, "cut": {**budget["cut"],
                              "total_name": _("Total of all %(count)s lines", count=count)}}


def _block_tables(blocks: list[dict], page: str) -> Iterator[Table]:
    for block in blocks:
        kind = block["type"]
        if kind == "group":
            yield from _block_tables(block["blocks"], page)
        elif kind == "table":
            yield _rows_table(block, block["rows"], "rows", page)
        elif kind == "indicators":
            yield _rows_table(block, block["rows"], "indicators", page)
        elif kind == "pillars":
            yield _outline(block, page)
        elif kind == "matrix":
            yield _matrix(block, page)


def tables(report: dict) -> list[Table]:
    """Every list of the report that grows with the plan, in the report's order."""
    found = [table for section in report["sections"]
             for table in _block_tables(section["blocks"], section["title"])]
    titles = {section["key"]: section["title"] for section in report["sections"]}
    budget, consultation = report["budget"], report["consultation"]
    lines = _rows_table(budget, budget["lines"], "lines", titles.get("budget", ""),
                        key="budget", field="lines")
    found.append(Table(lines.key, lines.groups, lambda kept: _total_of_all(lines.cut(kept))))
    found.append(_rows_table(consultation, consultation["events"], "events",
                             titles.get("consultation", ""), key="consultation",
                             field="events"))
    return found


# --- the summarised report ----------------------------------------------------------------

def _with_cuts(blocks: list[dict], cuts: dict[int, dict]) -> tuple[list[dict], bool]:
    """`blocks` with each cut block replaced (groups rebuilt only if something inside
    them was cut), and whether anything was."""
    out, changed = [], False
    for block in blocks:
        new = cuts.get(id(block))
        if new is None and block["type"] == "group":
            inner, inner_changed = _with_cuts(block["blocks"], cuts)
            new = {**block, "blocks": inner} if inner_changed else None
        out.append(block if new is None else new)
        changed = changed or new is not None
    return out, changed


def summarise(report: dict, rows: int | None) -> dict:
    """`report` (a plan draft's data) with its long tables holding at most `rows` rows
    in all (weighed by `weight`), a note in each table cut, the cut sections marked and
    a "summary" for the cover; `report` itself if it fits, or if `rows` is None."""
    if rows is None:
        return report
    found = tables(report)
    sizes = [table.size for table in found]
    if sum(sizes) <= rows:
        return report
    cuts = {}
    for table, share, size in zip(found, fair_shares(sizes, rows), sizes):
        if share < size:
            cuts[table.key if isinstance(table.key, str) else id(table.key)] = \
                table.cut(taken_in_turns(table.groups, share))
    sections = []
    for section in report["sections"]:
        blocks, changed = _with_cuts(section["blocks"], cuts)
        sections.append({**section, "blocks": blocks, "cut": True} if changed else section)
    return {
        **report, "sections": sections,
        "budget": cuts.get("budget", report["budget"]),
        "consultation": cuts.get("consultation", report["consultation"]),
        "summary": {"rows": rows, "note": _(
            "This draft is summarised: the plan is too long to print whole, so its longest "
            "tables show only their first rows, each with a note saying how many. Totals "
            "count every row. The whole plan is in NAP Drafter and in its JSON export.")},
    }
