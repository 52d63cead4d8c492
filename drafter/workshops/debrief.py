"""The debrief pack of a workshop: a summary PDF of how the room did, and one ZIP with
that summary, every team's gap report and the scores as a spreadsheet.

The summary is built like every other report (see `drafter.reports.gapdata`): plain
dicts with translated labels, made into files on the task queue (`drafter.jobs`), so it
goes through the same static-only fetcher and is cached under a hash of its data. The
ZIP is keyed by what its parts are made from (`pack_key`) without building each team's
gap report, so a download of an unchanged pack is found at once. The scores come
from the dashboard's `team_rows`, so the pack shows exactly what the trainer saw; each
gap report is the one the team's own page downloads (its plan is scored against the
workshop's checklist, which every team plan is created with).

Shape of `summary_data`::

    {"kind": "workshop", "locale", "generated",
     "workshop": {"name", "code", "dates", "scenario"},
     "checklist": {"id", "name", "version"}, "sections_total",
     "teams": [{"name", "members", "overall", "areas": [score, ...], "complete",
                "started", "last_activity"}],            # by name; areas in checklist order
     "overall": {"average", "min", "max"} | None,        # None without teams
     "areas": [{"id", "title", "average", "min", "max"}],
     "criteria": [{"id", "title", "area", "area_title", "critical", "advice", "section_title",
                   "met", "partly_met", "not_met", "met_share", "not_met_by", "partly_met_by",
                   "met_by"}],
     "most_missed": [criterion, ...]}                    # the MOST_MISSED worst, ranked
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import tempfile
import zipfile
from pathlib import Path

from flask_babel import format_datetime
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..i18n import date_pattern
from ..models import Assessment, Plan, Workshop
from ..plan.schema import SECTION_MODELS
from ..plan.store import PlanStore
from ..reports import cache, gapdata
from ..reports.data import when
from ..reports.labels import current_locale, text_of
from ..review import service as review_service
from ..scorecard.service import checklist_for
from ..scoring.scorer import MET, NOT_MET, PARTLY_MET
from ..web.downloads import slug
from ..wizard.steps import BY_KEY
from . import dashboard, service

MOST_MISSED = 10
SUMMARY_NAME = "workshop-summary.pdf"


def file_stem(workshop) -> str:
    return slug(workshop.name) or f"workshop-{workshop.id}"


def _dates(workshop: Workshop) -> str:
    first, last = workshop.starts_on, workshop.ends_on
    if first and last and first != last:
        return f"{when(first)} – {when(last)}"
    return when(first or last)


def _natural(name: str) -> tuple:
    """Sort key that puts "Group 9" before "Group 10", case aside."""
    # Odd places hold the captured runs of digits, whatever script they are written in.
    return tuple(int(part) if index % 2 else part
                 for index, part in enumerate(re.split(r"(\d+)", name.casefold())))


def _spread(values: list[float]) -> dict | None:
    if not values:
        return None
    return {"average": round(sum(values) / len(values), 1), "min": min(values),
            "max": max(values)}


# --- the summary's data ----------------------------------------------------------------------

def summary_data(session: Session, workshop: Workshop) -> dict:
    """Everything the summary PDF shows, as plain data (see the module's docstring)."""
    checklist = checklist_for(workshop.checklist)
    area_titles = {area.id: area.title for area in checklist.areas}
    rows = sorted(dashboard.team_rows(session, workshop),
                  key=lambda row: (_natural(row.name), row.id))
    teams = [{
        "name": row.name, "members": list(row.members), "overall": row.overall,
        "areas": [row.area_score(area.id) for area in checklist.areas],
        "complete": row.complete, "started": row.started,
        "last_activity": format_datetime(row.last_activity, date_pattern("d MMM yyyy, HH:mm"))
        if row.last_activity else "",
    } for row in rows]

    statuses = [(row.name, {result.id: result.status for result in row.card.criteria})
                for row in rows]
    criteria = []
    for criterion in checklist.criteria:
        by_status: dict[str, list[str]] = {MET: [], PARTLY_MET: [], NOT_MET: []}
        for name, status in statuses:
            if criterion.id in status:
                by_status[status[criterion.id]].append(name)
        step = BY_KEY.get(criterion.section)
        criteria.append({
            "id": criterion.id, "title": criterion.title, "area": criterion.area,
            "area_title": area_titles.get(criterion.area, criterion.area),
            "critical": criterion.critical, "advice": criterion.advice.strip(),
            "section_title": text_of(step.title) if step else "",
            "met": len(by_status[MET]), "partly_met": len(by_status[PARTLY_MET]),
            "not_met": len(by_status[NOT_MET]),
            "met_share": round(100 * len(by_status[MET]) / len(rows), 1) if rows else 0.0,
            "not_met_by": by_status[NOT_MET], "partly_met_by": by_status[PARTLY_MET],
            "met_by": by_status[MET],
        })
    # Where the room struggled: most teams not meeting it, then most only partly meeting
    # it; a critical criterion before another as often missed; then the checklist's order.
    order = {criterion["id"]: index for index, criterion in enumerate(criteria)}
    missed = [c for c in criteria if c["not_met"] or c["partly_met"]]
    missed.sort(key=lambda c: (-c["not_met"], -c["partly_met"], not c["critical"], order[c["id"]]))

    return {
        "kind": "workshop", "locale": current_locale(),
        "generated": when(dt.datetime.now(dt.UTC).replace(tzinfo=None)),
        "workshop": {"name": workshop.name, "code": workshop.code, "dates": _dates(workshop),
                     "scenario": workshop.scenario_title or ""},
        "checklist": {"id": checklist.id, "name": checklist.name, "version": checklist.version},
        "sections_total": len(SECTION_MODELS),
        "teams": teams,
        "overall": _spread([team["overall"] for team in teams]),
        "areas": [{"id": area.id, "title": area.title,
                   **(_spread([team["areas"][index] for team in teams])
                      or {"average": None, "min": None, "max": None})}
                  for index, area in enumerate(checklist.areas)],
        "criteria": criteria,
        "most_missed": missed[:MOST_MISSED],
    }


# --- the ZIP ---------------------------------------------------------------------------------

def _cell(value) -> str:
    """A CSV cell that a spreadsheet shows as text: typed names starting with = + - @
    would otherwise run as formulas when a trainer opens the file."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def scores_csv(session: Session, workshop: Workshop, data: dict | None = None) -> bytes:
    """One row per team: overall score, each area, sections complete, last activity.
    UTF-8 with a byte-order mark, so spreadsheet programs read accented names right."""
    data = data or summary_data(session, workshop)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("Team"), _("Members"), _("Overall score"),
                     *(f"{area['id']} {area['title']}" for area in data["areas"]),
                     _("Sections complete"), _("Last activity")])
    for team in data["teams"]:
        writer.writerow([_cell(team["name"]), _cell(", ".join(team["members"])),
                         f"{team['overall']:.1f}", *(f"{score:.1f}" for score in team["areas"]),
                         team["complete"], team["last_activity"]])
    return out.getvalue().encode("utf-8-sig")


def _readme(data: dict, gap_names: list[tuple[str, str]]) -> str:
    lines = [
        _("Debrief pack of the workshop “%(name)s”", name=data["workshop"]["name"]),
        _("Made on %(date)s; scored against “%(checklist)s”, version %(version)s.",
          date=data["generated"], checklist=data["checklist"]["name"],
          version=data["checklist"]["version"]),
        "",
        f"{SUMMARY_NAME}: " + _("the workshop summary: scores by area across the teams, and "
                                "the criteria most teams missed."),
        "scores.csv: " + _("every team's overall and area scores, sections complete and "
                           "last activity, for a spreadsheet."),
    ]
    if gap_names:
        lines += ["", _("One gap report per team:")]
        lines += [f"{file_name}: {team}" for file_name, team in gap_names]
    else:
        lines += ["", _("No team has joined yet, so there is no gap report.")]
    return "\r\n".join(lines) + "\r\n"


def _sorted_teams(session: Session, workshop: Workshop) -> list:
    return sorted(service.teams(session, workshop.id),
                  key=lambda team: (_natural(team.name), team.id))


def pack_key(session: Session, workshop: Workshop, summary: dict) -> str:
    """The cache key of the debrief pack: the summary's data, and each team's name and
    the moments its plan and its assessments last changed (each gap report is made from
    nothing else), without scoring any plan a second time."""
    teams = _sorted_teams(session, workshop)
    plan_ids = [team.plan_id for team in teams]
    saved = dict(session.execute(select(Plan.id, Plan.updated_at)
                                 .where(Plan.id.in_(plan_ids))).all()) if plan_ids else {}
    assessed = {plan_id: [latest, count] for plan_id, latest, count in session.execute(
        select(Assessment.plan_id, func.max(Assessment.updated_at), func.count())
        .where(Assessment.plan_id.in_(plan_ids)).group_by(Assessment.plan_id))} \
        if plan_ids else {}
    return cache.cache_key("debrief", {
        "summary": summary,
        "teams": [[team.id, team.name, team.plan_id, saved.get(team.plan_id),
                   assessed.get(team.plan_id)] for team in teams]})


def parts_count(session: Session, workshop: Workshop) -> int:
    """Files the pack is made of, for its progress: the summary and one per team."""
    return 1 + len(service.teams(session, workshop.id))


def write_debrief_pack(session: Session, workshop_id: int, key: str, locale: str,
                       render_file, step) -> Path:
    """Write the debrief pack of `key` into the report cache: the summary PDF, every
    team's gap report (numbered in name order, so two teams whose names make the same
    slug still get two files), scores.csv and a README, in one ZIP.

    `render_file(key, data, locale) -> Path` makes (or finds) each PDF; `step(done,
    total)` is told after each. The ZIP is written from the files, never held whole in
    memory, and appears complete or not at all."""
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        raise LookupError(f"workshop {workshop_id} is gone")
    data = summary_data(session, workshop)
    store = PlanStore(session)
    teams = _sorted_teams(session, workshop)
    total = 1 + len(teams)
    step(0, total)
    parts = [(SUMMARY_NAME, render_file(cache.cache_key("workshop", data), data, locale))]
    step(1, total)
    width = max(2, len(str(len(teams))))
    gap_names = []
    for number, team in enumerate(teams, start=1):
        plan = store.load(team.plan_id)
        report = gapdata.gap_report_for(
            plan, review_service.plan_assessments(session, team.plan_id))
        # Every team starts from the same scenario, so its title alone does not say
        # whose report a printed copy is: the team's name goes on it.
        report["plan"]["title"] = f"{report['plan']['title']} – {team.name}"
        name = (f"{number:0{width}d}-{slug(team.name, 50) or f'team-{team.id}'}"
                "-gap-report.pdf")
        parts.append((name, render_file(cache.cache_key("gap", report), report, locale)))
        gap_names.append((name, team.name))
        step(1 + number, total)
    target = cache.cached_path(key)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out, \
                zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, path in parts:
                archive.write(path, name)
            archive.writestr("scores.csv", scores_csv(session, workshop, data))
            archive.writestr("README.txt", _readme(data, gap_names).encode("utf-8"))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
