"""Fresh record ids for this installation: UUIDv7 from the wall clock and the OS's randomness."""

from __future__ import annotations

import secrets
import time

from govperf_desktop.domain.ids import uuid7_hex


def new_id() -> str:
    return uuid7_hex(time.time_ns() // 1_000_000, secrets.randbits(74))
