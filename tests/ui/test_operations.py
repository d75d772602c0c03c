"""Background operations (ui/operations.py): outcome on the UI thread, order, progress, cancel."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.ui import operations
from govperf_desktop.ui.operations import Progress, ProgressUpdate, run_in_background

WAIT_MS = 5000


def _wait_idle(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: operations.pending_count() == 0, timeout=WAIT_MS)


def test_the_result_arrives_on_the_ui_thread(qtbot: QtBot) -> None:
    ran_on: list[QThread] = []
    received: list[tuple[object, QThread]] = []

    def work() -> int:
        ran_on.append(QThread.currentThread())
        return 42

    op = run_in_background(
        work, on_success=lambda value: received.append((value, QThread.currentThread()))
    )
    with qtbot.waitSignal(op.finished, timeout=WAIT_MS):
        pass
    assert received == [(42, qtbot_thread())]
    assert ran_on and ran_on[0] is not qtbot_thread()
    assert op.done and op.result == 42 and op.error is None


def qtbot_thread() -> QThread:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance().thread()


def test_a_govperf_error_reaches_on_failure_with_its_message(qtbot: QtBot) -> None:
    def refuse() -> None:
        raise ValidationError("Task QK-02 cannot be started: it is the task of 税务局.")

    failures: list[Exception] = []
    successes: list[object] = []
    op = run_in_background(refuse, on_success=successes.append, on_failure=failures.append)
    with qtbot.waitSignal(op.failed, timeout=WAIT_MS) as blocker:
        pass
    assert isinstance(blocker.args[0], ValidationError)
    assert str(failures[0]) == "Task QK-02 cannot be started: it is the task of 税务局."
    assert successes == []
    assert op.error is failures[0]


def test_operations_run_one_at_a_time_in_order(qtbot: QtBot) -> None:
    log: list[str] = []
    running = threading.Lock()
    overlaps: list[str] = []

    def step(name: str, pause: float):  # type: ignore[no-untyped-def]
        def work() -> str:
            if not running.acquire(blocking=False):
                overlaps.append(name)
                return name
            try:
                time.sleep(pause)
                log.append(name)
            finally:
                running.release()
            return name

        return work

    delivered: list[str] = []
    for name, pause in (("write", 0.05), ("read-1", 0.0), ("read-2", 0.01)):
        run_in_background(step(name, pause), on_success=delivered.append)
    _wait_idle(qtbot)
    assert overlaps == []
    assert log == ["write", "read-1", "read-2"]
    assert delivered == ["write", "read-1", "read-2"]


def test_progress_is_reported_and_cancel_stops_the_work(qtbot: QtBot) -> None:
    started = threading.Event()
    release = threading.Event()
    steps_done: list[int] = []

    def long_work(progress: Progress) -> str:
        for step in range(1, 1000):
            progress.report(step, 1000, f"row {step}")
            if step == 2:
                started.set()
                release.wait(WAIT_MS / 1000)
            progress.check()
            steps_done.append(step)
        return "all"

    updates: list[ProgressUpdate] = []
    op = run_in_background(long_work, with_progress=True)
    op.progressed.connect(updates.append)
    assert started.wait(WAIT_MS / 1000)
    op.cancel()
    release.set()
    with qtbot.waitSignal(op.cancelled, timeout=WAIT_MS):
        pass
    _wait_idle(qtbot)
    assert op.was_cancelled and op.result is None
    assert steps_done == [1]  # stopped at the check after the cancel
    assert updates[0] == ProgressUpdate(1, 1000, "row 1")


def test_a_cancel_before_the_start_skips_the_function(qtbot: QtBot) -> None:
    gate = threading.Event()
    ran: list[str] = []
    blocker = run_in_background(lambda: gate.wait(WAIT_MS / 1000))
    second = run_in_background(lambda: ran.append("second"))
    second.cancel()
    gate.set()
    with qtbot.waitSignal(second.finished, timeout=WAIT_MS):
        pass
    assert blocker.done
    assert second.was_cancelled and ran == []


def test_mutating_success_is_announced_once(qtbot: QtBot) -> None:
    announced: list[object] = []
    operations.signals().data_changed.connect(announced.append)
    try:
        run_in_background(lambda: "read")
        run_in_background(lambda: "write", mutates=True)
        run_in_background(lambda: (_ for _ in ()).throw(ValidationError("no")), mutates=True)
        _wait_idle(qtbot)
    finally:
        operations.signals().data_changed.disconnect(announced.append)
    assert announced == ["write"]


def test_the_outcome_is_dropped_when_the_parent_is_gone(qtbot: QtBot) -> None:
    gate = threading.Event()
    received: list[object] = []
    widget = QWidget()
    run_in_background(lambda: gate.wait(WAIT_MS / 1000))
    run_in_background(lambda: "late", parent=widget, on_success=received.append)
    widget.deleteLater()
    qtbot.wait(10)  # the deferred delete happens
    gate.set()
    _wait_idle(qtbot)
    assert received == []


def test_a_bug_in_the_function_is_raised_on_the_ui_thread(qtbot: QtBot) -> None:
    finished: list[bool] = []

    def broken() -> None:
        raise KeyError("a bug, not a refusal")

    with qtbot.captureExceptions() as captured:
        op = run_in_background(broken, on_finished=lambda: finished.append(True))
        _wait_idle(qtbot)
    assert finished == [True]
    assert op.error is None and not op.was_cancelled
    assert [type(error) for _, error, _ in captured] == [KeyError]


def test_an_operation_with_a_parent_does_not_stay_its_child(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    for _ in range(3):
        run_in_background(lambda: 1, parent=widget)
    _wait_idle(qtbot)
    qtbot.wait(10)  # deferred deletes
    assert widget.findChildren(operations.Operation) == []
