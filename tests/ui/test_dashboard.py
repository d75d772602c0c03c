"""The dashboard (工作台) on the seed demo: a department head's open tasks, warnings and
mentions; opening a task at a mention, from the dashboard and from the communication log."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from govperf_desktop.domain.errors import NotFoundError, ValidationError
from govperf_desktop.services.admin import Store
from govperf_desktop.services.dashboard import my_dashboard
from govperf_desktop.ui.main_window import (
    PAGE_COMMUNICATION,
    PAGE_DASHBOARD,
    PAGE_INDICATORS,
    MainWindow,
)
from govperf_desktop.ui.pages.dashboard import TAB_INSTALLATION, DashboardPage

from .seed_store import (  # noqa: F401 - fixtures
    seed_store_fixture,
    seed_template_fixture,
    type_text,
    wait_for,
)


@pytest.fixture
def page(qtbot: QtBot, seed_store: Store) -> DashboardPage:
    widget = DashboardPage(seed_store)  # the seed's 'now': 2026-11-20 18:00
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    wait_for(qtbot, lambda: widget.acting.count() > 0)
    return widget


def _choose(qtbot: QtBot, page: DashboardPage, person: str) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        assert page.acting.select_person(person)
    wait_for(qtbot, lambda: page.data is not None and page.data.person == person)


def _double_click(qtbot: QtBot, view, index) -> None:  # type: ignore[no-untyped-def]
    """A real double-click: press and release, then the double-click event."""
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _column(model, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_a_head_sees_open_tasks_by_deadline_and_warnings(
    qtbot: QtBot, page: DashboardPage, qtmodeltester: ModelTester
) -> None:
    assert page.no_person.isVisible()  # nobody chosen yet
    _choose(qtbot, page, "王建国@住建局")
    assert not page.no_person.isVisible()
    assert _column(page.tasks_model, page.tasks_model.COL_CODE) == ["GZ-05", "GZ-06"]
    assert page.tasks_model.index(0, page.tasks_model.COL_DEADLINE).data() == (
        "2026-11-17 (3 d overdue)"
    )
    assert "住建局: 2" in page.tasks_box.title()
    assert _column(page.alerts_model, page.alerts_model.COL_CODE) == ["GZ-05"]
    assert page.alerts_model.index(0, page.alerts_model.COL_KIND).data() == "Warning"
    assert page.alerts_model.index(0, page.alerts_model.COL_WHEN).data() == ("3 day(s) overdue")
    assert "王建国" in page.alerts_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert page.alerts_model.index(0, page.alerts_model.COL_ACKNOWLEDGED).data() == "王建国"
    assert page.summary.text() == "2 open task(s), 1 warning(s) or reminder(s)"
    assert "not enrolled" in page.sync_state.text()
    for model in (page.tasks_model, page.alerts_model, page.mentions_model):
        qtmodeltester.check(model)


def test_mentions_of_me_and_of_my_department(
    qtbot: QtBot, page: DashboardPage, qtmodeltester: ModelTester
) -> None:
    _choose(qtbot, page, "魏红@卫健委")
    assert _column(page.mentions_model, page.mentions_model.COL_TASK) == ["YB-02"]
    assert page.mentions_model.index(0, page.mentions_model.COL_WHOM).data() == "me"
    _choose(qtbot, page, "杨帆@民政局")  # 民政局 is mentioned, not 杨帆 by name
    assert page.mentions_model.index(0, page.mentions_model.COL_WHOM).data() == "my department"

    mention = page.mentions_model.row_at(0)
    assert mention is not None
    with qtbot.waitSignal(page.open_task) as opened:
        _double_click(qtbot, page.mentions_view, page.mentions_model.index(0, 0))
    assert opened.args == [mention.task_id, mention.comment_id]
    qtmodeltester.check(page.mentions_model)


def test_the_installation_tab_is_read_when_first_shown(
    qtbot: QtBot, page: DashboardPage, qtmodeltester: ModelTester
) -> None:
    assert page.counts_model.rowCount() == 0  # not read at start-up
    page.tabs.setCurrentIndex(TAB_INSTALLATION)
    wait_for(qtbot, lambda: page.counts_model.rowCount() > 0)
    assert page.node_name.text() == "考核办"
    assert page.node_role.text() == "Central office"
    qtmodeltester.check(page.counts_model)


def test_the_service_refuses_unknown_people_and_bad_limits(seed_store: Store) -> None:
    with pytest.raises(NotFoundError, match="Unknown person"):
        my_dashboard(seed_store, person="无此人", today=date(2026, 11, 20))
    with pytest.raises(ValidationError, match="limit"):
        my_dashboard(seed_store, person="王建国", today=date(2026, 11, 20), limit=0)
    one = my_dashboard(seed_store, person="王建国", today=date(2026, 11, 20), limit=1)
    assert len(one.open_tasks) == 1 and one.open_task_count == 2


@pytest.fixture
def window(qtbot: QtBot, seed_store: Store, tmp_path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    main_window = MainWindow(seed_store, settings, language="en")
    qtbot.addWidget(main_window)
    main_window.resize(1300, 850)
    main_window.show()
    qtbot.waitExposed(main_window)
    return main_window


def _at_comment(qtbot: QtBot, window: MainWindow, comment_id: str) -> None:
    indicators = window.page(PAGE_INDICATORS)
    task_view = indicators.task_view  # type: ignore[attr-defined]

    def shown() -> bool:
        selected = task_view.comments.selected_comment()
        return selected is not None and selected.id == comment_id

    wait_for(qtbot, shown)
    assert window.current_page_key() == PAGE_INDICATORS
    assert indicators.stack.currentWidget() is task_view  # type: ignore[attr-defined]
    assert task_view.communication_tabs.currentWidget() is task_view.comments


def test_a_mention_opens_the_task_at_the_comment(qtbot: QtBot, window: MainWindow) -> None:
    assert window.current_page_key() == PAGE_DASHBOARD
    assert not window.is_built(PAGE_INDICATORS)  # pages are built when first shown
    dashboard = window.dashboard
    wait_for(qtbot, lambda: dashboard.acting.count() > 0)
    _choose(qtbot, dashboard, "魏红@卫健委")
    mention = dashboard.mentions_model.row_at(0)
    assert mention is not None
    _double_click(qtbot, dashboard.mentions_view, dashboard.mentions_model.index(0, 1))
    _at_comment(qtbot, window, mention.comment_id)


def test_the_communication_log_opens_the_task_at_the_comment(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_page(PAGE_COMMUNICATION)
    page = window.pages.currentWidget()
    wait_for(qtbot, lambda: page.model.rowCount() > 0)  # type: ignore[attr-defined]
    hit = page.model.row_at(3)  # type: ignore[attr-defined]
    _double_click(qtbot, page.results, page.model.index(3, 0))  # type: ignore[attr-defined]
    _at_comment(qtbot, window, hit.id)
