"""The main window: page navigation on the left, the pages in a stack, menus, saved layout.

The dashboard shows who this installation is and how many records of each kind its store
holds, from `services.admin.store_info`; the other pages are placeholders until their issues
land. The window never touches the database itself: it calls services and shows their data.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop import __version__
from govperf_desktop.services.admin import Store, StoreInfo, store_info
from govperf_desktop.ui.i18n import LANGUAGE_SETTING, LANGUAGES
from govperf_desktop.ui.pages import page_module

# Page keys in navigation order; `MainWindow.show_page` takes one of these.
PAGE_DASHBOARD = "dashboard"
PAGE_INDICATORS = "indicators"
PAGE_TIMESHEETS = "timesheets"
PAGE_COMMUNICATION = "communication"
PAGE_SCORES = "scores"
PAGE_SYNC = "sync"
PAGE_HISTORY = "history"
PAGE_KEYS: tuple[str, ...] = (
    PAGE_DASHBOARD,
    PAGE_INDICATORS,
    PAGE_TIMESHEETS,
    PAGE_COMMUNICATION,
    PAGE_SCORES,
    PAGE_SYNC,
    PAGE_HISTORY,
)

# Language names are shown in their own language (an endonym), so that a user who cannot
# read the current UI language can still find theirs; they are deliberately not translated.
LANGUAGE_NAMES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}

SETTING_GEOMETRY = "main_window/geometry"
SETTING_STATE = "main_window/state"
SETTING_SPLITTER = "main_window/splitter"
SETTING_PAGE = "main_window/page"

DEFAULT_SIZE = (1100, 720)
NAVIGATION_WIDTH = 160
COUNTS_TABLE_WIDTH = 480
ROW_PADDING = 8  # pixels above and below a table row's text


def _heading(text: str, level: int) -> QLabel:
    label = QLabel(f"<h{level}>{escape(text)}</h{level}>")
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


class RecordCountModel(QAbstractTableModel):
    """Record kinds of the store and how many rows each has, one kind per row."""

    COL_KIND = 0
    COL_COUNT = 1

    # Role returning the record kind's key (its table name), untranslated.
    KindRole = Qt.ItemDataRole.UserRole
    # Role returning a comparable value for sorting (the label, or the count as an int).
    SortRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, int]] = []
        self._labels: dict[str, str] = {}

    def set_rows(self, counts: dict[str, int]) -> None:
        """Replace the contents with `counts` (record kind → number of rows), keeping its order."""
        self.beginResetModel()
        self._labels = self._kind_labels()
        self._rows = list(counts.items())
        self.endResetModel()

    def kind_label(self, kind: str) -> str:
        """The translated name of a record kind; an unknown kind shows as its key."""
        return self._labels.get(kind, kind)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        kind, count = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_KIND:
                return self.kind_label(kind)
            if column == self.COL_COUNT:
                return QLocale().toString(count)
        elif role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == self.KindRole:
            return kind
        elif role == self.SortRole:
            return count if column == self.COL_COUNT else self.kind_label(kind)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == self.COL_KIND:
            return self.tr("Record kind")
        if section == self.COL_COUNT:
            return self.tr("Count")
        return None

    def _kind_labels(self) -> dict[str, str]:
        # One literal self.tr() per kind, so that lupdate finds every one of them.
        return {
            "departments": self.tr("Departments"),
            "people": self.tr("People"),
            "nodes": self.tr("Installations"),
            "indicators": self.tr("Performance indicators"),
            "cooperating_departments": self.tr("Cooperating departments"),
            "tasks": self.tr("Tasks"),
            "task_dependencies": self.tr("Task dependencies"),
            "standard_items": self.tr("Output standard items"),
            "liability_rules": self.tr("Joint-liability rules"),
            "task_events": self.tr("Task events"),
            "submissions": self.tr("Submissions"),
            "submission_files": self.tr("Submission files"),
            "timesheet_entries": self.tr("Timesheet entries"),
            "comments": self.tr("Task comments"),
            "mentions": self.tr("Mentions"),
            "support_records": self.tr("Support records"),
            "scoring_configs": self.tr("Scoring configurations"),
        }


class DashboardPage(QWidget):
    """This installation's identity and the record counts of its store."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setObjectName("dashboardPage")

        self.identity_heading = _heading(self.tr("This installation"), level=2)
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

        layout = QVBoxLayout(self)
        layout.addWidget(self.identity_heading)
        layout.addWidget(self.missing_identity)
        layout.addLayout(identity)
        layout.addSpacing(12)
        layout.addWidget(_heading(self.tr("Records in this store"), level=3))
        layout.addWidget(self.counts_table, stretch=1)

    def refresh(self) -> StoreInfo:
        """Reload the identity and the counts from the store; returns what was shown."""
        info = store_info(self._store)
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
        return info

    def role_label(self, role: str) -> str:
        """The translated name of an installation's role (NODE_ROLES)."""
        labels = {
            "central": self.tr("Central office"),
            "department": self.tr("Department office"),
            "evaluator": self.tr("Evaluator"),
        }
        return labels.get(role, role)


