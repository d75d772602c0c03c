"""Support given to another department (支持其他部门的次数), confirmed by the receiver.

A person records, for their own department, support given to another department on a task
(optionally pointing at the comment that shows it). It counts for the giver's collaboration
score only once a person of the receiving department confirms it: a department cannot credit
itself, and a confirmation is given once, by the side that received the support.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from govperf_desktop.domain.permissions import Action
from govperf_desktop.services import lookup, roles
from govperf_desktop.services.comments import acting_person, comment_row, require_latest
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import Department, Person, SupportRecord, Task
from govperf_desktop.store.store import Store

MAX_DESCRIPTION_LENGTH = 2_000


@dataclass(frozen=True)
class SupportView:
    id: str
    task_id: str
    task_code: str
    from_department: str
    to_department: str
    description: str
    comment_id: str | None
    recorded_by: str
    recorded_at: datetime
    confirmed_by: str | None
    confirmed_at: datetime | None


def _support_rows(session: Session, *conditions) -> list[SupportView]:  # type: ignore[no-untyped-def]
    giver, receiver = aliased(Department), aliased(Department)
    recorder, confirmer = aliased(Person), aliased(Person)
    rows = session.execute(
        select(SupportRecord, Task.code, giver.name, receiver.name, recorder.name, confirmer.name)
        .join(Task, Task.id == SupportRecord.task_id)
        .join(giver, giver.id == SupportRecord.from_department_id)
        .join(receiver, receiver.id == SupportRecord.to_department_id)
        .join(recorder, recorder.id == SupportRecord.recorded_by)
        .outerjoin(confirmer, confirmer.id == SupportRecord.confirmed_by)
        .where(*conditions)
        .order_by(SupportRecord.recorded_at, SupportRecord.id)
    )
    return [
        SupportView(
            id=record.id,
            task_id=record.task_id,
            task_code=code,
            from_department=from_name,
            to_department=to_name,
            description=record.description,
            comment_id=record.comment_id,
            recorded_by=recorded_by,
            recorded_at=record.recorded_at,
            confirmed_by=confirmed_by,
            confirmed_at=record.confirmed_at,
        )
        for record, code, from_name, to_name, recorded_by, confirmed_by in rows
    ]


def add_support(
    store: Store,
    *,
    person: str,
    task: str,
    to_department: str,
    text: str,
    indicator: str | None = None,
    comment: str | None = None,
    now: datetime,
) -> SupportView:
    """Record support `person`'s department gave `to_department` on a task (unconfirmed)."""
    description = text.strip()
    if not description:
        raise ValidationError("Describe the support that was given.")
    if len(description) > MAX_DESCRIPTION_LENGTH:
        raise ValidationError(
            f"A support description can be at most {MAX_DESCRIPTION_LENGTH:,} characters long."
        )
    actor = acting_person(store, person)
    with store.write(actor_id=actor.id) as session:
        on_task = lookup.task_in(session, task, indicator)
        roles.require(
            session,
            session.get(Person, actor.id),
            Action.RECORD_SUPPORT,
            attempt=f"record support given on task {on_task.code}",
        )
        receiver = lookup.department(session, to_department)
        if receiver.id == actor.department_id:
            raise ValidationError(
                f"{actor.name} is of {actor.department}, which cannot record support to "
                "itself; name the department that received the support."
            )
        evidence = None
        if comment is not None:
            evidence = comment_row(session, comment)
            if evidence.task_id != on_task.id or evidence.department_id != actor.department_id:
                raise ValidationError(
                    f"Comment {evidence.id} must be a comment of {actor.department} on task "
                    f"{on_task.code} to show this support."
                )
            require_latest(session, evidence)
        record = SupportRecord(
            id=new_id(),
            task_id=on_task.id,
            from_department_id=actor.department_id,
            to_department_id=receiver.id,
            comment_id=evidence.id if evidence else None,
            description=description,
            recorded_by=actor.id,
            recorded_at=to_utc_naive(now),
        )
        session.add(record)
        session.flush()
        return _support_rows(session, SupportRecord.id == record.id)[0]


def confirm_support(store: Store, support_id: str, *, person: str, now: datetime) -> SupportView:
    """Confirm, as a person of the receiving department, that the support was received."""
    actor = acting_person(store, person)
    with store.write(actor_id=actor.id) as session:
        record = session.get(SupportRecord, support_id.strip())
        if record is None:
            raise NotFoundError(f"Unknown support record {support_id!r}.")
        view = _support_rows(session, SupportRecord.id == record.id)[0]
        if record.confirmed_by is not None:
            raise ConflictError(
                f"Support record {record.id} was already confirmed by {view.confirmed_by} on "
                f"{record.confirmed_at:%Y-%m-%d}."
            )
        roles.require(
            session,
            session.get(Person, actor.id),
            Action.RECORD_SUPPORT,
            department_id=record.to_department_id,
            attempt=f"confirm support record {record.id} (received by {view.to_department})",
        )
        moment = to_utc_naive(now)
        if moment < record.recorded_at:
            raise ValidationError(
                f"A confirmation cannot be dated before the support was recorded "
                f"({record.recorded_at:%Y-%m-%d %H:%M} UTC); check this computer's clock."
            )
        record.confirmed_by = actor.id
        record.confirmed_at = moment
        session.flush()
        return _support_rows(session, SupportRecord.id == record.id)[0]


def task_support(store: Store, task: str, *, indicator: str | None = None) -> list[SupportView]:
    """The support records of a task, oldest first."""
    with store.read() as session:
        on_task = lookup.task_in(session, task, indicator)
        return _support_rows(session, SupportRecord.task_id == on_task.id)
