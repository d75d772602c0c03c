"""A person's week (Monday–Sunday) as a grid, and copying last week's rows into it.

The grid is summed in SQL (GROUP BY task and day, and by day for the totals), so a week
costs three small queries however many entries it holds. Copying last week copies its task
rows with their hours, day by day (Monday to Monday): overtime is computed again for the
new day (the calendar may differ); notes are not copied (they describe that day's work).
A cell that already has hours this week is left alone, so copying twice adds nothing; a
day that is in a submitted or locked period, or that would go over 24 hours, is skipped
whole and reported. Nothing copied at all is an error and leaves the store unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from govperf_desktop.domain import timesheets as rules
from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.services import lookup
from govperf_desktop.services import timesheet_rules as check
from govperf_desktop.services.timesheets import EntryView
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import Indicator, Person, Task, TimesheetEntry, TimesheetPeriod
from govperf_desktop.store.store import Store

DAYS = 7


@dataclass(frozen=True)
class WeekRow:
    task_id: str
    task_code: str
    task_content: str
    indicator: str
    hours: tuple[float, ...]  # Monday .. Sunday
    overtime: tuple[float, ...]
    total: float


@dataclass(frozen=True)
class WeekEntry:
    id: str
    task_code: str
    work_date: date
    hours: float
    overtime: float
    note: str | None


@dataclass(frozen=True)
class WeekView:
    person: str
    department: str
    week_start: date
    days: tuple[date, ...]
    rest_days: tuple[bool, ...]
    status: tuple[str, ...]  # per day: draft, submitted, approved or locked
    rows: tuple[WeekRow, ...]
    day_hours: tuple[float, ...]
    day_overtime: tuple[float, ...]
    total_hours: float
    total_overtime: float
    entries: tuple[WeekEntry, ...]


@dataclass(frozen=True)
class SkippedCopy:
    work_date: date
    task_code: str | None  # None: the whole day
    reason: str


@dataclass(frozen=True)
class CopyWeekResult:
    week_start: date
    copied: tuple[EntryView, ...]
    skipped: tuple[SkippedCopy, ...]


def _day_status(session: Session, person_id: str, days: list[date]) -> list[str]:
    periods = session.execute(
        select(TimesheetPeriod.period_start, TimesheetPeriod.period_end, TimesheetPeriod.status)
        .where(
            TimesheetPeriod.person_id == person_id,
            TimesheetPeriod.period_start <= days[-1],
            TimesheetPeriod.period_end >= days[0],
            TimesheetPeriod.status != rules.EDITABLE_STATUS,
        )
        .order_by(TimesheetPeriod.period_start)
    ).all()
    status = []
    for day in days:
        found = [state for start, end, state in periods if start <= day <= end]
        status.append(found[0] if found else rules.EDITABLE_STATUS)
    return status


def _week_bounds(worker_day: date) -> tuple[date, date, list[date]]:
    start = rules.week_start(worker_day)
    days = rules.days_of(start, start + timedelta(days=DAYS - 1))
    return start, days[-1], days


def week(store: Store, *, person: str, day: date) -> WeekView:
    """The person's week holding `day`: rows of tasks, columns of days, totals per day."""
    start, end, days = _week_bounds(day)
    with store.read() as session:
        worker = lookup.person(session, person)
        in_week = (
            TimesheetEntry.person_id == worker.id,
            TimesheetEntry.work_date.between(start, end),
        )
        cells = session.execute(
            select(
                TimesheetEntry.task_id,
                TimesheetEntry.work_date,
                func.sum(TimesheetEntry.hours),
                func.sum(TimesheetEntry.overtime),
            )
            .where(*in_week)
            .group_by(TimesheetEntry.task_id, TimesheetEntry.work_date)
        ).all()
        per_day = {
            work_date: (float(hours), float(overtime))
            for work_date, hours, overtime in session.execute(
                select(
                    TimesheetEntry.work_date,
                    func.sum(TimesheetEntry.hours),
                    func.sum(TimesheetEntry.overtime),
                )
                .where(*in_week)
                .group_by(TimesheetEntry.work_date)
            )
        }
        task_ids = sorted({task_id for task_id, *_ in cells})
        tasks = {
            task_id: (code, content, indicator)
            for task_id, code, content, indicator in session.execute(
                select(Task.id, Task.code, Task.content, Indicator.name)
                .join(Indicator, Indicator.id == Task.indicator_id)
                .where(Task.id.in_(task_ids))
            )
        }
        entries = session.execute(
            select(TimesheetEntry, Task.code)
            .join(Task, Task.id == TimesheetEntry.task_id)
            .where(*in_week)
            .order_by(TimesheetEntry.work_date, Task.code, TimesheetEntry.created_at)
        ).all()
        status = _day_status(session, worker.id, days)
        department = check.department_name(session, worker.department_id)
    grid: dict[str, tuple[list[float], list[float]]] = {
        task_id: ([0.0] * DAYS, [0.0] * DAYS) for task_id in task_ids
    }
    for task_id, work_date, hours, overtime in cells:
        index = (work_date - start).days
        grid[task_id][0][index] = float(hours)
        grid[task_id][1][index] = float(overtime)
    rows = sorted(
        (
            WeekRow(
                task_id=task_id,
                task_code=tasks[task_id][0],
                task_content=tasks[task_id][1],
                indicator=tasks[task_id][2],
                hours=tuple(hours),
                overtime=tuple(overtime),
                total=sum(hours),
            )
            for task_id, (hours, overtime) in grid.items()
        ),
        key=lambda row: (row.indicator, row.task_code),
    )
    day_hours = tuple(per_day.get(d, (0.0, 0.0))[0] for d in days)
    day_overtime = tuple(per_day.get(d, (0.0, 0.0))[1] for d in days)
    return WeekView(
        person=worker.name,
        department=department,
        week_start=start,
        days=tuple(days),
        rest_days=tuple(check.is_rest_day(d) for d in days),
        status=tuple(status),
        rows=tuple(rows),
        day_hours=day_hours,
        day_overtime=day_overtime,
        total_hours=sum(day_hours),
        total_overtime=sum(day_overtime),
        entries=tuple(
            WeekEntry(e.id, code, e.work_date, e.hours, e.overtime, e.note) for e, code in entries
        ),
    )


