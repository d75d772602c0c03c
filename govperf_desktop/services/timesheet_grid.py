"""The week grid's two actions beyond `timesheet_week.py`: which tasks a person may book
hours on (the grid's "add a task" list), and setting the hours of one cell.

A cell of the grid is one task on one day; it may hold several entries (typed on different
occasions, imported). Setting its hours is one user action, done through the entry services
(`timesheets.py`), so every rule of an entry applies and the change capture records it:

* an empty cell gets a new entry; a cell with one entry has it changed, or deleted when the
  hours are cleared (0 or empty);
* a cell with several entries keeps the older ones and its newest entry takes the
  difference; clearing such a cell, or a value not above the older entries' hours, is
  refused with a sentence saying which entries are there (they are edited one by one);
* typing the value the cell already has changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select

from govperf_desktop.domain import timesheets as rules
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.services import lookup
from govperf_desktop.services.timesheets import EntryView, add_entry, delete_entry, edit_entry
from govperf_desktop.store.models import (
    CooperatingDepartment,
    Department,
    Indicator,
    Task,
    TimesheetEntry,
)
from govperf_desktop.store.store import Store

MAX_TASKS = 1000


@dataclass(frozen=True)
class BookableTask:
    id: str
    code: str
    content: str
    indicator: str
    department: str  # the department responsible for the task
    status: str


@dataclass(frozen=True)
class CellChange:
    action: str  # added | changed | deleted | unchanged
    entry: EntryView | None
    task_id: str
    work_date: date
    hours: float  # the cell's hours afterwards


def bookable_tasks(
    store: Store, *, person: str, limit: int = MAX_TASKS
) -> tuple[BookableTask, ...]:
    """Tasks the person may record hours on: those of indicators their department leads,
    cooperates on, or has a task in; recurring templates excluded (hours go on a month's
    instance). Open tasks first, then by indicator and code; at most `limit`."""
    if limit < 1:
        raise ValidationError("The list needs a limit of at least 1.")
    with store.read() as session:
        worker = lookup.person(session, person)
        department_id = worker.department_id
        indicator_ids = (
            select(Indicator.id)
            .where(Indicator.lead_department_id == department_id)
            .union(
                select(CooperatingDepartment.indicator_id).where(
                    CooperatingDepartment.department_id == department_id
                ),
                select(Task.indicator_id).where(Task.department_id == department_id),
            )
            .subquery()
        )
        rows = session.execute(
            select(
                Task.id,
                Task.code,
                Task.content,
                Indicator.name,
                Department.name,
                Task.status,
            )
            .join(Indicator, Indicator.id == Task.indicator_id)
            .join(Department, Department.id == Task.department_id)
            .where(
                Task.indicator_id.in_(select(indicator_ids.c[0])),
                or_(Task.recurrence.is_(None), Task.template_id.is_not(None)),
            )
            .order_by((Task.status == "completed").asc(), Indicator.name, Task.code)
            .limit(limit)
        ).all()
    return tuple(BookableTask(*row) for row in rows)


def _cell_entries(
    store: Store, person: str, task_id: str, day: date
) -> tuple[str, list[tuple[str, float]]]:
    """The person's name and the cell's entries (id, hours), oldest first."""
    with store.read() as session:
        worker = lookup.person(session, person)
        task = lookup.task(session, task_id)
        entries = session.execute(
            select(TimesheetEntry.id, TimesheetEntry.hours)
            .where(
                TimesheetEntry.person_id == worker.id,
                TimesheetEntry.task_id == task.id,
                TimesheetEntry.work_date == day,
            )
            .order_by(TimesheetEntry.created_at, TimesheetEntry.id)
        ).all()
        return worker.name, [(entry_id, float(hours)) for entry_id, hours in entries]


def set_cell_hours(
    store: Store,
    *,
    actor: str,
    person: str,
    task_id: str,
    day: date,
    hours: float | None,
    now: datetime,
) -> CellChange:
    """Make the person's hours on `task_id` and `day` add up to `hours` (None or 0: none).

    `actor` is the person or a head of their department; overtime is computed by the rules.
    """
    cleared = hours is None or hours == 0
    if not cleared:
        rules.validate_entry_hours(float(hours), None, day)  # type: ignore[arg-type]
    worker_name, entries = _cell_entries(store, person, task_id, day)
    current = sum(value for _, value in entries)
    wanted = 0.0 if cleared else float(hours)  # type: ignore[arg-type]
    if abs(current - wanted) <= rules.TOLERANCE:
        return CellChange("unchanged", None, task_id, day, current)
    if not entries:
        entry = add_entry(
            store,
            person=person,
            task_id=task_id,
            work_date=day,
            hours=wanted,
            actor=actor,
            now=now,
        )
        return CellChange("added", entry, task_id, day, wanted)
    if len(entries) == 1:
        entry_id = entries[0][0]
        if cleared:
            entry = delete_entry(store, entry_id, actor=actor, now=now)
            return CellChange("deleted", entry, task_id, day, 0.0)
        entry = edit_entry(store, entry_id, actor=actor, hours=wanted, now=now)
        return CellChange("changed", entry, task_id, day, wanted)
    older = sum(value for _, value in entries[:-1])
    if cleared or wanted <= older + rules.TOLERANCE:
        listed = " + ".join(f"{value:g} h" for _, value in entries)
        raise ValidationError(
            f"{worker_name}'s cell on {day:%Y-%m-%d} holds {len(entries)} entries ({listed}); "
            f"type more than {older:g} h to change the newest, or delete entries one by one "
            "with 'govperf hours delete'."
        )
    entry = edit_entry(store, entries[-1][0], actor=actor, hours=wanted - older, now=now)
    return CellChange("changed", entry, task_id, day, wanted)
