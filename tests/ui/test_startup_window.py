"""The first window is shown while the store still opens (ui/startup.py, ui/app.py).

The user sees the main window's frame (navigation, menus, an "opening" note) or the login
dialog at once; the page is built once the store is open, a password typed meanwhile is
checked once it is, and a store that cannot be opened is still reported with exit code 2.
Opening is held back with an event in these tests, so each stage can be looked at.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.services.accounts import add_account
from govperf_desktop.services.admin import open_installation
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.store.store import Store
from govperf_desktop.ui import app as app_module
from govperf_desktop.ui.login import LoginDialog
from govperf_desktop.ui.main_window import PAGE_DASHBOARD, MainWindow, OpeningPage
from govperf_desktop.ui.startup import PendingStore

from .conftest import NODE_NAME

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
PW = "startup-test-password"
WAIT_MS = 15_000


@pytest.fixture
def held_open(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """main() opens the store only once the returned event is set."""
    release = threading.Event()
    real_open = app_module.open_data_store

    def held(*args: object, **kwargs: object) -> Store:
        release.wait(WAIT_MS / 1000)
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app_module, "open_data_store", held)
    return release


@contextmanager
def watching(qapp: QApplication, check: Callable[[], None]) -> Iterator[None]:
    """Call `check` every 10 ms while main() runs its event loop; quit it after WAIT_MS."""
    timer, failsafe = QTimer(), QTimer()
    timer.timeout.connect(check)
    failsafe.setSingleShot(True)
    failsafe.timeout.connect(qapp.quit)
    timer.start(10)
    failsafe.start(WAIT_MS)
    try:
        yield
    finally:
        timer.stop()
        failsafe.stop()


def _main_window(qapp: QApplication) -> MainWindow | None:
    found = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    return found[0] if found else None


def test_the_window_shows_at_once_and_its_page_once_the_store_is_open(
    qapp: QApplication, installation_dir: Path, held_open: threading.Event
) -> None:
    seen: list[tuple[object, ...]] = []

    def check() -> None:
        window = _main_window(qapp)
        if window is None:
            return
        if not seen:
            seen.append(
                (
                    window.store_is_open,
                    isinstance(window.pages.currentWidget(), OpeningPage),
                    window.navigation.count(),
                    "no user accounts" in window.statusBar().currentMessage(),
                )
            )
            held_open.set()
        elif len(seen) == 1 and window.store_is_open and window.is_built(PAGE_DASHBOARD):
            seen.append((window.pages.currentWidget().objectName(),))
            window.close()
            qapp.quit()

    with watching(qapp, check):
        code = app_module.main(["--data-dir", str(installation_dir), "--lang", "en"])
    assert code == 0
    assert seen == [(False, True, 7, True), ("dashboardPage",)]


def test_a_store_that_fails_to_open_behind_the_window_is_reported(
    qapp: QApplication, installation_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def damaged(*_args: object, **_kwargs: object) -> Store:
        raise GovperfError("The store file is damaged: restore it from a backup.")

    monkeypatch.setattr(app_module, "open_data_store", damaged)
    shown: list[str] = []
    monkeypatch.setattr(app_module, "show_error", shown.append)
    with watching(qapp, lambda: None):
        code = app_module.main(["--data-dir", str(installation_dir), "--lang", "en"])
    assert code == app_module.EXIT_STORE_ERROR
    assert shown == ["The store file is damaged: restore it from a backup."]


@pytest.fixture
def with_accounts(installation_dir: Path) -> Path:
    store = open_installation(installation_dir)
    try:
        add_department(store, "民政局", now=NOW)
        add_person(store, department="民政局", name="杨帆", roles=("admin",), now=NOW)
        add_account(
            store, name="yangfan", person="杨帆", password=PW, by=None, now=NOW, duty="admin"
        )
    finally:
        store.close()
    return installation_dir


def test_main_asks_for_the_login_before_the_store_is_open(
    qapp: QApplication,
    with_accounts: Path,
    held_open: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[tuple[object, ...]] = []

    def refuse(store: object) -> None:
        assert isinstance(store, PendingStore)
        asked.append((store.ready, store.node_name))
        held_open.set()

    monkeypatch.setattr(app_module, "ask_login", refuse)
    assert app_module.main(["--data-dir", str(with_accounts)]) == 0
    assert asked == [(False, NODE_NAME)]


def test_a_password_typed_while_the_store_opens_is_checked_once_it_is(
    qtbot: QtBot, with_accounts: Path
) -> None:
    release = threading.Event()

    def opener() -> Store:
        release.wait(WAIT_MS / 1000)
        return open_installation(with_accounts)

    pending = PendingStore(opener, node_name=NODE_NAME)
    pending.start()
    try:
        dialog = LoginDialog(pending, node_name=pending.node_name)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.account, "yangfan")
        qtbot.keyClicks(dialog.password, PW)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        assert dialog.message.text() == "Checking…" and not pending.ready
        release.set()
        qtbot.waitUntil(lambda: dialog.logged_in is not None, timeout=WAIT_MS)
        assert dialog.logged_in is not None and dialog.logged_in.account == "yangfan"
    finally:
        release.set()
        pending.close()


def test_a_pending_store_reports_what_opening_raised(qtbot: QtBot) -> None:
    def refused() -> Store:
        raise GovperfError("No store in /nowhere.")

    pending = PendingStore(refused)
    with qtbot.waitSignal(pending.signals.failed, timeout=WAIT_MS):
        pending.start()
    assert not pending.ready and isinstance(pending.error, GovperfError)
    with pytest.raises(GovperfError, match="No store in /nowhere"):
        pending.result()
    pending.close()
