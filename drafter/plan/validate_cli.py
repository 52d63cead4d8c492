"""`drafter validate PLAN.json`: check a plan file without a database.

The file is read and checked as an import checks it (`transfer.parse_document`: size,
encoding, JSON, a key twice in one object, the schema, rows with the same id, rows
naming rows that are not there), and every problem is printed in the words the import
page and `drafter import` use (`drafter.plans.problems`), one `FILE: message` line each
on stderr, with exit status 2. A file that would import prints what it holds and exits 0.

No app is built and no database opened. Imports beyond click are inside the command:
`drafter --help` imports this module for its short help.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import gettext as _


@click.command("validate")
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
def validate_command(plan: Path) -> None:
    """Check the plan file PLAN (JSON) and print every problem, without a database."""
    from ..scoring.cli import read_plan_or_fail
    from .schema import SECTION_MODELS

    document = read_plan_or_fail(plan, words=_in_words)
    # Sections that hold something (as the import counts them: not left as new).
    filled = sum(getattr(document, key) != model() for key, model in SECTION_MODELS.items())
    click.echo(_("OK: %(title)s, %(sections)s sections, %(actions)s actions, %(indicators)s "
                 "indicators, %(lines)s budget lines",
                 title=document.about.title or _("(untitled)"), sections=filled,
                 actions=len(document.actions.items),
                 indicators=len(document.indicators.items), lines=len(document.budget.lines)))


def _in_words(problem) -> list[str]:
    # Imported only for a refused file: the words name places with the wizard's labels.
    from ..plans.problems import problems_in_words

    return problems_in_words(problem)
