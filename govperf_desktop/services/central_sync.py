"""`govperf central sync DIR`: the central office's scheduled, headless processing of a share
folder into which many departments drop their bundles.

The share holds the bundles either at its top or in one sub-folder per department (one level
deep). Every bundle addressed to this installation and not yet imported is imported (verify
first, one transaction per bundle; a refused one is quarantined with its reason and the others
go on), then one bundle per peer is exported into the share's top folder, where each
department finds the file addressed to it. A lock file in the share keeps two runs (a slow
run and the next scheduled one) from working at once. The summary says what happened; the
command's exit code says it to the scheduler: 0 everything imported (or nothing new), 1 some
bundles quarantined, 2 an error (nothing of the unfinished bundle was kept).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from govperf_desktop.domain.errors import ConflictError, ValidationError
from govperf_desktop.services.sync import (
    Progress,
    addressed_bundles,
    export_bundles,
    import_bundles,
)
from govperf_desktop.store.store import Store

LOCK_NAME = ".govperf-central-sync.lock"
STALE_LOCK = timedelta(hours=12)  # a lock this old was left by a killed run


@dataclass(frozen=True)
class CentralSyncSummary:
    share: str
    folders: int  # the share and its department sub-folders searched
    imported: int  # bundles imported now
    ops_applied: int
    conflicts: int
    held_back: int  # ops waiting for a gap to be filled
    quarantined: tuple[tuple[str, str], ...]  # (file, reason)
    exported: tuple[tuple[str, int], ...]  # (recipient, ops) of each bundle written

    @property
    def ok(self) -> bool:
        return not self.quarantined


def central_sync(
    store: Store,
    share: Path,
    *,
    passphrase: str,
    now: datetime,
    encrypt: bool = False,
    progress: Progress | None = None,
) -> CentralSyncSummary:
    """Import what the departments dropped into `share` (and its sub-folders), then export
    for every peer into `share`. Refuses a missing share or one another run holds."""
    if not share.is_dir():
        raise ValidationError(
            f"{share} is not a folder; name the share folder the departments' bundles arrive in."
        )
    folders = [share, *sorted(p for p in share.iterdir() if p.is_dir() and p.name[0] != ".")]
    with _locked(share, now):
        mine = addressed_bundles(store, folders)
        views = (
            import_bundles(store, mine, now=now, passphrase=passphrase, progress=progress)
            if mine
            else []
        )
        exported = export_bundles(
            store, share, passphrase=passphrase, now=now, encrypt=encrypt, progress=progress
        )
    done = [v for v in views if v.outcome == "imported"]
    return CentralSyncSummary(
        share=str(share),
        folders=len(folders),
        imported=len(done),
        ops_applied=sum(v.applied + v.released for v in done),
        conflicts=sum(v.conflicts for v in done),
        held_back=sum(v.held_back for v in done),
        quarantined=tuple(
            (Path(v.path).name, v.reason or "") for v in views if v.outcome == "rejected"
        ),
        exported=tuple((v.recipient_name, v.ops) for v in exported),
    )


@contextlib.contextmanager
def _locked(share: Path, now: datetime) -> Iterator[None]:
    lock = share / LOCK_NAME
    stamp = now.strftime("%Y-%m-%dT%H:%M:%S%z")
    for _attempt in range(2):
        try:
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            since = _lock_time(lock)
            if since is not None and now - since < STALE_LOCK:
                raise ConflictError(
                    f"Another central sync has been working on {share} since "
                    f"{since:%Y-%m-%d %H:%M} UTC (lock file {lock}); let it finish, or delete "
                    "the lock file if that run was stopped."
                ) from None
            lock.unlink(missing_ok=True)  # left by a run killed long ago
    else:  # pragma: no cover - another run took the stale lock between our two attempts
        raise ConflictError(f"Another central sync started on {share} just now; try later.")
    try:
        os.write(handle, f"{stamp} pid {os.getpid()}\n".encode())
        os.close(handle)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _lock_time(lock: Path) -> datetime | None:
    try:
        return datetime.strptime(lock.read_text("utf-8").split()[0], "%Y-%m-%dT%H:%M:%S%z")
    except (OSError, ValueError, IndexError):
        return None
