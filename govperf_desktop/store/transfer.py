"""Copying a whole store into another database, table by table, and proving the copy equal.

`govperf migrate-store --to URL` moves a central office's SQLite store into PostgreSQL
(docs/central-office.md). It is a copy of the data, not a change to it: rows go across
as they are (no change capture, no new ops), through SQLAlchemy Core, so each side's column
types convert values the same way (timestamps, booleans, decimals).

* The target must hold no data: its schema is created or upgraded by the same migrations
  first, and every table must then be empty (a second run never doubles rows).
* Tables go in foreign-key order (`MetaData.sorted_tables`). A row referring to a row of its
  own table (a reply to a comment, an edit superseding one) that is not in yet waits for it.
* The source is read in primary-key batches (keyset paging: memory stays flat for millions
  of rows); the target takes multi-row inserts. Everything goes in ONE transaction on the
  target: a failure leaves it without a single copied row.
* Verification, before that transaction commits: per table the row count and a content hash
  that does not depend on row order or on the database (the sum of SHA-256 digests of each
  row's values in a canonical text form), computed on both sides.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, Table, and_, func, or_, select
from sqlalchemy.exc import DBAPIError

from govperf_desktop.domain.errors import ConflictError, StoreError
from govperf_desktop.store.models import Base

BATCH = 5000
_MODULUS = 2**256


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int
    content_hash: str  # the same on both sides, checked before commit


def _canonical(value: Any) -> str:
    """One text form per value whatever the database returned it from."""
    if value is None:
        return "\x00"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def _row_digest(row: tuple) -> int:
    text = "\x1f".join(_canonical(value) for value in row)
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big")


def _batches(connection: Connection, table: Table) -> Iterator[list[tuple]]:
    """Every row of `table` in primary-key order, BATCH rows at a time (keyset paging)."""
    key = list(table.primary_key.columns)
    query = select(*table.columns).order_by(*key).limit(BATCH)
    last: tuple | None = None
    positions = [list(table.columns).index(column) for column in key]
    while True:
        page = query if last is None else query.where(_after(key, last))
        rows = [tuple(row) for row in connection.execute(page)]
        if not rows:
            return
        yield rows
        if len(rows) < BATCH:
            return
        last = tuple(rows[-1][i] for i in positions)


def _after(key: list, last: tuple):  # type: ignore[no-untyped-def]
    """Rows whose (composite) key comes after `last`, portable to every dialect."""
    conditions = []
    for i, column in enumerate(key):
        equal = [key[j] == last[j] for j in range(i)]
        conditions.append(and_(*equal, column > last[i]))
    return or_(*conditions)


def table_fingerprint(connection: Connection, table: Table) -> tuple[int, str]:
    """(rows, content hash) of one table, independent of row order and database."""
    count, total = 0, 0
    for rows in _batches(connection, table):
        count += len(rows)
        for row in rows:
            total = (total + _row_digest(row)) % _MODULUS
    return count, f"{total:064x}"


def _refuse_unless_empty(target: Connection, where: str) -> None:
    for table in Base.metadata.sorted_tables:
        if target.execute(select(func.count()).select_from(table)).scalar():
            raise ConflictError(
                f"The database {where} already holds data (table {table.name}); copy into an "
                "empty database so no row is doubled."
            )


def copy_store(
    source: Engine,
    target: Engine,
    *,
    progress: Callable[[str, int], None] | None = None,
) -> list[TableCopy]:
    """Copy every table of `source` into the empty store `target` (both at the same schema
    revision) in one transaction, verified per table by count and content hash."""
    where = target.url.render_as_string(hide_password=True)
    copied: list[TableCopy] = []
    with source.connect() as reader, target.begin() as writer:
        _refuse_unless_empty(writer, where)
        for table in Base.metadata.sorted_tables:
            count, total = 0, 0
            rows_in = _SelfReferences(table)
            for rows in _batches(reader, table):
                for row in rows:
                    total = (total + _row_digest(row)) % _MODULUS
                _insert(writer, table, rows_in.ready(rows))
                count += len(rows)
                if progress:
                    progress(table.name, count)
            _insert_groups(writer, table, rows_in.rest())
            copied.append(_verify(writer, table, (count, f"{total:064x}"), where))
        _advance_sequences(writer)
    return copied


class _SelfReferences:
    """Rows of a table whose columns refer to the same table (a reply to a comment, an edit
    superseding one) wait until the rows they name are in: PostgreSQL checks each reference
    at once. Only the keys of such tables are remembered, and only waiting rows are held."""

    def __init__(self, table: Table) -> None:
        columns = [column.name for column in table.columns]
        self.refs = [
            columns.index(fk.parent.name) for fk in table.foreign_keys if fk.column.table is table
        ]
        self.key = columns.index(next(iter(table.primary_key.columns)).name)
        self.seen: set[Any] = set()
        self.waiting: list[tuple] = []

    def _named(self, row: tuple) -> list[Any]:
        return [row[i] for i in self.refs if row[i] is not None and row[i] != row[self.key]]

    def ready(self, rows: list[tuple]) -> list[tuple]:
        if not self.refs:
            return rows
        out = []
        for row in rows:
            if all(ref in self.seen for ref in self._named(row)):
                out.append(row)
                self.seen.add(row[self.key])
            else:
                self.waiting.append(row)
        return out

    def rest(self) -> list[list[tuple]]:
        """The waiting rows as groups in an order where each group comes after the rows it
        names: a row alone, or rows naming each other in a cycle (a problem resolved by a
        reply to it), which must go in one statement. Tarjan's strongly connected components,
        iteratively, emit exactly that order (a component after every one it reaches)."""
        rows = {row[self.key]: row for row in self.waiting}
        edges = {key: [ref for ref in self._named(row) if ref in rows] for key, row in rows.items()}
        index: dict[Any, int] = {}
        low: dict[Any, int] = {}
        stack: list[Any] = []
        on_stack: set[Any] = set()
        groups: list[list[tuple]] = []
        for root in rows:
            if root in index:
                continue
            work = [(root, 0)]
            while work:
                node, position = work.pop()
                if position == 0:
                    index[node] = low[node] = len(index)
                    stack.append(node)
                    on_stack.add(node)
                if position < len(edges[node]):
                    work.append((node, position + 1))
                    child = edges[node][position]
                    if child not in index:
                        work.append((child, 0))
                    elif child in on_stack:
                        low[node] = min(low[node], index[child])
                    continue
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(rows[member])
                        if member == node:
                            break
                    groups.append(group)
        return groups


def _insert(writer: Connection, table: Table, rows: list[tuple]) -> None:
    if rows:
        _execute(writer, table.insert(), _values(table, rows), table.name)


def _values(table: Table, rows: list[tuple]) -> list[dict[str, Any]]:
    names = [column.name for column in table.columns]
    return [dict(zip(names, row, strict=True)) for row in rows]


def _insert_groups(writer: Connection, table: Table, groups: list[list[tuple]]) -> None:
    """Rows alone in order; each cycle as ONE multi-row statement, whose references are
    checked at the statement's end, when all its rows are in."""
    alone: list[tuple] = []
    for group in groups:
        if len(group) == 1:
            alone.append(group[0])
            continue
        _insert(writer, table, alone)
        alone = []
        _execute(writer, table.insert().values(_values(table, group)), {}, table.name)
    _insert(writer, table, alone)


def _execute(writer: Connection, statement: Any, rows: Any, table: str) -> None:
    try:
        writer.execute(statement, rows)
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise StoreError(
            f"Table {table} could not be copied ({reason}); nothing was copied."
        ) from None


def _verify(writer: Connection, table: Table, original: tuple[int, str], where: str) -> TableCopy:
    rows, digest = original
    copied_rows, copied_digest = table_fingerprint(writer, table)
    if (rows, digest) != (copied_rows, copied_digest):
        raise StoreError(
            f"The copy of table {table.name} in {where} differs from the original "
            f"({copied_rows} rows against {rows}); nothing was copied."
        )
    return TableCopy(table.name, rows, digest)


def _advance_sequences(writer: Connection) -> None:
    """Columns fed by a sequence continue after the highest copied value (PostgreSQL)."""
    if writer.dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        for column in table.primary_key.columns:
            sequence = writer.execute(
                select(func.pg_get_serial_sequence(table.name, column.name))
            ).scalar()
            if sequence:
                highest = writer.execute(select(func.max(column))).scalar()
                if highest is not None:
                    writer.execute(select(func.setval(sequence, highest)))
