"""The history page (版本回溯), driven as a user on the seed demo data."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from govperf_desktop.services.admin import Store
from govperf_desktop.services.history import history
from govperf_desktop.services.task_views import show_task
from govperf_desktop.services.taskflow import start_task
from govperf_desktop.ui import feedback
from govperf_desktop.ui.models.history import FieldChangeModel, RecentChangesModel, VersionModel
from govperf_desktop.ui.pages.history import PAGE_SIZE, HistoryPage, create_page

from .seed_store import (  # noqa: F401 - fixtures
    SEED_TODAY,
    UI_NOW,
    seed_store_fixture,
    seed_template_fixture,
    wait_for,
)

INDICATOR = "医保异地结算"


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Refusals shown and questions asked (answered yes), instead of message boxes."""
    seen: dict[str, list[str]] = {"errors": [], "questions": []}
    monkeypatch.setattr(feedback, "show_error", lambda parent, text: seen["errors"].append(text))

    def confirm(parent: object, title: str, text: str) -> bool:
        seen["questions"].append(text)
        return True

    monkeypatch.setattr(feedback, "confirm", confirm)
    return seen


@pytest.fixture
def started_task(seed_store: Store) -> str:
    """YB-04 started by 苏晴: its record now has a second version (status in progress)."""
    result = start_task(seed_store, "YB-04", person="苏晴", now=UI_NOW, indicator=INDICATOR)
    return result.task_id


@pytest.fixture
def page(qtbot: QtBot, seed_store: Store, started_task: str) -> HistoryPage:
    widget = create_page(seed_store, None)
    assert isinstance(widget, HistoryPage)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    wait_for(qtbot, lambda: widget.recent.rowCount() == PAGE_SIZE and widget.acting.count())
    assert widget.acting.select_person("周文博@考核办")
    return widget


def _click_row(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def _recent_row(page: HistoryPage, table: str, record_id: str | None = None) -> int:
    for row, change in enumerate(page.recent.rows()):
        if change.table == table and record_id in (None, change.record_id):
            return row
    raise AssertionError(f"no recent change of {table}")


def _fields(page: HistoryPage) -> dict[str, tuple[str, str]]:
    model = page.fields
    return {
        model.index(row, FieldChangeModel.COL_FIELD).data(Qt.ItemDataRole.ToolTipRole): (
            model.index(row, FieldChangeModel.COL_OLD).data(),
            model.index(row, FieldChangeModel.COL_NEW).data(),
        )
        for row in range(model.rowCount())
    }


def test_nothing_is_read_before_the_page_is_shown(qtbot: QtBot, seed_store: Store) -> None:
    widget = HistoryPage(seed_store)
    qtbot.addWidget(widget)
    qtbot.wait(50)
    assert widget.recent.rowCount() == 0


def test_recent_changes_newest_first_with_older_pages(
    qtbot: QtBot, page: HistoryPage, started_task: str, qtmodeltester: ModelTester
) -> None:
    # init stamps the installation with the real clock, the rest of the seed with its own.
    rows = [change for change in page.recent.rows() if change.table != "nodes"]
    assert {change.table for change in rows[:2]} == {"tasks", "task_events"}
    row = page.recent.rows().index(next(c for c in rows[:2] if c.table == "tasks"))
    summary = page.recent.index(row, RecentChangesModel.COL_SUMMARY).data()
    assert summary == "YB-04 — status: notified → in_progress"
    assert page.recent.index(row, RecentChangesModel.COL_WHO).data() == "苏晴"
    qtmodeltester.check(page.recent)

    assert page.older_button.isEnabled()
    qtbot.mouseClick(page.older_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: page.recent.rowCount() == 2 * PAGE_SIZE)
    ids = [change.change_id for change in page.recent.rows()]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)

    page.recent_kind.setCurrentIndex(page.recent_kind.findData("indicators"))
    wait_for(qtbot, lambda: page.recent.rowCount() == 5)
    assert not page.older_button.isEnabled()


