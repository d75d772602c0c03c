"""Rules for timesheet entries (项目工时台账): hours, overtime, a person's day and periods.

Pure functions: the services pass in what they read from the store (the day's other hours,
whether the day is a rest day, the standard working day) and apply what comes back.

Overtime (加班) is a property of a person's day: on a workday the hours beyond the standard
day (8 h unless the setting `standard_day_hours` says otherwise) are overtime, on a rest day
every hour is. The day's allowance is shared by its entries: an entry's overtime is computed
as whatever of the allowance the other entries of that day have not claimed, and an explicit
overtime is accepted only within that room.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from datetime import date, timedelta

from govperf_desktop.domain.errors import ConflictError, ValidationError

MAX_HOURS_PER_DAY = 24.0
DEFAULT_STANDARD_DAY_HOURS = 8.0
TOLERANCE = 1e-6  # hours are floats; 8.1 - 8 is not exactly 0.1

PERIOD_KINDS = ("week", "month")
EDITABLE_STATUS = "draft"


def _hours(value: float) -> float:
    """Hours rounded to a microhour, so float noise never shows as 0.09999999 h."""
    return round(value, 6) + 0.0  # + 0.0 turns -0.0 into 0.0


def validate_entry_hours(hours: float, overtime: float | None, work_date: date) -> None:
    """Refuse hours a person cannot have worked: <= 0, over 24, or overtime beyond the hours.

    `overtime` None means "compute it" and is not checked here.
    """
    if hours != hours or hours <= 0:  # NaN compares unequal to itself
        raise ValidationError(f"Hours on {work_date:%Y-%m-%d} must be more than 0 (got {hours:g}).")
    if hours > MAX_HOURS_PER_DAY:
        raise ValidationError(
            f"Hours on {work_date:%Y-%m-%d} cannot exceed 24 in one day (got {hours:g})."
        )
    if overtime is None:
        return
    if overtime != overtime or overtime < 0:
        raise ValidationError(f"Overtime on {work_date:%Y-%m-%d} cannot be negative.")
    if overtime > hours:
        raise ValidationError(
            f"Overtime on {work_date:%Y-%m-%d} ({overtime:g} h) cannot exceed the hours "
            f"worked ({hours:g} h)."
        )


def validate_day_total(person_name: str, work_date: date, existing: float, added: float) -> None:
    """Refuse an entry that would bring a person's day over 24 hours across all tasks."""
    total = existing + added
    if total > MAX_HOURS_PER_DAY + 1e-9:
        raise ValidationError(
            f"{person_name} would have {total:g} hours on {work_date:%Y-%m-%d}; "
            f"a day has at most 24 (already recorded: {existing:g})."
        )


def validate_standard_day(hours: float) -> float:
    """A standard working day must be a number of hours above 0 and at most 24."""
    if hours != hours or not 0 < hours <= MAX_HOURS_PER_DAY:
        raise ValidationError(
            f"The standard working day must be more than 0 and at most 24 hours (got {hours:g})."
        )
    return float(hours)


def is_rest_day(day: date, holidays: Iterable[date] = (), workdays: Iterable[date] = ()) -> bool:
    """A rest day: a public holiday, or a Saturday/Sunday that is not a make-up workday (调休)."""
    if day in holidays:
        return True
    if day in workdays:
        return False
    return day.weekday() >= 5


def overtime_allowance(day_total: float, standard_day: float, rest_day: bool) -> float:
    """How many of a day's hours are overtime: all on a rest day, those beyond the standard
    day on a workday."""
    if rest_day:
        return _hours(day_total)
    return _hours(max(0.0, day_total - standard_day))


