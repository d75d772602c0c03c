"""The data of the input report and the score report of one indicator (services/reports.py).

Hours per department and person are summed in SQL (one row per person); scores, response
times and delay attribution come from the score service (`services/scoring.py`), which
aggregates in SQL too. Every number in a report is the one the score service computes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from govperf_desktop.domain.attribution import TaskAttribution
from govperf_desktop.domain.calendar import office_date
from govperf_desktop.domain.scoring import MetricScore
from govperf_desktop.domain.scoring_config import DIMENSION_LABELS
from govperf_desktop.reports.report_data import (
    DeductionLine,
    DepartmentHours,
    DepartmentTotal,
    InputReport,
    MetricLine,
    PersonHours,
    ReportHeader,
    ResponseTime,
    ScoreReport,
    TaskTimeliness,
)
from govperf_desktop.services.scoring import (
    IndicatorScores,
    attribution_report,
    score_indicator,
)
from govperf_desktop.store.models import Department, Person, Submission, Task, TimesheetEntry
from govperf_desktop.store.store import Store

HeaderMaker = Callable[[str, str], ReportHeader]
ITEMS = 1_000  # per-task and per-mention items taken from the score tree
EVIDENCE = 50  # submission ids looked at for the missing checklist items
STATUS_ZH = {"draft": "草稿", "active": "进行中", "met": "已达成", "missed": "未达成"}
ROLE_ZH = {"lead": "牵头", "cooperating": "配合", "task": "承担任务", "": "—"}
KIND_ZH = {
    "failure_caused_miss": "失职导致未达成",
    "cooperating": "配合部门连带",
    "blocking_delay": "延误阻塞他部门",
}


def chinese(label: str) -> str:
    """The Chinese part of a bilingual label such as '投入度 input'."""
    return label.split(" ", 1)[0]


def period_text(scores_window_label: str, start: date | None, end: date | None) -> str:
    if start and end:
        return f"{scores_window_label} ({start.isoformat()}~{end.isoformat()})"
    return scores_window_label.replace("all", "全部", 1)


def _subject(scores: IndicatorScores) -> str:
    status = STATUS_ZH.get(scores.status, scores.status)
    return f"指标:{scores.indicator}({scores.period},{status},牵头部门 {scores.lead_department})"


def person_hours(session: Session, indicator_id: str, start: date | None, end: date | None):  # type: ignore[no-untyped-def]
    """Hours, entries, overtime hours and overtime entries per (department, person), in SQL."""
    overtime_entries = func.sum(case((TimesheetEntry.overtime > 0, 1), else_=0))
    query = (
        select(
            Department.name, Person.name, func.sum(TimesheetEntry.hours), func.count(),
            func.sum(TimesheetEntry.overtime), overtime_entries,
        )
        .select_from(Task)
        .join(TimesheetEntry, TimesheetEntry.task_id == Task.id)
        .join(Person, Person.id == TimesheetEntry.person_id)
        .join(Department, Department.id == TimesheetEntry.department_id)
        .where(Task.indicator_id == indicator_id)
        .group_by(TimesheetEntry.department_id, TimesheetEntry.person_id)
    )  # fmt: skip
    if start is not None:
        query = query.where(TimesheetEntry.work_date >= start)
    if end is not None:
        query = query.where(TimesheetEntry.work_date <= end)
    return session.execute(query).all()


def _charged(task: TaskAttribution) -> str:
    return "; ".join(f"{share.department} {share.days}天" for share in task.shares)


def _metric(result_metrics: Iterable[MetricScore], name: str) -> MetricScore | None:
    return next((m for m in result_metrics if m.metric == name), None)


def input_data(
    store: Store, indicator: str, *, now: datetime, period: str | None, header: HeaderMaker
) -> InputReport:
    scores = score_indicator(store, indicator, now=now, period=period, evidence_limit=ITEMS)
    timeline = attribution_report(store, scores.indicator_id, now=now, period=period,
                                  all_tasks=True)  # fmt: skip
    with store.read() as session:
        rows = person_hours(session, scores.indicator_id, scores.window.start, scores.window.end)
    roles = {r.department: r.role for r in scores.departments}
    people = [
        PersonHours(dept, person, float(hours or 0), int(entries), float(over or 0), int(n or 0))
        for dept, person, hours, entries, over, n in rows
    ]
    total = sum(p.hours for p in people)
    by_department: dict[str, list[PersonHours]] = {name: [] for name in roles}
    for person in people:
        by_department.setdefault(person.department, []).append(person)
    departments = []
    for name, members in by_department.items():
        hours = sum(p.hours for p in members)
        departments.append(
            DepartmentHours(
                department=name, role=ROLE_ZH.get(roles.get(name, ""), ""), hours=hours,
                share=hours / total if total else 0.0,
                entries=sum(p.entries for p in members),
                overtime_hours=sum(p.overtime_hours for p in members),
                overtime_entries=sum(p.overtime_entries for p in members),
                people=len(members),
            )
        )  # fmt: skip
    departments.sort(key=lambda d: (-d.hours, d.department))
    order = {d.department: i for i, d in enumerate(departments)}
    people.sort(key=lambda p: (order[p.department], -p.hours, p.person))
    tasks = tuple(
        TaskTimeliness(
            code=t.code, content=t.content, department=t.department, deadline=t.deadline,
            finished=t.finished, days_late=t.days_late, own_days=t.own_days,
            caused_days=t.caused_days, charged_to=_charged(t),
            explanation=t.explanation_zh if t.days_late else "",
        )
        for t in timeline.tasks
    )  # fmt: skip
    responses = []
    for result in sorted(scores.departments, key=lambda r: order.get(r.department, 0)):
        metrics = [m for d in result.dimensions for m in d.metrics]
        task = _metric(metrics, "task_response_days")
        reply = _metric(metrics, "mention_reply_hours")
        unanswered = sum(1 for i in (reply.items if reply else ()) if "no reply" in i.note)
        responses.append(
            ResponseTime(
                department=result.department,
                task_response_days=task.value if task else None,
                tasks=task.items_total if task else 0,
                mention_reply_hours=reply.value if reply else None,
                mentions=reply.items_total if reply else 0,
                unanswered=unanswered,
            )
        )
    window = period_text(scores.window.label, scores.window.start, scores.window.end)
    from govperf_desktop.services.timeline import indicator_timeline  # imports matplotlib

    gantt = indicator_timeline(store, scores.indicator_id)
    return InputReport(
        header=header(_subject(scores), window),
        indicator=scores.indicator,
        indicator_period=scores.period,
        status=STATUS_ZH.get(scores.status, scores.status),
        lead_department=scores.lead_department,
        total_hours=total,
        departments=tuple(departments),
        people=tuple(people),
        tasks=tasks,
        responses=tuple(responses),
        timeline=gantt.tasks,
        timeline_departments=gantt.departments,
        late_shares=tuple(
            (t.code, tuple((share.department, share.days) for share in t.shares))
            for t in timeline.tasks
            if t.shares
        ),
        today=office_date(now),
    )


def _missing_items(store: Store, scores: IndicatorScores) -> dict[str, list[str]]:
    """Department name → the checklist items its first submissions lacked (distinct)."""
    wanted: dict[str, str] = {}
    for result in scores.departments:
        for dimension in result.dimensions:
            for metric in dimension.metrics:
                if metric.metric == "first_pass_rate":
                    for group in metric.evidence:
                        if group.table == "submissions":
                            wanted.update({i: result.department for i in group.ids[:EVIDENCE]})
    found: dict[str, list[str]] = {}
    if not wanted:
        return found
    with store.read() as session:
        rows = session.execute(
            select(Submission.id, Submission.missing_items).where(Submission.id.in_(wanted))
        )
        for submission_id, missing in rows:
            try:
                items = json.loads(missing or "[]")
            except ValueError:
                items = []
            listed = found.setdefault(wanted[submission_id], [])
            listed += [str(i) for i in items if str(i) not in listed]
    return found


def _count(metric: MetricScore, table: str) -> int:
    return sum(g.count for g in metric.evidence if g.table == table)


def evidence_summary(metric: MetricScore, missing: list[str]) -> str:
    """A short Chinese summary of the rows behind a sub-metric's value.

    E.g. "提交1项,退回2次;缺少:需提供接口联调测试报告" for the first-pass rate.
    """
    name, total = metric.metric, metric.items_total
    if name == "hours_share":
        return f"工时记录{_count(metric, 'timesheet_entries')}条"
    if name == "overtime_count":
        return f"含加班的工时记录{_count(metric, 'timesheet_entries')}条"
    if metric.value is None and name != "problems_resolved":
        return "无数据"
    if name == "task_response_days":
        waiting = sum(1 for i in metric.items if "not started" in i.note)
        return f"{total}项任务" + (f",{waiting}项尚未开始" if waiting else "")
    if name == "mention_reply_hours":
        open_ = sum(1 for i in metric.items if "no reply" in i.note)
        return f"被其他部门@提及{total}次" + (f",{open_}次未回复" if open_ else "")
    if name == "first_pass_rate":
        returned = _count(metric, "task_events")
        text = f"提交{total}项,退回{returned}次"
        return text + (f";缺少:{'、'.join(missing)}" if missing else "")
    if name == "revisions_per_task":
        return f"退回{_count(metric, 'task_events')}次/提交{total}项"
    if name == "problems_resolved":
        return f"解决其他部门提出的问题{int(metric.value or 0)}个"
    if name == "support_given":
        return f"对方确认的支持记录{int(metric.value or 0)}条"
    return metric.detail


def _number(value: float, unit: str) -> str:
    return f"{value:.1%}" if unit == "share" else f"{value:.4g}"


def how_computed(metric: MetricScore) -> str:
    """How a sub-metric's raw value became a fraction of its points, in Chinese (the score
    tree's English `note`): "16.6% ÷ 最佳 50.2% = 0.330", "满分线 1,零分线 5 → 0.744".
    The points are that fraction of the points available (the table's next columns)."""
    if metric.fraction is None:
        if metric.value is None:
            return "无数据,不计分(权重转给同维度其他子指标)"
        return "各参与部门均为0,无从比较,不计分"
    value, unit, fraction = metric.value or 0.0, metric.unit, metric.fraction
    if metric.method == "relative":
        best = _number(metric.reference or 0.0, unit)
        if metric.higher_is_better:
            return f"{_number(value, unit)} ÷ 最佳 {best} = {fraction:.3f}"
        if value <= 0:
            return "0 为最佳,折算 1.000"
        return f"最佳 {best} ÷ {_number(value, unit)} = {fraction:.3f}"
    full, zero = _number(metric.full or 0.0, unit), _number(metric.zero or 0.0, unit)
    return f"满分线 {full},零分线 {zero} → {fraction:.3f}"


def value_text(metric: MetricScore) -> str:
    value = metric.value
    if value is None:
        return "无数据"
    if metric.unit == "share":
        return f"{value:.1%}"
    if metric.unit == "days":
        return f"{value:.2f} 个工作日"
    if metric.unit == "hours":
        return f"{value:.1f} 工作小时"
    if metric.unit == "per task":
        return f"{value:.2f} 次/项"
    return f"{value:g}"


def _configuration(scores: IndicatorScores) -> str:
    config = scores.config
    source = {"indicator": "本指标配置", "organisation": "组织默认配置", "built-in": "内置默认配置"}
    text = source.get(config.source, config.source)
    if config.version:
        text += f" v{config.version}"
    weights = ",".join(
        f"{chinese(DIMENSION_LABELS.get(k, k))} {v:g}" for k, v in config.weights.items()
    )
    what_if = "(假设权重,未保存)" if config.what_if else ""
    return f"评分配置:{text}{what_if};维度权重:{weights}"


def score_data(
    store: Store, indicator: str, *, now: datetime, period: str | None, header: HeaderMaker
) -> ScoreReport:
    scores = score_indicator(store, indicator, now=now, period=period, evidence_limit=EVIDENCE)
    missing = _missing_items(store, scores)
    keys = tuple(scores.config.weights)
    labels = tuple(chinese(DIMENSION_LABELS.get(k, k)) for k in keys)
    totals, metrics, deductions = [], [], []
    for result in scores.departments:
        dims = {d.dimension: d for d in result.dimensions}
        totals.append(
            DepartmentTotal(
                department=result.department,
                role=ROLE_ZH.get(result.role, result.role),
                dimensions=tuple(dims[k].points if k in dims else 0.0 for k in keys),
                available=tuple(dims[k].points_available if k in dims else 0.0 for k in keys),
                before=result.total_before_deductions,
                deducted=round(sum(d.points for d in result.deductions), 2),
                total=result.total,
            )
        )
        for dimension in result.dimensions:
            for metric in dimension.metrics:
                metrics.append(
                    MetricLine(
                        department=result.department, dimension=chinese(dimension.label),
                        metric=chinese(metric.label), value=metric.value,
                        value_text=value_text(metric), points=metric.points,
                        available=metric.points_available, applicable=metric.applicable,
                        evidence=evidence_summary(metric, missing.get(result.department, [])),
                        computed=how_computed(metric),
                    )
                )  # fmt: skip
        for deduction in result.deductions:
            deductions.append(
                DeductionLine(
                    department=result.department,
                    kind=KIND_ZH.get(deduction.kind, deduction.kind),
                    rule=deduction.description, percent=deduction.percent,
                    points=deduction.points, reason=deduction.reason_zh,
                )
            )  # fmt: skip
    window = period_text(scores.window.label, scores.window.start, scores.window.end)
    return ScoreReport(
        header=header(_subject(scores), window),
        indicator=scores.indicator,
        indicator_period=scores.period,
        status=STATUS_ZH.get(scores.status, scores.status),
        lead_department=scores.lead_department,
        configuration=_configuration(scores),
        dimension_labels=labels,
        dimension_weights=tuple(float(scores.config.weights[k]) for k in keys),
        departments=tuple(totals),
        metrics=tuple(metrics),
        deductions=tuple(deductions),
        attributions=tuple(t.explanation_zh for t in scores.late_tasks),
    )
