"""An unexpected error in the window is shown as one sentence and logged, never as a traceback."""

from __future__ import annotations

import logging
import sqlite3
import sys

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy.exc import OperationalError

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.ui import feedback
from govperf_desktop.ui.error_hook import install_error_hook, user_message


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(feedback, "show_error", lambda parent, message: messages.append(message))
    return messages


def _raise(error: BaseException) -> tuple:  # type: ignore[type-arg]
    try:
        raise error
    except BaseException:
        return sys.exc_info()


def test_a_bug_is_one_sentence_and_a_logged_traceback(
    qapp: QApplication, shown: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    previous = install_error_hook()
    try:
        with caplog.at_level(logging.ERROR, logger="govperf_desktop.ui.error_hook"):
            sys.excepthook(*_raise(KeyError("missing\nsecond line")))
    finally:
        sys.excepthook = previous
    assert len(shown) == 1 and "\n" not in shown[0]
    assert "KeyError: 'missing" in shown[0] and "what you typed is kept" in shown[0]
    assert "Traceback" not in shown[0]
    assert caplog.records and caplog.records[0].exc_info is not None  # the details: the log


def test_messages_a_clerk_can_act_on() -> None:
    refusal = ValidationError("Hours on 2026-11-23 cannot exceed 24 (got 25).")
    assert user_message(refusal) == "Hours on 2026-11-23 cannot exceed 24 (got 25)."
    locked = OperationalError("INSERT ...", {}, sqlite3.OperationalError("database is locked"))
    assert user_message(locked).startswith("The store is busy")
    missing = FileNotFoundError(2, "No such file or directory", "/media/usb/hours.xlsx")
    assert user_message(missing) == (
        "Could not read or write /media/usb/hours.xlsx: No such file or directory. "
        "Nothing was changed."
    )


def test_ctrl_c_is_left_to_the_previous_hook(qapp: QApplication, shown: list[str]) -> None:
    seen: list[type] = []
    saved = sys.excepthook
    sys.excepthook = lambda kind, error, trace: seen.append(kind)
    try:
        previous = install_error_hook()
        sys.excepthook(*_raise(KeyboardInterrupt()))
        sys.excepthook = previous
    finally:
        sys.excepthook = saved
    assert seen == [KeyboardInterrupt] and shown == []
