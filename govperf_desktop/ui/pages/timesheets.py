"""The timesheets page (项目工时台账): a person's week, the ledger of all entries, imports.

Two tabs: "Week" (timesheets_week.WeekPanel: the grid typed into, copy last week, submit,
approve and reopen) and "Ledger" (timesheets_ledger.LedgerPanel: every entry, sorted and
filtered in SQL, millions of rows). "Import…" opens the import wizard (ui/import_wizard.py)
acting as the person chosen in the week tab; after an import both tabs show the new entries.
Nothing is read while the page is built: each tab loads the first time it is shown.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop.services.admin import Store
from govperf_desktop.services.timesheet_io import ImportReport
from govperf_desktop.ui import feedback
from govperf_desktop.ui.import_wizard import ImportWizard
from govperf_desktop.ui.pages.timesheets_ledger import LedgerPanel
from govperf_desktop.ui.pages.timesheets_week import WeekPanel

TAB_WEEK = 0
TAB_LEDGER = 1


class TimesheetsPage(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setObjectName("timesheetsPage")
        self.wizard: ImportWizard | None = None

        title = QLabel("<h2>" + self.tr("Timesheets") + "</h2>")
        self.import_button = QPushButton(self.tr("Import timesheets…"))
        self.import_button.setObjectName("importTimesheets")
        self.week = WeekPanel(store)
        self.ledger = LedgerPanel(store)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.week, self.tr("Week"))
        self.tabs.addTab(self.ledger, self.tr("Ledger"))

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self.import_button.clicked.connect(self.open_import)
        self.week.changed.connect(self._entries_changed)

    def open_import(self) -> ImportWizard | None:
        """Open the import wizard acting as the chosen person (modeless; returned for tests)."""
        acting = self.week.acting_person()
        if acting is None:
            feedback.show_error(
                self, self.tr("Choose who is acting (in the Week tab) before importing.")
            )
            return None
        wizard = ImportWizard(self._store, acting.id, self)
        wizard.imported.connect(self._imported)
        wizard.show()
        self.wizard = wizard
        return wizard

    def _imported(self, _report: ImportReport) -> None:
        self.week.reload()
        self._entries_changed()

    def _entries_changed(self) -> None:
        if self.ledger.isVisible():
            self.ledger.apply_filters()
        else:
            self.ledger.stale = True


def create_page(store: Store, parent: QWidget | None) -> QWidget:
    return TimesheetsPage(store, parent)
