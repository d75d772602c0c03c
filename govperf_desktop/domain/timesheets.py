"""Rules for timesheet entries (项目工时台账): hours, overtime and a person's day."""

from __future__ import annotations

from datetime import date

from govperf_desktop.domain.errors import ValidationError

MAX_HOURS_PER_DAY = 24.0


def validate_entry_hours(hours: float, overtime: float, work_date: date) -> None:
    """Refuse hours a person cannot have worked: <= 0, over 24, or overtime beyond the hours."""
    if hours != hours or hours <= 0:  # NaN compares unequal to itself
        raise ValidationError(f"Hours on {work_date:%Y-%m-%d} must be more than 0 (got {hours:g}).")
    if hours > MAX_HOURS_PER_DAY:
        raise ValidationError(
            f"Hours on {work_date:%Y-%m-%d} cannot exceed 24 in one day (got {hours:g})."
        )
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
