"""Civil-society review, shared by the views and the tests: plain functions over a session.

Comments
    A thread is a first comment on one section of the plan and its replies (rows whose
    `thread_id` points at the first comment). Only the first comment of a thread carries
    its resolved state. Counting open threads per section is one grouped query, so the
    task list costs the same however many sections there are.

Assessments
    A reviewer's own view of one criterion of the plan's checklist: they agree with the
    status the scorecard gives, or they disagree, give the status they would give (met,
    partly met, not met) and say why. An agreement stores the status agreed with, so a
    later change of the plan that moves the scorecard's status shows the agreement as
    out of date instead of silently turning it into agreement with something else.
    A reviewer answers many criteria on one page and saves them at once
    (`save_assessments`): every answer is checked first, and either all that changed are
    saved or, if one is wrong, none, so the page can come back with every answer typed.
    Assessments belong to the checklist they were made against and are kept when the
    plan switches to another one; switching back shows them again.

The side by side
    `side_by_side(card, assessments)` joins a scorecard (plain data from the pure scorer,
    which knows nothing of reviews) with the assessments, keeping only those that differ
    from the scorecard's status now, and counts those made against other checklists. It
    returns plain dicts for the scorecard page and the gap report alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ..i18n import number
from ..models import Assessment, Comment, User, utcnow
from ..plan.schema import SECTION_MODELS
from ..scoring import Scorecard
from ..scoring.scorer import MET, NOT_MET, PARTLY_MET

MAX_BODY = 5000
STATUSES = (MET, PARTLY_MET, NOT_MET)


class ReviewError(ValueError):
    """What someone typed cannot be saved; the message says why, in plain words."""


class NotFound(LookupError):
    pass


# --- comments ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CommentView:
    id: int
    author: str
    author_id: int | None
    body: str
    created_at: dt.datetime


@dataclass(slots=True)
class Thread:
    id: int
    section: str
    comments: list[CommentView] = field(default_factory=list)
    resolved_by: str = ""
    resolved_at: dt.datetime | None = None

    @property
    def open(self) -> bool:
        return self.resolved_at is None

    @property
    def first(self) -> CommentView:
        return self.comments[0]

    @property
    def replies(self) -> list[CommentView]:
        return self.comments[1:]


def clean_body(body: str | None, *, reply: bool = False) -> str:
    text = (body or "").replace("\r\n", "\n").strip()
    if not text:
        raise ReviewError(_("Write your reply before sending it.") if reply
                          else _("Write your comment before sending it."))
    if len(text) > MAX_BODY:
        raise ReviewError(_("A comment can be up to %(max)s characters long; yours has "
                            "%(count)s. Shorten it, or split it into two comments.",
                            max=number(MAX_BODY), count=number(len(text))))
    return text


def _check_section(section: str) -> None:
    if section not in SECTION_MODELS:
        raise NotFound(section)


def start_thread(session: Session, plan_id: int, section: str, author_id: int,
                 body: str | None) -> int:
    """A new thread on a section; returns its id."""
    _check_section(section)
    comment = Comment(plan_id=plan_id, section=section, author_id=author_id,
                      body=clean_body(body))
    session.add(comment)
    session.commit()
    return comment.id


def find_thread(session: Session, plan_id: int, thread_id: int) -> Comment:
    """The first comment of a thread of this plan (a reply's id is not a thread's)."""
    first = session.get(Comment, thread_id)
    if first is None or first.plan_id != plan_id or first.thread_id is not None:
        raise NotFound(thread_id)
    return first


def reply(session: Session, plan_id: int, thread_id: int, author_id: int,
          body: str | None) -> int:
    first = find_thread(session, plan_id, thread_id)
    comment = Comment(plan_id=plan_id, section=first.section, thread_id=first.id,
                      author_id=author_id, body=clean_body(body, reply=True))
    session.add(comment)
    session.commit()
    return comment.id


def resolve(session: Session, plan_id: int, thread_id: int, user_id: int) -> None:
    first = find_thread(session, plan_id, thread_id)
    if first.resolved_at is None:
        first.resolved_by, first.resolved_at = user_id, utcnow()
        session.commit()


def reopen(session: Session, plan_id: int, thread_id: int) -> None:
    first = find_thread(session, plan_id, thread_id)
    first.resolved_by, first.resolved_at = None, None
    session.commit()


def threads(session: Session, plan_id: int, section: str | None = None,
            open_only: bool = False) -> list[Thread]:
    """Threads of a plan (or of one section), oldest first, in one query."""
    author, resolver = aliased(User), aliased(User)
    first = aliased(Comment)
    query = (select(Comment, author.name, resolver.name)
             .join(first, first.id == func.coalesce(Comment.thread_id, Comment.id))
             .outerjoin(author, author.id == Comment.author_id)
             .outerjoin(resolver, resolver.id == Comment.resolved_by)
             .where(Comment.plan_id == plan_id)
             .order_by(first.created_at, first.id, Comment.created_at, Comment.id))
    if section is not None:
        query = query.where(Comment.section == section)
    if open_only:
        query = query.where(first.resolved_at.is_(None))
    found: dict[int, Thread] = {}
    for comment, author_name, resolver_name in session.execute(query):
        key = comment.thread_id or comment.id
        thread = found.get(key)
        if thread is None:
            thread = found[key] = Thread(id=key, section=comment.section)
        if comment.thread_id is None:
            thread.resolved_at = comment.resolved_at
            thread.resolved_by = resolver_name or ""
        thread.comments.append(CommentView(
            id=comment.id, author=author_name or _("Former member"), author_id=comment.author_id,
            body=comment.body, created_at=comment.created_at))
    return list(found.values())


def open_counts(session: Session, plan_id: int) -> dict[str, int]:
    """Open threads per section, in one grouped query: {"context": 2, ...}."""
    rows = session.execute(
        select(Comment.section, func.count(Comment.id))
        .where(Comment.plan_id == plan_id, Comment.thread_id.is_(None),
               Comment.resolved_at.is_(None))
        .group_by(Comment.section))
    return {section: count for section, count in rows}


# --- assessments ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AssessmentView:
    user_id: int
    reviewer: str
    checklist: str
    criterion: str
    agrees: bool
    status: str | None
    reason: str
    updated_at: dt.datetime


class AssessmentInvalid(ReviewError):
    """Several problems at once, by field name ("agrees", "status", "reason")."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class AssessmentsInvalid(ReviewError):
    """Problems in several answers of one page: {criterion: {field: message}}."""

    def __init__(self, errors: dict[str, dict[str, str]]):
        super().__init__("; ".join(f"{criterion}: {message}" for criterion, fields in
                                   errors.items() for message in fields.values()))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class Answer:
    """One criterion's answer as posted: "yes"/"no" (or None), a status, a reason."""

    agrees: str | None = None
    status: str | None = None
    reason: str = ""

    @classmethod
    def posted(cls, agrees: str | None, status: str | None, reason: str | None) -> Answer:
        return cls(agrees or None, status or None,
                   (reason or "").replace("\r\n", "\n").strip())

    @property
    def blank(self) -> bool:
        return not (self.agrees or self.status or self.reason)

    def problems(self, scored_status: str) -> dict[str, str]:
        """What is wrong with the answer, by field; `scored_status` is the scorecard's
        status now, which an agreement records and a disagreement must differ from."""
        errors: dict[str, str] = {}
        if self.agrees not in ("yes", "no"):
            errors["agrees"] = _("Say whether you agree with the scorecard.")
        if len(self.reason) > MAX_BODY:
            errors["reason"] = _("A reason can be up to %(max)s characters long; yours has "
                                 "%(count)s.", max=number(MAX_BODY), count=number(len(self.reason)))
        if self.agrees == "no":
            if self.status not in STATUSES:
                errors["status"] = _("Choose the status you would give.")
            elif self.status == scored_status:
                errors["status"] = _("You chose the status the scorecard already gives. "
                                     "Choose “I agree”, or a different status.")
            if not self.reason:
                errors["reason"] = _("Say why you disagree: your reason is shown beside the "
                                     "scorecard.")
        return errors

    def stored(self, scored_status: str) -> tuple[bool, str | None, str]:
        """(agrees, status, reason) as a row keeps them."""
        agrees = self.agrees == "yes"
        return agrees, scored_status if agrees else self.status, self.reason


