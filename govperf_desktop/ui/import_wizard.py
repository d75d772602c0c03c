"""The timesheet import wizard (数据迁移): file, column mapping, dry run, import.

1. Choose a CSV or Excel (.xlsx) file.
2. Map columns: one row per field, pre-filled with the columns the import recognises by
   their headers (services/timesheet_file_preview.py); the required fields must be chosen.
3. Dry run: every row is checked as the import would check it; every bad row is listed with
   its line number and reasons. The import step is reachable only when no row is bad.
4. Import: all rows or none (services/timesheet_io.py), off the UI thread, with a busy bar
   (the service reports no intermediate progress; the whole file is one transaction).

Every service call runs in the background (ui/operations.py). A refusal is shown on the page
(and the wizard keeps everything chosen), never as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.services.admin import Store
from govperf_desktop.services.timesheet_file_preview import (
    FIELDS,
    REQUIRED,
    FilePreview,
    mapping_for,
    preview_timesheet_file,
)
from govperf_desktop.services.timesheet_io import (
    BadRow,
    ImportRefused,
    ImportReport,
    import_timesheets,
)
from govperf_desktop.ui.feedback import error_message
from govperf_desktop.ui.models.base import RowTableModel
from govperf_desktop.ui.operations import run_in_background
from govperf_desktop.ui.pages.timesheets_common import utc_now

PAGE_FILE, PAGE_MAPPING, PAGE_CHECK, PAGE_IMPORT = range(4)


def choose_file(parent: QWidget | None) -> str:
    """Ask for a timesheet file (a hook tests replace); '' when cancelled."""
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("ImportWizard", "Choose a timesheet file"),
        "",
        QCoreApplication.translate("ImportWizard", "Timesheets (*.csv *.xlsx *.txt)"),
    )
    return path


def field_label(field: str) -> str:
    labels = {
        "person": QCoreApplication.translate("ImportWizard", "Person"),
        "department": QCoreApplication.translate("ImportWizard", "Department"),
        "task": QCoreApplication.translate("ImportWizard", "Task"),
        "indicator": QCoreApplication.translate("ImportWizard", "Indicator"),
        "period": QCoreApplication.translate("ImportWizard", "Indicator period"),
        "date": QCoreApplication.translate("ImportWizard", "Date"),
        "hours": QCoreApplication.translate("ImportWizard", "Hours"),
        "overtime": QCoreApplication.translate("ImportWizard", "Overtime"),
        "note": QCoreApplication.translate("ImportWizard", "Note"),
    }
    return labels.get(field, field)


class BadRowModel(RowTableModel[BadRow]):
    """The bad rows of a dry run: line number and reasons."""

    COL_LINE = 0
    COL_REASON = 1

    def headers(self) -> list[str]:
        return [self.tr("Line"), self.tr("Why the row cannot be imported")]

    def display(self, row: BadRow, column: int) -> str:
        return str(row.line) if column == self.COL_LINE else row.reason

    def tooltip(self, row: BadRow, column: int) -> str | None:
        return row.reason if column == self.COL_REASON else None

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column == self.COL_LINE else None


@dataclass
class _State:
    """What the pages share."""

    preview: FilePreview | None = None
    mapping: dict[str, str] | None = None
    report: ImportReport | None = None
    imported: ImportReport | None = None


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(
            self.tr("A CSV (UTF-8 or GB18030) or Excel .xlsx file with one entry per row.")
        )
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.browse = QPushButton(self.tr("Browse…"))
        self.sheet = QLineEdit()
        self.sheet.setPlaceholderText(self.tr("first sheet"))
        self.error = QLabel()
        self.error.setObjectName("importFileError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form = QFormLayout(self)
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("Excel sheet:"), self.sheet)
        form.addRow(self.error)
        self.browse.clicked.connect(self._browse)
        self.path.textChanged.connect(lambda _text: self.completeChanged.emit())

    def _browse(self) -> None:
        chosen = choose_file(self)
        if chosen:
            self.path.setText(chosen)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        """Read the file's header in the background, then move on by itself."""
        if self._wizard.state.preview is not None and self._wizard.preview_path == self._key():
            return True
        self.error.clear()
        path, sheet = Path(self.path.text().strip()), self.sheet.text().strip() or None
        key = self._key()

        def previewed(preview: FilePreview) -> None:
            self._wizard.state.preview = preview
            self._wizard.preview_path = key
            self._wizard.next()

        self._wizard.run(
            lambda: preview_timesheet_file(path, sheet=sheet),
            previewed,
            lambda error: self.error.setText(error_message(error)),
        )
        return False

    def _key(self) -> tuple[str, str]:
        return self.path.text().strip(), self.sheet.text().strip()


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(
            self.tr(
                "Columns recognised by their headers are chosen already; "
                "fields marked * are required."
            )
        )
        self.header_info = QLabel()
        self.error = QLabel()
        self.error.setObjectName("mappingError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        self.choices: dict[str, QComboBox] = {}
        form = QFormLayout()
        for field in FIELDS:
            combo = QComboBox()
            combo.setObjectName(f"map_{field}")
            combo.currentIndexChanged.connect(lambda _index: self.completeChanged.emit())
            self.choices[field] = combo
            label = field_label(field) + (" *" if field in REQUIRED else "")
            form.addRow(self.tr("%1:").replace("%1", label), combo)
        self.sample = QTableWidget()
        self.sample.setObjectName("fileSample")
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample.verticalHeader().hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.header_info)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(self.tr("The first rows of the file:")))
        layout.addWidget(self.sample, 1)

    def initializePage(self) -> None:
        preview = self._wizard.state.preview
        assert preview is not None
        self.header_info.setText(
            self.tr("Header row: line %1 of %2")
            .replace("%1", str(preview.header_line))
            .replace("%2", Path(preview.file).name)
        )
        for field, combo in self.choices.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(not in the file)"), "")
            for header in preview.headers:
                if header:
                    combo.addItem(header, header)
            found = combo.findData(preview.detected.get(field, ""))
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
        self.error.clear()
        self.sample.clear()
        self.sample.setColumnCount(len(preview.headers))
        self.sample.setRowCount(len(preview.sample))
        self.sample.setHorizontalHeaderLabels(list(preview.headers))
        for row, cells in enumerate(preview.sample):
            for column, text in enumerate(cells[: len(preview.headers)]):
                self.sample.setItem(row, column, QTableWidgetItem(text))

    def chosen(self) -> dict[str, str]:
        return {field: combo.currentData() or "" for field, combo in self.choices.items()}

    def isComplete(self) -> bool:
        chosen = self.chosen()
        return all(chosen[field] for field in REQUIRED)

    def validatePage(self) -> bool:
        preview = self._wizard.state.preview
        assert preview is not None
        try:
            self._wizard.state.mapping = mapping_for(preview, self.chosen())
        except GovperfError as error:
            self.error.setText(error_message(error))
            return False
        self._wizard.state.report = None
        return True


