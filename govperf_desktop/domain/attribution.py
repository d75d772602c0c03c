"""Delay attribution (责任归属) along task dependencies, within one indicator.

A task's lateness is the calendar days from its deadline to its finish (the first `accepted`
or `completed` event, whichever came first, as an office date; `today` while it is open),
never negative. It is split into the part caused by a late upstream task and the task's own
part, recursively, so every day of lateness has exactly one department and one *origin task*
(the task whose own delay it was):

- latest start of t = min(deadline(t), max deadline of its upstream tasks): when the plan
  expected t's inputs;
- blocked days by upstream u = min(lateness(u), max(0, finish(u) − latest start(t))): how far
  u's late finish ran past that moment, never more than u was itself late;
- the *blocking* upstream u* has the most blocked days (ties: the later finish, then the
  lower code); caused(t) = min(lateness(t), blocked(u*)); own(t) = lateness(t) − caused(t).

Which of u*'s late days reach t: u*'s lateness is a run of days, its inherited days first
(in their own recursive order) and its own days after them. The days that ran past t's latest
start are the *last* blocked(u*) days of that run; the first caused(t) of them are t's
caused days. So a delay is traced to the department where it started, and a department is
never charged for a delay that happened upstream of it. Each task's shares add up to its
lateness exactly (whole days).

Recurring instances (Task.template_id, Task.period) depend on instances of the same period:
the decomposition makes them so, and an edge between two instances of the same frequency but
different periods (2026-10 and 2026-11) is ignored. Instances of different frequencies are
linked by the decomposition to the latest earlier occurrence, and those edges are kept.
Templates (no deadline) take no part. Should the data hold a dependency cycle (the services
refuse one), the tasks that cannot be ordered keep only their edges to tasks that can.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol


@dataclass(frozen=True, slots=True)
class TaskTiming:
    task_id: str
    code: str
    content: str
    department_id: str
    department: str
    deadline: date
    finished: date | None  # None: still open
    period: str | None = None  # a recurring instance's period
    template_id: str | None = None
    finish_event_id: str | None = None


@dataclass(frozen=True, slots=True)
class Share:
    """Days of a task's lateness charged to a department, and the task whose delay they were."""

    department_id: str
    department: str
    origin_task_id: str
    origin_code: str
    days: int


@dataclass(frozen=True, slots=True)
class TaskAttribution:
    task_id: str
    code: str
    content: str
    department_id: str
    department: str
    deadline: date
    finished: date | None
    days_late: int
    own_days: int
    caused_days: int
    blocked_by_task_id: str | None
    blocked_by_code: str | None
    latest_start: date | None
    shares: tuple[Share, ...]
    explanation_zh: str
    explanation_en: str
    finish_event_id: str | None = None
    upstream_ids: tuple[str, ...] = field(default=())


def days_late(task: TaskTiming, today: date) -> int:
    end = task.finished or today
    return max(0, (end - task.deadline).days)


def _period_shape(period: str) -> str:
    return re.sub(r"\d", "9", period)


def _other_period(down: Scheduled, up: Scheduled) -> bool:
    """Both are instances of recurring tasks of the same frequency (their periods look alike,
    2026-10 and 2026-11) but of different periods. Instances of different frequencies
    (2026-W45 and 2026-11) are linked across periods on purpose by the decomposition."""
    if not (down.template_id and up.template_id and down.period and up.period):
        return False
    return down.period != up.period and _period_shape(down.period) == _period_shape(up.period)


class Scheduled(Protocol):
    @property
    def template_id(self) -> str | None: ...
    @property
    def period(self) -> str | None: ...


def usable_edges(
    tasks: Mapping[str, Scheduled], edges: Iterable[tuple[str, str]]
) -> dict[str, list[str]]:
    """Upstream task ids per task id: the edges between the given (scheduled) tasks, without
    those between instances of different periods."""
    upstream: dict[str, list[str]] = {task_id: [] for task_id in tasks}
    for task_id, depends_on in edges:
        down, up = tasks.get(task_id), tasks.get(depends_on)
        if down is None or up is None or task_id == depends_on:
            continue
        if _other_period(down, up):
            continue  # e.g. the 2026-11 report does not wait for the 2026-10 list
        if depends_on not in upstream[task_id]:
            upstream[task_id].append(depends_on)
    return upstream