def save_assessments(session: Session, plan_id: int, user_id: int, checklist: str,
                     scored: dict[str, str], answers: dict[str, Answer], *,
                     skip_blank: bool = True) -> list[str]:
    """Record a reviewer's answers to several criteria at once; returns the criteria
    whose assessment was saved (new or changed), in the order given.

    `scored` is the scorecard's status of each criterion now. An answer the same as the
    one saved is left alone (its "saved" time stays true), and so, with `skip_blank`, is
    an answer with nothing chosen or typed. Every other answer is checked first: if any
    is wrong, nothing is saved and `AssessmentsInvalid` names every problem.
    """
    rows = {row.criterion: row for row in session.scalars(select(Assessment).where(
        Assessment.plan_id == plan_id, Assessment.user_id == user_id,
        Assessment.checklist == checklist, Assessment.criterion.in_(list(answers))))}
    changed: list[tuple[str, Answer]] = []
    errors: dict[str, dict[str, str]] = {}
    for criterion, answer in answers.items():
        row = rows.get(criterion)
        if answer.blank and skip_blank:
            continue
        # Compared before checking: a disagreement that the plan has since caught up with
        # is posted back unchanged, and must not be refused as "the status it gives".
        if row is not None and answer.agrees in ("yes", "no") and (
                row.agrees, row.status, row.reason) == answer.stored(scored[criterion]):
            continue
        if found := answer.problems(scored[criterion]):
            errors[criterion] = found
        else:
            changed.append((criterion, answer))
    if errors:
        raise AssessmentsInvalid(errors)
    for criterion, answer in changed:
        row = rows.get(criterion)
        if row is None:
            row = Assessment(plan_id=plan_id, user_id=user_id, checklist=checklist,
                             criterion=criterion)
            session.add(row)
        row.agrees, row.status, row.reason = answer.stored(scored[criterion])
        row.updated_at = utcnow()
    session.commit()
    return [criterion for criterion, _answer in changed]


