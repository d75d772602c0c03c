"""Evidence from the communication log for scores: reply times, problems resolved, support.

Reply time to a mention (沟通回复时间): from the comment that mentions a person or department to
the first later comment on the same task written by the mentioned person, or by anyone of the
mentioned department (a reply to that comment or any other comment on the task). Rules:

* An edited comment's mention is timed from the first version that carries it (a mention kept
  through an edit is one mention, not two).
* Only first versions count as answers (editing an old comment is not answering), and a
  comment's own author cannot answer it (a mention of oneself is not counted at all).
* A mention nobody has answered yet has no reply time; it is counted as unanswered.

Problems resolved (问题解决次数) are credited to the department of the comment marked as having
resolved a problem (latest versions only); support given (支持其他部门的次数) counts confirmed
support records for the giving department. Everything is aggregated in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.services import lookup
from govperf_desktop.store.models import Comment, Department, Mention, Person, SupportRecord, Task
from govperf_desktop.store.search import seconds_between
from govperf_desktop.store.store import Store

DEFAULT_ROWS = 100


@dataclass(frozen=True)
class MentionReply:
    """One mention and its first reply: the evidence behind a reply time."""

    mention_id: str
    comment_id: str
    task_id: str
    mentioned: str  # '卫健委' or '魏红@卫健委'
    mentioned_department: str
    mentioned_by: str
    mentioned_at: datetime
    reply_id: str | None
    replied_by: str | None
    replied_at: datetime | None
    seconds: float | None


@dataclass(frozen=True)
class ReplyTimes:
    mentions: int
    answered: int
    average_seconds: float | None  # over answered mentions
    longest_seconds: float | None
    rows: tuple[MentionReply, ...]  # newest mention first, at most `limit`


@dataclass(frozen=True)
class Scope:
    """Ids the evidence is limited to (None: no limit)."""

    task_id: str | None = None
    indicator_id: str | None = None
    department_id: str | None = None
    since: datetime | None = None  # naive UTC, inclusive
    until: datetime | None = None  # naive UTC, exclusive


def _scope(
    session: Session,
    task: str | None,
    indicator: str | None,
    department: str | None,
    since: datetime | None,
    until: datetime | None,
) -> Scope:
    task_id = indicator_id = None
    if task is not None:
        task_id = lookup.task_in(session, task, indicator).id
    elif indicator is not None:
        indicator_id = lookup.indicator(session, indicator).id
    return Scope(
        task_id=task_id,
        indicator_id=indicator_id,
        department_id=lookup.department(session, department).id if department else None,
        since=to_utc_naive(since) if since else None,
        until=to_utc_naive(until) if until else None,
    )


def mention_replies_select(scope: Scope):  # type: ignore[no-untyped-def]
    """One row per counted mention with its first reply's id (a subquery to build on)."""
    mentioning, reply = aliased(Comment), aliased(Comment)
    mentioned_person = aliased(Person)
    earlier_mention = aliased(Mention)
    same_target_before = exists().where(
        earlier_mention.comment_id == mentioning.supersedes_id,
        or_(
            earlier_mention.person_id == Mention.person_id,
            earlier_mention.department_id == Mention.department_id,
        ),
    )
    first_reply = (
        select(reply.id)
        .where(
            reply.task_id == mentioning.task_id,
            reply.created_at > mentioning.created_at,
            reply.supersedes_id.is_(None),
            reply.author_id != mentioning.author_id,
            or_(
                reply.author_id == Mention.person_id,
                reply.department_id == Mention.department_id,
            ),
        )
        .order_by(reply.created_at, reply.id)
        .limit(1)
        .scalar_subquery()
    )
    mentioned_department = func.coalesce(Mention.department_id, mentioned_person.department_id)
    query = (
        select(
            Mention.id.label("mention_id"),
            mentioning.id.label("comment_id"),
            mentioning.task_id.label("task_id"),
            mentioning.author_id.label("mentioned_by_id"),
            mentioning.created_at.label("mentioned_at"),
            Mention.person_id.label("person_id"),
            mentioned_department.label("department_id"),
            first_reply.label("reply_id"),
        )
        .join(mentioning, mentioning.id == Mention.comment_id)
        .outerjoin(mentioned_person, mentioned_person.id == Mention.person_id)
        .where(
            ~same_target_before,
            or_(Mention.person_id.is_(None), Mention.person_id != mentioning.author_id),
        )
    )
    conditions: list[ColumnElement[bool]] = []
    if scope.task_id is not None:
        conditions.append(mentioning.task_id == scope.task_id)
    if scope.indicator_id is not None:
        query = query.join(Task, Task.id == mentioning.task_id)
        conditions.append(Task.indicator_id == scope.indicator_id)
    if scope.department_id is not None:
        # Both sides of the OR use an index on `mentions` (no scan of every mention).
        members = select(Person.id).where(Person.department_id == scope.department_id)
        conditions.append(
            or_(
                Mention.department_id == scope.department_id,
                Mention.person_id.in_(members),
            )
        )
    if scope.since is not None:
        conditions.append(mentioning.created_at >= scope.since)
    if scope.until is not None:
        conditions.append(mentioning.created_at < scope.until)
    return query.where(*conditions)


