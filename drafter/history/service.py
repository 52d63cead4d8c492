"""Revisions and the history of saves, shared by the views, the CLI and the tests.

A revision is a named snapshot of the whole document, stored as the same JSON a plan
export gives, so an old revision can always be read back through the import's checks.
Restoring one never loses anything: the plan as it was is first kept as a revision of its
own, the restored sections are written through the store (each a compare-and-swap, so
someone editing one of them gets a conflict rather than a silent overwrite), and the
restore is recorded as a revision too, all in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import gettext as _
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Revision, SectionChange, User
from ..plan.links import REFERENCES
from ..plan.schema import SECTION_MODELS, STORED, PlanDocument
from ..plan.store import NOT_STARTED, PlanStore
from ..plan.transfer import export_json, parse_document
from .diff import SectionDiff, diff_section

NAME_MAX = 200
# How many saves of one section its history page shows.
SECTION_HISTORY_LIMIT = 50


class RevisionError(ValueError):
    pass


class RevisionNotFound(LookupError):
    pass


@dataclass
class RevisionSummary:
    id: int
    name: str
    author: str
    created_at: dt.datetime


@dataclass
class SectionSave:
    """One saved version of a section: who saved it and when."""

    key: str
    version: int
    author: str
    at: dt.datetime
    data: str = ""


@dataclass
class SectionVersion:
    """A save of a section and what it changed from the save before (None: unknown)."""

    save: SectionSave
    changes: SectionDiff | None


@dataclass
class SectionActivity:
    key: str
    saves: int
    last: SectionSave | None


@dataclass
class Restored:
    """What a restore did: the revisions it recorded and the sections it wrote."""

    before: Revision | None
    after: Revision | None
    sections: list[str]


def _author(name: str | None) -> str:
    return name or _("Someone no longer on NAP Drafter")


def clean_name(name: str | None) -> str:
    """The revision name as typed, trimmed; `RevisionError` if empty or too long."""
    name = " ".join((name or "").split())
    if not name:
        raise RevisionError(_("Enter a name for the revision, such as “Draft for the "
                              "validation workshop”."))
    if len(name) > NAME_MAX:
        raise RevisionError(_("The name can be at most %(max)s characters long; it has "
                              "%(length)s.", max=NAME_MAX, length=len(name)))
    return name


def _quoted(template: str, name: str) -> str:
    """`template` around a revision's name, shortened so the result fits a name."""
    room = NAME_MAX - len(template.replace("%(name)s", ""))
    if len(name) > room:
        name = name[:room - 1] + "…"
    return template.replace("%(name)s", name)


def save_revision(session: Session, plan_id: int, name: str, user_id: int | None) -> Revision:
    """Keep the plan as it is now under `name`."""
    revision = _snapshot(session, plan_id, clean_name(name),
                         PlanStore(session).load(plan_id).document, user_id)
    session.commit()
    return revision


def _snapshot(session: Session, plan_id: int, name: str, document: PlanDocument,
              user_id: int | None) -> Revision:
    revision = Revision(plan_id=plan_id, name=name, document=export_json(document),
                        created_by=user_id)
    session.add(revision)
    session.flush()
    return revision


def revisions(session: Session, plan_id: int) -> list[RevisionSummary]:
    """The plan's revisions, newest first."""
    rows = session.execute(
        select(Revision.id, Revision.name, User.name, Revision.created_at)
        .outerjoin(User, User.id == Revision.created_by)
        .where(Revision.plan_id == plan_id)
        .order_by(Revision.created_at.desc(), Revision.id.desc()))
    return [RevisionSummary(id_, name, _author(author), at) for id_, name, author, at in rows]


def get_revision(session: Session, plan_id: int, revision_id: int) -> RevisionSummary:
    """One revision of this plan (never another plan's), or `RevisionNotFound`."""
    row = session.execute(
        select(Revision.id, Revision.name, User.name, Revision.created_at)
        .outerjoin(User, User.id == Revision.created_by)
        .where(Revision.plan_id == plan_id, Revision.id == revision_id)).one_or_none()
    if row is None:
        raise RevisionNotFound(revision_id)
    return RevisionSummary(row[0], row[1], _author(row[2]), row[3])


def revision_document(session: Session, plan_id: int, revision_id: int) -> PlanDocument:
    raw = session.scalar(select(Revision.document).where(
        Revision.plan_id == plan_id, Revision.id == revision_id))
    if raw is None:
        raise RevisionNotFound(revision_id)
    return parse_document(raw)


def restore(session: Session, plan_id: int, revision_id: int, user_id: int | None) -> Restored:
    """Bring the plan back to the revision's content; see `restore_document`."""
    revision = get_revision(session, plan_id, revision_id)
    return restore_document(
        session, plan_id, revision_document(session, plan_id, revision_id),
        before=_quoted(_("Before restoring “%(name)s”"), revision.name),
        after=_quoted(_("Restored from “%(name)s”"), revision.name), user_id=user_id)


def restore_document(session: Session, plan_id: int, target: PlanDocument, *, before: str,
                     after: str, user_id: int | None) -> Restored:
    """Make the plan's content `target` (a revision's, or a workshop's scenario), keeping
    what it was as the revision named `before` and the result as `after`.

    Only sections that differ from `target` are written: a section already equal to
    it has nothing to restore, and moving its version on would only send needless
    conflicts to people editing it. A restored section is "in progress" (someone should
    look at it again before marking it complete), or "not started" if it is empty.
    Raises the store's `ConflictError` if a section was saved meanwhile; then nothing
    is written.
    """
    store = PlanStore(session)
    loaded = store.load(plan_id)
    current = loaded.document
    sections = {key: getattr(target, key) for key in SECTION_MODELS
                if getattr(target, key) != getattr(current, key)}
    if not sections:
        return Restored(None, None, [])
    before_revision = _snapshot(session, plan_id, before, current, user_id)
    after_revision = _snapshot(session, plan_id, after, target, user_id)
    statuses = {key: NOT_STARTED for key, data in sections.items()
                if data == SECTION_MODELS[key]()}
    store.save_sections(plan_id, sections,
                        {key: loaded.sections[key].version for key in sections},
                        statuses=statuses, user_id=user_id)
    return Restored(before_revision, after_revision, list(sections))


