"""The week grid's view: the keyboard of a timesheet grid, and refused cells kept visible.

Arrows and Tab move between cells, typing a number starts editing the cell (replacing its
value), Enter commits (the model hands the value to the page, which saves it off the UI
thread), Enter on a cell not being edited opens it, Delete or Backspace clears it. A refused
cell stays red while selected, since the cursor stays on it after Enter.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from govperf_desktop.ui.week_grid import ERROR_FOREGROUND, WeekGridModel

TASK_COLUMN_WIDTH = 280


class HoursDelegate(QStyledItemDelegate):
    """Keeps a refused cell red while it is selected (the cursor stays on it after Enter)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if index.data(WeekGridModel.ErrorRole):
            option = QStyleOptionViewItem(option)
            option.palette.setColor(QPalette.ColorRole.Highlight, ERROR_FOREGROUND)
            option.palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
        super().paint(painter, option, index)


class WeekGridView(QTableView):
    """The grid's keyboard: typing starts editing, Enter commits, Delete clears a cell."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weekGrid")
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setItemDelegate(HoursDelegate(self))
        self.setTabKeyNavigation(True)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() * 2 + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(64)

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        model.modelReset.connect(self._fit_columns)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The task column is wide and resizable; the days and the total share the rest."""
        header = self.horizontalHeader()
        if header.count() <= WeekGridModel.COL_TASK:
            return
        header.setSectionResizeMode(WeekGridModel.COL_TASK, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(WeekGridModel.COL_TASK, TASK_COLUMN_WIDTH)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != QAbstractItemView.State.EditingState
            and index.isValid()
            and index.flags() & Qt.ItemFlag.ItemIsEditable
        ):
            self.model().setData(index, "", Qt.ItemDataRole.EditRole)
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
            and index.isValid()
            and index.flags() & Qt.ItemFlag.ItemIsEditable
        ):
            self.edit(index)
            return
        super().keyPressEvent(event)
