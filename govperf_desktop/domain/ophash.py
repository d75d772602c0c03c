"""The hash chain of the op log: each installation's changes link to the one before.

An op's hash is SHA-256 over a canonical JSON array of every field that defines it plus the
previous op's hash, so changing, dropping or reordering any op of a node breaks every later
hash. The origin signs the hash of the last op of each run it ships (`sync.oplog`), which
therefore vouches for the whole run. The encoding is fixed by `OP_HASH_VERSION`; an auditor
can recompute it from a bundle's payload (docs/bundle-format.md).
"""

from __future__ import annotations

import hashlib
import json

OP_HASH_VERSION = "govperf-op/1"
GENESIS_HASH = "0" * 64


def op_hash(
    *,
    change_id: str,
    node_id: str,
    seq: int,
    hlc: str,
    actor_id: str | None,
    table_name: str,
    record_id: str,
    action: str,
    before: str | None,
    after: str | None,
    recorded_at: str,
    prev_hash: str,
) -> str:
    """The SHA-256 (hex) of one op; `recorded_at` as 'YYYY-MM-DD HH:MM:SS.ffffff'."""
    fields = [
        OP_HASH_VERSION,
        change_id,
        node_id,
        seq,
        hlc,
        actor_id,
        table_name,
        record_id,
        action,
        before,
        after,
        recorded_at,
        prev_hash,
    ]
    text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def run_message(op_hash_hex: str) -> bytes:
    """The bytes an origin signs to vouch for its ops up to and including this one."""
    return f"govperf-op-run/1:{op_hash_hex}".encode("ascii")
