"""The one object over the database: opens it, upgrades it, hands out units of work.

    store = open_store(data_dir)
    with store.write() as session:   # commits at the end, rolls back on any error
        ...
    with store.read() as session:    # never commits
        ...

A unit of work rolls back unless it completes; database constraint failures come out as
domain errors (store.errors). Queries never commit: the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, IntegrityError
from sqlalchemy.orm import Session

from govperf_desktop.domain.errors import StoreError
from govperf_desktop.paths import store_path
from govperf_desktop.store import migrate
from govperf_desktop.store.capture import CapturingSession
from govperf_desktop.store.engine import (
    check_server_url,
    make_engine,
    precheck_sqlite_file,
    sqlite_url,
)
from govperf_desktop.store.errors import translate_integrity_error


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Store:
    engine: Engine
    path: Path | None  # the SQLite file, None for a server database
    backup: Path | None = None  # the copy taken before an upgrade on open, if any
    clock: Callable[[], datetime] = utc_now  # stamps captured changes
    # The installation's own folder (keys, scratch files, quarantine). For a SQLite store it is
    # the file's folder; a server store gets the --data-dir it was opened with, if any.
    folder: Path | None = None

    @contextmanager
    def write(self, actor_id: str | None = None) -> Iterator[Session]:
        """A unit of work that commits at the end; its changes to shared data are captured
        (store.capture) with `actor_id` as the person who made them."""
        session = CapturingSession(
            self.engine,
            expire_on_commit=False,
            clock=self.clock,
            actor_id=actor_id,
            mark_dir=None if self.path is None else self.path.parent,
        )
        try:
            with session.begin():
                yield session
        except IntegrityError as error:
            raise translate_integrity_error(error) from None
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine) as session:  # closing ends the transaction, never commits
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_store(
    directory: Path,
    *,
    create: bool = False,
    upgrade: bool = True,
    clock: Callable[[], datetime] = utc_now,
    url: str | None = None,
) -> Store:
    """Open (and if needed upgrade) the store in `directory`.

    `create=False` refuses a directory without a store, so a mistyped --data-dir never
    silently makes an empty one. An existing file is checked before anything writes to it.
    `url` (postgresql+psycopg://...) opens a server database instead of the SQLite file; the
    directory then only holds the installation's local files (keys, scratch files).
    """
    if url is not None:
        store = _open_server_store(url, create=create, upgrade=upgrade, clock=clock)
        store.folder = directory
        return store
    path = store_path(directory)
    has_content = precheck_sqlite_file(path)
    if not has_content and not create:
        raise StoreError(
            f"No store in {directory}. Create one with 'govperf init' or choose another folder."
        )
    directory.mkdir(parents=True, exist_ok=True)
    engine = make_engine(sqlite_url(path))
    store = Store(engine=engine, path=path, clock=clock, folder=directory)
    try:
        current, head = migrate.needs_upgrade(engine)
        if current != head and upgrade:
            if current is not None:
                store.backup = migrate.backup_sqlite(path, current, clock())
            migrate.upgrade(engine)
    except DatabaseError as error:
        engine.dispose()
        raise StoreError(f"{path} is damaged and cannot be opened ({error.orig}).") from None
    except BaseException:
        engine.dispose()
        raise
    return store


def _open_server_store(
    url: str, *, create: bool, upgrade: bool, clock: Callable[[], datetime]
) -> Store:
    """The PostgreSQL branch of `open_store`: no file checks and no file backup before an
    upgrade (the server's own tools back it up, docs/central-office.md); the upgrade runs in
    one transaction, so a failed one leaves the database as it was."""
    try:
        engine = make_engine(check_server_url(url))
    except ModuleNotFoundError as error:  # the driver is an optional extra
        raise StoreError(
            f"PostgreSQL support is not installed ({error.name} is missing): install "
            "govperf-desktop[postgres]."
        ) from None
    where = engine.url.render_as_string(hide_password=True)
    store = Store(engine=engine, path=None, clock=clock)
    try:
        current, head = migrate.needs_upgrade(engine)
        if current is None and not create:
            raise StoreError(
                f"No store in the database {where}. Create one with 'govperf init' or choose "
                "another database."
            )
        if current != head and upgrade:
            migrate.upgrade(engine)
    except DatabaseError as error:
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise StoreError(f"The database {where} cannot be opened ({reason}).") from None
    except BaseException:
        engine.dispose()
        raise
    return store
