"""The steps of the task flow (流程固化), one function per user action.

Each step loads the facts, asks `domain.taskflow` whether the step is allowed (status, who,
when), then writes the event(s), the submission and the task's new status in one unit of
work attributed to the acting person, so history shows who did what. A refused step writes
nothing. Reading a task's flow (show, list) is in `services/task_views.py`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from govperf_desktop.domain import taskflow as flow
from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import StoreError, ValidationError
from govperf_desktop.domain.taskflow import Attachment
from govperf_desktop.services import lookup, roles
from govperf_desktop.services.admin import LOCAL_NODE_KEY
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import (
    Department,
    Indicator,
    Person,
    Setting,
    StandardItem,
    Submission,
    SubmissionFile,
    Task,
    TaskEvent,
)
from govperf_desktop.store.store import Store


@dataclass(frozen=True)
class StepResult:
    """What a step did: the task's new status and the events it recorded."""

    task_id: str
    code: str
    indicator: str
    status: str
    events: tuple[str, ...]  # kinds recorded, in order
    occurred_at: datetime  # aware UTC
    revision: int | None = None  # for a submission
    missing: tuple[str, ...] = ()  # checklist items the submission lacks


@dataclass(frozen=True)
class NotifyResult:
    indicator_id: str
    indicator: str
    status: str
    notified: tuple[str, ...]  # codes of the tasks notified
    occurred_at: datetime  # aware UTC


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


def _actor_id(store: Store, person: str | None) -> str:
    """Resolve the acting person first, so the unit of work is attributed to them."""
    if not person or not person.strip():
        raise ValidationError("Say who is acting (--as PERSON).")
    with store.read() as session:
        return lookup.person(session, person).id


def _actor(session: Session, person_id: str) -> tuple[Person, flow.Actor]:
    person = session.get(Person, person_id)
    if person is None:
        raise ValidationError("The acting person no longer exists.")
    return person, roles.actor_of(session, person)


def _local_node_id(session: Session) -> str:
    node_id = session.scalar(select(Setting.value).where(Setting.key == LOCAL_NODE_KEY))
    if node_id is None:
        raise StoreError("This store has no installation identity yet; run 'govperf init' first.")
    return node_id


def _is_template(task: Task) -> bool:
    return task.recurrence is not None and task.template_id is None


def _facts(session: Session, task: Task) -> flow.TaskFacts:
    indicator = session.get(Indicator, task.indicator_id)
    assert indicator is not None  # foreign key
    names = dict(
        session.execute(
            select(Department.id, Department.name).where(
                Department.id.in_({task.department_id, indicator.lead_department_id})
            )
        ).all()
    )
    last = session.execute(
        select(TaskEvent.kind, TaskEvent.occurred_at)
        .where(TaskEvent.task_id == task.id)
        .order_by(TaskEvent.occurred_at.desc())
        .limit(1)
    ).first()
    submissions = session.scalar(
        select(func.count()).select_from(Submission).where(Submission.task_id == task.id)
    )
    return flow.TaskFacts(
        code=task.code,
        status=task.status,
        department_id=task.department_id,
        department=names[task.department_id],
        indicator=indicator.name,
        indicator_status=indicator.status,
        lead_department_id=indicator.lead_department_id,
        lead_department=names[indicator.lead_department_id],
        is_template=_is_template(task),
        submissions=int(submissions or 0),
        last_event_kind=last[0] if last else None,
        last_event_at=last[1] if last else None,
    )


def _event(
    task: Task,
    kind: str,
    *,
    person_id: str | None,
    node_id: str,
    at: datetime,
    now: datetime,
    submission_id: str | None = None,
    detail: str | None = None,
) -> TaskEvent:
    return TaskEvent(
        id=new_id(),
        task_id=task.id,
        kind=kind,
        department_id=task.department_id,
        person_id=person_id,
        node_id=node_id,
        submission_id=submission_id,
        occurred_at=at,
        recorded_at=now,
        detail=detail,
    )


def _json(values: object) -> str:
    return json.dumps(values, ensure_ascii=False)


def notify_indicator(
    store: Store,
    indicator: str,
    *,
    person: str | None,
    now: datetime,
    at: datetime | None = None,
    period: str | None = None,
) -> NotifyResult:
    """Start an indicator: draft → active, and a `notified` event for each of its tasks.

    On an indicator already started, notifies the tasks added since (e.g. a new month's
    instances of a recurring task); refused when there are none. Recurring templates are
    never notified: their instances are.
    """
    actor_id = _actor_id(store, person)
    moment, recorded = to_utc_naive(at or now), to_utc_naive(now)
    with store.write(actor_id=actor_id) as session:
        row = lookup.indicator(session, indicator, period)
        person_row, actor = _actor(session, actor_id)
        lead = session.get(Department, row.lead_department_id)
        flow.check_notifier(row.name, row.lead_department_id, lead.name if lead else "", actor)
        pending = [
            task
            for task in session.scalars(
                select(Task)
                .where(Task.indicator_id == row.id, Task.status == "pending")
                .order_by(Task.code)
            )
            if not _is_template(task)
        ]
        flow.check_indicator_start(row.name, row.status, len(pending))
        flow.check_moment("notify", row.name, moment, recorded, None)
        node_id = _local_node_id(session)
        for task in pending:
            session.add(
                _event(
                    task,
                    "notified",
                    person_id=person_row.id,
                    node_id=node_id,
                    at=moment,
                    now=recorded,
                )
            )
            task.status = flow.status_after("notify")
        if row.status == "draft":
            row.status = "active"
        return NotifyResult(
            row.id, row.name, row.status, tuple(t.code for t in pending), _aware(moment)
        )


