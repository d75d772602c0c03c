"""Central-office actions on the store as a whole: moving it into PostgreSQL.

    migrate_store   copy this store (usually the SQLite file) into an empty PostgreSQL
                    database, table by table, verified by row counts and content hashes

See docs/central-office.md for when to move and how to back the server up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from govperf_desktop.domain.errors import StoreError, ValidationError
from govperf_desktop.store import migrate
from govperf_desktop.store.engine import check_server_url, make_engine
from govperf_desktop.store.store import Store
from govperf_desktop.store.transfer import TableCopy, copy_store


@dataclass(frozen=True)
class StoreMigration:
    source: str
    target: str
    schema_revision: str
    tables: tuple[TableCopy, ...]

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)


def migrate_store(
    store: Store, to_url: str, *, progress: Callable[[str, int], None] | None = None
) -> StoreMigration:
    """Copy every row of `store` into the empty database at `to_url` (its schema created by
    the migrations in the same transaction). Refuses a target that holds data or is the store
    itself; on any failure the target is left as it was. The source is only read."""
    target_url = check_server_url(to_url.strip())
    source = _where(store)
    if store.path is None and store.engine.url == _url(target_url):
        raise ValidationError("The store cannot be copied into itself; name another database.")
    revision = migrate.current_revision(store.engine)
    head = migrate.head_revision()
    if revision != head:
        raise ValidationError(
            f"The store is at schema {revision}, not {head}; open it once with this program "
            "(govperf migrate) before copying it."
        )
    try:
        target = make_engine(target_url)
    except ModuleNotFoundError as error:  # the driver is an optional extra
        raise StoreError(
            f"PostgreSQL support is not installed ({error.name} is missing): install "
            "govperf-desktop[postgres]."
        ) from None
    try:
        tables = copy_store(store.engine, target, progress=progress)
    finally:
        target.dispose()
    where = target.url.render_as_string(hide_password=True)
    return StoreMigration(source, where, head, tuple(tables))


def _url(text: str):  # type: ignore[no-untyped-def]
    from sqlalchemy.engine import make_url

    return make_url(text)


def _where(store: Store) -> str:
    if store.path is not None:
        return str(store.path)
    return store.engine.url.render_as_string(hide_password=True)
