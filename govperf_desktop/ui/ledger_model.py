"""The timesheet ledger as a Qt table model that never holds all rows.

The model knows the number of entries passing the filter (one SQL count per filter change)
and keeps a few windows of `WINDOW` rows around what the view shows, fetched off the UI
thread through `services/ledger.py`:

* a window next to one it has continues from that window's edge row (keyset, both ways);
* the first window is read from the start, the last one from the end (keyset from the end:
  the view jumping to the end never costs an OFFSET);
* any other window (the scroll bar dragged far) is sought from the nearer end of the order.

While a window is on its way its rows show "…". Sorting (a header click) and filtering are
done in SQL: both reset the model; a new sort keeps the count. Results of a fetch that was
overtaken by a newer sort or filter are dropped (`_generation`). Only one fetch runs at a
time; when it ends, the window most recently asked for is fetched next, so a fast scroll
does not queue up every window it passed.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.services import ledger
from govperf_desktop.services.admin import Store
from govperf_desktop.services.ledger import LedgerFilter, LedgerRow
from govperf_desktop.ui.feedback import error_message
from govperf_desktop.ui.operations import run_in_background

WINDOW = 200
CACHED_WINDOWS = 8
PLACEHOLDER = "…"
_NO_INDEX = QModelIndex()

# A runner calls `work()` off the UI thread and `on_success(result)` / `on_failure(error)`
# on it (ui/operations.run_in_background has this shape).
Runner = Callable[..., Any]


class LedgerModel(QAbstractTableModel):
    """Timesheet entries, one per row, sorted and filtered by the store."""

    COL_DATE = 0
    COL_PERSON = 1
    COL_DEPARTMENT = 2
    COL_INDICATOR = 3
    COL_TASK = 4
    COL_HOURS = 5
    COL_OVERTIME = 6
    COL_NOTE = 7
    COLUMNS = 8

    # The sort of each sortable column (others keep the current sort).
    SORT_OF_COLUMN: ClassVar[dict[int, str]] = {
        COL_DATE: "work_date",
        COL_PERSON: "person",
        COL_DEPARTMENT: "department",
        COL_TASK: "task",
        COL_HOURS: "hours",
    }
    # The LedgerRow of an index (None while its window is on its way).
    RowRole = Qt.ItemDataRole.UserRole + 100

    # The count and the first rows of a new filter arrived.
    loaded = Signal()
    # Rows first..last were filled in.
    window_loaded = Signal(int, int)
    # A fetch was refused (a GovperfError's sentence).
    failed = Signal(str)
    # The model started or stopped waiting for the store (see `busy`).
    busy_changed = Signal()

    def __init__(
        self,
        store: Store,
        parent: QObject | None = None,
        *,
        runner: Runner = run_in_background,
        window: int = WINDOW,
        cached_windows: int = CACHED_WINDOWS,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._window = window
        self._cached = cached_windows
        self._filter = LedgerFilter()
        self._sort = ledger.DEFAULT_SORT
        self._descending = False
        self._total = 0
        self._windows: OrderedDict[int, tuple[LedgerRow, ...]] = OrderedDict()
        self._wanted: list[int] = []  # most recent last
        self._in_flight = False
        self._counting = False
        self._generation = 0
        self._pump_scheduled = False
        self.fetches = 0  # windows fetched since the model was made (tests, benchmarks)

    # -- what the view asks

    @property
    def total(self) -> int:
        return self._total

    @property
    def sort_key(self) -> tuple[str, bool]:
        """The current sort and whether it is descending."""
        return self._sort, self._descending

    @property
    def current_filter(self) -> LedgerFilter:
        return self._filter

    @property
    def busy(self) -> bool:
        return self._in_flight or self._counting

    def cached_rows(self) -> int:
        """How many rows the model holds (never more than a few windows)."""
        return sum(len(rows) for rows in self._windows.values())

    def row_at(self, row: int) -> LedgerRow | None:
        """The entry shown on `row`, or None while its window is on its way."""
        rows = self._windows.get(row // self._window)
        offset = row % self._window
        if rows is None or offset >= len(rows):
            return None
        return rows[offset]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._total:
            return None
        number = index.row() // self._window
        rows = self._windows.get(number)
        if rows is None:
            self._want(number)
            if role == Qt.ItemDataRole.DisplayRole and index.column() == self.COL_DATE:
                return PLACEHOLDER
            return None
        self._windows.move_to_end(number)
        offset = index.row() % self._window
        if offset >= len(rows):  # entries were deleted since the count
            return None
        entry = rows[offset]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (self.COL_TASK, self.COL_INDICATOR):
                return f"{entry.task_code} {entry.task_content}\n{entry.indicator}"
            if column == self.COL_NOTE and entry.note:
                return entry.note
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.COL_HOURS,
            self.COL_OVERTIME,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.RowRole:
            return entry
        return None

    def _display(self, entry: LedgerRow, column: int) -> str:
        if column == self.COL_DATE:
            return entry.work_date.isoformat()
        if column == self.COL_PERSON:
            return entry.person
        if column == self.COL_DEPARTMENT:
            return entry.department
        if column == self.COL_INDICATOR:
            return entry.indicator
        if column == self.COL_TASK:
            return f"{entry.task_code} {entry.task_content}"
        if column == self.COL_HOURS:
            return QLocale().toString(entry.hours, "g", 6)
        if column == self.COL_OVERTIME:
            return QLocale().toString(entry.overtime, "g", 6) if entry.overtime else ""
        if column == self.COL_NOTE:
            return entry.note or ""
        return ""

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return QLocale().toString(section + 1)
        headers = (
            self.tr("Date"),
            self.tr("Person"),
            self.tr("Department"),
            self.tr("Indicator"),
            self.tr("Task"),
            self.tr("Hours"),
            self.tr("Overtime"),
            self.tr("Note"),
        )
        return headers[section] if 0 <= section < len(headers) else None

    # -- sorting and filtering (both in SQL)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: a new order from the store; columns without one are ignored."""
        sort = self.SORT_OF_COLUMN.get(column)
        if sort is None:
            return
        self.set_sort(sort, descending=order == Qt.SortOrder.DescendingOrder)

    def set_sort(self, sort: str, *, descending: bool = False) -> None:
        if sort not in ledger.SORTS:
            raise ValueError(f"unknown sort {sort!r}")
        if (sort, descending) == (self._sort, self._descending):
            return
        self.beginResetModel()
        self._sort, self._descending = sort, descending
        self._forget()
        self.endResetModel()  # the count stays: the view asks for its rows at once

    def set_filter(self, wanted: LedgerFilter) -> None:
        """Show the entries passing `wanted`: one count, then the first window."""
        self._filter = wanted
        self.refresh()

    def refresh(self) -> None:
        """Count again and drop every window (after entries were added or changed)."""
        self.beginResetModel()
        self._forget()
        self._total = 0
        self.endResetModel()
        generation = self._generation
        wanted, sort, descending, store = self._filter, self._sort, self._descending, self._store
        size = self._window

        def count_and_first() -> tuple[int, tuple[LedgerRow, ...]]:
            total = ledger.count_entries(store, wanted)
            first = ledger.entries_after(
                store, wanted, sort=sort, descending=descending, limit=min(size, max(total, 1))
            )
            return total, first

        self._set_counting(True)
        self._runner(
            count_and_first,
            parent=self,
            on_success=lambda result: self._counted(generation, *result),
            on_failure=lambda error: self._refused(generation, error),
        )

    def _forget(self) -> None:
        self._generation += 1
        self._windows.clear()
        self._wanted.clear()

    def _counted(self, generation: int, total: int, first: tuple[LedgerRow, ...]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._total = total
        self._windows.clear()
        if first:
            self._windows[0] = first
        self.endResetModel()
        self.fetches += 1
        self._set_counting(False)
        self.loaded.emit()

    # -- fetching windows

    def _want(self, number: int) -> None:
        if number in self._wanted:
            self._wanted.remove(number)
        self._wanted.append(number)
        del self._wanted[: -self._cached]  # only the most recent requests matter
        if not self._pump_scheduled:
            self._pump_scheduled = True
            QTimer.singleShot(0, self._pump)

    def _pump(self) -> None:
        self._pump_scheduled = False
        if self._in_flight or self._counting:
            return
        while self._wanted and self._wanted[-1] in self._windows:
            self._wanted.pop()
        if not self._wanted:
            return
        number = self._wanted.pop()
        fetch = self._plan(number)
        if fetch is None:
            return
        generation = self._generation
        self._in_flight = True
        self.busy_changed.emit()
        self._runner(
            fetch,
            parent=self,
            on_success=lambda rows: self._arrived(generation, number, rows),
            on_failure=lambda error: self._refused(generation, error),
        )

    def _plan(self, number: int) -> Callable[[], tuple[LedgerRow, ...]] | None:
        """How to read window `number`: from a neighbour's edge row, from either end, or by
        seeking its position."""
        start = number * self._window
        if start >= self._total:
            return None
        size = min(self._window, self._total - start)
        store, wanted = self._store, self._filter
        options = {"sort": self._sort, "descending": self._descending, "limit": size}
        before = self._windows.get(number - 1)
        after = self._windows.get(number + 1)
        if before is not None and len(before) == self._window:
            last = before[-1]
            return lambda: ledger.entries_after(store, wanted, after=last, **options)
        if after is not None and after:
            first = after[0]
            return lambda: ledger.entries_before(store, wanted, before=first, **options)
        if start == 0:
            return lambda: ledger.entries_after(store, wanted, **options)
        if start + size >= self._total:
            return lambda: ledger.entries_before(store, wanted, **options)
        total = self._total
        return lambda: ledger.entries_at(store, wanted, position=start, total=total, **options)

    def _arrived(self, generation: int, number: int, rows: tuple[LedgerRow, ...]) -> None:
        self._in_flight = False
        if generation == self._generation:
            self.fetches += 1
            self._windows[number] = rows
            while len(self._windows) > self._cached:
                self._windows.popitem(last=False)
            first = number * self._window
            if rows:
                self.dataChanged.emit(
                    self.index(first, 0), self.index(first + len(rows) - 1, self.COLUMNS - 1)
                )
                self.window_loaded.emit(first, first + len(rows) - 1)
        self._pump()
        if not self._in_flight:
            self.busy_changed.emit()

    def _refused(self, generation: int, error: GovperfError) -> None:
        self._in_flight = False
        self._set_counting(False)
        if generation == self._generation:
            self.failed.emit(error_message(error))
        self.busy_changed.emit()

    def _set_counting(self, counting: bool) -> None:
        if self._counting != counting:
            self._counting = counting
            self.busy_changed.emit()
            if not counting:
                self._pump()

    def with_filter(self, **changes: Any) -> LedgerFilter:
        """The current filter with some fields changed (a convenience for the page)."""
        return replace(self._filter, **changes)
