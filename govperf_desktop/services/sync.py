"""Sync use cases: export bundles for peers, import (verify, then apply), sync a folder.

    export_bundles   what each recipient has not acknowledged, one signed file per recipient
    import_bundles   verify everything, then apply in one transaction; refused → quarantine
    verify_file      the checks of an import, without applying (for an auditor or a clerk)
    sync_folder      import what in a folder is addressed to this installation, then export
    (what the sync knows — peers, conflicts, quarantine — is read in services/sync_status.py)

Progress callbacks take (stage, count) so the UI can show a bar off its thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import (
    GovperfError,
    NotFoundError,
    StoreError,
    ValidationError,
)
from govperf_desktop.services import audit
from govperf_desktop.services.backup import guard_export
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import Node, Peer, SyncLogEntry
from govperf_desktop.store.store import Store
from govperf_desktop.sync import keys as keyring
from govperf_desktop.sync.apply import Applier, apply_ops
from govperf_desktop.sync.bundle import (
    BundleError,
    Limits,
    check_payload_hash,
    check_payload_stream,
    check_signature,
    open_bundle,
    write_bundle,
)
from govperf_desktop.sync.certificates import iso
from govperf_desktop.sync.db import defer_foreign_keys, lock_for_sync, sync_db
from govperf_desktop.sync.oplog import merged_ops, plan_runs, seal_local_head, version_vector
from govperf_desktop.sync.staging import Staging
from govperf_desktop.sync.transport import QUARANTINE_FOLDER, bundle_files, quarantine
from govperf_desktop.sync.trust import (
    Trust,
    load_trust,
    put_setting,
    setting,
    stored_certificates,
    stored_revocations,
)
from govperf_desktop.sync.verify import verify_bundle, verify_header, verify_payload

Progress = Callable[[str, int], None]
EXPORT_COUNTER_KEY = "sync_export_counter"
DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class ExportView:
    path: str
    bundle_id: str
    recipient: str
    recipient_name: str
    ops: int
    runs: int
    encrypted: bool


@dataclass(frozen=True)
class ImportView:
    path: str
    outcome: str  # "imported", "already imported", "rejected"
    bundle_id: str | None = None
    sender: str | None = None
    applied: int = 0
    duplicates: int = 0
    held_back: int = 0
    released: int = 0
    conflicts: int = 0
    gaps: tuple[str, ...] = ()
    forks: tuple[str, ...] = ()
    reason: str | None = None
    quarantined: str | None = None


UNKNOWN_FOLDER = (
    "This PostgreSQL store was opened without the installation's own folder (its keys and "
    "scratch files), so bundles cannot be exchanged through it; name the folder with --data-dir."
)


def store_folder(store: Store) -> Path:
    """The installation's own folder (keys, scratch files, quarantine): the SQLite file's
    folder, or for a server database the data folder it was opened with (`store.folder`)."""
    if store.path is not None:
        return store.path.parent
    if store.folder is None:
        raise StoreError(UNKNOWN_FOLDER)
    return Path(store.folder)


def sqlite_driver(connection):  # type: ignore[no-untyped-def]
    """The connection the op log speaks (sync.db): sqlite3's own, or a PostgreSQL adapter."""
    return sync_db(connection)


def _node_ids(session, trust: Trust, node: str | None) -> list[str]:  # type: ignore[no-untyped-def]
    if node:
        row = session.get(Node, node) or session.scalar(select(Node).where(Node.name == node))
        if row is None:
            raise NotFoundError(f"No installation named {node!r}; see 'govperf peers'.")
        if row.id == trust.local_node_id:
            raise ValidationError("An installation does not export bundles for itself.")
        return [row.id]
    assert trust.own is not None
    if trust.own.role != "central":
        assert trust.central is not None
        return [trust.central.node_id]
    from govperf_desktop.store.models import NodeCertificate

    enrolled = session.scalars(select(NodeCertificate.node_id).distinct()).all()
    return sorted(n for n in enrolled if n != trust.local_node_id and n not in trust.revocations)


