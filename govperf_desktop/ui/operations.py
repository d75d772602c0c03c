"""Background operations: run a service call off the UI thread, get the outcome on it.

    op = run_in_background(
        lambda: show_indicator(store, indicator_id),
        parent=self,
        on_success=self._show_table,
        on_failure=self._show_refusal,   # a GovperfError, e.g. in a message box
    )

The shape follows Anki's `CollectionOp`/`QueryOp` over its single-thread task manager:

* One worker thread for the whole application (a private QThreadPool with one thread), so
  operations run one at a time in the order they were started: a read started after a write
  sees that write, and the SQLite store never has two writers from this process.
* The function runs on the worker and must not touch widgets. Its return value reaches
  `on_success` (and the `succeeded` signal) on the UI thread; a `GovperfError` it raises
  reaches `on_failure` (and `failed`). Any other exception is a bug: it is re-raised on the
  UI thread after `finished`, where the application's excepthook (or pytest-qt) sees it.
* With `with_progress=True` the function is called with a `Progress`: `progress.report(done,
  total, text)` reaches the `progressed` signal on the UI thread; `progress.check()` raises
  `OperationCancelled` once `Operation.cancel()` was called, which ends the operation with the
  `cancelled` signal. Cancelling is cooperative: a function that finishes anyway (a write
  that committed) delivers its result, because hiding work that was done would mislead.
* An operation started with `mutates=True` announces its success once, through
  `signals().data_changed`, so other pages can refresh (Anki's `operation_did_execute`).
* If the parent widget is deleted before the outcome arrives, the outcome is dropped. An
  operation with a parent deletes itself once delivered; its `result`, `error`,
  `was_cancelled` and `done` attributes stay readable on the Python side.

`finished` is emitted last in every case (success, failure, cancel). `pending_count()` says
how many operations have not delivered their outcome yet; tests wait for it to reach 0.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from govperf_desktop.domain.errors import GovperfError

__all__ = [
    "Operation",
    "OperationCancelled",
    "OperationSignals",
    "Progress",
    "drain",
    "pending_count",
    "run_in_background",
    "signals",
]


class OperationCancelled(Exception):
    """Raised inside an operation's function (by `Progress.check`) once it was cancelled."""


@dataclass(frozen=True)
class ProgressUpdate:
    done: int
    total: int | None  # None: unknown
    text: str


class Progress:
    """Handed to a function run `with_progress`: report how far it got, notice a cancel."""

    def __init__(self, job: _Job) -> None:
        self._job = job

    @property
    def cancelled(self) -> bool:
        return self._job.cancel_requested.is_set()

    def check(self) -> None:
        """Raise OperationCancelled if the user cancelled; call it between steps of work."""
        if self.cancelled:
            raise OperationCancelled()

    def report(self, done: int, total: int | None = None, text: str = "") -> None:
        """Tell the UI thread how far the work got (delivered as `Operation.progressed`)."""
        self._job.hub.job_progressed.emit(self._job, ProgressUpdate(done, total, text))


class OperationSignals(QObject):
    """Application-wide signals about operations."""

    # Emitted after an operation started with mutates=True succeeded; carries its result.
    data_changed = Signal(object)


class Operation(QObject):
    """One background call and its outcome, delivered on the UI thread."""

    succeeded = Signal(object)  # the function's return value
    failed = Signal(object)  # the GovperfError it raised
    cancelled = Signal()
    progressed = Signal(object)  # a ProgressUpdate
    finished = Signal()  # always, after one of the above

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job: _Job | None = None
        self.result: Any = None
        self.error: GovperfError | None = None
        self.was_cancelled = False
        self.done = False

    def cancel(self) -> None:
        """Ask the function to stop at its next `progress.check()` (or not to start at all)."""
        if self._job is not None:
            self._job.cancel_requested.set()


class _Job:
    """What travels between the UI thread and the worker (a plain object, not a QObject)."""

    def __init__(
        self,
        hub: _Hub,
        operation: Operation,
        function: Callable[..., Any],
        with_progress: bool,
        mutates: bool,
    ) -> None:
        self.hub = hub
        self.operation = operation
        self.function = function
        self.with_progress = with_progress
        self.mutates = mutates
        self.cancel_requested = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.was_cancelled = False


