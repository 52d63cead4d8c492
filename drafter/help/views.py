"""The help pages, open to everyone (no account needed).

URL table:
    GET  /help/glossary   terms and sources: the words and abbreviations the checklists use
    GET  /help/scoring    how scoring works: statuses, weights, critical criteria, areas,
                          and what the score does and does not say

`source_entry(key)`, a template global, gives the glossary entry for a source a checklist
names, so the scorecard links each source to its explanation.
"""

from __future__ import annotations

from flask import Blueprint, render_template

from . import glossary as entries
from .checklist_facts import checklist_facts

bp = Blueprint("help", __name__, url_prefix="/help")


@bp.app_template_global()
def source_entry(key: str):
    return entries.source(key)


@bp.get("/glossary")
def glossary():
    return render_template("help/glossary.html", glossary=entries.localized())


@bp.get("/scoring")
def scoring():
    return render_template("help/scoring.html", checklists=checklist_facts())
