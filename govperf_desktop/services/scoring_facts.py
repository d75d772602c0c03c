"""The raw facts of a batch of indicators and each department's raw sub-metric values.

`load_batch` runs the SQL aggregates of `store.metrics` once for a batch of indicators;
`raw_metrics` turns one indicator's facts into the domain's inputs (a RawMetric per
sub-metric per department, each with the ids of its rows). What counts, per sub-metric, is
documented in docs/scoring.md; the sentences here are the `detail` a person reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from govperf_desktop.domain.attribution import TaskTiming, usable_edges
from govperf_desktop.domain.calendar import WorkCalendar, office_date
from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.score_window import Window
from govperf_desktop.domain.scoring import (
    DepartmentInput,
    Evidence,
    Item,
    RawMetric,
    working_hours_between,
)
from govperf_desktop.store import comment_metrics
from govperf_desktop.store import metrics as sql

HOURS_PER_DAY = 24.0
_Row = TypeVar("_Row", bound=Any)


@dataclass
class IndicatorFacts:
    """Everything one indicator's score is computed from (rows of store.metrics)."""

    indicator: sql.IndicatorRow
    cooperating: list[str] = field(default_factory=list)
    rules: list[sql.RuleRow] = field(default_factory=list)
    tasks: list[sql.TaskRow] = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)
    milestones: dict[str, sql.Milestones] = field(default_factory=dict)  # by task
    # The ids of each task's returns, read only when evidence ids are shown (evidence_limit
    # > 0); the counts are in `milestones`.
    returned: dict[str, tuple[str, ...]] = field(default_factory=dict)  # by task
    hours: list[sql.HoursRow] = field(default_factory=list)
    entry_ids: list[sql.EntryIdRow] = field(default_factory=list)
    requests: list[comment_metrics.RequestRow] = field(default_factory=list)
    problems: list[comment_metrics.ProblemRow] = field(default_factory=list)
    support: list[comment_metrics.SupportRow] = field(default_factory=list)


def load_batch(
    session: Session,
    ids: Sequence[str],
    window: Window,
    evidence_limit: int,
    *,
    with_returned_ids: bool | None = None,
) -> dict[str, IndicatorFacts]:
    """The facts of the indicators `ids` (unknown ids are skipped), by indicator id.

    The ids of the returns for revision are read when evidence ids are shown
    (`with_returned_ids`, by default: `evidence_limit` > 0); their counts always are."""
    facts = {row.id: IndicatorFacts(row) for row in sql.indicators(session, ids)}
    ids = list(facts)
    if not ids:
        return facts
    dates = (window.start, window.end)
    moments = window.utc_bounds()
    for indicator_id, department_id in sql.cooperating(session, ids):
        facts[indicator_id].cooperating.append(department_id)
    for rule in sql.liability_rules(session, ids):
        facts[rule.indicator_id].rules.append(rule)
    task_indicator = {}
    for task in sql.tasks(session, ids):
        facts[task.indicator_id].tasks.append(task)
        task_indicator[task.id] = task.indicator_id
    for task_id, depends_on in sql.dependencies(session, ids):
        if task_id in task_indicator:
            facts[task_indicator[task_id]].edges.append((task_id, depends_on))
    for task_id, milestones in sql.milestones(session, ids).items():
        if task_id in task_indicator:
            facts[task_indicator[task_id]].milestones[task_id] = milestones
    if with_returned_ids is None:
        with_returned_ids = evidence_limit > 0
    if with_returned_ids:
        for task_id, returned in sql.returned_ids(session, ids).items():
            if task_id in task_indicator:
                facts[task_indicator[task_id]].returned[task_id] = returned
    if evidence_limit > 0:
        for entry in sql.entry_ids(session, ids, dates, evidence_limit):
            facts[entry.indicator_id].entry_ids.append(entry)
    for row in sql.hours(session, ids, dates):
        facts[row.indicator_id].hours.append(row)
    for request in comment_metrics.mention_requests(session, ids, moments):
        facts[request.indicator_id].requests.append(request)
    for problem in comment_metrics.problems_resolved(session, ids, moments):
        facts[problem.indicator_id].problems.append(problem)
    for support in comment_metrics.support_given(session, ids, moments):
        facts[support.indicator_id].support.append(support)
    for one in facts.values():  # a stable order whatever order the database returned
        one.tasks.sort(key=lambda t: (t.code, t.id))
        one.edges.sort()
        one.requests.sort(key=lambda r: (r.created_at, r.comment_id, r.department_id))
        one.problems.sort(key=lambda p: (p.resolved_at, p.problem_id))
        one.support.sort(key=lambda s: s.id)
        one.cooperating.sort()
    return facts


