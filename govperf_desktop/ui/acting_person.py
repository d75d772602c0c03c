"""'Acting as': who the actions of a page are taken by.

A combo box of the store's people ('NAME@DEPARTMENT'), typed into with completion. The
choice is remembered in QSettings and shared by every box of the application: choosing a
person on one page chooses them on the others.

Once a user has logged in (`lock_to_person`, called by ui/app.py), every box shows the
account's person and cannot be changed: actions are taken as the logged-in person. Only the
demonstration store (`--demo`) leaves the choice free, to show each role's view.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from govperf_desktop.services.admin import Store
from govperf_desktop.services.directory import PersonEntry, list_people
from govperf_desktop.ui.models.people import PeopleModel
from govperf_desktop.ui.operations import run_in_background

SETTING_ACTING_PERSON = "ui/acting_person"


class _Broadcast(QObject):
    chosen = Signal(str)  # person id


_BROADCAST: _Broadcast | None = None
_LOCKED = False  # a user logged in: the boxes show their person and cannot change
_LOCKED_PERSON: str | None = None  # the logged-in account's person id (None: no person)


def lock_to_person(person_id: str | None) -> None:
    """Make every box (present and future) act as `person_id`, the logged-in account's
    person; None for an account not linked to a person (the boxes then show nobody)."""
    global _LOCKED, _LOCKED_PERSON
    _LOCKED, _LOCKED_PERSON = True, person_id
    if person_id is not None:
        QSettings().setValue(SETTING_ACTING_PERSON, person_id)
        _broadcast().chosen.emit(person_id)


def free_acting_person() -> None:
    """Let the user choose who acts (the demonstration store, installations without accounts)."""
    global _LOCKED, _LOCKED_PERSON
    _LOCKED, _LOCKED_PERSON = False, None


def locked_person() -> str | None:
    return _LOCKED_PERSON


def is_locked() -> bool:
    return _LOCKED


def _broadcast() -> _Broadcast:
    global _BROADCAST
    if _BROADCAST is None:
        _BROADCAST = _Broadcast()
    return _BROADCAST


class ActingPersonBox(QComboBox):
    """Chooses the person actions are taken as; emits `person_changed` (PersonEntry | None)."""

    person_changed = Signal(object)
    loaded = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setObjectName("actingPerson")
        self.people = PeopleModel(self)
        self.setModel(self.people)
        self.setModelColumn(PeopleModel.COL_PERSON)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(14)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        completer = QCompleter(self.people, self)
        completer.setCompletionColumn(PeopleModel.COL_PERSON)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText(self.tr("choose who is acting"))
        self.setToolTip(self.tr("The person the actions on this page are taken as"))
        self._loading = False
        self.currentIndexChanged.connect(self._on_index_changed)
        _broadcast().chosen.connect(self._on_chosen_elsewhere)

    def load(self) -> None:
        """Read the people (off the UI thread) and select the remembered person."""
        self._loading = True
        run_in_background(
            lambda: list_people(self._store),
            parent=self,
            on_success=self._on_people,
            on_finished=self._on_finished,
        )

    def _on_finished(self) -> None:
        self._loading = False

    def _on_people(self, people: list[PersonEntry]) -> None:
        self.blockSignals(True)
        self.people.set_rows(people)
        remembered = _LOCKED_PERSON if _LOCKED else QSettings().value(SETTING_ACTING_PERSON)
        row = self.people.row_of(str(remembered)) if remembered else -1
        self.setCurrentIndex(row)
        self.setEnabled(not _LOCKED)
        if _LOCKED:
            self.setToolTip(self.tr("You act as the person of the account you logged in with"))
        self.blockSignals(False)
        self.person_changed.emit(self.current_person())
        self.loaded.emit()

    def current_person(self) -> PersonEntry | None:
        person = self.people.row_at(self.currentIndex())
        if person is None or self.currentText() != person.label:
            return None
        return person

    def select_person(self, label: str) -> bool:
        """Choose the person shown as `label` ('NAME@DEPARTMENT' or a unique name)."""
        for row, person in enumerate(self.people.rows()):
            if label in (person.label, person.name):
                self.setCurrentIndex(row)
                return True
        return False

    def _on_index_changed(self, row: int) -> None:
        person = self.people.row_at(row)
        if person is not None:
            QSettings().setValue(SETTING_ACTING_PERSON, person.id)
            _broadcast().chosen.emit(person.id)
        self.person_changed.emit(self.current_person())

    def _on_chosen_elsewhere(self, person_id: str) -> None:
        row = self.people.row_of(person_id)
        if row >= 0 and row != self.currentIndex():
            self.blockSignals(True)
            self.setCurrentIndex(row)
            self.blockSignals(False)
            self.person_changed.emit(self.current_person())
