"""Rows whose parent another installation deleted concurrently: the delete wins.

A department may add a row (an entry, a comment, an event) under a record the central office
deletes before it has seen that row; each side's own store never breaks a foreign key, but
the merged history would. The rule, the same on every replica whatever order bundles arrive
in: a row is present only if every record it points to is present. Such a row is taken out
of its table (its ops stay in the log, nothing is lost) and listed in `sync_conflicts` with
field `(row)`: the winner is the parent's delete, the loser the row's newest op, the loser
value the row as it was, the winner value `{"parent": "table/id"}`. If the parent comes back
(a restore from history), its rows come back with it.

The applier calls `after_batch` with what it wrote and deleted; checks are a few indexed
queries per batch (distinct parents), never per row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from govperf_desktop.store.models import CAPTURED_TABLES, Base
from govperf_desktop.sync.db import canonical, is_postgresql
from govperf_desktop.sync.schema import table_info

ROW_FIELD = "(row)"
CHUNK = 900

# (child table, child column, parent table); a composite key's reference to a task's id
# (task_dependencies → tasks(indicator_id, id)) is checked on the id.
Reference = tuple[str, str, str]


@cache
def references() -> tuple[Reference, ...]:
    found = []
    for table in Base.metadata.sorted_tables:
        if table.name not in CAPTURED_TABLES:
            continue
        for constraint in table.foreign_key_constraints:
            parent = constraint.referred_table.name
            if parent not in CAPTURED_TABLES:
                continue
            for column, element in zip(constraint.columns, constraint.elements, strict=True):
                if element.column.name == "id":
                    found.append((table.name, column.name, parent))
    return tuple(found)


@cache
def children_of(parent: str) -> tuple[tuple[str, str], ...]:
    return tuple((child, column) for child, column, table in references() if table == parent)


@cache
def parents_of(child: str) -> tuple[tuple[str, str], ...]:
    return tuple((column, parent) for table, column, parent in references() if table == child)


Conflict = Callable[[str, str, str, str, str, Any, Any], None]


class Orphans:
    """Keeps the rule above while an import applies ops; `rematerialise` recomputes a row."""

    def __init__(
        self,
        db: Any,  # sync.db: the sqlite3 connection, or a PgDb
        conflict: Conflict,
        rematerialise: Callable[[str, str], tuple | None],
    ) -> None:
        self.db = db
        self.conflict = conflict
        self.rematerialise = rematerialise
        self.removed = 0
        self._waiting: dict[str, list[tuple[str, str]]] | None = None

    # --- parents gone ---------------------------------------------------------------------

    def after_batch(
        self, written: dict[str, list[tuple]], deleted: Iterable[tuple[str, str]]
    ) -> None:
        """`written`: rows upserted by this batch per table (stored values in column order);
        `deleted`: (table, record) removed by it."""
        for table, record in deleted:
            self._remove_children(table, record)
        for table, rows in written.items():
            self._check_parents(table, rows)
        self._bring_back(written)

    def _check_parents(self, table: str, rows: list[tuple]) -> None:
        info = table_info(table)
        for column, parent in parents_of(table):
            index = info.columns.index(column)
            wanted = {row[index] for row in rows} - {None}
            missing = wanted - self._existing(parent, wanted)
            if not missing:
                continue
            positions = [info.columns.index(c) for c in info.key]
            for row in rows:
                if row[index] in missing:
                    record = "/".join(str(row[p]) for p in positions)
                    self.take_out(table, record, parent, row[index])

    def _existing(self, table: str, ids: set[Any]) -> set[Any]:
        found: set[Any] = set()
        ordered = list(ids)
        for start in range(0, len(ordered), CHUNK):
            part = ordered[start : start + CHUNK]
            marks = ",".join("?" * len(part))
            found.update(
                row[0]
                for row in self.db.execute(f'SELECT id FROM "{table}" WHERE id IN ({marks})', part)
            )
        return found

    def _remove_children(self, parent: str, record: str) -> None:
        for child, column in children_of(parent):
            key = table_info(child).key
            columns = ", ".join(f'"{c}"' for c in key)
            rows = self.db.execute(
                f'SELECT {columns} FROM "{child}" WHERE "{column}" = ?', (record,)
            ).fetchall()
            for values in rows:
                self.take_out(child, "/".join(str(v) for v in values), parent, record)

    def take_out(self, table: str, record: str, parent: str, parent_id: Any) -> None:
        """Remove one row whose parent is gone, list it, and do the same to its own rows."""
        info = table_info(table)
        where = " AND ".join(f'"{c}" = ?' for c in info.key)
        cursor = self.db.execute(f'SELECT * FROM "{table}" WHERE {where}', record.split("/"))
        found = cursor.fetchone()
        if found is None:
            return
        row = dict(zip([d[0] for d in cursor.description], found, strict=True))
        if is_postgresql(self.db):
            row = {column: canonical(value) for column, value in row.items()}
        winner = self._newest(parent, str(parent_id), "AND action = 'delete'")
        loser = self._newest(table, record, "")
        self.db.execute(f'DELETE FROM "{table}" WHERE {where}', record.split("/"))
        self.removed += 1
        reference = f"{parent}/{parent_id}"
        self.conflict(table, record, ROW_FIELD, winner, loser, {"parent": reference}, row)
        self._waiting_for().setdefault(reference, []).append((table, record))
        self._remove_children(table, record)

    def _newest(self, table: str, record: str, condition: str) -> str:
        row = self.db.execute(
            "SELECT id FROM changes WHERE table_name = ? AND record_id = ?"
            f" {condition} ORDER BY hlc DESC, node_id DESC LIMIT 1",
            (table, record),
        ).fetchone()
        return row[0] if row else ""

    # --- parents back ---------------------------------------------------------------------

    def _waiting_for(self) -> dict[str, list[tuple[str, str]]]:
        """Rows taken out, by the parent they wait for (from earlier imports too)."""
        if self._waiting is None:
            self._waiting = {}
            for table, record, value in self.db.execute(
                "SELECT table_name, record_id, winner_value FROM sync_conflicts WHERE field = ?",
                (ROW_FIELD,),
            ):
                parent = (json.loads(value) or {}).get("parent") if value else None
                if parent:
                    self._waiting.setdefault(parent, []).append((table, record))
        return self._waiting

    def _bring_back(self, written: dict[str, list[tuple]]) -> None:
        waiting = self._waiting_for()
        if not waiting:
            return
        for table, rows in written.items():
            if not children_of(table):
                continue
            index = table_info(table).columns.index("id")
            for row in rows:
                for child, record in waiting.pop(f"{table}/{row[index]}", ()):
                    state = self.rematerialise(child, record)
                    if state is not None:
                        self.after_batch({child: [state]}, ())
