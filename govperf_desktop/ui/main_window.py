"""The main window: page navigation on the left, the pages in a stack, menus, saved layout.

Each page is built the first time it is shown (`page(key)`), so start-up builds only the
page the window opens on; a page whose module does not exist yet is a placeholder. The
window may be shown before the store is open (ui/app.py opens it in the background): it then
shows its navigation, menus and an "opening" note, and builds the page once `set_store` gives
it the store. This module imports neither the pages nor the services at import time, so the
window's frame is on screen before SQLAlchemy is imported. The
window owns navigation between pages: a task opened from the dashboard or the communication
log is shown on the indicators page's task view, at the comment when one is named. The
window never touches the database itself: pages call services off the UI thread.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop import __version__
from govperf_desktop.ui.i18n import LANGUAGE_SETTING, LANGUAGES
from govperf_desktop.ui.pages import page_module

if TYPE_CHECKING:
    from govperf_desktop.services.admin import Store
    from govperf_desktop.ui.pages.dashboard import DashboardPage
    from govperf_desktop.ui.pages.dashboard_models import RecordCountModel

__all__ = ["DashboardPage", "MainWindow", "PlaceholderPage", "RecordCountModel"]


def __getattr__(name: str) -> Any:
    """`DashboardPage` and `RecordCountModel`, imported when first asked for (not at start)."""
    if name == "DashboardPage":
        from govperf_desktop.ui.pages.dashboard import DashboardPage

        return DashboardPage
    if name == "RecordCountModel":
        from govperf_desktop.ui.pages.dashboard_models import RecordCountModel

        return RecordCountModel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


def _heading(text: str, level: int) -> QLabel:
    label = QLabel(f"<h{level}>{escape(text)}</h{level}>")
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


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


class OpeningPage(QWidget):
    """Stands in for a page until it is built: while the store opens, says so."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openingPage")
        self.message = QLabel(self.tr("Opening the store…"))
        self.message.setObjectName("openingMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)


class MainWindow(QMainWindow):
    """The application's one main window.

    `store` None: the store is still opening; pages are built once `set_store` is called.
    """

    def __init__(
        self,
        store: Store | None,
        settings: QSettings | None = None,
        language: str = "zh_CN",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._settings = settings if settings is not None else QSettings()
        self._language = language
        self.setObjectName("mainWindow")
        self._title = self.tr("govperf — cross-department performance")
        self.setWindowTitle(self._title)

        self._titles = self._page_titles()
        self._built: dict[str, QWidget] = {}
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setMinimumWidth(NAVIGATION_WIDTH // 2)
        self.navigation.setSpacing(4)
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        for key in PAGE_KEYS:
            self.navigation.addItem(self._titles[key])
            self.pages.addWidget(OpeningPage())  # a stand-in until the page is first shown

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

    @property
    def dashboard(self) -> DashboardPage:
        from govperf_desktop.ui.pages.dashboard import DashboardPage

        page = self.page(PAGE_DASHBOARD)
        assert isinstance(page, DashboardPage)
        return page

    @property
    def store_is_open(self) -> bool:
        return self._store is not None

    def set_store(self, store: Store) -> None:
        """The store has opened: build the page on screen (the others when first shown)."""
        if self._store is not None:
            return
        self._store = store
        self._on_page_selected(self.pages.currentIndex())

    def page(self, key: str) -> QWidget:
        """The page `key` (one of PAGE_KEYS), built now if it has not been shown yet.

        Needs the store: before `set_store`, asking for a page is a programming error.
        """
        page = self._built.get(key)
        if page is None:
            if self._store is None:
                raise RuntimeError(f"page {key} asked for before the store was open")
            page = self._create_page(key, self._titles[key])
            self._built[key] = page
            row = PAGE_KEYS.index(key)
            current = self.pages.currentIndex()
            stand_in = self.pages.widget(row)
            self.pages.insertWidget(row, page)
            self.pages.removeWidget(stand_in)
            stand_in.deleteLater()
            self.pages.setCurrentIndex(current)
        return page

    def is_built(self, key: str) -> bool:
        return key in self._built

    def _create_page(self, key: str, title: str) -> QWidget:
        assert self._store is not None
        if key == PAGE_DASHBOARD:
            from govperf_desktop.ui.pages.dashboard import DashboardPage

            dashboard = DashboardPage(self._store, self)
            dashboard.open_task.connect(self.open_task)
            dashboard.open_sync.connect(lambda: self.show_page(PAGE_SYNC))
            return dashboard
        module = page_module(key)
        if module is None:
            return PlaceholderPage(title)
        page = module.create_page(self._store, self)
        if key == PAGE_COMMUNICATION:
            if hasattr(page, "open_comment"):
                page.open_comment.connect(self.open_task)
            elif hasattr(page, "open_task"):
                page.open_task.connect(lambda task_id: self.open_task(task_id, ""))
        return page

    def open_task(self, task_id: str, comment_id: str = "") -> None:
        """Show the task page of `task_id` (on the indicators page), at `comment_id` if given."""
        indicators = self.page(PAGE_INDICATORS)
        self.show_page(PAGE_INDICATORS)
        if not hasattr(indicators, "open_task"):
            return
        task_view = getattr(indicators, "task_view", None)
        if comment_id and task_view is not None:

            def at_comment() -> None:
                if getattr(task_view, "_task_id", task_id) != task_id:
                    return
                task_view.loaded.disconnect(at_comment)
                task_view.communication_tabs.setCurrentWidget(task_view.comments)
                task_view.comments.select_comment(comment_id)

            task_view.loaded.connect(at_comment)
        indicators.open_task(task_id)

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
        if self._store is not None:
            self.page(PAGE_KEYS[row])
        self.pages.setCurrentIndex(row)

    # -- menus

    def _build_menus(self) -> None:
        file_menu = self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        language_menu = self.language_menu = self.menuBar().addMenu(self.tr("&Language"))
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

        help_menu = self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&About govperf"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def choose_language(self, code: str) -> None:
        """Store `code` as the UI language and switch to it now: the menus and navigation are
        translated again and the pages rebuilt in the new language (see ui/i18n.py)."""
        from PySide6.QtWidgets import QApplication

        from govperf_desktop.ui.i18n import switch_language

        self._settings.setValue(LANGUAGE_SETTING, code)
        self._settings.sync()
        message = ""
        if code != self._language:
            app = QApplication.instance()
            if isinstance(app, QApplication) and switch_language(app, code):
                self._language = code
                self._retranslate()
            else:
                message = self.tr("The language changes when govperf is started again.")
        for action in self.language_actions.actions():
            action.setChecked(action.data() == code)
        self.statusBar().showMessage(message)

    def _retranslate(self) -> None:
        """Menus, navigation and title in the current language; built pages are rebuilt (each
        when shown next, the one on screen now), since pages translate their words as built."""
        suffix = self.windowTitle().removeprefix(self._title)  # e.g. who is logged in
        self._title = self.tr("govperf — cross-department performance")
        self.setWindowTitle(self._title + suffix)
        self._titles = self._page_titles()
        for row, key in enumerate(PAGE_KEYS):
            self.navigation.item(row).setText(self._titles[key])
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("&Quit"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About govperf"))
        for key in list(self._built):
            old = self._built.pop(key)
            row = PAGE_KEYS.index(key)
            current = self.pages.currentIndex()
            self.pages.insertWidget(row, OpeningPage())
            self.pages.removeWidget(old)
            self.pages.setCurrentIndex(current)
            old.deleteLater()
        self._on_page_selected(self.pages.currentIndex())

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
        # then build and show the page exactly once.
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