def save_assessment(session: Session, plan_id: int, user_id: int, checklist: str,
                    criterion: str, scored_status: str, *, agrees: str | None,
                    status: str | None, reason: str | None) -> None:
    """Record (or replace) a reviewer's assessment of one criterion.

    `agrees` is "yes" or "no" as posted; `scored_status` is the scorecard's status now,
    which an agreement records and a disagreement must differ from.
    """
    try:
        save_assessments(session, plan_id, user_id, checklist, {criterion: scored_status},
                         {criterion: Answer.posted(agrees, status, reason)}, skip_blank=False)
    except AssessmentsInvalid as problem:
        raise AssessmentInvalid(problem.errors[criterion]) from None


def plan_assessments(session: Session, plan_id: int) -> list[AssessmentView]:
    """Every assessment of the plan, each with its reviewer's name, in one query."""
    rows = session.execute(
        select(Assessment, User.name).join(User, User.id == Assessment.user_id)
        .where(Assessment.plan_id == plan_id)
        .order_by(User.name, User.id, Assessment.criterion))
    return [AssessmentView(user_id=a.user_id, reviewer=name, checklist=a.checklist,
                           criterion=a.criterion, agrees=a.agrees, status=a.status,
                           reason=a.reason, updated_at=a.updated_at)
            for a, name in rows]


def side_by_side(card: Scorecard, assessments: list[AssessmentView]) -> dict:
    """The scorecard joined with civil society's assessments, as plain data::

        {"reviewers": [{"name", "assessed", "differs"}],
         "differences": {criterion_id: [{"reviewer", "status", "reason", "outdated"}]},
         "elsewhere": {checklist_id: count}}

    Only assessments of the card's checklist count; an assessment differs when the status
    it gives is not the scorecard's status now. `outdated` marks an agreement with a
    status the scorecard no longer gives (the plan changed since). `elsewhere` counts the
    assessments made against each other checklist ({checklist_id: count}), so that a page
    can say they are kept and how to see them again.
    """
    scored = {result.id: result.status for result in card.criteria}
    reviewers: dict[int, dict] = {}
    differences: dict[str, list[dict]] = {}
    elsewhere: dict[str, int] = {}
    for a in assessments:
        if a.checklist != card.checklist_id:
            elsewhere[a.checklist] = elsewhere.get(a.checklist, 0) + 1
            continue
        if a.criterion not in scored:
            continue
        summary = reviewers.setdefault(a.user_id, {"name": a.reviewer, "assessed": 0,
                                                   "differs": 0})
        summary["assessed"] += 1
        if a.status == scored[a.criterion]:
            continue
        summary["differs"] += 1
        differences.setdefault(a.criterion, []).append({
            "reviewer": a.reviewer, "status": a.status, "reason": a.reason,
            "outdated": a.agrees})
    return {"reviewers": list(reviewers.values()), "differences": differences,
            "elsewhere": elsewhere}
