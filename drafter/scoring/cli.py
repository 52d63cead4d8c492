"""Command-line scoring: `score PLAN.json` and `check-checklist FILE`.

Both are plain click commands of the `drafter` group, and need no app: they never
import Flask. Problems with the input (a plan that does not import, a checklist that
does not load) print one line per problem to stderr and exit with status 2.

Imports beyond click are inside the functions: `drafter --help` imports this module for
the commands' short help, and must not pay for pydantic and YAML.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..plan.schema import PlanDocument
    from ..plan.transfer import ImportProblem
    from .scorer import Scorecard

BAD_INPUT = 2

STATUS_MARKS = {"met": "[x]", "partly_met": "[~]", "not_met": "[ ]"}


def fail(messages: list[str]) -> None:
    for message in messages:
        click.echo(message, err=True)
    raise click.exceptions.Exit(BAD_INPUT)


def read_plan_or_fail(plan: Path, words: Callable[[ImportProblem], list[str]] | None = None,
                      ) -> PlanDocument:
    """The plan document in the file `plan`; else each problem as a `PLAN: message` line,
    and exit. `words` says the file's problems (by default: their places as dotted paths)."""
    from ..plan.transfer import ImportProblem, parse_document

    try:
        raw = plan.read_bytes()
    except OSError as exc:
        fail([f"{plan}: cannot read the plan ({exc.strerror})"])
    try:
        return parse_document(raw)
    except ImportProblem as problem:
        fail([f"{plan}: {message}"
              for message in (words(problem) if words else problem.messages)])


def render_text(card: Scorecard, gaps: int = 10) -> str:
    """A readable scorecard: overall, areas, each criterion with its evidence, top gaps."""
    lines = [f"{card.checklist_name} (version {card.checklist_version})",
             f"Overall: {card.overall:.1f} / 100", "", "Areas:"]
    lines += [f"  {area.id:<4} {area.score:5.1f}  {area.title}" for area in card.areas]
    lines += ["", "Criteria:"]
    for result in card.criteria:
        flag = " (critical)" if result.critical else ""
        lines.append(f"  {STATUS_MARKS[result.status]} {result.id:<6} {result.score:4.2f}  "
                     f"{result.title}{flag}")
        lines += [f"           - {sentence}" for sentence in result.evidence]
    if card.gaps:
        lines += ["", "Gaps to work on first:"]
        for rank, gap in enumerate(card.gaps[:gaps], start=1):
            flag = "critical, " if gap.critical else ""
            lines.append(f"  {rank}. {gap.id} {gap.title} ({flag}{gap.status.replace('_', ' ')}; "
                         f"section: {gap.section})")
            lines.append(f"     {gap.advice}")
    return "\n".join(lines)


def to_json(card: Scorecard) -> str:
    import json

    data = card.to_dict()
    data["overall"] = card.overall
    return json.dumps(data, indent=2, ensure_ascii=False)


@click.command("score")
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--checklist", "checklist_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Checklist YAML (default: checklists/csag-2012.yaml).")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def score_command(plan: Path, checklist_path: Path | None, output: str) -> None:
    """Score the plan file PLAN (exported JSON) against a checklist."""
    from .checklist import ChecklistError, default_checklist_path, load_checklist
    from .scorer import score

    document = read_plan_or_fail(plan)
    try:
        checklist = load_checklist(checklist_path or default_checklist_path())
    except ChecklistError as problem:
        fail(problem.messages)
    card = score(document, checklist)
    click.echo(to_json(card) if output == "json" else render_text(card))


@click.command("check-checklist")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def check_checklist_command(file: Path) -> None:
    """Validate the checklist FILE and say how many criteria and areas it has."""
    from .checklist import ChecklistError, load_checklist

    try:
        checklist = load_checklist(file)
    except ChecklistError as problem:
        fail(problem.messages)
    click.echo(f"OK: {len(checklist.criteria)} criteria in {len(checklist.areas)} areas")
