"""The report dialog: choose a report and a period, preview its first page, save it.

Opened from the indicators page ("Reports…") for the indicator shown there. The three reports
of `services/reports.py` (department input, score, period summary); "Preview" gathers the
report off the UI thread and shows its first PDF page (when poppler's pdftoppm is installed)
or else its header and first table; "Save…" asks where (PDF or Excel, from the file name)
and writes it, off the UI thread too. Refusals (a bad period, no Chinese font) appear in the
dialog as the service's sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.services.admin import Store
from govperf_desktop.services.reports import (
    ReportFile,
    ReportPreview,
    preview_report,
    write_report,
)
from govperf_desktop.ui import operations
from govperf_desktop.ui.feedback import error_message

KIND_ORDER = ("input", "score", "summary")


class ReportDialog(QDialog):
    """Preview and save one of the three reports."""

    def __init__(
        self,
        store: Store,
        indicator_id: str | None,
        indicator_name: str = "",
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
        save_path: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._indicator = indicator_id
        self._clock = clock or store.clock
        self._save_path = save_path or self._ask_save_path
        self.setObjectName("reportDialog")
        self.setWindowTitle(self.tr("Reports"))
        self.resize(760, 720)

        self.kind = QComboBox()
        self.kind.setObjectName("reportKind")
        names = {
            "input": self.tr("Department input report (部门投入度报告)"),
            "score": self.tr("Score report (考核评分报告)"),
            "summary": self.tr("Period summary of all indicators (期间汇总)"),
        }
        for kind in KIND_ORDER:
            self.kind.addItem(names[kind], kind)
        if indicator_id is None:
            self.kind.setCurrentIndex(KIND_ORDER.index("summary"))
        self.period = QLineEdit()
        self.period.setObjectName("reportPeriod")
        self.period.setPlaceholderText(self.tr("e.g. 2026-11, 2026-Q4, 2026; empty: everything"))
        subject = QLabel(indicator_name or self.tr("(no indicator chosen)"))
        subject.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow(self.tr("Indicator:"), subject)
        form.addRow(self.tr("Report:"), self.kind)
        form.addRow(self.tr("Period:"), self.period)

        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setObjectName("reportPreviewButton")
        self.preview_button.clicked.connect(self.preview)
        self.save_button = QPushButton(self.tr("Save…"))
        self.save_button.setObjectName("reportSaveButton")
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)

        self.message = QLabel()
        self.message.setObjectName("reportMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.page = QLabel(self.tr("Press Preview to see the first page."))
        self.page.setObjectName("reportPage")
        self.page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        page_area = QScrollArea()
        page_area.setWidgetResizable(True)
        page_area.setWidget(self.page)
        self.header_text = QLabel()
        self.header_text.setTextFormat(Qt.TextFormat.PlainText)
        self.header_text.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setObjectName("reportPreviewTable")
        table_page = QWidget()
        table_layout = QVBoxLayout(table_page)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.header_text)
        table_layout.addWidget(self.table, stretch=1)
        self.previews = QStackedWidget()
        self.previews.addWidget(page_area)
        self.previews.addWidget(table_page)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.previews, stretch=1)
        self.last_preview: ReportPreview | None = None
        self.last_file: ReportFile | None = None

    # -- what the user chose

    def chosen_kind(self) -> str:
        return str(self.kind.currentData())

    def _options(self) -> dict:
        return {
            "indicator": self._indicator,
            "period": self.period.text().strip() or None,
        }

    def _busy(self, busy: bool) -> None:
        self.preview_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy)

    def _refused(self, error: GovperfError) -> None:
        self.message.setText(error_message(error))

    # -- preview

    def preview(self) -> None:
        """Gather the report off the UI thread and show its first page."""
        kind, options, now = self.chosen_kind(), self._options(), self._clock()
        self.message.setText(self.tr("Preparing the preview…"))
        self._busy(True)
        operations.run_in_background(
            lambda: preview_report(self._store, kind, now=now, **options),
            parent=self,
            on_success=self._show_preview,
            on_failure=self._refused,
            on_finished=lambda: self._busy(False),
        )

    def _show_preview(self, preview: ReportPreview) -> None:
        self.last_preview = preview
        self.message.setText("")
        if preview.page_png:
            pixmap = QPixmap()
            pixmap.loadFromData(preview.page_png, "PNG")
            self.page.setPixmap(pixmap)
            self.previews.setCurrentIndex(0)
            return
        self.header_text.setText("\n".join(preview.lines) + "\n\n" + preview.table_title)
        self.table.clear()
        self.table.setColumnCount(len(preview.columns))
        self.table.setRowCount(len(preview.rows))
        self.table.setHorizontalHeaderLabels(list(preview.columns))
        for r, row in enumerate(preview.rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.previews.setCurrentIndex(1)

    # -- save

    def _ask_save_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save report"), suggested, self.tr("PDF (*.pdf);;Excel (*.xlsx)")
        )
        return path

    def save(self) -> None:
        """Ask where, then write the report there (PDF or Excel, from the file name)."""
        kind = self.chosen_kind()
        path = self._save_path(f"{self.kind.currentText().split(' (')[0]}.pdf")
        if not path:
            return
        out = Path(path)
        if out.suffix.lower() not in (".pdf", ".xlsx"):
            out = out.with_suffix(".pdf")
        options, now = self._options(), self._clock()
        self.message.setText(self.tr("Writing {path}…").format(path=str(out)))
        self._busy(True)
        operations.run_in_background(
            lambda: write_report(self._store, kind, fmt=None, out=out, now=now, **options),
            parent=self,
            on_success=self._saved,
            on_failure=self._refused,
            on_finished=lambda: self._busy(False),
        )

    def _saved(self, written: ReportFile) -> None:
        self.last_file = written
        self.message.setText(
            self.tr("Saved {title} to {path}.").format(title=written.title, path=written.path)
        )
