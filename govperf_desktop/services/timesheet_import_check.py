"""Checking the rows of a timesheet file before anything is imported.

Everything the rows refer to is read up front with a few set-based queries (people, tasks,
indicators, which departments work on which indicators, closed periods, the hours already
stored on the file's days), then each row is checked in memory: its cells, whom and what it
names, who may import it, the task's indicator, closed periods, entries stored before. Then
across rows, in file order: a person's day (stored hours plus the rows above) stays within 24
hours, and overtime follows the day's rule (`domain/timesheets.py`). Every bad row is
reported with every reason, not just the first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from govperf_desktop.domain import permissions
from govperf_desktop.domain import timesheet_columns as cells
from govperf_desktop.domain import timesheets as rules
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.ids import is_record_id
from govperf_desktop.domain.permissions import Action
from govperf_desktop.services import roles
from govperf_desktop.services import timesheet_rules as check
from govperf_desktop.store.models import (
    CooperatingDepartment,
    Department,
    Indicator,
    Person,
    Task,
    TimesheetEntry,
    TimesheetPeriod,
)

CHUNK = 500  # values per IN (...) list


@dataclass
class RawRow:
    line: int
    values: dict[str, object]


@dataclass
class CheckedRow:
    line: int
    person_id: str = ""
    person_name: str = ""
    department_id: str = ""
    task_id: str = ""
    work_date: date = date.min
    hours: float = 0.0
    overtime: float | None = None  # None until computed
    note: str | None = None
    problems: list[str] = field(default_factory=list)


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    listed = sorted(set(values))
    for start in range(0, len(listed), CHUNK):
        yield listed[start : start + CHUNK]


def _reason(error: ValidationError) -> str:
    return str(error).rstrip(".")


class _Lookups:
    """The records a file's rows refer to, read with a few queries."""

    def __init__(self, session: Session, rows: list[tuple[CheckedRow, dict[str, str]]]) -> None:
        self.session = session
        texts = [text for _, text in rows]
        self.department_ids = dict(session.execute(select(Department.name, Department.id)).all())
        self.department_names = {v: k for k, v in self.department_ids.items()}
        self.people_by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.people_by_id: dict[str, tuple[str, str]] = {}
        for chunk in _chunks(_person_key(t["person"])[0] for t in texts if t["person"]):
            for person_id, name, department_id in session.execute(
                select(Person.id, Person.name, Person.department_id).where(
                    or_(Person.name.in_(chunk), Person.id.in_(chunk))
                )
            ):
                self.people_by_name[name].append((person_id, department_id))
                self.people_by_id[person_id] = (name, department_id)
        self.indicators_by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.indicator_ids: set[str] = set()
        for chunk in _chunks(t["indicator"] for t in texts if t["indicator"]):
            for indicator_id, name, period in session.execute(
                select(Indicator.id, Indicator.name, Indicator.period).where(
                    or_(Indicator.name.in_(chunk), Indicator.id.in_(chunk))
                )
            ):
                self.indicators_by_name[name].append((indicator_id, period))
                self.indicator_ids.add(indicator_id)
        self.tasks: dict[str, tuple[str, str]] = {}  # id -> (indicator id, code)
        for chunk in _chunks(t["task"] for t in texts if is_record_id(t["task"])):
            self._add_tasks(select(Task.id, Task.indicator_id, Task.code).where(Task.id.in_(chunk)))
        for chunk in _chunks(self.indicator_ids):
            self._add_tasks(
                select(Task.id, Task.indicator_id, Task.code).where(Task.indicator_id.in_(chunk))
            )
        self.task_by_code = {(ind, code): task_id for task_id, (ind, code) in self.tasks.items()}
        self.indicator_names: dict[str, str] = {}
        self.open_pairs: set[tuple[str, str]] = set()  # (indicator id, department id)
        for chunk in _chunks(ind for ind, _ in self.tasks.values()):
            for indicator_id, name, lead in session.execute(
                select(Indicator.id, Indicator.name, Indicator.lead_department_id).where(
                    Indicator.id.in_(chunk)
                )
            ):
                self.indicator_names[indicator_id] = name
                self.open_pairs.add((indicator_id, lead))
            self.open_pairs.update(
                (indicator_id, department_id)
                for indicator_id, department_id in session.execute(
                    select(
                        CooperatingDepartment.indicator_id, CooperatingDepartment.department_id
                    ).where(CooperatingDepartment.indicator_id.in_(chunk))
                )
            )
            self.open_pairs.update(
                (indicator_id, department_id)
                for indicator_id, department_id in session.execute(
                    select(Task.indicator_id, Task.department_id)
                    .where(Task.indicator_id.in_(chunk))
                    .group_by(Task.indicator_id, Task.department_id)
                )
            )

    def _add_tasks(self, query) -> None:  # type: ignore[no-untyped-def]
        for task_id, indicator_id, code in self.session.execute(query):
            self.tasks[task_id] = (indicator_id, code)


