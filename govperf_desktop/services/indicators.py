"""Defining indicators and their decomposition tables (指标分解表).

The whole table is checked before anything is written: unknown departments, tasks depending
on unknown tasks or on tasks of another indicator, and dependency cycles are refused with a
message naming the rows, and the store is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.dependencies import check_acyclic
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.services import lookup
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import (
    CooperatingDepartment,
    Indicator,
    StandardItem,
    Task,
    TaskDependency,
)
from govperf_desktop.store.store import Store


@dataclass(frozen=True)
class TaskDraft:
    code: str
    department: str
    content: str
    deadline: date | None = None
    recurrence: str | None = None
    standard: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()  # codes of tasks of the same indicator


@dataclass(frozen=True)
class IndicatorDraft:
    name: str
    lead_department: str
    target: str
    period: str
    period_start: date
    period_end: date
    cooperating: tuple[str, ...] = ()
    tasks: tuple[TaskDraft, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class IndicatorView:
    id: str
    name: str
    period: str
    task_ids: dict[str, str]  # code -> id


def _check_draft(draft: IndicatorDraft) -> None:
    if not draft.name.strip():
        raise ValidationError("An indicator needs a name.")
    if draft.period_start > draft.period_end:
        raise ValidationError("The period must start before it ends.")
    codes = [task.code for task in draft.tasks]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise ValidationError(f"Task code {duplicates[0]} is used twice in this table.")
    for task in draft.tasks:
        if task.deadline is None and not task.recurrence:
            raise ValidationError(f"Task {task.code} needs a deadline or a recurrence.")
        for upstream in task.depends_on:
            if upstream not in codes:
                raise ValidationError(
                    f"Task {task.code} depends on {upstream}, which is not a task of this "
                    "indicator; dependencies stay within one indicator."
                )
    check_acyclic({task.code: task.depends_on for task in draft.tasks}, {})


def create_indicator(store: Store, draft: IndicatorDraft, *, now: datetime) -> IndicatorView:
    """Save an indicator with its whole decomposition table, or nothing."""
    _check_draft(draft)
    moment = to_utc_naive(now)
    with store.write() as session:
        lead = lookup.department(session, draft.lead_department)
        indicator = Indicator(
            id=new_id(),
            name=draft.name.strip(),
            lead_department_id=lead.id,
            target=draft.target,
            period=draft.period,
            period_start=draft.period_start,
            period_end=draft.period_end,
            status="draft",
            created_at=moment,
        )
        session.add(indicator)
        for name in dict.fromkeys(draft.cooperating):
            cooperating = lookup.department(session, name)
            if cooperating.id == lead.id:
                raise ValidationError(f"{name} is the lead department; it cannot also cooperate.")
            session.add(
                CooperatingDepartment(indicator_id=indicator.id, department_id=cooperating.id)
            )
        task_ids: dict[str, str] = {}
        for draft_task in draft.tasks:
            responsible = lookup.department(session, draft_task.department)
            task = Task(
                id=new_id(),
                indicator_id=indicator.id,
                code=draft_task.code,
                department_id=responsible.id,
                content=draft_task.content,
                deadline=draft_task.deadline,
                recurrence=draft_task.recurrence,
                status="pending",
                created_at=moment,
            )
            session.add(task)
            task_ids[draft_task.code] = task.id
            session.add_all(
                StandardItem(id=new_id(), task_id=task.id, position=position, text=text)
                for position, text in enumerate(draft_task.standard, start=1)
            )
        session.flush()
        session.add_all(
            TaskDependency(
                indicator_id=indicator.id,
                task_id=task_ids[draft_task.code],
                depends_on_id=task_ids[upstream],
            )
            for draft_task in draft.tasks
            for upstream in draft_task.depends_on
        )
    return IndicatorView(indicator.id, indicator.name, indicator.period, task_ids)


def add_dependency(store: Store, task_id: str, depends_on_id: str) -> None:
    """Make `task_id` depend on `depends_on_id` (same indicator, no cycle)."""
    with store.write() as session:
        task = lookup.task(session, task_id)
        upstream = lookup.task(session, depends_on_id)
        if task.id == upstream.id:
            raise ValidationError(f"Task {task.code} cannot depend on itself.")
        if task.indicator_id != upstream.indicator_id:
            raise ValidationError(
                f"Task {task.code} and task {upstream.code} belong to different indicators; "
                "dependencies stay within one indicator."
            )
        rows = session.execute(
            select(TaskDependency.task_id, TaskDependency.depends_on_id).where(
                TaskDependency.indicator_id == task.indicator_id
            )
        ).all()
        edges: dict[str, list[str]] = {}
        for downstream, dependency in [*rows, (task.id, upstream.id)]:
            edges.setdefault(downstream, []).append(dependency)
        codes = dict(
            session.execute(
                select(Task.id, Task.code).where(Task.indicator_id == task.indicator_id)
            ).all()
        )
        check_acyclic(edges, codes)
        session.add(
            TaskDependency(
                indicator_id=task.indicator_id, task_id=task.id, depends_on_id=upstream.id
            )
        )