def participants(facts: IndicatorFacts) -> dict[str, str]:
    """Department id -> role: the lead, the cooperating departments, those with tasks."""
    roles = {facts.indicator.lead_department_id: "lead"}
    for department_id in facts.cooperating:
        roles.setdefault(department_id, "cooperating")
    for task in facts.tasks:
        roles.setdefault(task.department_id, "task")
    return roles


def finished_by_task(facts: IndicatorFacts) -> dict[str, sql.EventRow]:
    """Task id -> the event that finished it (the earlier of its first acceptance and first
    completion), for the tasks that have one."""
    return {
        task_id: milestones.finished
        for task_id, milestones in facts.milestones.items()
        if milestones.finished is not None
    }


def timings(
    facts: IndicatorFacts,
    names: dict[str, str],
    finished: dict[str, sql.EventRow] | None = None,
) -> list[TaskTiming]:
    """Each task's deadline and finish date (`finished`: `finished_by_task`, if known)."""
    if finished is None:
        finished = finished_by_task(facts)
    result = []
    for task in facts.tasks:
        done = finished.get(task.id)
        result.append(
            TaskTiming(
                task_id=task.id,
                code=task.code,
                content=task.content,
                department_id=task.department_id,
                department=names.get(task.department_id, task.department_id),
                deadline=task.deadline,
                finished=office_date(done.occurred_at) if done else None,
                period=task.period,
                template_id=task.template_id,
                finish_event_id=done.id if done else None,
            )
        )
    return result


def _capped(ids: Sequence[str], limit: int) -> tuple[str, ...]:
    return tuple(ids[: max(0, limit)])


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _by_department(rows: Iterable[_Row]) -> dict[str, list[_Row]]:
    grouped: dict[str, list[_Row]] = {}
    for row in rows:
        grouped.setdefault(row.department_id, []).append(row)
    return grouped


_MEMOS: dict[int, tuple[WorkCalendar, dict[tuple[date, date], int]]] = {}


def _days_off_memo(calendar: WorkCalendar) -> dict[tuple[date, date], int]:
    """One memo of days off per calendar object (the service loads the calendar once for all
    indicators; the calendar is kept with its memo so that its id is never reused)."""
    found = _MEMOS.get(id(calendar))
    if found is not None and len(found[1]) > 100_000:  # bounded: dates a few years apart
        found[1].clear()
    if found is None or found[0] is not calendar:
        if len(_MEMOS) > 8:
            _MEMOS.clear()
        found = _MEMOS[id(calendar)] = (calendar, {})
    return found[1]