class CheckPage(QWizardPage):
    """The dry run: every bad row, with its line number and reasons."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Check every row"))
        self.setSubTitle(self.tr("Nothing is written yet. The import needs every row to be good."))
        self.summary = QLabel()
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        self.bad_rows = BadRowModel(self)
        self.table = QTableView()
        self.table.setObjectName("badRows")
        self.table.setModel(self.bad_rows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            BadRowModel.COL_REASON, QHeaderView.ResizeMode.Stretch
        )
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.busy)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        state = self._wizard.state
        state.report = None
        self.bad_rows.set_rows([])
        self.summary.setText(self.tr("Checking the rows…"))
        self.busy.show()
        preview, mapping, actor = state.preview, state.mapping, self._wizard.actor
        store = self._wizard.store
        assert preview is not None
        sheet = self._wizard.file_page.sheet.text().strip() or None

        def checked(report: ImportReport) -> None:
            self.busy.hide()
            state.report = report
            self.bad_rows.set_rows(report.bad_rows)
            if report.bad_rows:
                text = self.tr(
                    "%1 of %2 rows are bad; nothing can be imported until the file is corrected."
                )
                text = text.replace("%1", str(len(report.bad_rows))).replace("%2", str(report.rows))
            else:
                text = self.tr("All %1 rows are good (%2 hours). Continue to import them.")
                text = text.replace("%1", str(report.rows)).replace("%2", f"{report.hours:g}")
            self.summary.setText(text)
            self.completeChanged.emit()

        def refused(error: GovperfError) -> None:
            self.busy.hide()
            self.summary.setText(error_message(error))
            self.completeChanged.emit()

        self._wizard.run(
            lambda: import_timesheets(
                store,
                Path(preview.file),
                actor=actor,
                mapping=mapping,
                dry_run=True,
                sheet=sheet,
                now=utc_now(),
            ),
            checked,
            refused,
        )

    def isComplete(self) -> bool:
        report = self._wizard.state.report
        return report is not None and not report.bad_rows


class ImportPage(QWizardPage):
    """The import itself: one transaction, all rows or none."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Import"))
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.bad_rows = BadRowModel(self)
        self.table = QTableView()
        self.table.setModel(self.bad_rows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        self._done = False

    def initializePage(self) -> None:
        state = self._wizard.state
        self._done = False
        self.summary.setText(self.tr("Importing… all rows are written together, or none."))
        self.progress.setRange(0, 0)
        self.progress.show()
        preview, mapping, actor = state.preview, state.mapping, self._wizard.actor
        store = self._wizard.store
        assert preview is not None
        sheet = self._wizard.file_page.sheet.text().strip() or None

        def imported(report: ImportReport) -> None:
            state.imported = report
            self.progress.setRange(0, 1)
            self.progress.setValue(1)
            self.summary.setText(
                self.tr("Imported %1 entries (%2 hours).")
                .replace("%1", str(report.imported))
                .replace("%2", f"{report.hours:g}")
            )
            self._finish()
            self._wizard.imported.emit(report)

        def refused(error: GovperfError) -> None:
            self.progress.hide()
            self.summary.setText(error_message(error) + " " + self.tr("Nothing was imported."))
            if isinstance(error, ImportRefused):
                self.bad_rows.set_rows(error.report.bad_rows)
                self.table.show()
            self._finish()

        self._wizard.run(
            lambda: import_timesheets(
                store,
                Path(preview.file),
                actor=actor,
                mapping=mapping,
                sheet=sheet,
                now=utc_now(),
            ),
            imported,
            refused,
            mutates=True,
        )

    def _finish(self) -> None:
        self._done = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._done

    def isFinalPage(self) -> bool:
        return True


class ImportWizard(QWizard):
    """Import a timesheet file as `actor` (a person's id, 'NAME@DEPARTMENT' or name)."""

    imported = Signal(object)  # the ImportReport of a completed import

    def __init__(self, store: Store, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.actor = actor
        self.state = _State()
        self.preview_path: tuple[str, str] | None = None
        self._running = 0
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import timesheets"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.import_page = ImportPage(self)
        self.setPage(PAGE_FILE, self.file_page)
        self.setPage(PAGE_MAPPING, self.mapping_page)
        self.setPage(PAGE_CHECK, self.check_page)
        self.setPage(PAGE_IMPORT, self.import_page)
        self.resize(760, 560)

    def run(self, work: Any, on_success: Any, on_failure: Any, *, mutates: bool = False) -> None:
        """Run a service call off the UI thread; the wizard's buttons wait for it."""
        self._set_running(+1)
        run_in_background(
            work,
            parent=self,
            on_success=on_success,
            on_failure=on_failure,
            on_finished=lambda: self._set_running(-1),
            mutates=mutates,
        )

    def busy(self) -> bool:
        return self._running > 0

    def _set_running(self, step: int) -> None:
        self._running += step
        for button in (
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.FinishButton,
        ):
            widget = self.button(button)
            if widget is not None:
                widget.setEnabled(self._running == 0 and self._button_allowed(button))

    def _button_allowed(self, button: QWizard.WizardButton) -> bool:
        page = self.currentPage()
        if button == QWizard.WizardButton.BackButton:
            return page is not self.import_page and self.currentId() != PAGE_FILE
        return page is None or page.isComplete()
