"""Table models of the scores page: totals, one department's tree, deductions, late tasks,
and a page of evidence rows.

Numbers a user can click to see the rows behind them are drawn as links (blue, underlined);
`EvidenceTargetRole` gives what they stand for: ("total" | "dimension" | "metric", key).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from govperf_desktop.domain.attribution import TaskAttribution
from govperf_desktop.domain.liability import Deduction
from govperf_desktop.domain.scoring import MetricScore
from govperf_desktop.services.score_views import DIMENSIONS, ScoreComparison
from govperf_desktop.services.scoring import DepartmentResult
from govperf_desktop.services.scoring_evidence import EvidenceRowView
from govperf_desktop.ui.models.base import RowTableModel, format_date, format_moment

LINK_COLOUR = QColor("#1565c0")
LOWER_COLOUR = QColor("#c62828")
HIGHER_COLOUR = QColor("#2e7d32")
MUTED_COLOUR = QColor("#757575")


def table_view(name: str) -> QTableView:
    """A read-only table of whole rows, one selected at a time, columns sized to contents."""
    view = QTableView()
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


def chinese_ui() -> bool:
    """True when the interface speaks Chinese (reasons and sentences come in both)."""
    return QLocale().name().startswith("zh")


def dimension_label(code: str) -> str:
    labels = {
        "input": QCoreApplication.translate("ScoreLabels", "Input"),
        "response": QCoreApplication.translate("ScoreLabels", "Response speed"),
        "quality": QCoreApplication.translate("ScoreLabels", "Output quality"),
        "collaboration": QCoreApplication.translate("ScoreLabels", "Collaboration"),
    }
    return labels.get(code, code)


def metric_label(code: str) -> str:
    labels = {
        "hours_share": QCoreApplication.translate("ScoreLabels", "Hours share"),
        "overtime_count": QCoreApplication.translate("ScoreLabels", "Overtime entries"),
        "task_response_days": QCoreApplication.translate("ScoreLabels", "Task response time"),
        "mention_reply_hours": QCoreApplication.translate("ScoreLabels", "Reply to mentions"),
        "first_pass_rate": QCoreApplication.translate("ScoreLabels", "First-pass rate"),
        "revisions_per_task": QCoreApplication.translate("ScoreLabels", "Revisions per task"),
        "problems_resolved": QCoreApplication.translate("ScoreLabels", "Problems resolved"),
        "support_given": QCoreApplication.translate("ScoreLabels", "Support given"),
    }
    return labels.get(code, code)


def rule_label(kind: str) -> str:
    labels = {
        "failure_caused_miss": QCoreApplication.translate(
            "ScoreLabels", "Its failure caused the miss"
        ),
        "cooperating": QCoreApplication.translate("ScoreLabels", "Cooperating department"),
        "blocking_delay": QCoreApplication.translate(
            "ScoreLabels", "Its delay made another department late"
        ),
    }
    return labels.get(kind, kind)


def role_label(code: str) -> str:
    labels = {
        "lead": QCoreApplication.translate("ScoreLabels", "lead department"),
        "cooperating": QCoreApplication.translate("ScoreLabels", "cooperating department"),
        "task": QCoreApplication.translate("ScoreLabels", "tasks only"),
    }
    return labels.get(code, code)


def points(value: float) -> str:
    return f"{value:.2f}"


def signed(value: float) -> str:
    return "0.00" if abs(value) < 0.005 else f"{value:+.2f}"


def raw_value(metric: MetricScore) -> str:
    value = metric.value
    if value is None:
        return QCoreApplication.translate("ScoreLabels", "no data")
    if metric.unit == "share":
        return f"{value * 100:.1f}%"
    if metric.unit in ("entries", "problems", "records"):
        return f"{value:g}"
    units = {
        "days": QCoreApplication.translate("ScoreLabels", "{value} working days"),
        "hours": QCoreApplication.translate("ScoreLabels", "{value} working hours"),
        "per task": QCoreApplication.translate("ScoreLabels", "{value} per task"),
    }
    return units.get(metric.unit, "{value} " + metric.unit).format(value=f"{value:.4g}")


def _link_font() -> QFont:
    font = QFont()
    font.setUnderline(True)
    return font


class TotalsModel(RowTableModel[DepartmentResult]):
    """One row per department: points per dimension, deductions and total (links)."""

    COL_DEPARTMENT = 0
    COL_ROLE = 1
    COL_INPUT = 2
    COL_RESPONSE = 3
    COL_QUALITY = 4
    COL_COLLABORATION = 5
    COL_BEFORE = 6
    COL_DEDUCTIONS = 7
    COL_TOTAL = 8
    COL_SAVED = 9
    COL_DIFFERENCE = 10
    DIMENSION_COLUMNS: ClassVar[dict[str, int]] = dict(zip(DIMENSIONS, range(2, 6), strict=True))

    EvidenceTargetRole = Qt.ItemDataRole.UserRole + 101

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._comparison: ScoreComparison | None = None

    def set_comparison(self, comparison: ScoreComparison | None) -> None:
        self._comparison = comparison
        self.set_rows(comparison.scores.departments if comparison else ())

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Department"),
            self.tr("Role"),
            *(dimension_label(code) for code in DIMENSIONS),
            self.tr("Before deductions"),
            self.tr("Deductions"),
            self.tr("Total"),
            self.tr("Saved total"),
            self.tr("Difference"),
        )

    def _dimension(self, row: DepartmentResult, column: int) -> float:
        for dimension in row.dimensions:
            if self.DIMENSION_COLUMNS.get(dimension.dimension) == column:
                return dimension.points
        return 0.0

    def display(self, row: DepartmentResult, column: int) -> str:
        saved = self._comparison.saved_totals if self._comparison else {}
        if column == self.COL_DEPARTMENT:
            return row.department
        if column == self.COL_ROLE:
            return role_label(row.role)
        if column in self.DIMENSION_COLUMNS.values():
            return points(self._dimension(row, column))
        if column == self.COL_BEFORE:
            return points(row.total_before_deductions)
        if column == self.COL_DEDUCTIONS:
            deducted = sum(d.points for d in row.deductions)
            return points(-deducted) if deducted else points(0)
        if column == self.COL_TOTAL:
            return points(row.total)
        if column == self.COL_SAVED:
            return points(saved.get(row.department_id, 0.0))
        if column == self.COL_DIFFERENCE and self._comparison is not None:
            return signed(self._comparison.difference(row.department_id))
        return ""

    def evidence_target(self, column: int) -> tuple[str, str] | None:
        for code, dimension_column in self.DIMENSION_COLUMNS.items():
            if column == dimension_column:
                return ("dimension", code)
        if column in (self.COL_BEFORE, self.COL_TOTAL):
            return ("total", "")
        return None

    def tooltip(self, row: DepartmentResult, column: int) -> str | None:
        if self.evidence_target(column) is not None:
            return self.tr("Click to see the rows behind this number")
        if column == self.COL_DEDUCTIONS and row.deductions:
            return "\n".join(f"{rule_label(d.kind)} {d.percent:g}%" for d in row.deductions)
        return None

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return None if column <= self.COL_ROLE else Qt.AlignmentFlag.AlignRight

    def decoration(self, row: DepartmentResult, column: int, role: int) -> Any:
        linked = self.evidence_target(column) is not None
        if role == Qt.ItemDataRole.ForegroundRole:
            if linked:
                return LINK_COLOUR
            if column == self.COL_DIFFERENCE and self._comparison is not None:
                change = self._comparison.difference(row.department_id)
                return LOWER_COLOUR if change < 0 else HIGHER_COLOUR if change > 0 else None
        if role == Qt.ItemDataRole.FontRole and linked:
            font = _link_font()
            font.setBold(column == self.COL_TOTAL)
            return font
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role == self.EvidenceTargetRole:
            if not index.isValid() or self.row_at(index.row()) is None:
                return None
            return self.evidence_target(index.column())
        return super().data(index, role)


@dataclass(frozen=True)
class DetailRow:
    """A line of one department's tree: its total, a dimension or a sub-metric."""

    kind: str  # 'total', 'dimension' or 'metric'
    key: str  # dimension or metric code ('' for the total)
    label: str
    points: float
    available: float
    raw: str
    detail: str
    applicable: bool = True


