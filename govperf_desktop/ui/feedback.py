"""Asking and telling the user: refusals, confirmations, choices. Tests replace these.

Pages call them as `feedback.show_error(...)` (through the module), so a test can stub one
with monkeypatch and drive a page without a modal dialog blocking the event loop.

Refusals are raised with English sentences; `error_message(error)` gives the sentence in the
UI's language (govperf_desktop/error_text.py and its catalog), for message boxes and labels.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget


def error_message(error: BaseException | str) -> str:
    """A refusal's sentence in the UI's language (English when no translation matches)."""
    from govperf_desktop.error_text import translate_error
    from govperf_desktop.ui.i18n import current_language

    return translate_error(str(error), current_language())


def show_error(parent: QWidget | None, message: str) -> None:
    """Show a refusal (a GovperfError's one sentence); the form keeps what was typed.

    An English refusal passed as it is (`str(error)`) is translated here too.
    """
    title = QCoreApplication.translate("Feedback", "Not done")
    QMessageBox.warning(parent, title, error_message(message))


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a yes/no question; True when the user confirms."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def choose(parent: QWidget | None, title: str, label: str, items: Sequence[str]) -> int | None:
    """Let the user pick one of `items`; its position, or None when cancelled."""
    if not items:
        return None
    text, accepted = QInputDialog.getItem(parent, title, label, list(items), 0, False)
    if not accepted or text not in items:
        return None
    return list(items).index(text)


def ask_text(parent: QWidget | None, title: str, label: str) -> str | None:
    """Ask for a line of text; None when cancelled."""
    text, accepted = QInputDialog.getText(parent, title, label)
    return text if accepted else None