def section_activity(session: Session, plan_id: int) -> dict[str, SectionActivity]:
    """For each section: how many times it was saved, and the last save."""
    counts = dict(session.execute(
        select(SectionChange.key, func.count(SectionChange.id))
        .where(SectionChange.plan_id == plan_id).group_by(SectionChange.key)).all())
    latest = (select(SectionChange.key, func.max(SectionChange.id).label("last_id"))
              .where(SectionChange.plan_id == plan_id).group_by(SectionChange.key).subquery())
    last = {row.key: row for row in _saves(session, select(
        SectionChange.key, SectionChange.version, User.name, SectionChange.at)
        .join(latest, latest.c.last_id == SectionChange.id))}
    return {key: SectionActivity(key, counts.get(key, 0), last.get(key))
            for key in SECTION_MODELS}


def section_saves(session: Session, plan_id: int, key: str,
                  limit: int = SECTION_HISTORY_LIMIT) -> tuple[list[SectionSave], int]:
    """The latest `limit` saves of one section, newest first, with their content, plus the
    save before the oldest of them if there is one; and how many saves there are in all."""
    total = session.scalar(select(func.count(SectionChange.id)).where(
        SectionChange.plan_id == plan_id, SectionChange.key == key))
    saves = _saves(session, select(
        SectionChange.key, SectionChange.version, User.name, SectionChange.at,
        SectionChange.data)
        .where(SectionChange.plan_id == plan_id, SectionChange.key == key)
        .order_by(SectionChange.id.desc()).limit(limit + 1))
    return saves, total or 0


def _saves(session: Session, query) -> list[SectionSave]:
    query = query.outerjoin(User, User.id == SectionChange.user_id)
    return [SectionSave(row[0], row[1], _author(row[2]), row[3], *row[4:])
            for row in session.execute(query)]


def _with_deleted_rows(session: Session, plan_id: int, key: str, current: PlanDocument,
                       versions: list) -> PlanDocument:
    """`current` with the rows that `versions` of section `key` name but the plan no longer
    has (an action's objective, deleted since) put back from their section's history, so
    that an old link reads as the row's name, marked as deleted, rather than as its id."""
    update = {}
    for section, attribute, name, (target, target_attribute) in REFERENCES:
        if section != key:
            continue
        rows = getattr(getattr(current, target), target_attribute)
        missing = {getattr(row, name) for version in versions
                   for row in getattr(version, attribute)} - {None, ""}
        missing -= {row.id for row in rows}
        found = _last_rows(session, plan_id, target, target_attribute, missing)
        if found:
            section_now = update.get(target, getattr(current, target))
            update[target] = section_now.model_copy(update={target_attribute: list(
                getattr(section_now, target_attribute)) + [_since_deleted(row) for row in found]})
    return current.model_copy(update=update) if update else current


def _last_rows(session: Session, plan_id: int, key: str, attribute: str, ids: set[str]) -> list:
    """The rows of `ids` as the section's history last saved them, newest saves first."""
    found: dict[str, object] = {}
    if not ids:
        return []
    saves = session.scalars(select(SectionChange.data).where(
        SectionChange.plan_id == plan_id, SectionChange.key == key)
        .order_by(SectionChange.id.desc()))
    for raw in saves:
        try:
            section = SECTION_MODELS[key].model_validate_json(raw, context={STORED: True})
        except ValidationError:
            continue
        for row in getattr(section, attribute):
            if row.id in ids and row.id not in found:
                found[row.id] = row
        if len(found) == len(ids):
            break
    return list(found.values())


def _since_deleted(row):
    title = getattr(row, "title", "")
    return row.model_copy(update={"title": _("%(title)s (deleted since)", title=title)
                                  if title else _("(deleted since)")})


def section_history(session: Session, plan_id: int, step,
                    limit: int = SECTION_HISTORY_LIMIT) -> tuple[list[SectionVersion], int]:
    """The latest saves of the step's section, each with what it changed; and the total.

    Each version is compared inside the plan as it is now, so that choices naming other
    sections (an action's objective) read as they do today. The first save is compared
    with an empty section. A version the schema can no longer read has no changes.
    """
    key = step.key
    saves, total = section_saves(session, plan_id, key, limit)
    current = PlanStore(session).load(plan_id).document

    def section_of(raw: str):
        try:
            return SECTION_MODELS[key].model_validate_json(raw, context={STORED: True})
        except ValidationError:
            return None

    sections = [section_of(save.data) for save in saves]
    current = _with_deleted_rows(session, plan_id, key, current,
                                 [section for section in sections if section is not None])
    documents = [None if section is None else current.model_copy(update={key: section})
                 for section in sections]
    if len(saves) <= limit:  # the oldest save shown is the first ever made
        documents.append(current.model_copy(update={key: SECTION_MODELS[key]()}))
    history = []
    for index, save in enumerate(saves[:limit]):
        newer, older = documents[index], documents[index + 1]
        changes = (diff_section(step, older, newer)
                   if newer is not None and older is not None else None)
        history.append(SectionVersion(save, changes))
    return history, total
