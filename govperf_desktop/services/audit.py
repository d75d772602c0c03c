"""The security audit log: record events, list them (auditors only), verify the chain.

Events: login, login_failed, login_locked, login_disabled, login_refused (separation of
duties), lockout, account_created, account_linked, password_changed, password_reset,
account_disabled, account_enabled, installation_created, key_used, export, import,
bundle_rejected, restore (history), backup, backup_restored, idle_lock. Each is appended in
the caller's transaction (`record`) or in its own
(`record_event`), hash-chained by `store.audit`. The log is local: never captured or synced.

Who acts: `record` takes the account explicitly; when it is not given, the account logged in
to this process (`set_current_account`, set by the CLI after `--user` and by the GUI after
login) is used, so services that know no account (sync) still attribute their events.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.store import audit as chain
from govperf_desktop.store.models import AuditEntry
from govperf_desktop.store.store import Store

_current_account: str | None = None


def set_current_account(name: str | None) -> None:
    """The account logged in to this process (one user per process: CLI run or GUI)."""
    global _current_account
    _current_account = name


def current_account() -> str | None:
    return _current_account


@dataclass(frozen=True)
class AuditEventView:
    seq: int
    at: datetime
    event: str
    account: str | None
    person_id: str | None
    detail: dict[str, Any]


def record(
    session: Session,
    event: str,
    *,
    now: datetime,
    account: str | None = None,
    person_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append `event` to the audit log inside the caller's transaction."""
    chain.append(
        session,
        at=to_utc_naive(now),
        event=event,
        account=account if account is not None else _current_account,
        person_id=person_id,
        detail=detail,
    )


def record_event(
    store: Store,
    event: str,
    *,
    now: datetime,
    account: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append `event` in a transaction of its own (for events outside any other write)."""
    with store.write() as session:
        record(session, event, now=now, account=account, detail=detail)


def list_events(
    store: Store,
    *,
    by: Any,
    event: str | None = None,
    account: str | None = None,
    limit: int = 200,
) -> list[AuditEventView]:
    """The newest events first (the audit administrator's view: role 'auditor' only)."""
    from govperf_desktop.services.accounts import require_role

    require_role(store, by, "auditor")
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(max(1, min(limit, 10_000)))
    if event:
        query = query.where(AuditEntry.event == event)
    if account:
        query = query.where(AuditEntry.account == account)
    with store.read() as session:
        return [
            AuditEventView(
                row.seq, row.at, row.event, row.account, row.person_id, json.loads(row.detail)
            )
            for row in session.scalars(query)
        ]


def verify(store: Store) -> chain.ChainReport:
    """The rows of the audit log that were changed, inserted or removed from outside."""
    with store.read() as session:
        return chain.verify_chain(session)
