"""Table models of the dashboard: open tasks, warnings and reminders, mentions, record counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from govperf_desktop.ui.models import labels
from govperf_desktop.ui.models.base import RowTableModel, format_date, format_moment

if TYPE_CHECKING:
    from govperf_desktop.services.alerts import AlertView
    from govperf_desktop.services.dashboard import MentionEntry, OpenTask

LATE = QColor("#b3261e")
SOON = QColor("#9a6700")


class OpenTaskModel(RowTableModel["OpenTask"]):
    """My department's open tasks, earliest deadline first."""

    COL_DEADLINE = 0
    COL_CODE = 1
    COL_CONTENT = 2
    COL_INDICATOR = 3
    COL_STATUS = 4

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Deadline"),
            self.tr("Task"),
            self.tr("Content"),
            self.tr("Indicator"),
            self.tr("Status"),
        )

    def display(self, row: OpenTask, column: int) -> str:
        if column == self.COL_DEADLINE:
            if row.deadline is None:
                return self.tr("none")
            if row.days_overdue:
                return self.tr("{date} ({days} d overdue)").format(
                    date=format_date(row.deadline), days=row.days_overdue
                )
            return format_date(row.deadline)
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_CONTENT:
            return row.content
        if column == self.COL_INDICATOR:
            return row.indicator
        if column == self.COL_STATUS:
            return labels.task_status(row.status)
        return ""

    def tooltip(self, row: OpenTask, column: int) -> str | None:
        return f"{row.code} {row.content}\n{row.indicator}"

    def decoration(self, row: OpenTask, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_DEADLINE:
            if row.days_overdue:
                return QBrush(LATE)
            if row.days_left is not None and row.days_left <= 3:
                return QBrush(SOON)
        return None


class AlertModel(RowTableModel["AlertView"]):
    """Warnings (overdue) and reminders (due soon) of my department."""

    COL_KIND = 0
    COL_CODE = 1
    COL_CONTENT = 2
    COL_DEADLINE = 3
    COL_WHEN = 4
    COL_ACKNOWLEDGED = 5

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Kind"),
            self.tr("Task"),
            self.tr("Content"),
            self.tr("Deadline"),
            self.tr("Days"),
            self.tr("Acknowledged"),
        )

    def display(self, row: AlertView, column: int) -> str:
        if column == self.COL_KIND:
            return self.tr("Warning") if row.kind == "overdue" else self.tr("Reminder")
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_CONTENT:
            return row.content
        if column == self.COL_DEADLINE:
            return format_date(row.deadline)
        if column == self.COL_WHEN:
            if row.kind == "overdue":
                return self.tr("{days} day(s) overdue").format(days=row.days_overdue)
            if row.days_left == 0:
                return self.tr("due today")
            return self.tr("{days} day(s) left").format(days=row.days_left)
        if column == self.COL_ACKNOWLEDGED:
            return ", ".join(ack.person for ack in row.acknowledgements) if row.acknowledged else ""
        return ""

    def tooltip(self, row: AlertView, column: int) -> str | None:
        heads = "、".join(row.addressees)
        return self.tr("{indicator}; addressed to: {heads}").format(
            indicator=row.indicator, heads=heads or "—"
        )

    def decoration(self, row: AlertView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_KIND:
            return QBrush(LATE if row.kind == "overdue" else SOON)
        return None


class MentionModel(RowTableModel["MentionEntry"]):
    """Comments that mention me or my department, newest first."""

    COL_WHEN = 0
    COL_AUTHOR = 1
    COL_TASK = 2
    COL_TEXT = 3
    COL_WHOM = 4

    def headers(self) -> Sequence[str]:
        return (
            self.tr("When"),
            self.tr("From"),
            self.tr("Task"),
            self.tr("Comment"),
            self.tr("Mentions"),
        )

    def display(self, row: MentionEntry, column: int) -> str:
        if column == self.COL_WHEN:
            return format_moment(row.created_at)
        if column == self.COL_AUTHOR:
            return f"{row.author}（{row.author_department}）"
        if column == self.COL_TASK:
            return row.task_code
        if column == self.COL_TEXT:
            return row.snippet
        if column == self.COL_WHOM:
            return self.tr("me") if row.of_person else self.tr("my department")
        return ""

    def tooltip(self, row: MentionEntry, column: int) -> str | None:
        return f"{row.task_code} · {row.indicator}\n{row.snippet}"


class RecordCountModel(QAbstractTableModel):
    """Record kinds of the store and how many rows each has, one kind per row."""

    COL_KIND = 0
    COL_COUNT = 1

    # Role returning the record kind's key (its table name), untranslated.
    KindRole = Qt.ItemDataRole.UserRole
    # Role returning a comparable value for sorting (the label, or the count as an int).
    SortRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, int]] = []
        self._labels: dict[str, str] = {}

    def set_rows(self, counts: dict[str, int]) -> None:
        """Replace the contents with `counts` (record kind → number of rows), keeping its order."""
        self.beginResetModel()
        self._labels = self._kind_labels()
        self._rows = list(counts.items())
        self.endResetModel()

    def kind_label(self, kind: str) -> str:
        """The translated name of a record kind; an unknown kind shows as its key."""
        return self._labels.get(kind, kind)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        kind, count = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_KIND:
                return self.kind_label(kind)
            if column == self.COL_COUNT:
                return QLocale().toString(count)
        elif role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == self.KindRole:
            return kind
        elif role == self.SortRole:
            return count if column == self.COL_COUNT else self.kind_label(kind)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == self.COL_KIND:
            return self.tr("Record kind")
        if section == self.COL_COUNT:
            return self.tr("Count")
        return None

    def _kind_labels(self) -> dict[str, str]:
        # One literal self.tr() per kind, so that lupdate finds every one of them.
        return {
            "departments": self.tr("Departments"),
            "people": self.tr("People"),
            "nodes": self.tr("Installations"),
            "indicators": self.tr("Performance indicators"),
            "cooperating_departments": self.tr("Cooperating departments"),
            "tasks": self.tr("Tasks"),
            "task_dependencies": self.tr("Task dependencies"),
            "standard_items": self.tr("Output standard items"),
            "liability_rules": self.tr("Joint-liability rules"),
            "task_events": self.tr("Task events"),
            "submissions": self.tr("Submissions"),
            "submission_files": self.tr("Submission files"),
            "timesheet_entries": self.tr("Timesheet entries"),
            "comments": self.tr("Task comments"),
            "mentions": self.tr("Mentions"),
            "support_records": self.tr("Support records"),
            "scoring_configs": self.tr("Scoring configurations"),
            "person_roles": self.tr("Role assignments"),
            "alert_acknowledgements": self.tr("Alert acknowledgements"),
            "timesheet_periods": self.tr("Timesheet periods"),
            "node_certificates": self.tr("Node certificates"),
            "revocations": self.tr("Revoked installations"),
            "changes": self.tr("Change log entries"),
        }
