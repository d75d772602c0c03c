"""The rows behind a score, for the drill-down (`govperf evidence`): pages, never more.

`entry_page` pages through a department's timesheet entries on an indicator (they can be
thousands); `describe` turns a page of ids of any table into rows with their moment and a
one-line summary, in the order asked. Queries never commit.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from govperf_desktop.store.models import (
    Comment,
    Department,
    Person,
    Submission,
    SupportRecord,
    Task,
    TaskEvent,
    TimesheetEntry,
)
from govperf_desktop.store.reads import DateRange, date_bounds

TABLES = ("timesheet_entries", "task_events", "submissions", "comments", "support_records")
SUMMARY_CHARS = 80


class EvidenceRow(NamedTuple):
    table: str
    id: str
    at: datetime | date | None  # naive UTC for moments, an office date for work days
    summary: str


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"


def _entries(session: Session, ids: Sequence[str]) -> dict[str, EvidenceRow]:
    rows = session.execute(
        select(TimesheetEntry, Person.name, Task.code)
        .join(Person, Person.id == TimesheetEntry.person_id)
        .join(Task, Task.id == TimesheetEntry.task_id)
        .where(TimesheetEntry.id.in_(ids))
    )
    found = {}
    for entry, person, code in rows:
        extra = f", overtime {entry.overtime:g} h" if entry.overtime else ""
        summary = f"{person} on {code}: {entry.hours:g} h{extra}"
        found[entry.id] = EvidenceRow("timesheet_entries", entry.id, entry.work_date, summary)
    return found


def _events(session: Session, ids: Sequence[str]) -> dict[str, EvidenceRow]:
    rows = session.execute(
        select(TaskEvent, Task.code, Person.name)
        .join(Task, Task.id == TaskEvent.task_id)
        .outerjoin(Person, Person.id == TaskEvent.person_id)
        .where(TaskEvent.id.in_(ids))
    )
    return {
        event.id: EvidenceRow(
            "task_events", event.id, event.occurred_at,
            f"{code} {event.kind} by {person or 'the software (standard check)'}",
        )
        for event, code, person in rows
    }  # fmt: skip


def _submissions(session: Session, ids: Sequence[str]) -> dict[str, EvidenceRow]:
    rows = session.execute(
        select(Submission, Task.code, Person.name)
        .join(Task, Task.id == Submission.task_id)
        .join(Person, Person.id == Submission.submitted_by)
        .where(Submission.id.in_(ids))
    )
    found = {}
    for submission, code, person in rows:
        missing = json.loads(submission.missing_items or "[]")
        result = "complete" if submission.check_result == "complete" else (
            "missing " + "; ".join(missing)
        )  # fmt: skip
        summary = _short(f"{code} revision {submission.revision} by {person}: {result}")
        found[submission.id] = EvidenceRow(
            "submissions", submission.id, submission.submitted_at, summary
        )
    return found


def _comments(session: Session, ids: Sequence[str]) -> dict[str, EvidenceRow]:
    rows = session.execute(
        select(Comment, Task.code, Person.name, Department.name)
        .join(Task, Task.id == Comment.task_id)
        .join(Person, Person.id == Comment.author_id)
        .join(Department, Department.id == Comment.department_id)
        .where(Comment.id.in_(ids))
    )
    return {
        comment.id: EvidenceRow(
            "comments", comment.id, comment.created_at,
            _short(f"{code} {person} ({department}): {comment.body}"),
        )
        for comment, code, person, department in rows
    }  # fmt: skip


def _support(session: Session, ids: Sequence[str]) -> dict[str, EvidenceRow]:
    giver, receiver, confirmer = aliased(Department), aliased(Department), aliased(Person)
    rows = session.execute(
        select(SupportRecord, Task.code, giver.name, receiver.name, confirmer.name)
        .join(Task, Task.id == SupportRecord.task_id)
        .join(giver, giver.id == SupportRecord.from_department_id)
        .join(receiver, receiver.id == SupportRecord.to_department_id)
        .outerjoin(confirmer, confirmer.id == SupportRecord.confirmed_by)
        .where(SupportRecord.id.in_(ids))
    )
    return {
        record.id: EvidenceRow(
            "support_records", record.id, record.confirmed_at or record.recorded_at,
            _short(f"{code} {source} → {target}: {record.description}"
                   + (f" (confirmed by {who})" if who else " (not confirmed)")),
        )
        for record, code, source, target, who in rows
    }  # fmt: skip


_DESCRIBE = {
    "timesheet_entries": _entries,
    "task_events": _events,
    "submissions": _submissions,
    "comments": _comments,
    "support_records": _support,
}


def describe(session: Session, table: str, ids: Sequence[str]) -> list[EvidenceRow]:
    """The rows `ids` of `table`, in the order given (ids no longer present are skipped)."""
    found = _DESCRIBE[table](session, list(ids)) if ids else {}
    return [found[row_id] for row_id in ids if row_id in found]


class EntryRow(NamedTuple):
    id: str
    person: str
    task_code: str
    work_date: date
    hours: float
    overtime: float


def entry_page(
    session: Session,
    indicator_id: str,
    department_id: str,
    dates: DateRange,
    *,
    overtime_only: bool,
    offset: int,
    limit: int,
) -> tuple[int, list[EntryRow]]:
    """One page of a department's entries on an indicator (date, id order), and the count."""
    conditions = [
        Task.indicator_id == indicator_id,
        TimesheetEntry.department_id == department_id,
        *date_bounds(TimesheetEntry.work_date, *(day is not None for day in dates)),
    ]
    if overtime_only:
        conditions.append(TimesheetEntry.overtime > 0)
    params = {name: value for name, value in zip(("start", "end"), dates, strict=True) if value}
    base = (
        select(TimesheetEntry.id).join(Task, Task.id == TimesheetEntry.task_id).where(*conditions)
    )
    count = session.scalar(select(func.count()).select_from(base.subquery()), params) or 0
    page = session.execute(
        select(
            TimesheetEntry.id, Person.name, Task.code, TimesheetEntry.work_date,
            TimesheetEntry.hours, TimesheetEntry.overtime,
        )
        .join(Task, Task.id == TimesheetEntry.task_id)
        .join(Person, Person.id == TimesheetEntry.person_id)
        .where(*conditions)
        .order_by(TimesheetEntry.work_date, TimesheetEntry.id)
        .offset(offset)
        .limit(limit),
        params,
    )  # fmt: skip
    return count, [EntryRow(*row) for row in page]
