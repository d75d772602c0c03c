"""SQL aggregates behind the scores: raw facts per indicator and department, with row ids.

Every function takes a batch of indicator ids and returns plain rows (named tuples), never ORM
objects and never whole tables: timesheet entries are summed in SQL, and only the first
`limit` ids per (indicator, department) come back, for the drill-down; `entry_page` pages
through the rest. Queries are driven from the indicator's tasks (the unique index on
tasks(indicator_id, code)) into the per-task indexes of the big tables (covering, so they
are read without a table lookup per row: migration 0005),
timesheet_entries(task_id, department_id, work_date, hours, overtime), and into the
summaries the database keeps on every write (migrations 0008 and 0009,
models.DERIVED_METADATA): timesheet_totals(task_id, department_id) for the hours without a
period, task_milestones(task_id) for each task's first events and first submission. Hours
are added as whole micro-hours (exact, whatever the order), per task and department in the
index's own order, then per indicator. Statements are built once (per shape of the window)
with bound parameters, the indicator ids as an expanding IN list, and their rows are read
straight from the driver's cursor (store/reads.py). The facts that come from comments and
support records are in store/comment_metrics.py. Queries never commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from typing import NamedTuple

from sqlalchemy import (
    BigInteger,
    Select,
    bindparam,
    case,
    cast,
    func,
    select,
)
from sqlalchemy.orm import Session

from govperf_desktop.store.models import (
    MICRO_HOURS,
    TASK_MILESTONES,
    TIMESHEET_TOTALS,
    CooperatingDepartment,
    Department,
    Indicator,
    LiabilityRule,
    Task,
    TaskDependency,
    TaskEvent,
    TimesheetEntry,
)
from govperf_desktop.store.reads import (
    DateRange,
    as_date,
    as_moment,
    bind_params,
    bounds_shape,
    date_bounds,
    fetch_rows,
    in_ids,
)


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


def indicator_ids(session: Session) -> list[str]:
    return list(session.scalars(select(Indicator.id).order_by(Indicator.name, Indicator.period)))


@cache
def _indicators() -> Select:  # type: ignore[type-arg]
    return select(
        Indicator.id, Indicator.name, Indicator.period, Indicator.period_start,
        Indicator.period_end, Indicator.status, Indicator.lead_department_id,
    ).where(in_ids(Indicator.id))  # fmt: skip


def indicators(session: Session, ids: Sequence[str]) -> list[IndicatorRow]:
    return [
        IndicatorRow(id, name, period, as_date(start), as_date(end), status, lead)
        for id, name, period, start, end, status, lead in fetch_rows(
            session, _indicators(), bind_params(ids)
        )
    ]


def department_names(session: Session) -> dict[str, str]:
    return dict(fetch_rows(session, select(Department.id, Department.name)))


@cache
def _cooperating() -> Select:  # type: ignore[type-arg]
    return select(CooperatingDepartment.indicator_id, CooperatingDepartment.department_id).where(
        in_ids(CooperatingDepartment.indicator_id)
    )


def cooperating(session: Session, ids: Sequence[str]) -> list[tuple[str, str]]:
    rows = fetch_rows(session, _cooperating(), bind_params(ids))
    return [(indicator_id, department_id) for indicator_id, department_id in rows]


@cache
def _rules() -> Select:  # type: ignore[type-arg]
    return select(
        LiabilityRule.indicator_id, LiabilityRule.id, LiabilityRule.kind,
        LiabilityRule.percent, LiabilityRule.description,
    ).where(in_ids(LiabilityRule.indicator_id))  # fmt: skip


def liability_rules(session: Session, ids: Sequence[str]) -> list[RuleRow]:
    return [RuleRow(*row) for row in fetch_rows(session, _rules(), bind_params(ids))]


@cache
def _tasks() -> Select:  # type: ignore[type-arg]
    return select(
        Task.id, Task.indicator_id, Task.code, Task.content, Task.department_id,
        Task.deadline, Task.period, Task.template_id,
    ).where(in_ids(Task.indicator_id), Task.deadline.is_not(None))  # fmt: skip


def tasks(session: Session, ids: Sequence[str]) -> list[TaskRow]:
    """The indicators' scheduled tasks (with a deadline; templates of recurring tasks have none)."""
    return [
        TaskRow(id, indicator_id, code, content, department_id, as_date(deadline), period, template)
        for id, indicator_id, code, content, department_id, deadline, period, template
        in fetch_rows(session, _tasks(), bind_params(ids))
    ]  # fmt: skip


