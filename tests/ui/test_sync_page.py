"""The sync page: two real installations (a central office and a department, real keys and
certificates) exchange bundles through a real folder, by clicking the Sync button."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from govperf_desktop.services.comments import add_comment, comment_thread
from govperf_desktop.services.sync_status import ConflictView
from govperf_desktop.ui import feedback, operations
from govperf_desktop.ui.pages import sync as sync_page
from govperf_desktop.ui.pages.sync import SETTING_FOLDER, TAB_QUARANTINE, SyncPage
from govperf_desktop.ui.pages.sync_models import ConflictModel

from .seed_store import wait_for, wait_idle

sys.path.insert(0, str(Path(__file__).parents[1]))
from sync_office import CLERKS, PASS, Office, build_office, close_and_copy


@pytest.fixture(scope="module")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> Office:
    office = build_office(tmp_path_factory.mktemp("office") / "o", departments=("民政局",))
    office.close()
    return office


@pytest.fixture
def office(office_template: Office, tmp_path: Path, qtbot: QtBot) -> Iterator[Office]:
    copy = close_and_copy(office_template, tmp_path / "office")
    yield copy
    wait_idle(qtbot)
    copy.close()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(feedback, "show_error", lambda _parent, message: shown.append(message))
    return shown


class Prompt:
    """The passphrase prompt: answers from `answers` in order (PASS once they run out)."""

    def __init__(self) -> None:
        self.answers: list[str] = []
        self.asked = 0

    def __call__(self, _parent: object) -> str:
        self.asked += 1
        return self.answers.pop(0) if self.answers else PASS


@pytest.fixture
def prompt(monkeypatch: pytest.MonkeyPatch) -> Prompt:
    monkeypatch.delenv(sync_page.PASSPHRASE_ENV, raising=False)
    asker = Prompt()
    monkeypatch.setattr(sync_page, "ask_passphrase", asker)
    return asker


def _page(qtbot: QtBot, store, folder: Path | None) -> SyncPage:  # type: ignore[no-untyped-def]
    page = SyncPage(store)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    wait_for(qtbot, lambda: page.peers.rowCount() > 0)
    if folder is not None:
        page.set_folder(str(folder))
    return page


def _click_sync(qtbot: QtBot, page: SyncPage) -> None:
    with qtbot.waitSignal(page.synced, timeout=20_000):
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)


def _bundles(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob("*.govperf"))


def test_two_installations_sync_through_a_folder(
    qtbot: QtBot,
    office: Office,
    tmp_path: Path,
    errors: list[str],
    prompt: Prompt,
    qtmodeltester: ModelTester,
) -> None:
    department = office.departments["民政局"]
    central = office.central
    folder = tmp_path / "usb"
    folder.mkdir()
    add_comment(
        department.store,
        person=CLERKS["民政局"],
        task=office.task_ids["MZ-1"],
        text="清单已整理完毕",
        now=office.tick(),
    )

    # The department syncs first: nothing for it yet, so it only writes its bundle.
    at_department = _page(qtbot, department.store, folder)
    assert at_department.peers.rowCount() == 1
    assert at_department.peers.index(0, 0).data() == "考核办"
    _click_sync(qtbot, at_department)
    assert _bundles(folder) == [f"{department.node_id}-00000001-to-{central.node_id}.govperf"]
    assert at_department.results.rowCount() == 1
    assert at_department.status.text().endswith("1 written.")
    assert QSettings().value(SETTING_FOLDER) == str(folder)

    # The centre syncs: it imports the department's bundle and writes one back.
    at_centre = _page(qtbot, central.store, None)
    assert at_centre.folder.text() == str(folder)  # remembered
    _click_sync(qtbot, at_centre)
    assert not errors
    outcomes = [
        at_centre.results.index(row, at_centre.results.COL_OUTCOME).data()
        for row in range(at_centre.results.rowCount())
    ]
    assert outcomes == ["imported", "written"]
    bodies = [c.body for c in comment_thread(central.store, office.task_ids["MZ-1"]).comments]
    assert "清单已整理完毕" in bodies
    wait_for(qtbot, lambda: at_centre.peers.rowCount() == 1)
    peer = at_centre.peers.row_at(0)
    assert peer is not None and peer.department == "民政局"
    assert peer.last_import_at is not None and peer.last_export_at is not None
    assert "Last received" in at_centre.overview.text()

    # The department syncs again: the centre's bundle arrives and acknowledges its ops.
    _click_sync(qtbot, at_department)
    imported = [
        at_department.results.row_at(row)
        for row in range(at_department.results.rowCount())
        if at_department.results.row_at(row).direction == "import"  # type: ignore[union-attr]
    ]
    assert [row.outcome for row in imported] == ["imported"]  # type: ignore[union-attr]
    wait_for(qtbot, lambda: at_department.peers.row_at(0) is not None)
    status = at_department.peers.row_at(0)
    assert status is not None and status.acknowledged_ops > 0 and status.gaps == ()
    # The passphrase was asked once per page and kept for the session.
    assert prompt.asked == 2

    for model in (at_centre.peers, at_centre.results, at_department.quarantine):
        qtmodeltester.check(model)


def test_a_tampered_bundle_is_quarantined_with_its_reason(
    qtbot: QtBot,
    office: Office,
    tmp_path: Path,
    errors: list[str],
    prompt: Prompt,
    qtmodeltester: ModelTester,
) -> None:
    department = office.departments["民政局"]
    folder = tmp_path / "share"
    [bundle] = office.send(office.central, department, folder=folder)
    data = bytearray(bundle.read_bytes())
    data[-10] ^= 0x55  # one byte of the payload changed in transit
    bundle.write_bytes(bytes(data))

    page = _page(qtbot, department.store, folder)
    _click_sync(qtbot, page)
    assert not errors
    assert "quarantined" in page.status.text()
    assert page.tabs.currentIndex() == TAB_QUARANTINE
    wait_for(qtbot, lambda: page.quarantine.rowCount() == 1)
    assert page.quarantine.index(0, 0).data() == bundle.name
    reason_file = department.folder / "quarantine" / f"{bundle.name}.reason.txt"
    assert page.quarantine.index(0, 1).data() == reason_file.read_text("utf-8").strip()
    # Which check trips depends on where the flipped byte lands (the gzip trailer or the
    # compressed data): either way the clerk reads why the file was refused.
    reason = page.quarantine.index(0, 1).data()
    assert "refused" in reason or "is damaged" in reason
    assert not bundle.exists()  # moved out of the folder, into the store's quarantine
    assert page.tabs.tabText(TAB_QUARANTINE) == "Quarantine (1)"
    assert "refused" in page.overview.text()
    qtmodeltester.check(page.quarantine)


def test_a_wrong_passphrase_is_refused_before_anything_is_written(
    qtbot: QtBot, office: Office, tmp_path: Path, errors: list[str], prompt: Prompt
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    page = _page(qtbot, office.departments["民政局"].store, folder)
    prompt.answers.append("not the passphrase")
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: errors)
    assert "Wrong passphrase" in errors[0]
    assert _bundles(folder) == []
    assert page.sync_button.isEnabled()
    _click_sync(qtbot, page)  # asked again; the right one works
    assert len(_bundles(folder)) == 1


def test_no_folder_or_an_unreachable_one_is_refused(
    qtbot: QtBot, office: Office, tmp_path: Path, errors: list[str], prompt: Prompt
) -> None:
    page = _page(qtbot, office.central.store, None)
    assert not page.sync_button.isEnabled()
    page.set_folder(str(tmp_path / "stick-not-plugged-in"))
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert errors and "not reachable" in errors[0]
    assert not (tmp_path / "stick-not-plugged-in").exists()


def test_cancel_before_the_sync_ran_writes_nothing(
    qtbot: QtBot, office: Office, tmp_path: Path, errors: list[str], prompt: Prompt
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    page = _page(qtbot, office.central.store, folder)
    gate = threading.Event()
    operations.run_in_background(gate.wait, parent=page)  # keeps the worker busy
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert page.cancel_button.isEnabled() and not page.sync_button.isEnabled()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    wait_for(qtbot, lambda: not page.is_running())
    assert page.status.text().startswith("Cancelled")
    assert _bundles(folder) == []
    assert page.sync_button.isEnabled()


def test_watching_says_when_bundles_for_this_installation_arrive(
    qtbot: QtBot, office: Office, tmp_path: Path, prompt: Prompt
) -> None:
    department = office.departments["民政局"]
    folder = tmp_path / "share"
    folder.mkdir()
    page = _page(qtbot, department.store, folder)
    assert "other computers" in page.watch.toolTip()
    with qtbot.waitSignal(page.scanned, timeout=10_000) as first:
        page.watch.setChecked(True)
    assert first.args[0].for_here == 0
    assert page.watching.is_on()
    office.send(office.central, department, folder=folder)
    page.rescan()  # what the periodic rescan does (the watcher's hint may come first)
    wait_for(qtbot, lambda: "waiting" in page.waiting.text())
    assert page.waiting.text().startswith("1 bundle(s)")
    page.watch.setChecked(False)
    assert not page.watching.is_on() and page.watching.watcher.directories() == []


def test_conflict_model(qtmodeltester: ModelTester) -> None:
    model = ConflictModel()
    model.set_rows(
        [
            ConflictView(
                "tasks", "t1", "content", "新内容", "旧内容", "c2", "c1", datetime(2026, 11, 2)
            )
        ]
    )
    assert model.index(0, ConflictModel.COL_KEPT).data() == "新内容"
    qtmodeltester.check(model)


def test_an_installation_not_enrolled_cannot_sync(
    qtbot: QtBot,
    ui_store,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    page = SyncPage(ui_store)
    qtbot.addWidget(page)
    page.show()
    page.set_folder(str(tmp_path))
    with qtbot.waitSignal(page.state_loaded, timeout=10_000):
        pass
    wait_idle(qtbot)
    assert "not enrolled" in page.overview.text()
    assert not page.sync_button.isEnabled()
    assert page.peers.rowCount() == 0


def test_progress_reports_are_throttled_and_every_one_checks_for_a_cancel() -> None:
    class FakeProgress:
        def __init__(self) -> None:
            self.checks = 0
            self.reports: list[tuple[int, str]] = []

        def check(self) -> None:
            self.checks += 1
            if self.checks > 3:
                raise operations.OperationCancelled()

        def report(self, done: int, total: int | None = None, text: str = "") -> None:
            self.reports.append((done, text))

    fake = FakeProgress()
    report = sync_page._reporter(fake)  # type: ignore[arg-type]
    for count in (5000, 10000, 15000):
        report("apply", count)
    assert fake.reports == [(5000, "apply")]  # the others came within 0.1 s
    with pytest.raises(operations.OperationCancelled):
        report("apply", 20000)  # the service's transaction rolls back on this
