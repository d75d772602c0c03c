"""The plain data of the three reports (部门投入度报告, 考核评分报告, 期间汇总).

`services/reports.py` fills these frozen dataclasses from SQL aggregates and the score
service; the modules of `reports/` turn them into a `document.Document` that the PDF and
xlsx writers render. Nothing here reads a store: numbers arrive computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # plain data: no matplotlib import for the gantt module's task type
    from govperf_desktop.reports.gantt import GanttTask


@dataclass(frozen=True)
class ReportHeader:
    """What every page of a report says about where it came from."""

    title: str  # e.g. 部门投入度报告
    organisation: str
    subject: str  # the indicator, or "全部指标" for the summary
    period: str  # the window: a label such as 2026-11, or "全部 (2026-08~2026-11)"
    generated_at: datetime  # aware, office time
    installation: str  # the node that produced it: 名称(中心节点 / 部门节点 / 考核人员节点)


# --- 部门投入度报告 -------------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentHours:
    department: str
    role: str  # 牵头, 配合, 承担任务 (or — without a role)
    hours: float
    share: float  # of all hours on the indicator's tasks in the window, 0..1
    entries: int
    overtime_hours: float
    overtime_entries: int
    people: int


@dataclass(frozen=True)
class PersonHours:
    department: str
    person: str
    hours: float
    entries: int
    overtime_hours: float
    overtime_entries: int


@dataclass(frozen=True)
class TaskTimeliness:
    code: str
    content: str
    department: str
    deadline: date
    finished: date | None  # None: still open
    days_late: int
    own_days: int
    caused_days: int  # days caused by an upstream task
    charged_to: str  # "税务局 14天; 民政局 2天" (empty when on time)
    explanation: str  # the attribution sentence in Chinese (empty when on time)


@dataclass(frozen=True)
class ResponseTime:
    department: str
    task_response_days: float | None  # mean working days from receiving to starting
    tasks: int
    mention_reply_hours: float | None  # mean working hours to the first reply
    mentions: int
    unanswered: int


@dataclass(frozen=True)
class InputReport:
    header: ReportHeader
    indicator: str
    indicator_period: str
    status: str
    lead_department: str
    total_hours: float
    departments: tuple[DepartmentHours, ...]  # most hours first
    people: tuple[PersonHours, ...]  # by department order, then most hours
    tasks: tuple[TaskTimeliness, ...]  # deadline order
    responses: tuple[ResponseTime, ...]  # department order as in `departments`
    # The task timeline the desktop's indicators page draws (reports.gantt), as of `today`:
    timeline: tuple[GanttTask, ...] = ()
    timeline_departments: tuple[str, ...] = ()  # colour order: lead, cooperating, others
    late_shares: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()  # code → shares
    today: date | None = None


# --- 考核评分报告 ---------------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentTotal:
    department: str
    role: str
    dimensions: tuple[float, ...]  # points per dimension, in ScoreReport.dimension_labels order
    available: tuple[float, ...]  # points available per dimension (after reweighting)
    before: float
    deducted: float  # positive
    total: float


@dataclass(frozen=True)
class MetricLine:
    department: str
    dimension: str  # Chinese label
    metric: str  # Chinese label
    value: float | None  # the raw value (None: no data)
    value_text: str  # the raw value with its unit, for a person
    points: float
    available: float
    applicable: bool
    evidence: str  # a short summary of the rows behind it (Chinese)
    computed: str = ""  # how the value became a fraction (Chinese): "x ÷ 最佳 y = 0.330"


@dataclass(frozen=True)
class DeductionLine:
    department: str
    kind: str  # liability rule kind
    rule: str  # the rule's text
    percent: float
    points: float  # positive: subtracted from the total
    reason: str  # Chinese


@dataclass(frozen=True)
class ScoreReport:
    header: ReportHeader
    indicator: str
    indicator_period: str
    status: str
    lead_department: str
    configuration: str  # which configuration scored it, and its weights
    dimension_labels: tuple[str, ...]
    dimension_weights: tuple[float, ...]
    departments: tuple[DepartmentTotal, ...]  # highest total first
    metrics: tuple[MetricLine, ...]
    deductions: tuple[DeductionLine, ...]
    attributions: tuple[str, ...]  # one Chinese sentence per late task


# --- 期间汇总 -------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorSummary:
    indicator: str
    period: str
    lead_department: str
    status: str
    participants: int
    mean_total: float | None
    best_department: str
    best_total: float | None


@dataclass(frozen=True)
class DepartmentSummary:
    department: str
    indicators: int  # indicators of the period it takes part in
    mean_total: float
    lowest: float
    highest: float
    deducted: float  # sum of its deductions
    trend: tuple[float | None, ...]  # mean total per SummaryReport.periods (None: not scored)


@dataclass(frozen=True)
class SummaryReport:
    header: ReportHeader
    indicators: tuple[IndicatorSummary, ...]  # name order
    departments: tuple[DepartmentSummary, ...]  # name order
    cells: tuple[tuple[int, int, float], ...]  # (department index, indicator index, total)
    periods: tuple[str, ...]  # earlier periods first, the report's own period last
