"""Read-only views of the sync state for the desktop: peers with their gaps, the last sync,
what waits (quarantined bundles, held-back ops), and a passphrase check before a sync.

    sync_overview     enrolled?, last import/export, quarantined count, gaps (for the dashboard)
    peer_statuses     every peer: acknowledged, not yet acknowledged, gaps in its ops
    gaps              ops held back because earlier ones from their origin are missing
    check_passphrase  refuse a wrong key passphrase before any bundle is touched
    scan_folder       how many bundles in a folder wait for this installation (for watching)
    peers             every other enrolled installation and how far behind it is
    conflicts         concurrent edits that last-writer-wins resolved, for review
    quarantined       the bundles refused here, with their reasons
    content_hash      one digest of every shared row (equal replicas, equal hashes)

Everything is aggregated in SQL (GROUP BY over the op log and the held-back ops).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.services.sync import DEFAULT_LIMITS, sqlite_driver, store_folder
from govperf_desktop.store.models import Change, Node, Peer, PendingOp, SyncConflict, SyncLogEntry
from govperf_desktop.store.store import Store
from govperf_desktop.sync import keys as keyring
from govperf_desktop.sync.bundle import BundleError, open_bundle
from govperf_desktop.sync.oplog import version_vector
from govperf_desktop.sync.transport import QUARANTINE_FOLDER, bundle_files
from govperf_desktop.sync.trust import LOCAL_NODE_KEY, load_trust, setting


@dataclass(frozen=True)
class GapView:
    """Ops of `node_name` numbered first_missing..last_missing have not arrived; the
    `held_back` later ops wait for them."""

    node_id: str
    node_name: str
    first_missing: int
    last_missing: int
    held_back: int


@dataclass(frozen=True)
class PeerStatus:
    node_id: str
    name: str
    role: str
    department: str | None
    acknowledged_ops: int  # ops the peer said it holds
    behind: int  # ops held here that the peer has not acknowledged yet
    last_import_at: datetime | None  # aware UTC
    last_export_at: datetime | None  # aware UTC
    revoked: bool
    gaps: tuple[GapView, ...]  # ops missing here from this peer


@dataclass(frozen=True)
class SyncOverview:
    enrolled: bool
    local_node_id: str | None
    last_import_at: datetime | None  # aware UTC
    last_export_at: datetime | None  # aware UTC
    quarantined: int
    gaps: tuple[GapView, ...]
    peers_behind: int  # peers that have not acknowledged everything held here


def _aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=UTC)


def gaps(store: Store) -> list[GapView]:
    """For each origin with held-back ops: the missing range and how many ops wait."""
    with store.read() as session:
        held = session.execute(
            select(PendingOp.node_id, func.min(PendingOp.seq), func.count())
            .group_by(PendingOp.node_id)
            .order_by(PendingOp.node_id)
        ).all()
        if not held:
            return []
        origins = [node_id for node_id, _, _ in held]
        heads = dict(
            session.execute(
                select(Change.node_id, func.max(Change.seq))
                .where(Change.node_id.in_(origins))
                .group_by(Change.node_id)
            ).all()
        )
        names = dict(session.execute(select(Node.id, Node.name).where(Node.id.in_(origins))).all())
    return [
        GapView(
            node_id,
            names.get(node_id, node_id),
            (heads.get(node_id) or 0) + 1,
            first_held - 1,
            count,
        )
        for node_id, first_held, count in held
    ]


def _last(session, direction: str) -> datetime | None:  # type: ignore[no-untyped-def]
    return _aware(
        session.scalar(select(func.max(SyncLogEntry.at)).where(SyncLogEntry.direction == direction))
    )


def sync_overview(store: Store) -> SyncOverview:
    """The last sync and what is waiting, for the dashboard and the sync page's summary."""
    with store.read() as session:
        try:
            trust = load_trust(session)
        except ValidationError:  # no installation identity: nothing can be synced yet
            trust = None
        last_import = _last(session, "import")
        last_export = _last(session, "export")
    enrolled = trust is not None and trust.root_key is not None and trust.own is not None
    return SyncOverview(
        enrolled=enrolled,
        local_node_id=trust.local_node_id if trust else None,
        last_import_at=last_import,
        last_export_at=last_export,
        quarantined=len(quarantined(store)),
        gaps=tuple(gaps(store)),
        peers_behind=sum(1 for peer in peers(store) if peer.behind) if enrolled else 0,
    )


