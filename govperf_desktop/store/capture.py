"""Change capture: the one path by which writes to shared data are recorded.

Every unit of work (`Store.write`) is a session whose flushes are watched: each insert, update
and delete of a row of a shared table (`models.CAPTURED_TABLES`) adds a row to `changes` in
the same transaction, stamped with this installation's node id, its next sequence number, a
hybrid logical clock, the acting person and the old and new values. History and restore
(版本回溯) read it; the sync bundles ship it. Services therefore write shared data with ORM
objects inside `Store.write()`; Core DML on shared tables would bypass the capture and is not
used outside the synthetic demo generator (documented there).

The log is also the sync op log: each change carries the hash of the previous change of the
same node and its own hash (`domain.ophash`), so a node's ops form a hash chain. Ops received
from other installations are written by `sync.apply` over a plain connection, never through
this capture, so applying a remote op creates no local one; the clock of the next local op is
after every op seen (`LAST_SEEN_HLC_KEY`, kept by the applier), so causality orders clocks.
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import StoreError
from govperf_desktop.domain.hlc import Hlc, tick
from govperf_desktop.domain.ids import uuid7_hex
from govperf_desktop.domain.ophash import GENESIS_HASH, op_hash
from govperf_desktop.store.export_mark import sent_beyond
from govperf_desktop.store.models import CAPTURED_TABLES, Change, Setting

LOCAL_NODE_KEY = "local_node_id"
ACTOR_KEY = "actor_id"
CLOCK_KEY = "clock"
CAPTURE_KEY = "capture"
MARK_DIR_KEY = "export_mark_dir"
# Settings key: the newest hybrid logical clock seen on an imported op (sync.apply).
LAST_SEEN_HLC_KEY = "last_seen_hlc"


def encode_value(value: Any) -> Any:
    """A column value as JSON: dates and datetimes as ISO text, the rest as is."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def record_key(obj: Any) -> str:
    """The record id of a row: its primary key, parts joined by '/' for composite keys."""
    identity = inspect(obj).identity or tuple(
        getattr(obj, column.key) for column in inspect(type(obj)).primary_key
    )
    return "/".join(str(part) for part in identity)


def _row(obj: Any) -> dict[str, Any]:
    mapper = inspect(type(obj))
    return {attr.key: encode_value(getattr(obj, attr.key)) for attr in mapper.column_attrs}


def _changed(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        before[attr.key] = encode_value(old)
        after[attr.key] = encode_value(new)
    return before, after


def _local_node(session: Session) -> str:
    node_id = session.info.get(LOCAL_NODE_KEY)
    if node_id is None:
        node_id = session.scalar(select(Setting.value).where(Setting.key == LOCAL_NODE_KEY))
        if node_id is None:
            raise StoreError(
                "This store has no installation identity yet; run 'govperf init' first."
            )
        session.info[LOCAL_NODE_KEY] = node_id
    return node_id


def _after_flush(session: Session, _context: Any) -> None:
    if not session.info.get(CAPTURE_KEY, False):
        return
    pending: list[tuple[str, Any, dict | None, dict | None]] = []
    for obj in session.new:
        if obj.__tablename__ in CAPTURED_TABLES:
            pending.append(("insert", obj, None, _row(obj)))
    for obj in session.dirty:
        if obj.__tablename__ in CAPTURED_TABLES and session.is_modified(obj):
            before, after = _changed(obj)
            if after:
                pending.append(("update", obj, before, after))
    for obj in session.deleted:
        if obj.__tablename__ in CAPTURED_TABLES:
            pending.append(("delete", obj, _row(obj), None))
    if not pending:
        return
    node_id = _local_node(session)
    connection = session.connection()
    last = connection.execute(
        select(Change.seq, Change.hlc, Change.hash)
        .where(Change.node_id == node_id)
        .order_by(Change.seq.desc())
        .limit(1)
    ).first()
    seq, clock, prev_hash = (
        (last[0], Hlc.decode(last[1]), last[2] or GENESIS_HASH) if last else (0, None, GENESIS_HASH)
    )
    sent = sent_beyond(session.info.get(MARK_DIR_KEY), node_id, seq)
    if sent is not None:
        raise StoreError(
            f"This installation already sent its op {sent} in a bundle, but its store ends at "
            f"op {seq} (restored from a backup?); changes are refused until reconciled: at the "
            f"central office run 'govperf resend-own-ops --for {node_id}', then import that "
            "bundle here."
        )
    seen = connection.execute(select(Setting.value).where(Setting.key == LAST_SEEN_HLC_KEY)).first()
    if seen is not None:
        clock = max(filter(None, (clock, Hlc.decode(seen[0]))))
    now = to_utc_naive(session.info[CLOCK_KEY]())
    stamp = now.isoformat(sep=" ", timespec="microseconds")
    wall_ms = int(now.replace(tzinfo=UTC).timestamp() * 1000)
    actor_id = session.info.get(ACTOR_KEY)
    rows = []
    for action, obj, before, after in pending:
        seq += 1
        clock = tick(clock, wall_ms)
        row = {
            "id": uuid7_hex(wall_ms, secrets.randbits(74)),
            "node_id": node_id,
            "seq": seq,
            "hlc": clock.encode(),
            "actor_id": actor_id,
            "table_name": obj.__tablename__,
            "record_id": record_key(obj),
            "action": action,
            "before": None if before is None else _json(before),
            "after": None if after is None else _json(after),
            "recorded_at": now,
            "prev_hash": prev_hash,
        }
        prev_hash = row["hash"] = op_hash(
            change_id=row["id"],
            node_id=node_id,
            seq=seq,
            hlc=row["hlc"],
            actor_id=actor_id,
            table_name=row["table_name"],
            record_id=row["record_id"],
            action=action,
            before=row["before"],
            after=row["after"],
            recorded_at=stamp,
            prev_hash=prev_hash,
        )
        rows.append(row)
    connection.execute(insert(Change), rows)


def _json(values: dict[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class CapturingSession(Session):
    """The session of a unit of work that writes: its flushes are captured."""

    def __init__(
        self,
        *args: Any,
        clock: Any,
        actor_id: str | None = None,
        mark_dir: Any = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.info[CAPTURE_KEY] = True
        self.info[CLOCK_KEY] = clock
        self.info[ACTOR_KEY] = actor_id
        self.info[MARK_DIR_KEY] = mark_dir  # where the export mark lives (store.export_mark)


event.listen(CapturingSession, "after_flush", _after_flush)
