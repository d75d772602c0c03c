"""The rows behind a number of a score, a page at a time (services/scoring_evidence.py).

A total or a dimension score stands on several sub-metrics: the dialog lists them in a combo
box and shows the rows of one at a time; a sub-metric whose rows lie in several tables (task
events and submissions, say) gets a second combo box for the table. Rows come from
`evidence_page`, PAGE_SIZE at a time, off the UI thread — never all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.services.admin import Store
from govperf_desktop.services.scoring_evidence import EvidencePage, evidence_page
from govperf_desktop.ui import feedback, operations
from govperf_desktop.ui.pages.scores_models import EvidenceModel, table_label

PAGE_SIZE = 50


class EvidenceDialog(QDialog):
    """Pages through the rows behind one number (a total, a dimension or a sub-metric)."""

    def __init__(
        self,
        store: Store,
        *,
        indicator_id: str,
        department: str,
        period: str | None,
        metrics: Sequence[tuple[str, str]],  # (code, label), in the order shown
        heading: str,
        now: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceDialog")
        self.setWindowTitle(self.tr("Rows behind the score"))
        self._store = store
        self._indicator_id = indicator_id
        self._department = department
        self._period = period
        self._now = now
        self._offset = 0
        self._page: EvidencePage | None = None
        self._wanted: tuple[str, str | None, int] | None = None

        self.heading = QLabel(heading)
        self.heading.setObjectName("evidenceHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.metric_box = QComboBox()
        self.metric_box.setObjectName("evidenceMetric")
        for code, label in metrics:
            self.metric_box.addItem(label, code)
        self.table_box = QComboBox()
        self.table_box.setObjectName("evidenceTable")
        self.table_label = QLabel(self.tr("Table:"))
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("Sub-metric:")))
        choose.addWidget(self.metric_box, stretch=1)
        choose.addWidget(self.table_label)
        choose.addWidget(self.table_box, stretch=1)

        self.model = EvidenceModel(self)
        self.view = QTableView()
        self.view.setObjectName("evidenceView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.range_label = QLabel()
        self.range_label.setObjectName("evidenceRange")
        self.previous_button = QPushButton(self.tr("Previous page"))
        self.previous_button.setObjectName("evidencePrevious")
        self.next_button = QPushButton(self.tr("Next page"))
        self.next_button.setObjectName("evidenceNext")
        self.previous_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        paging = QHBoxLayout()
        paging.addWidget(self.range_label, stretch=1)
        paging.addWidget(self.previous_button)
        paging.addWidget(self.next_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(choose)
        layout.addWidget(self.view, stretch=1)
        layout.addLayout(paging)
        layout.addWidget(buttons)
        self.resize(900, 520)

        self.metric_box.currentIndexChanged.connect(lambda _i: self._load(None, 0))
        self.table_box.activated.connect(lambda _i: self._load(self.table_box.currentData(), 0))
        self._show_tables(())
        self._load(None, 0)

    # -- loading

    def current_metric(self) -> str:
        return str(self.metric_box.currentData() or "")

    def _load(self, table: str | None, offset: int) -> None:
        metric = self.current_metric()
        if not metric:
            self._show_range(None)
            return
        self._wanted = (metric, table, offset)
        self.previous_button.setEnabled(False)
        self.next_button.setEnabled(False)
        store, indicator, department = self._store, self._indicator_id, self._department
        period, now = self._period, self._now
        operations.run_in_background(
            lambda: evidence_page(
                store, indicator=indicator, department=department, metric=metric, now=now,
                table=table, period=period, offset=offset, limit=PAGE_SIZE,
            ),
            parent=self,
            on_success=self._on_page,
            on_failure=self._refused,
        )  # fmt: skip

    def _on_page(self, page: EvidencePage) -> None:
        wanted = self._wanted
        if wanted is None or wanted[0] != page.metric or wanted[2] != page.offset:
            return  # another page was asked for meanwhile
        self._page = page
        self._offset = page.offset
        self.model.set_rows(page.rows)
        self._show_tables(page.tables, page.table)
        self._show_range(page)

    def _show_tables(self, tables: Sequence[str], current: str = "") -> None:
        self.table_box.blockSignals(True)
        self.table_box.clear()
        for table in tables:
            self.table_box.addItem(table_label(table), table)
        self.table_box.setCurrentIndex(max(0, self.table_box.findData(current)))
        self.table_box.blockSignals(False)
        several = len(tables) > 1
        self.table_box.setVisible(several)
        self.table_label.setVisible(several)

    def _show_range(self, page: EvidencePage | None) -> None:
        if page is None or page.total == 0:
            self.range_label.setText(self.tr("No rows behind this value."))
            self.previous_button.setEnabled(False)
            self.next_button.setEnabled(False)
            return
        last = page.offset + len(page.rows)
        self.range_label.setText(
            self.tr("Rows {first}–{last} of {total}").format(
                first=page.offset + 1, last=last, total=page.total
            )
        )
        self.range_label.setToolTip(page.role)
        self.previous_button.setEnabled(page.offset > 0)
        self.next_button.setEnabled(last < page.total)

    # -- paging

    def next_page(self) -> None:
        page = self._page
        if page is not None and page.offset + len(page.rows) < page.total:
            self._load(page.table, page.offset + PAGE_SIZE)

    def previous_page(self) -> None:
        page = self._page
        if page is not None and page.offset > 0:
            self._load(page.table, max(0, page.offset - PAGE_SIZE))

    def _refused(self, error: GovperfError) -> None:
        self._show_range(None)
        feedback.show_error(self, feedback.error_message(error))
