"""SQL aggregates behind the scores: raw facts per indicator and department, with row ids.

Every function takes a batch of indicator ids and returns plain rows (named tuples), never ORM
objects and never whole tables: timesheet entries are summed in SQL, and only the first
`limit` ids per (indicator, department) come back, for the drill-down; `entry_page` pages
through the rest. Queries are driven from the indicator's tasks (the unique index on
tasks(indicator_id, code)) into the per-task indexes of the big tables (covering, so they
are read without a table lookup per row: migration 0005):
timesheet_entries(task_id, department_id, work_date, hours, overtime),
comments(task_id, created_at, id, department_id, supersedes_id, ...), and into the summaries
the database keeps on every write (migrations 0008 and 0009, models.DERIVED_METADATA):
timesheet_totals(task_id, department_id) for the hours without a period,
mention_targets(task_id, created_at, ...) for the mention requests, task_milestones(task_id)
for each task's first events and first submission.
Hours are added as whole micro-hours (exact, whatever the order), per task and department
in the index's own order, then per indicator. Filters that SQLite could wrongly
prefer an index for (comments.supersedes_id IS NULL) are written as expressions
(coalesce) so the plan stays per task. Statements are built once (per shape of the window)
with bound parameters, the indicator ids as an expanding IN list, and run on the session's
connection; their rows are read straight from the driver's cursor (`_run`). Queries never
commit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from functools import cache
from typing import NamedTuple

from sqlalchemy import (
    BigInteger,
    Select,
    String,
    bindparam,
    case,
    cast,
    func,
    literal,
    select,
)
from sqlalchemy.orm import Session, aliased

from govperf_desktop.store.models import (
    MENTION_TARGETS,
    MICRO_HOURS,
    TASK_MILESTONES,
    TIMESHEET_TOTALS,
    Comment,
    CooperatingDepartment,
    Department,
    Indicator,
    LiabilityRule,
    Person,
    SupportRecord,
    Task,
    TaskDependency,
    TaskEvent,
    TimesheetEntry,
)

DateRange = tuple[date | None, date | None]
MomentRange = tuple[datetime | None, datetime | None]


class IndicatorRow(NamedTuple):
    id: str
    name: str
    period: str
    period_start: date
    period_end: date
    status: str
    lead_department_id: str


class RuleRow(NamedTuple):
    indicator_id: str
    id: str
    kind: str
    percent: float
    description: str


class TaskRow(NamedTuple):
    id: str
    indicator_id: str
    code: str
    content: str
    department_id: str
    deadline: date
    period: str | None
    template_id: str | None


class EventRow(NamedTuple):
    task_id: str
    kind: str
    id: str
    occurred_at: datetime


class SubmissionRow(NamedTuple):
    task_id: str
    id: str
    check_result: str


class Milestones(NamedTuple):
    """What scoring reads of one task's flow (see `milestones`)."""

    notified: EventRow | None
    started: EventRow | None
    finished: EventRow | None  # the earlier of its first acceptance and first completion
    returns: int  # its returns for revision (their ids: `returned_ids`)
    first_submission: SubmissionRow | None  # the lowest revision


class HoursRow(NamedTuple):
    indicator_id: str
    department_id: str
    hours: float
    entries: int
    overtime_entries: int


class EntryIdRow(NamedTuple):
    indicator_id: str
    department_id: str
    id: str
    work_date: date
    overtime: bool
    rank: int  # 1-based among the department's entries with (or without) overtime


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


def _ids(column):  # type: ignore[no-untyped-def]
    return column.in_(bindparam("ids", expanding=True))


def date_bounds(column, start: bool, end: bool):  # type: ignore[no-untyped-def]
    """Inclusive date bounds (bound parameters 'start' and 'end')."""
    conditions = []
    if start:
        conditions.append(column >= bindparam("start"))
    if end:
        conditions.append(column <= bindparam("end"))
    return conditions


def _before(column, start: bool, until: bool):  # type: ignore[no-untyped-def]
    """Moments in [start, until) (bound parameters 'start' and 'until')."""
    conditions = []
    if start:
        conditions.append(column >= bindparam("start"))
    if until:
        conditions.append(column < bindparam("until"))
    return conditions


def _params(
    ids: Sequence[str], bounds: tuple | None = None, names: tuple[str, str] = ("start", "end")
) -> dict[str, object]:
    params: dict[str, object] = {"ids": list(ids)}
    for name, value in zip(names, bounds or (None, None), strict=True):
        if value is not None:
            params[name] = value
    return params


def _shape(bounds: tuple | None) -> tuple[bool, bool]:  # type: ignore[type-arg]
    start, end = bounds or (None, None)
    return start is not None, end is not None