def _person_key(text: str) -> tuple[str, str]:
    name, _, department = text.partition("@")
    return name.strip(), department.strip()


def _parse(raw_rows: list[RawRow]) -> list[tuple[CheckedRow, dict[str, str]]]:
    parsed = []
    for raw in raw_rows:
        values = raw.values
        text = {name: cells.cell_text(values.get(name)) for name in cells.FIELDS}
        row = CheckedRow(line=raw.line, note=text["note"] or None)
        for name in ("person", "task"):
            if not text[name]:
                row.problems.append(f"{name} is empty")
        readable = True
        try:
            row.work_date = cells.parse_date(values.get("date"))
        except ValueError as error:
            row.problems.append(str(error))
            readable = False
        try:
            row.hours = cells.parse_hours(values.get("hours"))
        except ValueError as error:
            row.problems.append(str(error))
            readable = False
        if text["overtime"]:
            try:
                row.overtime = cells.parse_hours(values.get("overtime"), "overtime")
            except ValueError as error:
                row.problems.append(str(error))
                readable = False
        if readable:
            try:
                rules.validate_entry_hours(row.hours, row.overtime, row.work_date)
            except ValidationError as error:
                row.problems.append(_reason(error))
        parsed.append((row, text))
    return parsed


def _resolve_person(row: CheckedRow, text: dict[str, str], found: _Lookups) -> None:
    if not text["person"]:
        return
    name, department = _person_key(text["person"])
    department = text["department"] or department
    department_id = found.department_ids.get(department) if department else None
    if department and department_id is None:
        row.problems.append(f"unknown department {department!r}")
        return
    if is_record_id(name) and name in found.people_by_id:
        display, home = found.people_by_id[name]
        candidates = [(name, home)]
    else:
        display, candidates = name, found.people_by_name.get(name, [])
    if department_id is not None:
        candidates = [c for c in candidates if c[1] == department_id]
    if not candidates:
        where = f" in {department}" if department else ""
        row.problems.append(f"unknown person {display!r}{where}")
    elif len(candidates) > 1:
        row.problems.append(
            f"more than one person is called {display!r}; add a 部门 (department) column"
        )
    else:
        row.person_id, row.department_id = candidates[0]
        row.person_name = display


def _resolve_task(row: CheckedRow, text: dict[str, str], found: _Lookups) -> None:
    task, indicator = text["task"], text["indicator"]
    if not task:
        return
    if task in found.tasks:
        row.task_id = task
        return
    if not indicator:
        row.problems.append(
            f"task {task!r} is not a task id; add a 指标 (indicator) column to name tasks by code"
        )
        return
    matches = found.indicators_by_name.get(indicator, [])
    if not matches and indicator in found.indicator_ids:
        matches = [(indicator, "")]
    if text["period"]:
        matches = [m for m in matches if m[1] == text["period"] or m[0] == indicator]
    if not matches:
        period = f" for period {text['period']}" if text["period"] else ""
        row.problems.append(f"unknown indicator {indicator!r}{period}")
    elif len(matches) > 1:
        row.problems.append(
            f"indicator {indicator!r} exists for several periods; add a 指标周期 (period) column"
        )
    elif (matches[0][0], task) not in found.task_by_code:
        row.problems.append(f"indicator {indicator} has no task {task!r}")
    else:
        row.task_id = found.task_by_code[matches[0][0], task]


class _Permission:
    """Whose rows the importer may import (`domain.permissions`): their own, as a clerk or
    head; their department's, as its head; anyone's, as the central office."""

    def __init__(self, session: Session, acting_id: str) -> None:
        self.actor = roles.actor_of(session, session.get(Person, acting_id))

    def refusal(self, row: CheckedRow, department: str) -> str | None:
        if row.person_id == self.actor.id:
            action, target = Action.RECORD_HOURS, None
        else:
            action, target = Action.IMPORT_HOURS, row.department_id
        if permissions.permitted(self.actor, action, department_id=target):
            return None
        return (
            f"{permissions.describe(self.actor)} may not import hours of {row.person_name} "
            f"({department}): that needs {permissions.needed(action, department)}"
        )


