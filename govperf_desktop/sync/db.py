"""The database connection the sync code speaks, chosen in one place by the store's dialect.

The op log, the applier and their helpers write plain SQL with `?` parameters, through a
DB-API connection inside the transaction that SQLAlchemy opened (`sync_db(connection)`):

* SQLite: the sqlite3 connection itself, untouched, so the import's fast path stays as fast
  as it was (no wrapper call per statement).
* PostgreSQL: `PgDb`, a thin wrapper over the psycopg connection that rewrites each statement
  once (`?` → `%s`, `IS ?` → `IS NOT DISTINCT FROM`, clock order in the "C" collation, so text
  orders by code point as in SQLite whatever the database's locale) and adds what a server
  needs: savepoints (a failed statement aborts a PostgreSQL transaction, so the row-by-row
  fallback after a refused bulk insert runs under one), COPY for bulk inserts, a
  transaction-scoped advisory lock so two imports run one after the other, and deferred
  foreign-key checks (SQLite's `PRAGMA defer_foreign_keys`): rows may arrive before their
  parents within a transaction, and rows whose parent another installation deleted are taken
  out before commit (sync.orphans).

Values read back are given in SQLite's stored form (`canonical`: datetimes as
`YYYY-MM-DD HH:MM:SS.ffffff` text, dates as ISO text, booleans as 0/1), so conflicts listed,
bundles exported and content hashes are the same on both dialects.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from govperf_desktop.domain.errors import StoreError

# One lock for all sync work on a database (import and export): pg_advisory_xact_lock's key.
SYNC_LOCK_KEY = 0x676F7670_73796E63 >> 1  # "govpsync", kept within a signed bigint
_REWRITES = (
    (" IS ?", " IS NOT DISTINCT FROM ?"),
    ("ORDER BY hlc, node_id", 'ORDER BY hlc COLLATE "C", node_id COLLATE "C"'),
    ("ORDER BY hlc DESC, node_id DESC", 'ORDER BY hlc COLLATE "C" DESC, node_id COLLATE "C" DESC'),
)


@lru_cache(maxsize=512)
def pg_sql(sql: str) -> str:
    """A statement written for sqlite3 (`?` parameters) as psycopg takes it."""
    for old, new in _REWRITES:
        sql = sql.replace(old, new)
    return sql.replace("%", "%%").replace("?", "%s")


def canonical(value: Any) -> Any:
    """A value read from PostgreSQL as SQLite stores it (see the module docstring)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


class PgDb:
    """The sqlite3-style calls the sync code makes, over a psycopg connection."""

    postgresql = True

    def __init__(self, raw: Any) -> None:
        import psycopg

        self.raw = raw
        self.IntegrityError: type[Exception] = psycopg.IntegrityError
        self.UniqueViolation: type[Exception] = psycopg.errors.UniqueViolation

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        # Not prepared: psycopg would prepare a statement run five times, and its generic
        # plan, made while `changes` was small, would go on scanning the table it keeps
        # filling (an import of 100,000 ops took 15 minutes instead of seconds).
        cursor = self.raw.cursor()
        cursor.execute(pg_sql(sql), tuple(parameters), prepare=False)
        return cursor

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        cursor = self.raw.cursor()
        if rows:
            cursor.executemany(pg_sql(sql), rows)
        return cursor

    def stream(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        """A server-side cursor: a big result comes in pieces, never whole into memory."""
        cursor = self.raw.cursor(name=f"sync_stream_{id(self)}_{next(_streams)}")
        cursor.itersize = 2000
        cursor.execute(pg_sql(sql), tuple(parameters))
        return cursor

    def copy_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows with COPY (PostgreSQL's bulk path); raises like an INSERT would."""
        names = ", ".join(f'"{c}"' for c in columns)
        with (
            self.raw.cursor() as cursor,
            cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy,
        ):
            for row in rows:
                copy.write_row(row)

    @contextlib.contextmanager
    def savepoint(self) -> Iterator[None]:
        """Undo only the statements inside when they fail (the transaction goes on)."""
        with self.raw.cursor() as cursor:
            cursor.execute("SAVEPOINT sync_step")
            try:
                yield
            except BaseException:
                cursor.execute("ROLLBACK TO SAVEPOINT sync_step")
                cursor.execute("RELEASE SAVEPOINT sync_step")
                raise
            cursor.execute("RELEASE SAVEPOINT sync_step")


_streams = itertools.count(1)


def sync_db(connection: Any) -> Any:
    """The connection the sync code uses inside `connection`'s transaction (a SQLAlchemy
    Connection): sqlite3's own, or a PgDb. Also starts the transaction's sync settings."""
    name = connection.dialect.name
    raw = connection.connection.driver_connection
    if name == "sqlite":
        return raw
    if name == "postgresql":
        return PgDb(raw)
    raise StoreError(
        f"Bundles cannot be imported into a {name} database; use SQLite or PostgreSQL."
    )


def is_postgresql(db: Any) -> bool:
    return getattr(db, "postgresql", False)


def integrity_error(db: Any) -> type[Exception]:
    return db.IntegrityError if is_postgresql(db) else sqlite3.IntegrityError


def is_unique_violation(db: Any, error: Exception) -> bool:
    if is_postgresql(db):
        return isinstance(error, db.UniqueViolation)
    return "UNIQUE" in str(error)


def savepoint(db: Any) -> contextlib.AbstractContextManager[None]:
    """PostgreSQL: a savepoint; SQLite: nothing (a failed statement undoes only itself)."""
    return db.savepoint() if is_postgresql(db) else contextlib.nullcontext()


def lock_for_sync(db: Any) -> None:
    """Serialise sync work on a server database: the lock is held until the transaction
    ends, so a second importer waits, then sees (and skips) what the first applied. SQLite
    needs nothing: its writer lock (BEGIN, then the first write) already serialises."""
    if is_postgresql(db):
        db.execute("SELECT pg_advisory_xact_lock(?)", (SYNC_LOCK_KEY,)).close()


def defer_foreign_keys(db: Any) -> None:
    """Check foreign keys at commit, not per statement, for the rest of the transaction.
    PostgreSQL defers only constraints declared DEFERRABLE: those of a store made before
    they were are made so first (INITIALLY IMMEDIATE: nothing else changes), once."""
    if not is_postgresql(db):
        db.execute("PRAGMA defer_foreign_keys = ON")
        return
    rows = db.execute(
        "SELECT c.conrelid::regclass::text, c.conname FROM pg_constraint c"
        " JOIN pg_namespace n ON n.oid = c.connamespace"
        " WHERE c.contype = 'f' AND NOT c.condeferrable AND n.nspname = current_schema()"
    ).fetchall()
    for table, name in rows:
        db.execute(
            f'ALTER TABLE {table} ALTER CONSTRAINT "{name}" DEFERRABLE INITIALLY IMMEDIATE'
        ).close()
    db.execute("SET CONSTRAINTS ALL DEFERRED").close()