def _run(
    session: Session, statement: Select, params: dict[str, object] | None = None
) -> list[tuple]:  # type: ignore[type-arg]
    """The statement's rows as plain tuples, straight from the driver's cursor.

    SQLAlchemy compiles the statement (cached) and binds the parameters; the rows are then
    fetched all at once from the DBAPI cursor, without a Row object or a result processor
    per value: scoring a province reads ~170,000 rows, and building those objects cost more
    than the SQL. Values are therefore as the driver gives them: SQLite returns dates and
    moments as ISO text, PostgreSQL as date and datetime; `_day` and `_when` read both."""
    result = session.connection().execute(statement, params or {})
    try:
        return result.cursor.fetchall()  # type: ignore[no-any-return]
    finally:
        result.close()


def _day(value: date | str) -> date:
    """A date as the driver returned it (SQLite: 'YYYY-MM-DD' text)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def _when(value: datetime | str | None) -> datetime | None:
    """A naive UTC moment as the driver returned it (SQLite: ISO text, as SQLAlchemy stores
    it), or None."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


# SQLite's own cap on a memory-mapped region (SQLITE_MAX_MMAP_SIZE, just under 2 GiB).
MMAP_BYTES = 0x7FFF0000


@contextmanager
def mapped_reads(session: Session) -> Iterator[None]:
    """Read the store file through a memory map while scoring many indicators.

    Whole-store aggregates read most pages of the big indexes; with `PRAGMA mmap_size` SQLite
    reads them in place instead of copying each page through a read() call into its cache
    (about 1 s of CPU less for every indicator of a province). The setting is per
    connection: the previous value is put back afterwards. SQLite falls back to plain reads
    where mapping is not possible, and other databases are left alone.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    previous = connection.exec_driver_sql("PRAGMA mmap_size").scalar() or 0
    connection.exec_driver_sql(f"PRAGMA mmap_size={MMAP_BYTES}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA mmap_size={int(previous)}")


def indicator_ids(session: Session) -> list[str]:
    return list(session.scalars(select(Indicator.id).order_by(Indicator.name, Indicator.period)))


@cache
def _indicators() -> Select:  # type: ignore[type-arg]
    return select(
        Indicator.id, Indicator.name, Indicator.period, Indicator.period_start,
        Indicator.period_end, Indicator.status, Indicator.lead_department_id,
    ).where(_ids(Indicator.id))  # fmt: skip


def indicators(session: Session, ids: Sequence[str]) -> list[IndicatorRow]:
    return [
        IndicatorRow(id, name, period, _day(start), _day(end), status, lead)
        for id, name, period, start, end, status, lead in _run(session, _indicators(), _params(ids))
    ]


def department_names(session: Session) -> dict[str, str]:
    return dict(_run(session, select(Department.id, Department.name)))


@cache
def _cooperating() -> Select:  # type: ignore[type-arg]
    return select(CooperatingDepartment.indicator_id, CooperatingDepartment.department_id).where(
        _ids(CooperatingDepartment.indicator_id)
    )


def cooperating(session: Session, ids: Sequence[str]) -> list[tuple[str, str]]:
    rows = _run(session, _cooperating(), _params(ids))
    return [(indicator_id, department_id) for indicator_id, department_id in rows]


@cache
def _rules() -> Select:  # type: ignore[type-arg]
    return select(
        LiabilityRule.indicator_id, LiabilityRule.id, LiabilityRule.kind,
        LiabilityRule.percent, LiabilityRule.description,
    ).where(_ids(LiabilityRule.indicator_id))  # fmt: skip


def liability_rules(session: Session, ids: Sequence[str]) -> list[RuleRow]:
    return [RuleRow(*row) for row in _run(session, _rules(), _params(ids))]


@cache
def _tasks() -> Select:  # type: ignore[type-arg]
    return select(
        Task.id, Task.indicator_id, Task.code, Task.content, Task.department_id,
        Task.deadline, Task.period, Task.template_id,
    ).where(_ids(Task.indicator_id), Task.deadline.is_not(None))  # fmt: skip


def tasks(session: Session, ids: Sequence[str]) -> list[TaskRow]:
    """The indicators' scheduled tasks (with a deadline; templates of recurring tasks have none)."""
    return [
        TaskRow(id, indicator_id, code, content, department_id, _day(deadline), period, template)
        for id, indicator_id, code, content, department_id, deadline, period, template
        in _run(session, _tasks(), _params(ids))
    ]  # fmt: skip


