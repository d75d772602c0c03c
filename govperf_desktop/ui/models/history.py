"""Models of the history page: recent changes (paged), a record's versions, a version's fields."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from govperf_desktop.services.history import ChangeView
from govperf_desktop.services.recent_changes import RecentChange
from govperf_desktop.ui.models import labels
from govperf_desktop.ui.models.base import RowTableModel, format_moment

VALUE_LENGTH = 80
ABSENT_COLOUR = QColor("#757575")


def format_value(value: Any) -> str:
    """A column value from the change log as one short line."""
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= VALUE_LENGTH else text[: VALUE_LENGTH - 1] + "…"


class RecentChangesModel(RowTableModel[RecentChange]):
    """The latest changes to shared data, newest first; more pages are appended."""

    COL_WHEN = 0
    COL_KIND = 1
    COL_ACTION = 2
    COL_SUMMARY = 3
    COL_WHO = 4
    COL_WHERE = 5

    def headers(self) -> Sequence[str]:
        return (
            self.tr("When"),
            self.tr("Record kind"),
            self.tr("Change"),
            self.tr("Summary"),
            self.tr("Who"),
            self.tr("Where"),
        )

    def display(self, row: RecentChange, column: int) -> str:
        if column == self.COL_WHEN:
            return format_moment(row.recorded_at)
        if column == self.COL_KIND:
            return labels.record_kind(row.table)
        if column == self.COL_ACTION:
            return labels.change_action(row.action)
        if column == self.COL_SUMMARY:
            label = row.label or row.record_id
            if not row.fields:
                return label
            fields = ", ".join(
                f"{labels.field_name(f.field)}: {format_value(f.old)} → {format_value(f.new)}"
                for f in row.fields[:3]
            )
            return f"{label} — {fields}"
        if column == self.COL_WHO:
            return row.actor or self.tr("(the software)")
        if column == self.COL_WHERE:
            return row.node
        return ""

    def tooltip(self, row: RecentChange, column: int) -> str | None:
        return self.tr("Record id: {id}").format(id=row.record_id)


class VersionModel(RowTableModel[ChangeView]):
    """The versions of one record: who changed it, where, when."""

    COL_VERSION = 0
    COL_WHEN = 1
    COL_ACTION = 2
    COL_WHO = 3
    COL_WHERE = 4
    COL_FIELDS = 5

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Version"),
            self.tr("When"),
            self.tr("Change"),
            self.tr("Who"),
            self.tr("Where"),
            self.tr("Fields"),
        )

    def display(self, row: ChangeView, column: int) -> str:
        if column == self.COL_VERSION:
            return str(row.version)
        if column == self.COL_WHEN:
            return format_moment(row.recorded_at)
        if column == self.COL_ACTION:
            return labels.change_action(row.action)
        if column == self.COL_WHO:
            return row.actor or self.tr("(the software)")
        if column == self.COL_WHERE:
            return row.node
        if column == self.COL_FIELDS:
            return ", ".join(sorted(row.after or row.before))
        return ""

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column == self.COL_VERSION else None


@dataclass(frozen=True)
class FieldRow:
    field: str
    old: Any
    new: Any
    had_old: bool  # False: the field did not exist before (a creation)
    has_new: bool  # False: the record was deleted


def field_rows(change: ChangeView) -> list[FieldRow]:
    """Old → new per field of one version."""
    if change.action == "insert":
        return [FieldRow(k, None, v, False, True) for k, v in sorted(change.after.items())]
    if change.action == "delete":
        return [FieldRow(k, v, None, True, False) for k, v in sorted(change.before.items())]
    return [
        FieldRow(k, change.before.get(k), change.after[k], True, True) for k in sorted(change.after)
    ]


class FieldChangeModel(RowTableModel[FieldRow]):
    """One version's fields: old value → new value."""

    COL_FIELD = 0
    COL_OLD = 1
    COL_NEW = 2

    def headers(self) -> Sequence[str]:
        return (self.tr("Field"), self.tr("Old value"), self.tr("New value"))

    def display(self, row: FieldRow, column: int) -> str:
        if column == self.COL_FIELD:
            return labels.field_name(row.field)
        if column == self.COL_OLD:
            return format_value(row.old) if row.had_old else ""
        if column == self.COL_NEW:
            return format_value(row.new) if row.has_new else self.tr("(deleted)")
        return ""

    def tooltip(self, row: FieldRow, column: int) -> str | None:
        if column == self.COL_FIELD:
            return row.field  # the stored name, as the CLI and exports spell it
        value = row.old if column == self.COL_OLD else row.new if column == self.COL_NEW else None
        if value is None:
            return None
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

    def decoration(self, row: FieldRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_OLD:
            return QBrush(ABSENT_COLOUR)
        return None