def export_bundles(
    store: Store,
    folder: Path,
    *,
    passphrase: str,
    now: datetime,
    for_node: str | None = None,
    encrypt: bool = False,
    since: dict[str, int] | None = None,
    progress: Progress | None = None,
) -> list[ExportView]:
    """Write one bundle per recipient into `folder`: the ops it has not acknowledged (all, for
    a new one), then read each back and verify it. `since` overrides the acknowledgement."""
    node_keys = keyring.load_node_keys(store_folder(store), passphrase)
    moment = to_utc_naive(now)
    views = []
    with store.engine.begin() as connection:
        from sqlalchemy.orm import Session

        session = Session(bind=connection)
        trust = load_trust(session)
        trust.require()
        db = sync_db(connection)
        lock_for_sync(db)  # one sync at a time on a server database
        seal_local_head(db, trust.local_node_id, node_keys.signing)
        recipients = _node_ids(session, trust, for_node)
        holding = version_vector(db)
        guard_export(db, store_folder(store), trust.local_node_id)  # restored store? (H4)
        counter = int(setting(session, EXPORT_COUNTER_KEY) or 0)
        for recipient in recipients:
            peer = session.get(Peer, recipient)
            acknowledged = (
                since if since is not None else json.loads(peer.acknowledged) if peer else {}
            )
            runs = plan_runs(db, acknowledged, holding)
            origins = {run.origin for run in runs} | {trust.local_node_id, recipient}
            certificates = stored_certificates(session, origins)
            recipient_cert = next(
                (c for c in certificates if c.body.get("node_id") == recipient), None
            )
            if recipient_cert is None:
                raise ValidationError(
                    f"Installation {recipient} has no certificate here; enrol it first."
                )
            counter += 1
            bundle_id = new_id()
            header = {
                "bundle_id": bundle_id,
                "created_at": iso(moment),
                "sender": trust.local_node_id,
                # For auditors: the sender's Ed25519 key as base64 DER, the body of a PEM file.
                "sender_key_spki": keyring.spki_base64(node_keys.signing_public),
                "recipient": recipient,
                "acknowledged": holding,
                "runs": [run.as_json() for run in runs],
                "certificates": [c.as_json() for c in certificates],
                "revocations": [r.as_json() for r in stored_revocations(session)],
            }
            name = f"{trust.local_node_id}-{counter:08d}-to-{recipient}.govperf"
            path, header = write_bundle(
                folder,
                name,
                header,
                merged_ops(db, runs),
                node_keys.signing,
                encrypt_to=recipient_cert.body["encryption_key"] if encrypt else None,
                progress=(lambda n: progress("export", n)) if progress else None,
            )
            _read_back(path, node_keys.signing_public)
            put_setting(session, EXPORT_COUNTER_KEY, str(counter))
            if peer is None:
                peer = Peer(node_id=recipient, acknowledged="{}")
                session.add(peer)
            peer.last_export_at = moment
            session.add(
                SyncLogEntry(
                    id=new_id(),
                    bundle_id=bundle_id,
                    direction="export",
                    peer_id=recipient,
                    at=moment,
                    ops=header["op_count"],
                    detail=path.name,
                )
            )
            audit.record(
                session,
                "export",
                now=moment,
                detail={"file": path.name, "recipient": recipient, "ops": header["op_count"]},
            )
            session.flush()
            views.append(
                ExportView(
                    str(path),
                    bundle_id,
                    recipient,
                    str(recipient_cert.body.get("node_name")),
                    header["op_count"],
                    len(runs),
                    encrypt,
                )
            )
        session.close()
    return views


def _read_back(path: Path, sender_key: str) -> None:
    """After writing: the header signature and the payload hash, as the recipient will, and
    (unencrypted) that the payload decompresses to its op count, without re-parsing it."""
    bundle = open_bundle(path, DEFAULT_LIMITS)
    check_signature(bundle, sender_key)
    if bundle.header.get("encryption"):
        check_payload_hash(bundle)
    else:
        check_payload_stream(bundle, DEFAULT_LIMITS)


def _decryption_key(store: Store, passphrase: str | None):  # type: ignore[no-untyped-def]
    if passphrase is None:
        return None
    return keyring.load_node_keys(store_folder(store), passphrase).encryption


def _already_imported(session, bundle_id: str) -> bool:  # type: ignore[no-untyped-def]
    return (
        session.scalar(
            select(SyncLogEntry.id).where(
                SyncLogEntry.bundle_id == bundle_id, SyncLogEntry.direction == "import"
            )
        )
        is not None
    )


def _merge_acknowledged(session, sender: str, acknowledged: dict, moment: datetime) -> None:  # type: ignore[no-untyped-def]
    peer = session.get(Peer, sender)
    if peer is None:
        peer = Peer(node_id=sender, acknowledged="{}")
        session.add(peer)
    known = json.loads(peer.acknowledged)
    for origin, seq in acknowledged.items():
        if isinstance(seq, int) and seq > known.get(origin, 0):
            known[origin] = seq
    peer.acknowledged = json.dumps(known, sort_keys=True)
    peer.last_import_at = moment


def import_one(store: Store, path: Path, **options: Any) -> ImportView:
    """Verify one bundle completely, then apply it in one transaction. Raises BundleError
    (or another GovperfError) when refused; the store is then untouched. The verified ops
    wait in a scratch file (sync.staging) between the two passes, so the payload is read
    and parsed once. Options: those of `_import_one`."""
    with Staging(store_folder(store)) as staging:
        return _import_one(store, path, staging, **options)


