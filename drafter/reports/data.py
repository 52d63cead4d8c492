"""The plain data a report is made from: dicts of strings, numbers and lists.

The templates, the Word writer and the cache key all read what is built here and
nothing else, so a report can never reach the database or a live model, and the hash
of this data (with the templates) says exactly when a cached PDF is still good.

Labels come from the wizard's own forms (each label is written once, in the form),
values are shown as "Check your plan" shows them (`wizard.summary.display`: an answer as
"Yes", "No" or "Not stated"), except that dates are written out as a reader reads them
("March 2012" for a date given in part, `when`) and amounts carry the plan's currency;
every string is translated in the active locale, which is part of the data too.

Shape of a plan draft (`plan_report`)::

    {"kind": "plan", "locale", "final", "cover": {...}, "sections": [
        {"key", "title", "landscape", "empty", "blocks": [{"type": "facts"|"prose"|
         "table"|"pillars"|"matrix"|"indicators"|"budget"|"events", ...}]}],
     "budget": {...totals and lines...}, "consultation": {...events...},
     "summary": None | {"rows", "note"}}

A plan too long to print whole is summarised (`page_budget`): its long tables keep their
first rows, and each table cut carries "cut": {"shown", "total", "note"}.

The gap report's data is built in `gapdata`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from babel import dates as babel_dates
from flask_babel import format_date, format_datetime, format_number
from flask_babel import gettext as _
from wtforms import BooleanField, FieldList, IntegerField, SelectFieldBase, TextAreaField

from ..i18n import date_pattern
from ..plan import vocab as v
from ..plan.fields import PARTIAL_DATE
from ..plan.schema import PlanDocument
from ..plan.store import LoadedPlan
from ..wizard.binding import CONTROL_FIELDS, model_values
from ..wizard.forms.common import AmountField, LinesField, PartialDateField, unanswered
from ..wizard.steps import STEPS
from ..wizard.summary import display_value
from .budget import budget_totals, money
from .labels import current_locale, text_of, vocab_label, vocab_labels
from .page_budget import row_budget, summarise

# Sections whose list is drawn as a wide table, on landscape pages.
LANDSCAPE = {"actions", "indicators"}
# Row lists that a section draws in its own way rather than as a plain table.
CUSTOM_LISTS = {"pillars", "objectives"}


def paragraphs(text: str) -> list[str]:
    """Prose split at blank lines; single line breaks stay inside a paragraph."""
    return [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]


def when(value: dt.date | dt.datetime | str | None, pattern: str = "d MMMM yyyy") -> str:
    """A date as the reader's locale writes it: "14 March 2012" for `pattern`.

    A date the plan gives in part (`fields.PartialDate`, text) is written as far as it
    goes: "2012-03" as "March 2012" (with the month as short as `pattern` has it: "Mar
    2012" for "d MMM yyyy"), "2012" as "2012".
    """
    if not value:
        return ""
    if isinstance(value, dt.datetime):  # Flask-Babel moves it to the reader's time zone
        return format_date(value, date_pattern(pattern))
    if isinstance(value, str):
        return _partial_date_text(value, pattern, current_locale())
    return _date_text(value, pattern, current_locale())


@functools.lru_cache(maxsize=4096)
def _date_text(day: dt.date, pattern: str, locale: str) -> str:
    # A plan repeats the same few dates (action starts and ends) many times.
    return babel_dates.format_date(day, date_pattern(pattern, locale), locale=locale)


@functools.lru_cache(maxsize=1024)
def _partial_date_text(value: str, pattern: str, locale: str) -> str:
    match = PARTIAL_DATE.fullmatch(value)
    if not match:  # never stored (the document refuses it), but never an error in print
        return value
    year, month, day = (int(part) if part else None
                        for part in match.group("year", "month", "day"))
    if day:
        return _date_text(dt.date(year, month, day), pattern, locale)
    if month:
        # The locale's own order for a month and year ("March 2012", "marzo de 2012").
        skeleton = "yMMMM" if "MMMM" in pattern else "yMMM"
        return babel_dates.format_skeleton(skeleton, dt.date(year, month, 1), locale=locale)
    return str(year)


def number(value: int | None) -> str:
    """A count as the reader's locale writes it: "8,000" in English, "8 000" in French;
    "" for no value. Amounts of money are `budget.money`."""
    return "" if value is None else format_number(value)


def timeline(start: dt.date | None, end: dt.date | None) -> str:
    if not (start or end):
        return ""
    # No-break spaces inside each date, so a narrow column breaks only at the dash.
    dates = (when(day, "MMM yyyy").replace(" ", "\u00a0") for day in (start, end))
    return " – ".join(part for part in dates if part)


def with_year(value: str, year: int | None) -> str:
    if value and year:
        return f"{value} ({year})"
    return value or (str(year) if year else "")


# --- generic sections: the step's form gives the labels and groups -----------------------
#
# Each step's form is built once per process, empty, and only read: it names the fields,
# their labels, groups and choices. Values come straight from the section model. Building
# twelve filled-in forms per report (and translating every choice of every select) was
# most of the time it took to build a report's data, which every cached download needs.

_BLANK_FORMS: dict[str, object] = {}


def _blank_form(step):
    form = _BLANK_FORMS.get(step.key)
    if form is None:
        # No CSRF: the form only names and formats values, it is never posted.
        form = _BLANK_FORMS[step.key] = step.form(formdata=None, meta={"csrf": False})
    return form


def is_count(field) -> bool:
    """A field made by the wizard's `count()` (people, seats), whose value is a quantity.
    Years are integer fields too, and must never be grouped ("2,026"): the class that
    `count()` and `year()` give their inputs is what tells the two apart."""
    return isinstance(field, IntegerField) and \
        "input-count" in (field.render_kw or {}).get("class", "").split()


def shown(field, value, currency: str | None = None) -> str:
    """`value` as "Check your plan" shows it in `field` (`wizard.summary.display_value`),
    translating only the labels of the chosen options; counts with thousands separators,
    dates in words ("March 2012"), amounts with the plan's currency."""
    if is_count(field) and isinstance(value, int):
        return number(value)
    if isinstance(field, PartialDateField):
        return when(value)
    if isinstance(field, AmountField) and value is not None:
        return f"{currency}\u00a0{money(value)}" if currency else money(value)
    labels = None
    if isinstance(field, SelectFieldBase) and field.choices:
        chosen = set(value) if isinstance(value, list) else {value}
        labels = {choice.value: text_of(choice.label) for choice in field.choices
                  if choice.value in chosen}
    return display_value(field, value, labels)


def _rows_table(field: FieldList, rows: list[dict],
               currency: str | None = None) -> tuple[list[str], list[list[str]], list[int]]:
    """A list of rows (members, risks, evaluations) as column headings and cells, and
    which columns hold quantities (counts, amounts), set right so their digits line up."""
    template = field.entries[0].form if field.entries else field.unbound_field.args[0]()
    names = [name for name in template._fields if name != "id"]
    numeric = [index for index, name in enumerate(names)
               if is_count(template[name]) or isinstance(template[name], AmountField)]
    return ([text_of(template[name].label.text) for name in names],
            [[shown(template[name], row.get(name), currency) for name in names]
             for row in rows], numeric)


def _says_nothing(field, value) -> bool:
    """A yes/no fact every blank form has: a checkbox, or an answer left "not stated".
    Printed, but it does not make a section written; a "yes" or "no" given does."""
    return isinstance(field, BooleanField) or unanswered(field, value)


def _groups(form) -> list[tuple[str, list[str]]]:
    names = [name for name in form._fields if name not in CONTROL_FIELDS]
    groups = [(text_of(heading), list(members))
              for heading, members in getattr(form, "groups", [])]
    listed = {name for _heading, members in groups for name in members}
    rest = [name for name in names if name not in listed]
    if rest:
        groups.append(("", rest))
    return groups


def _field_blocks(form, values: dict, names: list[str],
                  currency: str | None = None) -> list[dict]:
    """Consecutive short fields become one list of facts; prose and row lists stand alone."""
    blocks: list[dict] = []
    facts: list[dict] = []

    def flush():
        if facts:
            blocks.append({"type": "facts", "items": list(facts)})
            facts.clear()

    for name in names:
        if name not in form._fields or name in CUSTOM_LISTS:
            continue
        field, value = form[name], values.get(name)
        label = text_of(field.label.text)
        if isinstance(field, FieldList):
            if value:
                columns, rows, numeric = _rows_table(field, value, currency)
                flush()
                blocks.append({"type": "table", "caption": label, "columns": columns,
                               "rows": rows, "numeric": numeric})
        elif isinstance(field, TextAreaField) and not isinstance(field, LinesField):
            if paragraphs(value):
                flush()
                blocks.append({"type": "prose", "label": label, "paragraphs": paragraphs(value)})
        elif _says_nothing(field, value):
            facts.append({"label": label, "value": shown(field, value), "flag": True})
        elif text := shown(field, value, currency):
            facts.append({"label": label, "value": text, "flag": False})
    flush()
    return blocks


def _has_content(blocks: list[dict]) -> bool:
    """Answers not given alone do not make a section written: every blank form has them."""
    for block in blocks:
        if block["type"] != "facts" or any(not item["flag"] for item in block["items"]):
            return True
    return False


def form_sections(step, document: PlanDocument) -> tuple[list[dict], bool]:
    """The step's fields as groups of blocks, and whether anything was written."""
    form = _blank_form(step)
    values = model_values(getattr(document, step.key), step.form)
    currency = document.budget.currency  # of every amount of the plan
    out = []
    for heading, names in _groups(form):
        blocks = _field_blocks(form, values, names, currency)
        if blocks:
            out.append({"type": "group", "heading": heading, "blocks": blocks})
    written = any(_has_content(group["blocks"]) for group in out)
    return (out if written else []), written


# --- the results framework ----------------------------------------------------------------

def _code_title(row) -> str:
    return " ".join(part for part in (row.code, getattr(row, "title", "")) if part)


def _indicator(indicator) -> dict:
    return {"code": indicator.code, "statement": indicator.statement, "unit": indicator.unit,
            "baseline": with_year(indicator.baseline, indicator.baseline_year),
            "target": with_year(indicator.target, indicator.target_year)}


def standards_covered(pillar) -> str:
    """The standard pillars a pillar of the plan covers, where its name does not already
    say so: "Prevention, Protection" for a merged "Prevention and protection"; "" for a
    pillar named "Prevention" that covers prevention alone."""
    labels = [vocab_label(v.STANDARD_PILLARS, key) for key in pillar.standards]
    if labels == [pillar.name]:
        return ""
    return ", ".join(labels)


def pillar_outline(document: PlanDocument) -> list[dict]:
    """Each pillar with its objectives (objectives under no pillar come last)."""
    pillars = document.pillars
    out = [{"name": pillar.name or _("(unnamed pillar)"), "description": pillar.description,
            "standards": standards_covered(pillar),
            "objectives": [{"code": o.code, "title": o.title, "outcome": o.outcome}
                           for o in pillars.objectives if o.pillar_id == pillar.id]}
           for pillar in pillars.pillars]
    known = {pillar.id for pillar in pillars.pillars}
    loose = [{"code": o.code, "title": o.title, "outcome": o.outcome}
             for o in pillars.objectives if o.pillar_id not in known]
    if loose:
        out.append({"name": _("Objectives not yet under a pillar"), "description": "",
                    "standards": "", "objectives": loose})
    return [pillar for pillar in out if pillar["objectives"] or pillar["description"]]


def results_matrix(document: PlanDocument) -> list[dict]:
    """Pillar -> objective -> action, each action with who, when and its indicators.

    Objectives carry their own (outcome) indicators. Actions under no objective, and
    objectives under no pillar, are gathered at the end so nothing is left out.
    """
    by_action: dict[str, list[dict]] = {}
    by_objective: dict[str, list[dict]] = {}
    for indicator in document.indicators.items:
        if indicator.action_id:
            by_action.setdefault(indicator.action_id, []).append(_indicator(indicator))
        elif indicator.objective_id:
            by_objective.setdefault(indicator.objective_id, []).append(_indicator(indicator))
    actions_of: dict[str | None, list[dict]] = {}
    for action in document.actions.items:
        actions_of.setdefault(action.objective_id, []).append({
            "code": action.code, "title": action.title or _("(untitled)"),
            "lead": action.lead_institution, "partners": action.partners,
            "timeline": timeline(action.start, action.end),
            "indicators": by_action.get(action.id, [])})

    def objective(o) -> dict:
        return {"code": o.code, "title": o.title or _("(untitled)"), "outcome": o.outcome,
                "indicators": by_objective.get(o.id, []), "actions": actions_of.get(o.id, [])}

    pillars = document.pillars
    known = {pillar.id for pillar in pillars.pillars}
    matrix = [{"name": pillar.name or _("(unnamed pillar)"),
               "objectives": [objective(o) for o in pillars.objectives if o.pillar_id == pillar.id]}
              for pillar in pillars.pillars]
    loose = [objective(o) for o in pillars.objectives if o.pillar_id not in known]
    objective_ids = {o.id for o in pillars.objectives}
    orphans = [a for key, actions in actions_of.items() if key not in objective_ids for a in actions]
    if orphans:
        loose.append({"code": "", "title": _("Actions not yet linked to an objective"),
                      "outcome": "", "indicators": [], "actions": orphans})
    if loose:
        matrix.append({"name": _("Not yet under a pillar"), "objectives": loose})
    return [pillar for pillar in matrix if pillar["objectives"]]


def indicator_table(document: PlanDocument) -> list[dict]:
    """Every indicator with what it measures, its baseline, target and data."""
    subjects = {a.id: a.code or a.title for a in document.actions.items}
    subjects.update({o.id: o.code or o.title for o in document.pillars.objectives})
    return [{**_indicator(i), "level": vocab_label(v.INDICATOR_LEVELS, i.level),
             "measures": subjects.get(i.action_id or i.objective_id or "", ""),
             "source": i.data_source,
             "frequency": vocab_label(v.FREQUENCIES, i.frequency),
             "responsible": i.responsible,
             "disaggregation": vocab_labels(v.DISAGGREGATIONS, i.disaggregation)}
            for i in document.indicators.items]


# --- consultation -------------------------------------------------------------------------

def consultation_events(document: PlanDocument) -> dict:
    events = document.consultation.events
    women = sum(event.women or 0 for event in events)
    men = sum(event.men or 0 for event in events)
    return {
        # Counts of people are text with the locale's separators; `count` stays a number
        # because templates ask whether there is any event.
        "count": len(events), "women": number(women), "men": number(men),
        "outside_capital": sum(1 for event in events if not event.in_capital),
        "events": [{"date": when(event.date, "d MMM yyyy"), "place": event.place,
                    "region": event.region, "in_capital": event.in_capital,
                    "format": vocab_label(v.CONSULTATION_FORMATS, event.format),
                    "women": number(event.women), "men": number(event.men),
                    "groups": vocab_labels(v.GROUPS, event.groups),
                    "organisations": event.organisations,
                    "summary": paragraphs(event.summary)}
                   for event in events]}


# --- the whole draft ----------------------------------------------------------------------

def _special_blocks(key: str, document: PlanDocument, budget: dict, events: dict) -> list[dict]:
    if key == "pillars":
        outline = pillar_outline(document)
        return [{"type": "pillars", "pillars": outline}] if outline else []
    if key == "actions" and document.actions.items:
        return [{"type": "matrix", "pillars": results_matrix(document)}]
    if key == "indicators" and document.indicators.items:
        return [{"type": "indicators", "rows": indicator_table(document)}]
    if key == "budget" and budget["lines"]:
        return [{"type": "budget"}]
    if key == "consultation" and events["count"]:
        return [{"type": "events"}]
    return []


def plan_report(document: PlanDocument, *, date: dt.date | dt.datetime | None = None,
                revision: int | None = None, final: bool = False, kind: str = "plan",
                full: bool = False) -> dict:
    """The PDF draft and Word export's data for `document`.

    `date` and `revision` mark which state of the plan this is (the plan's last save
    and the sum of its section versions); `final` drops the DRAFT watermark. There is
    no "final" flag on a plan yet, so every caller passes False for now.

    The data is summarised to the page budget of `kind` ("plan": the PDF draft, "docx":
    the Word draft; `page_budget.row_budget`) unless `full` is true: totals are made
    from every row first, then long tables are shortened.
    """
    about = document.about
    budget = budget_totals(document)
    events = consultation_events(document)
    sections = []
    for step in STEPS:
        groups, written = form_sections(step, document)
        special = _special_blocks(step.key, document, budget, events)
        sections.append({"key": step.key, "title": text_of(step.title),
                         "landscape": step.key in LANDSCAPE and bool(special),
                         "empty": not (written or special), "blocks": groups + special})
    period = "–".join(str(year) for year in (about.period_start, about.period_end) if year)
    report = {
        "kind": "plan", "locale": current_locale(), "final": final,
        "cover": {
            "country": about.country_or_organisation,
            "title": about.title or _("Untitled plan"),
            "plan_type": vocab_label(v.PLAN_TYPES, about.plan_type),
            "period": period, "lead": about.lead_institution or document.leadership.lead_institution,
            "status": _("Final") if final else _("Draft"),
            "date": when(date), "revision": revision,
            # The moment of the last save, as History lists saves: a count of saves
            # ("revision 51") read like a named revision that History does not have.
            "version": format_datetime(date, date_pattern("d MMM yyyy, HH:mm"))
            if isinstance(date, dt.datetime) else "",
        },
        "sections": sections,
        "budget": budget,
        "consultation": events,
        "summary": None,
    }
    return report if full else summarise(report, row_budget(kind))


def revision_of(plan: LoadedPlan) -> int:
    """A number that grows with every save of any section: the sum of their versions."""
    return sum(state.version for state in plan.sections.values())


def plan_report_for(plan: LoadedPlan, kind: str = "plan") -> dict:
    """The data of a stored plan's PDF draft (`kind` "plan") or Word draft ("docx"),
    summarised to that draft's page budget."""
    return plan_report(plan.document, date=plan.updated_at, revision=revision_of(plan),
                       final=False, kind=kind)


__all__ = ["money", "number", "paragraphs", "plan_report", "plan_report_for", "revision_of"]
