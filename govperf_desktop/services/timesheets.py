"""Timesheet entries (项目工时台账): adding hours, checked against the rules of a person's day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.timesheets import validate_day_total, validate_entry_hours
from govperf_desktop.services import lookup
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import TimesheetEntry
from govperf_desktop.store.store import Store


@dataclass(frozen=True)
class EntryView:
    id: str
    person: str
    department: str
    task_id: str
    work_date: date
    hours: float
    overtime: float


def add_entry(
    store: Store,
    *,
    person: str,
    task_id: str,
    work_date: date,
    hours: float,
    overtime: float = 0.0,
    note: str | None = None,
    department: str | None = None,
    entry_id: str | None = None,
    now: datetime,
) -> EntryView:
    """Record hours of one person on one task and day; refuses what breaks a rule."""
    validate_entry_hours(hours, overtime, work_date)
    with store.write() as session:
        worker = lookup.person(session, person, department)
        task = lookup.task(session, task_id)
        already = session.scalar(
            select(func.coalesce(func.sum(TimesheetEntry.hours), 0.0)).where(
                TimesheetEntry.person_id == worker.id, TimesheetEntry.work_date == work_date
            )
        )
        validate_day_total(worker.name, work_date, float(already or 0.0), hours)
        entry = TimesheetEntry(
            id=entry_id or new_id(),
            person_id=worker.id,
            department_id=worker.department_id,
            task_id=task.id,
            work_date=work_date,
            hours=hours,
            overtime=overtime,
            note=note,
            created_at=to_utc_naive(now),
        )
        session.add(entry)
        session.flush()
        department_name = lookup.department(session, worker.department_id).name
    return EntryView(entry.id, worker.name, department_name, task.id, work_date, hours, overtime)
