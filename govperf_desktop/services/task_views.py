"""Reading the task flow: one task's checklist, submissions and timeline; lists of tasks.

Times come back as aware UTC; days overdue (超期天数) follow the installation's counting
setting (`services/workdays.py`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from govperf_desktop.domain.calendar import office_date
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.taskflow import EVENT_ORDER, STATUS_LABELS, response_time
from govperf_desktop.services import lookup
from govperf_desktop.services.workdays import days_overdue, flow_settings
from govperf_desktop.store.models import (
    TASK_STATUSES,
    Department,
    Indicator,
    Node,
    Person,
    StandardItem,
    Submission,
    SubmissionFile,
    Task,
    TaskEvent,
)
from govperf_desktop.store.store import Store

DEFAULT_LIST_LIMIT = 500


@dataclass(frozen=True)
class FileView:
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class SubmissionView:
    revision: int
    submitted_by: str
    submitted_at: datetime
    provided: tuple[str, ...]
    missing: tuple[str, ...]
    check_result: str  # 'complete' or 'missing'
    files: tuple[FileView, ...]


@dataclass(frozen=True)
class EventView:
    kind: str
    occurred_at: datetime
    recorded_at: datetime
    person: str | None  # None: the software's standard check
    person_department: str | None
    node: str | None
    revision: int | None
    missing: tuple[str, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class TaskDetail:
    id: str
    code: str
    indicator_id: str
    indicator: str
    indicator_status: str
    lead_department: str
    department: str
    content: str
    deadline: date | None
    status: str
    status_label: str
    checklist: tuple[str, ...]
    submissions: tuple[SubmissionView, ...]
    revision_count: int
    events: tuple[EventView, ...]
    response_hours: float | None  # notified → started
    completed_at: datetime | None
    days_overdue: int | None
    days_overdue_counting: str


@dataclass(frozen=True)
class TaskRow:
    id: str
    code: str
    indicator: str
    department: str
    content: str
    deadline: date | None
    status: str
    revision_count: int
    days_overdue: int | None


def _aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=UTC)


def _detail_of(kind: str, detail: str | None) -> tuple[tuple[str, ...], str | None]:
    """(missing items, reason) from an event's detail JSON."""
    if not detail:
        return (), None
    try:
        value = json.loads(detail)
    except ValueError:
        return (), detail  # free text from an older or foreign writer
    if isinstance(value, list):
        return tuple(str(item) for item in value), None
    if isinstance(value, dict):
        return (), value.get("reason")
    return (), str(value)


