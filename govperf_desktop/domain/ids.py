"""Globally unique, time-ordered record ids (UUIDv7, RFC 9562), as 32 lowercase hex digits.

Rows are created on many installations that never talk to each other, so ids must not collide;
being ordered by creation time keeps B-tree inserts at the right edge of big tables.
The caller passes the time and the random bits: this module does no I/O.
"""

from __future__ import annotations

_VERSION_AND_VARIANT = (0x7 << 76) | (0b10 << 62)
_RAND_A_MASK = (1 << 12) - 1
_RAND_B_MASK = (1 << 62) - 1


def uuid7_hex(unix_ms: int, random_bits: int) -> str:
    """Return a UUIDv7 as 32 hex digits from a millisecond timestamp and >= 74 random bits."""
    if not 0 <= unix_ms < (1 << 48):
        raise ValueError("unix_ms out of range for UUIDv7")
    rand_a = (random_bits >> 62) & _RAND_A_MASK
    rand_b = random_bits & _RAND_B_MASK
    value = (unix_ms << 80) | _VERSION_AND_VARIANT | (rand_a << 64) | rand_b
    return f"{value:032x}"


def uuid7_unix_ms(record_id: str) -> int:
    """The creation time (ms since the epoch) encoded in a UUIDv7 id."""
    return int(record_id[:12], 16)


def is_record_id(text: str) -> bool:
    """True when `text` has the shape of a record id (32 lowercase hex digits)."""
    return len(text) == 32 and all(c in "0123456789abcdef" for c in text)