def _order(tasks: Mapping[str, TaskTiming], upstream: Mapping[str, list[str]]) -> list[str]:
    """Upstream before downstream (Kahn); ties by code so the result never depends on input
    order. Tasks left in a cycle come last, with the edges inside the cycle dropped.
    `upstream` lists each upstream task once (as `usable_edges` gives it)."""
    key = {task_id: (task.code, task_id) for task_id, task in tasks.items()}
    waiting = {task_id: len(ups) for task_id, ups in upstream.items()}
    downstream: dict[str, list[str]] = {task_id: [] for task_id in tasks}
    for task_id, ups in upstream.items():
        for up in ups:
            downstream[up].append(task_id)
    # A heap of (code, id) keys pops the same task as always taking the first of a sorted
    # list of the ready tasks (the keys are unique), without sorting after every task.
    ready = [key[task_id] for task_id, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, current = heapq.heappop(ready)
        order.append(current)
        for down in downstream[current]:
            waiting[down] -= 1
            if waiting[down] == 0:
                heapq.heappush(ready, key[down])
    if len(order) == len(tasks):
        return order
    placed = set(order)
    cyclic = sorted((t for t in tasks if t not in placed), key=key.__getitem__)
    for task_id in cyclic:
        upstream[task_id][:] = [u for u in upstream[task_id] if u in placed]  # type: ignore[index]
    return order + cyclic


def _slice(shares: Sequence[Share], offset: int, length: int) -> list[Share]:
    """Days [offset, offset + length) of a run of shares."""
    taken: list[Share] = []
    position = 0
    for share in shares:
        start, end = position, position + share.days
        position = end
        low, high = max(start, offset), min(end, offset + length)
        if high > low:
            taken.append(
                Share(share.department_id, share.department, share.origin_task_id,
                      share.origin_code, high - low)
            )  # fmt: skip
    return taken


def _merged(shares: Iterable[Share]) -> tuple[Share, ...]:
    result: list[Share] = []
    for share in shares:
        if result and result[-1].origin_task_id == share.origin_task_id:
            last = result.pop()
            share = Share(last.department_id, last.department, last.origin_task_id,
                          last.origin_code, last.days + share.days)  # fmt: skip
        result.append(share)
    return tuple(result)


def _blocking_upstream(
    ups: Sequence[str],
    latest_start: date,
    lateness: Mapping[str, int],
    finish: Mapping[str, date],
) -> tuple[str, int]:
    """The upstream task with the most blocked days, and those days. `ups` is in (code, id)
    order, so on a tie of blocked days and finish the first one met is the lower code."""
    blocker, most_blocked, blocker_finish = "", -1, date.min
    for up in ups:
        up_finish = finish[up]
        blocked = min(lateness[up], max(0, (up_finish - latest_start).days))
        if blocked > most_blocked or (blocked == most_blocked and up_finish > blocker_finish):
            blocker, most_blocked, blocker_finish = up, blocked, up_finish
    return blocker, most_blocked


def attribute(
    tasks: Sequence[TaskTiming],
    edges: Iterable[tuple[str, str]],
    today: date,
    *,
    late_only: bool = False,
) -> dict[str, TaskAttribution]:
    """Every task's attribution (late or not), by task id. `edges` are (task, depends on).

    `late_only`: only the late tasks' (what liability charges); the others' are not built.
    A blocker is always late itself, so the late tasks' results are the same either way."""
    by_id = {task.task_id: task for task in tasks}
    upstream = usable_edges(by_id, edges)
    order = _order(by_id, upstream)
    code_order = {task.task_id: (task.code, task.task_id) for task in tasks}
    finish = {task.task_id: task.finished or today for task in tasks}
    # days_late of every task, from the finish dates just taken
    late = {task.task_id: max(0, (finish[task.task_id] - task.deadline).days) for task in tasks}
    result: dict[str, TaskAttribution] = {}
    for task_id in order:
        task = by_id[task_id]
        task_late = late[task_id]
        ups = upstream[task_id]
        if len(ups) > 1:
            ups = sorted(ups, key=code_order.__getitem__)
        latest_start: date | None = None
        blocker: str | None = None
        blocked = caused = 0
        if ups:
            latest_start = min(task.deadline, max([by_id[u].deadline for u in ups]))
            # Only a late task can be caused days: an on-time one has no blocker to name.
            if task_late:
                candidate, blocked = _blocking_upstream(ups, latest_start, late, finish)
                if blocked > 0:
                    blocker = candidate
                    caused = min(task_late, blocked)
        own = task_late - caused
        if late_only and not task_late:
            continue
        shares: tuple[Share, ...] = ()
        if task_late:
            run: list[Share] = []
            if blocker is not None:
                offset = late[blocker] - blocked
                run += _slice(result[blocker].shares, offset, caused)
            if own > 0:
                run.append(Share(task.department_id, task.department, task_id, task.code, own))
            shares = _merged(run)
        zh, en = explain(task, task_late, own, shares, by_id, late, today)
        result[task_id] = TaskAttribution(
            task_id=task_id,
            code=task.code,
            content=task.content,
            department_id=task.department_id,
            department=task.department,
            deadline=task.deadline,
            finished=task.finished,
            days_late=task_late,
            own_days=own,
            caused_days=caused,
            blocked_by_task_id=blocker,
            blocked_by_code=by_id[blocker].code if blocker else None,
            latest_start=latest_start,
            shares=shares,
            explanation_zh=zh,
            explanation_en=en,
            finish_event_id=task.finish_event_id,
            upstream_ids=tuple(ups),
        )
    return result


def explain(
    task: TaskTiming,
    late: int,
    own: int,
    shares: Sequence[Share],
    tasks: Mapping[str, TaskTiming],
    lateness: Mapping[str, int],
    today: date,
) -> tuple[str, str]:
    """One sentence in Chinese and one in English saying where the lateness came from."""
    subject_zh = f"{task.department}的任务{task.code}({task.content})"
    subject_en = f"{task.department}'s task {task.code} ({task.content})"
    if late == 0:
        return (
            f"{subject_zh}未超期。",
            f"{subject_en} was not late." if task.finished else f"{subject_en} is not late.",
        )
    days_en = f"{late} day{'s' if late != 1 else ''}"
    if task.finished is None:
        state_zh = f"尚未完成,截至{today.isoformat()}已超期{late}天"
        state_en = f"is still open and {days_en} late as of {today.isoformat()}"
    else:
        state_zh = f"超期{late}天"
        state_en = f"was {days_en} late"
    causes = []  # (days, why in Chinese, why in English)
    for share in shares:
        if share.origin_task_id == task.task_id:
            continue
        origin = tasks[share.origin_task_id]
        origin_late = lateness[share.origin_task_id]
        causes.append(
            (
                share.days,
                f"因{origin.department}的任务{origin.code}({origin.content})超期{origin_late}天所致",
                f"caused by {origin.department}'s task {origin.code} ({origin.content}), "
                f"{origin_late} day{'s' if origin_late != 1 else ''} late",
            )
        )
    if not causes:
        return f"{subject_zh}{state_zh},均为自身原因。", f"{subject_en} {state_en}, all its own."
    if len(causes) == 1 and not own:
        _, why_zh, why_en = causes[0]
        return f"{subject_zh}{state_zh},全部{why_zh}。", f"{subject_en} {state_en}, all {why_en}."
    parts_zh = [f"{days}天{why}" for days, why, _ in causes]
    parts_en = [f"{days} day{'s' if days != 1 else ''} {why}" for days, _, why in causes]
    if own:
        parts_zh.append(f"{own}天为自身原因")
        parts_en.append(f"{own} day{'s' if own != 1 else ''} its own")
    return (
        f"{subject_zh}{state_zh}:其中" + ",".join(parts_zh) + "。",
        f"{subject_en} {state_en}: " + "; ".join(parts_en) + ".",
    )


def days_by_department(attributions: Iterable[TaskAttribution]) -> dict[str, int]:
    """Days of lateness charged to each department id, over the given tasks."""
    totals: dict[str, int] = {}
    for attribution in attributions:
        for share in attribution.shares:
            totals[share.department_id] = totals.get(share.department_id, 0) + share.days
    return totals


def blocking(attributions: Iterable[TaskAttribution]) -> dict[str, list[tuple[str, int]]]:
    """Per department id: (task id, days) of other departments' tasks its delays made late."""
    found: dict[str, list[tuple[str, int]]] = {}
    for attribution in attributions:
        for share in attribution.shares:
            if share.department_id != attribution.department_id:
                found.setdefault(share.department_id, []).append((attribution.task_id, share.days))
    return found
