"""Models of the task page: output-standard checklist, submissions, events, support records."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from govperf_desktop.services.support import SupportView
from govperf_desktop.services.task_views import EventView, SubmissionView
from govperf_desktop.ui.models import labels
from govperf_desktop.ui.models.base import RowTableModel, format_moment

_NO_INDEX = QModelIndex()
MISSING_COLOUR = QColor("#c62828")
SEPARATOR = "；"


class ChecklistModel(QAbstractListModel):
    """The items of a task's output standard (输出标准), each ticked when the output has it."""

    # Whether the latest submission lacked this item (bool).
    MissingRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[str] = []
        self._ticked: set[str] = set()
        self._missing: set[str] = set()
        self._editable = True

    def set_rows(
        self, items: Sequence[str], *, ticked: Iterable[str] = (), missing: Iterable[str] = ()
    ) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._ticked = set(ticked) & set(self._items)
        self._missing = set(missing)
        self.endResetModel()

    def set_editable(self, editable: bool) -> None:
        """Whether the user may tick items (only while the output can be submitted)."""
        if editable != self._editable:
            self._editable = editable
            if self._items:
                self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))

    def ticked_items(self) -> list[str]:
        """The ticked items, in checklist order."""
        return [item for item in self._items if item in self._ticked]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item
        if role == Qt.ItemDataRole.CheckStateRole:
            ticked = item in self._ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == self.MissingRole:
            return item in self._missing
        if role == Qt.ItemDataRole.ForegroundRole and item in self._missing:
            return QBrush(MISSING_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and item in self._missing:
            return self.tr("Missing from the latest submission")
        return None

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or not self._editable
            or not 0 <= index.row() < len(self._items)
        ):
            return False
        item = self._items[index.row()]
        state = value.value if isinstance(value, Qt.CheckState) else value
        if state == Qt.CheckState.Checked.value:
            self._ticked.add(item)
        else:
            self._ticked.discard(item)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


class SubmissionModel(RowTableModel[SubmissionView]):
    """A task's submissions (revision history) with the standard check's result."""

    COL_REVISION = 0
    COL_SUBMITTED_BY = 1
    COL_SUBMITTED_AT = 2
    COL_RESULT = 3
    COL_MISSING = 4
    COL_FILES = 5

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Revision"),
            self.tr("Submitted by"),
            self.tr("Submitted at"),
            self.tr("Standard check"),
            self.tr("Missing items"),
            self.tr("Files"),
        )

    def display(self, row: SubmissionView, column: int) -> str:
        if column == self.COL_REVISION:
            return str(row.revision)
        if column == self.COL_SUBMITTED_BY:
            return row.submitted_by
        if column == self.COL_SUBMITTED_AT:
            return format_moment(row.submitted_at)
        if column == self.COL_RESULT:
            return self.tr("complete") if row.check_result == "complete" else self.tr("incomplete")
        if column == self.COL_MISSING:
            return SEPARATOR.join(row.missing)
        if column == self.COL_FILES:
            return "、".join(file.name for file in row.files)
        return ""

    def tooltip(self, row: SubmissionView, column: int) -> str | None:
        if column == self.COL_RESULT and row.provided:
            return self.tr("Provided:") + "\n" + "\n".join(f"• {item}" for item in row.provided)
        return None

    def decoration(self, row: SubmissionView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column in (
            self.COL_RESULT,
            self.COL_MISSING,
        ):
            return QBrush(MISSING_COLOUR) if row.missing else None
        return None

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column == self.COL_REVISION else None


class EventModel(RowTableModel[EventView]):
    """A task's timeline (流程固化): each step, when, by whom, on which installation."""

    COL_WHEN = 0
    COL_EVENT = 1
    COL_BY = 2
    COL_NODE = 3
    COL_DETAIL = 4

    def headers(self) -> Sequence[str]:
        return (
            self.tr("When"),
            self.tr("Event"),
            self.tr("By"),
            self.tr("Installation"),
            self.tr("Detail"),
        )

    def display(self, row: EventView, column: int) -> str:
        if column == self.COL_WHEN:
            return format_moment(row.occurred_at)
        if column == self.COL_EVENT:
            return labels.event_kind(row.kind)
        if column == self.COL_BY:
            if row.person is None:
                return self.tr("standard check (software)")
            return (
                f"{row.person}（{row.person_department}）" if row.person_department else row.person
            )
        if column == self.COL_NODE:
            return row.node or ""
        if column == self.COL_DETAIL:
            parts = []
            if row.revision is not None:
                parts.append(self.tr("revision {number}").format(number=row.revision))
            if row.missing:
                parts.append(self.tr("missing: {items}").format(items=SEPARATOR.join(row.missing)))
            if row.reason:
                parts.append(self.tr("reason: {reason}").format(reason=row.reason))
            return "; ".join(parts)
        return ""

    def tooltip(self, row: EventView, column: int) -> str | None:
        if column == self.COL_WHEN and row.recorded_at != row.occurred_at:
            return self.tr("Recorded at {moment}").format(moment=format_moment(row.recorded_at))
        return None


class SupportModel(RowTableModel[SupportView]):
    """Support given on a task to another department (支持其他部门), and its confirmation."""

    COL_FROM = 0
    COL_TO = 1
    COL_DESCRIPTION = 2
    COL_RECORDED = 3
    COL_CONFIRMED = 4

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Given by"),
            self.tr("Given to"),
            self.tr("Support"),
            self.tr("Recorded"),
            self.tr("Confirmed"),
        )

    def display(self, row: SupportView, column: int) -> str:
        if column == self.COL_FROM:
            return row.from_department
        if column == self.COL_TO:
            return row.to_department
        if column == self.COL_DESCRIPTION:
            return row.description
        if column == self.COL_RECORDED:
            return f"{row.recorded_by} {format_moment(row.recorded_at)}"
        if column == self.COL_CONFIRMED:
            if row.confirmed_by is None:
                return self.tr("not yet confirmed")
            return f"{row.confirmed_by} {format_moment(row.confirmed_at)}"
        return ""
