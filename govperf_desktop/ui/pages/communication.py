"""The communication log page (沟通日志): search the comments of every task.

A search box (Chinese or English words; every word must appear) and filters: department,
author, indicator and task code, a date range, earlier versions of edited comments. Results
come a page at a time from `services/comment_search.py`, newest first; "More results"
continues from the service's cursor (keyset paging). Matches are drawn bold and coloured in
the snippet and in the selected comment's full text below. Double-clicking a result emits
`open_task(task_id)`: the task page belongs to the indicators page, which listens for it.
Every search runs off the UI thread; a refusal (an unknown name, an empty range) is shown in
a message box and the search box keeps what was typed.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from html import escape

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop.domain.calendar import OFFICE_ZONE
from govperf_desktop.domain.errors import GovperfError, ValidationError
from govperf_desktop.domain.search_terms import search_terms
from govperf_desktop.services.admin import Store
from govperf_desktop.services.comment_search import CommentHit, SearchPage, search_comments
from govperf_desktop.services.directory import PersonEntry, list_departments, list_people
from govperf_desktop.services.indicator_views import IndicatorSummary, list_indicators
from govperf_desktop.services.org import DepartmentView
from govperf_desktop.ui import feedback
from govperf_desktop.ui.models.base import format_moment
from govperf_desktop.ui.operations import run_in_background
from govperf_desktop.ui.pages.communication_results import (
    CommentHitModel,
    SnippetDelegate,
    body_html,
)
from govperf_desktop.ui.pages.timesheets_common import PersonCombo, office_today

PAGE_SIZE = 50


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _office_midnight(day: QDate) -> datetime:
    return datetime.combine(date(day.year(), day.month(), day.day()), time(0), OFFICE_ZONE)


class CommunicationPage(QWidget):
    """Search box, filters, results (a page at a time), the selected comment in full."""

    # A result was double-clicked: show this task (the task page is the indicators page's).
    open_task = Signal(str)
    # The same, with the comment to show in it: (task_id, comment_id); the main window uses it.
    open_comment = Signal(str, str)
    # A search (first page or a further one) arrived.
    results_loaded = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setObjectName("communicationPage")
        self._loaded_once = False
        self._people: list[PersonEntry] = []
        self._next_cursor: str | None = None
        self._query: dict[str, object] = {}
        self._searching = False

        self.query = QLineEdit()
        self.query.setObjectName("commentQuery")
        self.query.setPlaceholderText(
            self.tr("Words to find in comments (Chinese or English; every word must appear)")
        )
        self.query.setClearButtonEnabled(True)
        self.search_button = QPushButton(self.tr("Search"))
        self.department = QComboBox()
        self.department.setObjectName("commentDepartment")
        self.department.addItem(self.tr("All departments"), None)
        self.author = PersonCombo(everyone_text=self.tr("All authors"))
        self.author.setObjectName("commentAuthor")
        self.author.set_people([])
        self.indicator = QComboBox()
        self.indicator.setObjectName("commentIndicator")
        self.indicator.addItem(self.tr("All indicators"), None)
        self.indicator.setMinimumContentsLength(16)
        self.indicator.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.task_code = QLineEdit()
        self.task_code.setObjectName("commentTask")
        self.task_code.setPlaceholderText(self.tr("task code"))
        self.task_code.setMaximumWidth(110)
        self.use_from = QCheckBox(self.tr("From"))
        self.date_from = QDateEdit()
        self.use_to = QCheckBox(self.tr("to"))
        self.date_to = QDateEdit()
        today = _qdate(office_today())
        for edit, day in ((self.date_from, today.addMonths(-1)), (self.date_to, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(day)
            edit.setEnabled(False)
        self.include_earlier = QCheckBox(self.tr("Earlier versions too"))

        self.model = CommentHitModel(self)
        self.results = QTableView()
        self.results.setObjectName("commentResults")
        self.results.setModel(self.model)
        self.results.setItemDelegateForColumn(
            CommentHitModel.COL_SNIPPET, SnippetDelegate(CommentHitModel.HtmlRole, self.results)
        )
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setAlternatingRowColors(True)
        self.results.setWordWrap(False)
        self.results.verticalHeader().hide()
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (CommentHitModel.COL_TIME, 120),
            (CommentHitModel.COL_AUTHOR, 80),
            (CommentHitModel.COL_DEPARTMENT, 90),
            (CommentHitModel.COL_TASK, 200),
        ):
            header.resizeSection(column, width)
        self.summary = QLabel()
        self.summary.setObjectName("commentSummary")
        self.more = QPushButton(self.tr("More results"))
        self.more.setEnabled(False)
        self.detail = QTextBrowser()
        self.detail.setObjectName("commentDetail")
        self.detail.setOpenLinks(False)

        # Short rows, so the page fits a narrow window; paging sits below the results.
        search_row = QHBoxLayout()
        search_row.addWidget(self.query, 1)
        search_row.addWidget(self.search_button)
        who_row = QHBoxLayout()
        who_row.addWidget(QLabel(self.tr("Department:")))
        who_row.addWidget(self.department, 1)
        who_row.addWidget(QLabel(self.tr("Author:")))
        who_row.addWidget(self.author, 1)
        what_row = QHBoxLayout()
        what_row.addWidget(QLabel(self.tr("Indicator:")))
        what_row.addWidget(self.indicator, 1)
        what_row.addWidget(self.task_code)
        time_row = QHBoxLayout()
        time_row.addWidget(self.use_from)
        time_row.addWidget(self.date_from)
        time_row.addWidget(self.use_to)
        time_row.addWidget(self.date_to)
        time_row.addWidget(self.include_earlier)
        time_row.addStretch(1)
        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.results, 1)
        paging = QHBoxLayout()
        paging.addWidget(self.summary, 1)
        paging.addWidget(self.more)
        results_layout.addLayout(paging)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(results)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>" + self.tr("Communication log") + "</h2>"))
        layout.addLayout(search_row)
        layout.addLayout(who_row)
        layout.addLayout(what_row)
        layout.addLayout(time_row)
        layout.addWidget(splitter, 1)

        self.query.returnPressed.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.task_code.returnPressed.connect(self.search)
        self.more.clicked.connect(self.load_more)
        self.use_from.toggled.connect(self.date_from.setEnabled)
        self.use_to.toggled.connect(self.date_to.setEnabled)
        self.department.currentIndexChanged.connect(self._department_changed)
        self.results.doubleClicked.connect(self._open)
        self.results.selectionModel().currentRowChanged.connect(self._show_detail)

    # -- loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded_once:
            self.load()

    def load(self) -> None:
        """Load the filter lists, then the newest comments (all off the UI thread)."""
        self._loaded_once = True
        store = self._store
        run_in_background(
            lambda: (list_departments(store), list_people(store), list_indicators(store)),
            parent=self,
            on_success=self._lists_loaded,
        )
        self.search()

    def _lists_loaded(
        self,
        lists: tuple[list[DepartmentView], list[PersonEntry], list[IndicatorSummary]],
    ) -> None:
        departments, self._people, indicators = lists
        for department in departments:
            self.department.addItem(department.name, department.name)
        self.author.set_people(self._people)
        for indicator in indicators:
            self.indicator.addItem(f"{indicator.name}（{indicator.period}）", indicator.id)

    def _department_changed(self, _index: int) -> None:
        name = self.department.currentData()
        chosen = self.author.currentData()
        self.author.set_people([p for p in self._people if name in (None, p.department)], chosen)

    # -- searching

    def _filters(self) -> dict[str, object]:
        task = self.task_code.text().strip() or None
        indicator = self.indicator.currentData()
        if task and not indicator:
            raise ValidationError(
                self.tr(
                    "Choose the indicator of task %1 (task codes repeat across indicators)."
                ).replace("%1", task)
            )
        author = self.author.current_person()
        since = _office_midnight(self.date_from.date()) if self.use_from.isChecked() else None
        until = (
            _office_midnight(self.date_to.date()) + timedelta(days=1)
            if self.use_to.isChecked()
            else None
        )
        return {
            "query": self.query.text().strip() or None,
            "department": self.department.currentData(),
            "author": author.id if author else None,
            "indicator": indicator,
            "task": task,
            "since": since,
            "until": until,
            "include_earlier": self.include_earlier.isChecked(),
        }

    def search(self) -> None:
        """Search with the box and the filters; the results replace the previous ones."""
        try:
            filters = self._filters()
            terms = search_terms(filters["query"])  # type: ignore[arg-type]
        except GovperfError as error:
            feedback.show_error(self, feedback.error_message(error))
            return
        self._query = filters
        self.model.terms = terms
        self._run(filters, cursor=None)

    def load_more(self) -> None:
        """The next page of the same search (from the service's cursor)."""
        if self._next_cursor is None or self._searching:
            return
        self._run(self._query, cursor=self._next_cursor)

    def _run(self, filters: dict[str, object], *, cursor: str | None) -> None:
        store = self._store
        self._searching = True
        self.more.setEnabled(False)
        self.summary.setText(self.tr("Searching…"))
        run_in_background(
            lambda: search_comments(
                store,
                limit=PAGE_SIZE,
                cursor=cursor,
                **filters,  # type: ignore[arg-type]
            ),
            parent=self,
            on_success=lambda page: self._arrived(page, append=cursor is not None),
            on_failure=self._refused,
        )

    def _arrived(self, page: SearchPage, *, append: bool) -> None:
        self._searching = False
        if append:
            self.model.append_rows(page.hits)
        else:
            self.model.set_rows(page.hits)
            self.detail.clear()
            if page.hits:
                self.results.selectRow(0)
        self._next_cursor = page.next_cursor
        self.more.setEnabled(page.next_cursor is not None)
        count = self.model.rowCount()
        if count == 0:
            self.summary.setText(self.tr("No comments found."))
        elif page.next_cursor is not None:
            self.summary.setText(
                self.tr("%1 comments shown; more below.").replace("%1", str(count))
            )
        else:
            self.summary.setText(self.tr("%1 comments found.").replace("%1", str(count)))
        self.results_loaded.emit()

    def _refused(self, error: GovperfError) -> None:
        self._searching = False
        self.summary.setText("")
        self.more.setEnabled(self._next_cursor is not None)
        feedback.show_error(self, feedback.error_message(error))

    # -- a result

    def hit_at(self, row: int) -> CommentHit | None:
        return self.model.row_at(row)

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = self.model.row_at(current.row()) if current.isValid() else None
        if hit is None:
            self.detail.clear()
            return
        # Names come from users and other offices: escaped, never interpreted as markup.
        heading = (
            f"<p><b>{escape(hit.author)}</b>（{escape(hit.department)}） · "
            f"{format_moment(hit.created_at)} · {escape(hit.task_code)} · "
            f"{escape(hit.indicator)}</p>"
        )
        self.detail.setHtml(heading + "<p>" + body_html(hit.body, self.model.terms) + "</p>")

    def _open(self, index: QModelIndex) -> None:
        hit = self.model.row_at(index.row()) if index.isValid() else None
        if hit is not None:
            self.open_task.emit(hit.task_id)
            self.open_comment.emit(hit.task_id, hit.id)


def create_page(store: Store, parent: QWidget | None) -> QWidget:
    return CommunicationPage(store, parent)
