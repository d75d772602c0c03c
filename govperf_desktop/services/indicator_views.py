"""Reading indicators: the list (with task counts from SQL) and one decomposition table.

`list_indicators` aggregates in the database (counts per indicator by GROUP BY), so it stays
fast with tens of thousands of tasks. `show_indicator` reads one indicator's table: its tasks
grouped by department with deadlines or recurrence, output standards, dependencies and, for a
recurring task, the instances generated from its rule.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import case, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from govperf_desktop.domain.decomposition import code_order
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.recurrence import chinese_text
from govperf_desktop.services import lookup
from govperf_desktop.services.decomposition_spec import load_template
from govperf_desktop.store.models import (
    INDICATOR_STATUSES,
    LIABILITY_KINDS,
    CooperatingDepartment,
    Department,
    Indicator,
    LiabilityRule,
    StandardItem,
    Task,
    TaskDependency,
)
from govperf_desktop.store.store import Store


@dataclass(frozen=True)
class IndicatorSummary:
    id: str
    name: str
    period: str
    period_start: date
    period_end: date
    status: str
    lead_department: str
    cooperating: tuple[str, ...]
    tasks: int  # rows of the table: one-off tasks and recurring templates
    recurring: int
    instances: int


@dataclass(frozen=True)
class InstanceView:
    id: str
    code: str
    period: str | None
    deadline: date | None
    status: str
    depends_on: tuple[str, ...]


@dataclass(frozen=True)
class TaskRowView:
    id: str
    code: str
    department: str
    content: str
    deadline: date | None
    recurrence: str | None  # canonical, "monthly:10"
    recurrence_text: str | None  # as a clerk writes it, "每月10日"
    status: str
    standard: tuple[str, ...]
    depends_on: tuple[str, ...]
    instances: tuple[InstanceView, ...]


@dataclass(frozen=True)
class LiabilityView:
    kind: str
    label: str
    percent: float
    description: str


@dataclass(frozen=True)
class DecompositionTable:
    id: str
    name: str
    period: str
    period_start: date
    period_end: date
    status: str
    target: str
    lead_department: str
    cooperating: tuple[str, ...]
    departments: tuple[str, ...]  # lead, cooperating, then others with tasks: display order
    tasks: tuple[TaskRowView, ...]
    liability: tuple[LiabilityView, ...]


def list_indicators(
    store: Store, *, status: str | None = None, department: str | None = None
) -> list[IndicatorSummary]:
    """Indicators, newest period first; `department` keeps those it leads, cooperates on or
    has a task in."""
    if status is not None and status not in INDICATOR_STATUSES:
        raise ValidationError(
            f"Unknown status {status!r}; choose from: {', '.join(INDICATOR_STATUSES)}."
        )
    counts = (
        select(
            Task.indicator_id,
            func.sum(case((Task.template_id.is_(None), 1), else_=0)).label("tasks"),
            func.sum(case((Task.recurrence.is_not(None), 1), else_=0)).label("recurring"),
            func.sum(case((Task.template_id.is_not(None), 1), else_=0)).label("instances"),
        )
        .group_by(Task.indicator_id)
        .subquery()
    )
    lead = aliased(Department)
    with store.read() as session:
        chosen = select(Indicator.id)
        if status:
            chosen = chosen.where(Indicator.status == status)
        if department:
            department_id = lookup.department(session, department).id
            chosen = chosen.where(
                or_(
                    Indicator.lead_department_id == department_id,
                    exists().where(
                        CooperatingDepartment.indicator_id == Indicator.id,
                        CooperatingDepartment.department_id == department_id,
                    ),
                    exists().where(
                        Task.indicator_id == Indicator.id, Task.department_id == department_id
                    ),
                )
            )
        rows = session.execute(
            select(
                Indicator,
                lead.name,
                func.coalesce(counts.c.tasks, 0),
                func.coalesce(counts.c.recurring, 0),
                func.coalesce(counts.c.instances, 0),
            )
            .join(lead, lead.id == Indicator.lead_department_id)
            .outerjoin(counts, counts.c.indicator_id == Indicator.id)
            .where(Indicator.id.in_(chosen))
            .order_by(Indicator.period_start.desc(), Indicator.name)
        ).all()
        cooperating: dict[str, list[str]] = {}
        for indicator_id, name in session.execute(
            select(CooperatingDepartment.indicator_id, Department.name)
            .join(Department, Department.id == CooperatingDepartment.department_id)
            .where(CooperatingDepartment.indicator_id.in_(chosen))
            .order_by(Department.name)
        ):
            cooperating.setdefault(indicator_id, []).append(name)
    return [
        IndicatorSummary(
            id=indicator.id,
            name=indicator.name,
            period=indicator.period,
            period_start=indicator.period_start,
            period_end=indicator.period_end,
            status=indicator.status,
            lead_department=lead_name,
            cooperating=tuple(cooperating.get(indicator.id, ())),
            tasks=int(tasks),
            recurring=int(recurring),
            instances=int(instances),
        )
        for indicator, lead_name, tasks, recurring, instances in rows
    ]


def _dependencies(session: Session, indicator_id: str) -> dict[str, list[tuple[str, bool]]]:
    """(code, is an instance) of what each task of the indicator depends on, read through
    the tasks' primary-key index."""
    upstream = aliased(Task)
    of_indicator = select(Task.id).where(Task.indicator_id == indicator_id)
    found: dict[str, list[tuple[str, bool]]] = {}
    for task_id, code, template_id in session.execute(
        select(TaskDependency.task_id, upstream.code, upstream.template_id)
        .join(upstream, upstream.id == TaskDependency.depends_on_id)
        .where(TaskDependency.task_id.in_(of_indicator))
    ):
        found.setdefault(task_id, []).append((code, template_id is not None))
    return {
        task_id: sorted(codes, key=lambda c: code_order(c[0])) for task_id, codes in found.items()
    }


