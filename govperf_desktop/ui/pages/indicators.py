"""The indicators page: the list with filters, one indicator's decomposition table and
timeline, starting an indicator, and (double-click a task) the task page.

Nothing is read while the page is built: the first time it is shown it loads the people,
departments and indicators, each off the UI thread (ui/operations.py). matplotlib is imported
only when the timeline tab is first shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop.domain import taskflow as flow
from govperf_desktop.domain.calendar import office_date
from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.services.admin import Store
from govperf_desktop.services.directory import PersonEntry, list_departments
from govperf_desktop.services.indicator_views import (
    DecompositionTable,
    IndicatorSummary,
    list_indicators,
    show_indicator,
)
from govperf_desktop.services.org import DepartmentView
from govperf_desktop.services.taskflow import NotifyResult, notify_indicator
from govperf_desktop.ui import feedback, operations
from govperf_desktop.ui.acting_person import ActingPersonBox
from govperf_desktop.ui.models import labels
from govperf_desktop.ui.models.indicators import (
    DecompositionModel,
    IndicatorFilter,
    IndicatorListModel,
)
from govperf_desktop.ui.pages.task_view import TaskView

TAB_TABLE = 0
TAB_TIMELINE = 1


def create_page(store: Store, parent: QWidget | None = None) -> QWidget:
    return IndicatorsPage(store, parent)


def _shrinkable(widget: QWidget) -> None:
    """Let a label of any length give way to a narrow window (its full text in the tooltip)."""
    widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)


def _compact(box: QComboBox, characters: int = 8) -> QComboBox:
    """A combo box whose width does not grow with its longest item."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(characters)
    return box


def pending_tasks(table: DecompositionTable) -> int:
    """Tasks a notification would reach: one-off tasks and instances not yet notified."""
    count = 0
    for task in table.tasks:
        if task.recurrence is None and task.status == "pending":
            count += 1
        count += sum(1 for instance in task.instances if instance.status == "pending")
    return count


def notify_refusal(table: DecompositionTable, person: PersonEntry) -> str | None:
    """Why `person` cannot start the indicator now (the task-flow rules' sentence), or None."""
    actor = flow.Actor(person.name, person.department, person.department, frozenset(person.roles))
    try:
        flow.check_notifier(table.name, table.lead_department, table.lead_department, actor)
        flow.check_indicator_start(table.name, table.status, pending_tasks(table))
    except GovperfError as refusal:
        return str(refusal)
    return None


