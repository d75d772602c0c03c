"""The timesheet ledger's SQL: counts and keyset windows over millions of timesheet entries.

Everything a ledger view needs is answered by the indexes of `timesheet_entries`
((person_id, work_date), (task_id, department_id), (department_id, work_date)) without
loading the table:

* **count** with the filters: `count(*)` with no filter is SQLite's b-tree count of the
  smallest index; a department, person or task filter is an index range.
* **page**: the rows after (or before) a row's sort key, `LIMIT n`, by keyset
  (`(sort columns, id) > (values of that row)`), never by OFFSET. Each sort ends with `id`,
  so the order is total and a key names exactly one place:

      work_date   (work_date, id)
      department  (department_id, work_date, id)   index (department_id, work_date)
      person      (person_id, work_date, id)       index (person_id, work_date)
      task        (task_id, work_date, id)         index (task_id, department_id)
      hours       (hours, id)                      index (hours, id)  (migration 0005)

  No index starts with `work_date`; the date order over all departments is read one day at
  a time: `department_id IN (all departments) AND work_date = ?` is one index seek per
  department (a manual skip-scan), and the next day with entries is the smallest of each
  department's next day (one seek each). With a department, person or task filter the
  filter's index is used and at most a few thousand rows are sorted.
  Sorting by hours without a filter pages through the index (hours, id) in either
  direction; under a filter the filter's rows are read and sorted (`hours + 0` keeps SQLite
  from walking the whole hours index instead).
* **seek**: the rows at a position far from any known row (the scroll bar dragged to the
  middle). The sort's first column value at that position is found on a covering index
  (`ORDER BY col LIMIT 1 OFFSET k`, index entries only) and the rows before its group are
  counted; then the group is read with a small OFFSET. For the date order over all
  departments, months and then days are counted until the position is reached. The caller
  seeks from the nearer end, so at most half the index is stepped over.

Queries never commit; the caller owns the session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, func, select, tuple_
from sqlalchemy.orm import Session

from govperf_desktop.store.models import Department, Indicator, Person, Task, TimesheetEntry

E = TimesheetEntry

SORT_COLUMNS: dict[str, tuple[Any, ...]] = {
    "work_date": (E.work_date, E.id),
    "department": (E.department_id, E.work_date, E.id),
    "person": (E.person_id, E.work_date, E.id),
    "task": (E.task_id, E.work_date, E.id),
    "hours": (E.hours, E.id),
}
SORTS: tuple[str, ...] = tuple(SORT_COLUMNS)

# The columns of a ledger row, in this order.
ROW_COLUMNS = (
    E.id,
    E.work_date,
    E.person_id,
    E.department_id,
    E.task_id,
    E.hours,
    E.overtime,
    E.note,
)

Key = tuple[Any, ...]


@dataclass(frozen=True)
class LedgerWhere:
    """The ledger's filters as record ids and dates (None: not filtered)."""

    department_id: str | None = None
    person_id: str | None = None
    task_id: str | None = None
    date_from: date | None = None  # inclusive
    date_to: date | None = None  # inclusive

    @property
    def narrowed(self) -> bool:
        """True when an equality filter lets an index pick a few thousand rows at most."""
        return any((self.department_id, self.person_id, self.task_id))


def key_of(row: Row, sort: str) -> Key:
    """The sort key of a row fetched by this module (its place in the order)."""
    return tuple(getattr(row, column.key) for column in SORT_COLUMNS[sort])


def _filtered(where: LedgerWhere) -> bool:
    return where.narrowed or where.date_from is not None or where.date_to is not None


def _order_columns(where: LedgerWhere, sort: str) -> tuple[Any, ...]:
    """The SQL expressions a sort orders by. Under any filter the hours are ordered as
    `hours + 0`: the index on (hours, id) would otherwise tempt SQLite to walk every entry in
    hours order instead of reading the filter's rows (an index range) and sorting those."""
    columns = SORT_COLUMNS[sort]
    if sort == "hours" and _filtered(where):
        return (E.hours + 0, *columns[1:])
    return columns


def _conditions(where: LedgerWhere) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if where.department_id is not None:
        conditions.append(E.department_id == where.department_id)
    if where.person_id is not None:
        conditions.append(E.person_id == where.person_id)
    if where.task_id is not None:
        conditions.append(E.task_id == where.task_id)
    if where.date_from is not None:
        conditions.append(E.work_date >= where.date_from)
    if where.date_to is not None:
        conditions.append(E.work_date <= where.date_to)
    return conditions


def _every_department() -> ColumnElement[bool]:
    """Always true (a foreign key), but lets SQLite seek (department_id, work_date) once per
    department for a condition on work_date alone: a skip-scan."""
    return E.department_id.in_(select(Department.id))


