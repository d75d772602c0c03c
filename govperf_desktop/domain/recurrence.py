"""Recurring deadlines (“每月10日”) as text rules, and their expansion over a period.

A rule is stored in its canonical English form and accepted in the Chinese forms clerks write:

    monthly:10      每月10日 / 每月10号 / 每月十日      day 10 of every month
    monthly:last    每月最后一天 / 每月末               the last day of every month
    weekly:mon      每周一 / 每周星期一 / 每星期一      every Monday (mon tue wed thu fri sat sun)
    quarterly:15    每季度15日                          day 15 of each quarter's first month
    quarterly:last  每季度最后一天 / 每季度末           the last day of each quarter

A day beyond the month's length is clamped to its last day: "monthly:31" falls on 28 (or 29)
February, 30 April, 31 May. The rule keeps meaning "at the latest by day 31", so a deadline
never slips into the next month.

Expanding a rule over an indicator's period [start, end] gives one occurrence per month, week
or quarter whose deadline falls inside the period (both ends included), each with a period
label: "2026-11" (month), "2026-W46" (ISO week), "2026-Q4" (quarter). Instances of a recurring
task are coded "<template code>/<label>", e.g. "MZ-1/2026-11".
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from govperf_desktop.domain.errors import ValidationError

FREQUENCIES = ("monthly", "weekly", "quarterly")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAYS_ZH = ("一", "二", "三", "四", "五", "六", "日")
# The most occurrences one rule may produce over an indicator's period: weekly over about
# eight years. More is almost surely a mistyped year, and would flood the task list.
MAX_OCCURRENCES = 400

_EXAMPLES = "write e.g. 每月10日, 每月最后一天, 每周一, monthly:10 or quarterly:15"
_ZH_WEEKDAYS = {**{name: number for number, name in enumerate(WEEKDAYS_ZH)}, "天": 6}
_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True, order=True)
class Recurrence:
    """A parsed rule. `day` is the day of the month (1-31) for monthly and quarterly rules,
    the weekday (0 = Monday) for weekly ones, and None for "the last day"."""

    frequency: str
    day: int | None

    def __str__(self) -> str:
        if self.frequency == "weekly":
            return f"weekly:{WEEKDAYS[self.day or 0]}"
        return f"{self.frequency}:{'last' if self.day is None else self.day}"

    def chinese(self) -> str:
        """The rule as a clerk writes it: 每月10日, 每月最后一天, 每周一, 每季度15日."""
        if self.frequency == "weekly":
            return f"每周{WEEKDAYS_ZH[self.day or 0]}"
        unit = "每月" if self.frequency == "monthly" else "每季度"
        return f"{unit}最后一天" if self.day is None else f"{unit}{self.day}日"


@dataclass(frozen=True)
class Occurrence:
    """One deadline of a recurring task, with the period it belongs to."""

    period: str
    deadline: date


def _chinese_number(text: str) -> int | None:
    """1-31 written in Chinese numerals (十, 十五, 二十, 三十一), or None."""
    if not text or any(char not in _ZH_DIGITS and char != "十" for char in text):
        return None
    if "十" not in text:
        return _ZH_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[units] if units else 0)


def _day_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return _chinese_number(text)


def _bad(original: str, reason: str) -> ValidationError:
    return ValidationError(f"Recurrence {original!r} is not a rule we know: {reason}; {_EXAMPLES}.")


def parse_rule(text: str) -> Recurrence:
    """Parse a rule in its English or Chinese form; a ValidationError says what is wrong."""
    original = text
    normal = unicodedata.normalize("NFKC", text or "").strip().lower().replace(" ", "")
    if not normal:
        raise _bad(original, "it is empty")
    english = re.fullmatch(r"(monthly|weekly|quarterly):(\w+)", normal)
    if english:
        frequency, value = english.groups()
    else:
        frequency, value = _parse_chinese(normal, original)
    if frequency == "weekly":
        if value in WEEKDAYS:
            return Recurrence("weekly", WEEKDAYS.index(value))
        if value in _ZH_WEEKDAYS:
            return Recurrence("weekly", _ZH_WEEKDAYS[value])
        raise _bad(original, "a weekly rule needs a weekday (mon … sun, 一 … 日)")
    if value in ("last", "最后一天", "末"):
        return Recurrence(frequency, None)
    day = _day_number(value)
    if day is None or not 1 <= day <= 31:
        raise _bad(original, f"the day must be 1 to 31 or 'last', not {value!r}")
    return Recurrence(frequency, day)


def _parse_chinese(normal: str, original: str) -> tuple[str, str]:
    for prefix, frequency in (("每季度", "quarterly"), ("每季", "quarterly"), ("每月", "monthly")):
        if normal.startswith(prefix):
            rest = normal.removeprefix(prefix).removesuffix("前")
            if rest in ("末", "底", "最后一天", "最后一日"):
                return frequency, "last"
            match = re.fullmatch(r"(\w+?)[日号]", rest)
            if match:
                return frequency, match.group(1)
            raise _bad(original, "write the day as 每月10日 or 每月最后一天")
    for prefix in ("每周星期", "每星期", "每周周", "每周"):
        if normal.startswith(prefix):
            return "weekly", normal.removeprefix(prefix)
    raise _bad(original, "it names no frequency (monthly, weekly or quarterly)")


def chinese_text(stored: str | None) -> str | None:
    """A stored rule as a clerk writes it (每月10日); a rule this version cannot read is
    returned as stored, for a person to read."""
    if not stored:
        return None
    try:
        return parse_rule(stored).chinese()
    except ValidationError:
        return stored


def _month_deadline(year: int, month: int, day: int | None) -> date:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, last if day is None else min(day, last))


def expand(rule: Recurrence, start: date, end: date) -> list[Occurrence]:
    """Every occurrence of `rule` whose deadline lies in [start, end], in date order."""
    if start > end:
        raise ValidationError("The period must start before it ends.")
    found: list[Occurrence] = []
    if rule.frequency == "weekly":
        first = start + timedelta(days=((rule.day or 0) - start.weekday()) % 7)
        deadlines = (first + timedelta(weeks=n) for n in range(((end - first).days // 7) + 1))
        for deadline in deadlines:
            year, week, _ = deadline.isocalendar()
            found.append(Occurrence(f"{year}-W{week:02d}", deadline))
            _check_count(rule, found, start, end)
        return found
    year, month = start.year, start.month
    if rule.frequency == "quarterly":
        month = 3 * ((month - 1) // 3) + 1
    step = 1 if rule.frequency == "monthly" else 3
    while date(year, month, 1) <= end:
        if rule.frequency == "monthly":
            deadline = _month_deadline(year, month, rule.day)
            label = f"{year}-{month:02d}"
        else:
            deadline = _month_deadline(year, month + (2 if rule.day is None else 0), rule.day)
            label = f"{year}-Q{(month - 1) // 3 + 1}"
        if start <= deadline <= end:
            found.append(Occurrence(label, deadline))
            _check_count(rule, found, start, end)
        year, month = (year + 1, month + step - 12) if month + step > 12 else (year, month + step)
    return found


def _check_count(rule: Recurrence, found: list[Occurrence], start: date, end: date) -> None:
    if len(found) > MAX_OCCURRENCES:
        raise ValidationError(
            f"Recurrence {rule} from {start:%Y-%m-%d} to {end:%Y-%m-%d} gives more than "
            f"{MAX_OCCURRENCES} deadlines; check the period's dates."
        )
