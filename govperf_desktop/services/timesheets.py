"""Timesheet entries (项目工时台账): adding, editing and deleting hours by the rules of a day.

Every entry is checked before it is written: 0 < hours <= 24, a person's day at most 24 hours
across tasks, the task belongs to an indicator the person's department works on (lead,
cooperating, or responsible for one of its tasks), and the day is not in a submitted,
approved or locked period. Overtime is computed when not given (hours beyond the standard day
on a workday, every hour on a rest day) and an explicit overtime is accepted only within that
rule. A person's entries are written by the person or by a head of their department; the
one acting is recorded by the change capture. The week grid, copy-week and periods are in
`timesheet_week.py` and `timesheet_periods.py`; import and export in `timesheet_io.py` and
`timesheet_export.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from govperf_desktop.domain import timesheets as rules
from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import NotFoundError, ValidationError
from govperf_desktop.domain.permissions import Action
from govperf_desktop.domain.timesheets import validate_day_total, validate_entry_hours
from govperf_desktop.services import lookup, roles
from govperf_desktop.services import timesheet_rules as check
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import Person, Setting, Task, TimesheetEntry
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
    note: str | None = None
    task_code: str = ""
    rebalanced: int = 0  # other entries of the day whose overtime was taken back


def entry_view(session: Session, entry: TimesheetEntry, rebalanced: int = 0) -> EntryView:
    worker_name = session.scalar(select(Person.name).where(Person.id == entry.person_id))
    task_code = session.scalar(select(Task.code).where(Task.id == entry.task_id))
    return EntryView(
        id=entry.id,
        person=worker_name or "?",
        department=check.department_name(session, entry.department_id),
        task_id=entry.task_id,
        work_date=entry.work_date,
        hours=entry.hours,
        overtime=entry.overtime,
        note=entry.note,
        task_code=task_code or "",
        rebalanced=rebalanced,
    )


def settle_overtime(
    session: Session,
    worker: Person,
    work_date: date,
    hours: float,
    overtime: float | None,
    exclude_id: str | None = None,
) -> float:
    """Check the day total and return the entry's overtime (computed, or checked if given)."""
    others_hours, others_overtime = check.day_sums(session, worker.id, work_date, exclude_id)
    validate_day_total(worker.name, work_date, others_hours, hours)
    return rules.entry_overtime(
        person_name=worker.name,
        work_date=work_date,
        hours=hours,
        overtime=overtime,
        others_hours=others_hours,
        others_overtime=others_overtime,
        standard_day=check.standard_day_hours(session),
        rest_day=check.is_rest_day(work_date),
    )


def add_entry(
    store: Store,
    *,
    person: str,
    task_id: str,
    work_date: date,
    hours: float,
    overtime: float | None = None,
    note: str | None = None,
    department: str | None = None,
    indicator: str | None = None,
    actor: str | None = None,
    entry_id: str | None = None,
    now: datetime,
) -> EntryView:
    """Record hours of one person on one task and day; refuses what breaks a rule.

    `task_id` is a task id, or a task code with `indicator`. `actor` (default: the person)
    is who records it: the person or a head of their department. `overtime` None computes it.
    """
    validate_entry_hours(hours, overtime, work_date)
    with store.read() as session:
        acting = lookup.person(session, actor or person, None if actor else department)
    with store.write(actor_id=acting.id) as session:
        worker = lookup.person(session, person, department)
        acting = session.get(Person, acting.id)
        check.check_may_write_for(session, acting, worker)
        task = lookup.task_in(session, task_id, indicator)
        check.check_task_open_to(session, task, worker.department_id)
        check.check_day_open(session, worker, work_date)
        settled = settle_overtime(session, worker, work_date, hours, overtime)
        entry = TimesheetEntry(
            id=entry_id or new_id(),
            person_id=worker.id,
            department_id=worker.department_id,
            task_id=task.id,
            work_date=work_date,
            hours=hours,
            overtime=settled,
            note=note or None,
            created_at=to_utc_naive(now),
        )
        session.add(entry)
        session.flush()
        return entry_view(session, entry)


