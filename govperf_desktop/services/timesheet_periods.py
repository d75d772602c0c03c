"""Timesheet periods: a person's week (Monday–Sunday) or month, submitted and approved.

    draft ──submit (the person)──▶ submitted ──approve (a head of their department)──▶ locked
      ▲                                │                                                 │
      └────────────── reopen (a head of their department; reopened_count + 1) ──────────┘

Approval locks the period at once: the approver and time are recorded (`approved_by`,
`approved_at`) and the status becomes `locked`, so there is no window in which an approved
timesheet could still change. The schema's `approved` status is therefore not written by
this version. While a period is submitted or locked, its entries cannot be added, edited or
deleted (`timesheet_rules.check_day_open`); a head reopens it (back to draft) to allow that.
A day no period row covers is draft. A person's periods never overlap: a week inside a
month that is already on record must be handled through that month. Heads do not approve or
reopen their own timesheets. Every step is an ORM change, so the capture records who did it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from govperf_desktop.domain import timesheets as rules
from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import ConflictError, PermissionDeniedError
from govperf_desktop.domain.permissions import Action, describe
from govperf_desktop.services import lookup, roles
from govperf_desktop.services import timesheet_rules as check
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import Person, TimesheetEntry, TimesheetPeriod
from govperf_desktop.store.store import Store


@dataclass(frozen=True)
class PeriodView:
    id: str
    person: str
    department: str
    kind: str  # week | month
    period_start: date
    period_end: date
    status: str
    submitted_at: datetime | None
    approved_by: str | None
    approved_at: datetime | None
    reopened_count: int
    entries: int
    hours: float
    overtime: float


def _view(session: Session, worker: Person, period: TimesheetPeriod) -> PeriodView:
    count, hours, overtime = session.execute(
        select(
            func.count(TimesheetEntry.id),
            func.coalesce(func.sum(TimesheetEntry.hours), 0.0),
            func.coalesce(func.sum(TimesheetEntry.overtime), 0.0),
        ).where(
            TimesheetEntry.person_id == worker.id,
            TimesheetEntry.work_date.between(period.period_start, period.period_end),
        )
    ).one()
    approver = session.get(Person, period.approved_by) if period.approved_by else None
    return PeriodView(
        id=period.id,
        person=worker.name,
        department=check.department_name(session, worker.department_id),
        kind=rules.period_kind(period.period_start, period.period_end),
        period_start=period.period_start,
        period_end=period.period_end,
        status=period.status,
        submitted_at=period.submitted_at,
        approved_by=approver.name if approver else None,
        approved_at=period.approved_at,
        reopened_count=period.reopened_count,
        entries=int(count),
        hours=float(hours),
        overtime=float(overtime),
    )


def _find(session: Session, worker: Person, start: date, end: date) -> TimesheetPeriod | None:
    """The person's period with these bounds; refuses one that overlaps other bounds."""
    rows = session.scalars(
        select(TimesheetPeriod).where(
            TimesheetPeriod.person_id == worker.id,
            TimesheetPeriod.period_start <= end,
            TimesheetPeriod.period_end >= start,
        )
    ).all()
    for row in rows:
        if (row.period_start, row.period_end) != (start, end):
            raise ConflictError(
                f"{worker.name}'s {rules.period_label(start, end)} overlaps the "
                f"{rules.period_label(row.period_start, row.period_end)} already on record "
                f"({row.status}); use that period instead."
            )
    return rows[0] if rows else None


def _head_acting(session: Session, acting: Person, worker: Person, verb: str) -> None:
    """A head of the worker's department, and not the worker (separation of duties)."""
    actor = roles.require(
        session,
        acting,
        Action.APPROVE_TIMESHEET_PERIODS,
        department_id=worker.department_id,
        attempt=f"{verb} {worker.name}'s timesheet",
    )
    if acting.id == worker.id:
        raise PermissionDeniedError(
            f"{describe(actor)} may not {verb} their own timesheet: that needs another "
            f"department head of {actor.department}."
        )


def _acting_id(store: Store, actor: str) -> str:
    with store.read() as session:
        return lookup.person(session, actor).id


def submit_period(store: Store, *, actor: str, kind: str, day: date, now: datetime) -> PeriodView:
    """The person submits their own week or month holding `day` for approval."""
    start, end = rules.period_bounds(kind, day)
    acting_id = _acting_id(store, actor)
    with store.write(actor_id=acting_id) as session:
        worker = session.get(Person, acting_id)
        roles.require(session, worker, Action.RECORD_HOURS, attempt="submit their timesheet")
        period = _find(session, worker, start, end)
        label = rules.period_label(start, end)
        rules.check_can_submit(worker.name, label, period.status if period else None)
        if period is None:
            period = TimesheetPeriod(
                id=new_id(),
                person_id=worker.id,
                period_start=start,
                period_end=end,
                reopened_count=0,
            )
            session.add(period)
        period.status = "submitted"
        period.submitted_at = to_utc_naive(now)
        session.flush()
        return _view(session, worker, period)


def approve_period(
    store: Store, *, actor: str, person: str, kind: str, day: date, now: datetime
) -> PeriodView:
    """A head of the person's department approves a submitted period, which locks it."""
    start, end = rules.period_bounds(kind, day)
    acting_id = _acting_id(store, actor)
    with store.write(actor_id=acting_id) as session:
        worker = lookup.person(session, person)
        _head_acting(session, session.get(Person, acting_id), worker, "approve")
        period = _find(session, worker, start, end)
        label = rules.period_label(start, end)
        rules.check_can_approve(worker.name, label, period.status if period else None)
        period.status = "locked"
        period.approved_by = acting_id
        period.approved_at = to_utc_naive(now)
        session.flush()
        return _view(session, worker, period)


def reopen_period(
    store: Store, *, actor: str, person: str, kind: str, day: date, now: datetime
) -> PeriodView:
    """A head of the person's department reopens a submitted or locked period (to draft)."""
    _ = now  # the change capture stamps the time
    start, end = rules.period_bounds(kind, day)
    acting_id = _acting_id(store, actor)
    with store.write(actor_id=acting_id) as session:
        worker = lookup.person(session, person)
        _head_acting(session, session.get(Person, acting_id), worker, "reopen")
        period = _find(session, worker, start, end)
        label = rules.period_label(start, end)
        rules.check_can_reopen(worker.name, label, period.status if period else None)
        period.status = rules.EDITABLE_STATUS
        period.submitted_at = None
        period.approved_by = None
        period.approved_at = None
        period.reopened_count += 1
        session.flush()
        return _view(session, worker, period)


def period_status(store: Store, *, person: str, kind: str, day: date) -> PeriodView | None:
    """The person's period holding `day`, or None when it has no record (draft)."""
    start, end = rules.period_bounds(kind, day)
    with store.read() as session:
        worker = lookup.person(session, person)
        period = session.scalars(
            select(TimesheetPeriod).where(
                TimesheetPeriod.person_id == worker.id,
                TimesheetPeriod.period_start == start,
                TimesheetPeriod.period_end == end,
            )
        ).first()
        return _view(session, worker, period) if period else None
