"""Schema upgrades through Alembic, run when a store is opened, with a backup taken first.

An existing store is upgraded in place, never recreated. Before an upgrade of a store that
holds data, a consistent copy is made with SQLite's backup API into `backups/` beside it.

Alembic is imported only to upgrade (it costs ~0.9 s of start-up): whether a store is at the
head revision is decided by reading `alembic_version` and the `revision`/`down_revision` lines
of the migration files; anything unusual there (a merge, a branch) falls back to Alembic.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from govperf_desktop.domain.errors import StoreError
from govperf_desktop.paths import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config

_REVISION_LINE = re.compile(
    r"^(?P<key>revision|down_revision)\s*(?::[^=]*)?=\s*(?P<value>None|\"[^\"]*\"|'[^']*')\s*$",
    re.MULTILINE,
)


_DERIVED_TABLES = ("timesheet_totals", "mention_targets", "task_milestones")  # 0008, 0009


def include_object(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    """Leave dialect-branch objects (SQLite's FTS tables, PostgreSQL's trigram index) and the
    derived tables of 0008 and 0009 (models.DERIVED_METADATA) out of autogenerate
    comparisons."""
    if type_ == "index" and name == "ix_comments_body_trgm":
        return False
    if type_ == "table" and name in _DERIVED_TABLES:
        return False
    return not (type_ == "table" and name.startswith("comments_fts"))


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


@lru_cache(maxsize=1)
def _revision_chain() -> tuple[str, frozenset[str]] | None:
    """(head, every revision) read from the migration files' text, or None when the graph is
    not a plain chain (or a file is not understood): then Alembic decides."""
    parents: dict[str, str | None] = {}
    for path in sorted((migrations_dir() / "versions").glob("*.py")):
        if path.name == "__init__.py":
            continue
        found = {m["key"]: m["value"] for m in _REVISION_LINE.finditer(path.read_text("utf-8"))}
        if set(found) != {"revision", "down_revision"} or found["revision"] == "None":
            return None
        parent = None if found["down_revision"] == "None" else found["down_revision"][1:-1]
        parents[found["revision"][1:-1]] = parent
    children = {parent for parent in parents.values() if parent is not None}
    heads = set(parents) - children
    roots = [revision for revision, parent in parents.items() if parent is None]
    if len(heads) != 1 or len(roots) != 1 or len(children) != len(parents) - 1:
        return None
    return heads.pop(), frozenset(parents)


def head_revision() -> str:
    chain = _revision_chain()
    if chain is not None:
        return chain[0]
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    chain = _revision_chain()
    if chain is not None:
        return set(chain[1])
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        if len(rows) <= 1:
            return rows[0][0] if rows else None
        from alembic.runtime.migration import MigrationContext  # several heads: Alembic's rule

        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> None:
    """Upgrade the schema to `target` in one transaction.

    SQLite cannot change `foreign_keys` inside a transaction, and batch-mode table rebuilds
    must not cascade, so enforcement is off during the upgrade and the whole database is
    checked with `foreign_key_check` before the transaction commits.
    """
    from alembic import command

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
