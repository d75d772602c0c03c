"""The history page (版本回溯): recent changes, one record's versions, restoring a version.

Pick a record from the recent changes (newest first, older pages on demand) or type its id;
its versions show who changed it, on which installation and when, and per field the old and
new value. Restoring a version asks for confirmation and is recorded as a new version by the
acting person. Evidence (events, comments, submissions...) is never changed: the page says so
and offers no restore for it.
"""

from __future__ import annotations

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
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.services.admin import Store
from govperf_desktop.services.history import APPEND_ONLY, ChangeView, history, restore
from govperf_desktop.services.recent_changes import RecentChangesPage, recent_changes
from govperf_desktop.ui import feedback, operations
from govperf_desktop.ui.acting_person import ActingPersonBox
from govperf_desktop.ui.models import labels
from govperf_desktop.ui.models.base import RowTableModel
from govperf_desktop.ui.models.history import (
    FieldChangeModel,
    RecentChangesModel,
    VersionModel,
    field_rows,
)

PAGE_SIZE = 50
# Record kinds offered in the filters (the captured tables), most asked for first.
RECORD_KINDS = (
    "tasks",
    "indicators",
    "departments",
    "people",
    "person_roles",
    "standard_items",
    "task_dependencies",
    "liability_rules",
    "cooperating_departments",
    "timesheet_entries",
    "timesheet_periods",
    "support_records",
    "alert_acknowledgements",
    "scoring_configs",
    "nodes",
    "task_events",
    "submissions",
    "submission_files",
    "comments",
    "mentions",
)


def create_page(store: Store, parent: QWidget | None = None) -> QWidget:
    return HistoryPage(store, parent)


def _table(model: RowTableModel, name: str) -> QTableView:  # type: ignore[type-arg]
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _kind_box(name: str, anything: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)
    box.addItem(anything, None)
    for kind in RECORD_KINDS:
        box.addItem(labels.record_kind(kind), kind)
    return box


