"""The first-run dialog: create a store with its administrator, or join an organisation
(enrolment request, then the node certificate from the central office)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from govperf_desktop.paths import store_path
from govperf_desktop.services.accounts import login
from govperf_desktop.services.admin import init_installation, local_node, open_installation
from govperf_desktop.services.enrolment import init_root, sign_request
from govperf_desktop.services.org import add_department
from govperf_desktop.ui import first_run, operations
from govperf_desktop.ui.first_run import FirstRunDialog

PW = "first-run-password"
KEY_PASS = "key passphrase 1"
WAIT_MS = 15_000


def _idle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: operations.pending_count() == 0, timeout=WAIT_MS)


def _fill(qtbot, dialog: FirstRunDialog, repeat: str = PW) -> None:  # type: ignore[no-untyped-def]
    dialog.node_name.setText("考核办")  # keyClicks types Latin text only
    dialog.admin_person.setText("周文博")
    qtbot.keyClicks(dialog.admin_account, "root")
    qtbot.keyClicks(dialog.admin_password, PW)
    qtbot.keyClicks(dialog.admin_repeat, repeat)


def test_create_a_store_with_its_administrator(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    dialog = FirstRunDialog(folder)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, repeat="something-else")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "The two passwords differ."
    assert not folder.exists()
    dialog.admin_repeat.clear()
    qtbot.keyClicks(dialog.admin_repeat, PW)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    _idle(qtbot)
    assert dialog.logged_in is not None
    assert (dialog.logged_in.account, dialog.logged_in.roles) == ("root", ("admin",))
    assert dialog.logged_in.person == "周文博@考核办"
    store = open_installation(folder)
    try:
        assert local_node(store).name == "考核办"  # type: ignore[union-attr]
        assert login(store, "root", PW, now=datetime.now(UTC)).account == "root"
    finally:
        store.close()


def test_a_refusal_keeps_what_was_typed(qtbot, tmp_path: Path) -> None:
    dialog = FirstRunDialog(tmp_path / "data")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.node_name.setText("考核办")
    dialog.admin_person.setText("周文博")
    qtbot.keyClicks(dialog.admin_account, "root")
    qtbot.keyClicks(dialog.admin_password, "short")
    qtbot.keyClicks(dialog.admin_repeat, "short")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    _idle(qtbot)
    assert "at least 10 characters" in dialog.message.text()
    assert dialog.isVisible() and dialog.admin_account.text() == "root"
    assert not store_path(tmp_path / "data").exists()


def test_join_an_organisation(qtbot, tmp_path: Path, monkeypatch) -> None:
    now = datetime.now(UTC)
    centre_dir = tmp_path / "centre"
    init_installation(centre_dir, node_name="考核办", role="central", now=now)
    centre = open_installation(centre_dir)
    init_root(centre, passphrase=KEY_PASS, now=now)
    add_department(centre, "民政局", now=now)

    folder = tmp_path / "dept"
    requests = tmp_path / "requests"
    requests.mkdir()
    monkeypatch.setattr(first_run, "choose_folder", lambda parent, title: str(requests))
    dialog = FirstRunDialog(folder)
    qtbot.addWidget(dialog)
    dialog.show()
    indicator = QPoint(6, dialog.join_mode.height() // 2)  # the radio's circle
    qtbot.mouseClick(dialog.join_mode, Qt.MouseButton.LeftButton, pos=indicator)
    assert dialog.join_box.isVisible() and not dialog.ok_button.isEnabled()
    assert dialog.role.currentData() == "department"
    _fill(qtbot, dialog)
    dialog.node_name.setText("民政局办公室")
    dialog.department.setText("民政局")
    qtbot.keyClicks(dialog.key_passphrase, KEY_PASS)
    qtbot.mouseClick(dialog.request_button, Qt.MouseButton.LeftButton)
    _idle(qtbot)
    assert "Request written to" in dialog.message.text(), dialog.message.text()
    request = next(requests.iterdir())
    assert dialog.ok_button.isEnabled() and dialog.certificate_button.isEnabled()

    certificates = tmp_path / "certificates"
    view = sign_request(centre, request, certificates, passphrase=KEY_PASS, now=now)
    centre.close()
    monkeypatch.setattr(first_run, "choose_certificate", lambda parent, title: view.file)
    qtbot.mouseClick(dialog.certificate_button, Qt.MouseButton.LeftButton)
    _idle(qtbot)
    assert "Enrolled as 民政局办公室" in dialog.message.text(), dialog.message.text()
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    # The people come from the central office: the account is linked to its person later.
    assert dialog.logged_in is not None and dialog.logged_in.person is None
    assert dialog.logged_in.roles == ("admin",)
