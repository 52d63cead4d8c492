"""The plan store: loads and saves plan documents, one versioned JSON row per section.

Saving is a compare-and-swap on the section's version: a save made from a form opened
at version N succeeds only while the row is still at version N. Otherwise the caller
gets a `ConflictError` carrying what is saved now, so the person can choose; nothing
is ever overwritten silently. Two people editing different sections never collide.

A save that would make the whole plan larger than a plan file may be
(`transfer.MAX_IMPORT_BYTES`, measured on its export) is refused with `PlanTooLarge`:
otherwise a plan could grow past what its own export can be imported as.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydantic import ValidationError
from sqlalchemy import delete, insert, literal, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import (
    Assessment,
    Comment,
    Invitation,
    Membership,
    Plan,
    PlanSection,
    Revision,
    SectionChange,
    Team,
    utcnow,
)
from .links import LINK_HOLDERS, LINK_TARGETS, unlink_dangling
from .schema import SECTION_MODELS, STORED, Model, PlanDocument
from .status import COMPLETE, IN_PROGRESS, NOT_STARTED, STATUSES
from .transfer import MAX_IMPORT_BYTES, export_json

MAX_VERSION = 2 ** 31 - 1  # the largest a version column holds (INTEGER)
# A save clearing references in other sections starts again if one of those moved on
# meanwhile (someone else saved it between our read and our write): this many tries.
SAVE_ATTEMPTS = 5


class PlanNotFound(LookupError):
    pass


class ConflictError(Exception):
    """The section moved on since the form was opened."""

    def __init__(self, key: str, expected: int, current_version: int, current: Model):
        super().__init__(f"section '{key}' is at version {current_version}, not {expected}")
        self.key = key
        self.expected = expected
        self.current_version = current_version
        self.current = current


class PlanTooLarge(Exception):
    """The save would make the plan's export larger than `limit` bytes: nothing saved."""

    def __init__(self, key: str, size: int, limit: int = MAX_IMPORT_BYTES):
        super().__init__(f"saving section '{key}' would make the plan {size} bytes, "
                         f"more than {limit}")
        self.key, self.size, self.limit = key, size, limit


def export_size(document: PlanDocument) -> int:
    """How many bytes the plan's JSON export (the file an import reads) takes, with each
    section's status written as the longest status is."""
    longest = max(STATUSES, key=len)
    return len(export_json(document, {key: longest for key in SECTION_MODELS}).encode("utf-8"))


class SectionState:
    """One section as stored: its content (parsed from JSON on first use), version, status."""

    def __init__(self, key: str, raw: str | None = None, version: int = 0,
                 status: str = NOT_STARTED, updated_at: dt.datetime | None = None,
                 data: Model | None = None):
        self.key, self.raw, self.version, self.status, self.updated_at = (
            key, raw, version, status, updated_at)
        self._data = data

    @property
    def data(self) -> Model:
        # Parsing is the costly part of a load; most pages need only a few sections.
        if self._data is None:
            self._data = _parse(self.key, self.raw) if self.raw else SECTION_MODELS[self.key]()
        return self._data


class DocumentView:
    """The plan's sections by name, each parsed only when read (for forms' choices)."""

    def __init__(self, sections: dict[str, SectionState]):
        self._sections = sections

    def __getattr__(self, key: str) -> Model:
        try:
            return self._sections[key].data
        except KeyError:
            raise AttributeError(key) from None


@dataclass
class LoadedPlan:
    id: int
    title: str
    checklist: str
    created_at: dt.datetime
    updated_at: dt.datetime
    sections: dict[str, SectionState] = field(default_factory=dict)

    @property
    def document(self) -> PlanDocument:
        return PlanDocument.model_construct(
            **{key: state.data for key, state in self.sections.items()})

    @property
    def view(self) -> DocumentView:
        return DocumentView(self.sections)

    @property
    def statuses(self) -> dict[str, str]:
        """Each section's status, as a plan file carries them."""
        return {key: state.status for key, state in self.sections.items()}