def _ordered(query: Select, columns: Sequence[Any], forward: bool) -> Select:
    return query.order_by(*(column.asc() if forward else column.desc() for column in columns))


def _after(columns: Sequence[Any], key: Key, forward: bool) -> ColumnElement[bool]:
    left, right = tuple_(*columns), tuple_(*key)
    return left > right if forward else left < right


def _by_day(where: LedgerWhere, sort: str) -> bool:
    return sort == "work_date" and not where.narrowed


# --- count --------------------------------------------------------------------------------------


def count_entries(session: Session, where: LedgerWhere) -> int:
    """How many entries pass the filters."""
    conditions = _conditions(where)
    if not where.narrowed and (where.date_from or where.date_to):
        conditions.append(_every_department())
    return int(session.scalar(select(func.count()).select_from(E).where(*conditions)) or 0)


# --- pages by keyset ----------------------------------------------------------------------------


def page(
    session: Session,
    where: LedgerWhere,
    sort: str,
    *,
    forward: bool,
    after: Key | None,
    limit: int,
) -> list[Row]:
    """Up to `limit` rows following `after` (a key; None: from the start) in the sort's
    ascending order (`forward`) or descending order (not `forward`)."""
    if limit <= 0:
        return []
    if _by_day(where, sort):
        return _day_page(session, where, forward=forward, after=after, limit=limit)
    columns = _order_columns(where, sort)
    conditions = _conditions(where)
    if sort == "hours" and not where.narrowed and (where.date_from or where.date_to):
        conditions.append(_every_department())  # read the dates' entries only, then sort
    query = select(*ROW_COLUMNS).where(*conditions)
    if after is not None:
        query = query.where(_after(columns, after, forward))
    return list(session.execute(_ordered(query, columns, forward).limit(limit)).all())


def next_day(
    session: Session, where: LedgerWhere, day: date | None, *, forward: bool
) -> date | None:
    """The next day after `day` (None: the first day) with entries, in scan direction, within
    the filter's dates: the smallest (largest) of each department's next day, one seek each.

    Each department's seek has one bound only (the near one): SQLite answers min()/max() with
    one index seek then, but steps through the range when given both; the far bound is
    applied to the departments' answers."""
    if forward:
        near = (
            E.work_date > day if day is not None else E.work_date >= (where.date_from or date.min)
        )
    else:
        near = E.work_date < day if day is not None else E.work_date <= (where.date_to or date.max)
    edge = func.min if forward else func.max
    per_department = (
        select(edge(E.work_date))
        .where(E.department_id == Department.id, near)
        .correlate(Department)
        .scalar_subquery()
        .label("day")
    )
    days = select(per_department).select_from(Department).subquery()
    query = select(edge(days.c.day))
    if forward and where.date_to is not None:
        query = query.where(days.c.day <= where.date_to)
    if not forward and where.date_from is not None:
        query = query.where(days.c.day >= where.date_from)
    found = session.scalar(query)
    if found is None or isinstance(found, date):
        return found
    return date.fromisoformat(str(found))


def _day_rows(
    session: Session, day: date, *, forward: bool, after_id: str | None, limit: int, offset: int = 0
) -> list[Row]:
    query = select(*ROW_COLUMNS).where(_every_department(), E.work_date == day)
    if after_id is not None:
        query = query.where(E.id > after_id if forward else E.id < after_id)
    query = _ordered(query, (E.id,), forward).limit(limit).offset(offset)
    return list(session.execute(query).all())


def _day_page(
    session: Session, where: LedgerWhere, *, forward: bool, after: Key | None, limit: int
) -> list[Row]:
    rows: list[Row] = []
    if after is None:
        day, after_id = next_day(session, where, None, forward=forward), None
    else:
        day, after_id = after
    while day is not None and len(rows) < limit:
        rows += _day_rows(session, day, forward=forward, after_id=after_id, limit=limit - len(rows))
        if len(rows) < limit:
            day, after_id = next_day(session, where, day, forward=forward), None
    return rows


# --- seeking a position -------------------------------------------------------------------------


def seek(
    session: Session,
    where: LedgerWhere,
    sort: str,
    *,
    forward: bool,
    offset: int,
    limit: int,
) -> list[Row]:
    """Up to `limit` rows starting `offset` rows from the start of the scan order."""
    if limit <= 0 or offset < 0:
        return []
    if offset == 0:
        return page(session, where, sort, forward=forward, after=None, limit=limit)
    columns = _order_columns(where, sort)
    if _by_day(where, sort):
        found = _day_at(session, where, forward=forward, offset=offset)
        if found is None:
            return []
        day, before = found
        rows = _day_rows(
            session, day, forward=forward, after_id=None, limit=limit, offset=offset - before
        )
    else:
        found_value = _value_at(session, where, sort, forward=forward, offset=offset)
        if found_value is None:
            return []
        value, before = found_value
        conditions = _conditions(where)
        if not where.narrowed and (where.date_from or where.date_to):
            conditions.append(_every_department())  # the dates' entries, by seeks
        query = select(*ROW_COLUMNS).where(*conditions, columns[0] == value)
        query = _ordered(query, columns[1:], forward).limit(limit).offset(offset - before)
        rows = list(session.execute(query).all())
    if rows and len(rows) < limit:
        rows += page(
            session,
            where,
            sort,
            forward=forward,
            after=key_of(rows[-1], sort),
            limit=limit - len(rows),
        )
    return rows