def show_task(store: Store, task: str, *, indicator: str | None = None, today: date) -> TaskDetail:
    """A task's checklist, its submissions with missing items, and its timeline of events."""
    settings = flow_settings(store)
    with store.read() as session:
        row = lookup.task_in(session, task, indicator)
        parent = session.get(Indicator, row.indicator_id)
        assert parent is not None
        names = dict(
            session.execute(
                select(Department.id, Department.name).where(
                    Department.id.in_({row.department_id, parent.lead_department_id})
                )
            ).all()
        )
        checklist = tuple(
            session.scalars(
                select(StandardItem.text)
                .where(StandardItem.task_id == row.id)
                .order_by(StandardItem.position)
            )
        )
        files: dict[str, list[FileView]] = {}
        for submission_id, name, sha256, size in session.execute(
            select(
                SubmissionFile.submission_id,
                SubmissionFile.name,
                SubmissionFile.sha256,
                SubmissionFile.size,
            )
            .join(Submission, Submission.id == SubmissionFile.submission_id)
            .where(Submission.task_id == row.id)
            .order_by(SubmissionFile.name)
        ):
            files.setdefault(submission_id, []).append(FileView(name, sha256, size))
        submissions = tuple(
            SubmissionView(
                revision=s.revision,
                submitted_by=who,
                submitted_at=_aware(s.submitted_at),
                provided=tuple(json.loads(s.items_provided)),
                missing=tuple(json.loads(s.missing_items)),
                check_result=s.check_result,
                files=tuple(files.get(s.id, ())),
            )
            for s, who in session.execute(
                select(Submission, Person.name)
                .join(Person, Person.id == Submission.submitted_by)
                .where(Submission.task_id == row.id)
                .order_by(Submission.revision)
            )
        )
        actor_department = aliased(Department)
        rows = session.execute(
            select(TaskEvent, Person.name, actor_department.name, Node.name, Submission.revision)
            .outerjoin(Person, Person.id == TaskEvent.person_id)
            .outerjoin(actor_department, actor_department.id == Person.department_id)
            .outerjoin(Node, Node.id == TaskEvent.node_id)
            .outerjoin(Submission, Submission.id == TaskEvent.submission_id)
            .where(TaskEvent.task_id == row.id)
        ).all()
    rows.sort(key=lambda r: (r[0].occurred_at, r[0].recorded_at, EVENT_ORDER.get(r[0].kind, 9)))
    events = []
    for event, person, person_department, node, revision in rows:
        missing, reason = _detail_of(event.kind, event.detail)
        events.append(
            EventView(
                event.kind,
                _aware(event.occurred_at),
                _aware(event.recorded_at),
                person,
                person_department,
                node or event.node_id,
                revision,
                missing,
                reason,
            )
        )
    first = {}
    for event in events:
        first.setdefault(event.kind, event.occurred_at)
    completed_at = first.get("completed")
    response = response_time(first.get("notified"), first.get("started"))
    return TaskDetail(
        id=row.id,
        code=row.code,
        indicator_id=parent.id,
        indicator=parent.name,
        indicator_status=parent.status,
        lead_department=names[parent.lead_department_id],
        department=names[row.department_id],
        content=row.content,
        deadline=row.deadline,
        status=row.status,
        status_label=STATUS_LABELS.get(row.status, row.status),
        checklist=checklist,
        submissions=submissions,
        revision_count=len(submissions),
        events=tuple(events),
        response_hours=None if response is None else round(response.total_seconds() / 3600, 2),
        completed_at=completed_at,
        days_overdue=days_overdue(
            row.deadline, office_date(completed_at) if completed_at else None, today, settings
        ),
        days_overdue_counting=settings.days_overdue_counting,
    )


def list_tasks(
    store: Store,
    *,
    today: date,
    indicator: str | None = None,
    department: str | None = None,
    status: str | None = None,
    limit: int = DEFAULT_LIST_LIMIT,
) -> list[TaskRow]:
    """Tasks by deadline (earliest first), filtered in the query; at most `limit` rows."""
    if status is not None and status not in TASK_STATUSES:
        raise ValidationError(
            f"Unknown task status {status!r}; choose from: {', '.join(TASK_STATUSES)}."
        )
    if limit < 1:
        raise ValidationError("The list needs a limit of at least 1.")
    settings = flow_settings(store)
    completed = (
        select(func.max(TaskEvent.occurred_at))
        .where(TaskEvent.task_id == Task.id, TaskEvent.kind == "completed")
        .correlate(Task)
        .scalar_subquery()
    )
    revisions = (
        select(func.count(Submission.id))
        .where(Submission.task_id == Task.id)
        .correlate(Task)
        .scalar_subquery()
    )
    with store.read() as session:
        query = (
            select(
                Task.id,
                Task.code,
                Indicator.name,
                Department.name,
                Task.content,
                Task.deadline,
                Task.status,
                revisions,
                completed,
            )
            .join(Indicator, Indicator.id == Task.indicator_id)
            .join(Department, Department.id == Task.department_id)
        )
        if indicator:
            query = query.where(Task.indicator_id == lookup.indicator(session, indicator).id)
        if department:
            query = query.where(Task.department_id == lookup.department(session, department).id)
        if status:
            query = query.where(Task.status == status)
        query = query.order_by(Task.deadline.is_(None), Task.deadline, Indicator.name, Task.code)
        rows = session.execute(query.limit(limit)).all()
    return [
        TaskRow(
            id=task_id,
            code=code,
            indicator=indicator_name,
            department=department_name,
            content=content,
            deadline=deadline,
            status=task_status,
            revision_count=count,
            days_overdue=days_overdue(
                deadline, office_date(done) if done else None, today, settings
            ),
        )
        for (
            task_id,
            code,
            indicator_name,
            department_name,
            content,
            deadline,
            task_status,
            count,
            done,
        ) in rows
    ]
