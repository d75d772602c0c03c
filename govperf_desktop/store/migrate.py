"""Schema upgrades through Alembic, run when a store is opened, with a backup taken first.

An existing store is upgraded in place, never recreated. Before an upgrade of a store that
holds data, a consistent copy is made with SQLite's backup API into `backups/` beside it.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from govperf_desktop.domain.errors import StoreError
from govperf_desktop.paths import migrations_dir


def include_object(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    """Leave dialect-branch objects (SQLite's FTS tables) out of autogenerate comparisons."""
    return not (type_ == "table" and name.startswith("comments_fts"))


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> None:
    """Upgrade the schema to `target` in one transaction.

    SQLite cannot change `foreign_keys` inside a transaction, and batch-mode table rebuilds
    must not cascade, so enforcement is off during the upgrade and the whole database is
    checked with `foreign_key_check` before the transaction commits.
    """
    config = alembic_config()
    with engine.connect() as connection:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        try:
            config.attributes["connection"] = connection
            command.upgrade(config, target)
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise StoreError(f"Upgrade left {len(broken)} broken references; not kept.")
            connection.commit()
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")


def backup_sqlite(store_file: Path, revision: str | None, now: datetime) -> Path:
    """Copy the store with SQLite's online backup API; returns the copy's path."""
    folder = store_file.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{store_file.stem}-{revision or 'empty'}-{now:%Y%m%dT%H%M%S}.sqlite3"
    source = sqlite3.connect(f"file:{store_file}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def needs_upgrade(engine: Engine) -> tuple[str | None, str]:
    """(current, head); raises StoreError for a store made by a newer program."""
    current, head = current_revision(engine), head_revision()
    if current is not None and current not in known_revisions():
        raise StoreError(
            f"This store was made by a newer version of govperf (schema {current}); "
            "install the newer program to open it."
        )
    return current, head
