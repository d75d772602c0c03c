"""The scoring window: which office dates a score covers (`--period`).

Without a period a score covers everything recorded for the indicator. A period narrows it to
office dates: "2026-11" (a month), "2026-Q4" (a quarter), "2026" (a year),
"2026-09-01~2026-11-30" (inclusive dates), or the indicator's own period label (its start and
end dates). What falls in the window, per kind of row, is in docs/scoring.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from govperf_desktop.domain.calendar import OFFICE_ZONE
from govperf_desktop.domain.errors import ValidationError

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Window:
    """Inclusive office dates; None on both ends means everything."""

    label: str
    start: date | None = None
    end: date | None = None

    @property
    def everything(self) -> bool:
        return self.start is None and self.end is None

    def contains(self, day: date | None) -> bool:
        if self.everything:
            return True
        if day is None:
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def utc_bounds(self) -> tuple[datetime | None, datetime | None]:
        """The window as naive-UTC moments [from, until) for timestamp columns."""

        def at_midnight(day: date) -> datetime:
            aware = datetime.combine(day, time(0), tzinfo=OFFICE_ZONE)
            return aware.astimezone(UTC).replace(tzinfo=None)

        start = at_midnight(self.start) if self.start else None
        until = at_midnight(self.end + timedelta(days=1)) if self.end else None
        return start, until


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def parse_window(
    text: str | None,
    *,
    indicator_period: str,
    indicator_start: date,
    indicator_end: date,
) -> Window:
    """The window a user names, or everything when `text` is empty."""
    if text is None or not text.strip():
        return Window(label=f"all ({indicator_period})")
    key = text.strip()
    if key == indicator_period:
        return Window(key, indicator_start, indicator_end)
    try:
        if "~" in key:
            first, _, last = (part.strip() for part in key.partition("~"))
            start, end = date.fromisoformat(first), date.fromisoformat(last)
            if start > end:
                raise ValidationError(f"The period {key!r} ends before it starts.")
            return Window(key, start, end)
        if match := _MONTH.match(key):
            year, month = int(match[1]), int(match[2])
            if not 1 <= month <= 12:
                raise ValueError(key)
            return Window(f"{year}-{month:02d}", date(year, month, 1), _month_end(year, month))
        if match := _QUARTER.match(key):
            year, quarter = int(match[1]), int(match[2])
            first_month = 3 * quarter - 2
            return Window(
                f"{year}-Q{quarter}",
                date(year, first_month, 1),
                _month_end(year, first_month + 2),
            )
        if match := _YEAR.match(key):
            year = int(match[1])
            return Window(key, date(year, 1, 1), date(year, 12, 31))
    except ValueError:
        pass
    raise ValidationError(
        f"{key!r} is not a period; use a month (2026-11), a quarter (2026-Q4), a year (2026), "
        f"dates (2026-09-01~2026-11-30) or the indicator's period {indicator_period!r}."
    )
