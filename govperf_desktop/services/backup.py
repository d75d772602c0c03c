"""Backups of the store, optionally encrypted, and restoring one without reusing op numbers.

`backup` copies the store with SQLite's online backup API (a consistent snapshot while the
program runs), optionally encrypts the copy with a passphrase, then reads the written file
back: decrypts it, runs `integrity_check` and compares its SHA-256 with the snapshot's.

Encrypted format (all integers big-endian):
    b"GOVPERF-BACKUP-1\\n", u32 header length, header JSON (scrypt parameters and salt, the
    cipher, the chunk size, a random nonce prefix), then chunks: u32 length, AES-256-GCM
    ciphertext of up to 1 MiB. The key comes from the passphrase through scrypt (N=2^17, r=8,
    p=1 unless raised); each chunk's nonce is the prefix, its index and a last-chunk flag, and
    the header is authenticated with every chunk, so a reordered, truncated or altered file is
    refused (the STREAM construction).

Sequence numbers: bundles carry this installation's ops numbered 1, 2, 3 …; peers hold them.
A store restored from an older backup would number its next ops again from an earlier point,
so its new ops would collide with ones peers already hold. At each export the newest own op
exported (its number and hash) is written to `sync-exported.json` in the data directory —
outside the database, so a restore does not roll it back. Before each export the store must
hold that very op; if not (restored, or replaced) the export is refused until reconciled:
the central office sends this installation's own ops back (`govperf resend-own-ops --for
NODE` there, `govperf import` here), after which the store again holds the op exported last.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import struct
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import ConflictError, StoreError, ValidationError
from govperf_desktop.paths import store_path
from govperf_desktop.services import audit
from govperf_desktop.store.engine import SQLITE_HEADER
from govperf_desktop.store.export_mark import read_mark, write_mark
from govperf_desktop.store.migrate import backup_sqlite
from govperf_desktop.store.store import Store, open_store

MAGIC = b"GOVPERF-BACKUP-1\n"
CHUNK = 1 << 20
MIN_PASSPHRASE = 10
KDF_LOG2_N = 17  # lowered by tests other than the one asserting it
WORK_FOLDER = "backups"


@dataclass(frozen=True)
class BackupView:
    path: str
    encrypted: bool
    size: int
    sha256: str  # of the database snapshot (the plaintext)
    verified: bool


@dataclass(frozen=True)
class RestoreView:
    restored_from: str
    node_id: str
    safety_copy: str | None  # the store as it was before the restore
    export_blocked: bool
    reason: str | None


# --- encryption ------------------------------------------------------------------------------


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", index, 1 if last else 0)


def encrypt_file(plain: Path, target: Path, passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(f"A backup passphrase needs at least {MIN_PASSPHRASE} characters.")
    salt, prefix = os.urandom(16), os.urandom(7)
    header = json.dumps(
        {
            "kdf": "scrypt",
            "log2_n": KDF_LOG2_N,
            "r": 8,
            "p": 1,
            "salt": salt.hex(),
            "cipher": "AES-256-GCM",
            "chunk": CHUNK,
            "nonce_prefix": prefix.hex(),
        },
        sort_keys=True,
    ).encode("utf-8")
    aead = AESGCM(_key(passphrase, salt, KDF_LOG2_N, 8, 1))
    size = plain.stat().st_size
    with plain.open("rb") as source, _private_file(target) as out:
        out.write(MAGIC + struct.pack(">I", len(header)) + header)
        index, done = 0, 0
        while True:
            block = source.read(CHUNK)
            done += len(block)
            last = done >= size
            sealed = aead.encrypt(_nonce(prefix, index, last), block, header)
            out.write(struct.pack(">I", len(sealed)) + sealed)
            index += 1
            if last:
                break
        out.flush()
        os.fsync(out.fileno())


def is_encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def decrypt_file(source_path: Path, target: Path, passphrase: str) -> None:
    refused = ValidationError(
        f"{source_path.name} cannot be decrypted: wrong passphrase, or the file is damaged."
    )
    with source_path.open("rb") as source:
        if source.read(len(MAGIC)) != MAGIC:
            raise ValidationError(f"{source_path.name} is not an encrypted govperf backup.")
        try:
            (length,) = struct.unpack(">I", source.read(4))
            header = source.read(length)
            meta = json.loads(header)
            key = _key(
                passphrase, bytes.fromhex(meta["salt"]), meta["log2_n"], meta["r"], meta["p"]
            )
            prefix = bytes.fromhex(meta["nonce_prefix"])
        except (struct.error, ValueError, KeyError, TypeError):
            raise refused from None
        aead = AESGCM(key)
        with _private_file(target) as out:
            index = 0
            pending = _read_chunk(source)
            while pending is not None:
                following = _read_chunk(source)
                try:
                    out.write(
                        aead.decrypt(_nonce(prefix, index, following is None), pending, header)
                    )
                except InvalidTag:
                    raise refused from None
                pending, index = following, index + 1
            if index == 0:
                raise refused


def _read_chunk(source) -> bytes | None:  # type: ignore[no-untyped-def]
    raw = source.read(4)
    if not raw:
        return None
    if len(raw) < 4:
        return b""  # a truncated length: fails authentication
    (length,) = struct.unpack(">I", raw)
    return source.read(length)


def _private_file(path: Path):  # type: ignore[no-untyped-def]
    path.parent.mkdir(parents=True, exist_ok=True)
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")


# --- snapshots -------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _snapshot(source: Path, target: Path) -> None:
    """A consistent copy of the live store through SQLite's online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    from_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        to_db = sqlite3.connect(target)
        try:
            from_db.backup(to_db)
            to_db.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            to_db.close()
    finally:
        from_db.close()
    os.chmod(target, 0o600)


