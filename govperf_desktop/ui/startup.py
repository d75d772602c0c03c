"""The store opened in the background while the first window is already on screen.

Opening the store means importing SQLAlchemy, declaring the ORM models and checking the
schema revision: about half a second that the user would otherwise spend looking at nothing.
`PendingStore` does it on a thread of its own (not the operations worker, whose jobs may be
waiting for it) and stands in for the store meanwhile:

* `opened` / `failed` (signals of `signals`, delivered on the UI thread) say when it is done;
  `ready` says whether it is; `result()` waits for it and returns the store (or raises what
  opening raised, a GovperfError with the user's reason).
* Any other attribute is the open store's: a service called with the pending store from a
  background operation (the login check, typed while the store still opens) simply waits
  for it there. The UI thread must not do that: it builds the pages once `opened` arrived.
* `close()` waits for the thread and closes the store, if it was opened.

The first window is chosen from facts read without the store layer
(`services.startup.peek_store`); see ui/app.py.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMetaObject, QObject, Qt, Signal, Slot

if TYPE_CHECKING:
    from govperf_desktop.services.admin import Store


class PendingStoreSignals(QObject):
    """Emitted on the UI thread once the opening thread has ended (any callable may listen)."""

    opened = Signal()
    failed = Signal()

    def __init__(self, pending: PendingStore) -> None:
        super().__init__()
        self._pending = pending

    @Slot()
    def deliver(self) -> None:
        (self.opened if self._pending.ready else self.failed).emit()


class PendingStore:
    """A store being opened by `opener` on a background thread (after `start()`)."""

    def __init__(self, opener: Callable[[], Store], *, node_name: str | None = None) -> None:
        self._opener = opener
        self.node_name = node_name  # this installation's name, if known before opening
        self._done = threading.Event()
        self._store: Store | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="govperf-open-store", daemon=True)
        self.signals = PendingStoreSignals(self)

    def start(self) -> None:
        """Start opening (once; later calls do nothing)."""
        if not self._thread.is_alive() and not self._done.is_set():
            self._thread.start()

    def _run(self) -> None:
        try:
            self._store = self._opener()
        except BaseException as error:  # delivered to whoever asks for the store
            self._error = error
        finally:
            self._done.set()
        # Queued to the thread the signals object lives in (the UI thread): listeners there.
        QMetaObject.invokeMethod(self.signals, "deliver", Qt.ConnectionType.QueuedConnection)

    @property
    def ready(self) -> bool:
        """True once the store is open (False while opening, and after a failure)."""
        return self._done.is_set() and self._error is None

    @property
    def error(self) -> BaseException | None:
        """What opening raised, once it has failed."""
        return self._error if self._done.is_set() else None

    def result(self, timeout: float | None = None) -> Store:
        """The open store, waiting for it; raises what opening raised."""
        self.start()
        if not self._done.wait(timeout):
            raise TimeoutError("the store did not open in time")
        if self._error is not None:
            raise self._error
        assert self._store is not None
        return self._store

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and friends: not the store's business
            raise AttributeError(name)
        return getattr(self.result(), name)

    def close(self) -> None:
        """Wait for the opening (if started) to end, then close the store if it opened."""
        if self._thread.is_alive():
            self._thread.join()
        if self._store is not None:
            self._store.close()
            self._store = None


def open_store_of(store: Store | PendingStore) -> Store:
    """The store itself (waiting for a pending one): for code off the UI thread."""
    return store.result() if isinstance(store, PendingStore) else store
