"""Refusals reach the Chinese window in Chinese, and the English window in English."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView
from pytestqt.qtbot import QtBot

from govperf_desktop.domain.errors import NotFoundError
from govperf_desktop.services.admin import Store
from govperf_desktop.ui import feedback
from govperf_desktop.ui.error_hook import install_error_hook
from govperf_desktop.ui.pages.timesheets import TimesheetsPage, create_page
from govperf_desktop.ui.week_grid import WeekGridModel

from .seed_store import (  # noqa: F401 - fixtures
    SEED_TODAY,
    seed_store_fixture,
    seed_template_fixture,
    wait_for,
)

TOO_MANY = "Hours on 2026-11-17 cannot exceed 24 in one day (got 25)."
TOO_MANY_ZH = "2026-11-17 的工时一天不能超过 24 小时（输入为 25）。"


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(feedback, "show_error", lambda parent, message: messages.append(message))
    return messages


def _timesheets(qtbot: QtBot, store: Store) -> TimesheetsPage:
    page = create_page(store, None)
    assert isinstance(page, TimesheetsPage)
    qtbot.addWidget(page)
    page.week.load(day=SEED_TODAY)
    page.resize(1300, 800)
    page.show()
    qtbot.waitExposed(page)
    wait_for(qtbot, lambda: page.week.acting.people.rowCount() > 0)
    return page


def _type_25_on_tuesday(qtbot: QtBot, store: Store) -> tuple[TimesheetsPage, WeekGridModel]:
    """As 李晓明, type 25 into Tuesday of GZ-05 with the keyboard, as the grid tests do."""
    page = _timesheets(qtbot, store)
    assert page.week.select_acting("李晓明")
    wait_for(qtbot, lambda: page.week.model.week is not None)
    model = page.week.model
    row = next(
        r
        for r in range(model.rowCount() - 1)
        if model.index(r, WeekGridModel.COL_TASK).data().startswith("GZ-05 ")
    )
    grid: QTableView = page.week.grid
    grid.setFocus()
    grid.setCurrentIndex(model.index(row, WeekGridModel.COL_FIRST_DAY + 1))
    qtbot.keyClick(grid, "2")  # typing a digit opens the cell's editor with that digit
    editor = grid.viewport().findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClicks(editor, "5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    cell = model.index(row, WeekGridModel.COL_FIRST_DAY + 1)
    wait_for(qtbot, lambda: cell.data(WeekGridModel.ErrorRole))
    return page, model


def test_a_refusal_in_the_chinese_window_is_chinese(
    qtbot: QtBot, seed_store: Store, zh_cn: list
) -> None:
    page, model = _type_25_on_tuesday(qtbot, seed_store)
    errors = [
        model.index(r, c).data(WeekGridModel.ErrorRole)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]
    assert TOO_MANY_ZH in errors
    assert page.week.message.text() == TOO_MANY_ZH


def test_a_refusal_in_the_english_window_stays_english(qtbot: QtBot, seed_store: Store) -> None:
    page, _model = _type_25_on_tuesday(qtbot, seed_store)
    assert page.week.message.text() == TOO_MANY


def test_a_refused_approval_in_the_chinese_window_is_chinese(
    qtbot: QtBot, seed_store: Store, shown: list[str], zh_cn: list
) -> None:
    page = _timesheets(qtbot, seed_store)
    assert page.week.select_acting("赵雨桐")
    wait_for(qtbot, lambda: page.week.person.count() > 0)
    page.week.person.setCurrentIndex(page.week.person.findText("李晓明@住建局"))
    wait_for(qtbot, lambda: page.week.model.week is not None)
    page.week._period_action("approve")  # what the (disabled) button would do
    wait_for(qtbot, lambda: shown)
    assert shown == ["赵雨桐（住建局，办事员）不能审批李晓明的工时表：这需要住建局的部门负责人。"]


def test_a_message_box_refusal_is_chinese(
    qapp: QApplication, shown: list[str], zh_cn: list
) -> None:
    """Pages hand the message box feedback.error_message(error); the error hook does too."""
    refusal = NotFoundError("Unknown department '水利局'; check the name in the department list.")
    assert feedback.error_message(refusal) == "未知部门 '水利局'；请在部门列表中核对名称。"
    previous = install_error_hook()
    try:
        try:
            raise refusal
        except NotFoundError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    assert shown == ["未知部门 '水利局'；请在部门列表中核对名称。"]


def test_show_error_translates_what_it_is_given(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, zh_cn: list
) -> None:
    boxes: list[str] = []
    monkeypatch.setattr(
        feedback.QMessageBox, "warning", lambda parent, title, text: boxes.append(text)
    )
    feedback.show_error(None, "A department with this name already exists.")
    feedback.show_error(None, "已经是中文的句子。")
    assert boxes == ["已有同名部门。", "已经是中文的句子。"]


def test_the_english_window_keeps_english(qapp: QApplication, shown: list[str]) -> None:
    message = "A department with this name already exists."
    assert feedback.error_message(message) == message
