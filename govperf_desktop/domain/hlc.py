"""Hybrid logical clocks: timestamps that order changes the same way on every installation.

A stamp is the wall time in milliseconds plus a counter that breaks ties and absorbs clock
skew: it never goes backwards on one installation, and after seeing another installation's
stamp it is always later than that one. Encoded as fixed-width text so text order is time
order (`0001764322200000-0000`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Hlc:
    wall_ms: int
    counter: int = 0

    def encode(self) -> str:
        return f"{self.wall_ms:016d}-{self.counter:04d}"

    @classmethod
    def decode(cls, text: str) -> Hlc:
        wall, _, counter = text.partition("-")
        return cls(int(wall), int(counter or 0))


def tick(last: Hlc | None, wall_ms: int) -> Hlc:
    """The stamp for a local change at wall time `wall_ms`, after `last`."""
    if last is None or wall_ms > last.wall_ms:
        return Hlc(wall_ms, 0)
    return Hlc(last.wall_ms, last.counter + 1)


def receive(last: Hlc | None, remote: Hlc, wall_ms: int) -> Hlc:
    """The local clock after seeing `remote` (from an imported change) at wall time `wall_ms`."""
    newest = max(filter(None, (last, remote)))
    if wall_ms > newest.wall_ms:
        return Hlc(wall_ms, 0)
    return Hlc(newest.wall_ms, newest.counter + 1)