def _entry(session: Session, entry_id: str) -> TimesheetEntry:
    found = session.get(TimesheetEntry, entry_id.strip())
    if found is None:
        raise NotFoundError(f"Unknown timesheet entry {entry_id!r}; see 'govperf hours week'.")
    return found


def edit_entry(
    store: Store,
    entry_id: str,
    *,
    actor: str,
    hours: float | None = None,
    overtime: float | None = None,
    task_id: str | None = None,
    indicator: str | None = None,
    work_date: date | None = None,
    note: str | None = None,
    now: datetime,
) -> EntryView:
    """Change an entry's hours, overtime, task, day or note (empty note clears it).

    Overtime not given is computed again when hours, day or task change. When the entry's
    day loses hours, overtime the day no longer has is taken back from its other entries.
    """
    if all(value is None for value in (hours, overtime, task_id, work_date, note)):
        raise ValidationError("Nothing to change: give new hours, overtime, task, date or note.")
    _ = now  # the change capture stamps the time; `now` keeps the service signature uniform
    with store.read() as session:
        acting_id = lookup.person(session, actor).id
    with store.write(actor_id=acting_id) as session:
        entry = _entry(session, entry_id)
        worker = session.get(Person, entry.person_id)
        check.check_may_write_for(session, session.get(Person, acting_id), worker)
        old_day = entry.work_date
        new_day = work_date or old_day
        new_hours = entry.hours if hours is None else hours
        validate_entry_hours(new_hours, overtime, new_day)
        check.check_day_open(session, worker, old_day)
        if new_day != old_day:
            check.check_day_open(session, worker, new_day)
        new_task = entry.task_id
        if task_id is not None:
            task = lookup.task_in(session, task_id, indicator)
            check.check_task_open_to(session, task, entry.department_id)
            new_task = task.id
        new_overtime = entry.overtime
        reshaped = hours is not None or work_date is not None or task_id is not None
        if reshaped or overtime is not None:
            with session.no_autoflush:  # the row must not be flushed half-changed
                new_overtime = settle_overtime(
                    session, worker, new_day, new_hours, overtime, exclude_id=entry.id
                )
        entry.task_id, entry.work_date = new_task, new_day
        entry.hours, entry.overtime = new_hours, new_overtime
        if note is not None:
            entry.note = note.strip() or None
        rebalanced = check.rebalance_day(session, worker.id, old_day)
        return entry_view(session, entry, rebalanced)


def delete_entry(store: Store, entry_id: str, *, actor: str, now: datetime) -> EntryView:
    """Delete an entry (by its person or their department head); returns what was deleted."""
    _ = now  # the change capture stamps the time
    with store.read() as session:
        acting_id = lookup.person(session, actor).id
    with store.write(actor_id=acting_id) as session:
        entry = _entry(session, entry_id)
        worker = session.get(Person, entry.person_id)
        check.check_may_write_for(session, session.get(Person, acting_id), worker)
        check.check_day_open(session, worker, entry.work_date)
        view = entry_view(session, entry)
        session.delete(entry)
        rebalanced = check.rebalance_day(session, worker.id, entry.work_date)
    return replace(view, rebalanced=rebalanced)


def standard_day(store: Store) -> float:
    """The standard working day in hours (beyond it, a workday's hours are overtime)."""
    with store.read() as session:
        return check.standard_day_hours(session)


def set_standard_day(store: Store, hours: float, *, actor: str, now: datetime) -> float:
    """Set this installation's standard working day (central office or administrator only).

    Existing entries keep their overtime; the new day applies to entries written from now.
    """
    _ = now
    hours = rules.validate_standard_day(hours)
    with store.read() as session:
        acting_id = lookup.person(session, actor).id
    with store.write(actor_id=acting_id) as session:
        roles.require(
            session,
            session.get(Person, acting_id),
            Action.DEFINE_RULES,
            attempt="change the standard working day",
        )
        setting = session.get(Setting, check.STANDARD_DAY_KEY)
        if setting is None:
            session.add(Setting(key=check.STANDARD_DAY_KEY, value=f"{hours:g}"))
        else:
            setting.value = f"{hours:g}"
    return hours
