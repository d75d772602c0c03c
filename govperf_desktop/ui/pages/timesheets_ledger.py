"""The ledger tab of the timesheets page: every entry of the store, filtered and sorted in SQL.

The table is a `LedgerModel` (ui/ledger_model.py), which holds a few windows of rows,
never the ledger. A header click sorts by date, person, department, task or hours (the
other columns cannot be sorted); the filters (department, person, a date range) apply as
they change, a moment after the last change, with one count each.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop.services.admin import Store
from govperf_desktop.services.directory import PersonEntry, list_departments, list_people
from govperf_desktop.services.ledger import LedgerFilter
from govperf_desktop.services.org import DepartmentView
from govperf_desktop.ui import feedback, operations
from govperf_desktop.ui.ledger_model import LedgerModel
from govperf_desktop.ui.operations import run_in_background
from govperf_desktop.ui.pages.timesheets_common import PersonCombo, office_today

FILTER_DELAY_MS = 250
ROW_PADDING = 6


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class LedgerPanel(QWidget):
    """Filters above, the ledger table below, the number of entries between them."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._people: list[PersonEntry] = []
        self._loaded_once = False
        self.stale = False  # entries changed while the tab was hidden: count again on show

        self.department = QComboBox()
        self.department.setObjectName("ledgerDepartment")
        self.department.addItem(self.tr("All departments"), None)
        self.person = PersonCombo(everyone_text=self.tr("All people"))
        self.person.setObjectName("ledgerPerson")
        self.person.set_people([])
        self.use_from = QCheckBox(self.tr("From"))
        self.date_from = QDateEdit()
        self.use_to = QCheckBox(self.tr("to"))
        self.date_to = QDateEdit()
        today = _qdate(office_today())
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(today)
            edit.setEnabled(False)
        self.date_from.setDate(today.addMonths(-1))
        self.reset = QPushButton(self.tr("Clear filters"))
        self.count_label = QLabel()
        self.count_label.setObjectName("ledgerCount")
        self.busy_label = QLabel()

        self.model = LedgerModel(store, self)
        self.table = QTableView()
        self.table.setObjectName("ledgerTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        # Fixed heights: with millions of rows the view must never measure them.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + ROW_PADDING)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (LedgerModel.COL_DATE, 90),
            (LedgerModel.COL_PERSON, 70),
            (LedgerModel.COL_DEPARTMENT, 96),
            (LedgerModel.COL_INDICATOR, 170),
            (LedgerModel.COL_TASK, 230),
            (LedgerModel.COL_HOURS, 56),
            (LedgerModel.COL_OVERTIME, 56),
        ):
            header.resizeSection(column, width)
        header.setSortIndicator(LedgerModel.COL_DATE, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)

        # Two short rows of filters, so the page fits a narrow window.
        who = QHBoxLayout()
        who.addWidget(QLabel(self.tr("Department:")))
        who.addWidget(self.department, 1)
        who.addWidget(QLabel(self.tr("Person:")))
        who.addWidget(self.person, 1)
        when = QHBoxLayout()
        when.addWidget(self.use_from)
        when.addWidget(self.date_from)
        when.addWidget(self.use_to)
        when.addWidget(self.date_to)
        when.addWidget(self.reset)
        when.addStretch(1)
        when.addWidget(self.count_label)
        when.addWidget(self.busy_label)
        layout = QVBoxLayout(self)
        layout.addLayout(who)
        layout.addLayout(when)
        layout.addWidget(self.table, 1)

        self._apply_timer = QTimer(self)
        self._apply_timer.setSingleShot(True)
        self._apply_timer.setInterval(FILTER_DELAY_MS)
        self._apply_timer.timeout.connect(self.apply_filters)
        self.department.currentIndexChanged.connect(self._department_changed)
        self.person.currentIndexChanged.connect(lambda _index: self._apply_timer.start())
        self.use_from.toggled.connect(self._dates_toggled)
        self.use_to.toggled.connect(self._dates_toggled)
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)
        self.reset.clicked.connect(self.clear_filters)
        self.model.loaded.connect(self._show_count)
        self.model.busy_changed.connect(self._show_busy)
        self.model.failed.connect(lambda message: feedback.show_error(self, message))
        # Entries written anywhere in the application: count again when next shown.
        operations.signals().data_changed.connect(self._store_changed)

    # -- loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded_once:
            self.load()
        elif self.stale:
            self.apply_filters()

    def load(self) -> None:
        """Load the filter lists and the ledger (both in the background)."""
        self._loaded_once = True
        store = self._store
        run_in_background(
            lambda: (list_departments(store), list_people(store)),
            parent=self,
            on_success=self._lists_loaded,
        )
        self.apply_filters()

    def _lists_loaded(self, lists: tuple[list[DepartmentView], list[PersonEntry]]) -> None:
        departments, self._people = lists
        self.department.blockSignals(True)
        for department in departments:
            self.department.addItem(department.name, department.id)
        self.department.blockSignals(False)
        self.person.set_people(self._people)

    # -- filters

    def _department_changed(self, _index: int) -> None:
        department_id = self.department.currentData()
        chosen = self.person.currentData()
        people = [p for p in self._people if department_id in (None, p.department_id)]
        self.person.set_people(people, chosen)
        self._apply_timer.start()

    def _dates_toggled(self, _checked: bool) -> None:
        self.date_from.setEnabled(self.use_from.isChecked())
        self.date_to.setEnabled(self.use_to.isChecked())
        self._apply_timer.start()

    def _dates_changed(self, _day: QDate) -> None:
        # An empty range cannot be chosen: the end never precedes the start.
        self.date_to.setMinimumDate(self.date_from.date())
        self._apply_timer.start()

    def current_filter(self) -> LedgerFilter:
        person = self.person.current_person()
        return LedgerFilter(
            department_id=self.department.currentData(),
            person_id=person.id if person else None,
            date_from=_pydate(self.date_from.date()) if self.use_from.isChecked() else None,
            date_to=_pydate(self.date_to.date()) if self.use_to.isChecked() else None,
        )

    def apply_filters(self) -> None:
        self._apply_timer.stop()
        self.stale = False
        self.count_label.setText(self.tr("Counting…"))
        self.model.set_filter(self.current_filter())

    def clear_filters(self) -> None:
        for widget in (self.department, self.person, self.use_from, self.use_to):
            widget.blockSignals(True)
        self.department.setCurrentIndex(0)
        self.person.set_people(self._people)
        self.use_from.setChecked(False)
        self.use_to.setChecked(False)
        for widget in (self.department, self.person, self.use_from, self.use_to):
            widget.blockSignals(False)
        self._dates_toggled(False)

    def _store_changed(self, _result: object) -> None:
        self.stale = True

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column in LedgerModel.SORT_OF_COLUMN:
            return  # the model sorts (QTableView calls model.sort)
        # Not sortable: put the indicator back on the column the ledger is sorted by.
        sort, descending = self.model.sort_key
        back = next(c for c, s in LedgerModel.SORT_OF_COLUMN.items() if s == sort)
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(
            back, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        )
        header.blockSignals(False)

    def _show_count(self) -> None:
        total = self.model.total
        self.count_label.setText(
            self.tr("%1 entries").replace("%1", QLocale().toString(total))
            if total != 1
            else self.tr("1 entry")
        )

    def _show_busy(self) -> None:
        self.busy_label.setText(self.tr("Loading…") if self.model.busy else "")
