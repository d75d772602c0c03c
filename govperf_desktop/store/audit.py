"""The audit log's hash chain: append a row, verify the whole chain.

Each row's `hash` is sha256 over its predecessor's hash and the canonical JSON of its own
content (seq, time, event, account, person, detail), so a row edited, inserted or removed from
outside the program (the sqlite3 shell) no longer matches and `verify_chain` names it. The
first row chains to GENESIS. The log is local to an installation: never captured or synced.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from govperf_desktop.store.models import AuditEntry

GENESIS = "0" * 64
BATCH = 5000


def canonical_detail(detail: dict[str, Any] | None) -> str:
    return json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(
    prev_hash: str,
    *,
    seq: int,
    at: datetime,
    event: str,
    account: str | None,
    person_id: str | None,
    detail: str,
) -> str:
    """The chain hash of one row: sha256(prev_hash + canonical JSON of its content)."""
    content = json.dumps(
        {
            "seq": seq,
            "at": at.isoformat(sep=" ", timespec="microseconds"),
            "event": event,
            "account": account,
            "person_id": person_id,
            "detail": detail,
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


def append(
    session: Session,
    *,
    at: datetime,
    event: str,
    account: str | None = None,
    person_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add the next row of the chain to `session` (the caller's transaction commits it)."""
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    text = canonical_detail(detail)
    entry = AuditEntry(
        seq=seq,
        at=at,
        event=event,
        account=account,
        person_id=person_id,
        detail=text,
        prev_hash=prev,
        hash=entry_hash(
            prev,
            seq=seq,
            at=at,
            event=event,
            account=account,
            person_id=person_id,
            detail=text,
        ),
    )
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainReport:
    rows: int
    problems: list[str]


def verify_chain(session: Session, limit: int = 20) -> ChainReport:
    """Walk the chain in order; return the rows that do not match (at most `limit`)."""
    problems: list[str] = []
    prev, expected_seq, rows = GENESIS, 1, 0
    query = select(
        AuditEntry.seq,
        AuditEntry.at,
        AuditEntry.event,
        AuditEntry.account,
        AuditEntry.person_id,
        AuditEntry.detail,
        AuditEntry.prev_hash,
        AuditEntry.hash,
    ).order_by(AuditEntry.seq)
    for seq, at, event, account, person_id, detail, prev_hash, digest in session.execute(
        query.execution_options(yield_per=BATCH)
    ):
        rows += 1
        if seq != expected_seq:
            problems.append(f"audit log rows {expected_seq}..{seq - 1} were removed")
        elif prev_hash != prev:
            problems.append(f"audit log row {seq} does not follow row {seq - 1}")
        else:
            computed = entry_hash(
                prev,
                seq=seq,
                at=at,
                event=event,
                account=account,
                person_id=person_id,
                detail=detail,
            )
            if computed != digest:
                problems.append(f"audit log row {seq} ({event}) was changed outside the program")
        prev, expected_seq = digest, seq + 1
        if len(problems) >= limit:
            break
    return ChainReport(rows, problems)