@cache
def _dependencies() -> Select:  # type: ignore[type-arg]
    task_ids = select(Task.id).where(_ids(Task.indicator_id)).scalar_subquery()
    return select(TaskDependency.task_id, TaskDependency.depends_on_id).where(
        TaskDependency.task_id.in_(task_ids)
    )


def dependencies(session: Session, ids: Sequence[str]) -> list[tuple[str, str]]:
    """(task, depends on) of the indicators, looked up by task (the primary key's prefix)."""
    return [(row[0], row[1]) for row in _run(session, _dependencies(), _params(ids))]


@cache
def _milestones() -> Select:  # type: ignore[type-arg]
    # One row per task from task_milestones (migration 0009: the database keeps each task's
    # first events and first submission on every write), by its primary key.
    kept = TASK_MILESTONES.c
    return (
        select(
            kept.task_id, kept.notified_id, kept.notified_at, kept.started_id, kept.started_at,
            kept.finished_id, kept.finished_kind, kept.finished_at, kept.returns,
            kept.first_submission_id, kept.first_check_result,
        )
        .join(Task, Task.id == kept.task_id)
        .where(_ids(Task.indicator_id))
    )  # fmt: skip


def milestones(session: Session, ids: Sequence[str]) -> dict[str, Milestones]:
    """Task id -> its milestones, for the indicators' tasks that have any (an event of those
    kinds or a submission): the first notification, the first start, the finish (the
    earliest acceptance or completion) by moment then id, the number of its returns and its
    first submission (the lowest revision)."""
    return {
        task_id: Milestones(
            EventRow(task_id, "notified", notified, _when(notified_at)) if notified else None,
            EventRow(task_id, "started", started, _when(started_at)) if started else None,
            EventRow(task_id, kind, finished, _when(finished_at)) if finished else None,
            returns,
            SubmissionRow(task_id, submission, check_result) if submission else None,
        )
        for (
            task_id, notified, notified_at, started, started_at, finished, kind, finished_at,
            returns, submission, check_result,
        ) in _run(session, _milestones(), _params(ids))
    }  # fmt: skip


@cache
def _returned() -> Select:  # type: ignore[type-arg]
    # Only the tasks that task_milestones says were returned look at their events.
    kept = TASK_MILESTONES
    return (
        select(TaskEvent.task_id, TaskEvent.id)
        .select_from(Task)
        .join(kept, kept.c.task_id == Task.id)
        .join(TaskEvent, TaskEvent.task_id == Task.id)
        .where(_ids(Task.indicator_id), kept.c.returns > 0, TaskEvent.kind == "returned")
        .order_by(TaskEvent.task_id, TaskEvent.occurred_at, TaskEvent.id)
    )