def entry_overtime(
    *,
    person_name: str,
    work_date: date,
    hours: float,
    overtime: float | None,
    others_hours: float,
    others_overtime: float,
    standard_day: float,
    rest_day: bool,
) -> float:
    """The overtime of an entry, given the other entries of the person's day.

    None: computed — the part of the day's allowance the other entries have not claimed, at
    most the entry's hours. A number: accepted if it fits in that room, refused otherwise.
    """
    allowance = overtime_allowance(others_hours + hours, standard_day, rest_day)
    room = _hours(max(0.0, min(hours, allowance - others_overtime)))
    if overtime is None:
        return room
    if overtime > room + TOLERANCE:
        if rest_day:
            why = "all hours on a rest day are overtime, but other entries of the day claim it"
        else:
            why = (
                f"only hours beyond the standard {standard_day:g}-hour day count on a workday; "
                f"the day has {others_hours + hours:g} h, {others_overtime:g} h of it already "
                "overtime in other entries"
            )
        raise ValidationError(
            f"Overtime of {person_name} on {work_date:%Y-%m-%d} can be at most {room:g} h "
            f"(got {overtime:g}): {why}."
        )
    return _hours(overtime)


def trim_overtime(
    entries: Iterable[tuple[str, float]], day_total: float, standard_day: float, rest_day: bool
) -> dict[str, float]:
    """New overtime for entries of a day whose overtime exceeds the day's allowance.

    `entries` are (id, overtime) with the newest first; the newest give up overtime first
    (after an entry was shortened, moved or deleted). Returns only the entries that change.
    """
    listed = list(entries)
    excess = sum(value for _, value in listed) - overtime_allowance(
        day_total, standard_day, rest_day
    )
    changes: dict[str, float] = {}
    for entry_id, value in listed:
        if excess <= TOLERANCE:
            break
        cut = min(value, excess)
        if cut > 0:
            changes[entry_id] = _hours(value - cut)
            excess -= cut
    return changes


# --- periods ----------------------------------------------------------------------------------


def week_start(day: date) -> date:
    """The Monday of the week (Monday–Sunday) that holds `day`."""
    return day - timedelta(days=day.weekday())


def period_bounds(kind: str, day: date) -> tuple[date, date]:
    """The first and last day of the week (Monday–Sunday) or calendar month holding `day`."""
    if kind == "week":
        start = week_start(day)
        return start, start + timedelta(days=6)
    if kind == "month":
        return day.replace(day=1), day.replace(day=monthrange(day.year, day.month)[1])
    raise ValidationError(f"A timesheet period is a week or a month (got {kind!r}).")


def period_kind(start: date, end: date) -> str:
    """'week' or 'month' for bounds made by `period_bounds`."""
    return "week" if (end - start).days == 6 and start.weekday() == 0 else "month"


def period_label(start: date, end: date) -> str:
    if period_kind(start, end) == "month":
        return f"month {start:%Y-%m}"
    return f"week {start:%Y-%m-%d} to {end:%Y-%m-%d}"


def check_can_submit(person_name: str, label: str, status: str | None) -> None:
    """A period is submitted from draft (or when it has no record yet)."""
    if status not in (None, EDITABLE_STATUS):
        raise ConflictError(
            f"{person_name}'s timesheet for the {label} is already {status}; "
            "ask the department head to reopen it first."
        )


def check_can_approve(person_name: str, label: str, status: str | None) -> None:
    """Only a submitted period can be approved."""
    if status is None or status == EDITABLE_STATUS:
        raise ConflictError(
            f"{person_name}'s timesheet for the {label} has not been submitted; "
            "it can be approved once they submit it."
        )
    if status != "submitted":
        raise ConflictError(f"{person_name}'s timesheet for the {label} is already {status}.")


def check_can_reopen(person_name: str, label: str, status: str | None) -> None:
    """Submitted, approved and locked periods can be reopened; a draft is already open."""
    if status is None or status == EDITABLE_STATUS:
        raise ConflictError(
            f"{person_name}'s timesheet for the {label} is open (draft); there is nothing "
            "to reopen."
        )


def closed_period_message(person_name: str, start: date, end: date, status: str) -> str:
    return (
        f"{person_name}'s timesheet for the {period_label(start, end)} is {status}; its entries "
        "cannot change unless the department head reopens it."
    )


def days_of(start: date, end: date) -> list[date]:
    return [start + timedelta(days=offset) for offset in range((end - start).days + 1)]
