"""The last line of defence: an unexpected error in the window becomes a message, never a
traceback on a console the user does not see.

Refusals a user can meet are GovperfErrors, and the pages show them where they happen. Anything
else that escapes a slot (a bug, a full disk, a store locked by another program) reaches
`sys.excepthook`; `install_error_hook` replaces it with one that logs the traceback (for the
administrator) and shows one sentence in a message box. The action is not completed, its
transaction was rolled back, and the form it came from keeps what was typed.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.ui import feedback

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def user_message(error: BaseException) -> str:
    """One sentence a clerk can act on, for any exception."""
    if isinstance(error, GovperfError):
        return feedback.error_message(_first_line(error))
    cause = getattr(error, "orig", None) or error  # SQLAlchemy wraps the driver's error
    if isinstance(cause, sqlite3.OperationalError) and "locked" in str(cause):
        return QCoreApplication.translate(
            "ErrorHook",
            "The store is busy (another program is writing to it). Nothing was changed; "
            "try again in a moment.",
        )
    if isinstance(cause, OSError):
        where = cause.filename or ""
        return QCoreApplication.translate(
            "ErrorHook", "Could not read or write {file}: {reason}. Nothing was changed."
        ).format(file=where, reason=cause.strerror or _first_line(cause))
    return QCoreApplication.translate(
        "ErrorHook",
        "Something unexpected stopped this action ({error}). Nothing was changed and what "
        "you typed is kept; the details are in the log.",
    ).format(error=f"{type(error).__name__}: {_first_line(error)}")


def install_error_hook() -> ExceptHook:
    """Make `sys.excepthook` log and show unexpected errors; returns the previous hook."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if not issubclass(kind, Exception) or QApplication.instance() is None:
            previous(kind, error, trace)  # Ctrl+C, SystemExit, or no window to show it in
            return
        log.error("Unexpected error", exc_info=(kind, error, trace))
        try:
            feedback.show_error(QApplication.activeWindow(), user_message(error))
        except Exception:  # showing it failed too: at least the log has it
            log.exception("Could not show the error")

    sys.excepthook = hook
    return previous
