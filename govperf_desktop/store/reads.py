"""Reading rows for the scoring aggregates: bound parameters, the driver's plain rows, and
a memory map of the store file while many indicators are scored.

Statements take the indicator ids as an expanding IN list (`in_ids`, parameter 'ids') and
optional bounds (`date_bounds`, `moment_bounds`); `bind_params` fills them, `bounds_shape`
says which bounds a statement was built for (statements are cached per shape), and
`fetch_rows` runs one and returns its rows as plain tuples.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import Select, bindparam
from sqlalchemy.orm import Session

DateRange = tuple[date | None, date | None]
MomentRange = tuple[datetime | None, datetime | None]


def in_ids(column):  # type: ignore[no-untyped-def]
    return column.in_(bindparam("ids", expanding=True))


def date_bounds(column, start: bool, end: bool):  # type: ignore[no-untyped-def]
    """Inclusive date bounds (bound parameters 'start' and 'end')."""
    conditions = []
    if start:
        conditions.append(column >= bindparam("start"))
    if end:
        conditions.append(column <= bindparam("end"))
    return conditions


def moment_bounds(column, start: bool, until: bool):  # type: ignore[no-untyped-def]
    """Moments in [start, until) (bound parameters 'start' and 'until')."""
    conditions = []
    if start:
        conditions.append(column >= bindparam("start"))
    if until:
        conditions.append(column < bindparam("until"))
    return conditions


def bind_params(
    ids: Sequence[str], bounds: tuple | None = None, names: tuple[str, str] = ("start", "end")
) -> dict[str, object]:
    params: dict[str, object] = {"ids": list(ids)}
    for name, value in zip(names, bounds or (None, None), strict=True):
        if value is not None:
            params[name] = value
    return params


def bounds_shape(bounds: tuple | None) -> tuple[bool, bool]:  # type: ignore[type-arg]
    start, end = bounds or (None, None)
    return start is not None, end is not None


def fetch_rows(
    session: Session, statement: Select, params: dict[str, object] | None = None
) -> list[tuple]:  # type: ignore[type-arg]
    """The statement's rows as plain tuples, straight from the driver's cursor.

    SQLAlchemy compiles the statement (cached) and binds the parameters; the rows are then
    fetched all at once from the DBAPI cursor, without a Row object or a result processor
    per value: scoring a province reads ~170,000 rows, and building those objects cost more
    than the SQL. Values are therefore as the driver gives them: SQLite returns dates and
    moments as ISO text, PostgreSQL as date and datetime; `as_date` and `as_moment` read both."""
    result = session.connection().execute(statement, params or {})
    try:
        return result.cursor.fetchall()  # type: ignore[no-any-return]
    finally:
        result.close()


def as_date(value: date | str) -> date:
    """A date as the driver returned it (SQLite: 'YYYY-MM-DD' text)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def as_moment(value: datetime | str | None) -> datetime | None:
    """A naive UTC moment as the driver returned it (SQLite: ISO text, as SQLAlchemy stores
    it), or None."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


# SQLite's own cap on a memory-mapped region (SQLITE_MAX_MMAP_SIZE, just under 2 GiB).
MMAP_BYTES = 0x7FFF0000


@contextmanager
def mapped_reads(session: Session) -> Iterator[None]:
    """Read the store file through a memory map while scoring many indicators.

    Whole-store aggregates read most pages of the big indexes; with `PRAGMA mmap_size` SQLite
    reads them in place instead of copying each page through a read() call into its cache
    (about 1 s of CPU less for every indicator of a province). The setting is per
    connection: the previous value is put back afterwards. SQLite falls back to plain reads
    where mapping is not possible, and other databases are left alone.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    previous = connection.exec_driver_sql("PRAGMA mmap_size").scalar() or 0
    connection.exec_driver_sql(f"PRAGMA mmap_size={MMAP_BYTES}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA mmap_size={int(previous)}")