def _import_one(
    store: Store,
    path: Path,
    staging: Staging,
    *,
    now: datetime,
    passphrase: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
) -> ImportView:
    from sqlalchemy.orm import Session

    moment = to_utc_naive(now)
    with store.read() as session:
        trust = load_trust(session)
    key = _decryption_key(store, passphrase)
    verified = verify_bundle(
        path,
        trust,
        moment,
        limits,
        key,
        progress=(lambda n: progress("verify", n)) if progress else None,
        sink=staging.add,
    )
    staging.seal()
    with store.engine.begin() as connection:
        db = sync_db(connection)
        lock_for_sync(db)  # a second importer waits here, then finds what the first applied
        defer_foreign_keys(db)
        session = Session(bind=connection)
        try:
            if _already_imported(session, verified.bundle_id):
                return ImportView(
                    str(path),
                    "already imported",
                    verified.bundle_id,
                    verified.sender.node_name,
                    duplicates=verified.op_count,
                )
            applier = Applier(db, dict(verified.certificates), path.name, moment, trust.root_key)  # type: ignore[arg-type]
            applier.plan(verified.runs)
            apply_ops(
                applier,
                staging.ops(),
                (lambda n: progress("apply", n)) if progress else None,
            )
            report = applier.finish()
            _merge_acknowledged(session, verified.sender.node_id, verified.acknowledged, moment)
            session.add(
                SyncLogEntry(
                    id=new_id(),
                    bundle_id=verified.bundle_id,
                    direction="import",
                    peer_id=verified.sender.node_id,
                    at=moment,
                    ops=report.applied,
                    detail=json.dumps(
                        {"gaps": report.gaps, "forks": report.forks}, ensure_ascii=False
                    ),
                )
            )
            audit.record(
                session,
                "import",
                now=moment,
                detail={
                    "file": path.name,
                    "sender": verified.sender.node_id,
                    "ops": report.applied,
                },
            )
            session.flush()
        finally:
            session.close()
    return ImportView(
        str(path),
        "imported",
        verified.bundle_id,
        verified.sender.node_name,
        applied=report.applied,
        duplicates=report.duplicates,
        held_back=report.held_back,
        released=report.released,
        conflicts=report.conflicts,
        gaps=tuple(report.gaps),
        forks=tuple(report.forks),
    )


def import_bundles(
    store: Store,
    paths: list[Path],
    *,
    now: datetime,
    passphrase: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    quarantine_dir: Path | None = None,
    progress: Progress | None = None,
) -> list[ImportView]:
    """Import bundle files (or every bundle in the folders given), in name order. A refused
    bundle is moved to the quarantine folder with a reason file; the others go on."""
    files = bundle_files(paths)
    if not files:
        raise NotFoundError("No bundle files (*.govperf) to import there.")
    data_dir = store_folder(store)  # a server store is refused before any file is moved
    folder = quarantine_dir or data_dir / QUARANTINE_FOLDER
    views = []
    for path in files:
        try:
            views.append(
                import_one(
                    store, path, now=now, passphrase=passphrase, limits=limits, progress=progress
                )
            )
        except GovperfError as error:
            reason = str(error)
            moved = quarantine(path, folder, reason) if path.exists() else None
            audit.record_event(
                store, "bundle_rejected", now=now, detail={"file": path.name, "reason": reason}
            )
            views.append(
                ImportView(
                    str(path),
                    "rejected",
                    reason=reason,
                    quarantined=str(moved) if moved else None,
                )
            )
    return views


def verify_file(
    store: Store, path: Path, *, now: datetime, passphrase: str | None = None
) -> ImportView:
    """Every check of an import that does not need the store's records; nothing is applied."""
    with store.read() as session:
        trust = load_trust(session)
    verified = verify_header(open_bundle(path, DEFAULT_LIMITS), trust, to_utc_naive(now))
    verify_payload(verified, DEFAULT_LIMITS, _decryption_key(store, passphrase))
    return ImportView(
        str(path),
        "verified",
        verified.bundle_id,
        verified.sender.node_name,
        applied=verified.op_count,
    )


def sync_folder(
    store: Store,
    folder: Path,
    *,
    passphrase: str,
    now: datetime,
    encrypt: bool = False,
    progress: Progress | None = None,
) -> tuple[list[ImportView], list[ExportView]]:
    """Import the bundles in `folder` addressed to this installation (not yet imported),
    then export for the peers into the same folder."""
    mine = addressed_bundles(store, [folder])
    imported = (
        import_bundles(store, mine, now=now, passphrase=passphrase, progress=progress)
        if mine
        else []
    )
    exported = export_bundles(
        store, folder, passphrase=passphrase, now=now, encrypt=encrypt, progress=progress
    )
    return imported, exported


def addressed_bundles(store: Store, folders: list[Path]) -> list[Path]:
    """The bundle files in `folders` addressed to this installation and not yet imported
    (an unreadable file is included: its import refuses it with the reason), by name."""
    with store.read() as session:
        trust = load_trust(session)
        trust.require()
        mine = []
        for path in bundle_files(folders):
            try:
                header = open_bundle(path, DEFAULT_LIMITS).header
            except BundleError:
                mine.append(path)  # unreadable: import refuses it with its reason
                continue
            if header.get("recipient") != trust.local_node_id:
                continue
            if _already_imported(session, str(header.get("bundle_id"))):
                continue
            mine.append(path)
    return mine