def _step(
    store: Store,
    action: str,
    task_ref: str,
    *,
    person: str | None,
    now: datetime,
    at: datetime | None,
    indicator: str | None,
    reason: str | None = None,
) -> StepResult:
    """start, accept, return and complete: one event each, after the same checks."""
    actor_id = _actor_id(store, person)
    moment, recorded = to_utc_naive(at or now), to_utc_naive(now)
    with store.write(actor_id=actor_id) as session:
        task = lookup.task_in(session, task_ref, indicator)
        person_row, actor = _actor(session, actor_id)
        facts = _facts(session, task)
        flow.check_actor(action, facts, actor)
        flow.check_step(action, facts)
        flow.check_moment(action, task.code, moment, recorded, facts.last_event_at)
        detail = None
        if action == "return":
            detail = _json({"reason": flow.check_reason(task.code, reason)})
        submission_id = None
        if action in ("accept", "return"):
            submission_id = session.scalar(
                select(Submission.id)
                .where(Submission.task_id == task.id)
                .order_by(Submission.revision.desc())
                .limit(1)
            )
        kind = flow.EVENT_OF_ACTION[action]
        session.add(
            _event(
                task,
                kind,
                person_id=person_row.id,
                node_id=_local_node_id(session),
                at=moment,
                now=recorded,
                submission_id=submission_id,
                detail=detail,
            )
        )
        task.status = flow.status_after(action)
        return StepResult(
            task.id,
            task.code,
            facts.indicator,
            task.status,
            (kind,),
            _aware(moment),
            revision=facts.submissions or None,
        )


def start_task(
    store: Store,
    task: str,
    *,
    person: str | None,
    now: datetime,
    at: datetime | None = None,
    indicator: str | None = None,
) -> StepResult:
    """The responsible department starts work on a notified task (response time starts here)."""
    return _step(store, "start", task, person=person, now=now, at=at, indicator=indicator)


def accept_output(
    store: Store,
    task: str,
    *,
    person: str | None,
    now: datetime,
    at: datetime | None = None,
    indicator: str | None = None,
) -> StepResult:
    """The lead department accepts the output awaiting acceptance."""
    return _step(store, "accept", task, person=person, now=now, at=at, indicator=indicator)


def return_output(
    store: Store,
    task: str,
    *,
    person: str | None,
    reason: str,
    now: datetime,
    at: datetime | None = None,
    indicator: str | None = None,
) -> StepResult:
    """The lead department returns the output for revision, saying why."""
    return _step(
        store, "return", task, person=person, now=now, at=at, indicator=indicator, reason=reason
    )


def complete_task(
    store: Store,
    task: str,
    *,
    person: str | None,
    now: datetime,
    at: datetime | None = None,
    indicator: str | None = None,
) -> StepResult:
    """The responsible department completes its task once the lead department accepted it."""
    return _step(store, "complete", task, person=person, now=now, at=at, indicator=indicator)


def submit_output(
    store: Store,
    task: str,
    *,
    person: str | None,
    items: Sequence[str],
    files: Sequence[Attachment] = (),
    now: datetime,
    at: datetime | None = None,
    indicator: str | None = None,
) -> StepResult:
    """Submit an output (输出成果) listing the checklist items it provides, with file metadata.

    The standard check runs at once: with items missing, the output is returned for revision
    automatically (a `returned` event listing them); complete, it awaits acceptance. Either
    way the submission is kept with its revision number (1, 2, ...).
    """
    attachments = flow.check_attachments(files)
    actor_id = _actor_id(store, person)
    moment, recorded = to_utc_naive(at or now), to_utc_naive(now)
    with store.write(actor_id=actor_id) as session:
        row = lookup.task_in(session, task, indicator)
        person_row, actor = _actor(session, actor_id)
        facts = _facts(session, row)
        flow.check_actor("submit", facts, actor)
        flow.check_step("submit", facts)
        flow.check_moment("submit", row.code, moment, recorded, facts.last_event_at)
        checklist = list(
            session.scalars(
                select(StandardItem.text)
                .where(StandardItem.task_id == row.id)
                .order_by(StandardItem.position)
            )
        )
        check = flow.check_output(row.code, checklist, items)
        submission = Submission(
            id=new_id(),
            task_id=row.id,
            revision=facts.submissions + 1,
            submitted_by=person_row.id,
            submitted_at=moment,
            items_provided=_json(list(check.provided)),
            missing_items=_json(list(check.missing)),
            check_result=check.result,
        )
        session.add(submission)
        session.flush()  # without relationship()s the flush does not order rows by foreign key
        session.add_all(
            SubmissionFile(
                id=new_id(),
                submission_id=submission.id,
                sha256=file.sha256,
                size=file.size,
                name=file.name,
            )
            for file in attachments
        )
        node_id = _local_node_id(session)
        kinds = flow.events_of_submission(check)
        session.add(
            _event(
                row,
                "submitted",
                person_id=person_row.id,
                node_id=node_id,
                at=moment,
                now=recorded,
                submission_id=submission.id,
            )
        )
        if check.missing:  # the software's standard check returns it: no person acted
            session.add(
                _event(
                    row,
                    "returned",
                    person_id=None,
                    node_id=node_id,
                    at=moment,
                    now=recorded,
                    submission_id=submission.id,
                    detail=_json(list(check.missing)),
                )
            )
        row.status = flow.status_after("submit", check)
        return StepResult(
            row.id,
            row.code,
            facts.indicator,
            row.status,
            kinds,
            _aware(moment),
            revision=submission.revision,
            missing=check.missing,
        )