class IndicatorsPage(QWidget):
    """Indicators and their decomposition tables; the task page on a double-click."""

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._clock = clock or store.clock
        self._loaded = False
        self._stale = False
        self._table: DecompositionTable | None = None
        self._timeline_for: str | None = None  # the indicator whose timeline is drawn
        self._wanted_indicator: str | None = None
        self.timeline_canvas: QWidget | None = None
        self.setObjectName("indicatorsPage")

        self.acting = ActingPersonBox(store)
        self.acting.person_changed.connect(self._on_person_changed)
        self.message = QLabel()
        self.message.setObjectName("indicatorsMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        _shrinkable(self.message)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Acting as:")))
        top.addWidget(self.acting)
        top.addWidget(self.message, stretch=1)

        self.stack = QStackedWidget()
        self.browser = QSplitter(Qt.Orientation.Horizontal)
        self.browser.setChildrenCollapsible(False)
        self.browser.addWidget(self._build_list())
        self.browser.addWidget(self._build_detail())
        self.browser.setStretchFactor(0, 2)
        self.browser.setStretchFactor(1, 3)
        self.task_view = TaskView(store, clock=self._clock)
        self.task_view.back_requested.connect(self.show_browser)
        self.stack.addWidget(self.browser)
        self.stack.addWidget(self.task_view)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, stretch=1)
        operations.signals().data_changed.connect(self._on_data_changed)

    # -- building

    def _build_list(self) -> QWidget:
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(self.tr("All statuses"), None)
        for code in labels.INDICATOR_STATUSES:
            self.status_filter.addItem(labels.indicator_status(code), code)
        self.department_filter = QComboBox()
        self.department_filter.setObjectName("departmentFilter")
        self.department_filter.addItem(self.tr("All departments"), None)
        self.search = QLineEdit()
        self.search.setObjectName("indicatorSearch")
        self.search.setPlaceholderText(self.tr("Search indicators"))
        self.search.setClearButtonEnabled(True)
        _compact(self.status_filter)
        _compact(self.department_filter)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter, stretch=1)
        filters.addWidget(self.department_filter, stretch=1)

        self.list_model = IndicatorListModel(self)
        self.proxy = IndicatorFilter(self)
        self.proxy.setSourceModel(self.list_model)
        self.list_view = QTableView()
        self.list_view.setObjectName("indicatorList")
        self.list_view.setModel(self.proxy)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setAlternatingRowColors(True)
        self.list_view.verticalHeader().hide()
        header = self.list_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.list_view.selectionModel().currentRowChanged.connect(self._on_indicator_chosen)

        self.status_filter.currentIndexChanged.connect(self.reload_list)
        self.department_filter.currentIndexChanged.connect(self.reload_list)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)

        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.search)
        layout.addWidget(self.list_view, stretch=1)
        return panel

    def _build_detail(self) -> QWidget:
        self.title = QLabel(self.tr("Choose an indicator on the left."))
        self.title.setObjectName("indicatorTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        _shrinkable(self.title)
        self.summary = QLabel()
        self.summary.setObjectName("indicatorSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.notify_button = QPushButton(self.tr("Start indicator…"))
        self.notify_button.setObjectName("notifyButton")
        self.notify_button.setEnabled(False)
        self.notify_button.clicked.connect(self.start_indicator)
        self.reports_button = QPushButton(self.tr("Reports…"))
        self.reports_button.setObjectName("reportsButton")
        self.reports_button.clicked.connect(self.open_reports)
        heading = QHBoxLayout()
        heading.addWidget(self.title, stretch=1)
        heading.addWidget(self.reports_button)
        heading.addWidget(self.notify_button)

        self.decomposition = DecompositionModel(self)
        self.tree_view = QTreeView()
        self.tree_view.setObjectName("decompositionTable")
        self.tree_view.setModel(self.decomposition)
        self.tree_view.setAlternatingRowColors(True)
        self.tree_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree_view.setUniformRowHeights(True)
        self.tree_view.setToolTip(self.tr("Double-click a task to open it"))
        self.tree_view.doubleClicked.connect(self._on_task_activated)
        self.tree_view.activated.connect(self._on_task_activated)

        self.timeline_area = QScrollArea()
        self.timeline_area.setObjectName("timelineArea")
        self.timeline_area.setWidgetResizable(True)
        self.timeline_placeholder = QLabel(self.tr("The timeline is drawn when this tab is shown."))
        self.timeline_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timeline_area.setWidget(self.timeline_placeholder)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("indicatorTabs")
        self.tabs.addTab(self.tree_view, self.tr("Decomposition table"))
        self.tabs.addTab(self.timeline_area, self.tr("Timeline"))
        self.tabs.currentChanged.connect(self._on_tab_changed)

        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, stretch=1)
        return panel

    # -- loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.acting.load()
            operations.run_in_background(
                lambda: list_departments(self._store), parent=self, on_success=self._on_departments
            )
            self.reload_list()
        elif self._stale:
            self.refresh()

    def today(self) -> date:
        return office_date(self._clock())

    def _on_departments(self, departments: list[DepartmentView]) -> None:
        chosen = self.department_filter.currentData()
        self.department_filter.blockSignals(True)
        while self.department_filter.count() > 1:
            self.department_filter.removeItem(1)
        for department in departments:
            self.department_filter.addItem(department.name, department.name)
        self.department_filter.setCurrentIndex(max(0, self.department_filter.findData(chosen)))
        self.department_filter.blockSignals(False)
        self.task_view.set_departments([department.name for department in departments])

    def reload_list(self) -> None:
        status = self.status_filter.currentData()
        department = self.department_filter.currentData()
        operations.run_in_background(
            lambda: list_indicators(self._store, status=status, department=department),
            parent=self,
            on_success=self._on_indicators,
            on_failure=self._refused,
        )

    def refresh(self) -> None:
        """Read the list and the open indicator again (after changes made elsewhere)."""
        self._stale = False
        self.reload_list()
        if self._table is not None:
            self.open_indicator(self._table.id)

    def _on_indicators(self, indicators: list[IndicatorSummary]) -> None:
        current = self._wanted_indicator or (self._table.id if self._table else None)
        self.list_model.set_rows(indicators)
        if current is not None:
            self.select_indicator(current)

    def select_indicator(self, id_or_name: str) -> bool:
        """Select an indicator of the list (as clicking its row does); False if not listed."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, IndicatorListModel.COL_NAME)
            summary = index.data(IndicatorListModel.RowRole)
            if id_or_name in (summary.id, summary.name):
                self.list_view.setCurrentIndex(index)
                return True
        return False

    def _on_indicator_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        summary = current.data(IndicatorListModel.RowRole) if current.isValid() else None
        if summary is not None and (self._table is None or summary.id != self._table.id):
            self.open_indicator(summary.id)

    def open_indicator(self, indicator_id: str) -> None:
        self._wanted_indicator = indicator_id
        operations.run_in_background(
            lambda: show_indicator(self._store, indicator_id),
            parent=self,
            on_success=self._show_table,
            on_failure=self._refused,
        )

    def _show_table(self, table: DecompositionTable) -> None:
        if self._wanted_indicator not in (None, table.id):
            return  # another indicator was chosen meanwhile
        self._wanted_indicator = None
        self._table = table
        self.title.setText(table.name)
        self.title.setToolTip(table.name)
        cooperating = "、".join(table.cooperating) or "—"
        lines = [
            self.tr("Period {period} ({start} – {end}); status: {status}").format(
                period=table.period,
                start=table.period_start,
                end=table.period_end,
                status=labels.indicator_status(table.status),
            ),
            self.tr("Lead department: {lead}; cooperating: {cooperating}").format(
                lead=table.lead_department, cooperating=cooperating
            ),
            self.tr("Target: {target}").format(target=table.target),
        ]
        if table.liability:
            rules = "；".join(f"{rule.label} {rule.percent:g}%" for rule in table.liability)
            lines.append(self.tr("Joint liability: {rules}").format(rules=rules))
        self.summary.setText("\n".join(lines))
        self.decomposition.set_rows(table.tasks)
        self.tree_view.expandAll()
        for column in range(DecompositionModel.COLUMNS):
            self.tree_view.resizeColumnToContents(column)
        self._update_notify()
        self._timeline_for = None  # drawn again from the data just read
        if self.tabs.currentIndex() == TAB_TIMELINE:
            self.show_timeline()

    # -- timeline

    def _on_tab_changed(self, tab: int) -> None:
        if tab == TAB_TIMELINE:
            self.show_timeline()

    def show_timeline(self) -> None:
        """Draw the open indicator's timeline (imports matplotlib on first use)."""
        table = self._table
        if table is None or self._timeline_for == table.id:
            return
        self._timeline_for = table.id
        from govperf_desktop.ui.fonts import setup_matplotlib_fonts

        setup_matplotlib_fonts()
        from govperf_desktop.services.timeline import GanttLabels, timeline_figure

        words = GanttLabels(
            title=self.tr("Task timeline"),
            deadline=self.tr("deadline"),
            today=self.tr("today"),
            late=self.tr("days late"),
            waiting=self.tr("notified, not started"),
            not_notified=self.tr("not notified"),
        )
        today = self.today()
        operations.run_in_background(
            lambda: timeline_figure(self._store, table.id, today=today, labels=words),
            parent=self,
            on_success=lambda figure: self._show_figure(table.id, figure),
            on_failure=self._refused,
        )

    def _show_figure(self, indicator_id: str, figure: object) -> None:
        if self._table is None or self._table.id != indicator_id:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        canvas = FigureCanvasQTAgg(figure)
        canvas.setObjectName("timelineCanvas")
        canvas.setMinimumHeight(int(figure.get_figheight() * figure.dpi))  # type: ignore[attr-defined]
        previous = self.timeline_area.takeWidget()
        if previous is not None:
            previous.deleteLater()
        self.timeline_area.setWidget(canvas)
        self.timeline_canvas = canvas

    # -- actions

    def _on_person_changed(self, person: PersonEntry | None) -> None:
        self.task_view.set_person(person)
        self._update_notify()

    def _update_notify(self) -> None:
        table, person = self._table, self.acting.current_person()
        if table is None:
            refusal: str | None = ""
        elif person is None:
            refusal = self.tr("Choose who is acting first.")
        else:
            refusal = notify_refusal(table, person)
        self.notify_button.setEnabled(refusal is None)
        self.notify_button.setToolTip(
            refusal or self.tr("Start the indicator: notify each task's department.")
        )

    def start_indicator(self) -> None:
        """Start the open indicator: notify each of its tasks' departments."""
        table = self._table
        person = self.acting.current_person()
        if table is None:
            return
        if person is None:
            feedback.show_error(self, self.tr("Choose who is acting first."))
            return
        question = self.tr("Start {name} and notify {count} task(s) of their departments?").format(
            name=table.name, count=pending_tasks(table)
        )
        if not feedback.confirm(self, self.tr("Start indicator"), question):
            return
        now = self._clock()
        operations.run_in_background(
            lambda: notify_indicator(self._store, table.id, person=person.id, now=now),
            parent=self,
            on_success=self._on_notified,
            on_failure=self._refused,
            mutates=True,
        )

    def _on_notified(self, result: NotifyResult) -> None:
        self.message.setText(
            self.tr("{name} started: {count} task(s) notified.").format(
                name=result.indicator, count=len(result.notified)
            )
        )

    def open_reports(self) -> QWidget:
        """The report dialog (input, score, summary) for the indicator shown, if any."""
        from govperf_desktop.ui.report_dialog import ReportDialog

        table = self._table
        dialog = ReportDialog(
            self._store, table.id if table else None, table.name if table else "", self,
            clock=self._clock,
        )  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_task_activated(self, index: QModelIndex) -> None:
        task_id = index.data(DecompositionModel.TaskIdRole)
        if task_id:
            self.open_task(task_id)

    def open_task(self, task_id: str) -> None:
        """Show the task page of `task_id`."""
        self.task_view.set_person(self.acting.current_person())
        self.task_view.open_task(task_id)
        self.stack.setCurrentWidget(self.task_view)

    def show_browser(self) -> None:
        self.stack.setCurrentWidget(self.browser)
        if self._stale:
            self.refresh()

    def _on_data_changed(self, _result: object) -> None:
        self._stale = True
        if self.isVisible() and self.stack.currentWidget() is self.browser:
            self.refresh()

    def _refused(self, error: GovperfError) -> None:
        feedback.show_error(self, feedback.error_message(error))
