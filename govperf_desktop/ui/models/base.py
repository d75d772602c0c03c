"""A read-only table model over a list of service rows, and how moments and dates are shown.

A subclass names its columns with COL_* constants, returns the header texts from
`headers()` and a cell's text from `display(row, column)`; optional hooks give tooltips,
alignment, fonts and colours. `set_rows()` replaces the rows, `append_rows()` adds a page at
the end (keyset paging). `RowRole` returns the row object itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from govperf_desktop.domain.calendar import office_time

Row = TypeVar("Row")
_NO_INDEX = QModelIndex()


def format_moment(moment: datetime | None) -> str:
    """A stored moment (aware, or naive UTC) as office time, 'YYYY-MM-DD HH:MM'."""
    return "" if moment is None else f"{office_time(moment):%Y-%m-%d %H:%M}"


def format_date(day: date | None) -> str:
    return "" if day is None else day.isoformat()


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Rows of one dataclass, one per table row; read-only."""

    # The row object of an index.
    RowRole = Qt.ItemDataRole.UserRole + 100

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    # -- what subclasses define

    def headers(self) -> Sequence[str]:
        raise NotImplementedError

    def display(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def tooltip(self, row: Row, column: int) -> str | None:
        return None

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return None

    def decoration(self, row: Row, column: int, role: int) -> Any:
        """Font, foreground or background for a cell (role says which), or None."""
        return None

    # -- contents

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(_NO_INDEX, first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- QAbstractTableModel

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.headers())

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            # EditRole too: an editable combo box shows its current item through it
            return self.display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            flag = self.alignment(column)
            return None if flag is None else int(flag | Qt.AlignmentFlag.AlignVCenter)
        if role == self.RowRole:
            return row
        if role in (
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
        ):
            return self.decoration(row, column, role)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = self.headers()
        return headers[section] if 0 <= section < len(headers) else None
