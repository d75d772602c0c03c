"""The working-day calendar and this installation's settings for alerts and days overdue.

The calendar of public holidays and make-up working days is shipped as editable data
(`resources/calendar/cn_workdays.json`) and read here; the arithmetic is in
`domain.calendar`. Settings live in the local `settings` table (installation bookkeeping,
not shared data, so not captured for sync):

- `reminder_days`: how many days before a deadline a reminder (提醒) appears; default 3.
- `days_overdue_counting`: 'calendar' (default) or 'working' days for 超期天数.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select

from govperf_desktop.domain.calendar import DAY_COUNTS, WorkCalendar, parse_work_calendar
from govperf_desktop.domain.calendar import days_overdue as count_days_overdue
from govperf_desktop.domain.errors import StoreError, ValidationError
from govperf_desktop.domain.permissions import Action
from govperf_desktop.paths import resources_dir
from govperf_desktop.services import roles
from govperf_desktop.store.models import Setting
from govperf_desktop.store.store import Store

REMINDER_DAYS_KEY = "reminder_days"
DAYS_OVERDUE_COUNTING_KEY = "days_overdue_counting"
DEFAULT_REMINDER_DAYS = 3
MAX_REMINDER_DAYS = 60


@dataclass(frozen=True)
class FlowSettings:
    reminder_days: int
    days_overdue_counting: str  # 'calendar' or 'working'


def calendar_path() -> Path:
    return resources_dir() / "calendar" / "cn_workdays.json"


@lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int) -> WorkCalendar:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise StoreError(f"The working-day calendar {path} cannot be read ({error}).") from None
    return parse_work_calendar(data)


def load_work_calendar(path: Path | None = None) -> WorkCalendar:
    """The holidays and make-up working days (read once; re-read when the file changes)."""
    path = path or calendar_path()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        raise StoreError(f"The working-day calendar {path} is missing.") from None
    return _load(path, mtime)


def _read(store: Store, key: str) -> str | None:
    with store.read() as session:
        return session.scalar(select(Setting.value).where(Setting.key == key))


def _write(store: Store, key: str, value: str, actor: str | None) -> None:
    """Save a setting; `actor`, when named, needs the role central or admin (a rule change).

    None is for setup code and tests, where no person acts.
    """
    actor_id = None
    if actor is not None:
        with store.read() as session:
            person = roles.acting(session, actor)
            actor_id = roles.require(
                session, person, Action.DEFINE_RULES, attempt="change the alert settings"
            ).id
    with store.write(actor_id=actor_id) as session:
        setting = session.get(Setting, key)
        if setting is None:
            session.add(Setting(key=key, value=value))
        else:
            setting.value = value


def flow_settings(store: Store) -> FlowSettings:
    """The reminder window and how days overdue are counted on this installation."""
    days = _read(store, REMINDER_DAYS_KEY)
    counting = _read(store, DAYS_OVERDUE_COUNTING_KEY)
    return FlowSettings(
        reminder_days=int(days) if days and days.isdigit() else DEFAULT_REMINDER_DAYS,
        days_overdue_counting=counting if counting in DAY_COUNTS else "calendar",
    )


def set_reminder_days(store: Store, days: int, *, actor: str | None = None) -> FlowSettings:
    """Reminders (提醒) appear this many days before a deadline (0: on the day only)."""
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_REMINDER_DAYS:
        raise ValidationError(
            f"Reminder days must be a whole number from 0 to {MAX_REMINDER_DAYS} (got {days!r})."
        )
    _write(store, REMINDER_DAYS_KEY, str(days), actor)
    return flow_settings(store)


def set_days_overdue_counting(
    store: Store, counting: str, *, actor: str | None = None
) -> FlowSettings:
    """Count days overdue (超期天数) in calendar days or in working days."""
    if counting not in DAY_COUNTS:
        raise ValidationError(
            f"Days overdue are counted in 'calendar' or 'working' days (got {counting!r})."
        )
    _write(store, DAYS_OVERDUE_COUNTING_KEY, counting, actor)
    return flow_settings(store)


def days_overdue(
    deadline: date | None, finished: date | None, today: date, settings: FlowSettings
) -> int | None:
    """超期天数 of a task: to its completion, or to `today` while open; None without deadline."""
    if deadline is None:
        return None
    counting = settings.days_overdue_counting
    calendar = load_work_calendar() if counting == "working" else None
    return count_days_overdue(deadline, finished or today, counting=counting, calendar=calendar)