def _stored(session: Session, rows: list[CheckedRow]):  # type: ignore[no-untyped-def]
    """Closed periods, day sums and entries already stored for the rows' people and days."""
    people = {row.person_id for row in rows}
    days = {(row.person_id, row.work_date) for row in rows}
    cells_wanted = {(row.person_id, row.task_id, row.work_date, row.hours) for row in rows}
    closed: dict[str, list[tuple[date, date, str]]] = defaultdict(list)
    sums: dict[tuple[str, date], tuple[float, float]] = {}
    existing: set[tuple[str, str, date, float]] = set()
    if not rows:
        return closed, sums, existing
    first, last = min(r.work_date for r in rows), max(r.work_date for r in rows)
    for chunk in _chunks(people):
        for person_id, start, end, status in session.execute(
            select(
                TimesheetPeriod.person_id,
                TimesheetPeriod.period_start,
                TimesheetPeriod.period_end,
                TimesheetPeriod.status,
            ).where(
                TimesheetPeriod.person_id.in_(chunk),
                TimesheetPeriod.status != rules.EDITABLE_STATUS,
                TimesheetPeriod.period_start <= last,
                TimesheetPeriod.period_end >= first,
            )
        ):
            closed[person_id].append((start, end, status))
        in_range = (
            TimesheetEntry.person_id.in_(chunk),
            TimesheetEntry.work_date.between(first, last),
        )
        for person_id, work_date, hours, overtime in session.execute(
            select(
                TimesheetEntry.person_id,
                TimesheetEntry.work_date,
                func.sum(TimesheetEntry.hours),
                func.sum(TimesheetEntry.overtime),
            )
            .where(*in_range)
            .group_by(TimesheetEntry.person_id, TimesheetEntry.work_date)
        ):
            if (person_id, work_date) in days:
                sums[person_id, work_date] = (float(hours), float(overtime))
        for key in session.execute(
            select(
                TimesheetEntry.person_id,
                TimesheetEntry.task_id,
                TimesheetEntry.work_date,
                TimesheetEntry.hours,
            ).where(*in_range)
        ):
            if key in cells_wanted:
                existing.add(key)
    return closed, sums, existing


def check_rows(
    session: Session, raw_rows: list[RawRow], acting_id: str
) -> tuple[list[CheckedRow], list[tuple[int, str]]]:
    """The rows ready to write (overtime settled) and the bad ones as (line, reason)."""
    parsed = _parse(raw_rows)
    found = _Lookups(session, parsed)
    permission = _Permission(session, acting_id)
    for row, text in parsed:
        _resolve_person(row, text, found)
        _resolve_task(row, text, found)
        if row.person_id and row.task_id:
            department = found.department_names.get(row.department_id, "?")
            refusal = permission.refusal(row, department)
            if refusal:
                row.problems.append(refusal)
            indicator_id, code = found.tasks[row.task_id]
            if (indicator_id, row.department_id) not in found.open_pairs:
                row.problems.append(
                    check.task_refused_message(
                        code, found.indicator_names.get(indicator_id, "?"), department
                    ).rstrip(".")
                )
    resolved = [row for row, _ in parsed if not row.problems]
    closed, sums, existing = _stored(session, resolved)
    for row in resolved:
        for start, end, status in closed.get(row.person_id, ()):
            if start <= row.work_date <= end:
                row.problems.append(
                    rules.closed_period_message(row.person_name, start, end, status).rstrip(".")
                )
                break
        if (row.person_id, row.task_id, row.work_date, row.hours) in existing:
            row.problems.append(
                f"the same entry ({row.person_name}, {row.work_date:%Y-%m-%d}, {row.hours:g} h on"
                " this task) is already stored; was this file imported before?"
            )
    _check_days([row for row in resolved if not row.problems], sums, session)
    rows = [row for row, _ in parsed]
    bad = [(row.line, "; ".join(row.problems)) for row in rows if row.problems]
    return [row for row in rows if not row.problems], bad


def _check_days(
    rows: list[CheckedRow], sums: dict[tuple[str, date], tuple[float, float]], session: Session
) -> None:
    """Day totals (stored + rows above) and each day's overtime, across the file's rows."""
    by_day: dict[tuple[str, date], list[CheckedRow]] = defaultdict(list)
    for row in rows:
        key = (row.person_id, row.work_date)
        stored_hours = sums.get(key, (0.0, 0.0))[0]
        above = sum(r.hours for r in by_day.get(key, ()))
        if stored_hours + above + row.hours > rules.MAX_HOURS_PER_DAY + rules.TOLERANCE:
            row.problems.append(
                f"{row.person_name} would have {stored_hours + above + row.hours:g} hours on "
                f"{row.work_date:%Y-%m-%d} ({stored_hours:g} already stored, {above:g} in rows "
                "above); a day has at most 24"
            )
        else:
            by_day[key].append(row)
    standard_day = check.standard_day_hours(session)
    rest_days: dict[date, bool] = {}
    for (person_id, work_date), day_rows in by_day.items():
        stored_hours, claimed = sums.get((person_id, work_date), (0.0, 0.0))
        total = stored_hours + sum(r.hours for r in day_rows)
        if work_date not in rest_days:
            rest_days[work_date] = check.is_rest_day(work_date)
        explicit = [r for r in day_rows if r.overtime is not None]
        computed = [r for r in day_rows if r.overtime is None]
        for row in explicit + computed:  # stated overtime first; computed takes what is left
            try:
                row.overtime = rules.entry_overtime(
                    person_name=row.person_name,
                    work_date=work_date,
                    hours=row.hours,
                    overtime=row.overtime,
                    others_hours=total - row.hours,
                    others_overtime=claimed,
                    standard_day=standard_day,
                    rest_day=rest_days[work_date],
                )
            except ValidationError as error:
                row.problems.append(_reason(error))
                continue
            claimed += row.overtime