class PlaceholderPage(QWidget):
    """A page whose feature is not built yet."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeholderPage")
        self.message = QLabel(self.tr("This page arrives with its issue."))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(title, level=2))
        layout.addWidget(self.message, stretch=1)


class MainWindow(QMainWindow):
    """The application's one main window."""

    def __init__(
        self,
        store: Store,
        settings: QSettings | None = None,
        language: str = "zh_CN",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._settings = settings if settings is not None else QSettings()
        self._language = language
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("govperf — cross-department performance"))

        titles = self._page_titles()
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setMinimumWidth(NAVIGATION_WIDTH // 2)
        self.navigation.setSpacing(4)
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.dashboard = DashboardPage(store)
        for key in PAGE_KEYS:
            self.navigation.addItem(titles[key])
            self.pages.addWidget(self._create_page(key, titles[key]))

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([NAVIGATION_WIDTH, DEFAULT_SIZE[0] - NAVIGATION_WIDTH])
        self.setCentralWidget(self.splitter)

        self._build_menus()
        self.statusBar()
        self.navigation.currentRowChanged.connect(self._on_page_selected)
        self.resize(*DEFAULT_SIZE)
        self._restore_layout()

    # -- pages

    def _create_page(self, key: str, title: str) -> QWidget:
        if key == PAGE_DASHBOARD:
            return self.dashboard
        module = page_module(key)
        if module is None:
            return PlaceholderPage(title)
        return module.create_page(self._store, self)

    def _page_titles(self) -> dict[str, str]:
        return {
            PAGE_DASHBOARD: self.tr("Dashboard"),
            PAGE_INDICATORS: self.tr("Indicators"),
            PAGE_TIMESHEETS: self.tr("Timesheets"),
            PAGE_COMMUNICATION: self.tr("Communication log"),
            PAGE_SCORES: self.tr("Scores"),
            PAGE_SYNC: self.tr("Sync"),
            PAGE_HISTORY: self.tr("History"),
        }

    def show_page(self, key: str) -> None:
        """Switch to the page `key` (one of PAGE_KEYS), as clicking it in the navigation does."""
        self.navigation.setCurrentRow(PAGE_KEYS.index(key))

    def current_page_key(self) -> str:
        return PAGE_KEYS[self.pages.currentIndex()]

    def _on_page_selected(self, row: int) -> None:
        if not 0 <= row < len(PAGE_KEYS):
            return
        self.pages.setCurrentIndex(row)
        if PAGE_KEYS[row] == PAGE_DASHBOARD:
            self.dashboard.refresh()

    # -- menus

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        language_menu = self.menuBar().addMenu(self.tr("&Language"))
        self.language_actions = QActionGroup(self)
        self.language_actions.setExclusive(True)
        for code in LANGUAGES:
            action = QAction(LANGUAGE_NAMES.get(code, code), self)
            action.setCheckable(True)
            action.setChecked(code == self._language)
            action.setData(code)
            self.language_actions.addAction(action)
            language_menu.addAction(action)
        self.language_actions.triggered.connect(self._on_language_chosen)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&About govperf"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def choose_language(self, code: str) -> None:
        """Store `code` as the UI language for the next start and tell the user so."""
        self._settings.setValue(LANGUAGE_SETTING, code)
        self._settings.sync()
        for action in self.language_actions.actions():
            action.setChecked(action.data() == code)
        if code != self._language:
            message = self.tr("The language changes when govperf is started again.")
        else:
            message = ""
        self.statusBar().showMessage(message)

    def _on_language_chosen(self, action: QAction) -> None:
        self.choose_language(str(action.data()))

    def about_text(self) -> str:
        title = self.tr("govperf — cross-department performance")
        version = self.tr("Version {version}").format(version=__version__)
        summary = self.tr(
            "Traceable cross-department performance work and provable scores, offline."
        )
        return f"<h3>{escape(title)}</h3><p>{escape(version)}</p><p>{escape(summary)}</p>"

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About govperf"), self.about_text())

    # -- layout persistence

    def _restore_layout(self) -> None:
        geometry = self._settings.value(SETTING_GEOMETRY)
        if geometry:
            self.restoreGeometry(geometry)
        state = self._settings.value(SETTING_STATE)
        if state:
            self.restoreState(state)
        splitter = self._settings.value(SETTING_SPLITTER)
        if splitter:
            self.splitter.restoreState(splitter)
        try:
            page = int(self._settings.value(SETTING_PAGE, 0))
        except (TypeError, ValueError):
            page = 0
        page = page if 0 <= page < len(PAGE_KEYS) else 0
        # Whether setCurrentRow emits depends on the list's previous state: select quietly,
        # then show the page (and load the dashboard) exactly once.
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(page)
        self.navigation.blockSignals(False)
        self._on_page_selected(page)

    def save_layout(self) -> None:
        self._settings.setValue(SETTING_GEOMETRY, self.saveGeometry())
        self._settings.setValue(SETTING_STATE, self.saveState())
        self._settings.setValue(SETTING_SPLITTER, self.splitter.saveState())
        self._settings.setValue(SETTING_PAGE, self.pages.currentIndex())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)
