"""Pass two of an import: inside one transaction, continuity, authorisation and applying.

Per origin, the store's newest op decides what a run is: already held (a no-op), the next
ops (applied), beyond a gap (held back in `sync_pending_ops` until the gap is filled, then
applied by themselves), or a fork (another op under a sequence number already held: reported,
nothing of it applied). Each op applied is appended to `changes` with its origin's stamps,
hash and signature (no new local op), then its record is recomputed from every op held for it
in clock order (hlc, then node id): field-level last-writer-wins that does not depend on the
order bundles arrive in. Inserts of records nothing else has touched take a batched fast path.
An update whose `before` does not match the value it overwrites in that order was made
without seeing it: a concurrent edit, listed in `sync_conflicts` for review. A row whose
parent another installation deleted concurrently is taken out (sync.orphans), and a natural
key created twice is settled by renaming the later record (sync.clashes); both are listed.
Ops come from pass one's scratch file (sync.staging) with their `after` values parsed.
The SQL goes through sync.db: SQLite's own connection, or the PostgreSQL adapter (COPY for
the bulk inserts, savepoints around the row-by-row fallback).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from govperf_desktop.domain.hlc import Hlc
from govperf_desktop.domain.ids import uuid7_hex
from govperf_desktop.domain.ophash import GENESIS_HASH
from govperf_desktop.store.capture import LAST_SEEN_HLC_KEY
from govperf_desktop.sync.authorise import Authoriser
from govperf_desktop.sync.certificates import Certificate, Signed, read_certificate
from govperf_desktop.sync.clashes import Clashes
from govperf_desktop.sync.db import canonical, integrity_error, is_postgresql, savepoint
from govperf_desktop.sync.oplog import CHANGE_COLUMNS, OP_KEYS, Run, hash_at, head
from govperf_desktop.sync.orphans import Orphans
from govperf_desktop.sync.schema import row_converter, stored_value, table_info

BATCH = 4000
MAX_VARIABLES = 32766  # SQLite's limit of bound values in one statement (3.32+)
TRIGGERED_TABLES = frozenset({"comments"})  # their triggers keep comments_fts in step
_INSERT_CHANGE = (
    f"INSERT INTO changes ({', '.join(CHANGE_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(CHANGE_COLUMNS))})"
)


@dataclass
class ApplyReport:
    applied: int = 0
    duplicates: int = 0
    held_back: int = 0
    released: int = 0  # held-back ops applied because their gap was filled
    gaps: list[str] = field(default_factory=list)
    forks: list[str] = field(default_factory=list)
    conflicts: int = 0


def _plain(op: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The op as it travels (without what the import adds to it)."""
    return {**{key: op[key] for key in OP_KEYS}, **extra}


_OP_FIELDS = itemgetter(*OP_KEYS)


def _change_row(op: dict[str, Any], signature: str | None) -> tuple:
    """The op's `changes` row (staged ops carry their fields as a tuple in op["_row"])."""
    return (*(op["_row"] if "_row" in op else _OP_FIELDS(op)), signature)


