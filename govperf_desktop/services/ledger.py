"""The timesheet ledger (项目工时台账) as windows of rows, for a view of millions of entries.

A ledger view never holds all entries. It asks for the count once per filter, then for
windows of rows around what it shows:

    wanted = ledger_filter(store, department="住建局", date_from=date(2026, 11, 1))
    total = count_entries(store, wanted)
    first = entries_after(store, wanted, sort="hours")                # rows 0..199
    more = entries_after(store, wanted, sort="hours", after=first[-1])  # the next 200
    last = entries_before(store, wanted, sort="hours")                # the last rows
    middle = entries_at(store, wanted, sort="hours", position=1_000_000, total=total)

Sorting and filtering happen in SQL (`store/ledger_queries.py`, which says which index
serves which sort); every sort ends with the entry id, so a row's place is exact and the
next window follows the last row of the previous one (keyset paging). Rows come back in
display order, with names resolved for just that window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Row

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.services import lookup
from govperf_desktop.store import ledger_queries as sql
from govperf_desktop.store.store import Store

SORTS = sql.SORTS
DEFAULT_SORT = "work_date"
WINDOW = 200
MAX_WINDOW = 2000


@dataclass(frozen=True)
class LedgerFilter:
    """Filters resolved to record ids (from `ledger_filter`); None means not filtered."""

    department_id: str | None = None
    person_id: str | None = None
    task_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class LedgerRow:
    id: str
    work_date: date
    person_id: str
    person: str
    department_id: str
    department: str
    task_id: str
    task_code: str
    task_content: str
    indicator: str
    hours: float
    overtime: float
    note: str | None

    def sort_key(self, sort: str) -> tuple[object, ...]:
        """The row's place in a sort (what the next window continues from)."""
        values = {
            "work_date": (self.work_date, self.id),
            "department": (self.department_id, self.work_date, self.id),
            "person": (self.person_id, self.work_date, self.id),
            "task": (self.task_id, self.work_date, self.id),
            "hours": (self.hours, self.id),
        }
        return values[sort]


def ledger_filter(
    store: Store,
    *,
    department: str | None = None,
    person: str | None = None,
    task: str | None = None,
    indicator: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> LedgerFilter:
    """Resolve what a user names (department, person 'NAME@DEPARTMENT' or id, task id or
    code with its indicator) to a filter; refuses unknown names and an empty date range."""
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ValidationError(
            f"The date range is empty: it starts {date_from:%Y-%m-%d} and ends "
            f"{date_to:%Y-%m-%d}; choose an end on or after the start."
        )
    with store.read() as session:
        return LedgerFilter(
            department_id=lookup.department(session, department).id if department else None,
            person_id=lookup.person(session, person).id if person else None,
            task_id=lookup.task_in(session, task, indicator).id if task else None,
            date_from=date_from,
            date_to=date_to,
        )


def _where(wanted: LedgerFilter) -> sql.LedgerWhere:
    return sql.LedgerWhere(
        department_id=wanted.department_id,
        person_id=wanted.person_id,
        task_id=wanted.task_id,
        date_from=wanted.date_from,
        date_to=wanted.date_to,
    )


def _check(sort: str, limit: int) -> None:
    if sort not in SORTS:
        raise ValidationError(f"The ledger cannot be sorted by {sort!r}; use one of {SORTS}.")
    if not 1 <= limit <= MAX_WINDOW:
        raise ValidationError(f"A window holds 1 to {MAX_WINDOW} rows (got {limit}).")


def _views(store: Store, fetch) -> tuple[LedgerRow, ...]:  # type: ignore[no-untyped-def]
    with store.read() as session:
        rows: Sequence[Row] = fetch(session)
        names = sql.window_names(session, rows)
    return tuple(
        LedgerRow(
            id=row.id,
            work_date=row.work_date,
            person_id=row.person_id,
            person=names.people.get(row.person_id, "?"),
            department_id=row.department_id,
            department=names.departments.get(row.department_id, "?"),
            task_id=row.task_id,
            task_code=names.tasks.get(row.task_id, ("?", "", ""))[0],
            task_content=names.tasks.get(row.task_id, ("?", "", ""))[1],
            indicator=names.tasks.get(row.task_id, ("?", "", ""))[2],
            hours=float(row.hours),
            overtime=float(row.overtime),
            note=row.note,
        )
        for row in rows
    )


def count_entries(store: Store, wanted: LedgerFilter) -> int:
    """How many entries pass the filter (one SQL count)."""
    with store.read() as session:
        return sql.count_entries(session, _where(wanted))


def entries_after(
    store: Store,
    wanted: LedgerFilter,
    *,
    sort: str = DEFAULT_SORT,
    descending: bool = False,
    after: LedgerRow | None = None,
    limit: int = WINDOW,
) -> tuple[LedgerRow, ...]:
    """The rows following `after` in display order (None: the first rows)."""
    _check(sort, limit)
    key = after.sort_key(sort) if after is not None else None
    return _views(
        store,
        lambda session: sql.page(
            session, _where(wanted), sort, forward=not descending, after=key, limit=limit
        ),
    )


def entries_before(
    store: Store,
    wanted: LedgerFilter,
    *,
    sort: str = DEFAULT_SORT,
    descending: bool = False,
    before: LedgerRow | None = None,
    limit: int = WINDOW,
) -> tuple[LedgerRow, ...]:
    """The rows preceding `before` in display order (None: the last rows), in display order:
    a keyset read from the end, never an OFFSET."""
    _check(sort, limit)
    key = before.sort_key(sort) if before is not None else None
    rows = _views(
        store,
        lambda session: sql.page(
            session, _where(wanted), sort, forward=descending, after=key, limit=limit
        ),
    )
    return tuple(reversed(rows))


def entries_at(
    store: Store,
    wanted: LedgerFilter,
    *,
    sort: str = DEFAULT_SORT,
    descending: bool = False,
    position: int,
    total: int,
    limit: int = WINDOW,
) -> tuple[LedgerRow, ...]:
    """The rows from `position` (0-based) of a ledger of `total` rows, in display order.

    Used when the view jumps far from any row it has: the position is sought from the
    nearer end of the order, so at most half of an index is stepped over.
    """
    _check(sort, limit)
    if position < 0 or position >= total:
        return ()
    size = min(limit, total - position)
    from_end = total - (position + size)
    where = _where(wanted)
    if position <= from_end:
        return _views(
            store,
            lambda session: sql.seek(
                session, where, sort, forward=not descending, offset=position, limit=size
            ),
        )
    rows = _views(
        store,
        lambda session: sql.seek(
            session, where, sort, forward=descending, offset=from_end, limit=size
        ),
    )
    return tuple(reversed(rows))
