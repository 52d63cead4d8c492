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

from ..i18n import gettext as _

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
    statuses = {"met": _("met"), "partly_met": _("partly met"), "not_met": _("not met")}
    lines = [_("%(name)s (version %(version)s)", name=card.checklist_name,
               version=card.checklist_version),
             _("Overall: %(score)s / 100", score=f"{card.overall:.1f}"), "", _("Areas:")]
    lines += [f"  {area.id:<4} {area.score:5.1f}  {area.title}" for area in card.areas]
    lines += ["", _("Criteria:")]
    for result in card.criteria:
        flag = _(" (critical)") if result.critical else ""
        lines.append(f"  {STATUS_MARKS[result.status]} {result.id:<6} {result.score:4.2f}  "
                     f"{result.title}{flag}")
        lines += [f"           - {sentence}" for sentence in result.evidence]
    if card.gaps:
        lines += ["", _("Gaps to work on first:")]
        for rank, gap in enumerate(card.gaps[:gaps], start=1):
            status = statuses[gap.status]
            lines.append(f"  {rank}. {gap.id} {gap.title} (" + (
                _("critical, %(status)s; section: %(section)s", status=status,
                  section=gap.section) if gap.critical else
                _("%(status)s; section: %(section)s", status=status, section=gap.section))
                + ")")
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
    from ..i18n import current_language
    from .checklist import ChecklistError, default_checklist_path, load_checklist
    from .scorer import score
    from .translation import in_language

    document = read_plan_or_fail(plan)
    try:
        checklist = load_checklist(checklist_path or default_checklist_path())
    except ChecklistError as problem:
        fail(problem.messages)
    card = score(document, in_language(checklist, current_language()))
    click.echo(to_json(card) if output == "json" else render_text(card))


@click.command("check-checklist")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def check_checklist_command(file: Path) -> None:
    """Validate the checklist FILE and say how many criteria and areas it has, then what
    its translations (checklists/translations/) still lack in each language the app
    speaks: a missing translation is reported, not an error (the checklist works; its
    texts show in its own language there)."""
    from .checklist import ChecklistError, load_checklist
    from .translation import translation_problems

    try:
        checklist = load_checklist(file)
    except ChecklistError as problem:
        fail(problem.messages)
    click.echo(_("OK: %(criteria)s criteria in %(areas)s areas",
                 criteria=len(checklist.criteria), areas=len(checklist.areas)))
    problems = translation_problems(checklist)
    for problem in problems:
        click.echo(problem)
    if not problems:
        click.echo(_("Translations: complete in every language."))
