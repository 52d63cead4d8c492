"""`drafter render PLAN.json --kind plan|gap --out FILE`: a report from a plan file.

The format follows the extension of FILE: .pdf for both kinds, .docx for the plan
draft only. A plan file that does not import, a checklist that does not load, or an
unknown extension prints one line per problem to stderr and exits with status 2,
like `drafter score`. The file is rendered afresh (no cache): it has no stored plan.
A plan too long to print whole is summarised as in the app (`page_budget`); `--full`
prints every row, for someone at a command line who chose to wait.

It runs inside the app (`with_app`): the report templates are the app's, with its Jinja
set-up and its translations. Imports beyond click are inside the command: `drafter
--help` imports this module for its short help, and must not pay for WeasyPrint.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..cli import with_app
from ..i18n import gettext as _
from ..scoring.cli import fail

FORMATS = {("plan", ".pdf"), ("plan", ".docx"), ("gap", ".pdf")}


@click.command("render")
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(["plan", "gap"]), default="plan", show_default=True,
              help="plan: the PDF or Word draft; gap: the gap report (PDF only).")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write; its extension (.pdf or .docx) sets the format.")
@click.option("--checklist", "checklist_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Checklist YAML for the gap report (default: csag-2012).")
@click.option("--full", is_flag=True,
              help="Print every row of a long plan's tables instead of summarising them "
                   "(a plan of thousands of rows may then take minutes and gigabytes).")
@click.option("--language", type=click.Choice(["en", "fr", "es", "ar", "pt"]), default=None,
              help="The report's language (default: the plan's own, About).")
@with_app
def render_command(plan: Path, kind: str, out: Path, checklist_path: Path | None,
                   full: bool, language: str | None) -> None:
    """Render the plan file PLAN (exported JSON) as a PDF draft, Word draft or gap report,
    in the plan's language (or --language)."""
    import datetime as dt

    from flask_babel import force_locale

    from ..plan.transfer import ImportProblem, parse_document
    from ..scoring import ChecklistError, load_checklist, score
    from ..scoring.checklist import default_checklist_path
    from ..scoring.translation import in_language
    from . import data, gapdata, pdf
    from .docx import plan_docx

    extension = out.suffix.lower()
    if (kind, extension) not in FORMATS:
        fail([(f"{out}: cannot write a {kind} report as '{extension or 'no extension'}'; "
               f"use .pdf{' or .docx' if kind == 'plan' else ''}")])
    try:
        document = parse_document(plan.read_bytes())
    except OSError as exc:
        fail([f"{plan}: cannot read the plan ({exc.strerror})"])
    except ImportProblem as problem:
        fail([f"{plan}: {message}" for message in problem.messages])
    today = dt.date.today()
    language = language or document.about.language
    with force_locale(language):
        if kind == "gap":
            try:
                checklist = load_checklist(checklist_path or default_checklist_path())
            except ChecklistError as problem:
                fail(problem.messages)
            report = gapdata.gap_report(document, score(document, in_language(checklist,
                                                                              language)),
                                        date=today)
        else:
            report = data.plan_report(document, date=today, full=full,
                                      kind="docx" if extension == ".docx" else "plan")
        if extension == ".docx":
            content = plan_docx(report)
        else:
            content = pdf.render_pdf(pdf.render_html(kind, report))
    out.write_bytes(content)
    click.echo(_("Wrote %(file)s (%(size)s KB).", file=out, size=len(content) // 1024))
