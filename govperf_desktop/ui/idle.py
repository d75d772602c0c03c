"""The idle lock: after a time without keyboard or mouse input the window is hidden and the
logged-in user's password is asked for again.

An event filter on the application restarts a timer on every user input. When it fires, every
window of the application (the main one and any open dialog) is hidden — its data out of
sight, what was typed kept in its widgets — and a LoginDialog fixed to the account is shown.
The right password shows the windows again; "Quit" ends the application. The idle time is
configurable: QSettings `security/idle_minutes`
(default 10; 0 turns the lock off) or `--idle-minutes` at start.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from govperf_desktop.ui.login import LoginDialog
from govperf_desktop.ui.operations import run_in_background
from govperf_desktop.ui.startup import PendingStore, open_store_of

if TYPE_CHECKING:
    from govperf_desktop.services.accounts import LoggedIn
    from govperf_desktop.services.admin import Store


def _record_lock(store: Store | PendingStore, account: str) -> None:
    from govperf_desktop.services.audit import record_event

    record_event(open_store_of(store), "idle_lock", now=datetime.now(UTC), account=account)


IDLE_SETTING = "security/idle_minutes"
DEFAULT_IDLE_MINUTES = 10

_USER_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def idle_minutes(settings: QSettings, override: float | None = None) -> float:
    """The configured idle time in minutes (0: never lock)."""
    if override is not None:
        return max(0.0, override)
    try:
        return max(0.0, float(settings.value(IDLE_SETTING, DEFAULT_IDLE_MINUTES)))
    except (TypeError, ValueError):
        return float(DEFAULT_IDLE_MINUTES)


class IdleLock(QObject):
    """Locks `window` after `timeout_ms` without user input; unlocks with the password."""

    locked = Signal()
    unlocked = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        app: QApplication,
        window: QWidget,
        store: Store | PendingStore,
        user: LoggedIn,
        timeout_ms: int,
    ) -> None:
        super().__init__(window)
        self._app = app
        self._window = window
        self._store = store
        self._user = user
        self.dialog: LoginDialog | None = None
        self._hidden: list[QWidget] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, timeout_ms))
        self.timer.timeout.connect(self.lock)
        app.installEventFilter(self)
        self.timer.start()

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _USER_INPUT and not self.is_locked:
            self.timer.start()  # restarts
        return False

    def lock(self) -> None:
        if self.is_locked:
            return
        self.timer.stop()
        # Every window of the application (dialogs too), not only the main one.
        self._hidden = [w for w in self._app.topLevelWidgets() if w.isVisible()]
        for widget in self._hidden:
            widget.hide()
        store, account = self._store, self._user.account
        run_in_background(
            lambda: _record_lock(store, account),
            parent=self,
        )
        self.dialog = LoginDialog(self._store, None, account=self._user.account)
        self.dialog.finished.connect(self._on_dialog_finished)
        self.dialog.open()
        self.locked.emit()

    def _on_dialog_finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted:
            for widget in self._hidden:
                if shiboken6.isValid(widget):
                    widget.show()
            self._hidden = []
            self.timer.start()
            self.unlocked.emit()
        else:
            self.quit_requested.emit()

    def stop(self) -> None:
        self.timer.stop()
        self._app.removeEventFilter(self)