@dataclass
class PlanSummary:
    id: int
    title: str
    updated_at: dt.datetime
    complete: int
    started: int
    role: str | None = None


def _dump(model: Model) -> str:
    return model.model_dump_json(exclude_defaults=False)


def _parse(key: str, raw: str) -> Model:
    # "stored": a section saved before rows had to have distinct ids may repeat one; it is
    # read with the repeats renamed (see `schema.unique_ids`), not refused with a 500.
    return SECTION_MODELS[key].model_validate_json(raw, context={STORED: True})


def title_of(about) -> str:
    """The title a plan is listed under: its title, or else whose plan it is."""
    return about.title or about.country_or_organisation or ""


class PlanStore:
    """Every read and write of plan content goes through here."""

    def __init__(self, session: Session):
        self.session = session

    # --- reading ---------------------------------------------------------------

    def list_plans(self, user_id: int | None = None) -> list[PlanSummary]:
        """Every plan, or only those `user_id` belongs to (with their role), newest first."""
        if user_id is None:
            query = select(Plan, literal(None))
        else:
            query = select(Plan, Membership.role).join(
                Membership, (Membership.plan_id == Plan.id) & (Membership.user_id == user_id))
        rows = self.session.execute(query.order_by(Plan.updated_at.desc())).all()
        counts: dict[int, dict[str, int]] = {}
        for plan_id, status in self.session.execute(select(PlanSection.plan_id, PlanSection.status)
                                                    .where(PlanSection.plan_id.in_([r[0].id for r in rows]))):
            tally = counts.setdefault(plan_id, {COMPLETE: 0, IN_PROGRESS: 0})
            tally[status] = tally.get(status, 0) + 1
        # A restored revision may bring a section back to "not started": not counted.
        return [PlanSummary(plan.id, plan.title, plan.updated_at,
                            counts.get(plan.id, {}).get(COMPLETE, 0),
                            counts.get(plan.id, {}).get(COMPLETE, 0)
                            + counts.get(plan.id, {}).get(IN_PROGRESS, 0), role)
                for plan, role in rows]

    def _plan(self, plan_id: int) -> Plan:
        plan = self.session.get(Plan, plan_id)
        if plan is None:
            raise PlanNotFound(plan_id)
        return plan

    def load(self, plan_id: int) -> LoadedPlan:
        plan = self._plan(plan_id)
        loaded = LoadedPlan(plan.id, plan.title, plan.checklist, plan.created_at, plan.updated_at)
        rows = {row.key: row for row in self.session.scalars(
            select(PlanSection).where(PlanSection.plan_id == plan_id))}
        for key in SECTION_MODELS:
            row = rows.get(key)
            loaded.sections[key] = (SectionState(key) if row is None else SectionState(
                key, row.data, row.version, row.status, row.updated_at))
        return loaded

    def load_section(self, plan_id: int, key: str) -> SectionState:
        self._plan(plan_id)
        row = self.session.scalars(select(PlanSection).where(
            PlanSection.plan_id == plan_id, PlanSection.key == key)).one_or_none()
        if row is None:
            return SectionState(key)
        return SectionState(key, row.data, row.version, row.status, row.updated_at)

    def load_version(self, plan_id: int, key: str, version: int) -> Model | None:
        """Section `key` as it was saved at `version` (version 0: before its first save),
        from its history; None if the history does not hold it readably."""
        if version == 0:
            return SECTION_MODELS[key]()
        if not 0 < version <= MAX_VERSION:  # no column holds it: no such version
            return None
        raw = self.session.scalar(
            select(SectionChange.data).where(SectionChange.plan_id == plan_id,
                                             SectionChange.key == key,
                                             SectionChange.version == version)
            .order_by(SectionChange.id.desc()).limit(1))
        try:
            return _parse(key, raw) if raw is not None else None
        except ValidationError:  # saved under rules the schema no longer has
            return None

    # --- writing ---------------------------------------------------------------

    def create_plan(self, document: PlanDocument | None = None, *, owner_id: int | None = None,
                    checklist: str = "csag-2012", statuses: dict[str, str] | None = None) -> int:
        """A new plan owned by `owner_id`; sections of `document` that differ from empty
        are stored, each with its status in `statuses` (a plan file's), or else in
        progress. A section with content is never "not started"."""
        document = document or PlanDocument()
        plan = Plan(title=title_of(document.about), checklist=checklist)
        self.session.add(plan)
        self.session.flush()
        if owner_id is not None:
            self.session.add(Membership(plan_id=plan.id, user_id=owner_id, role="owner"))
        for key, model in SECTION_MODELS.items():
            data = getattr(document, key)
            if data != model():
                status = (statuses or {}).get(key, IN_PROGRESS)
                if status == NOT_STARTED:
                    status = IN_PROGRESS
                raw = _dump(data)
                self.session.add(PlanSection(plan_id=plan.id, key=key, data=raw, version=1,
                                             status=status, updated_by=owner_id))
                self.session.add(SectionChange(plan_id=plan.id, key=key, version=1, data=raw,
                                               user_id=owner_id))
        self.session.commit()
        return plan.id

    def save_section(self, plan_id: int, key: str, data: Model, expected_version: int,
                     *, complete: bool = False, user_id: int | None = None) -> int:
        """Save one section if it is still at `expected_version`; return its new version.

        References that the save broke in other sections are cleared in the same
        transaction, so the stored document always validates as a whole. Only this
        section's own version can make the save a conflict: if one of those other
        sections was saved by someone meanwhile, the save starts again from what is
        stored now (a few times at most). Raises `PlanTooLarge` if the plan would grow
        past what a plan file may hold.
        """
        if not isinstance(data, SECTION_MODELS[key]):
            raise TypeError(f"section '{key}' takes {SECTION_MODELS[key].__name__}")
        status = COMPLETE if complete else IN_PROGRESS
        for _attempt in range(SAVE_ATTEMPTS - 1):
            try:
                return self._save_section_once(plan_id, key, data, expected_version, status,
                                               user_id)
            except ConflictError as conflict:
                if conflict.key == key:
                    raise
        return self._save_section_once(plan_id, key, data, expected_version, status, user_id)

    def _save_section_once(self, plan_id: int, key: str, data: Model, expected_version: int,
                           status: str, user_id: int | None) -> int:
        plan = self._plan(plan_id)
        data = self._checked(plan_id, key, data)
        try:
            new_version = self._swap(plan_id, key, data, expected_version, status, user_id)
            if key in LINK_TARGETS:
                self._unlink(plan_id, key, user_id)
            if key == "about":
                plan.title = title_of(data)
            plan.updated_at = utcnow()
            self.session.commit()
        except BaseException:
            self.session.rollback()
            raise
        return new_version

    def save_sections(self, plan_id: int, sections: dict[str, Model], expected: dict[str, int],
                      *, statuses: dict[str, str] | None = None,
                      user_id: int | None = None) -> dict[str, int]:
        """Save several sections at once, all or nothing; return their new versions.

        Each section is a compare-and-swap on its own version, as in `save_section`: if
        any one has moved on, nothing is written and the `ConflictError` names it. Whatever
        else the caller added to the session (a revision, say) is committed with the
        sections or rolled back with them. A section is "in progress" unless `statuses`
        says otherwise.
        """
        for key, data in sections.items():
            if not isinstance(data, SECTION_MODELS[key]):
                raise TypeError(f"section '{key}' takes {SECTION_MODELS[key].__name__}")
        plan = self._plan(plan_id)
        try:
            versions = {key: self._swap(plan_id, key, data, expected.get(key, 0),
                                        (statuses or {}).get(key, IN_PROGRESS), user_id)
                        for key, data in sections.items()}
            # Unlike a single save, a saved section may itself hold a broken reference.
            versions.update(self._unlink(plan_id, set(), user_id))
            if "about" in sections:
                plan.title = title_of(sections["about"])
            plan.updated_at = utcnow()
            self.session.commit()
        except BaseException:
            self.session.rollback()
            raise
        return versions

    def _checked(self, plan_id: int, key: str, data: Model) -> Model:
        """`data` as it will be saved, from one load of the plan: its references to rows
        the plan does not have cleared (an objective deleted while someone was choosing
        it, or an id no form offered), and `PlanTooLarge` if the whole plan would then
        outgrow a plan file (unless it shrinks: a plan already that large, from before
        the limit, can still be cut down)."""
        document = self.load(plan_id).document.model_copy(
            update={key: data.model_copy(deep=True)})
        # Also clears, in this copy only, what the save breaks elsewhere (`_unlink` saves
        # that), so the size measured is the size the plan will have.
        unlink_dangling(document)
        size = export_size(document)
        if size > MAX_IMPORT_BYTES and size > export_size(self.load(plan_id).document):
            raise PlanTooLarge(key, size)
        return getattr(document, key) if key in LINK_HOLDERS else data

    def _unlink(self, plan_id: int, skip: str | set[str], user_id: int | None) -> dict[str, int]:
        """Clear references to rows that are gone; return the versions of sections saved."""
        loaded = self.load(plan_id)
        document = loaded.document
        saved = {}
        for other in sorted(unlink_dangling(document) - ({skip} if isinstance(skip, str) else skip)):
            state = loaded.sections[other]
            saved[other] = self._swap(plan_id, other, getattr(document, other), state.version,
                                      state.status, user_id)
        return saved

    def _swap(self, plan_id: int, key: str, data: Model, expected: int, status: str,
              user_id: int | None) -> int:
        """Write the section if it is still at `expected`, and log the change."""
        raw = _dump(data)
        version = self._compare_and_swap(plan_id, key, raw, expected, status, user_id)
        self.session.add(SectionChange(plan_id=plan_id, key=key, version=version, data=raw,
                                       user_id=user_id))
        return version

    def _compare_and_swap(self, plan_id: int, key: str, raw: str, expected: int, status: str,
                          user_id: int | None) -> int:
        values = {"data": raw, "status": status, "updated_at": utcnow(), "updated_by": user_id}
        if expected == 0:
            try:
                with self.session.begin_nested():
                    self.session.execute(insert(PlanSection).values(
                        plan_id=plan_id, key=key, version=1, **values))
                return 1
            except IntegrityError:
                pass  # someone saved the section first: fall through to the conflict
        elif 0 < expected <= MAX_VERSION:  # nothing else can match (or fit the column)
            result = self.session.execute(
                update(PlanSection)
                .where(PlanSection.plan_id == plan_id, PlanSection.key == key,
                       PlanSection.version == expected)
                .values(version=PlanSection.version + 1, **values))
            if result.rowcount == 1:
                return expected + 1
        self.session.rollback()
        current = self.load_section(plan_id, key)
        raise ConflictError(key, expected, current.version, current.data)

    def set_checklist(self, plan_id: int, checklist_id: str) -> None:
        plan = self._plan(plan_id)
        plan.checklist = checklist_id
        self.session.commit()

    def delete_plan(self, plan_id: int) -> None:
        self._plan(plan_id)
        # Children first: SQLite enforces the foreign keys, and not every table cascades
        # through the ORM.
        for table in (SectionChange, Membership, PlanSection):
            self.session.execute(delete(table).where(table.plan_id == plan_id))
        for model in (Revision, Comment, Assessment, Invitation, Team):
            self.session.execute(delete(model).where(model.plan_id == plan_id))
        self.session.execute(delete(Plan).where(Plan.id == plan_id))
        self.session.commit()

