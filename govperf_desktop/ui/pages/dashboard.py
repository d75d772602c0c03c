"""The dashboard (工作台): what the acting person should see first.

"My work": the acting person's department's open tasks by deadline, its warnings and
reminders, the latest mentions of the person or the department, and the sync state (last
sync, quarantined bundles, gaps). "This installation": who this installation is and how many
records of each kind its store holds. Everything is read off the UI thread
(`services.dashboard.my_dashboard`, `services.admin.store_info`); the installation tab is
read only when it is first shown, since counting every table of a big store takes a while.
Double-clicking a task, warning or mention emits `open_task(task_id, comment_id)`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop.domain.calendar import office_date
from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.services.admin import Store, StoreInfo, store_info
from govperf_desktop.services.directory import PersonEntry
from govperf_desktop.ui import operations
from govperf_desktop.ui.acting_person import ActingPersonBox
from govperf_desktop.ui.feedback import error_message
from govperf_desktop.ui.models.base import RowTableModel, format_moment
from govperf_desktop.ui.pages.dashboard_models import (
    AlertModel,
    MentionModel,
    OpenTaskModel,
    RecordCountModel,
)

if TYPE_CHECKING:
    from govperf_desktop.services.dashboard import Dashboard
    from govperf_desktop.services.sync_status import SyncOverview

COUNTS_TABLE_WIDTH = 480
ROW_PADDING = 8  # pixels above and below a table row's text
TAB_WORK = 0
TAB_INSTALLATION = 1


def _heading(text: str, level: int) -> QLabel:
    label = QLabel(f"<h{level}>{escape(text)}</h{level}>")
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def _table(model: RowTableModel, name: str, stretch: int) -> QTableView:  # type: ignore[type-arg]
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def _box(title: str, view: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addWidget(view)
    return box


class DashboardPage(QWidget):
    """My work (tasks, alerts, mentions, sync) and this installation's identity and counts."""

    # A task (and, for a mention, the comment) to show: (task_id, comment_id or "").
    open_task = Signal(str, str)
    # The sync page was asked for (the waiting line was clicked).
    open_sync = Signal()
    loaded = Signal()  # the acting person's dashboard has been shown

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
        self._loaded_once = False
        self._info_loaded = False
        self._stale = False
        self.data: Dashboard | None = None
        self.setObjectName("dashboardPage")

        self.acting = ActingPersonBox(store)
        self.acting.person_changed.connect(self._on_person_changed)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("refreshDashboard")
        self.refresh_button.clicked.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setObjectName("dashboardSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Acting as:")))
        top.addWidget(self.acting)
        top.addWidget(self.summary, stretch=1)
        top.addWidget(self.refresh_button)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_work(), self.tr("My work"))
        self.tabs.addTab(self._build_installation(), self.tr("This installation"))
        self.tabs.currentChanged.connect(self._on_tab_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, stretch=1)
        operations.signals().data_changed.connect(self._on_data_changed)

    # -- building

    def _build_work(self) -> QWidget:
        self.sync_state = QLabel()
        self.sync_state.setObjectName("syncState")
        self.sync_state.setTextFormat(Qt.TextFormat.RichText)
        self.sync_state.setWordWrap(True)
        self.sync_state.linkActivated.connect(lambda _link: self.open_sync.emit())

        self.tasks_model = OpenTaskModel(self)
        self.tasks_view = _table(self.tasks_model, "openTasks", OpenTaskModel.COL_CONTENT)
        self.tasks_view.doubleClicked.connect(self._open_task_row)
        self.tasks_box = _box(self.tr("My department's open tasks"), self.tasks_view)

        self.alerts_model = AlertModel(self)
        self.alerts_view = _table(self.alerts_model, "alerts", AlertModel.COL_CONTENT)
        self.alerts_view.doubleClicked.connect(self._open_alert_row)
        self.alerts_box = _box(self.tr("Warnings and reminders"), self.alerts_view)

        self.mentions_model = MentionModel(self)
        self.mentions_view = _table(self.mentions_model, "mentions", MentionModel.COL_TEXT)
        self.mentions_view.doubleClicked.connect(self._open_mention_row)
        self.mentions_box = _box(self.tr("Mentions of me or my department"), self.mentions_view)

        self.no_person = QLabel(self.tr("Choose who is acting to see their department's work."))
        self.no_person.setObjectName("noPerson")

        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.alerts_box)
        lower.addWidget(self.mentions_box)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.tasks_box)
        split.addWidget(lower)
        work = QWidget()
        layout = QVBoxLayout(work)
        layout.addWidget(self.sync_state)
        layout.addWidget(self.no_person)
        layout.addWidget(split, stretch=1)
        return work

    def _build_installation(self) -> QWidget:
        self.node_name = QLabel()
        self.node_role = QLabel()
        self.node_department = QLabel()
        self.node_id = QLabel()
        self.store_path = QLabel()
        self.schema_revision = QLabel()
        for label in (
            self.node_name,
            self.node_role,
            self.node_department,
            self.node_id,
            self.store_path,
            self.schema_revision,
        ):
            # Names come from users and other offices: never interpret them as rich text.
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.node_name.setObjectName("nodeName")
        # A long path must not force the window wider; the full path is in the tooltip.
        self.store_path.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.missing_identity = QLabel(
            self.tr("This store has no installation identity yet. Create one with 'govperf init'.")
        )
        self.missing_identity.setWordWrap(True)
        self.missing_identity.hide()

        identity = QFormLayout()
        identity.addRow(self.tr("Name:"), self.node_name)
        identity.addRow(self.tr("Role:"), self.node_role)
        identity.addRow(self.tr("Department:"), self.node_department)
        identity.addRow(self.tr("Installation ID:"), self.node_id)
        identity.addRow(self.tr("Store file:"), self.store_path)
        identity.addRow(self.tr("Schema revision:"), self.schema_revision)

        self.counts_model = RecordCountModel(self)
        self.counts_table = QTableView()
        self.counts_table.setObjectName("recordCounts")
        self.counts_table.setModel(self.counts_model)
        self.counts_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.counts_table.setAlternatingRowColors(True)
        rows = self.counts_table.verticalHeader()
        rows.hide()
        rows.setDefaultSectionSize(self.fontMetrics().height() + ROW_PADDING)
        # Two short columns read badly when stretched across a wide window.
        self.counts_table.setMinimumWidth(COUNTS_TABLE_WIDTH // 2)
        self.counts_table.setMaximumWidth(COUNTS_TABLE_WIDTH)
        header = self.counts_table.horizontalHeader()
        header.setSectionResizeMode(RecordCountModel.COL_KIND, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            RecordCountModel.COL_COUNT, QHeaderView.ResizeMode.ResizeToContents
        )

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.missing_identity)
        layout.addLayout(identity)
        layout.addSpacing(12)
        layout.addWidget(_heading(self.tr("Records in this store"), level=3))
        layout.addWidget(self.counts_table, stretch=1)
        return page

    # -- loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            self.acting.load()  # its person_changed loads the dashboard
        elif self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Reload what is shown, off the UI thread."""
        self._stale = False
        if not self._loaded_once:
            self._loaded_once = True
            self.acting.load()
            return
        self._load(self.acting.current_person())
        if self.tabs.currentIndex() == TAB_INSTALLATION or self._info_loaded:
            self.load_installation()

    def _on_person_changed(self, person: PersonEntry | None) -> None:
        self._load(person)

    def _load(self, person: PersonEntry | None) -> None:
        self.no_person.setVisible(person is None)
        # The services are imported in the background call, not here: they load the sync
        # services and the cryptography library (~0.15 s), which would freeze the window.
        store = self._store
        if person is None:
            self.data = None
            for model in (self.tasks_model, self.alerts_model, self.mentions_model):
                model.set_rows([])

            def overview() -> SyncOverview:
                from govperf_desktop.services.sync_status import sync_overview

                return sync_overview(store)

            operations.run_in_background(
                overview,
                parent=self,
                on_success=self._show_sync_only,
                on_failure=self._refused,
            )
            return
        today = office_date(self._clock())

        def dashboard() -> Dashboard:
            from govperf_desktop.services.dashboard import my_dashboard

            return my_dashboard(store, person=person.id, today=today)

        operations.run_in_background(
            dashboard,
            parent=self,
            on_success=self._show,
            on_failure=self._refused,
        )

    def _show(self, data: Dashboard) -> None:
        current = self.acting.current_person()
        if current is not None and data.person != current.label:
            return  # an answer for a person chosen before; the newer one follows
        self.data = data
        self.tasks_model.set_rows(data.open_tasks)
        self.alerts_model.set_rows(data.alerts)
        self.mentions_model.set_rows(data.mentions)
        self.tasks_box.setTitle(
            self.tr("My department's open tasks ({department}: {count})").format(
                department=data.department, count=data.open_task_count
            )
        )
        self.alerts_box.setTitle(
            self.tr("Warnings and reminders ({count})").format(count=data.alert_count)
        )
        self.mentions_box.setTitle(
            self.tr("Mentions of me or my department ({count})").format(count=len(data.mentions))
        )
        self.summary.setText(
            self.tr("{tasks} open task(s), {alerts} warning(s) or reminder(s)").format(
                tasks=data.open_task_count, alerts=data.alert_count
            )
        )
        self._show_sync(data.sync)
        self.loaded.emit()

    def _show_sync_only(self, overview: SyncOverview) -> None:
        self.summary.clear()
        self._show_sync(overview)
        self.loaded.emit()

    def _show_sync(self, sync: SyncOverview) -> None:
        self.sync_state.setText(self.sync_text(sync))

    def sync_text(self, sync: SyncOverview) -> str:
        """One line about the sync: when it last ran and what waits (rich text, escaped)."""
        if not sync.enrolled:
            return escape(self.tr("Sync: this installation is not enrolled yet."))
        never = self.tr("never")
        parts = [
            self.tr("Last received: {moment}").format(
                moment=format_moment(sync.last_import_at) or never
            ),
            self.tr("last sent: {moment}").format(
                moment=format_moment(sync.last_export_at) or never
            ),
        ]
        waiting = []
        if sync.quarantined:
            waiting.append(
                self.tr("{count} bundle(s) in quarantine").format(count=sync.quarantined)
            )
        if sync.gaps:
            missing = sum(gap.last_missing - gap.first_missing + 1 for gap in sync.gaps)
            waiting.append(
                self.tr("{count} op(s) missing from {nodes} installation(s)").format(
                    count=missing, nodes=len(sync.gaps)
                )
            )
        text = escape(self.tr("Sync: ") + "; ".join(parts))
        if waiting:
            text += f' — <a href="sync"><b>{escape("; ".join(waiting))}</b></a>'
        return text

    def _on_tab_changed(self, index: int) -> None:
        if index == TAB_INSTALLATION and not self._info_loaded:
            self.load_installation()

    def load_installation(self) -> None:
        """Read the identity and the record counts (off the UI thread)."""
        self._info_loaded = True
        operations.run_in_background(
            lambda: store_info(self._store),
            parent=self,
            on_success=self._show_info,
            on_failure=self._refused,
        )

    def _show_info(self, info: StoreInfo) -> None:
        node = info.node
        self.missing_identity.setVisible(node is None)
        none = "—"
        self.node_name.setText(node.name if node else none)
        self.node_role.setText(self.role_label(node.role) if node else none)
        self.node_department.setText((node.department or none) if node else none)
        self.node_id.setText(node.id if node else none)
        self.store_path.setText(info.path)
        self.store_path.setToolTip(info.path)
        self.schema_revision.setText(info.schema_revision or none)
        self.counts_model.set_rows(info.counts)

    def role_label(self, role: str) -> str:
        """The translated name of an installation's role (NODE_ROLES)."""
        labels = {
            "central": self.tr("Central office"),
            "department": self.tr("Department office"),
            "evaluator": self.tr("Evaluator"),
        }
        return labels.get(role, role)

    def _on_data_changed(self, _result: object) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _refused(self, error: GovperfError) -> None:
        self.summary.setText(error_message(error))

    # -- opening a task

    def _open_task_row(self, index: QModelIndex) -> None:
        task = self.tasks_model.row_at(index.row())
        if task is not None:
            self.open_task.emit(task.id, "")

    def _open_alert_row(self, index: QModelIndex) -> None:
        alert = self.alerts_model.row_at(index.row())
        if alert is not None:
            self.open_task.emit(alert.task_id, "")

    def _open_mention_row(self, index: QModelIndex) -> None:
        mention = self.mentions_model.row_at(index.row())
        if mention is not None:
            self.open_task.emit(mention.task_id, mention.comment_id)


def create_page(store: Store, parent: QWidget | None = None) -> QWidget:
    return DashboardPage(store, parent)
