"""Working days (China's public holidays and 调休), days overdue and office time."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govperf_desktop.domain.calendar import (
    WorkCalendar,
    days_overdue,
    office_date,
    parse_moment,
    parse_work_calendar,
)
from govperf_desktop.domain.errors import StoreError, ValidationError
from govperf_desktop.services.workdays import calendar_path, load_work_calendar

CALENDAR = load_work_calendar()


def test_the_shipped_calendar_covers_2025_and_2026_with_names() -> None:
    assert {2025, 2026} <= CALENDAR.years
    raw = json.loads(calendar_path().read_text(encoding="utf-8"))
    assert set(raw["years"]) >= {"2025", "2026"}
    assert CALENDAR.holiday_name(date(2025, 1, 29)) == "春节"
    assert CALENDAR.holiday_name(date(2026, 2, 17)) == "春节"
    assert CALENDAR.holiday_name(date(2026, 10, 1)) == "国庆节"
    assert CALENDAR.holiday_name(date(2025, 10, 6)) == "国庆节、中秋节"
    # The published totals: 2025 has 8 days of 春节 and 国庆 each; 2026 has 9 days of 春节.
    assert sum(1 for name in CALENDAR.holidays.values() if name == "国庆节、中秋节") == 8
    assert sum(1 for d, n in CALENDAR.holidays.items() if n == "春节" and d.year == 2026) == 9
    assert CALENDAR.make_up_workdays[date(2026, 2, 28)] == "春节"


def test_national_day_2025_and_its_make_up_saturday() -> None:
    assert not CALENDAR.is_workday(date(2025, 10, 1))  # Wednesday, 国庆节
    assert not CALENDAR.is_workday(date(2025, 10, 8))  # Wednesday, last day of the holiday
    assert CALENDAR.is_workday(date(2025, 10, 9))  # Thursday
    assert CALENDAR.is_workday(date(2025, 10, 11))  # Saturday worked (调休)
    assert CALENDAR.is_workday(date(2025, 9, 28))  # Sunday worked (调休)
    assert not CALENDAR.is_workday(date(2025, 10, 12))  # an ordinary Sunday

    deadline = date(2025, 9, 30)
    assert CALENDAR.workdays_between(deadline, date(2025, 10, 8)) == 0  # all holiday
    assert CALENDAR.workdays_between(deadline, date(2025, 10, 9)) == 1
    assert CALENDAR.workdays_between(deadline, date(2025, 10, 11)) == 3  # Thu, Fri, 调休 Sat
    assert CALENDAR.workdays_between(deadline, date(2025, 10, 12)) == 3
    assert CALENDAR.workdays_between(deadline, date(2025, 10, 13)) == 4
    assert CALENDAR.workdays_between(date(2025, 10, 13), deadline) == -4
    # Across the 2025-09-28 make-up Sunday: Fri 26 → Mon 29 counts Sun 28 and Mon 29.
    assert CALENDAR.workdays_between(date(2025, 9, 26), date(2025, 9, 29)) == 2


def test_days_overdue_in_calendar_and_in_working_days() -> None:
    deadline, finished = date(2025, 9, 30), date(2025, 10, 11)
    assert days_overdue(deadline, finished) == 11
    assert days_overdue(deadline, finished, counting="working", calendar=CALENDAR) == 3
    assert days_overdue(deadline, deadline, counting="working", calendar=CALENDAR) == 0
    assert days_overdue(deadline, date(2025, 9, 1)) == 0  # early is not negative
    # A deadline on a holiday moves to the next working day (Civil Code, art. 203).
    assert (
        days_overdue(date(2025, 10, 3), date(2025, 10, 9), counting="working", calendar=CALENDAR)
        == 0
    )
    assert (
        days_overdue(date(2025, 10, 3), date(2025, 10, 10), counting="working", calendar=CALENDAR)
        == 1
    )
    with pytest.raises(ValidationError, match="calendar or working"):
        days_overdue(deadline, finished, counting="lunar")


def test_spring_festival_2026_with_two_make_up_saturdays() -> None:
    assert CALENDAR.is_workday(date(2026, 2, 14))  # Saturday before 春节
    assert not CALENDAR.is_workday(date(2026, 2, 16))  # Monday, 除夕 holiday
    assert not CALENDAR.is_workday(date(2026, 2, 23))  # Monday, 初七 holiday
    assert CALENDAR.is_workday(date(2026, 2, 28))  # Saturday after
    # Fri 13 Feb → Fri 27 Feb: Sat 14, Tue 24 – Fri 27 are working days.
    assert CALENDAR.workdays_between(date(2026, 2, 13), date(2026, 2, 27)) == 5


def test_a_year_without_data_counts_monday_to_friday() -> None:
    assert not CALENDAR.covers(date(2027, 10, 1))
    assert CALENDAR.is_workday(date(2027, 10, 1))  # a Friday; its holidays are not yet known
    assert CALENDAR.workdays_between(date(2027, 3, 5), date(2027, 3, 12)) == 5


@given(
    st.dates(date(2024, 6, 1), date(2027, 6, 30)),
    st.integers(0, 500),
)
def test_counting_working_days_agrees_with_walking_day_by_day(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    walked = sum(CALENDAR.is_workday(start + timedelta(days=n)) for n in range(1, span + 1))
    assert CALENDAR.workdays_between(start, end) == walked


@pytest.mark.parametrize(
    ("year", "match"),
    [
        (
            {"holidays": [{"name": "春节", "start": "2026-02-23", "end": "2026-02-15"}]},
            "must run forwards",
        ),
        ({"holidays": [{"name": "", "start": "2026-02-15", "end": "2026-02-16"}]}, "needs a name"),
        ({"holidays": [{"name": "春节", "start": "2026-02-30"}]}, "not a date"),
        (
            {"holidays": [{"name": "元旦", "start": "2025-12-31", "end": "2026-01-01"}]},
            "within 2026",
        ),
        ({"make_up_workdays": [{"name": "春节", "date": "2026-02-16"}]}, "is a weekday"),
        (
            {
                "holidays": [{"name": "春节", "start": "2026-02-14", "end": "2026-02-14"}],
                "make_up_workdays": [{"name": "春节", "date": "2026-02-14"}],
            },
            "both as a holiday and as a make-up",
        ),
    ],
)
def test_mistakes_in_the_calendar_data_are_named(year: dict, match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        parse_work_calendar({"years": {"2026": year}})


def test_a_damaged_calendar_file_is_reported(tmp_path: Path) -> None:
    broken = tmp_path / "cn_workdays.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot be read"):
        load_work_calendar(broken)
    with pytest.raises(StoreError, match="is missing"):
        load_work_calendar(tmp_path / "none.json")
    broken.write_text("{}", encoding="utf-8")
    with pytest.raises(ValidationError, match="no 'years'"):
        load_work_calendar(broken)


def test_an_edited_calendar_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "cn_workdays.json"
    path.write_text(json.dumps({"years": {"2027": {}}}), encoding="utf-8")
    assert load_work_calendar(path).years == frozenset({2027})
    data = {"years": {"2027": {"holidays": [{"name": "元旦", "start": "2027-01-01"}]}}}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.utime(path, ns=(1, 2_000_000_000_000_000_000))
    assert not load_work_calendar(path).is_workday(date(2027, 1, 1))


def test_office_time_is_beijing_time() -> None:
    assert office_date(datetime(2026, 11, 19, 16, 30)) == date(2026, 11, 20)  # naive = UTC
    assert office_date(datetime(2026, 11, 19, 15, 59, tzinfo=UTC)) == date(2026, 11, 19)
    assert parse_moment("2026-11-20T09:30") == datetime(2026, 11, 20, 1, 30, tzinfo=UTC)
    assert parse_moment("2026-11-20T09:30+00:00") == datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    assert parse_moment("2026-11-20") == datetime(2026, 11, 19, 16, 0, tzinfo=UTC)
    with pytest.raises(ValidationError, match="is not a date and time"):
        parse_moment("yesterday")


def test_an_empty_calendar_is_monday_to_friday() -> None:
    plain = WorkCalendar()
    assert plain.workdays_between(date(2025, 9, 30), date(2025, 10, 11)) == 8
