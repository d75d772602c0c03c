"""An indicator's task timeline: the dates of each task's flow, and its Gantt figure.

`indicator_timeline` reads, for every task of one indicator (recurring instances included,
templates left out: they have no dates of their own), its deadline, dependencies and the
first notification, start and completion (grouped in SQL over the task-events index).
`delay_shares` splits each late task's days by the department they are charged to (the delay
attribution of services/scoring.py: days a late upstream task caused first, then the task's
own), so the late part of a bar shows whose delay it was. `timeline_figure` turns both into
the matplotlib Figure of `reports.gantt`; matplotlib is imported only when this module is, so
a caller that wants a light start imports it lazily.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from matplotlib.figure import Figure
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from govperf_desktop.domain.calendar import office_date
from govperf_desktop.domain.decomposition import code_order
from govperf_desktop.reports.gantt import GanttLabels, GanttTask, gantt_figure
from govperf_desktop.services import lookup
from govperf_desktop.store.models import (
    CooperatingDepartment,
    Department,
    Task,
    TaskDependency,
    TaskEvent,
)
from govperf_desktop.store.store import Store

__all__ = [
    "GanttLabels",
    "IndicatorTimeline",
    "delay_shares",
    "indicator_timeline",
    "timeline_figure",
]

_FLOW_KINDS = ("notified", "started", "completed")


@dataclass(frozen=True)
class IndicatorTimeline:
    indicator_id: str
    indicator: str
    departments: tuple[str, ...]  # lead, cooperating, then others with tasks: colour order
    tasks: tuple[GanttTask, ...]  # by department order, then code


def indicator_timeline(store: Store, indicator: str) -> IndicatorTimeline:
    """The dates of every dated task of an indicator (by id, or by name)."""
    with store.read() as session:
        found = lookup.indicator(session, indicator)
        lead = session.get(Department, found.lead_department_id)
        cooperating = list(
            session.scalars(
                select(Department.name)
                .join(CooperatingDepartment, CooperatingDepartment.department_id == Department.id)
                .where(CooperatingDepartment.indicator_id == found.id)
                .order_by(Department.name)
            )
        )
        rows = session.execute(
            select(Task.id, Task.code, Task.content, Task.deadline, Department.name)
            .join(Department, Department.id == Task.department_id)
            .where(Task.indicator_id == found.id, Task.deadline.is_not(None))
        ).all()
        of_indicator = select(Task.id).where(Task.indicator_id == found.id)
        moments: dict[tuple[str, str], date] = {}
        for task_id, kind, first in session.execute(
            select(TaskEvent.task_id, TaskEvent.kind, func.min(TaskEvent.occurred_at))
            .where(TaskEvent.task_id.in_(of_indicator), TaskEvent.kind.in_(_FLOW_KINDS))
            .group_by(TaskEvent.task_id, TaskEvent.kind)
        ):
            moments[(task_id, kind)] = office_date(first)
        upstream = aliased(Task)
        depends: dict[str, list[str]] = {}
        for task_id, code in session.execute(
            select(TaskDependency.task_id, upstream.code)
            .join(upstream, upstream.id == TaskDependency.depends_on_id)
            .where(TaskDependency.indicator_id == found.id)
        ):
            depends.setdefault(task_id, []).append(code)
    lead_name = lead.name if lead else ""
    order = list(dict.fromkeys((lead_name, *cooperating, *sorted(r[4] for r in rows))))
    rows.sort(key=lambda r: (order.index(r[4]), code_order(r[1])))
    tasks = tuple(
        GanttTask(
            code=code,
            department=department,
            content=content,
            deadline=deadline,
            notified=moments.get((task_id, "notified")),
            started=moments.get((task_id, "started")),
            completed=moments.get((task_id, "completed")),
            depends_on=tuple(sorted(depends.get(task_id, ()), key=code_order)),
        )
        for task_id, code, content, deadline, department in rows
    )
    return IndicatorTimeline(found.id, found.name, tuple(order), tasks)


def delay_shares(store: Store, indicator: str, *, today: date) -> dict[str, list[tuple[str, int]]]:
    """Task code -> [(department, days late charged to it), ...] for the indicator's late tasks,
    in time order: the days an upstream task's delay caused, then the task's own."""
    from govperf_desktop.services.scoring import attribution_report

    # Noon in the office (UTC+8) is 04:00 UTC: the same office date as `today`.
    now = datetime.combine(today, time(4, 0), tzinfo=UTC)
    report = attribution_report(store, indicator, now=now)
    return {
        task.code: [(share.department, share.days) for share in task.shares]
        for task in report.tasks
        if task.shares
    }


def timeline_figure(
    store: Store,
    indicator: str,
    *,
    today: date,
    labels: GanttLabels | None = None,
    late_shares: Mapping[str, Sequence[tuple[str, int]]] | None = None,
) -> Figure:
    """The Gantt figure of an indicator's tasks as of `today` (see reports.gantt); the late
    parts are coloured by `late_shares` (by default `delay_shares`)."""
    timeline = indicator_timeline(store, indicator)
    if late_shares is None:
        late_shares = delay_shares(store, timeline.indicator_id, today=today)
    return gantt_figure(
        timeline.tasks,
        today=today,
        title=timeline.indicator,
        labels=labels,
        departments=timeline.departments,
        late_shares=late_shares,
    )