def reply_times(
    store: Store,
    *,
    task: str | None = None,
    indicator: str | None = None,
    department: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = DEFAULT_ROWS,
) -> ReplyTimes:
    """Reply times to mentions of a department (or everyone) on a task or indicator."""
    dialect = store.engine.dialect.name
    with store.read() as session:
        scope = _scope(session, task, indicator, department, since, until)
        counted = mention_replies_select(scope).subquery()
        reply = aliased(Comment)
        seconds = seconds_between(dialect, counted.c.mentioned_at, reply.created_at)
        totals = session.execute(
            select(func.count(), func.count(reply.id), func.avg(seconds), func.max(seconds))
            .select_from(counted)
            .outerjoin(reply, reply.id == counted.c.reply_id)
        ).one()
        mentioned_person, mentioner, replier = aliased(Person), aliased(Person), aliased(Person)
        rows = session.execute(
            select(
                counted,
                mentioned_person.name.label("person_name"),
                Department.name.label("department_name"),
                mentioner.name.label("mentioned_by"),
                replier.name.label("replied_by"),
                reply.created_at.label("replied_at"),
                seconds.label("seconds"),
            )
            .join(Department, Department.id == counted.c.department_id)
            .join(mentioner, mentioner.id == counted.c.mentioned_by_id)
            .outerjoin(mentioned_person, mentioned_person.id == counted.c.person_id)
            .outerjoin(reply, reply.id == counted.c.reply_id)
            .outerjoin(replier, replier.id == reply.author_id)
            .order_by(counted.c.mentioned_at.desc(), counted.c.mention_id.desc())
            .limit(limit)
        ).all()
    return ReplyTimes(
        mentions=totals[0],
        answered=totals[1],
        average_seconds=None if totals[2] is None else round(float(totals[2]), 3),
        longest_seconds=None if totals[3] is None else round(float(totals[3]), 3),
        rows=tuple(
            MentionReply(
                mention_id=row.mention_id,
                comment_id=row.comment_id,
                task_id=row.task_id,
                mentioned=row.department_name
                if row.person_name is None
                else f"{row.person_name}@{row.department_name}",
                mentioned_department=row.department_name,
                mentioned_by=row.mentioned_by,
                mentioned_at=row.mentioned_at,
                reply_id=row.reply_id,
                replied_by=row.replied_by,
                replied_at=row.replied_at,
                seconds=None if row.seconds is None else round(float(row.seconds), 3),
            )
            for row in rows
        ),
    )


@dataclass(frozen=True)
class CollaborationCount:
    department: str
    problems_resolved: int
    support_given: int  # confirmed support records only
    support_unconfirmed: int


def collaboration_counts(
    store: Store,
    *,
    task: str | None = None,
    indicator: str | None = None,
    department: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[CollaborationCount]:
    """Problems resolved and support given, per credited department (by name)."""
    with store.read() as session:
        scope = _scope(session, task, indicator, department, since, until)
        resolver, newer = aliased(Comment), aliased(Comment)
        resolved = (
            select(resolver.department_id, func.count())
            .select_from(Comment)
            .join(resolver, resolver.id == Comment.resolved_by_id)
            .where(Comment.is_problem, ~exists().where(newer.supersedes_id == Comment.id))
            .group_by(resolver.department_id)
        )
        resolved = _limited(resolved, scope, Comment.task_id, Comment.resolved_at)
        if scope.department_id is not None:
            resolved = resolved.where(resolver.department_id == scope.department_id)
        confirmed = SupportRecord.confirmed_by.is_not(None)
        support = select(
            SupportRecord.from_department_id,
            func.count().filter(confirmed),
            func.count().filter(~confirmed),
        ).group_by(SupportRecord.from_department_id)
        support = _limited(support, scope, SupportRecord.task_id, SupportRecord.recorded_at)
        if scope.department_id is not None:
            support = support.where(SupportRecord.from_department_id == scope.department_id)
        counts: dict[str, list[int]] = {}
        for department_id, number in session.execute(resolved):
            counts.setdefault(department_id, [0, 0, 0])[0] = number
        for department_id, given, pending in session.execute(support):
            counts.setdefault(department_id, [0, 0, 0])[1:] = [given, pending]
        names = {
            department_id: name
            for department_id, name in session.execute(
                select(Department.id, Department.name).where(Department.id.in_(counts))
            )
        }
    return sorted(
        (CollaborationCount(names[key], *values) for key, values in counts.items()),
        key=lambda count: (-count.problems_resolved - count.support_given, count.department),
    )


def _limited(query, scope: Scope, task_column, time_column):  # type: ignore[no-untyped-def]
    if scope.task_id is not None:
        query = query.where(task_column == scope.task_id)
    if scope.indicator_id is not None:
        query = query.join(Task, Task.id == task_column).where(
            Task.indicator_id == scope.indicator_id
        )
    if scope.since is not None:
        query = query.where(time_column >= scope.since)
    if scope.until is not None:
        query = query.where(time_column < scope.until)
    return query
