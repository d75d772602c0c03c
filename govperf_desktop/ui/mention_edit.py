"""A comment input that completes @mentions with department and people names.

Typing '@' and the start of a name asks `services.directory.mention_candidates` (off the UI
thread) for the departments and people whose names start with it and offers them in a
QCompleter popup; choosing one replaces what was typed after the sign with the full name (or
'NAME@DEPARTMENT' when the name is shared) and a space. An '@' inside an e-mail address
(after an ASCII letter or digit) is not a mention, as in `domain.mentions`.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from govperf_desktop.domain.mentions import MENTION_SIGNS
from govperf_desktop.services.admin import Store
from govperf_desktop.services.directory import MentionCandidate, mention_candidates
from govperf_desktop.ui.operations import run_in_background

MAX_TOKEN_LENGTH = 32


def mention_token(text: str, cursor: int) -> tuple[int, str] | None:
    """(position of the sign, what follows it up to the cursor) if the cursor is in a mention."""
    start = cursor - 1
    while start >= 0 and text[start] not in MENTION_SIGNS:
        if text[start].isspace() or cursor - start > MAX_TOKEN_LENGTH:
            return None
        start -= 1
    if start < 0:
        return None
    before = text[start - 1] if start > 0 else ""
    if before.isascii() and before.isalnum():
        return None  # an e-mail address
    return start, text[start + 1 : cursor]


class MentionLineEdit(QLineEdit):
    """A line edit with @mention completion; `candidates_shown` fires when the popup opens."""

    candidates_shown = Signal(list)  # the MentionCandidate list offered

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._token: tuple[int, str] | None = None
        self.names = QStringListModel(self)
        self.completer_popup = QCompleter(self.names, self)
        self.completer_popup.setWidget(self)
        self.completer_popup.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer_popup.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_popup.activated[str].connect(self.insert_completion)
        self.textEdited.connect(self._on_edited)

    def _on_edited(self, text: str) -> None:
        self._token = mention_token(text, self.cursorPosition())
        if self._token is None:
            self.completer_popup.popup().hide()
            return
        token = self._token
        run_in_background(
            lambda: mention_candidates(self._store, token[1]),
            parent=self,
            on_success=lambda found: self._offer(token, found),
        )

    def _offer(self, token: tuple[int, str], found: list[MentionCandidate]) -> None:
        if token != self._token or not self.isVisible():
            return  # typed on since the question was asked
        self.names.setStringList([candidate.text for candidate in found])
        self.completer_popup.setCompletionPrefix(token[1])
        if found:
            self.completer_popup.complete()
            self.candidates_shown.emit(found)
        else:
            self.completer_popup.popup().hide()

    def insert_completion(self, name: str) -> None:
        """Replace the mention being typed with `name` and a space."""
        text = self.text()
        cursor = self.cursorPosition()
        token = mention_token(text, cursor)
        if token is None:
            return
        start, _ = token
        self.setText(f"{text[: start + 1]}{name} {text[cursor:]}")
        self.setCursorPosition(start + 1 + len(name) + 1)
        self._token = None