def detail_rows(result: DepartmentResult) -> list[DetailRow]:
    """The total, then each dimension followed by its sub-metrics."""
    total_label = QCoreApplication.translate("ScoreLabels", "Total")
    rows = [DetailRow("total", "", total_label, result.total, 100.0, "", "")]
    for dimension in result.dimensions:
        state = (
            ""
            if dimension.applicable
            else QCoreApplication.translate(
                "ScoreLabels", "not applicable: its weight went to the others"
            )
        )
        rows.append(
            DetailRow(
                "dimension", dimension.dimension, dimension_label(dimension.dimension),
                dimension.points, dimension.points_available, "", state, dimension.applicable,
            )
        )  # fmt: skip
        for metric in dimension.metrics:
            rows.append(
                DetailRow(
                    "metric", metric.metric, metric_label(metric.metric), metric.points,
                    metric.points_available, raw_value(metric),
                    metric.detail + (f" — {metric.note}" if metric.note else ""),
                    metric.applicable,
                )
            )  # fmt: skip
    return rows


class DetailModel(RowTableModel[DetailRow]):
    """One department's total, dimensions and sub-metrics; points are links."""

    COL_ITEM = 0
    COL_POINTS = 1
    COL_AVAILABLE = 2
    COL_RAW = 3
    COL_DETAIL = 4

    EvidenceTargetRole = TotalsModel.EvidenceTargetRole

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Item"),
            self.tr("Points"),
            self.tr("Of"),
            self.tr("Raw value"),
            self.tr("How it was computed"),
        )

    def display(self, row: DetailRow, column: int) -> str:
        if column == self.COL_ITEM:
            return ("    " if row.kind == "metric" else "") + row.label
        if column == self.COL_POINTS:
            return points(row.points)
        if column == self.COL_AVAILABLE:
            return points(row.available)
        if column == self.COL_RAW:
            return row.raw
        if column == self.COL_DETAIL:
            return row.detail
        return ""

    def tooltip(self, row: DetailRow, column: int) -> str | None:
        if column == self.COL_POINTS:
            return self.tr("Click to see the rows behind this number")
        if column == self.COL_DETAIL and row.detail:
            return row.detail
        return None

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column in (1, 2) else None

    def decoration(self, row: DetailRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.COL_POINTS:
                return LINK_COLOUR
            if not row.applicable:
                return MUTED_COLOUR
        if role == Qt.ItemDataRole.FontRole:
            font = _link_font() if column == self.COL_POINTS else QFont()
            font.setBold(row.kind != "metric")
            return font
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role == self.EvidenceTargetRole:
            row = self.row_at(index.row()) if index.isValid() else None
            if row is None or index.column() != self.COL_POINTS:
                return None
            return (row.kind, row.key)
        return super().data(index, role)


@dataclass(frozen=True)
class DeductionRow:
    department: str
    total_before: float
    deduction: Deduction


class DeductionsModel(RowTableModel[DeductionRow]):
    """Every department's deductions (joint liability): rule, percentage, points, reason."""

    COL_DEPARTMENT = 0
    COL_RULE = 1
    COL_PERCENT = 2
    COL_POINTS = 3
    COL_REASON = 4

    def set_results(self, results: Sequence[DepartmentResult]) -> None:
        self.set_rows(
            [
                DeductionRow(r.department, r.total_before_deductions, d)
                for r in results
                for d in r.deductions
            ]
        )

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Department"),
            self.tr("Rule"),
            self.tr("Percentage"),
            self.tr("Deducted"),
            self.tr("Reason"),
        )

    def display(self, row: DeductionRow, column: int) -> str:
        deduction = row.deduction
        if column == self.COL_DEPARTMENT:
            return row.department
        if column == self.COL_RULE:
            return rule_label(deduction.kind)
        if column == self.COL_PERCENT:
            return f"{deduction.percent:g}%"
        if column == self.COL_POINTS:
            capped = self.tr(" (capped)") if deduction.capped else ""
            return points(-deduction.points) + capped
        if column == self.COL_REASON:
            return deduction.reason_zh if chinese_ui() else deduction.reason_en
        return ""

    def tooltip(self, row: DeductionRow, column: int) -> str | None:
        deduction = row.deduction
        if column == self.COL_RULE:
            return deduction.description
        if column == self.COL_POINTS:
            return self.tr("{percent}% of {before} before deductions").format(
                percent=f"{deduction.percent:g}", before=points(row.total_before)
            )
        if column == self.COL_REASON:
            return deduction.reason_zh if chinese_ui() else deduction.reason_en
        return None

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column in (2, 3) else None