class HistoryPage(QWidget):
    """Recent changes, a record's versions, and restore."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._loaded = False
        self._stale = False
        self._next_before: str | None = None
        self._record: tuple[str, str] | None = None  # (table, record id) shown
        self.setObjectName("historyPage")

        self.acting = ActingPersonBox(store)
        self.acting.person_changed.connect(lambda _person: self._update_restore())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Acting as:")))
        top.addWidget(self.acting)
        top.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_recent())
        splitter.addWidget(self._build_record())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, stretch=1)
        operations.signals().data_changed.connect(self._on_data_changed)

    def _build_recent(self) -> QWidget:
        self.recent_kind = _kind_box("recentKind", self.tr("All record kinds"))
        self.recent_kind.currentIndexChanged.connect(self.reload_recent)
        self.recent = RecentChangesModel(self)
        self.recent_view = _table(self.recent, "recentChanges")
        self.recent_view.selectionModel().currentRowChanged.connect(self._on_recent_chosen)
        self.older_button = QPushButton(self.tr("Load older changes"))
        self.older_button.setObjectName("olderChanges")
        self.older_button.setEnabled(False)
        self.older_button.clicked.connect(self.load_older)
        heading = QHBoxLayout()
        heading.addWidget(QLabel(self.tr("Recent changes")), stretch=1)
        heading.addWidget(self.recent_kind)
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.recent_view, stretch=1)
        layout.addWidget(self.older_button)
        return panel

    def _build_record(self) -> QWidget:
        self.record_id = QLineEdit()
        self.record_id.setObjectName("recordId")
        self.record_id.setPlaceholderText(self.tr("Record id"))
        self.record_id.setClearButtonEnabled(True)
        self.record_id.returnPressed.connect(self.show_entered_record)
        self.record_kind = _kind_box("recordKind", self.tr("Any kind"))
        self.show_button = QPushButton(self.tr("Show history"))
        self.show_button.setObjectName("showHistory")
        self.show_button.clicked.connect(self.show_entered_record)
        entry = QHBoxLayout()
        entry.addWidget(self.record_id, stretch=1)
        entry.addWidget(self.record_kind)
        entry.addWidget(self.show_button)

        self.record_title = QLabel(self.tr("Choose a change on the left or enter a record id."))
        self.record_title.setObjectName("recordTitle")
        self.record_title.setTextFormat(Qt.TextFormat.PlainText)
        self.record_title.setWordWrap(True)
        self.evidence_notice = QLabel()
        self.evidence_notice.setObjectName("evidenceNotice")
        self.evidence_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.evidence_notice.setWordWrap(True)
        self.evidence_notice.setStyleSheet("color: #8d6e00; font-weight: bold;")
        self.evidence_notice.hide()
        self.versions = VersionModel(self)
        self.versions_view = _table(self.versions, "recordVersions")
        self.versions_view.selectionModel().currentRowChanged.connect(self._on_version_chosen)
        self.fields = FieldChangeModel(self)
        self.fields_view = _table(self.fields, "versionFields")
        self.restore_button = QPushButton(self.tr("Restore this version…"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        self.message = QLabel()
        self.message.setObjectName("historyMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.message, stretch=1)
        actions.addWidget(self.restore_button)

        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(entry)
        layout.addWidget(self.record_title)
        layout.addWidget(self.evidence_notice)
        layout.addWidget(self.versions_view, stretch=2)
        layout.addWidget(QLabel(self.tr("Fields of the chosen version (old → new)")))
        layout.addWidget(self.fields_view, stretch=3)
        layout.addLayout(actions)
        return panel

    # -- recent changes

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.acting.load()
            self.reload_recent()
        elif self._stale:
            self.reload_recent()

    def reload_recent(self) -> None:
        self._stale = False
        self._load_recent(None)

    def load_older(self) -> None:
        if self._next_before is not None:
            self._load_recent(self._next_before)

    def _load_recent(self, before: str | None) -> None:
        kind = self.recent_kind.currentData()
        self.older_button.setEnabled(False)
        operations.run_in_background(
            lambda: recent_changes(self._store, limit=PAGE_SIZE, before=before, table=kind),
            parent=self,
            on_success=lambda page: self._on_recent(page, first=before is None),
            on_failure=self._refused,
        )

    def _on_recent(self, page: RecentChangesPage, *, first: bool) -> None:
        if first:
            self.recent.set_rows(page.changes)
        else:
            self.recent.append_rows(page.changes)
        self._next_before = page.next_before
        self.older_button.setEnabled(page.next_before is not None)

    def _on_recent_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        change = current.data(RecentChangesModel.RowRole) if current.isValid() else None
        if change is not None:
            self.record_id.setText(change.record_id)
            self.record_kind.setCurrentIndex(max(0, self.record_kind.findData(change.table)))
            self.open_record(change.record_id, change.table)

    def _on_data_changed(self, _result: object) -> None:
        self._stale = True
        if self.isVisible():
            self.reload_recent()

    # -- one record

    def show_entered_record(self) -> None:
        record_id = self.record_id.text().strip()
        if record_id:
            self.open_record(record_id, self.record_kind.currentData())

    def open_record(
        self, record_id: str, table: str | None = None, select_last: bool = False
    ) -> None:
        """Show the versions of a record (as choosing it or typing its id does)."""
        operations.run_in_background(
            lambda: history(self._store, record_id, table),
            parent=self,
            on_success=lambda versions: self._show_versions(versions, select_last),
            on_failure=self._refused,
        )

    def _show_versions(self, versions: list[ChangeView], select_last: bool) -> None:
        first = versions[0]
        self._record = (first.table, first.record_id)
        self.record_title.setText(
            self.tr("{kind} {id}: {count} version(s)").format(
                kind=labels.record_kind(first.table), id=first.record_id, count=len(versions)
            )
        )
        evidence = APPEND_ONLY.get(first.table)
        self.evidence_notice.setText(
            self.tr("Evidence cannot be restored: {reason}").format(
                reason=labels.evidence_reason(first.table, evidence)
            )
            if evidence
            else ""
        )
        self.evidence_notice.setVisible(evidence is not None)
        self.versions.set_rows(versions)
        self.fields.set_rows([])
        row = len(versions) - 1 if select_last else 0
        self.versions_view.setCurrentIndex(self.versions.index(row, 0))
        self._update_restore()

    def selected_version(self) -> ChangeView | None:
        index = self.versions_view.currentIndex()
        return index.data(VersionModel.RowRole) if index.isValid() else None

    def _on_version_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        version = current.data(VersionModel.RowRole) if current.isValid() else None
        self.fields.set_rows(field_rows(version) if version else [])
        self._update_restore()

    def _update_restore(self) -> None:
        version = self.selected_version()
        reason = ""
        if version is None:
            reason = self.tr("Choose a version.")
        elif version.table in APPEND_ONLY:
            reason = APPEND_ONLY[version.table]
        elif version.version == self.versions.rowCount():
            reason = self.tr("This is the record's current version.")
        elif self.acting.current_person() is None:
            reason = self.tr("Choose who is acting first.")
        self.restore_button.setEnabled(not reason)
        self.restore_button.setToolTip(reason)

    def restore_selected(self) -> None:
        """Restore the chosen version, after confirmation, as the acting person."""
        version, person = self.selected_version(), self.acting.current_person()
        if version is None or person is None:
            return
        question = self.tr(
            "Restore {kind} {id} to version {version}? The restore is recorded as a new version "
            "by {person}; no version is deleted."
        ).format(
            kind=labels.record_kind(version.table),
            id=version.record_id,
            version=version.version,
            person=person.label,
        )
        if not feedback.confirm(self, self.tr("Restore a version"), question):
            return
        operations.run_in_background(
            lambda: restore(
                self._store,
                version.record_id,
                version=version.version,
                actor_id=person.id,
                table=version.table,
            ),
            parent=self,
            on_success=lambda change: self._on_restored(change, version.version),
            on_failure=self._refused,
            mutates=True,
        )

    def _on_restored(self, change: ChangeView, restored: int) -> None:
        self.message.setText(
            self.tr("Restored to version {restored}; recorded as version {version}.").format(
                restored=restored, version=change.version
            )
        )
        self.open_record(change.record_id, change.table, select_last=True)

    def _refused(self, error: GovperfError) -> None:
        feedback.show_error(self, feedback.error_message(error))
