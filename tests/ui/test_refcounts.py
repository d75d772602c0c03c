"""Guard against the PySide6 release whose bindings leak references to None and True.

PySide6 6.12.0 on Python 3.11 drops a reference on every void Qt call and every signal
emission until the interpreter aborts (seen here as random crashes in long test runs). The
dependency is capped below it; this test fails if a release with that bug is installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget


class _Emitter(QObject):
    ping = Signal()


def test_qt_calls_and_signals_keep_none_and_true_alive(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    emitter = _Emitter()
    emitter.ping.connect(lambda: None)
    nones, trues = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        widget.setEnabled(True)
        emitter.ping.emit()
    assert sys.getrefcount(None) - nones > -50
    assert sys.getrefcount(True) - trues > -50