def show_indicator(
    store: Store, indicator: str, *, period: str | None = None
) -> DecompositionTable:
    """One indicator's decomposition table, tasks in department and code order."""
    labels = load_template().liability_labels
    with store.read() as session:
        found = lookup.indicator(session, indicator, period)
        lead = session.get(Department, found.lead_department_id)
        lead_name = lead.name if lead else "?"
        cooperating = tuple(
            session.scalars(
                select(Department.name)
                .join(CooperatingDepartment, CooperatingDepartment.department_id == Department.id)
                .where(CooperatingDepartment.indicator_id == found.id)
                .order_by(Department.name)
            )
        )
        tasks = session.execute(
            select(Task, Department.name)
            .join(Department, Department.id == Task.department_id)
            .where(Task.indicator_id == found.id)
        ).all()
        standards: dict[str, list[str]] = {}
        for task_id, text in session.execute(
            select(StandardItem.task_id, StandardItem.text)
            .join(Task, Task.id == StandardItem.task_id)
            .where(Task.indicator_id == found.id, Task.template_id.is_(None))
            .order_by(StandardItem.task_id, StandardItem.position)
        ):
            standards.setdefault(task_id, []).append(text)
        depends = _dependencies(session, found.id)
        rules = session.scalars(
            select(LiabilityRule).where(LiabilityRule.indicator_id == found.id)
        ).all()
        instances: dict[str, list[InstanceView]] = {}
        for task, _ in tasks:
            if task.template_id:
                instances.setdefault(task.template_id, []).append(
                    InstanceView(
                        task.id,
                        task.code,
                        task.period,
                        task.deadline,
                        task.status,
                        tuple(code for code, _ in depends.get(task.id, ())),
                    )
                )
        rows = [
            TaskRowView(
                id=task.id,
                code=task.code,
                department=department,
                content=task.content,
                deadline=task.deadline,
                recurrence=task.recurrence,
                recurrence_text=chinese_text(task.recurrence),
                status=task.status,
                standard=tuple(standards.get(task.id, ())),
                # the table's own dependencies; those on instances show under the instances
                depends_on=tuple(
                    code for code, on_instance in depends.get(task.id, ()) if not on_instance
                ),
                instances=tuple(
                    sorted(instances.get(task.id, ()), key=lambda i: i.deadline or date.max)
                ),
            )
            for task, department in tasks
            if task.template_id is None
        ]
        table = DecompositionTable(
            id=found.id,
            name=found.name,
            period=found.period,
            period_start=found.period_start,
            period_end=found.period_end,
            status=found.status,
            target=found.target,
            lead_department=lead_name,
            cooperating=cooperating,
            departments=(),
            tasks=(),
            liability=tuple(
                LiabilityView(
                    rule.kind, labels.get(rule.kind, rule.kind), rule.percent, rule.description
                )
                for rule in sorted(rules, key=lambda rule: LIABILITY_KINDS.index(rule.kind))
            ),
        )
    order = list(dict.fromkeys((lead_name, *cooperating, *sorted(r.department for r in rows))))
    rows.sort(key=lambda row: (order.index(row.department), code_order(row.code)))
    return replace(table, departments=tuple(order), tasks=tuple(rows))
