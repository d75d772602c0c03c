"""Office dates and working days: China's public holidays, make-up working days and 超期天数.

The holiday data (`resources/calendar/cn_workdays.json`) is read by a service and passed in as
a parsed JSON object (`parse_work_calendar`); this module does no I/O. A day is a working day
when it is Monday to Friday and not a public holiday, or when it is a make-up working day
(调休上班, a Saturday or Sunday worked in exchange for a longer holiday). Years the data does
not cover count Monday to Friday as working days.

Moments are stored as naive UTC; the office's dates are Beijing dates (UTC+8, the whole
country has one time zone). A moment typed without a zone is taken as office time.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from govperf_desktop.domain.errors import ValidationError

OFFICE_UTC_OFFSET = timedelta(hours=8)
OFFICE_ZONE = timezone(OFFICE_UTC_OFFSET, "UTC+08:00")
DAY_COUNTS = ("calendar", "working")  # how days overdue are counted (a setting)


def office_date(moment: datetime) -> date:
    """The office (Beijing) date of a moment: aware, or naive UTC as stored."""
    if moment.tzinfo is None:  # the fixed offset added directly: scoring asks ~100,000 times
        return (moment + OFFICE_UTC_OFFSET).date()
    return moment.astimezone(OFFICE_ZONE).date()


def office_time(moment: datetime) -> datetime:
    """A moment (aware, or naive UTC as stored) as aware office time, for display."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(OFFICE_ZONE)


def parse_moment(text: str) -> datetime:
    """An ISO date or date-time typed by a user, as aware UTC; without a zone it is office time."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"{text!r} is not a date and time like 2026-11-20T09:30 (office time) or "
            "2026-11-20T01:30+00:00."
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=OFFICE_ZONE)
    return moment.astimezone(UTC)


def _weekdays_through(day: date) -> int:
    """Mondays to Fridays from 0001-01-01 (a Monday) up to and including `day`."""
    ordinal = day.toordinal()
    return ordinal // 7 * 5 + min(ordinal % 7, 5)


@dataclass(frozen=True)
class WorkCalendar:
    """Public holidays and make-up working days, by date, with their names (春节, 国庆节...)."""

    holidays: Mapping[date, str] = field(default_factory=dict)
    make_up_workdays: Mapping[date, str] = field(default_factory=dict)
    years: frozenset[int] = frozenset()
    # Sorted helpers for counting in O(log n): holidays that fall on weekdays, and make-up
    # days (always weekends). Derived in __post_init__.
    _weekday_holidays: tuple[date, ...] = field(default=(), repr=False, compare=False)
    _weekend_workdays: tuple[date, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        clash = sorted(set(self.holidays) & set(self.make_up_workdays))
        if clash:
            raise ValidationError(
                f"{clash[0]:%Y-%m-%d} is listed both as a holiday and as a make-up working day."
            )
        object.__setattr__(
            self, "_weekday_holidays", tuple(sorted(d for d in self.holidays if d.weekday() < 5))
        )
        object.__setattr__(
            self,
            "_weekend_workdays",
            tuple(sorted(d for d in self.make_up_workdays if d.weekday() >= 5)),
        )

    def covers(self, day: date) -> bool:
        """True when the data lists this day's year (else only weekends are days off)."""
        return day.year in self.years

    def holiday_name(self, day: date) -> str | None:
        return self.holidays.get(day)

    def is_workday(self, day: date) -> bool:
        if day in self.make_up_workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative when end < start)."""
        if end < start:
            return -self.workdays_between(end, start)
        weekdays = _weekdays_through(end) - _weekdays_through(start)
        holidays = _count_in(self._weekday_holidays, start, end)
        make_up = _count_in(self._weekend_workdays, start, end)
        return weekdays - holidays + make_up

    def next_workday(self, day: date) -> date:
        """`day` itself when it is a working day, else the first working day after it."""
        for _ in range(60):  # no holiday run is anywhere near this long
            if self.is_workday(day):
                return day
            day += timedelta(days=1)
        raise ValidationError(f"No working day within 60 days of {day:%Y-%m-%d}; check the data.")


def _count_in(days: tuple[date, ...], start: date, end: date) -> int:
    """How many of the sorted `days` lie after `start` up to and including `end`."""
    return bisect_right(days, end) - bisect_right(days, start)


def days_overdue(
    deadline: date,
    finished: date,
    *,
    counting: str = "calendar",
    calendar: WorkCalendar | None = None,
) -> int:
    """超期天数: days from the deadline to `finished` (completion, or today while open), or 0.

    Counting 'working' days uses `calendar`; a deadline falling on a day off moves to the next
    working day first (the rule of the Civil Code for periods ending on a holiday, art. 203).
    """
    if counting not in DAY_COUNTS:
        raise ValidationError(
            f"Unknown way of counting days {counting!r}; choose calendar or working."
        )
    if finished <= deadline:
        return 0
    if counting == "calendar":
        return (finished - deadline).days
    work = calendar or WorkCalendar()
    effective = work.next_workday(deadline)
    return max(0, work.workdays_between(effective, finished))


def _iso(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(f"{where}: {value!r} is not a date like 2026-10-01.") from None


def _name(entry: Mapping[str, Any], where: str) -> str:
    name = str(entry.get("name", "")).strip()
    if not name:
        raise ValidationError(f"{where} needs a name (e.g. 春节).")
    return name


def parse_work_calendar(data: Mapping[str, Any]) -> WorkCalendar:
    """A WorkCalendar from the parsed JSON of cn_workdays.json, checked entry by entry."""
    years = data.get("years")
    if not isinstance(years, Mapping):
        raise ValidationError("The working-day calendar has no 'years' section.")
    holidays: dict[date, str] = {}
    make_up: dict[date, str] = {}
    covered: set[int] = set()
    for year_text, year_data in years.items():
        if not str(year_text).isdigit() or not isinstance(year_data, Mapping):
            raise ValidationError(f"Calendar year {year_text!r} is not a year with its days.")
        year = int(year_text)
        covered.add(year)
        for number, entry in enumerate(year_data.get("holidays", ()), start=1):
            where = f"Calendar {year}, holiday {number}"
            name = _name(entry, where)
            start = _iso(entry.get("start"), where)
            end = _iso(entry.get("end", entry.get("start")), where)
            if start > end or start.year != year or end.year != year:
                raise ValidationError(
                    f"{where} ({name}) must run forwards within {year}: {start} to {end}."
                )
            day = start
            while day <= end:
                holidays[day] = name
                day += timedelta(days=1)
        for number, entry in enumerate(year_data.get("make_up_workdays", ()), start=1):
            where = f"Calendar {year}, make-up working day {number}"
            name = _name(entry, where)
            day = _iso(entry.get("date"), where)
            if day.year != year:
                raise ValidationError(f"{where} ({name}) on {day} is not in {year}.")
            if day.weekday() < 5:
                raise ValidationError(
                    f"{where} ({name}) on {day} is a weekday; make-up working days are weekends."
                )
            make_up[day] = name
    return WorkCalendar(holidays=holidays, make_up_workdays=make_up, years=frozenset(covered))
