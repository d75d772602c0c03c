"""Login at start, the idle lock and the acting person fixed to the logged-in account."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow

from govperf_desktop.services.accounts import LoggedIn, add_account, login
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.store.store import Store
from govperf_desktop.ui import app as app_module
from govperf_desktop.ui import operations
from govperf_desktop.ui.acting_person import ActingPersonBox, free_acting_person, lock_to_person
from govperf_desktop.ui.idle import IDLE_SETTING, IdleLock, idle_minutes
from govperf_desktop.ui.login import LoginDialog

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
PW = "ui-test-password"
WAIT_MS = 10_000


@pytest.fixture
def accounts_store(ui_store: Store) -> Store:
    add_department(ui_store, "民政局", now=NOW)
    add_person(ui_store, department="民政局", name="杨帆", roles=("admin",), now=NOW)
    add_person(ui_store, department="民政局", name="朱丽华", roles=("clerk",), now=NOW)
    add_account(
        ui_store, name="yangfan", person="杨帆", password=PW, by=None, now=NOW, duty="admin"
    )
    admin = login(ui_store, "yangfan", PW, now=NOW)
    add_account(ui_store, name="zhu", person="朱丽华", password=PW, by=admin, now=NOW)
    return ui_store


@pytest.fixture(autouse=True)
def acting_person_freed_after() -> Iterator[None]:
    yield
    free_acting_person()


def _idle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: operations.pending_count() == 0, timeout=WAIT_MS)


def _log_in(qtbot, dialog: LoginDialog, name: str, password: str) -> None:  # type: ignore[no-untyped-def]
    if not dialog.account.isReadOnly():
        dialog.account.clear()
        qtbot.keyClicks(dialog.account, name)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    _idle(qtbot)


def test_login_dialog_refuses_a_wrong_password_and_keeps_the_name(qtbot, accounts_store) -> None:
    dialog = LoginDialog(accounts_store, node_name="测试节点")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    _log_in(qtbot, dialog, "zhu", "not-the-password")
    assert dialog.message.text() == "Wrong account name or password."
    assert dialog.account.text() == "zhu" and dialog.password.text() == ""
    assert dialog.logged_in is None and dialog.isVisible()
    _log_in(qtbot, dialog, "zhu", PW)
    assert dialog.logged_in is not None and dialog.logged_in.person == "朱丽华@民政局"
    assert dialog.result() == LoginDialog.DialogCode.Accepted


def test_login_dialog_shows_the_lockout(qtbot, accounts_store) -> None:
    dialog = LoginDialog(accounts_store)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(5):
        _log_in(qtbot, dialog, "zhu", "wrong-password")
    _log_in(qtbot, dialog, "zhu", PW)
    assert "locked after 5 failed logins" in dialog.message.text()
    assert dialog.logged_in is None


def test_idle_lock_hides_the_window_and_asks_for_the_password(
    qtbot, qapp: QApplication, accounts_store
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    typed = QLineEdit()
    window.setCentralWidget(typed)
    window.show()
    qtbot.keyClicks(typed, "half-typed note")
    evidence = QLineEdit("an open dialog's data")  # another window of the application
    qtbot.addWidget(evidence)
    evidence.show()
    user = login(accounts_store, "zhu", PW, now=NOW)
    lock = IdleLock(qapp, window, accounts_store, user, timeout_ms=60_000)
    try:
        # Input restarts the idle time.
        lock.timer.stop()
        qtbot.keyClick(typed, Qt.Key.Key_Shift)
        assert lock.timer.isActive() and lock.timer.remainingTime() > 50_000
        assert not lock.is_locked and window.isVisible()
        lock.timer.setInterval(200)  # a short idle time from here on
        with qtbot.waitSignal(lock.locked, timeout=WAIT_MS):
            qtbot.keyClick(typed, Qt.Key.Key_Shift)
        assert not window.isVisible() and not evidence.isVisible()
        dialog = lock.dialog
        assert dialog is not None and dialog.account.text() == "zhu"
        assert dialog.account.isReadOnly()
        _log_in(qtbot, dialog, "zhu", "wrong-password")
        assert lock.is_locked and not window.isVisible()
        assert "Wrong" in dialog.message.text()
        with qtbot.waitSignal(lock.unlocked, timeout=WAIT_MS):
            _log_in(qtbot, dialog, "zhu", PW)
        assert window.isVisible() and typed.text() == "half-typed note"  # nothing typed is lost
        assert evidence.isVisible()
        _idle(qtbot)
        with accounts_store.engine.connect() as db:
            events = [r[0] for r in db.exec_driver_sql("SELECT event FROM audit_log")]
        assert "idle_lock" in events
    finally:
        lock.stop()


def test_quitting_the_lock_asks_the_application_to_quit(qtbot, qapp, accounts_store) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    user = login(accounts_store, "zhu", PW, now=NOW)
    lock = IdleLock(qapp, window, accounts_store, user, timeout_ms=50)
    try:
        qtbot.waitUntil(lambda: lock.is_locked, timeout=WAIT_MS)
        with qtbot.waitSignal(lock.quit_requested, timeout=WAIT_MS):
            lock.dialog.reject()  # type: ignore[union-attr]
        assert not window.isVisible()
        _idle(qtbot)
    finally:
        lock.stop()


def test_idle_time_comes_from_the_settings(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert idle_minutes(settings) == 10
    settings.setValue(IDLE_SETTING, "2.5")
    assert idle_minutes(settings) == 2.5
    assert idle_minutes(settings, 0) == 0


def test_acting_person_is_the_logged_in_person(qtbot, accounts_store) -> None:
    user = login(accounts_store, "zhu", PW, now=NOW)
    lock_to_person(user.person_id)
    box = ActingPersonBox(accounts_store)
    qtbot.addWidget(box)
    with qtbot.waitSignal(box.loaded, timeout=WAIT_MS):
        box.load()
    assert box.current_person() is not None and box.current_person().name == "朱丽华"
    assert not box.isEnabled()


def test_main_asks_for_a_login_and_quits_when_refused(
    qtbot, installation_dir: Path, accounts_store, monkeypatch
) -> None:
    asked: list[Store] = []

    def refuse(store: Store) -> LoggedIn | None:
        asked.append(store)
        return None

    monkeypatch.setattr(app_module, "ask_login", refuse)
    ran: list[object] = []
    monkeypatch.setattr(app_module, "run_window", lambda *a, **k: ran.append(a) or 0)
    assert app_module.main(["--data-dir", str(installation_dir)]) == 0
    assert len(asked) == 1 and ran == []


def test_main_runs_the_window_as_the_logged_in_user(
    qtbot, installation_dir: Path, accounts_store, monkeypatch
) -> None:
    user = login(accounts_store, "zhu", PW, now=NOW)
    monkeypatch.setattr(app_module, "ask_login", lambda store: user)
    seen: list[tuple] = []
    monkeypatch.setattr(app_module, "run_window", lambda *a, **k: seen.append(a) or 0)
    assert app_module.main(["--data-dir", str(installation_dir), "--idle-minutes", "1"]) == 0
    assert seen[0][4] == user and seen[0][5] == 1.0
    from govperf_desktop.ui.acting_person import locked_person

    assert locked_person() == user.person_id


def test_main_opens_the_first_run_dialog_for_an_empty_folder(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "fresh"
    asked: list[Path] = []
    monkeypatch.setattr(app_module, "ask_first_run", lambda d: asked.append(d))
    assert app_module.main(["--data-dir", str(folder)]) == 0  # cancelled: nothing made
    assert asked == [folder] and not folder.exists()


def test_demo_store_opens_without_a_login_and_has_demo_accounts(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    from govperf_desktop.services.admin import open_installation
    from govperf_desktop.services.demo_store import DEMO_PASSWORD
    from govperf_desktop.ui.acting_person import is_locked

    folder = tmp_path / "demo"
    monkeypatch.setattr(app_module, "ask_login", lambda store: pytest.fail("asked to log in"))
    seen: list[tuple] = []
    monkeypatch.setattr(app_module, "run_window", lambda *a, **k: seen.append(a) or 0)
    assert app_module.main(["--demo", "--data-dir", str(folder)]) == 0
    assert seen[0][4] is None and not is_locked()  # anyone can be chosen as the actor
    store = open_installation(folder)
    try:
        clerk = login(store, "clerk", DEMO_PASSWORD, now=NOW)
        assert clerk.person == "朱丽华@民政局"
        assert login(store, "admin", DEMO_PASSWORD, now=NOW).roles == ("admin", "central", "head")
    finally:
        store.close()
    # The same store opened as a real installation (no --demo) asks for a login.
    asked: list[Store] = []
    monkeypatch.setattr(app_module, "ask_login", lambda store: asked.append(store))
    assert app_module.main(["--data-dir", str(folder)]) == 0
    assert len(asked) == 1


def test_change_password_dialog(qtbot, accounts_store) -> None:
    from govperf_desktop.ui.login import ChangePasswordDialog

    dialog = ChangePasswordDialog(accounts_store, "zhu")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.old, "not-my-password")
    qtbot.keyClicks(dialog.new, "brand-new-password")
    qtbot.keyClicks(dialog.repeat, "brand-new-passwor")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.message.text() == "The two new passwords differ."
    qtbot.keyClicks(dialog.repeat, "d")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    _idle(qtbot)
    assert dialog.message.text() == "Wrong account name or password."
    dialog.old.clear()
    qtbot.keyClicks(dialog.old, PW)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    _idle(qtbot)
    assert login(accounts_store, "zhu", "brand-new-password", now=NOW).account == "zhu"


def test_account_menu_locks_now(qtbot, qapp, accounts_store) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    user = login(accounts_store, "zhu", PW, now=NOW)
    lock = IdleLock(qapp, window, accounts_store, user, timeout_ms=60_000)
    try:
        app_module.add_account_menu(window, accounts_store, user, lock)  # type: ignore[arg-type]
        menu = window.menuBar().actions()[0].menu()
        actions = {a.text(): a for a in menu.actions()}
        assert set(actions) == {"Change password…", "Lock now"}
        actions["Lock now"].trigger()
        assert lock.is_locked and not window.isVisible()
        lock.dialog.reject()  # type: ignore[union-attr]
        _idle(qtbot)
    finally:
        lock.stop()
