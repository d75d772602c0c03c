"""Models of the indicators page: the indicator list and one decomposition table (a tree:
tasks, with the instances of a recurring task under it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from govperf_desktop.services.indicator_views import IndicatorSummary, InstanceView, TaskRowView
from govperf_desktop.ui.models import labels
from govperf_desktop.ui.models.base import RowTableModel, format_date

_NO_INDEX = QModelIndex()
RETURNED_COLOUR = QColor("#c62828")
SEPARATOR = "；"


class IndicatorListModel(RowTableModel[IndicatorSummary]):
    """Indicators with period, status, departments and task counts."""

    COL_NAME = 0
    COL_PERIOD = 1
    COL_STATUS = 2
    COL_LEAD = 3
    COL_COOPERATING = 4
    COL_TASKS = 5

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Indicator"),
            self.tr("Period"),
            self.tr("Status"),
            self.tr("Lead department"),
            self.tr("Cooperating departments"),
            self.tr("Tasks"),
        )

    def display(self, row: IndicatorSummary, column: int) -> str:
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_PERIOD:
            return row.period
        if column == self.COL_STATUS:
            return labels.indicator_status(row.status)
        if column == self.COL_LEAD:
            return row.lead_department
        if column == self.COL_COOPERATING:
            return "、".join(row.cooperating)
        if column == self.COL_TASKS:
            return str(row.tasks)
        return ""

    def tooltip(self, row: IndicatorSummary, column: int) -> str | None:
        if column == self.COL_PERIOD:
            return f"{row.period_start:%Y-%m-%d} – {row.period_end:%Y-%m-%d}"
        if column == self.COL_TASKS and row.recurring:
            return self.tr("{recurring} recurring, {instances} instances").format(
                recurring=row.recurring, instances=row.instances
            )
        return None

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column == self.COL_TASKS else None


class IndicatorFilter(QSortFilterProxyModel):
    """Keeps the indicators whose name or departments contain the typed text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)  # any column


class DecompositionModel(QAbstractItemModel):
    """A decomposition table (指标分解表): a row per task, a recurring task's instances under it."""

    COL_CODE = 0
    COL_DEPARTMENT = 1
    COL_CONTENT = 2
    COL_DEADLINE = 3
    COL_STATUS = 4
    COL_STANDARD = 5
    COL_DEPENDS = 6
    COLUMNS = 7

    # The task id of a row (a task or an instance).
    TaskIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: list[TaskRowView] = []

    def set_rows(self, tasks: Sequence[TaskRowView]) -> None:
        self.beginResetModel()
        self._tasks = list(tasks)
        self.endResetModel()

    def task_rows(self) -> list[TaskRowView]:
        return list(self._tasks)

    def find(self, code: str) -> QModelIndex:
        """The index (column 0) of the task or instance with `code`, or an invalid one."""
        for row, task in enumerate(self._tasks):
            if task.code == code:
                return self.index(row, 0)
            for child, instance in enumerate(task.instances):
                if instance.code == code:
                    return self.index(child, 0, self.index(row, 0))
        return QModelIndex()

    # -- structure: internalId 0 = a task, n > 0 = an instance of the task in row n - 1

    def index(
        self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX
    ) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:
        if not parent.isValid():
            return len(self._tasks)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self._tasks[parent.row()].instances)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:
        return self.COLUMNS

    def _item(self, index: QModelIndex | QPersistentModelIndex) -> tuple[TaskRowView, Any]:
        if index.internalId() == 0:
            task = self._tasks[index.row()]
            return task, task
        task = self._tasks[index.internalId() - 1]
        return task, task.instances[index.row()]

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        task, item = self._item(index)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(task, item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_STANDARD:
            return "\n".join(f"• {text}" for text in task.standard) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_CONTENT:
            return task.content
        if role == self.TaskIdRole:
            return item.id
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_STATUS:
            return QBrush(RETURNED_COLOUR) if item.status == "returned" else None
        return None

    def _display(self, task: TaskRowView, item: Any, column: int) -> str:
        instance = isinstance(item, InstanceView)
        if column == self.COL_CODE:
            return item.code
        if column == self.COL_DEPARTMENT:
            return task.department
        if column == self.COL_CONTENT:
            return task.content
        if column == self.COL_DEADLINE:
            if instance or task.recurrence is None:
                return format_date(item.deadline)
            return task.recurrence_text or task.recurrence or ""
        if column == self.COL_STATUS:
            if not instance and task.recurrence is not None:
                return self.tr("recurring (%n instance(s))", "", len(task.instances))
            return labels.task_status(item.status)
        if column == self.COL_STANDARD:
            return SEPARATOR.join(task.standard)
        if column == self.COL_DEPENDS:
            return "、".join(item.depends_on)
        return ""

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = (
            self.tr("Code"),
            self.tr("Department"),
            self.tr("Task"),
            self.tr("Deadline"),
            self.tr("Status"),
            self.tr("Output standard"),
            self.tr("Depends on"),
        )
        return headers[section] if 0 <= section < len(headers) else None
