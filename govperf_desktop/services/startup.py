"""What the desktop start needs to know before the store is opened, read cheaply.

Opening the store imports SQLAlchemy and declares the ORM models (about half a second), so
the desktop application shows its first window (the login dialog, or the main window's
frame) first and opens the store in the background. To choose that first window it needs
three facts: this installation's name, whether it has accounts (then everyone logs in) and
whether it holds any indicator (a `--demo` start fills an empty store first). `peek_store`
reads them from the SQLite file with the standard `sqlite3` module, read-only, in a few
milliseconds, without importing the store layer.

It answers None whenever it cannot tell for sure (no file, not a database, a schema from
before accounts, a server database): the caller then opens the store first, as before, and
the real open reports any problem in its own words.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from govperf_desktop.paths import store_path

# The settings key holding this installation's node id (services.admin.LOCAL_NODE_KEY; not
# imported from there because that module imports SQLAlchemy, which this one must not).
LOCAL_NODE_KEY = "local_node_id"

_PEEK = """
SELECT
    (SELECT name FROM nodes WHERE id = (SELECT value FROM settings WHERE key = ?)),
    EXISTS (SELECT 1 FROM accounts),
    EXISTS (SELECT 1 FROM indicators)
"""


@dataclass(frozen=True)
class StorePeek:
    """Facts about the store in a data folder, read before it is opened."""

    node_name: str | None  # this installation's name; None if it has no identity yet
    has_accounts: bool
    has_indicators: bool


def peek_store(directory: Path) -> StorePeek | None:
    """The facts the first window depends on, or None when they cannot be read cheaply.

    Read-only: the file is never created or changed (a mistyped folder stays absent, a file
    that is not a store stays byte-for-byte the same).
    """
    path = store_path(directory)
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute(_PEEK, (LOCAL_NODE_KEY,)).fetchone()
    except sqlite3.Error:  # not a database, an older schema, a lock held too long
        return None
    finally:
        connection.close()
    name, accounts, indicators = row
    return StorePeek(
        node_name=str(name) if name is not None else None,
        has_accounts=bool(accounts),
        has_indicators=bool(indicators),
    )
