"""What every timesheet service checks, as functions of an open session.

Who may write a person's entries (the person, or a head of their department: the table in
`domain/permissions.py`), whether a department works on a task's indicator, whether a day
lies in a closed period, the sums of a person's day, the standard working day (setting
`standard_day_hours`) and the rest days of the calendar. The rules themselves are in
`domain/timesheets.py`; this module reads what they need from the store.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from govperf_desktop.domain import timesheets as rules
from govperf_desktop.domain.errors import StoreError, ValidationError
from govperf_desktop.domain.permissions import Action
from govperf_desktop.services import roles
from govperf_desktop.services.workdays import load_work_calendar
from govperf_desktop.store.models import (
    CooperatingDepartment,
    Department,
    Indicator,
    Person,
    Setting,
    Task,
    TimesheetEntry,
    TimesheetPeriod,
)

STANDARD_DAY_KEY = "standard_day_hours"


# --- the calendar ------------------------------------------------------------------------------


def is_rest_day(day: date) -> bool:
    """The one place that says whether a day is a rest day (every hour of it is overtime).

    China's public holidays and make-up working days (调休上班) come from the shipped
    working-day calendar (`services/workdays.py`, `resources/calendar/cn_workdays.json`);
    without that file Saturday and Sunday are the rest days.
    """
    try:
        calendar = load_work_calendar()
    except StoreError:  # the file is not shipped: weekends only
        return rules.is_rest_day(day)
    return not calendar.is_workday(day)


# --- settings and people -----------------------------------------------------------------------


def standard_day_hours(session: Session) -> float:
    """The standard working day in hours (setting `standard_day_hours`, default 8)."""
    value = session.scalar(select(Setting.value).where(Setting.key == STANDARD_DAY_KEY))
    if value is None:
        return rules.DEFAULT_STANDARD_DAY_HOURS
    try:
        return rules.validate_standard_day(float(value))
    except ValueError:
        raise ValidationError(
            f"The setting {STANDARD_DAY_KEY} is {value!r}, not a number of hours; set it again."
        ) from None


def department_name(session: Session, department_id: str) -> str:
    return session.scalar(select(Department.name).where(Department.id == department_id)) or "?"


def check_may_write_for(session: Session, actor: Person, worker: Person) -> None:
    """A person's entries are written by that person (a clerk or head) or by a head of their
    department (`domain.permissions`); anyone else is refused with PermissionDeniedError."""
    if actor.id == worker.id:
        roles.require(session, actor, Action.RECORD_HOURS)
        return
    roles.require(
        session,
        actor,
        Action.RECORD_HOURS_FOR_OTHERS,
        department_id=worker.department_id,
        attempt=f"change {worker.name}'s hours",
    )


# --- tasks, days and periods -------------------------------------------------------------------


def works_on_indicator(session: Session, department_id: str, indicator_id: str) -> bool:
    """Lead department, a cooperating department, or responsible for one of its tasks."""
    query = select(
        or_(
            exists().where(
                Indicator.id == indicator_id, Indicator.lead_department_id == department_id
            ),
            exists().where(
                CooperatingDepartment.indicator_id == indicator_id,
                CooperatingDepartment.department_id == department_id,
            ),
            exists().where(Task.indicator_id == indicator_id, Task.department_id == department_id),
        )
    )
    return bool(session.scalar(query))


def task_refused_message(task_code: str, indicator_name: str, department: str) -> str:
    return (
        f"Task {task_code} belongs to indicator {indicator_name}, which {department} does not "
        "work on (it is not the lead or a cooperating department and has none of its tasks); "
        "record hours only on your department's indicators."
    )


def check_task_open_to(session: Session, task: Task, department_id: str) -> None:
    """Refuse hours on a task of an indicator the person's department does not work on."""
    if works_on_indicator(session, department_id, task.indicator_id):
        return
    indicator_name = session.scalar(select(Indicator.name).where(Indicator.id == task.indicator_id))
    raise ValidationError(
        task_refused_message(
            task.code, indicator_name or "?", department_name(session, department_id)
        )
    )


def closed_period(session: Session, person_id: str, day: date) -> TimesheetPeriod | None:
    """The submitted, approved or locked period holding `day`, if any (no row = draft)."""
    return session.scalars(
        select(TimesheetPeriod)
        .where(
            TimesheetPeriod.person_id == person_id,
            TimesheetPeriod.period_start <= day,
            TimesheetPeriod.period_end >= day,
            TimesheetPeriod.status != rules.EDITABLE_STATUS,
        )
        .limit(1)
    ).first()


def check_day_open(session: Session, worker: Person, day: date) -> None:
    period = closed_period(session, worker.id, day)
    if period is not None:
        raise ValidationError(
            rules.closed_period_message(
                worker.name, period.period_start, period.period_end, period.status
            )
        )


def day_sums(
    session: Session, person_id: str, day: date, exclude_id: str | None = None
) -> tuple[float, float]:
    """Hours and overtime already recorded for a person's day (without `exclude_id`)."""
    conditions = [TimesheetEntry.person_id == person_id, TimesheetEntry.work_date == day]
    if exclude_id is not None:
        conditions.append(TimesheetEntry.id != exclude_id)
    hours, overtime = session.execute(
        select(
            func.coalesce(func.sum(TimesheetEntry.hours), 0.0),
            func.coalesce(func.sum(TimesheetEntry.overtime), 0.0),
        ).where(and_(*conditions))
    ).one()
    return float(hours), float(overtime)


def rebalance_day(session: Session, person_id: str, day: date) -> int:
    """After a day lost hours, take back overtime it no longer has (newest entries first).

    Returns how many entries changed; each change is an ORM update, so it is captured.
    """
    session.flush()
    entries = session.scalars(
        select(TimesheetEntry)
        .where(TimesheetEntry.person_id == person_id, TimesheetEntry.work_date == day)
        .order_by(TimesheetEntry.created_at.desc(), TimesheetEntry.id.desc())
    ).all()
    changes = rules.trim_overtime(
        ((entry.id, entry.overtime) for entry in entries),
        sum(entry.hours for entry in entries),
        standard_day_hours(session),
        is_rest_day(day),
    )
    for entry in entries:
        if entry.id in changes:
            entry.overtime = changes[entry.id]
    return len(changes)