def copy_last_week(
    store: Store, *, actor: str, day: date, person: str | None = None, now: datetime
) -> CopyWeekResult:
    """Copy the task rows (with hours) of the week before into the week holding `day`."""
    start, end, days = _week_bounds(day)
    source_start = start - timedelta(days=DAYS)
    with store.read() as session:
        acting_id = lookup.person(session, actor).id
    with store.write(actor_id=acting_id) as session:
        worker = lookup.person(session, person or actor)
        check.check_may_write_for(session, session.get(Person, acting_id), worker)
        department = check.department_name(session, worker.department_id)
        source = session.execute(
            select(
                TimesheetEntry.work_date,
                TimesheetEntry.task_id,
                Task.code,
                Task.indicator_id,
                func.sum(TimesheetEntry.hours),
            )
            .join(Task, Task.id == TimesheetEntry.task_id)
            .where(
                TimesheetEntry.person_id == worker.id,
                TimesheetEntry.work_date.between(source_start, start - timedelta(days=1)),
            )
            .group_by(TimesheetEntry.work_date, TimesheetEntry.task_id)
            .order_by(TimesheetEntry.work_date, Task.code)
        ).all()
        if not source:
            raise ValidationError(
                f"{worker.name} has no hours in the week of {source_start:%Y-%m-%d}; "
                "there is nothing to copy."
            )
        present = set(
            session.execute(
                select(TimesheetEntry.task_id, TimesheetEntry.work_date)
                .where(
                    TimesheetEntry.person_id == worker.id,
                    TimesheetEntry.work_date.between(start, end),
                )
                .distinct()
            ).all()
        )
        status = dict(zip(days, _day_status(session, worker.id, days), strict=True))
        open_indicators: dict[str, bool] = {}
        standard_day = check.standard_day_hours(session)
        copied: list[EntryView] = []
        skipped: list[SkippedCopy] = []
        moment = to_utc_naive(now)
        for target in days:
            cells = [row for row in source if row[0] + timedelta(days=DAYS) == target]
            if not cells:
                continue
            if status[target] != rules.EDITABLE_STATUS:
                skipped.append(SkippedCopy(target, None, f"the day is {status[target]}"))
                continue
            wanted = []
            for _, task_id, code, indicator_id, hours in cells:
                if (task_id, target) in present:
                    skipped.append(SkippedCopy(target, code, "the task already has hours"))
                elif not open_indicators.setdefault(
                    indicator_id,
                    check.works_on_indicator(session, worker.department_id, indicator_id),
                ):
                    skipped.append(
                        SkippedCopy(target, code, f"{department} no longer works on its indicator")
                    )
                else:
                    wanted.append((task_id, code, min(float(hours), rules.MAX_HOURS_PER_DAY)))
            if not wanted:
                continue
            day_hours, day_overtime = check.day_sums(session, worker.id, target)
            added = sum(hours for *_, hours in wanted)
            if day_hours + added > rules.MAX_HOURS_PER_DAY + rules.TOLERANCE:
                skipped.append(
                    SkippedCopy(
                        target,
                        None,
                        f"the day would have {day_hours + added:g} hours (at most 24)",
                    )
                )
                continue
            rest_day = check.is_rest_day(target)
            for task_id, code, hours in wanted:
                overtime = rules.entry_overtime(
                    person_name=worker.name,
                    work_date=target,
                    hours=hours,
                    overtime=None,
                    others_hours=day_hours,
                    others_overtime=day_overtime,
                    standard_day=standard_day,
                    rest_day=rest_day,
                )
                entry = TimesheetEntry(
                    id=new_id(),
                    person_id=worker.id,
                    department_id=worker.department_id,
                    task_id=task_id,
                    work_date=target,
                    hours=hours,
                    overtime=overtime,
                    note=None,
                    created_at=moment,
                )
                session.add(entry)
                day_hours += hours
                day_overtime += overtime
                copied.append(
                    EntryView(
                        entry.id,
                        worker.name,
                        department,
                        task_id,
                        target,
                        hours,
                        overtime,
                        task_code=code,
                    )
                )
        if not copied:
            reasons = "; ".join(
                f"{s.work_date:%Y-%m-%d}{' ' + s.task_code if s.task_code else ''}: {s.reason}"
                for s in skipped[:3]
            )
            raise ValidationError(
                f"Nothing was copied into the week of {start:%Y-%m-%d} for {worker.name} "
                f"({reasons})."
            )
    return CopyWeekResult(start, tuple(copied), tuple(skipped))
