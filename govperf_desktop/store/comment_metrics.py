"""SQL aggregates behind the response and collaboration sub-metrics that come from comments
and support records: mention requests with their first replies, problems resolved by
another department, confirmed support given. Same conventions as store/metrics.py (a batch
of indicator ids, plain rows, statements cached per shape of the window). Driven from the
indicator's tasks into mention_targets (migration 0008) and the covering index
comments(task_id, created_at, id, department_id, supersedes_id, ...) of migration 0005;
filters that SQLite could wrongly prefer an index for (comments.supersedes_id IS NULL) are
written as expressions (coalesce) so the plan stays per task.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import NamedTuple

from sqlalchemy import Select, String, func, literal, select
from sqlalchemy.orm import Session, aliased

from govperf_desktop.store.models import MENTION_TARGETS, Comment, Person, SupportRecord, Task
from govperf_desktop.store.reads import (
    MomentRange,
    as_moment,
    bind_params,
    bounds_shape,
    fetch_rows,
    in_ids,
    moment_bounds,
)


class RequestRow(NamedTuple):
    """A comment mentioning a department (or a person of it), and the first reply."""

    indicator_id: str
    task_id: str
    comment_id: str
    created_at: datetime
    department_id: str  # the department addressed
    reply_id: str | None
    reply_at: datetime | None


class ProblemRow(NamedTuple):
    indicator_id: str
    task_id: str
    problem_id: str
    reply_id: str
    department_id: str  # the department of the reply that resolved it
    resolved_at: datetime


class SupportRow(NamedTuple):
    indicator_id: str
    task_id: str
    id: str
    department_id: str  # the department that gave the support
    to_department_id: str


def _original(comment) -> object:  # type: ignore[no-untyped-def]
    """`supersedes_id IS NULL` as an expression, so SQLite keeps the per-task plan."""
    return func.coalesce(comment.supersedes_id, "") == ""


@cache
def _mention_requests(start: bool, until: bool) -> Select:  # type: ignore[type-arg]
    # The requests come from mention_targets (migration 0008: each mention with its comment's
    # task, moment, author's department and the department it answers), read per task from
    # its covering index; only the first reply is looked up in comments.
    target, reply, person = MENTION_TARGETS, aliased(Comment), aliased(Person)
    addressed = func.coalesce(person.department_id, target.c.department_id)
    columns = (
        Task.indicator_id.label("indicator_id"),
        target.c.task_id.label("task_id"),
        target.c.comment_id.label("comment_id"),
        target.c.created_at.label("created_at"),
        addressed.label("department_id"),
    )
    requests = (
        select(*columns)
        .distinct()
        .join(target, target.c.task_id == Task.id)
        .outerjoin(person, person.id == target.c.person_id)
        .where(
            in_ids(Task.indicator_id),
            target.c.original.is_(True),
            addressed != target.c.author_department_id,
            # An answer that @-mentions whom it answers is not a new request to them.
            func.coalesce(target.c.answered_department_id, "") != addressed,
            *moment_bounds(target.c.created_at, start, until),
        )
        .subquery()
    )
    # The first reply's moment and id in one text value, so one lookup per request finds
    # both (read from the covering index comments(task_id, created_at, id, ...)).
    moment_and_id = reply.created_at.op("||", return_type=String)(" ")
    first_reply = (
        select(moment_and_id.op("||", return_type=String)(reply.id))
        .where(
            reply.task_id == requests.c.task_id,
            reply.created_at > requests.c.created_at,
            reply.department_id == requests.c.department_id,
            _original(reply),
        )
        .order_by(reply.created_at, reply.id)
        .limit(1)
        .correlate(requests)
        .scalar_subquery()
    )
    c = requests.c
    return select(
        c.indicator_id,
        c.task_id,
        c.comment_id,
        c.created_at,
        c.department_id,
        first_reply.label("reply"),
    )


def _split_reply(value: str | None) -> tuple[str | None, datetime | None]:
    if value is None:
        return None, None
    moment, _, reply_id = value.rpartition(" ")
    return reply_id, datetime.fromisoformat(moment)


def mention_requests(
    session: Session, ids: Sequence[str], moments: MomentRange
) -> list[RequestRow]:
    """Each original comment that mentions another department (or a person of it), once per
    department addressed, with the first later original comment of that department on the
    same task (the reply). A comment replying to that department's comment is its answer,
    not a request, and is left out."""
    params = bind_params(ids, moments, ("start", "until"))
    statement = _mention_requests(*bounds_shape(moments))
    return [
        RequestRow(indicator_id, task_id, comment_id, as_moment(created_at), department_id,
                   *_split_reply(reply))
        for indicator_id, task_id, comment_id, created_at, department_id, reply
        in fetch_rows(session, statement, params)
    ]  # fmt: skip


@cache
def _problems(start: bool, until: bool) -> Select:  # type: ignore[type-arg]
    problem, reply, later = aliased(Comment), aliased(Comment), aliased(Comment)
    superseded = select(literal(1)).where(later.supersedes_id == problem.id).exists()
    return (
        select(
            Task.indicator_id, problem.task_id, problem.id, reply.id, reply.department_id,
            problem.resolved_at,
        )
        .join(problem, problem.task_id == Task.id)
        .join(reply, reply.id == problem.resolved_by_id)
        .where(
            in_ids(Task.indicator_id),
            problem.is_problem.is_(True),
            reply.department_id != problem.department_id,
            ~superseded,
            *moment_bounds(problem.resolved_at, start, until),
        )
    )  # fmt: skip


def problems_resolved(
    session: Session, ids: Sequence[str], moments: MomentRange
) -> list[ProblemRow]:
    """Problems (latest versions) resolved by a reply of another department than the one
    that raised them, resolved within the window."""
    params = bind_params(ids, moments, ("start", "until"))
    return [
        ProblemRow(indicator_id, task_id, problem_id, reply_id, department_id, as_moment(resolved))
        for indicator_id, task_id, problem_id, reply_id, department_id, resolved
        in fetch_rows(session, _problems(*bounds_shape(moments)), params)
    ]  # fmt: skip


@cache
def _support(start: bool, until: bool) -> Select:  # type: ignore[type-arg]
    return (
        select(
            Task.indicator_id, SupportRecord.task_id, SupportRecord.id,
            SupportRecord.from_department_id, SupportRecord.to_department_id,
        )
        .join(Task, Task.id == SupportRecord.task_id)
        .where(
            in_ids(Task.indicator_id),
            SupportRecord.confirmed_by.is_not(None),
            *moment_bounds(SupportRecord.confirmed_at, start, until),
        )
    )  # fmt: skip


def support_given(session: Session, ids: Sequence[str], moments: MomentRange) -> list[SupportRow]:
    """Confirmed support records on the indicators' tasks, confirmed within the window."""
    params = bind_params(ids, moments, ("start", "until"))
    return [
        SupportRow(*row) for row in fetch_rows(session, _support(*bounds_shape(moments)), params)
    ]