class _Builder:
    """Builds the RawMetrics of one indicator's departments."""

    def __init__(
        self,
        facts: IndicatorFacts,
        window: Window,
        now: datetime,
        limit: int,
        calendar: WorkCalendar,
        finished: dict[str, sql.EventRow] | None = None,
    ) -> None:
        self.facts, self.window, self.limit, self.calendar = facts, window, limit, calendar
        self.now = to_utc_naive(now)
        self.codes = {t.id: t.code for t in facts.tasks}
        self.upstream = usable_edges({t.id: t for t in facts.tasks}, facts.edges)
        self.finished = finished_by_task(facts) if finished is None else finished
        self.days_off = _days_off_memo(calendar)
        # Rows grouped by department once (each keeps the facts' order), so that every
        # department's values read only its own rows.
        self.in_window = _by_department(t for t in facts.tasks if window.contains(t.deadline))
        self.requests = _by_department(facts.requests)
        self.problems = _by_department(facts.problems)
        self.support = _by_department(facts.support)
        self.entry_ids = _by_department(facts.entry_ids)
        self.hours = {row.department_id: row for row in reversed(facts.hours)}  # the first
        self.total_hours = sum(row.hours for row in facts.hours)

    def received(
        self, task: sql.TaskRow, notified: sql.EventRow
    ) -> tuple[datetime | None, tuple[str, ...]]:
        """When the task could start: notified, and every upstream task finished (None while
        an upstream is still open), with the ids of the events that say so."""
        moment, ids = notified.occurred_at, [notified.id]
        for upstream in self.upstream.get(task.id, ()):
            done = self.finished.get(upstream)
            if done is None:
                return None, tuple(ids)
            if done.occurred_at > moment:
                moment = done.occurred_at
            ids.append(done.id)
        return moment, tuple(ids)

    def evidence(self, table: str, role: str, ids: Sequence[str]) -> Evidence:
        unique = list(dict.fromkeys(ids))
        return Evidence(table, role, len(unique), _capped(unique, self.limit))

    def input(self, department_id: str) -> dict[str, RawMetric]:
        total = self.total_hours
        own = self.hours.get(department_id)
        ids = self.entry_ids.get(department_id, ())
        # The two ranked lists (with and without overtime) merged give the first of all.
        merged = sorted(ids, key=lambda e: (e.work_date, e.id))
        all_ids = tuple(e.id for e in merged[: self.limit])
        overtime_ids = tuple(e.id for e in merged if e.overtime)[: self.limit]
        hours = own.hours if own else 0.0
        entries = own.entries if own else 0
        overtime = own.overtime_entries if own else 0
        detail = f"{hours:g} h of {total:g} h on the indicator's tasks"
        # No hours at all is a share of 0 (not "no data"): relative normalisation then finds
        # that nobody has any, and a target keeps counting it, so hours added never lower it.
        share = RawMetric(
            hours / total if total > 0 else 0.0,
            detail if total > 0 else "no hours were recorded on the indicator",
            (Evidence("timesheet_entries", "this department's entries", entries, all_ids),),
        )
        count = RawMetric(
            float(overtime),
            f"{overtime} of its {entries} entries include overtime",
            (Evidence("timesheet_entries", "entries with overtime", overtime, overtime_ids),),
        )
        return {"hours_share": share, "overtime_count": count}

    def task_response(self, department_id: str) -> RawMetric:
        days, items, event_ids = [], [], []
        for task in self.in_window.get(department_id, ()):
            milestones = self.facts.milestones.get(task.id)
            if milestones is None or milestones.notified is None:
                continue
            started = milestones.started
            ready, ids = self.received(task, milestones.notified)
            if ready is None and started is None:
                continue  # still waiting for its inputs: nothing to respond to yet
            if started is not None:
                ids = (*ids, started.id)
            until = started.occurred_at if started else self.now
            hours = 0.0
            if ready:
                hours = working_hours_between(ready, until, self.calendar, self.days_off)
            event_ids += ids
            days.append(round(hours / HOURS_PER_DAY, 3))
            if len(items) < self.limit:  # only the lines shown are built
                note = "" if started else "not started yet: counted up to now"
                if ready is None or (started and started.occurred_at <= ready):
                    note = "started before its inputs were delivered"
                items.append(Item(task.code, days[-1], ids, note))
        if not days:
            return RawMetric(None, "no task to respond to in the window")
        return RawMetric(
            _mean(days),
            f"mean working days from receiving a task to starting it, {len(days)} task(s)",
            (self.evidence("task_events", "notified, inputs delivered, started", event_ids),),
            tuple(items),
            len(days),
        )

    def reply_time(self, department_id: str) -> RawMetric:
        hours, items, comment_ids = [], [], []
        for request in self.requests.get(department_id, ()):
            until = request.reply_at or self.now
            waited = working_hours_between(request.created_at, until, self.calendar, self.days_off)
            ids = (request.comment_id,)
            if request.reply_id:
                ids = (request.comment_id, request.reply_id)
            comment_ids += ids
            hours.append(round(waited, 3))
            if len(items) < self.limit:  # only the lines shown are built
                code = self.codes.get(request.task_id, "?")
                note = "" if request.reply_id else "no reply yet: counted up to now"
                items.append(Item(f"mention on {code}", hours[-1], ids, note))
        if not hours:
            return RawMetric(None, "not mentioned by another department in the window")
        return RawMetric(
            _mean(hours),
            f"mean working hours to the department's first reply, {len(hours)} mention(s)",
            (self.evidence("comments", "mentioning comments and replies", comment_ids),),
            tuple(items),
            len(hours),
        )

    def quality(self, department_id: str) -> dict[str, RawMetric]:
        items: list[Item] = []
        total, passed, returns = 0, 0, 0
        submission_ids: list[str] = []
        returned_ids: list[str] = []  # known only with evidence ids (limit > 0)
        for task in self.in_window.get(department_id, ()):
            milestones = self.facts.milestones.get(task.id)
            first = milestones.first_submission if milestones else None
            if first is None:
                continue
            ok = first.check_result == "complete" and not milestones.returns
            total += 1
            passed += ok
            returns += milestones.returns
            submission_ids.append(first.id)
            returned = self.facts.returned.get(task.id, ())
            returned_ids += returned
            if len(items) < self.limit:  # only the lines shown are built
                note = "passed first time"
                if not ok:
                    complete = first.check_result == "complete"
                    note = "returned by the lead department" if complete else "first one incomplete"
                evidence_ids = (first.id, *returned)
                items.append(Item(task.code, float(milestones.returns), evidence_ids, note))
        if not total:
            empty = RawMetric(None, "nothing submitted in the window")
            return {"first_pass_rate": empty, "revisions_per_task": empty}
        submissions = self.evidence("submissions", "first submissions", submission_ids)
        # Every return is one event of one task: the count is the returns', the ids shown
        # the first of them.
        returned_evidence = Evidence(
            "task_events", "returned events", returns, _capped(returned_ids, self.limit)
        )
        shown = tuple(items)
        rate = RawMetric(
            passed / total,
            f"{passed} of {total} task(s) passed the check first time and were not returned",
            (submissions, returned_evidence),
            shown,
            total,
        )
        revisions = RawMetric(
            returns / total,
            f"{returns} return(s) for revision over {total} submitted task(s)",
            (returned_evidence,),
            shown,
            total,
        )
        return {"first_pass_rate": rate, "revisions_per_task": revisions}

    def collaboration(self, department_id: str) -> dict[str, RawMetric]:
        problems = self.problems.get(department_id, [])
        shown = tuple(
            Item(f"problem on {self.codes.get(p.task_id, '?')}", None, (p.problem_id, p.reply_id))
            for p in problems[: max(0, self.limit)]
        )
        resolved = RawMetric(
            float(len(problems)),
            f"{len(problems)} problem(s) of other departments resolved by its replies",
            (self.evidence("comments", "problems it resolved", [p.problem_id for p in problems]),),
            shown,
            len(problems),
        )
        given = self.support.get(department_id, [])
        support = RawMetric(
            float(len(given)),
            f"{len(given)} confirmed support record(s) given to other departments",
            (self.evidence("support_records", "confirmed support given", [s.id for s in given]),),
        )
        return {"problems_resolved": resolved, "support_given": support}


def raw_metrics(
    facts: IndicatorFacts,
    names: dict[str, str],
    window: Window,
    now: datetime,
    limit: int,
    calendar: WorkCalendar,
    finished: dict[str, sql.EventRow] | None = None,
) -> list[DepartmentInput]:
    """Each participating department's raw sub-metrics, in department-name order
    (`finished`: `finished_by_task(facts)` when the caller already has it)."""
    builder = _Builder(facts, window, now, limit, calendar, finished)
    inputs = []
    roles = participants(facts)
    for department_id in sorted(roles, key=lambda d: (names.get(d, d), d)):
        metrics: dict[str, RawMetric] = {}
        metrics.update(builder.input(department_id))
        metrics["task_response_days"] = builder.task_response(department_id)
        metrics["mention_reply_hours"] = builder.reply_time(department_id)
        metrics.update(builder.quality(department_id))
        metrics.update(builder.collaboration(department_id))
        name = names.get(department_id, department_id)
        inputs.append(DepartmentInput(department_id, name, roles[department_id], metrics))
    return inputs