def _value_at(
    session: Session, where: LedgerWhere, sort: str, *, forward: bool, offset: int
) -> tuple[Any, int] | None:
    """The value of the sort's first column at `offset`, and how many rows precede its group.

    Without a date range: read on the covering index (`ORDER BY col LIMIT 1 OFFSET k` steps
    over index entries only), then the rows before the group are counted. With a date range
    and no other filter the entries in range are spread over the whole index, so they are
    counted per value instead, reaching each value's dates by seeks (person: one per person,
    otherwise one per department) and stepping over the entries in range only.
    """
    conditions = _conditions(where)
    primary = _order_columns(where, sort)[0]
    if not where.narrowed and (where.date_from or where.date_to):
        scope = E.person_id.in_(select(Person.id)) if sort == "person" else _every_department()
        groups = _ordered(
            select(primary, func.count()).where(scope, *conditions).group_by(primary),
            (primary,),
            forward,
        )
        counted = 0
        for value, in_group in session.execute(groups):
            if counted + in_group > offset:
                return value, counted
            counted += in_group
        return None
    value = session.scalar(
        _ordered(select(primary).where(*conditions), (primary,), forward).limit(1).offset(offset)
    )
    if value is None:
        return None
    before = session.scalar(
        select(func.count())
        .select_from(E)
        .where(*conditions, primary < value if forward else primary > value)
    )
    return value, int(before or 0)


def _count_days(session: Session, first: date, last: date) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(E)
            .where(_every_department(), E.work_date.between(first, last))
        )
        or 0
    )


def _month_span(day: date) -> tuple[date, date]:
    start = day.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following - timedelta(days=1)


def _day_at(
    session: Session, where: LedgerWhere, *, forward: bool, offset: int
) -> tuple[date, int] | None:
    """The day holding the row `offset` rows from the start of the date order over all
    departments, and how many rows come before that day: months are counted first, then
    the days of the month that holds the position."""
    first = next_day(session, where, None, forward=forward)
    last = next_day(session, where, None, forward=not forward)
    if first is None or last is None:
        return None
    low = where.date_from or date.min
    high = where.date_to or date.max
    counted = 0
    day = first
    while True:
        start, end = _month_span(day)
        start, end = max(start, low), min(end, high)
        in_month = _count_days(session, start, end)
        if counted + in_month > offset:
            break
        counted += in_month
        day = (end + timedelta(days=1)) if forward else (start - timedelta(days=1))
        if (forward and day > last) or (not forward and day < last):
            return None
    month_start, month_end = start, end
    current = next_day(
        session,
        where,
        (month_start - timedelta(days=1)) if forward else (month_end + timedelta(days=1)),
        forward=forward,
    )
    while current is not None and month_start <= current <= month_end:
        on_day = _count_days(session, current, current)
        if counted + on_day > offset:
            return current, counted
        counted += on_day
        current = next_day(session, where, current, forward=forward)
    return None


# --- names of a window --------------------------------------------------------------------------


@dataclass(frozen=True)
class WindowNames:
    people: dict[str, str]
    departments: dict[str, str]
    tasks: dict[str, tuple[str, str, str]]  # id -> (code, content, indicator name)


def window_names(session: Session, rows: Sequence[Row]) -> WindowNames:
    """The names a window of rows shows, in three small queries."""
    person_ids = sorted({row.person_id for row in rows})
    department_ids = sorted({row.department_id for row in rows})
    task_ids = sorted({row.task_id for row in rows})
    people = dict(
        session.execute(select(Person.id, Person.name).where(Person.id.in_(person_ids))).all()
    )
    departments = dict(
        session.execute(
            select(Department.id, Department.name).where(Department.id.in_(department_ids))
        ).all()
    )
    tasks = {
        task_id: (code, content, indicator)
        for task_id, code, content, indicator in session.execute(
            select(Task.id, Task.code, Task.content, Indicator.name)
            .join(Indicator, Indicator.id == Task.indicator_id)
            .where(Task.id.in_(task_ids))
        )
    }
    return WindowNames(people, departments, tasks)
