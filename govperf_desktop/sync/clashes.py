"""Natural-key clashes: two installations create records with the same name independently.

Two central installations (or a restored one) may each add, say, department 财政局 or person
张伟 of one department under different ids; each store is consistent, the merge would break
a unique constraint (departments.name, people (department_id, name), tasks (indicator_id,
code), ...). The rule, the same on every replica whatever order bundles arrive in: the record
created first (its insert op's clock, then node id, then id) keeps the value; the other keeps
its id, its links and its data, and its clashing text gets a suffix made from its own id
(`财政局 #3f9a1c`), so every replica writes the same text. The clash is listed in
`sync_conflicts` for review (field: the renamed column; winner value: the kept text; loser
value: the suffixed one). Someone then renames or merges the two by hand.

A unique constraint without a text column (a revision number, a period start) cannot be
resolved by renaming: the later record is then taken out of its table like a row whose parent
was deleted (sync.orphans) and listed the same way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import String, Text, UniqueConstraint

from govperf_desktop.store.models import Base
from govperf_desktop.sync.db import integrity_error, is_unique_violation
from govperf_desktop.sync.schema import table_info

TEXT_COLUMNS = ("name", "code", "text")


@cache
def unique_sets(table: str) -> tuple[tuple[str, ...], ...]:
    """The unique column sets of a table other than its key, each with its text column last
    (when it has one of TEXT_COLUMNS)."""
    found = []
    sa_table = Base.metadata.tables[table]
    for constraint in sa_table.constraints:
        if isinstance(constraint, UniqueConstraint):
            found.append(tuple(c.name for c in constraint.columns))
    for column in sa_table.columns:
        if column.unique:
            found.append((column.name,))
    return tuple(found)


def _text_column(table: str, columns: tuple[str, ...]) -> str | None:
    sa_table = Base.metadata.tables[table]
    for name in TEXT_COLUMNS:
        if name in columns and isinstance(sa_table.columns[name].type, String | Text):
            return name
    return None


def suffixed(value: str, record: str) -> str:
    return f"{value} #{record[-6:]}"


Conflict = Callable[[str, str, str, str, str, Any, Any], None]


class Clashes:
    """Writes a row that a unique constraint refuses by the rule above."""

    def __init__(self, db: Any, conflict: Conflict, take_out: Callable) -> None:
        self.db = db
        self.conflict = conflict
        self.take_out = take_out  # (table, record, parent, parent id) -> None; see orphans

    def _first_insert(self, table: str, record: str) -> tuple[str, str, str, str]:
        row = self.db.execute(
            "SELECT hlc, node_id, id FROM changes WHERE table_name = ? AND record_id = ?"
            " AND action = 'insert' ORDER BY hlc, node_id LIMIT 1",
            (table, record),
        ).fetchone()
        return (row[0], row[1], record, row[2]) if row else ("", "", record, "")

    def write(self, table: str, row: tuple, upsert: Callable[[tuple], None]) -> tuple | None:
        """Write `row` with `upsert`, resolving clashes; returns the row as written (None if
        it was taken out)."""
        info = table_info(table)
        for _ in range(8):  # each pass resolves one clash
            try:
                upsert(row)
                return row
            except integrity_error(self.db) as error:
                if not is_unique_violation(self.db, error):
                    raise
                row = self._resolve(table, info, row)
                if row is None:
                    return None
        upsert(row)
        return row

    def _resolve(self, table: str, info: Any, row: tuple) -> tuple | None:
        values = dict(zip(info.columns, row, strict=True))
        record = "/".join(str(values[c]) for c in info.key)
        for columns in unique_sets(table):
            # `= ?` (indexed on both dialects) for a value, `IS NULL` for none
            where = " AND ".join(
                f'"{c}" = ?' if values[c] is not None else f'"{c}" IS NULL' for c in columns
            )
            key_columns = ", ".join(f'"{c}"' for c in info.key)
            other = self.db.execute(
                f'SELECT {key_columns} FROM "{table}" WHERE {where}',
                [values[c] for c in columns if values[c] is not None],
            ).fetchone()
            if other is None:
                continue
            other_record = "/".join(str(v) for v in other)
            if other_record == record:
                continue
            mine, theirs = (
                self._first_insert(table, record),
                self._first_insert(table, other_record),
            )
            text = _text_column(table, columns)
            loser, winner = (record, theirs) if theirs < mine else (other_record, mine)
            if text is None:  # the later record is taken out (see the module docstring)
                if loser == record:
                    self.conflict(
                        table, record, "(row)", winner[3], mine[3], {"clash": other_record}, values
                    )
                    return None
                self.take_out(table, other_record, table, record)
                return row
            if loser == record:
                kept = values[text]
                values[text] = suffixed(kept, record)
                self.conflict(table, record, text, winner[3], mine[3], kept, values[text])
                return tuple(values[c] for c in info.columns)
            where_key = " AND ".join(f'"{c}" = ?' for c in info.key)
            kept = values[text]
            self.db.execute(
                f'UPDATE "{table}" SET "{text}" = ? WHERE {where_key}',
                [suffixed(kept, other_record), *other],
            )
            self.conflict(
                table, other_record, text, mine[3], theirs[3], kept, suffixed(kept, other_record)
            )
            return row
        raise sqlite3.IntegrityError(f"unresolved unique clash in {table}")
