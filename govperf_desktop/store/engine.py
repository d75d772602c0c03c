"""Opening a store: file checks, the SQLite connection settings, migrations and backups.

SQLite is the embedded default. On every connection:
- `foreign_keys=ON`: SQLite does not enforce foreign keys unless asked, per connection.
- `journal_mode=WAL`: readers (the UI, reports) never block the single writer.
- `busy_timeout=5000`: a second process (the CLI beside the GUI) waits instead of failing.
- `synchronous=FULL`: a commit is on disk when it returns. Commits are one per user action
  and bulk work is batched into few transactions, so the extra fsync per commit costs nothing
  a user notices, while a laptop's power cut must never lose a clerk's acknowledged entry.

pysqlite's own transaction handling is switched off (isolation_level=None) and SQLAlchemy
emits BEGIN itself, so transactions start where the unit of work says and PRAGMAs run outside.

A central office may use PostgreSQL instead (`--db-url postgresql+psycopg://...`, see
docs/central-office.md): `make_engine` accepts such a URL and `check_server_url` refuses
anything else with one clear sentence. Connections are checked before use (pool_pre_ping), so
a server restart between two commands of the GUI does not surface as an error.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from govperf_desktop.domain.errors import StoreError

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN")


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


SERVER_SCHEMES = ("postgresql+psycopg",)


def check_server_url(url: str) -> str:
    """`url` if it names a database server this program supports, else a StoreError."""
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme not in SERVER_SCHEMES:
        raise StoreError(
            f"{_redacted(url)} is not a supported database URL; use "
            "postgresql+psycopg://USER@HOST:PORT/DATABASE (SQLite needs no URL: use --data-dir)."
        )
    return url


def _redacted(url: str) -> str:
    """The URL without a password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not even URL-shaped: show only its scheme
        return url.split("://", 1)[0] + "://..."


def make_engine(url: str) -> Engine:
    """An engine for `url` with this project's connection settings."""
    if url.startswith("sqlite"):
        engine = create_engine(url)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def precheck_sqlite_file(path: Path) -> bool:
    """Check an existing file is an SQLite database before anything writes to it.

    Returns True if the file exists and has content. Raises StoreError for a file that is not
    an SQLite database or cannot be read, without changing a byte of it.
    """
    if not path.exists():
        return False
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a store file.")
    size = path.stat().st_size
    if size == 0:
        return False
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a govperf store (it is not an SQLite database file).")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path} is damaged and cannot be opened ({error}).") from None
    if names and "alembic_version" not in names:
        raise StoreError(f"{path} is an SQLite database but not a govperf store.")
    return True