class LateTasksModel(RowTableModel[TaskAttribution]):
    """The indicator's late tasks and the sentence saying whose delay each day was."""

    COL_TASK = 0
    COL_DEPARTMENT = 1
    COL_DEADLINE = 2
    COL_LATE = 3
    COL_OWN = 4
    COL_CAUSED = 5
    COL_EXPLANATION = 6

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Task"),
            self.tr("Department"),
            self.tr("Deadline"),
            self.tr("Days overdue"),
            self.tr("Own days"),
            self.tr("Caused upstream"),
            self.tr("Attribution"),
        )

    def display(self, row: TaskAttribution, column: int) -> str:
        values = {
            self.COL_TASK: row.code,
            self.COL_DEPARTMENT: row.department,
            self.COL_DEADLINE: format_date(row.deadline),
            self.COL_LATE: str(row.days_late),
            self.COL_OWN: str(row.own_days),
            self.COL_CAUSED: str(row.caused_days),
            self.COL_EXPLANATION: row.explanation_zh if chinese_ui() else row.explanation_en,
        }
        return values.get(column, "")

    def tooltip(self, row: TaskAttribution, column: int) -> str | None:
        if column == self.COL_TASK:
            return row.content
        if column == self.COL_EXPLANATION:
            return row.explanation_zh if chinese_ui() else row.explanation_en
        return None

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column in (3, 4, 5) else None