def _status(peer: PeerView, missing: dict[str, list[GapView]]) -> PeerStatus:
    return PeerStatus(
        node_id=peer.node_id,
        name=peer.name,
        role=peer.role,
        department=peer.department,
        acknowledged_ops=peer.acknowledged_ops,
        behind=peer.behind,
        last_import_at=_aware(peer.last_import_at),
        last_export_at=_aware(peer.last_export_at),
        revoked=peer.revoked,
        gaps=tuple(missing.get(peer.node_id, ())),
    )


def peer_statuses(store: Store) -> list[PeerStatus]:
    """Every other enrolled installation with what it acknowledged and what is missing from
    it here (empty before this installation is enrolled)."""
    if not sync_enrolled(store):
        return []
    missing: dict[str, list[GapView]] = {}
    for gap in gaps(store):
        missing.setdefault(gap.node_id, []).append(gap)
    return [_status(peer, missing) for peer in peers(store)]


def sync_enrolled(store: Store) -> bool:
    """Whether this installation holds its certificate (and can therefore sync)."""
    with store.read() as session:
        try:
            trust = load_trust(session)
        except ValidationError:
            return False
    return trust.root_key is not None and trust.own is not None


def check_passphrase(store: Store, passphrase: str) -> None:
    """Raise ValidationError when `passphrase` does not open this installation's keys."""
    if store.path is None:
        raise ValidationError("This store has no folder, so it has no keys to sync with.")
    keyring.load_node_keys(Path(store.path).parent, passphrase)


@dataclass(frozen=True)
class FolderScan:
    folder: str
    for_here: int  # bundles addressed to this installation and not imported yet
    for_others: int  # bundles addressed to other installations


def scan_folder(store: Store, folder: Path) -> FolderScan:
    """How many bundles in `folder` wait for this installation (what a sync would import).

    Reads only each bundle's header line. An unreadable bundle counts as waiting: a sync
    moves it to the quarantine with its reason."""
    if not folder.is_dir():
        raise ValidationError(f"The sync folder {folder} does not exist or is not reachable.")
    with store.read() as session:
        local = setting(session, LOCAL_NODE_KEY)
        headers: list[tuple[str | None, str | None]] = []
        for path in bundle_files([folder]):
            try:
                header = open_bundle(path, DEFAULT_LIMITS).header
            except BundleError:
                headers.append((local, None))
                continue
            headers.append((header.get("recipient"), str(header.get("bundle_id"))))
        ids = [bundle_id for recipient, bundle_id in headers if recipient == local and bundle_id]
        imported = set(
            session.scalars(
                select(SyncLogEntry.bundle_id).where(
                    SyncLogEntry.direction == "import", SyncLogEntry.bundle_id.in_(ids)
                )
            )
        )
    for_here = sum(
        1 for recipient, bundle_id in headers if recipient == local and bundle_id not in imported
    )
    return FolderScan(str(folder), for_here, sum(1 for r, _ in headers if r != local))


@dataclass(frozen=True)
class PeerView:
    node_id: str
    name: str
    role: str
    department: str | None
    acknowledged_ops: int
    behind: int  # ops this installation holds that the peer has not acknowledged
    last_import_at: datetime | None
    last_export_at: datetime | None
    revoked: bool


@dataclass(frozen=True)
class ConflictView:
    table: str
    record_id: str
    field: str
    winner_value: object
    loser_value: object
    winner_change_id: str
    loser_change_id: str
    detected_at: datetime


