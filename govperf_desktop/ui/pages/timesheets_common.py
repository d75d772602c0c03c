"""What the parts of the timesheets page share: the clock and a person chooser.

`PersonCombo` is an editable combo box of people ('NAME@DEPARTMENT') that filters as one
types, for lists of thousands: whose week is shown, whose entries the ledger lists. (Who is
acting is ui/acting_person.py's box, shared by every page; refusals go through
ui/feedback.py.)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from govperf_desktop.domain.calendar import office_date
from govperf_desktop.services.directory import PersonEntry


def utc_now() -> datetime:
    """The moment a user action happens (services take it as `now`)."""
    return datetime.now(UTC)


def office_today() -> date:
    """Today in the office's time zone (what 'this week' means)."""
    return office_date(utc_now())


class PersonCombo(QComboBox):
    """People by 'NAME@DEPARTMENT'; typing part of a name narrows the list."""

    def __init__(self, parent: QWidget | None = None, *, everyone_text: str | None = None) -> None:
        super().__init__(parent)
        self._everyone_text = everyone_text
        self._people: dict[str, PersonEntry] = {}
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(14)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

    def set_people(self, people: Sequence[PersonEntry], select_id: str | None = None) -> None:
        """Replace the list (quietly); select `select_id` if present, else the first entry."""
        self.blockSignals(True)
        self.clear()
        self._people = {person.id: person for person in people}
        if self._everyone_text is not None:
            self.addItem(self._everyone_text, None)
        for person in people:
            self.addItem(person.label, person.id)
        found = self.findData(select_id) if select_id else -1
        self.setCurrentIndex(found if found >= 0 else 0)
        self.blockSignals(False)

    def current_person(self) -> PersonEntry | None:
        person_id = self.currentData()
        return self._people.get(person_id) if isinstance(person_id, str) else None

    def select_person(self, person_id: str | None) -> bool:
        """Select a person by id (None: the 'everyone' entry); True if it is in the list."""
        found = self.findData(person_id) if person_id else (0 if self._everyone_text else -1)
        if found < 0:
            return False
        self.setCurrentIndex(found)
        return True
