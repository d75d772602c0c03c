"""Clocks are passed into the domain: `Clock.now()` gives an aware UTC datetime.

Services take a Clock so tests can fix time; the real one lives in `store/` wiring.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:  # aware, UTC
        ...


@dataclass
class FixedClock:
    """A clock for tests and demo data: returns `at`, advanced by hand."""

    at: datetime

    def now(self) -> datetime:
        return self.at


def to_utc_naive(moment: datetime) -> datetime:
    """Store datetimes as naive UTC (portable across SQLite and PostgreSQL)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)
