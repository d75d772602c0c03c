"""The export mark: the newest own op this installation has sent in a bundle.

It lives in a small JSON file beside the store (`sync-exported.json`), outside the database,
so that restoring an older copy of the database cannot roll it back. Two places read it:

* the export (services.backup.guard_export) refuses to send bundles while the store no
  longer holds that op, and raises the mark when it sends newer ones;
* the change capture (store.capture) refuses local changes while the store is behind the
  mark: they would be numbered with sequence numbers already used by ops that other
  installations hold, a fork that every peer would refuse.

Both lift once the store holds the op again (the central office resends this node's ops).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from govperf_desktop.domain.errors import StoreError

MARK_FILE = "sync-exported.json"


def mark_path(directory: Path) -> Path:
    return directory / MARK_FILE


def read_mark(directory: Path) -> dict[str, Any] | None:
    """The mark ({"node_id", "seq", "hash"}) or None when nothing was exported yet."""
    path = mark_path(directory)
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text("utf-8"))
    except (ValueError, OSError):
        raise StoreError(
            f"{path} is damaged; it records the newest op this installation exported."
        ) from None


def write_mark(directory: Path, node_id: str, seq: int, digest: str) -> None:
    """Replace the mark atomically (write, fsync, rename)."""
    path = mark_path(directory)
    temporary = path.with_suffix(".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump({"node_id": node_id, "seq": seq, "hash": digest}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def sent_beyond(directory: Path | None, node_id: str, held_seq: int) -> int | None:
    """The exported sequence number when it is beyond `held_seq` (the store is behind)."""
    if directory is None:
        return None
    mark = read_mark(directory)
    if not mark or mark.get("node_id") != node_id:
        return None
    sent = int(mark.get("seq") or 0)
    return sent if sent > held_seq else None
