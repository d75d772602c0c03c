"""The op log as sync sees it: version vectors, signed runs, streaming ops out of `changes`.

An op travels as a JSON object with short keys (`OP_KEYS`); `before`/`after` stay the exact
JSON text the origin captured, so every replica recomputes the same hash (domain.ophash).
The origin signs the hash of the last op of each run it exports (`seal_local_head`); since
each hash covers the previous one, that signature vouches for the whole run, and relayed runs
keep it, so data relayed by the central office still proves which installation wrote it.
"""

from __future__ import annotations

import hashlib
import heapq
import json
from collections.abc import Iterator
from dataclasses import dataclass
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from operator import itemgetter
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from govperf_desktop.domain.ophash import GENESIS_HASH, OP_HASH_VERSION, op_hash, run_message
from govperf_desktop.sync.db import is_postgresql
from govperf_desktop.sync.keys import sign

# Column order of `changes` as read by the sync code.
CHANGE_COLUMNS = (
    "id",
    "node_id",
    "seq",
    "hlc",
    "actor_id",
    "table_name",
    "record_id",
    "action",
    "before",
    "after",
    "recorded_at",
    "prev_hash",
    "hash",
    "signature",
)
# The same fields as they travel in a bundle's payload.
OP_KEYS = (
    "id",
    "node",
    "seq",
    "hlc",
    "actor",
    "table",
    "record",
    "action",
    "before",
    "after",
    "at",
    "prev",
    "hash",
)
_SELECT = f"SELECT {', '.join(CHANGE_COLUMNS)} FROM changes"


@dataclass(frozen=True)
class Run:
    """Ops `first`..`last` of one origin; `signature` is the origin's over `last_hash`."""

    origin: str
    first: int
    last: int
    prev_hash: str
    last_hash: str
    signature: str

    def as_json(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "first": self.first,
            "last": self.last,
            "prev_hash": self.prev_hash,
            "last_hash": self.last_hash,
            "signature": self.signature,
        }


def op_from_row(row: tuple) -> dict[str, Any]:
    return dict(zip(OP_KEYS, row[:13], strict=True))


# domain.ophash's encoding (compact, non-ASCII as is), built once: the op hash is computed
# for every op of every bundle, and json.dumps with options builds an encoder per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


# The fields an op's hash covers, in order (all of OP_KEYS but the hash itself).
_HASHED = itemgetter(*OP_KEYS[:-1])
# The same encoding through the C encoder made once: JSONEncoder.encode builds a new one on
# every call (and its circular-reference check is moot for an op's text, numbers and None).
_C_ENCODE = (
    c_make_encoder(None, None, encode_basestring, None, ":", ",", False, False, True)
    if c_make_encoder is not None
    else None
)


def hash_of(op: dict[str, Any]) -> str:
    """`domain.ophash.op_hash` of a payload op (the same bytes, computed faster)."""
    fields = [OP_HASH_VERSION, *_HASHED(op)]
    text = "".join(_C_ENCODE(fields, 0)) if _C_ENCODE is not None else _ENCODE(fields)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def reference_hash_of(op: dict[str, Any]) -> str:
    """The same through `domain.ophash.op_hash` (the definition; tests compare the two)."""
    return op_hash(
        change_id=op["id"],
        node_id=op["node"],
        seq=op["seq"],
        hlc=op["hlc"],
        actor_id=op["actor"],
        table_name=op["table"],
        record_id=op["record"],
        action=op["action"],
        before=op["before"],
        after=op["after"],
        recorded_at=op["at"],
        prev_hash=op["prev"],
    )


def version_vector(db: Any) -> dict[str, int]:
    """The newest sequence number held of every origin (applied ops are contiguous)."""
    return dict(db.execute("SELECT node_id, max(seq) FROM changes GROUP BY node_id").fetchall())


def head(db: Any, origin: str) -> tuple[int, str]:
    row = db.execute(
        "SELECT seq, hash FROM changes WHERE node_id = ? ORDER BY seq DESC LIMIT 1", (origin,)
    ).fetchone()
    return (row[0], row[1] or GENESIS_HASH) if row else (0, GENESIS_HASH)


def hash_at(db: Any, origin: str, seq: int) -> str | None:
    if seq == 0:
        return GENESIS_HASH
    row = db.execute(
        "SELECT hash FROM changes WHERE node_id = ? AND seq = ?", (origin, seq)
    ).fetchone()
    return row[0] if row else None


def seal_local_head(db: Any, node_id: str, key: Ed25519PrivateKey) -> None:
    """Sign this installation's newest op, if not yet signed (local bookkeeping)."""
    row = db.execute(
        "SELECT seq, hash, signature FROM changes WHERE node_id = ? ORDER BY seq DESC LIMIT 1",
        (node_id,),
    ).fetchone()
    if row and row[2] is None and row[1]:
        db.execute(
            "UPDATE changes SET signature = ? WHERE node_id = ? AND seq = ?",
            (sign(key, run_message(row[1])), node_id, row[0]),
        )


def plan_runs(db: Any, since: dict[str, int], holding: dict[str, int]) -> list[Run]:
    """The runs a peer that acknowledged `since` lacks, each ending at a signed op."""
    runs = []
    for origin, newest in sorted(holding.items()):
        first = int(since.get(origin, 0)) + 1
        if newest < first:
            continue
        end = db.execute(
            "SELECT seq, hash, signature FROM changes WHERE node_id = ? AND seq <= ? AND seq >= ?"
            " AND signature IS NOT NULL ORDER BY seq DESC LIMIT 1",
            (origin, newest, first),
        ).fetchone()
        if end is None:
            continue
        prev = hash_at(db, origin, first - 1)
        if prev is None:
            continue  # the peer claims more than we hold: nothing to add
        runs.append(Run(origin, first, end[0], prev, end[1], end[2]))
    return runs


def _origin_ops(db: Any, run: Run) -> Iterator[tuple]:
    query = f"{_SELECT} WHERE node_id = ? AND seq BETWEEN ? AND ? ORDER BY seq"
    parameters = (run.origin, run.first, run.last)
    if is_postgresql(db):  # a server-side cursor; the stamp read back as the text it was
        with db.stream(query, parameters) as cursor:
            while rows := cursor.fetchmany(2000):
                for row in rows:
                    row = (*row[:10], _stamp(row[10]), *row[11:])
                    yield (row[3], row[1], row[2]), row
        return
    cursor = db.execute(query, parameters)
    while rows := cursor.fetchmany(2000):
        for row in rows:
            yield (row[3], row[1], row[2]), row


def _stamp(value: Any) -> Any:
    """`recorded_at` as the capture hashed it (store.capture: microseconds, a space)."""
    return value.isoformat(sep=" ", timespec="microseconds") if value is not None else None


def merged_ops(db: Any, runs: list[Run]) -> Iterator[dict[str, Any]]:
    """Every op of `runs`, streamed in clock order (hlc, then node id) across origins, so a
    replica applying them in file order sees causes before effects."""
    streams = [_origin_ops(db, run) for run in runs]
    merged = streams[0] if len(streams) == 1 else heapq.merge(*streams, key=itemgetter(0))
    for _key, row in merged:
        yield dict(zip(OP_KEYS, row[:13], strict=True))