def test_open_a_record_and_restore_a_version(
    qtbot: QtBot,
    page: HistoryPage,
    seed_store: Store,
    started_task: str,
    dialogs: dict[str, list[str]],
    qtmodeltester: ModelTester,
) -> None:
    row = _recent_row(page, "tasks", started_task)
    _click_row(qtbot, page.recent_view, page.recent.index(row, RecentChangesModel.COL_SUMMARY))
    wait_for(qtbot, lambda: page.versions.rowCount() == 2)
    assert page.record_id.text() == started_task
    assert page.versions.index(1, VersionModel.COL_WHO).data() == "苏晴"
    assert page.versions.index(1, VersionModel.COL_WHERE).data() == "考核办"
    assert _fields(page)["code"] == ("", "YB-04")  # version 1 is selected: the creation
    assert not page.evidence_notice.isVisible()
    qtmodeltester.check(page.versions)
    qtmodeltester.check(page.fields)

    _click_row(qtbot, page.versions_view, page.versions.index(1, VersionModel.COL_WHEN))
    assert _fields(page) == {"status": ("notified", "in_progress")}
    assert not page.restore_button.isEnabled()  # the current version
    assert "current version" in page.restore_button.toolTip()

    _click_row(qtbot, page.versions_view, page.versions.index(0, VersionModel.COL_WHEN))
    assert page.restore_button.isEnabled()
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: page.versions.rowCount() == 3)
    assert "version 1" in dialogs["questions"][0] and "周文博@考核办" in dialogs["questions"][0]
    assert page.versions_view.currentIndex().row() == 2  # the new version is shown
    assert _fields(page) == {"status": ("in_progress", "notified")}
    assert page.versions.index(2, VersionModel.COL_WHO).data() == "周文博"
    assert "version 3" in page.message.text()
    detail = show_task(seed_store, started_task, today=SEED_TODAY)
    assert detail.status == "notified"
    # The restore is the newest change of a task in the list.
    page.recent_kind.setCurrentIndex(page.recent_kind.findData("tasks"))
    wait_for(qtbot, lambda: page.recent.rows()[0].record_id == started_task)
    assert page.recent.rows()[0].actor == "周文博"

    # Restoring version 1 again changes nothing: refused, shown in one line.
    _click_row(qtbot, page.versions_view, page.versions.index(0, VersionModel.COL_WHEN))
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: dialogs["errors"])
    assert "already as it was at version 1" in dialogs["errors"][0]
    assert len(history(seed_store, started_task)) == 3


def test_evidence_is_shown_but_cannot_be_restored(
    qtbot: QtBot, page: HistoryPage, dialogs: dict[str, list[str]]
) -> None:
    row = _recent_row(page, "task_events")
    _click_row(qtbot, page.recent_view, page.recent.index(row, RecentChangesModel.COL_KIND))
    wait_for(qtbot, lambda: page.versions.rowCount() == 1 and page.evidence_notice.isVisible())
    assert "never changed" in page.evidence_notice.text()
    assert not page.restore_button.isEnabled()
    assert _fields(page)["kind"] == ("", "started")


def test_typing_a_record_id(
    qtbot: QtBot, page: HistoryPage, started_task: str, dialogs: dict[str, list[str]]
) -> None:
    qtbot.mouseClick(page.record_id, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.record_id, started_task)
    qtbot.keyClick(page.record_id, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: page.versions.rowCount() == 2)
    assert started_task in page.record_title.text()

    page.record_id.clear()
    qtbot.keyClicks(page.record_id, "0123456789abcdef0123456789abcdef")
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: dialogs["errors"])
    assert dialogs["errors"] == ["No history for record '0123456789abcdef0123456789abcdef'."]
    assert page.record_id.text() == "0123456789abcdef0123456789abcdef"
    assert page.versions.rowCount() == 2  # what was shown stays