def peers(store: Store) -> list[PeerView]:
    """Every other enrolled installation: what it has acknowledged and how far behind it is."""
    from govperf_desktop.store.models import Department, NodeCertificate

    with store.engine.connect() as connection:
        holding = version_vector(sqlite_driver(connection))
    with store.read() as session:
        trust = load_trust(session)
        enrolled = set(session.scalars(select(NodeCertificate.node_id)))
        known = {peer.node_id: peer for peer in session.scalars(select(Peer))}
        rows = session.execute(
            select(Node.id, Node.name, Node.role, Department.name)
            .outerjoin(Department, Department.id == Node.department_id)
            .where(Node.id.in_(enrolled | set(known)))
            .order_by(Node.name)
        ).all()
    views = []
    for node_id, name, role, department in rows:
        if node_id == trust.local_node_id:
            continue
        peer = known.get(node_id)
        acknowledged = json.loads(peer.acknowledged) if peer else {}
        behind = sum(max(0, seq - acknowledged.get(origin, 0)) for origin, seq in holding.items())
        views.append(
            PeerView(
                node_id,
                name,
                role,
                department,
                sum(acknowledged.values()),
                behind,
                peer.last_import_at if peer else None,
                peer.last_export_at if peer else None,
                node_id in trust.revocations,
            )
        )
    return views


def conflicts(store: Store, *, include_reviewed: bool = False) -> list[ConflictView]:
    """Concurrent edits that last-writer-wins resolved, newest first, for review."""
    with store.read() as session:
        query = select(SyncConflict).order_by(SyncConflict.detected_at.desc()).limit(1000)
        if not include_reviewed:
            query = query.where(SyncConflict.reviewed.is_(False))
        return [
            ConflictView(
                row.table_name,
                row.record_id,
                row.field,
                json.loads(row.winner_value) if row.winner_value else None,
                json.loads(row.loser_value) if row.loser_value else None,
                row.winner_change_id,
                row.loser_change_id,
                row.detected_at,
            )
            for row in session.scalars(query)
        ]


@dataclass(frozen=True)
class QuarantinedView:
    path: str
    reason: str


def quarantined(store: Store) -> list[QuarantinedView]:
    """The bundles refused here, with the reason each was refused."""
    folder = store_folder(store) / QUARANTINE_FOLDER
    if not folder.is_dir():
        return []
    views = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".reason.txt"):
            continue
        reason_file = path.with_name(path.name + ".reason.txt")
        reason = reason_file.read_text("utf-8").strip() if reason_file.exists() else "(no reason)"
        views.append(QuarantinedView(str(path), reason))
    return views


def content_hash(store: Store) -> str:
    """SHA-256 over every shared table's rows in key order: replicas holding the same data
    have the same hash, whatever order their bundles came in, on SQLite or PostgreSQL (whose
    values are hashed as SQLite stores them, text keys in code-point order)."""
    import hashlib

    from sqlalchemy import String

    from govperf_desktop.store.models import CAPTURED_TABLES, Base
    from govperf_desktop.sync.db import canonical, is_postgresql
    from govperf_desktop.sync.schema import table_info

    digest = hashlib.sha256()
    with store.engine.connect() as connection:
        db = sqlite_driver(connection)
        postgresql = is_postgresql(db)
        for table in sorted(CAPTURED_TABLES):
            info = table_info(table)
            columns = ", ".join(f'"{c}"' for c in info.columns)
            text = {
                c.name for c in Base.metadata.tables[table].columns if isinstance(c.type, String)
            }
            order = ", ".join(
                f'"{c}" COLLATE "C"' if postgresql and c in text else f'"{c}"' for c in info.key
            )
            digest.update(f"\x1e{table}\x1f".encode())
            cursor = db.execute(f'SELECT {columns} FROM "{table}" ORDER BY {order}')
            while rows := cursor.fetchmany(5000):
                for row in rows:
                    if postgresql:
                        row = tuple(canonical(value) for value in row)
                    digest.update(repr(row).encode())
    return digest.hexdigest()
