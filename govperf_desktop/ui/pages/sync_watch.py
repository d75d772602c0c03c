"""Watching the sync folder: a file-system hint plus a periodic rescan.

QFileSystemWatcher sees changes made by this computer (and, on a local disk or USB stick,
any change); on a network share, changes made by other computers are usually not reported,
so the folder is also rescanned every minute. A rescan counts the bundles addressed to this
installation that are not imported yet (`services.sync_status.scan_folder`, off the UI
thread). Watching never syncs by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.services.admin import Store
from govperf_desktop.ui import operations
from govperf_desktop.ui.feedback import error_message

if TYPE_CHECKING:
    from govperf_desktop.services.sync_status import FolderScan

RESCAN_MS = 60_000  # a network share's changes made by other machines are seen only so
HINT_DELAY_MS = 500  # file-system hints come in bursts while a file is written


class FolderWatch(QObject):
    """Rescans one folder while on; emits `scanned(FolderScan)` or `failed(str)`."""

    scanned = Signal(object)
    failed = Signal(str)

    def __init__(self, store: Store, busy: Callable[[], bool], parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._busy = busy  # while a sync runs, rescans wait for the next tick
        self._folder: Path | None = None
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._on_hint)
        self.rescan_timer = QTimer(self)
        self.rescan_timer.setInterval(RESCAN_MS)
        self.rescan_timer.timeout.connect(self.rescan)
        self.hint_timer = QTimer(self)
        self.hint_timer.setSingleShot(True)
        self.hint_timer.setInterval(HINT_DELAY_MS)
        self.hint_timer.timeout.connect(self.rescan)

    def is_on(self) -> bool:
        return self.rescan_timer.isActive()

    def watch(self, folder: Path | None) -> None:
        """Watch `folder` (None: stop watching) and rescan it now."""
        watched = self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        self._folder = folder
        if folder is None:
            self.rescan_timer.stop()
            self.hint_timer.stop()
            return
        if folder.is_dir():
            self.watcher.addPath(str(folder))
        self.rescan_timer.start()
        self.rescan()

    def _on_hint(self, _path: str) -> None:
        self.hint_timer.start()  # restarts: one rescan after a burst of changes

    def rescan(self) -> None:
        """Count the bundles waiting in the folder for this installation (off the UI thread)."""
        folder = self._folder
        if folder is None or self._busy():
            return
        from govperf_desktop.services.sync_status import scan_folder

        operations.run_in_background(
            lambda: scan_folder(self._store, folder),
            parent=self,
            on_success=self._on_scanned,
            on_failure=self._on_failed,
        )

    def _on_scanned(self, scan: FolderScan) -> None:
        if self._folder is None or scan.folder != str(self._folder):
            return  # the folder changed meanwhile
        if scan.folder not in self.watcher.directories():
            self.watcher.addPath(scan.folder)  # the stick was plugged in after watching began
        self.scanned.emit(scan)

    def _on_failed(self, error: GovperfError) -> None:
        if self._folder is not None:
            self.failed.emit(error_message(error))