def _check_database(path: Path) -> str:
    """The local node id of a govperf store file, after `integrity_check`; else refused."""
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise ValidationError(f"{path.name} is not a govperf backup (not an SQLite file).")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = [row[0] for row in db.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise ValidationError(f"The backup is damaged ({'; '.join(result[:3])}).")
        try:
            row = db.execute("SELECT value FROM settings WHERE key = 'local_node_id'").fetchone()
        except sqlite3.DatabaseError:
            row = None
    except sqlite3.DatabaseError as error:
        raise ValidationError(f"The backup cannot be read ({error}).") from None
    finally:
        db.close()
    if row is None:
        raise ValidationError("The file is an SQLite database but not a govperf store backup.")
    return str(row[0])


def _work_dir(directory: Path) -> Path:
    folder = directory / WORK_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def backup(store: Store, out: Path, *, now: datetime, passphrase: str | None = None) -> BackupView:
    """Write a consistent copy of the store to `out` (encrypted with `passphrase` if given),
    then read it back and verify it. An existing `out` is never overwritten."""
    if store.path is None:
        raise StoreError(
            "govperf backup copies an SQLite store; back a PostgreSQL store up with pg_dump "
            "(docs/central-office.md)."
        )
    if out.exists():
        raise ConflictError(f"{out} already exists; choose a new file name.")
    if passphrase is not None and len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(f"A backup passphrase needs at least {MIN_PASSPHRASE} characters.")
    if not out.parent.is_dir():
        raise ValidationError(f"The folder {out.parent} does not exist.")
    work = _work_dir(store.path.parent)
    snapshot = work / f".snapshot-{os.getpid()}.sqlite3"
    partial = out.with_name(out.name + ".partial")
    check = work / f".verify-{os.getpid()}.sqlite3"
    try:
        _snapshot(store.path, snapshot)
        digest = _sha256(snapshot)
        if passphrase is None:
            shutil.copyfile(snapshot, partial)
            with partial.open("rb+") as handle:
                os.fsync(handle.fileno())
        else:
            encrypt_file(snapshot, partial, passphrase)
        # Read back what is on the disk, as a restore will.
        if passphrase is None:
            readable = partial
        else:
            decrypt_file(partial, check, passphrase)
            readable = check
        if _sha256(readable) != digest:
            raise StoreError(f"The backup written to {out} does not read back the same; removed.")
        _check_database(readable)
        os.replace(partial, out)
    finally:
        for leftover in (snapshot, check, partial):
            leftover.unlink(missing_ok=True)
    audit.record_event(
        store,
        "backup",
        now=now,
        detail={"file": out.name, "encrypted": passphrase is not None, "sha256": digest},
    )
    return BackupView(str(out), passphrase is not None, out.stat().st_size, digest, True)


def restore_backup(
    directory: Path, source: Path, *, now: datetime, passphrase: str | None = None
) -> RestoreView:
    """Replace the store in `directory` with the backup `source` (no store may be open).

    The backup must be of this installation (same node id) unless the folder has no store.
    The store as it was is first copied into backups/. After the restore, exports stay
    refused until reconciled when the backup is older than bundles already sent.
    """
    if not source.is_file():
        raise ValidationError(f"No backup file {source}.")
    work = _work_dir(directory)
    staged = work / f".restore-{os.getpid()}.sqlite3"
    try:
        if is_encrypted(source):
            if passphrase is None:
                raise ValidationError(
                    f"{source.name} is encrypted; give its passphrase "
                    "(prompt or $GOVPERF_BACKUP_PASSPHRASE)."
                )
            decrypt_file(source, staged, passphrase)
        else:
            shutil.copyfile(source, staged)
        node_id = _check_database(staged)
        target = store_path(directory)
        safety = None
        if target.exists() and target.stat().st_size:
            current = _check_database_loose(target)
            if current is not None and current != node_id:
                raise ConflictError(
                    f"The backup is of installation {node_id}, but this folder holds "
                    f"installation {current}; restore it into its own folder."
                )
            _fold_wal(target)
            safety = backup_sqlite(target, "before-restore", to_utc_naive(now))
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(staged, target)
    finally:
        staged.unlink(missing_ok=True)
    store = open_store(directory)
    try:
        blocked = export_refusal(store)
        audit.record_event(
            store,
            "backup_restored",
            now=now,
            detail={"file": source.name, "export_blocked": blocked is not None},
        )
    finally:
        store.close()
    return RestoreView(
        str(source), node_id, str(safety) if safety else None, blocked is not None, blocked
    )


def _check_database_loose(path: Path) -> str | None:
    try:
        return _check_database(path)
    except ValidationError:
        return None


def _fold_wal(path: Path) -> None:
    """Write the store's WAL into its main file so no stale WAL outlives the swap."""
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


# --- the exported high-water mark ------------------------------------------------------------


def _refusal(db: sqlite3.Connection, directory: Path, node_id: str) -> str | None:
    from govperf_desktop.sync.oplog import hash_at, head

    mark = read_mark(directory)
    if not mark or mark.get("node_id") != node_id or not mark.get("seq"):
        return None
    if hash_at(db, node_id, int(mark["seq"])) == mark.get("hash"):
        return None
    held, _ = head(db, node_id)
    return (
        f"This installation already sent its op {mark['seq']} in a bundle, but its store "
        f"{'ends at op ' + str(held) if held < int(mark['seq']) else 'holds a different op'} "
        "(restored from a backup?). Export is refused until reconciled: at the central office "
        "run 'govperf resend-own-ops --for THIS-NODE', then import that bundle here."
    )


def guard_export(db: sqlite3.Connection, directory: Path, node_id: str) -> None:
    """Called by the export before it writes bundles: refuse when the store no longer holds
    the newest own op exported, else raise the mark to the newest own op about to go out."""
    from govperf_desktop.sync.oplog import head

    reason = _refusal(db, directory, node_id)
    if reason:
        raise ConflictError(reason)
    seq, digest = head(db, node_id)
    mark = read_mark(directory)
    if mark and mark.get("node_id") == node_id and int(mark.get("seq", 0)) >= seq:
        return
    write_mark(directory, node_id, seq, digest)


def export_refusal(store: Store) -> str | None:
    """Why this installation may not export now (None when it may)."""
    assert store.path is not None
    from sqlalchemy import select

    from govperf_desktop.store.models import Setting

    with store.read() as session:
        node_id = session.scalar(select(Setting.value).where(Setting.key == "local_node_id"))
    if node_id is None:
        return None
    with store.engine.connect() as connection:
        return _refusal(connection.connection.driver_connection, store.path.parent, node_id)


def resend_own_ops(
    store: Store, folder: Path, *, node: str, passphrase: str, now: datetime
) -> list:
    """At the central office: a bundle for `node` carrying every op of `node`'s own that this
    store holds, so a node restored from an older backup gets back what it had sent."""
    from sqlalchemy import select

    from govperf_desktop.domain.errors import NotFoundError
    from govperf_desktop.services.sync import export_bundles
    from govperf_desktop.store.models import Node

    with store.read() as session:
        row = session.get(Node, node) or session.scalar(select(Node).where(Node.name == node))
        if row is None:
            raise NotFoundError(f"No installation named {node!r}; see 'govperf peers'.")
        node_id = row.id
    with store.engine.connect() as connection:
        from govperf_desktop.sync.oplog import version_vector

        holding = version_vector(connection.connection.driver_connection)
    since = {**holding, node_id: 0}
    return export_bundles(
        store, folder, passphrase=passphrase, now=now, for_node=node_id, since=since
    )
