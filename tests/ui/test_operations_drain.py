"""`drain` waits for running operations and delivers their outcomes before the store closes."""

from __future__ import annotations

import threading

from govperf_desktop.ui.operations import drain, pending_count, run_in_background


def test_drain_delivers_the_outcome_of_a_running_operation(qtbot):
    release = threading.Event()
    delivered: list[str] = []

    def slow() -> str:
        release.wait(5)
        return "done"

    run_in_background(slow, on_success=delivered.append)
    assert pending_count() == 1
    threading.Timer(0.2, release.set).start()

    assert drain(timeout_ms=5_000) is True
    assert delivered == ["done"]
    assert pending_count() == 0


def test_drain_delivers_a_follow_up_started_by_an_outcome(qtbot):
    delivered: list[str] = []

    def second(result: str) -> None:
        delivered.append(result)

    def first(result: str) -> None:
        delivered.append(result)
        run_in_background(lambda: "second", on_success=second)

    run_in_background(lambda: "first", on_success=first)
    assert drain(timeout_ms=5_000) is True
    assert delivered == ["first", "second"]


def test_drain_reports_jobs_that_do_not_end_in_time(qtbot):
    release = threading.Event()
    run_in_background(lambda: release.wait(5))
    try:
        assert drain(timeout_ms=50) is False
    finally:
        release.set()
        assert drain(timeout_ms=5_000) is True
