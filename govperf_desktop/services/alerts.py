"""Warnings (预警通知) and reminders (提醒) about deadlines, and their acknowledgement.

Alerts are derived from the data, never stored, so every installation holding the same tasks
shows the same alerts:

- `overdue`: a task past its deadline and not completed (days overdue ≥ 1 as counted by the
  installation's setting; counted in working days, a deadline missed only over a weekend or
  holiday raises no warning yet);
- `due_soon`: a task not completed whose deadline is today or within the next `reminder_days`
  calendar days (setting, default 3).

Only tasks of started indicators (not 'draft', not 'closed') raise alerts. Each alert is
addressed to the heads (role 'head') of the task's responsible department. Only those heads
may acknowledge it; the acknowledgement (AlertAcknowledgement) is recorded for the task's
deadline at that time, so a moved deadline raises a fresh alert. An acknowledged alert is
still listed, marked acknowledged. The tasks are filtered by deadline and status in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from govperf_desktop.domain.calendar import office_date
from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import ConflictError, ValidationError
from govperf_desktop.domain.permissions import Action
from govperf_desktop.services import lookup, roles
from govperf_desktop.services.workdays import FlowSettings, days_overdue, flow_settings
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import (
    ALERT_KINDS,
    AlertAcknowledgement,
    Department,
    Indicator,
    Person,
    PersonRole,
    Task,
)
from govperf_desktop.store.store import Store

KIND_LABELS = {"overdue": "warning (预警通知)", "due_soon": "reminder (提醒)"}
MAX_NOTE_LENGTH = 2000


@dataclass(frozen=True)
class AcknowledgementView:
    person: str
    acknowledged_at: datetime  # aware UTC
    note: str | None


@dataclass(frozen=True)
class AlertView:
    kind: str  # 'overdue' or 'due_soon'
    task_id: str
    code: str
    indicator: str
    department: str
    content: str
    deadline: date
    status: str
    days_overdue: int | None  # overdue only
    days_left: int | None  # due_soon only: 0 = due today
    addressees: tuple[str, ...]  # the heads of the responsible department
    acknowledged: bool
    acknowledgements: tuple[AcknowledgementView, ...]


def _check_kind(kind: str) -> None:
    if kind not in ALERT_KINDS:
        raise ValidationError(f"Unknown alert kind {kind!r}; choose overdue or due_soon.")


def _conditions(kind: str, today: date, settings: FlowSettings) -> list[Any]:
    """The SQL filter of the tasks that raise alerts of `kind` on `today`."""
    open_tasks = [
        Task.deadline.is_not(None),
        Task.status != "completed",
        Indicator.status.not_in(("draft", "closed")),
    ]
    if kind == "overdue":
        return [*open_tasks, Task.deadline < today]
    horizon = today + timedelta(days=settings.reminder_days)
    return [*open_tasks, Task.deadline >= today, Task.deadline <= horizon]


def _heads(session: Session, department_ids: set[str]) -> dict[str, list[str]]:
    heads: dict[str, list[str]] = {}
    if not department_ids:
        return heads
    for department_id, name in session.execute(
        select(Person.department_id, Person.name)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(
            PersonRole.role == "head",
            Person.active.is_(True),
            Person.department_id.in_(department_ids),
        )
        .order_by(Person.name)
    ):
        heads.setdefault(department_id, []).append(name)
    return heads


def _alerts_of_kind(
    session: Session, kind: str, today: date, settings: FlowSettings, where: list[Any]
) -> list[AlertView]:
    conditions = [*_conditions(kind, today, settings), *where]
    rows = session.execute(
        select(
            Task.id,
            Task.code,
            Indicator.name,
            Department.name,
            Task.department_id,
            Task.content,
            Task.deadline,
            Task.status,
        )
        .join(Indicator, Indicator.id == Task.indicator_id)
        .join(Department, Department.id == Task.department_id)
        .where(*conditions)
        .order_by(Task.deadline, Indicator.name, Task.code)
    ).all()
    if not rows:
        return []
    heads = _heads(session, {row[4] for row in rows})
    acknowledged: dict[str, list[AcknowledgementView]] = {}
    for task_id, name, at, note in session.execute(
        select(
            AlertAcknowledgement.task_id,
            Person.name,
            AlertAcknowledgement.acknowledged_at,
            AlertAcknowledgement.note,
        )
        .join(
            Task,
            and_(
                Task.id == AlertAcknowledgement.task_id,
                Task.deadline == AlertAcknowledgement.deadline,
            ),
        )
        .join(Indicator, Indicator.id == Task.indicator_id)
        .join(Person, Person.id == AlertAcknowledgement.person_id)
        .where(AlertAcknowledgement.kind == kind, *conditions)
        .order_by(AlertAcknowledgement.acknowledged_at)
    ):
        acknowledged.setdefault(task_id, []).append(
            AcknowledgementView(name, at.replace(tzinfo=UTC), note)
        )
    alerts = []
    for task_id, code, indicator, department, department_id, content, deadline, status in rows:
        late = days_overdue(deadline, None, today, settings) if kind == "overdue" else None
        if kind == "overdue" and not late:
            continue  # counted in working days, only days off have passed since the deadline
        acks = tuple(acknowledged.get(task_id, ()))
        alerts.append(
            AlertView(
                kind=kind,
                task_id=task_id,
                code=code,
                indicator=indicator,
                department=department,
                content=content,
                deadline=deadline,
                status=status,
                days_overdue=late,
                days_left=(deadline - today).days if kind == "due_soon" else None,
                addressees=tuple(heads.get(department_id, ())),
                acknowledged=bool(acks),
                acknowledgements=acks,
            )
        )
    return alerts


def list_alerts(
    store: Store,
    *,
    today: date,
    department: str | None = None,
    kind: str | None = None,
) -> list[AlertView]:
    """Warnings (most overdue first), then reminders (soonest first), on the office date `today`."""
    if kind is not None:
        _check_kind(kind)
    settings = flow_settings(store)
    with store.read() as session:
        where = []
        if department:
            where.append(Task.department_id == lookup.department(session, department).id)
        return [
            alert
            for each in ALERT_KINDS
            if kind in (None, each)
            for alert in _alerts_of_kind(session, each, today, settings, where)
        ]


def acknowledge_alert(
    store: Store,
    task: str,
    *,
    kind: str,
    person: str | None,
    now: datetime,
    note: str | None = None,
    indicator: str | None = None,
) -> AlertView:
    """A head of the task's department acknowledges its current warning or reminder."""
    _check_kind(kind)
    if not person or not person.strip():
        raise ValidationError("Say which department head acknowledges the alert (--as PERSON).")
    text = (note or "").strip() or None
    if text and len(text) > MAX_NOTE_LENGTH:
        raise ValidationError(
            f"The note is too long ({len(text)} characters; at most {MAX_NOTE_LENGTH})."
        )
    today = office_date(now)
    settings = flow_settings(store)
    with store.read() as session:
        actor_id = lookup.person(session, person).id
    with store.write(actor_id=actor_id) as session:
        row = lookup.task_in(session, task, indicator)
        head = session.get(Person, actor_id)
        assert head is not None
        roles.require(
            session,
            head,
            Action.ACKNOWLEDGE_WARNINGS,
            department_id=row.department_id,
            attempt=f"acknowledge alerts about task {row.code}",
        )
        if not _alerts_of_kind(session, kind, today, settings, [Task.id == row.id]):
            deadline = f"{row.deadline:%Y-%m-%d}" if row.deadline else "none"
            raise ConflictError(
                f"Task {row.code} has no {KIND_LABELS[kind]} on {today:%Y-%m-%d} (deadline "
                f"{deadline}, status {row.status}); there is nothing to acknowledge."
            )
        earlier = session.scalar(
            select(AlertAcknowledgement.acknowledged_at).where(
                AlertAcknowledgement.task_id == row.id,
                AlertAcknowledgement.kind == kind,
                AlertAcknowledgement.deadline == row.deadline,
                AlertAcknowledgement.person_id == head.id,
            )
        )
        if earlier is not None:
            raise ConflictError(
                f"{head.name} already acknowledged the {KIND_LABELS[kind]} of task {row.code} "
                f"(deadline {row.deadline:%Y-%m-%d}) on {office_date(earlier):%Y-%m-%d}."
            )
        session.add(
            AlertAcknowledgement(
                id=new_id(),
                task_id=row.id,
                kind=kind,
                deadline=row.deadline,
                person_id=head.id,
                acknowledged_at=to_utc_naive(now),
                note=text,
            )
        )
        session.flush()
        return _alerts_of_kind(session, kind, today, settings, [Task.id == row.id])[0]