@cache
def _dependencies() -> Select:  # type: ignore[type-arg]
    task_ids = select(Task.id).where(in_ids(Task.indicator_id)).scalar_subquery()
    return select(TaskDependency.task_id, TaskDependency.depends_on_id).where(
        TaskDependency.task_id.in_(task_ids)
    )


def dependencies(session: Session, ids: Sequence[str]) -> list[tuple[str, str]]:
    """(task, depends on) of the indicators, looked up by task (the primary key's prefix)."""
    return [(row[0], row[1]) for row in fetch_rows(session, _dependencies(), bind_params(ids))]


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
        .where(in_ids(Task.indicator_id))
    )  # fmt: skip


def milestones(session: Session, ids: Sequence[str]) -> dict[str, Milestones]:
    """Task id -> its milestones, for the indicators' tasks that have any (an event of those
    kinds or a submission): the first notification, the first start, the finish (the
    earliest acceptance or completion) by moment then id, the number of its returns and its
    first submission (the lowest revision)."""
    return {
        task_id: Milestones(
            EventRow(task_id, "notified", notified, as_moment(notified_at)) if notified else None,
            EventRow(task_id, "started", started, as_moment(started_at)) if started else None,
            EventRow(task_id, kind, finished, as_moment(finished_at)) if finished else None,
            returns,
            SubmissionRow(task_id, submission, check_result) if submission else None,
        )
        for (
            task_id, notified, notified_at, started, started_at, finished, kind, finished_at,
            returns, submission, check_result,
        ) in fetch_rows(session, _milestones(), bind_params(ids))
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
        .where(in_ids(Task.indicator_id), kept.c.returns > 0, TaskEvent.kind == "returned")
        .order_by(TaskEvent.task_id, TaskEvent.occurred_at, TaskEvent.id)
    )


def returned_ids(session: Session, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Task id -> the ids of its returns for revision by moment then id, for the indicators'
    tasks that have any (read only to show evidence ids: the counts are in `milestones`)."""
    found: dict[str, list[str]] = {}
    for task_id, event_id in fetch_rows(session, _returned(), bind_params(ids)):
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
        tasks_of = (in_ids(Task.indicator_id),)
    else:
        overtime_entries = func.sum(case((TimesheetEntry.overtime > 0, 1), else_=0))
        per_task = (
            select(
                TimesheetEntry.task_id, TimesheetEntry.department_id,
                func.sum(_micro_hours(TimesheetEntry.hours)).label("micro_hours"),
                func.count().label("entries"), overtime_entries.label("overtime_entries"),
            )
            .where(
                TimesheetEntry.task_id.in_(select(Task.id).where(in_ids(Task.indicator_id))),
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
    rows = fetch_rows(session, _hours(*bounds_shape(dates)), bind_params(ids, dates))
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
        .where(in_ids(Task.indicator_id), *date_bounds(TimesheetEntry.work_date, start, end))
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
    rows = fetch_rows(
        session, _entry_ids(*bounds_shape(dates)), {**bind_params(ids, dates), "limit": limit}
    )
    return [
        EntryIdRow(indicator_id, department_id, entry_id, as_date(work_date), bool(overtime), rank)
        for indicator_id, department_id, entry_id, work_date, overtime, rank in rows
    ]
