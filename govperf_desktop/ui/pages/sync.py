"""The sync page (同步): exchange signed bundles with the other installations through a folder.

Choose the folder once (a USB stick or a shared folder; remembered in QSettings). The one
"Sync" button imports the bundles there addressed to this installation, then writes a bundle
for each peer into the same folder (`services.sync.sync_folder`), off the UI thread with a
progress bar and a cancel button; cancelling stops at the next progress report (every few
thousand ops) and rolls back the bundle being read or written, never a finished one. The
key passphrase comes from $GOVPERF_PASSPHRASE, else the user is asked once per session; it
is checked before any bundle is touched.

Below: each peer's status (what it acknowledged, what it has not yet, ops missing from it),
the quarantine with the reasons, the conflicts last-writer-wins resolved, and what the last
sync did file by file. "Watch the folder" rescans it periodically and on file-system hints,
and says when bundles for this installation are waiting; it does not sync by itself (two
watching installations would answer each other's bundles forever).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop.domain.errors import GovperfError, ValidationError
from govperf_desktop.services.admin import Store
from govperf_desktop.ui import feedback, operations
from govperf_desktop.ui.models.base import format_moment
from govperf_desktop.ui.operations import Operation, Progress, ProgressUpdate
from govperf_desktop.ui.pages.sync_models import (
    ConflictModel,
    PeerModel,
    QuarantineModel,
    ResultModel,
    table_view,
)
from govperf_desktop.ui.pages.sync_watch import FolderWatch

if TYPE_CHECKING:
    from govperf_desktop.services.sync import ExportView, ImportView
    from govperf_desktop.services.sync_status import (
        ConflictView,
        FolderScan,
        PeerStatus,
        QuarantinedView,
        SyncOverview,
    )

SETTING_FOLDER = "sync/folder"
SETTING_WATCH = "sync/watch"
PASSPHRASE_ENV = "GOVPERF_PASSPHRASE"  # the same variable the command line reads
PROGRESS_INTERVAL = 0.1  # seconds between progress reports sent to the UI thread
FILE_COLUMN_WIDTH = 260  # pixels

TAB_PEERS = 0
TAB_QUARANTINE = 1
TAB_CONFLICTS = 2
TAB_RESULTS = 3


def choose_folder(parent: QWidget, start: str) -> str | None:
    """Ask for the sync folder (a hook tests replace); None when cancelled."""
    title = QCoreApplication.translate(
        "SyncPage", "Choose the sync folder (USB stick or shared folder)"
    )
    folder = QFileDialog.getExistingDirectory(parent, title, start)
    return folder or None


def ask_passphrase(parent: QWidget) -> str | None:
    """Ask for the key passphrase (a hook tests replace); None when cancelled."""
    text, accepted = QInputDialog.getText(
        parent,
        QCoreApplication.translate("SyncPage", "Key passphrase"),
        QCoreApplication.translate("SyncPage", "The passphrase of this installation's keys:"),
        QLineEdit.EchoMode.Password,
    )
    return text if accepted and text else None


@dataclass(frozen=True)
class SyncState:
    """Everything the page shows about the sync, read in one background call."""

    overview: SyncOverview
    peers: list[PeerStatus]
    quarantined: list[QuarantinedView]
    conflicts: list[ConflictView]


def _read_state(store: Store) -> SyncState:
    from govperf_desktop.services.sync_status import (
        conflicts,
        peer_statuses,
        quarantined,
        sync_overview,
    )

    return SyncState(
        sync_overview(store), peer_statuses(store), quarantined(store), conflicts(store)
    )


def _reporter(progress: Progress) -> Callable[[str, int], None]:
    """The services' (stage, count) callback: notices a cancel, reports at most 10 times a
    second so a million-op bundle does not flood the UI thread."""
    last = [0.0]

    def report(stage: str, count: int) -> None:
        progress.check()
        now = time.monotonic()
        if now - last[0] >= PROGRESS_INTERVAL:
            last[0] = now
            progress.report(count, None, stage)

    return report


class SyncPage(QWidget):
    """The folder, the sync button with progress and cancel, and what the sync knows."""

    synced = Signal(object)  # (imported, exported) after a sync finished
    state_loaded = Signal()  # peers, quarantine and conflicts have been shown
    scanned = Signal(object)  # a FolderScan after a rescan of the folder

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
        self._passphrase: str | None = None
        self._operation: Operation | None = None
        self._loaded_once = False
        self._stale = False
        self._enrolled = False
        self.setObjectName("syncPage")

        self.folder = QLineEdit(str(QSettings().value(SETTING_FOLDER, "") or ""))
        self.folder.setObjectName("syncFolder")
        self.folder.setPlaceholderText(self.tr("a USB stick or a shared folder"))
        self.folder.editingFinished.connect(self._on_folder_edited)
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.setObjectName("chooseFolder")
        self.choose_button.clicked.connect(self.choose)
        self.watch = QCheckBox(self.tr("Watch the folder"))
        self.watch.setObjectName("watchFolder")
        self.watch.setToolTip(
            self.tr(
                "Rescan the folder every minute and when this computer sees it change, and say "
                "when bundles for this installation arrive. On a network share, changes made by "
                "other computers are seen only by the rescan. Syncing stays a click."
            )
        )
        self.watch.setChecked(QSettings().value(SETTING_WATCH, False, type=bool))
        self.watch.toggled.connect(self._on_watch_toggled)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("Folder:")))
        folder_row.addWidget(self.folder, stretch=1)
        folder_row.addWidget(self.choose_button)
        folder_row.addWidget(self.watch)

        self.sync_button = QPushButton(self.tr("Sync"))
        self.sync_button.setObjectName("syncButton")
        self.sync_button.setToolTip(
            self.tr(
                "Import the bundles in the folder addressed to this installation, then write "
                "a bundle for each other installation into it"
            )
        )
        self.sync_button.setMinimumWidth(120)
        self.sync_button.clicked.connect(self.sync)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelSync")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        self.status = QLabel()
        self.status.setObjectName("syncStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        action_row = QHBoxLayout()
        action_row.addWidget(self.sync_button)
        action_row.addWidget(self.cancel_button)
        action_row.addWidget(self.progress, stretch=1)

        self.overview = QLabel()
        self.overview.setObjectName("syncOverview")
        self.overview.setTextFormat(Qt.TextFormat.PlainText)
        self.overview.setWordWrap(True)
        self.waiting = QLabel()
        self.waiting.setObjectName("syncWaiting")
        self.waiting.setTextFormat(Qt.TextFormat.PlainText)

        self.peers = PeerModel(self)
        self.quarantine = QuarantineModel(self)
        self.conflicts = ConflictModel(self)
        self.results = ResultModel(self)
        self.peers_view = table_view(self.peers, "syncPeers", PeerModel.COL_MISSING)
        self.quarantine_view = table_view(
            self.quarantine, "syncQuarantine", QuarantineModel.COL_REASON
        )
        self.conflicts_view = table_view(self.conflicts, "syncConflicts", ConflictModel.COL_RECORD)
        self.results_view = table_view(self.results, "syncResults", ResultModel.COL_DETAIL)
        # Bundle file names are long ids: a fixed width (the full name in the tooltip) leaves
        # the reasons room.
        for view, column in (
            (self.quarantine_view, QuarantineModel.COL_FILE),
            (self.results_view, ResultModel.COL_FILE),
        ):
            view.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            view.horizontalHeader().resizeSection(column, FILE_COLUMN_WIDTH)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.peers_view, self.tr("Installations"))
        self.tabs.addTab(self.quarantine_view, self.tr("Quarantine"))
        self.tabs.addTab(self.conflicts_view, self.tr("Conflicts"))
        self.tabs.addTab(self.results_view, self.tr("Last sync"))

        layout = QVBoxLayout(self)
        layout.addLayout(folder_row)
        layout.addLayout(action_row)
        layout.addWidget(self.status)
        layout.addWidget(self.overview)
        layout.addWidget(self.waiting)
        layout.addWidget(self.tabs, stretch=1)

        self.watching = FolderWatch(store, self.is_running, self)
        self.watching.scanned.connect(self._show_scan)
        self.watching.failed.connect(self.waiting.setText)
        operations.signals().data_changed.connect(self._on_data_changed)

    # -- loading what the sync knows

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            self.refresh()
            self._apply_watch()
        elif self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the peers, the quarantine and the conflicts (off the UI thread)."""
        self._stale = False
        operations.run_in_background(
            lambda: _read_state(self._store),
            parent=self,
            on_success=self._show_state,
            on_failure=self._refused,
        )

    def _show_state(self, state: SyncState) -> None:
        self._enrolled = state.overview.enrolled
        self.peers.set_rows(state.peers)
        self.quarantine.set_rows(state.quarantined)
        self.conflicts.set_rows(state.conflicts)
        self.tabs.setTabText(
            TAB_QUARANTINE, self.tr("Quarantine ({count})").format(count=len(state.quarantined))
        )
        self.tabs.setTabText(
            TAB_CONFLICTS, self.tr("Conflicts ({count})").format(count=len(state.conflicts))
        )
        self.overview.setText(self.overview_text(state.overview))
        self._update_buttons()
        self.state_loaded.emit()

    def overview_text(self, overview: SyncOverview) -> str:
        if not overview.enrolled:
            return self.tr(
                "This installation is not enrolled yet, so it cannot sync: the central office "
                "creates the organisation's keys, a department accepts its certificate "
                "(see 'govperf enroll')."
            )
        never = self.tr("never")
        text = self.tr("Last received: {received}; last sent: {sent}.").format(
            received=format_moment(overview.last_import_at) or never,
            sent=format_moment(overview.last_export_at) or never,
        )
        if overview.gaps:
            text += " " + self.tr(
                "Ops are missing from {count} installation(s); the later ones wait for them."
            ).format(count=len(overview.gaps))
        if overview.quarantined:
            text += " " + self.tr("{count} bundle(s) were refused (see Quarantine).").format(
                count=overview.quarantined
            )
        return text

    def _on_data_changed(self, _result: object) -> None:
        # Any change makes ops the peers have not acknowledged: reread when next seen.
        self._stale = True
        if self.isVisible() and self._operation is None:
            self.refresh()

    # -- the folder

    def folder_path(self) -> Path | None:
        text = self.folder.text().strip()
        return Path(text) if text else None

    def set_folder(self, folder: str) -> None:
        """Use `folder` from now on (remembered for the next start)."""
        self.folder.setText(folder)
        self._on_folder_edited()

    def choose(self) -> None:
        chosen = choose_folder(self, self.folder.text())
        if chosen:
            self.set_folder(chosen)

    def _on_folder_edited(self) -> None:
        QSettings().setValue(SETTING_FOLDER, self.folder.text().strip())
        self.waiting.clear()
        self._apply_watch()
        self._update_buttons()

    def _on_watch_toggled(self, on: bool) -> None:
        QSettings().setValue(SETTING_WATCH, on)
        self._apply_watch()

    def _apply_watch(self) -> None:
        folder = self.folder_path()
        if not (self.watch.isChecked() and folder is not None):
            self.waiting.clear()
            folder = None
        self.watching.watch(folder)

    def rescan(self) -> None:
        """Count the bundles waiting in the folder for this installation (off the UI thread)."""
        self.watching.rescan()

    def _show_scan(self, scan: FolderScan) -> None:
        if scan.for_here:
            self.waiting.setText(
                self.tr("{count} bundle(s) for this installation are waiting: press Sync.").format(
                    count=scan.for_here
                )
            )
        else:
            self.waiting.setText(self.tr("No new bundles for this installation."))
        self.scanned.emit(scan)

    # -- syncing

    def _update_buttons(self) -> None:
        running = self._operation is not None
        # Not enrolled: there is no key to sign with (the overview says what to do).
        ready = self._enrolled and self.folder_path() is not None
        self.sync_button.setEnabled(not running and ready)
        self.cancel_button.setEnabled(running)
        self.choose_button.setEnabled(not running)
        self.folder.setReadOnly(running)

    def sync(self) -> None:
        """Import what the folder holds for this installation, then export for the peers."""
        if self._operation is not None:
            return
        folder = self.folder_path()
        if folder is None:
            feedback.show_error(self, self.tr("Choose the sync folder first."))
            return
        if not folder.is_dir():
            feedback.show_error(
                self,
                self.tr(
                    "The folder {folder} is not reachable; plug in the stick or connect the share."
                ).format(folder=str(folder)),
            )
            return
        passphrase = self._passphrase or os.environ.get(PASSPHRASE_ENV) or ask_passphrase(self)
        if not passphrase:
            return
        now = self._clock()
        store = self._store

        def work(progress: Progress) -> tuple[list[ImportView], list[ExportView]]:
            from govperf_desktop.services.sync import sync_folder
            from govperf_desktop.services.sync_status import check_passphrase

            check_passphrase(store, passphrase)
            progress.check()
            return sync_folder(
                store, folder, passphrase=passphrase, now=now, progress=_reporter(progress)
            )

        self.status.setText(self.tr("Syncing with {folder}…").format(folder=str(folder)))
        self.progress.setRange(0, 0)  # busy: the number of ops is not known in advance
        self.progress.setFormat("")
        operation = operations.run_in_background(
            work, parent=self, with_progress=True, mutates=True
        )
        operation.progressed.connect(self._on_progress)
        operation.succeeded.connect(lambda result: self._on_synced(result, passphrase))
        operation.failed.connect(self._on_failed)
        operation.cancelled.connect(self._on_cancelled)
        operation.finished.connect(self._on_finished)
        self._operation = operation
        self._update_buttons()

    def cancel(self) -> None:
        if self._operation is not None:
            self._operation.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def _on_progress(self, update: ProgressUpdate) -> None:
        stages = {
            "verify": self.tr("checking"),
            "apply": self.tr("applying"),
            "export": self.tr("writing"),
        }
        stage = stages.get(update.text, update.text)
        self.progress.setFormat(
            self.tr("{stage}: {count} ops").format(stage=stage, count=f"{update.done:,}")
        )

    def _on_synced(
        self, result: tuple[list[ImportView], list[ExportView]], passphrase: str
    ) -> None:
        self._passphrase = passphrase  # it opened the keys: not asked again this session
        imported, exported = result
        self.results.show_sync(imported, exported)
        refused = sum(1 for view in imported if view.outcome == "rejected")
        applied = sum(view.applied for view in imported)
        text = self.tr(
            "Synced: {received} bundle(s) received ({applied} ops applied), {sent} written."
        ).format(received=len(imported) - refused, applied=applied, sent=len(exported))
        if refused:
            text += " " + self.tr("{count} refused and quarantined.").format(count=refused)
        self.status.setText(text)
        self.tabs.setCurrentIndex(TAB_QUARANTINE if refused else TAB_RESULTS)
        self.synced.emit(result)

    def _on_failed(self, error: GovperfError) -> None:
        if isinstance(error, ValidationError) and "passphrase" in str(error).lower():
            self._passphrase = None  # ask again next time
        self.status.setText(feedback.error_message(error))
        feedback.show_error(self, feedback.error_message(error))

    def _on_cancelled(self) -> None:
        self.status.setText(
            self.tr(
                "Cancelled. The bundle being read or written was left as it was; bundles "
                "finished before the cancel stay imported."
            )
        )

    def _on_finished(self) -> None:
        self._operation = None
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")
        self._update_buttons()
        self.refresh()
        if self.watch.isChecked():
            self.rescan()

    def is_running(self) -> bool:
        return self._operation is not None

    def _refused(self, error: GovperfError) -> None:
        self.overview.setText(feedback.error_message(error))


def create_page(store: Store, parent: QWidget | None = None) -> QWidget:
    return SyncPage(store, parent)
