"""Copying a whole store into an empty PostgreSQL database, and proving the copy equal.

`govperf migrate-store --to URL` moves a central office's SQLite store into PostgreSQL
(docs/central-office.md). It is a copy of the data, not a change to it: rows go across as
they are (no change capture, no new ops), read through SQLAlchemy Core so each side's column
types convert values the same way (timestamps, booleans, decimals).

* ONE transaction on the target holds everything: the schema (created by the same Alembic
  migrations; PostgreSQL's DDL is transactional), every row, the verification and the
  sequences. Any failure, or the process being killed, leaves the database as it was.
* The target must be empty: no table of another program and no row in a store's tables,
  checked before anything is created (a second run never doubles rows).
* The source is read in ONE read transaction (a consistent snapshot of the SQLite file;
  under WAL it blocks no writer), table by table, streamed BATCH rows at a time; each batch
  goes in by one `COPY ... FROM STDIN` (psycopg's `write_row`). Memory stays flat.
* As pg_restore does, the target's foreign keys and secondary indexes are dropped before the
  rows go in and created again after (one bulk check and one sorted build each, instead of a
  check and an index insertion per row), and its own triggers are off meanwhile: derived
  tables (timesheet_totals, migration 0008) are copied as they are and verified like the
  rest. Rows naming rows of their own table need no ordering. The definitions are read back
  from the catalog (`pg_get_constraintdef`, `pg_get_indexdef`), so the schema ends exactly
  as the migrations made it.
* Every table the store holds is copied: the models' tables and any derived table present on
  both sides (SQLite's own full-text tables exist only there and are left out).
* Verification, before the transaction commits: per table the row count and a content hash
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

from sqlalchemy import Connection, Engine, MetaData, Table, inspect, select, text
from sqlalchemy.exc import DBAPIError

from govperf_desktop.domain.errors import ConflictError, StoreError
from govperf_desktop.store import migrate
from govperf_desktop.store.models import Base

BATCH = 10_000
_MODULUS = 2**256


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int
    content_hash: str  # the same on both sides, checked before commit


def _datetime(value: datetime) -> str:
    return value.isoformat(sep=" ", timespec="microseconds")


_FORMS: dict[type, Callable[[Any], str]] = {
    type(None): lambda _value: "\x00",
    bool: lambda value: "1" if value else "0",
    int: str,
    float: repr,
    Decimal: lambda value: format(value.normalize(), "f"),
    datetime: _datetime,
    date: date.isoformat,
    bytes: bytes.hex,
}


def _canonical(value: Any) -> str:
    """One text form per value whatever the database returned it from."""
    form = _FORMS.get(type(value))
    return form(value) if form is not None else str(value)


def _row_digest(row: tuple) -> int:
    text_form = "\x1f".join([v if type(v) is str else _canonical(v) for v in row])
    return int.from_bytes(hashlib.sha256(text_form.encode("utf-8")).digest(), "big")


def _read(connection: Connection, table: Table) -> Iterator[list[tuple]]:
    """Every row of `table`, BATCH rows at a time, streamed (a server-side cursor on
    PostgreSQL, SQLite's own stepping): memory holds one batch whatever the table's size."""
    result = connection.execution_options(yield_per=BATCH).execute(select(*table.columns))
    for part in result.partitions():
        yield [tuple(row) for row in part]


def _hash_into(total: int, rows: list[tuple]) -> int:
    for row in rows:
        total += _row_digest(row)
    return total % _MODULUS


def table_fingerprint(connection: Connection, table: Table) -> tuple[int, str]:
    """(rows, content hash) of one table, independent of row order and database."""
    count, total = 0, 0
    for rows in _read(connection, table):
        count += len(rows)
        total = _hash_into(total, rows)
    return count, f"{total:064x}"


def copy_store(
    source: Engine,
    target: Engine,
    *,
    progress: Callable[[str, int], None] | None = None,
) -> list[TableCopy]:
    """Copy every table of `source` (at the program's schema) into the empty PostgreSQL
    database `target` in one transaction: schema by the migrations, rows by COPY, each table
    verified by count and content hash before the commit."""
    where = target.url.render_as_string(hide_password=True)
    if target.dialect.name != "postgresql":
        raise StoreError(f"{where} is not a PostgreSQL database; only PostgreSQL is a target.")
    import psycopg

    copied: list[TableCopy] = []
    try:
        with (
            source.connect() as reader,
            reader.begin(),  # one snapshot of the source for every table
            _connect(target, where) as writer,
            writer.begin(),  # commits only when every table is in and verified
        ):
            _refuse_unless_empty(writer, where)
            _create_schema(writer)
            restore = _set_checks_aside(writer)
            for table in _tables(reader, writer):
                copied.append(_copy_table(reader, writer, table, where, progress))
            for statement in restore:
                _execute(writer, statement)
            _advance_sequences(writer)
    except (DBAPIError, psycopg.Error) as error:  # the connection lost, the server stopped
        raise StoreError(
            f"The copy into {where} failed ({_reason(error)}); nothing was copied."
        ) from None
    return copied


def _connect(target: Engine, where: str) -> Connection:
    try:
        return target.connect()
    except DBAPIError as error:
        raise StoreError(f"The database {where} cannot be opened ({_reason(error)}).") from None


def _reason(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    lines = str(original).strip().splitlines()
    return lines[0] if lines else type(original).__name__


def _refuse_unless_empty(writer: Connection, where: str) -> None:
    """Refuse, before anything is created, a database holding another program's tables or
    any row in a store's tables (an older store's included)."""
    present = set(inspect(writer).get_table_names())
    if present and "alembic_version" not in present:
        raise ConflictError(
            f"The database {where} already holds tables of another program "
            f"({sorted(present)[0]}); copy into an empty database."
        )
    if "alembic_version" in present:
        revision = writer.execute(text("SELECT max(version_num) FROM alembic_version")).scalar()
        if revision is not None and revision not in migrate.known_revisions():
            raise ConflictError(
                f"The database {where} holds a store of a newer program (schema {revision}); "
                "copy into an empty database."
            )
    quote = writer.dialect.identifier_preparer.quote
    for name in sorted(present - {"alembic_version"}):
        if writer.execute(text(f"SELECT 1 FROM {quote(name)} LIMIT 1")).first():
            raise ConflictError(
                f"The database {where} already holds data (table {name}); copy into an "
                "empty database so no row is doubled."
            )


def _create_schema(writer: Connection) -> None:
    """The schema by the migrations, inside the copy's transaction (Alembic joins it)."""
    from alembic import command

    config = migrate.alembic_config()
    config.attributes["connection"] = writer
    command.upgrade(config, "head")


def _tables(reader: Connection, writer: Connection) -> list[Table]:
    """The models' tables, then any other table both sides hold (derived data), each read
    with the column types the source's reflection gives."""
    ours = list(Base.metadata.sorted_tables)
    known = {table.name for table in ours} | {"alembic_version"}
    both = set(inspect(reader).get_table_names()) & set(inspect(writer).get_table_names())
    derived = MetaData()
    return ours + [Table(name, derived, autoload_with=reader) for name in sorted(both - known)]


_CHECKS = """
SELECT format('ALTER TABLE %I DROP CONSTRAINT %I', t.relname, k.conname),
       format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, k.conname,
              pg_get_constraintdef(k.oid)), 2
FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
WHERE k.contype = 'f' AND t.relnamespace = current_schema()::regnamespace
UNION ALL
SELECT format('DROP INDEX %I', i.relname), pg_get_indexdef(x.indexrelid), 1
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
WHERE t.relnamespace = current_schema()::regnamespace
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
UNION ALL
SELECT DISTINCT format('ALTER TABLE %I DISABLE TRIGGER USER', t.relname),
       format('ALTER TABLE %I ENABLE TRIGGER USER', t.relname), 0
FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
WHERE NOT g.tgisinternal AND t.relnamespace = current_schema()::regnamespace
"""


def _set_checks_aside(writer: Connection) -> list[str]:
    """Drop the foreign keys and the secondary indexes, switch the tables' own triggers off;
    return the statements that put them back (triggers, then indexes, then the keys)."""
    with writer.connection.driver_connection.cursor() as cursor:
        cursor.execute(_CHECKS)
        rows = sorted(cursor.fetchall(), key=lambda row: row[2])
        for drop, _create, _kind in reversed(rows):  # the keys before the indexes they use
            cursor.execute(drop)
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")  # for the index builds
    return [create for _drop, create, _kind in rows]


def _execute(writer: Connection, statement: str) -> None:
    import psycopg

    try:
        with writer.connection.driver_connection.cursor() as cursor:
            cursor.execute(statement)
    except psycopg.Error as error:
        raise StoreError(
            f"The copy does not satisfy the schema ({_reason(error)}); nothing was copied."
        ) from None


def _copy_table(
    reader: Connection,
    writer: Connection,
    table: Table,
    where: str,
    progress: Callable[[str, int], None] | None,
) -> TableCopy:
    cursor = writer.connection.driver_connection.cursor()  # psycopg, in the same transaction
    statement = _copy_statement(writer, table)
    convert = _converter(writer, table)
    count, total = 0, 0
    try:
        for rows in _read(reader, table):
            total = _hash_into(total, rows)
            count += len(rows)
            _copy(cursor, statement, rows, convert, table)
            if progress:
                progress(table.name, count)
    finally:
        cursor.close()
    return _verify(writer, table, (count, f"{total:064x}"), where)


def _copy_statement(writer: Connection, table: Table) -> str:
    quote = writer.dialect.identifier_preparer.quote
    columns = ", ".join(quote(column.name) for column in table.columns)
    return f"COPY {quote(table.name)} ({columns}) FROM STDIN"


def _converter(writer: Connection, table: Table) -> Callable[[tuple], tuple] | None:
    """The target dialect's bind processing of each column (None when no column needs it)."""
    dialect = writer.dialect
    processors = [
        column.type.dialect_impl(dialect).bind_processor(dialect) for column in table.columns
    ]
    if not any(processors):
        return None
    return lambda row: tuple(
        value if process is None or value is None else process(value)
        for process, value in zip(processors, row, strict=True)
    )


def _copy(
    cursor: Any,
    statement: str,
    rows: list[tuple],
    convert: Callable[[tuple], tuple] | None,
    table: Table,
) -> None:
    """One COPY statement of `rows`; a row PostgreSQL refuses names the table."""
    if not rows:
        return
    import psycopg

    try:
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(convert(row) if convert else row)
    except psycopg.Error as error:
        raise StoreError(
            f"Table {table.name} could not be copied ({_reason(error)}); nothing was copied."
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
    """Columns fed by a sequence continue after the highest copied value."""
    from sqlalchemy import func

    for table in Base.metadata.sorted_tables:
        for column in table.primary_key.columns:
            sequence = writer.execute(
                select(func.pg_get_serial_sequence(table.name, column.name))
            ).scalar()
            if sequence:
                highest = writer.execute(select(func.max(column))).scalar()
                if highest is not None:
                    writer.execute(select(func.setval(sequence, highest)))