class Applier:
    def __init__(
        self,
        db: Any,  # sync.db: the sqlite3 connection, or a PgDb
        certificates: dict[str, Certificate],
        bundle_name: str,
        now: datetime,
        root_key: str,
    ) -> None:
        self.db = db
        self.pg = is_postgresql(db)
        self.certificates = certificates
        self.authoriser = Authoriser(db, bundle_name)
        self.name = bundle_name
        self.now = now.strftime("%Y-%m-%d %H:%M:%S.%f")
        self.now_ms = int(now.replace(tzinfo=UTC).timestamp() * 1000)
        self.root_key = root_key
        self.report = ApplyReport()
        self.batch: list[tuple[dict[str, Any], str | None]] = []
        self.newest: str | None = None  # clocks are fixed-width text: text order is time order
        self._upserts: dict[tuple[str, int, bool], str] = {}
        self.orphans = Orphans(db, self._record_conflict, self._materialise)
        self.clashes = Clashes(db, self._record_conflict, self.orphans.take_out)

    # --- per run decisions ---------------------------------------------------------------

    def plan(self, runs: dict[str, Run]) -> dict[str, str]:
        """What to do with each origin's run: 'apply', 'hold', 'duplicate' or 'fork'."""
        decisions = {}
        self.heads: dict[str, tuple[int, str]] = {}
        self.runs = runs
        for origin, run in runs.items():
            seq, last_hash = head(self.db, origin)
            self.heads[origin] = (seq, last_hash)
            label = self._label(origin)
            if run.last <= seq:
                same = hash_at(self.db, origin, run.last) == run.last_hash
                decisions[origin] = "duplicate" if same else "fork"
            elif run.first > seq + 1:
                decisions[origin] = "hold"
                self.report.gaps.append(f"missing ops {seq + 1}..{run.first - 1} from node {label}")
            elif run.first == seq + 1 and run.prev_hash != last_hash:
                decisions[origin] = "fork"
            else:
                decisions[origin] = "apply"
            if decisions[origin] == "fork":
                self.report.forks.append(
                    f"node {label} has two different histories at ops {run.first}..{run.last}; "
                    "nothing of this run was applied"
                )
        self.decisions = decisions
        return decisions

    def _label(self, origin: str) -> str:
        certificate = self.certificates.get(origin)
        return f"{certificate.node_name} ({origin})" if certificate else origin

    # --- streaming ops in ----------------------------------------------------------------

    def take(self, op: dict[str, Any]) -> None:
        origin = op["node"]
        decision = self.decisions.get(origin)
        run = self.runs[origin]
        signature = run.signature if op["seq"] == run.last else None
        if decision == "hold":
            self.db.execute(
                "INSERT INTO sync_pending_ops (node_id, seq, op, received_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (origin, op["seq"], json.dumps(_plain(op, sig=signature)), self.now),
            )
            self.report.held_back += 1
            return
        if decision != "apply":
            self.report.duplicates += decision == "duplicate"
            return
        seq, last_hash = self.heads[origin]
        if op["seq"] <= seq:
            if op["seq"] == seq and op["hash"] != last_hash:
                self.decisions[origin] = "fork"
                self.report.forks.append(
                    f"node {self._label(origin)} has two different ops {seq}; nothing of this "
                    "run was applied"
                )
            self.report.duplicates += 1
            return
        self._accept(op, signature)

    def _accept(self, op: dict[str, Any], signature: str | None) -> None:
        origin = op["node"]
        if "_after" not in op:  # staged ops arrive parsed (sync.staging)
            op["_after"] = json.loads(op["after"]) if op["after"] else {}
        self.authoriser.check(op, self.certificates[origin])
        if op["action"] == "insert":
            self.authoriser.pending[(op["table"], op["record"])] = op["_after"]
        self.heads[origin] = (op["seq"], op["hash"])
        self.batch.append((op, signature))
        if self.newest is None or op["hlc"] > self.newest:
            self.newest = op["hlc"]
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        self.authoriser.pending.clear()
        seen: dict[tuple[str, str], int] = {}
        for op, _ in batch:
            key = (op["table"], op["record"])
            seen[key] = seen.get(key, 0) + 1
        touched = self._already_logged(seen)
        changes = [_change_row(op, sig) for op, sig in batch]
        if self.pg:
            self.db.copy_rows("changes", CHANGE_COLUMNS, changes)
        else:
            self.db.executemany(_INSERT_CHANGE, changes)
        fast: dict[str, list[tuple]] = {}
        slow: dict[tuple[str, str], None] = {}
        for op, _ in batch:
            key = (op["table"], op["record"])
            if op["action"] == "insert" and seen[key] == 1 and key not in touched:
                fast.setdefault(op["table"], []).append(
                    row_converter(op["table"], self.pg)(op["_after"])
                )
            else:
                slow[key] = None
        for table, rows in fast.items():
            self._insert_rows(table, rows)
        deleted = []
        for table, record in slow:
            state = self._materialise(table, record)
            if state is None:
                deleted.append((table, record))
            elif state:
                fast.setdefault(table, []).append(state)
        self.orphans.after_batch(fast, deleted)
        self.report.applied += len(batch)

    def _already_logged(self, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which of these (table, record) keys the store already holds ops for: one indexed
        lookup per chunk of keys of one table, never a scan of `changes`."""
        by_table: dict[str, list[str]] = {}
        for table, record in keys:
            by_table.setdefault(table, []).append(record)
        found: set[tuple[str, str]] = set()
        for table, records in by_table.items():
            for start in range(0, len(records), 900):
                part = records[start : start + 900]
                marks = ",".join("?" * len(part))
                found.update(
                    self.db.execute(
                        "SELECT table_name, record_id FROM changes"
                        f" WHERE table_name = ? AND record_id IN ({marks})",
                        [table, *part],
                    ).fetchall()
                )
        return found

    def _insert_rows(self, table: str, rows: list[tuple]) -> None:
        """New rows of one table. A table with triggers (comments feed their search index)
        takes multi-row statements: the index then updates once per statement, not per row.
        A plain INSERT, not the upsert: with foreign keys on, SQLite's upsert costs about
        60% more per row. Any row already there (a record this store got before it kept a
        log) or a natural-key clash raises, and the rows then go row by row through the
        upsert and sync.clashes, which gives what the upsert would have given. PostgreSQL
        takes the rows by COPY, under a savepoint so that a refusal undoes only the COPY."""
        if self.pg:
            try:
                with savepoint(self.db):
                    self.db.copy_rows(table, table_info(table).columns, rows)
            except self.db.IntegrityError:
                for row in rows:
                    self._write(table, row)
            return
        try:
            if table not in TRIGGERED_TABLES:
                self.db.executemany(self._upsert(table, insert_only=True), rows)
                return
            width = len(rows[0])
            step = max(1, MAX_VARIABLES // width)
            for start in range(0, len(rows), step):
                part = rows[start : start + step]
                self.db.execute(
                    self._upsert(table, len(part), insert_only=True),
                    [value for row in part for value in row],
                )
        except integrity_error(self.db):  # there already, or a natural-key clash: row by row
            for row in rows:
                self._write(table, row)

    def _write(self, table: str, row: tuple) -> tuple | None:
        """Upsert one row, resolving a natural-key clash; None if the row was taken out."""
        return self.clashes.write(table, row, lambda values: self._upsert_one(table, values))

    def _upsert_one(self, table: str, values: tuple) -> None:
        if self.pg:  # a refused statement must not abort the import's transaction
            with savepoint(self.db):
                self.db.execute(self._upsert(table), values)
        else:
            self.db.execute(self._upsert(table), values)

    def _upsert(self, table: str, rows: int = 1, insert_only: bool = False) -> str:
        """The statement writing `rows` rows of `table`; `insert_only`: a plain INSERT."""
        if (table, rows, insert_only) not in self._upserts:
            info = table_info(table)
            columns = ", ".join(f'"{c}"' for c in info.columns)
            marks = ", ".join([f"({', '.join('?' * len(info.columns))})"] * rows)
            keys = ", ".join(f'"{c}"' for c in info.key)
            updates = ", ".join(
                f'"{c}" = excluded."{c}"' for c in info.columns if c not in info.key
            )
            conflict = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
            insert = f'INSERT INTO "{table}" ({columns}) VALUES {marks}'
            self._upserts[table, rows, insert_only] = (
                insert if insert_only else f"{insert} ON CONFLICT ({keys}) {conflict}"
            )
        return self._upserts[table, rows, insert_only]

    def _materialise(self, table: str, record: str) -> tuple | None:
        """Recompute one record from every op held for it, in clock order. Returns the row
        written (stored values in column order), None if the record is absent, () if only
        some of its columns are known here."""
        info = table_info(table)
        ops = self.db.execute(
            "SELECT id, node_id, hlc, action, before, after FROM changes"
            " WHERE table_name = ? AND record_id = ? ORDER BY hlc, node_id, seq",
            (table, record),
        ).fetchall()
        state: dict[str, Any] | None = None
        writer: dict[str, tuple[str, str]] = {}  # field -> (change id, node id)
        for change_id, node_id, _hlc, action, before_text, after_text in ops:
            if action == "insert":
                state = json.loads(after_text)
                writer = {column: (change_id, node_id) for column in state}
            elif action == "delete":
                state = None
            elif state is not None:
                before = json.loads(before_text) if before_text else {}
                for column, value in json.loads(after_text).items():
                    previous = writer.get(column)
                    if (
                        previous
                        and previous[1] != node_id
                        and before.get(column) != state.get(column)
                    ):
                        self._conflict(
                            table, record, column, (change_id, value), previous, state.get(column)
                        )
                    state[column] = value
                    writer[column] = (change_id, node_id)
        key_values = record.split("/")
        if state is None:
            where = " AND ".join(f'"{c}" = ?' for c in info.key)
            self.db.execute(f'DELETE FROM "{table}" WHERE {where}', key_values)
            return None
        if set(state) != set(info.columns):
            # A record this store got before it kept a log (demo data): change what is known.
            sets = ", ".join(f'"{c}" = ?' for c in state if c not in info.key)
            where = " AND ".join(f'"{c}" = ?' for c in info.key)
            values = [
                stored_value(info.kinds[c], v, self.pg)
                for c, v in state.items()
                if c not in info.key
            ]
            if sets:
                self.db.execute(
                    f'UPDATE "{table}" SET {sets} WHERE {where}', [*values, *key_values]
                )
            return ()
        return self._write(
            table, tuple(stored_value(info.kinds[c], state[c], self.pg) for c in info.columns)
        )

    def _conflict(
        self,
        table: str,
        record: str,
        column: str,
        winner: tuple[str, Any],
        loser: tuple[str, str],
        loser_value: Any,
    ) -> None:
        self._record_conflict(table, record, column, winner[0], loser[0], winner[1], loser_value)

    def _record_conflict(
        self,
        table: str,
        record: str,
        column: str,
        winner_id: str,
        loser_id: str,
        winner_value: Any,
        loser_value: Any,
    ) -> None:
        if self.pg:  # values as SQLite gives them, so the list reads the same on both
            winner_value, loser_value = _canonical(winner_value), _canonical(loser_value)
        cursor = self.db.execute(
            "INSERT INTO sync_conflicts (id, table_name, record_id, field,"
            " winner_change_id, loser_change_id, winner_value, loser_value, detected_at, reviewed)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                uuid7_hex(self.now_ms, secrets.randbits(74)),
                table,
                record,
                column,
                winner_id,
                loser_id,
                json.dumps(winner_value, ensure_ascii=False),
                json.dumps(loser_value, ensure_ascii=False),
                self.now,
                False,
            ),
        )
        self.report.conflicts += cursor.rowcount

    # --- after the stream ----------------------------------------------------------------

    def release_pending(self) -> None:
        """Apply held-back ops whose gap is now filled, origin by origin, in sequence."""
        self.flush()
        origins = [
            row[0] for row in self.db.execute("SELECT DISTINCT node_id FROM sync_pending_ops")
        ]
        for origin in origins:
            seq, last_hash = head(self.db, origin)
            self.heads[origin] = (seq, last_hash)
            while True:
                row = self.db.execute(
                    "SELECT op FROM sync_pending_ops WHERE node_id = ? AND seq = ?",
                    (origin, seq + 1),
                ).fetchone()
                if row is None:
                    break
                op = json.loads(row[0])
                if op["prev"] != (last_hash or GENESIS_HASH):
                    self.report.forks.append(
                        f"node {self._label(origin)}: held-back op {seq + 1} does not follow op "
                        f"{seq}; it was not applied"
                    )
                    break
                certificate = self.certificates.get(origin) or self._stored_certificate(origin)
                if certificate is None:
                    break
                self.certificates[origin] = certificate
                self._accept(op, op.pop("sig", None))
                self.db.execute(
                    "DELETE FROM sync_pending_ops WHERE node_id = ? AND seq = ?", (origin, seq + 1)
                )
                self.report.released += 1
                seq, last_hash = op["seq"], op["hash"]
            self.flush()
            self.db.execute(
                "DELETE FROM sync_pending_ops WHERE node_id = ? AND seq <= ?", (origin, seq)
            )

    def _stored_certificate(self, origin: str) -> Certificate | None:
        rows = self.db.execute(
            "SELECT body, signature FROM node_certificates WHERE node_id = ?"
            " ORDER BY not_after DESC",
            (origin,),
        ).fetchall()
        for body, signature in rows:
            return read_certificate(Signed(json.loads(body), signature), self.root_key)
        return None

    def finish(self) -> ApplyReport:
        self.flush()
        if self.newest is not None:
            row = self.db.execute(
                "SELECT value FROM settings WHERE key = ?", (LAST_SEEN_HLC_KEY,)
            ).fetchone()
            newest = Hlc.decode(self.newest)
            if row is None or Hlc.decode(row[0]) < newest:
                self.db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE"
                    " SET value = excluded.value",
                    (LAST_SEEN_HLC_KEY, newest.encode()),
                )
        return self.report


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: canonical(item) for key, item in value.items()}
    return canonical(value)


def apply_ops(
    applier: Applier, ops: Iterable[dict[str, Any]], progress: Callable[[int], None] | None
) -> None:
    for number, op in enumerate(ops, start=1):
        applier.take(op)
        if progress and number % 5000 == 0:
            progress(number)
    applier.release_pending()