class _Hub(QObject):
    """Lives on the UI thread; the worker emits its signals, Qt queues them to this thread."""

    job_done = Signal(object)
    job_progressed = Signal(object, object)

    def __init__(self) -> None:
        super().__init__()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one writer/reader: operations run in order
        self.public = OperationSignals(self)
        self.pending = 0
        self.job_done.connect(self._deliver)
        self.job_progressed.connect(self._progress)

    @Slot(object, object)
    def _progress(self, job: _Job, update: ProgressUpdate) -> None:
        if shiboken6.isValid(job.operation):
            job.operation.progressed.emit(update)

    @Slot(object)
    def _deliver(self, job: _Job) -> None:
        operation = job.operation
        try:
            if not shiboken6.isValid(operation):
                return  # its parent was deleted: nobody is waiting for the outcome
            operation.done = True
            error = job.error
            try:
                if job.was_cancelled:
                    operation.was_cancelled = True
                    operation.cancelled.emit()
                elif isinstance(error, GovperfError):
                    operation.error = error
                    operation.failed.emit(error)
                elif error is None:
                    operation.result = job.result
                    operation.succeeded.emit(job.result)
                    if job.mutates:
                        self.public.data_changed.emit(job.result)
            finally:
                operation.finished.emit()
                if operation.parent() is not None:
                    operation.deleteLater()  # else every operation stays a child of its page
            if error is not None and not isinstance(error, GovperfError):
                raise error  # a bug: let the excepthook (or pytest-qt) see it
        finally:
            self.pending -= 1


class _Runnable(QRunnable):
    def __init__(self, job: _Job) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        job = self._job
        try:
            if job.cancel_requested.is_set():
                job.was_cancelled = True
            elif job.with_progress:
                job.result = job.function(Progress(job))
            else:
                job.result = job.function()
        except OperationCancelled:
            job.was_cancelled = True
        except BaseException as error:  # delivered to the UI thread, never lost here
            job.error = error
        job.hub.job_done.emit(job)


_HUB: _Hub | None = None
_DRAIN_ROUNDS = 5


def _hub() -> _Hub:
    global _HUB
    if _HUB is None or not shiboken6.isValid(_HUB):
        if QCoreApplication.instance() is None:
            raise RuntimeError("background operations need a QApplication")
        _HUB = _Hub()
    return _HUB


def signals() -> OperationSignals:
    """The application-wide operation signals (`data_changed`)."""
    return _hub().public


def pending_count() -> int:
    """How many started operations have not delivered their outcome yet."""
    return 0 if _HUB is None else _HUB.pending


def drain(timeout_ms: int = 30_000) -> bool:
    """Wait for the running operations to end and deliver their outcomes.

    Called before the store is closed (window closed, self-test done): a job still running
    would otherwise use a closed store, and its outcome would be emitted from a hub that
    interpreter shutdown has already deleted. Returns False if the jobs did not end in time.
    """
    if _HUB is None or not shiboken6.isValid(_HUB):
        return True
    application = QCoreApplication.instance()
    for _ in range(_DRAIN_ROUNDS):  # a delivered outcome may start a follow-up operation
        if not _HUB.pool.waitForDone(timeout_ms):
            return False
        if application is not None:
            application.sendPostedEvents()  # the queued job_done deliveries
        if _HUB.pending == 0:
            return True
    return False


def run_in_background(
    function: Callable[..., Any],
    *,
    parent: QObject | None = None,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[GovperfError], None] | None = None,
    on_finished: Callable[[], None] | None = None,
    with_progress: bool = False,
    mutates: bool = False,
) -> Operation:
    """Run `function` on the worker thread; must be called on the UI thread.

    `function()` (or `function(progress)` with `with_progress`) must not touch widgets. The
    callbacks run on the UI thread; the returned Operation's signals carry the same outcome.
    """
    hub = _hub()
    operation = Operation(parent)
    if on_success is not None:
        operation.succeeded.connect(on_success)
    if on_failure is not None:
        operation.failed.connect(on_failure)
    if on_finished is not None:
        operation.finished.connect(on_finished)
    job = _Job(hub, operation, function, with_progress, mutates)
    operation._job = job
    hub.pending += 1
    runnable = _Runnable(job)
    runnable.setAutoDelete(True)
    hub.pool.start(runnable)
    return operation
