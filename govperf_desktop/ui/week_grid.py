"""A person's week as an editable grid: tasks down, Monday–Sunday and the total across.

`WeekGridModel` shows a `WeekView` (services/timesheet_week.py): one row per task, a last row
of daily totals, overtime as a second line in the cell (and in colour). Typing hours into a
cell does not write anything itself: the model marks the cell as saving and emits
`cell_edited(task_id, day, hours)`; the page calls the service off the UI thread and then
either shows the week again (`set_week`) or puts the service's sentence on the cell
(`set_cell_error`): red, with the sentence as its tooltip, the typed value kept.

The view with the grid's keyboard is in `week_grid_view.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from govperf_desktop.services.timesheet_week import WeekView

DAYS = 7
_NO_INDEX = QModelIndex()

ERROR_BACKGROUND = QColor("#fde2e1")
ERROR_FOREGROUND = QColor("#b3261e")
OVERTIME_FOREGROUND = QColor("#b55d00")
REST_DAY_BACKGROUND = QColor("#f1f3f4")
CLOSED_FOREGROUND = QColor("#6b6b6b")
TOTALS_BACKGROUND = QColor("#e8eef7")


@dataclass(frozen=True)
class GridTask:
    task_id: str
    code: str
    content: str
    indicator: str


@dataclass
class _CellNote:
    typed: str
    message: str | None  # None: saving (or saved, waiting for the week to be read again)
    saved: bool = False


def parse_hours(text: str) -> float | None:
    """Hours typed into a cell: a number (a comma as decimal point is accepted); empty is
    None (clear the cell). ValueError when it is not a number."""
    cleaned = text.strip().replace(",", ".").removesuffix("h").strip()
    if not cleaned:
        return None
    value = float(cleaned)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value


def format_hours(value: float) -> str:
    return QLocale().toString(value, "g", 6) if value else ""


class WeekGridModel(QAbstractTableModel):
    """Rows: the week's tasks, then a totals row. Columns: task, seven days, total."""

    COL_TASK = 0
    COL_FIRST_DAY = 1
    COL_TOTAL = COL_FIRST_DAY + DAYS
    COLUMNS = COL_TOTAL + 1

    HoursRole = Qt.ItemDataRole.UserRole + 1  # float: hours of the cell (or the total)
    OvertimeRole = Qt.ItemDataRole.UserRole + 2  # float: overtime of the cell
    ErrorRole = Qt.ItemDataRole.UserRole + 3  # str: the refusal shown on the cell, or None
    SavingRole = Qt.ItemDataRole.UserRole + 4  # bool: the cell is being saved
    TaskIdRole = Qt.ItemDataRole.UserRole + 5
    DayRole = Qt.ItemDataRole.UserRole + 6  # date of the column

    # (task id, day, hours or None to clear, the text as typed)
    cell_edited = Signal(str, object, object, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._week: WeekView | None = None
        self._tasks: list[GridTask] = []
        self._hours: dict[str, tuple[float, ...]] = {}
        self._overtime: dict[str, tuple[float, ...]] = {}
        self._added: list[GridTask] = []  # rows added by hand, still without hours
        self._notes: dict[tuple[str, int], _CellNote] = {}

    # -- contents

    @property
    def week(self) -> WeekView | None:
        return self._week

    def set_week(self, week: WeekView) -> None:
        """Show `week`; on another week, hand-added rows and refusals are dropped."""
        self.beginResetModel()
        if self._week is None or week.week_start != self._week.week_start:
            self._added.clear()
            self._notes.clear()
        else:  # saved cells now show their stored value; refusals and saves under way stay
            self._notes = {key: note for key, note in self._notes.items() if not note.saved}
        self._week = week
        self._tasks = [
            GridTask(r.task_id, r.task_code, r.task_content, r.indicator) for r in week.rows
        ]
        self._hours = {r.task_id: r.hours for r in week.rows}
        self._overtime = {r.task_id: r.overtime for r in week.rows}
        shown = {task.task_id for task in self._tasks}
        self._added = [task for task in self._added if task.task_id not in shown]
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._week = None
        self._tasks, self._added = [], []
        self._hours, self._overtime, self._notes = {}, {}, {}
        self.endResetModel()

    def add_task(self, task: GridTask) -> int:
        """Add an empty row for `task` (to type its hours); returns its row."""
        for row, shown in enumerate(self._all_tasks()):
            if shown.task_id == task.task_id:
                return row
        row = len(self._all_tasks())
        self.beginInsertRows(_NO_INDEX, row, row)
        self._added.append(task)
        self.endInsertRows()
        return row

    def task_ids(self) -> list[str]:
        return [task.task_id for task in self._all_tasks()]

    def set_cell_error(self, task_id: str, day: date, typed: str, message: str) -> None:
        """Show a refusal on the cell: the typed text in red, the sentence as tooltip."""
        self._note(task_id, day, _CellNote(typed, message))

    def mark_saved(self, task_id: str, day: date) -> None:
        """The cell's value was saved: the next `set_week` shows the stored value instead."""
        if self._week is None:
            return
        note = self._notes.get((task_id, self._day_index(day)))
        if note is not None and note.message is None:
            note.saved = True

    def cell_error(self, task_id: str, day: date) -> str | None:
        note = self._notes.get((task_id, self._day_index(day)))
        return note.message if note else None

    def _note(self, task_id: str, day: date, note: _CellNote) -> None:
        if self._week is None:
            return
        self._notes[(task_id, self._day_index(day))] = note
        index = self._cell(task_id, day)
        if index is not None:
            self.dataChanged.emit(index, index)

    def _day_index(self, day: date) -> int:
        assert self._week is not None
        return (day - self._week.week_start).days

    def _cell(self, task_id: str, day: date) -> QModelIndex | None:
        ids = self.task_ids()
        if task_id not in ids or self._week is None:
            return None
        return self.index(ids.index(task_id), self.COL_FIRST_DAY + self._day_index(day))

    def _all_tasks(self) -> list[GridTask]:
        return self._tasks + self._added

    def totals_row(self) -> int:
        return len(self._all_tasks())

    def day_of_column(self, column: int) -> date | None:
        if self._week is None or not self.COL_FIRST_DAY <= column < self.COL_TOTAL:
            return None
        return self._week.days[column - self.COL_FIRST_DAY]

    def day_closed(self, day_index: int) -> bool:
        return self._week is not None and self._week.status[day_index] != "draft"

    # -- QAbstractTableModel

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:
        if parent.isValid() or self._week is None:
            return 0
        return len(self._all_tasks()) + 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:
        return 0 if parent.isValid() or self._week is None else self.COLUMNS

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = index.column()
        if (
            index.row() < self.totals_row()
            and self.COL_FIRST_DAY <= column < self.COL_TOTAL
            and not self.day_closed(column - self.COL_FIRST_DAY)
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or self._week is None:
            return None
        row, column = index.row(), index.column()
        if row == self.totals_row():
            return self._totals_data(column, role)
        if not 0 <= row < self.totals_row():
            return None
        task = self._all_tasks()[row]
        if column == self.COL_TASK:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{task.code} {task.content}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{task.code} {task.content}\n{task.indicator}"
            if role == self.TaskIdRole:
                return task.task_id
            return None
        hours = self._hours.get(task.task_id, (0.0,) * DAYS)
        overtime = self._overtime.get(task.task_id, (0.0,) * DAYS)
        if column == self.COL_TOTAL:
            return self._total_cell(sum(hours), sum(overtime), role)
        day_index = column - self.COL_FIRST_DAY
        note = self._notes.get((task.task_id, day_index))
        return self._day_cell(task, day_index, hours[day_index], overtime[day_index], note, role)

    def _day_cell(
        self,
        task: GridTask,
        day_index: int,
        hours: float,
        overtime: float,
        note: _CellNote | None,
        role: int,
    ) -> Any:
        assert self._week is not None
        if role == Qt.ItemDataRole.DisplayRole:
            if note is not None:
                return note.typed if note.message else f"{note.typed} …"
            return self._hours_text(hours, overtime)
        if role == Qt.ItemDataRole.EditRole:
            return format_hours(hours)
        if role == Qt.ItemDataRole.ToolTipRole:
            if note is not None and note.message:
                return note.message
            if note is not None:
                return self.tr("Saving…")
            if self.day_closed(day_index):
                return self.tr("This day is in a submitted or approved week: it cannot change.")
            if overtime:
                return (
                    self.tr("%1 h, of which %2 h overtime")
                    .replace("%1", format_hours(hours))
                    .replace("%2", format_hours(overtime))
                )
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if note is not None and note.message:
                return QBrush(ERROR_FOREGROUND)
            if self.day_closed(day_index):
                return QBrush(CLOSED_FOREGROUND)
            if overtime:
                return QBrush(OVERTIME_FOREGROUND)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if note is not None and note.message:
                return QBrush(ERROR_BACKGROUND)
            if self._week.rest_days[day_index]:
                return QBrush(REST_DAY_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.FontRole and note is not None and not note.message:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.HoursRole:
            return hours
        if role == self.OvertimeRole:
            return overtime
        if role == self.ErrorRole:
            return note.message if note else None
        if role == self.SavingRole:
            return note is not None and note.message is None
        if role == self.TaskIdRole:
            return task.task_id
        if role == self.DayRole:
            return self._week.days[day_index]
        return None

    def _hours_text(self, hours: float, overtime: float) -> str:
        if not hours:
            return ""
        if not overtime:
            return format_hours(hours)
        return (
            self.tr("%1\novertime %2")
            .replace("%1", format_hours(hours))
            .replace("%2", format_hours(overtime))
        )

    def _total_cell(self, hours: float, overtime: float, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._hours_text(hours, overtime)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and overtime:
            return QBrush(OVERTIME_FOREGROUND)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == self.HoursRole:
            return hours
        if role == self.OvertimeRole:
            return overtime
        return None

    def _totals_data(self, column: int, role: int) -> Any:
        assert self._week is not None
        if column == self.COL_TASK:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("Total per day")
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(TOTALS_BACKGROUND)
            return None
        if column == self.COL_TOTAL:
            hours, overtime = self._week.total_hours, self._week.total_overtime
        else:
            day_index = column - self.COL_FIRST_DAY
            hours, overtime = self._week.day_hours[day_index], self._week.day_overtime[day_index]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(TOTALS_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and overtime:
            return (
                self.tr("%1 h, of which %2 h overtime")
                .replace("%1", format_hours(hours))
                .replace("%2", format_hours(overtime))
            )
        return self._total_cell(hours, overtime, role)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or self._week is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == self.COL_TASK:
                return self.tr("Task")
            if section == self.COL_TOTAL:
                return self.tr("Week")
            day = self.day_of_column(section)
            if day is None:
                return None
            name = QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
            text = f"{name}\n{day:%m-%d}"
            if self._week.rest_days[section - self.COL_FIRST_DAY]:
                text += " " + self.tr("(rest)")
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            day = self.day_of_column(section)
            if day is None:
                return None
            status = self._week.status[section - self.COL_FIRST_DAY]
            return f"{day.isoformat()} · {period_status_label(status)}"
        return None

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        task = self._all_tasks()[index.row()]
        day_index = index.column() - self.COL_FIRST_DAY
        assert self._week is not None
        day = self._week.days[day_index]
        typed = "" if value is None else str(value).strip()
        try:
            hours = parse_hours(typed)
        except ValueError:
            self.set_cell_error(
                task.task_id,
                day,
                typed,
                self.tr("%1 is not a number of hours; type hours like 7.5.").replace("%1", typed),
            )
            return True
        stored = self._hours.get(task.task_id, (0.0,) * DAYS)[day_index]
        if (hours or 0.0) == stored and (task.task_id, day_index) not in self._notes:
            return True  # nothing changed
        self._note(task.task_id, day, _CellNote(typed, None))
        self.cell_edited.emit(task.task_id, day, hours, typed)
        return True


def period_status_label(status: str) -> str:
    """A period status as the user reads it."""
    labels = {
        "draft": QCoreApplication.translate("WeekGrid", "draft"),
        "submitted": QCoreApplication.translate("WeekGrid", "submitted"),
        "approved": QCoreApplication.translate("WeekGrid", "approved"),
        "locked": QCoreApplication.translate("WeekGrid", "approved and locked"),
    }
    return labels.get(status, status)
