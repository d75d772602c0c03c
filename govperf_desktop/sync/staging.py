"""Verified ops parked on disk between the two passes of an import, so the payload is read,
decompressed and parsed once.

Pass one (`sync.verify`) checks every op and hands it here; nothing touches the store. Pass
two (`sync.apply`) reads the ops back, in the payload's order, inside the store's one
transaction. The scratch file sits next to the store and holds the ops in batches serialised
with `marshal` (plain tuples of text, numbers and None; written and read back by this process
only, within one import), so memory stays flat however big the bundle is. The ops' `after`
texts are parked as text and parsed again on the way back, a batch per `json.loads` (cheaper
than marshalling the parsed values; pass one has already parsed and checked each one). It is
deleted when the import ends; a file left by a killed import is removed by a later one.
"""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import struct
import tempfile
import time
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

from govperf_desktop.sync.bundle import parse_objects
from govperf_desktop.sync.oplog import OP_KEYS

PREFIX = ".import-staging-"
SUFFIX = ".tmp"
BATCH = 2000
STALE_SECONDS = 24 * 3600
_LENGTH = struct.Struct("<Q")
_ROW = itemgetter(*OP_KEYS)
_AFTER = OP_KEYS.index("after")


def remove_stale(folder: Path, now: float | None = None) -> None:
    """Delete scratch files that imports killed a day or more ago left behind."""
    limit = (now if now is not None else time.time()) - STALE_SECONDS
    for path in folder.glob(f"{PREFIX}*{SUFFIX}"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < limit:
                path.unlink()


def _afters(texts: list[str | None]) -> list[dict[str, Any]]:
    """The `after` values as pass one parsed them ({} when none), a batch per call."""
    parsed = parse_objects(texts)
    if parsed is None:
        return [json.loads(text) if text else {} for text in texts]
    return [value or {} for value in parsed]


class Staging:
    """An append-only, ordered list of verified ops in a scratch file."""

    def __init__(self, folder: Path) -> None:
        remove_stale(folder)
        handle, name = tempfile.mkstemp(prefix=PREFIX, suffix=SUFFIX, dir=folder)
        self.path = Path(name)
        self.file = os.fdopen(handle, "w+b")
        self.rows: list[tuple] = []
        self.count = 0

    def add(self, op: dict[str, Any]) -> None:
        self.rows.append(_ROW(op))
        if len(self.rows) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            blob = marshal.dumps(self.rows)
            self.file.write(_LENGTH.pack(len(blob)))
            self.file.write(blob)
            self.count += len(self.rows)
            self.rows = []

    def seal(self) -> None:
        """All ops are in (call once pass one has succeeded)."""
        self._flush()
        self.file.flush()

    def ops(self) -> Iterator[dict[str, Any]]:
        """The ops in the order they were added, with their `after` values parsed in
        op["_after"] ({} when none) and their fields in `OP_KEYS` order in op["_row"]."""
        self.file.seek(0)
        while header := self.file.read(_LENGTH.size):
            (length,) = _LENGTH.unpack(header)
            rows = marshal.loads(self.file.read(length))
            afters = _afters([row[_AFTER] for row in rows])
            for row, after in zip(rows, afters, strict=True):
                op = dict(zip(OP_KEYS, row, strict=True))
                op["_after"] = after
                op["_row"] = row
                yield op

    def close(self) -> None:
        self.file.close()
        with contextlib.suppress(OSError):
            self.path.unlink()

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
