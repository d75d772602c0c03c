"""The dashboard (工作台) of one person: read-only, every list limited and aggregated in SQL.

    my_dashboard   my department's open tasks by deadline, its warnings and reminders,
                   the latest mentions of me or my department, and the sync state

Open tasks are the tasks not completed of started indicators (not 'draft', not 'closed'),
the same tasks that raise alerts. Mentions are those in the newest version of a comment (an
edited comment's earlier versions are not listed twice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.services import lookup
from govperf_desktop.services.alerts import AlertView, list_alerts
from govperf_desktop.services.sync_status import SyncOverview, sync_overview
from govperf_desktop.services.workdays import days_overdue, flow_settings
from govperf_desktop.store.models import Comment, Department, Indicator, Mention, Person, Task
from govperf_desktop.store.store import Store

DEFAULT_LIMIT = 50
SNIPPET_LENGTH = 80


@dataclass(frozen=True)
class OpenTask:
    id: str
    code: str
    indicator: str
    content: str
    deadline: date | None
    status: str
    days_left: int | None  # calendar days to the deadline, negative past it; None: no deadline
    days_overdue: int | None  # 超期天数 as the installation counts them (calendar or working)


@dataclass(frozen=True)
class MentionEntry:
    comment_id: str
    task_id: str
    task_code: str
    indicator: str
    author: str
    author_department: str
    created_at: datetime  # aware UTC
    snippet: str  # the start of the comment, on one line
    of_person: bool  # True: names me; False: names my department


@dataclass(frozen=True)
class Dashboard:
    person: str  # 'NAME@DEPARTMENT'
    department: str
    open_tasks: tuple[OpenTask, ...]  # at most `limit`, earliest deadline first
    open_task_count: int  # all of them
    alerts: tuple[AlertView, ...]  # at most `limit`: warnings, then reminders
    alert_count: int
    mentions: tuple[MentionEntry, ...]  # at most `limit`, newest first
    sync: SyncOverview


def _open_conditions(department_id: str) -> list:  # type: ignore[type-arg]
    return [
        Task.department_id == department_id,
        Task.status != "completed",
        Indicator.status.not_in(("draft", "closed")),
    ]


def _snippet(body: str) -> str:
    line = " ".join(body.split())
    return line if len(line) <= SNIPPET_LENGTH else line[: SNIPPET_LENGTH - 1] + "…"


def my_dashboard(
    store: Store, *, person: str, today: date, limit: int = DEFAULT_LIMIT
) -> Dashboard:
    """What `person` (name, 'NAME@DEPARTMENT' or id) should see first on the office date
    `today`."""
    if limit < 1:
        raise ValidationError("The dashboard needs a limit of at least 1.")
    settings = flow_settings(store)
    with store.read() as session:
        me = lookup.person(session, person)
        department = session.get(Department, me.department_id)
        assert department is not None
        conditions = _open_conditions(me.department_id)
        open_count = session.scalar(
            select(func.count(Task.id))
            .join(Indicator, Indicator.id == Task.indicator_id)
            .where(*conditions)
        )
        task_rows = session.execute(
            select(
                Task.id,
                Task.code,
                Indicator.name,
                Task.content,
                Task.deadline,
                Task.status,
            )
            .join(Indicator, Indicator.id == Task.indicator_id)
            .where(*conditions)
            .order_by(Task.deadline.is_(None), Task.deadline, Indicator.name, Task.code)
            .limit(limit)
        ).all()
        newer = aliased(Comment)
        author = aliased(Person)
        author_department = aliased(Department)
        mention_rows = session.execute(
            select(
                Comment.id,
                Task.id,
                Task.code,
                Indicator.name,
                author.name,
                author_department.name,
                Comment.created_at,
                Comment.body,
                func.max(Mention.person_id == me.id),
            )
            .join(Mention, Mention.comment_id == Comment.id)
            .join(Task, Task.id == Comment.task_id)
            .join(Indicator, Indicator.id == Task.indicator_id)
            .join(author, author.id == Comment.author_id)
            .join(author_department, author_department.id == Comment.department_id)
            .where(
                or_(Mention.person_id == me.id, Mention.department_id == me.department_id),
                ~exists().where(and_(newer.supersedes_id == Comment.id)),
            )
            .group_by(Comment.id)
            .order_by(Comment.created_at.desc(), Comment.id.desc())
            .limit(limit)
        ).all()
        label = f"{me.name}@{department.name}"
        department_name = department.name
    alerts = list_alerts(store, today=today, department=department_name)
    return Dashboard(
        person=label,
        department=department_name,
        open_tasks=tuple(
            OpenTask(
                task_id,
                code,
                indicator,
                content,
                deadline,
                status,
                (deadline - today).days if deadline is not None else None,
                days_overdue(deadline, None, today, settings),
            )
            for task_id, code, indicator, content, deadline, status in task_rows
        ),
        open_task_count=int(open_count or 0),
        alerts=tuple(alerts[:limit]),
        alert_count=len(alerts),
        mentions=tuple(
            MentionEntry(
                comment_id,
                task_id,
                code,
                indicator,
                author_name,
                author_department_name,
                created_at.replace(tzinfo=UTC),
                _snippet(body),
                bool(of_person),
            )
            for (
                comment_id,
                task_id,
                code,
                indicator,
                author_name,
                author_department_name,
                created_at,
                body,
                of_person,
            ) in mention_rows
        ),
        sync=sync_overview(store),
    )
