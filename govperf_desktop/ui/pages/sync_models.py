"""Table models of the sync page: peers, quarantined bundles, conflicts, the last sync's files."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from govperf_desktop.ui.models.base import RowTableModel, format_moment

if TYPE_CHECKING:
    from govperf_desktop.services.sync import ExportView, ImportView
    from govperf_desktop.services.sync_status import ConflictView, PeerStatus, QuarantinedView

PROBLEM = QColor("#b3261e")


def table_view(model: RowTableModel, name: str, stretch: int) -> QTableView:  # type: ignore[type-arg]
    """A read-only table of whole rows; column `stretch` takes the spare width."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def _number(value: int) -> str:
    return QLocale().toString(value)


class PeerModel(RowTableModel["PeerStatus"]):
    """Every other installation: what it acknowledged, what it has not yet, gaps in its ops."""

    COL_NAME = 0
    COL_DEPARTMENT = 1
    COL_ACKNOWLEDGED = 2
    COL_BEHIND = 3
    COL_MISSING = 4
    COL_RECEIVED = 5
    COL_SENT = 6

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Installation"),
            self.tr("Department"),
            self.tr("Acknowledged ops"),
            self.tr("Not yet acknowledged"),
            self.tr("Missing from it"),
            self.tr("Last received"),
            self.tr("Last sent"),
        )

    def display(self, row: PeerStatus, column: int) -> str:
        if column == self.COL_NAME:
            return row.name + (self.tr(" (revoked)") if row.revoked else "")
        if column == self.COL_DEPARTMENT:
            return row.department or ""
        if column == self.COL_ACKNOWLEDGED:
            return _number(row.acknowledged_ops)
        if column == self.COL_BEHIND:
            return _number(row.behind)
        if column == self.COL_MISSING:
            if not row.gaps:
                return self.tr("none")
            return "; ".join(
                self.tr("ops {first}–{last} ({held} waiting)").format(
                    first=gap.first_missing, last=gap.last_missing, held=gap.held_back
                )
                for gap in row.gaps
            )
        if column == self.COL_RECEIVED:
            return format_moment(row.last_import_at) or self.tr("never")
        if column == self.COL_SENT:
            return format_moment(row.last_export_at) or self.tr("never")
        return ""

    def tooltip(self, row: PeerStatus, column: int) -> str | None:
        if column == self.COL_BEHIND:
            return self.tr("Ops held here that this installation has not confirmed receiving")
        if column == self.COL_MISSING and row.gaps:
            return self.tr(
                "Later ops from this installation arrived before earlier ones; they are held "
                "back until the missing ones come with its next bundle."
            )
        return None

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        if column in (self.COL_ACKNOWLEDGED, self.COL_BEHIND):
            return Qt.AlignmentFlag.AlignRight
        return None

    def decoration(self, row: PeerStatus, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.ForegroundRole:
            return None
        if (column == self.COL_MISSING and row.gaps) or (column == self.COL_NAME and row.revoked):
            return QBrush(PROBLEM)
        return None


class QuarantineModel(RowTableModel["QuarantinedView"]):
    """Bundles refused here, with the reason each was refused."""

    COL_FILE = 0
    COL_REASON = 1

    def headers(self) -> Sequence[str]:
        return (self.tr("Bundle file"), self.tr("Reason"))

    def display(self, row: QuarantinedView, column: int) -> str:
        if column == self.COL_FILE:
            return Path(row.path).name
        if column == self.COL_REASON:
            return " ".join(row.reason.split())
        return ""

    def tooltip(self, row: QuarantinedView, column: int) -> str | None:
        return row.path if column == self.COL_FILE else row.reason


def _value(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class ConflictModel(RowTableModel["ConflictView"]):
    """Concurrent edits of one field that last-writer-wins resolved, newest first."""

    COL_DETECTED = 0
    COL_RECORD = 1
    COL_FIELD = 2
    COL_KEPT = 3
    COL_OVERWRITTEN = 4

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Detected"),
            self.tr("Record"),
            self.tr("Field"),
            self.tr("Kept value"),
            self.tr("Overwritten value"),
        )

    def display(self, row: ConflictView, column: int) -> str:
        if column == self.COL_DETECTED:
            return format_moment(row.detected_at)
        if column == self.COL_RECORD:
            return f"{row.table} {row.record_id}"
        if column == self.COL_FIELD:
            return row.field
        if column == self.COL_KEPT:
            return _value(row.winner_value)
        if column == self.COL_OVERWRITTEN:
            return _value(row.loser_value)
        return ""


@dataclass(frozen=True)
class ResultRow:
    """One file of the last sync: a bundle read or written."""

    direction: str  # 'import' | 'export'
    file: str
    peer: str
    outcome: str  # 'imported', 'already imported', 'rejected', 'exported'
    ops: int
    detail: str  # gaps, forks, the refusal's reason


class ResultModel(RowTableModel[ResultRow]):
    """What the last sync did, file by file."""

    COL_DIRECTION = 0
    COL_PEER = 1
    COL_OUTCOME = 2
    COL_OPS = 3
    COL_FILE = 4
    COL_DETAIL = 5

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Direction"),
            self.tr("Installation"),
            self.tr("Outcome"),
            self.tr("Ops"),
            self.tr("File"),
            self.tr("Detail"),
        )

    def display(self, row: ResultRow, column: int) -> str:
        if column == self.COL_DIRECTION:
            return self.tr("received") if row.direction == "import" else self.tr("sent")
        if column == self.COL_PEER:
            return row.peer
        if column == self.COL_OUTCOME:
            outcomes = {
                "imported": self.tr("imported"),
                "already imported": self.tr("already imported"),
                "rejected": self.tr("refused, quarantined"),
                "exported": self.tr("written"),
            }
            return outcomes.get(row.outcome, row.outcome)
        if column == self.COL_OPS:
            return _number(row.ops)
        if column == self.COL_FILE:
            return Path(row.file).name
        if column == self.COL_DETAIL:
            return row.detail
        return ""

    def tooltip(self, row: ResultRow, column: int) -> str | None:
        return row.file if column == self.COL_FILE else (row.detail or None)

    def show_sync(self, imported: Sequence[ImportView], exported: Sequence[ExportView]) -> None:
        """Show what a sync did: the bundles read, then those written."""
        self.set_rows(
            [self._import_row(view) for view in imported]
            + [
                ResultRow("export", view.path, view.recipient_name, "exported", view.ops, "")
                for view in exported
            ]
        )

    def _import_row(self, view: ImportView) -> ResultRow:
        details = [*view.gaps, *view.forks]
        if view.held_back:
            details.append(self.tr("{count} op(s) held back").format(count=view.held_back))
        if view.conflicts:
            details.append(self.tr("{count} conflict(s)").format(count=view.conflicts))
        if view.reason:
            details.append(view.reason)
        ops = view.applied if view.outcome == "imported" else view.duplicates
        detail = "; ".join(details)
        return ResultRow("import", view.path, view.sender or "", view.outcome, ops, detail)

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column == self.COL_OPS else None

    def decoration(self, row: ResultRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.outcome == "rejected":
            return QBrush(PROBLEM)
        return None