class EvidenceModel(RowTableModel[EvidenceRowView]):
    """One page of the rows behind a number."""

    COL_TABLE = 0
    COL_ID = 1
    COL_WHEN = 2
    COL_SUMMARY = 3

    def headers(self) -> Sequence[str]:
        return (self.tr("Table"), self.tr("Row id"), self.tr("When"), self.tr("Summary"))

    def display(self, row: EvidenceRowView, column: int) -> str:
        if column == self.COL_TABLE:
            return table_label(row.table)
        if column == self.COL_ID:
            return row.id
        if column == self.COL_WHEN:
            at = row.at
            return format_moment(at) if isinstance(at, datetime) else format_date(at)
        if column == self.COL_SUMMARY:
            return row.summary
        return ""

    def tooltip(self, row: EvidenceRowView, column: int) -> str | None:
        return row.summary if column == self.COL_SUMMARY else None


def table_label(table: str) -> str:
    labels = {
        "timesheet_entries": QCoreApplication.translate("ScoreLabels", "timesheet entries"),
        "task_events": QCoreApplication.translate("ScoreLabels", "task events"),
        "submissions": QCoreApplication.translate("ScoreLabels", "submissions"),
        "comments": QCoreApplication.translate("ScoreLabels", "comments"),
        "support_records": QCoreApplication.translate("ScoreLabels", "support records"),
    }
    return labels.get(table, table)