def returned_ids(session: Session, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Task id -> the ids of its returns for revision by moment then id, for the indicators'
    tasks that have any (read only to show evidence ids: the counts are in `milestones`)."""
    found: dict[str, list[str]] = {}
    for task_id, event_id in _run(session, _returned(), _params(ids)):
        found.setdefault(task_id, []).append(event_id)
    return {task_id: tuple(events) for task_id, events in found.items()}


def _micro_hours(hours):  # type: ignore[no-untyped-def]
    """An entry's hours in whole millionths of an hour, as timesheet_totals adds them."""
    return cast(func.round(hours * MICRO_HOURS), BigInteger)


@cache
def _hours(start: bool, end: bool) -> Select:  # type: ignore[type-arg]
    # Without date bounds: the totals per task and department that the database keeps on
    # every write (migration 0008), a few rows per task. With bounds: summed per task and
    # department first, from the covering index timesheet_entries(task_id, department_id,
    # work_date, hours, overtime) in its own order (no sort, no table lookup), the same way
    # (whole micro-hours); then per indicator over those few rows.
    if not (start or end):
        per_task = TIMESHEET_TOTALS.alias("per_task")
        tasks_of = (_ids(Task.indicator_id),)
    else:
        overtime_entries = func.sum(case((TimesheetEntry.overtime > 0, 1), else_=0))
        per_task = (
            select(
                TimesheetEntry.task_id, TimesheetEntry.department_id,
                func.sum(_micro_hours(TimesheetEntry.hours)).label("micro_hours"),
                func.count().label("entries"), overtime_entries.label("overtime_entries"),
            )
            .where(
                TimesheetEntry.task_id.in_(select(Task.id).where(_ids(Task.indicator_id))),
                *date_bounds(TimesheetEntry.work_date, start, end),
            )
            .group_by(TimesheetEntry.task_id, TimesheetEntry.department_id)
            .subquery()
        )  # fmt: skip
        tasks_of = ()  # the subquery already keeps to the indicators' tasks
    columns = (per_task.c.micro_hours, per_task.c.entries, per_task.c.overtime_entries)
    return (
        select(Task.indicator_id, per_task.c.department_id, *(func.sum(c) for c in columns))
        .join(per_task, per_task.c.task_id == Task.id)
        .where(*tasks_of)
        .group_by(Task.indicator_id, per_task.c.department_id)
    )


def hours(session: Session, ids: Sequence[str], dates: DateRange) -> list[HoursRow]:
    """Hours, entries and overtime entries per (indicator, department of the person).

    Hours are added as whole millionths of an hour (each entry rounded to one), so a total
    is exact and the same whatever order the rows were written or summed in."""
    rows = _run(session, _hours(*_shape(dates)), _params(ids, dates))
    return [
        HoursRow(indicator_id, department_id, int(micro or 0) / MICRO_HOURS, int(entries),
                 int(overtime or 0))
        for indicator_id, department_id, micro, entries, overtime in rows
    ]  # fmt: skip


@cache
def _entry_ids(start: bool, end: bool) -> Select:  # type: ignore[type-arg]
    is_overtime = case((TimesheetEntry.overtime > 0, 1), else_=0)
    partition = (Task.indicator_id, TimesheetEntry.department_id, is_overtime)
    order = (TimesheetEntry.work_date, TimesheetEntry.id)
    ranked = (
        select(
            Task.indicator_id.label("indicator_id"),
            TimesheetEntry.department_id.label("department_id"),
            TimesheetEntry.id.label("id"),
            TimesheetEntry.work_date.label("work_date"),
            is_overtime.label("overtime"),
            func.row_number().over(partition_by=partition, order_by=order).label("rank"),
        )
        .join(TimesheetEntry, TimesheetEntry.task_id == Task.id)
        .where(_ids(Task.indicator_id), *date_bounds(TimesheetEntry.work_date, start, end))
        .subquery()
    )
    return select(ranked).where(ranked.c.rank <= bindparam("limit"))


def entry_ids(
    session: Session, ids: Sequence[str], dates: DateRange, limit: int
) -> list[EntryIdRow]:
    """The first `limit` entry ids (work date, id order) per (indicator, department), with
    overtime and without: the first `limit` of all of a department's entries are among these
    two lists, merged by date and id. The sums come from `hours` (one summation order for
    every caller, so an indicator scored alone or with all the others gets the same)."""
    rows = _run(session, _entry_ids(*_shape(dates)), {**_params(ids, dates), "limit": limit})
    return [
        EntryIdRow(indicator_id, department_id, entry_id, _day(work_date), bool(overtime), rank)
        for indicator_id, department_id, entry_id, work_date, overtime, rank in rows
    ]


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
            _ids(Task.indicator_id),
            target.c.original.is_(True),
            addressed != target.c.author_department_id,
            # An answer that @-mentions whom it answers is not a new request to them.
            func.coalesce(target.c.answered_department_id, "") != addressed,
            *_before(target.c.created_at, start, until),
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
    params = _params(ids, moments, ("start", "until"))
    statement = _mention_requests(*_shape(moments))
    return [
        RequestRow(indicator_id, task_id, comment_id, _when(created_at), department_id,
                   *_split_reply(reply))
        for indicator_id, task_id, comment_id, created_at, department_id, reply
        in _run(session, statement, params)
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
            _ids(Task.indicator_id),
            problem.is_problem.is_(True),
            reply.department_id != problem.department_id,
            ~superseded,
            *_before(problem.resolved_at, start, until),
        )
    )  # fmt: skip


def problems_resolved(
    session: Session, ids: Sequence[str], moments: MomentRange
) -> list[ProblemRow]:
    """Problems (latest versions) resolved by a reply of another department than the one
    that raised them, resolved within the window."""
    params = _params(ids, moments, ("start", "until"))
    return [
        ProblemRow(indicator_id, task_id, problem_id, reply_id, department_id, _when(resolved))
        for indicator_id, task_id, problem_id, reply_id, department_id, resolved
        in _run(session, _problems(*_shape(moments)), params)
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
            _ids(Task.indicator_id),
            SupportRecord.confirmed_by.is_not(None),
            *_before(SupportRecord.confirmed_at, start, until),
        )
    )  # fmt: skip


def support_given(session: Session, ids: Sequence[str], moments: MomentRange) -> list[SupportRow]:
    """Confirmed support records on the indicators' tasks, confirmed within the window."""
    params = _params(ids, moments, ("start", "until"))
    return [SupportRow(*row) for row in _run(session, _support(*_shape(moments)), params)]
