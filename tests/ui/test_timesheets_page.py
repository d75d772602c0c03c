"""The timesheets page driven as a user on the seed demo: the week grid by keyboard, copying
last week, submitting and approving, the ledger tab and the import wizard."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWizard
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from govperf_desktop.services.admin import Store
from govperf_desktop.ui import feedback
from govperf_desktop.ui.import_wizard import PAGE_CHECK, PAGE_IMPORT, PAGE_MAPPING, ImportWizard
from govperf_desktop.ui.ledger_model import LedgerModel
from govperf_desktop.ui.pages.timesheets import TAB_LEDGER, TimesheetsPage, create_page
from govperf_desktop.ui.week_grid import ERROR_BACKGROUND, WeekGridModel

from .seed_store import (  # noqa: F401 - fixtures
    SEED_TODAY,
    seed_store_fixture,
    seed_template_fixture,
    wait_for,
)

MONDAY = date(2026, 11, 16)  # the seed's current week: 李晓明 booked GZ-05 Monday to Friday
NEXT_MONDAY = date(2026, 11, 23)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(feedback, "show_error", lambda parent, message: messages.append(message))
    return messages


@pytest.fixture
def page(qtbot: QtBot, seed_store: Store) -> TimesheetsPage:
    widget = create_page(seed_store, None)
    assert isinstance(widget, TimesheetsPage)
    qtbot.addWidget(widget)
    widget.week.load(day=SEED_TODAY)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    wait_for(qtbot, lambda: widget.week.acting.people.rowCount() > 0)
    return widget


def _act_as(qtbot: QtBot, page: TimesheetsPage, label: str, person: str | None = None) -> None:
    assert page.week.select_acting(label)
    if person is not None:
        wait_for(qtbot, lambda: page.week.person.count() > 0)
        people = page.week.person
        people.setCurrentIndex(people.findText(person))
    wait_for(qtbot, lambda: page.week.model.week is not None)


def _row_of(model: WeekGridModel, code: str) -> int:
    for row in range(model.rowCount() - 1):
        if model.index(row, WeekGridModel.COL_TASK).data().startswith(code + " "):
            return row
    raise AssertionError(f"no row for {code}")


def _type_into_cell(qtbot: QtBot, page: TimesheetsPage, row: int, column: int, text: str) -> None:
    """Move to a cell with the arrow keys, type the text, press Enter."""
    grid = page.week.grid
    grid.setFocus()
    grid.setCurrentIndex(page.week.model.index(0, WeekGridModel.COL_FIRST_DAY))
    for _ in range(row):
        qtbot.keyClick(grid, Qt.Key.Key_Down)
    for _ in range(column - WeekGridModel.COL_FIRST_DAY):
        qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert grid.currentIndex().row() == row and grid.currentIndex().column() == column
    qtbot.keyClick(grid, text[0])  # typing a digit opens the cell's editor with that digit
    editor = grid.viewport().findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on its next event-loop turn.
    qtbot.waitUntil(lambda: grid.state() != QAbstractItemView.State.EditingState)


def _digest(store: Store) -> str:
    """The store file's sha256 once the WAL is folded in (a refusal must not change it)."""
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert store.path is not None
    return hashlib.sha256(store.path.read_bytes()).hexdigest()


def _entries(store: Store) -> int:
    assert store.path is not None
    with sqlite3.connect(store.path) as connection:
        return connection.execute("SELECT count(*) FROM timesheet_entries").fetchone()[0]


def test_typing_hours_shows_the_day_total_and_overtime(
    qtbot: QtBot, page: TimesheetsPage, seed_store: Store, qtmodeltester: ModelTester
) -> None:
    _act_as(qtbot, page, "李晓明")
    model = page.week.model
    assert model.week is not None and model.week.week_start == MONDAY
    gz05 = _row_of(model, "GZ-05")
    monday = WeekGridModel.COL_FIRST_DAY
    totals = model.totals_row()
    assert model.index(gz05, monday).data() == "2.5"
    assert model.index(totals, monday).data(WeekGridModel.HoursRole) == 2.5

    # A new row for GZ-06, then 7 hours on Monday: the day has 9.5 h, 1.5 h of it overtime.
    page.week.task_choice.setCurrentIndex(page.week.task_choice.findData(_task_id(page, "GZ-06")))
    qtbot.mouseClick(page.week.add_task, Qt.MouseButton.LeftButton)
    gz06 = _row_of(model, "GZ-06")
    before = _entries(seed_store)
    _type_into_cell(qtbot, page, gz06, monday, "7")
    assert model.index(gz06, monday).data(WeekGridModel.SavingRole)  # saving, off the UI thread
    wait_for(
        qtbot,
        lambda: not model.index(_row_of(model, "GZ-06"), monday).data(WeekGridModel.SavingRole),
    )
    gz06 = _row_of(model, "GZ-06")
    assert _entries(seed_store) == before + 1
    assert model.index(gz06, monday).data(WeekGridModel.HoursRole) == 7.0
    assert model.index(gz06, monday).data(WeekGridModel.OvertimeRole) == 1.5
    totals = model.totals_row()
    assert model.index(totals, monday).data(WeekGridModel.HoursRole) == 9.5
    assert model.index(totals, monday).data(WeekGridModel.OvertimeRole) == 1.5
    # Overtime is visible: a second line in the cell and the totals, and a colour.
    assert model.index(gz06, monday).data().splitlines() == ["7", "overtime 1.5"]
    assert model.index(totals, monday).data().splitlines() == ["9.5", "overtime 1.5"]
    assert model.index(gz06, monday).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(totals, WeekGridModel.COL_TOTAL).data(WeekGridModel.HoursRole) == 14.5 + 7
    qtmodeltester.check(model)


def _task_id(page: TimesheetsPage, code: str) -> str:
    for index in range(page.week.task_choice.count()):
        if page.week.task_choice.itemText(index).startswith(code + " "):
            return page.week.task_choice.itemData(index)
    raise AssertionError(f"{code} is not offered")


def test_typing_25_shows_the_refusal_on_the_cell_and_saves_nothing(
    qtbot: QtBot, page: TimesheetsPage, seed_store: Store
) -> None:
    _act_as(qtbot, page, "李晓明")
    model = page.week.model
    gz05 = _row_of(model, "GZ-05")
    tuesday = WeekGridModel.COL_FIRST_DAY + 1
    before = _digest(seed_store)

    _type_into_cell(qtbot, page, gz05, tuesday, "25")
    wait_for(qtbot, lambda: model.index(gz05, tuesday).data(WeekGridModel.ErrorRole))

    cell = model.index(gz05, tuesday)
    assert cell.data(WeekGridModel.ErrorRole) == (
        "Hours on 2026-11-17 cannot exceed 24 in one day (got 25)."
    )
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == cell.data(WeekGridModel.ErrorRole)
    assert cell.data() == "25"  # what was typed stays, in red
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == QColor(ERROR_BACKGROUND)
    assert cell.data(WeekGridModel.HoursRole) == 3.0  # the stored value did not change
    assert _digest(seed_store) == before

    # Typing a good value clears the refusal.
    _type_into_cell(qtbot, page, gz05, tuesday, "5")
    wait_for(qtbot, lambda: model.index(gz05, tuesday).data(WeekGridModel.HoursRole) == 5.0)
    assert model.index(gz05, tuesday).data(WeekGridModel.ErrorRole) is None


def test_tab_commits_and_moves_to_the_next_day(
    qtbot: QtBot, page: TimesheetsPage, seed_store: Store
) -> None:
    _act_as(qtbot, page, "李晓明")
    model = page.week.model
    gz05 = _row_of(model, "GZ-05")
    tuesday = WeekGridModel.COL_FIRST_DAY + 1
    grid = page.week.grid
    grid.setFocus()
    grid.setCurrentIndex(model.index(gz05, tuesday))
    qtbot.keyClick(grid, "4")
    qtbot.keyClick(grid.viewport().findChild(QLineEdit), Qt.Key.Key_Tab)
    # Tab commits Tuesday and opens Wednesday's cell for typing.
    qtbot.waitUntil(lambda: grid.currentIndex().column() == tuesday + 1)
    qtbot.waitUntil(lambda: grid.state() == QAbstractItemView.State.EditingState)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: model.index(gz05, tuesday + 1).data(WeekGridModel.HoursRole) == 5.0)
    assert model.index(gz05, tuesday).data(WeekGridModel.HoursRole) == 4.0
    assert (
        model.index(model.totals_row(), WeekGridModel.COL_TOTAL).data(WeekGridModel.HoursRole)
        == 14.5 - 3.0 - 3.0 + 4.0 + 5.0
    )


def test_delete_clears_a_cell(qtbot: QtBot, page: TimesheetsPage, seed_store: Store) -> None:
    _act_as(qtbot, page, "李晓明")
    model = page.week.model
    gz05 = _row_of(model, "GZ-05")
    before = _entries(seed_store)
    grid = page.week.grid
    grid.setFocus()
    grid.setCurrentIndex(model.index(gz05, WeekGridModel.COL_FIRST_DAY + 4))
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    wait_for(qtbot, lambda: _entries(seed_store) == before - 1)
    wait_for(qtbot, lambda: model.index(gz05, WeekGridModel.COL_FIRST_DAY + 4).data() == "")


def test_copy_last_week_fills_an_empty_week(
    qtbot: QtBot, page: TimesheetsPage, seed_store: Store
) -> None:
    _act_as(qtbot, page, "李晓明")
    qtbot.mouseClick(page.week.next_week, Qt.MouseButton.LeftButton)
    model = page.week.model
    wait_for(qtbot, lambda: model.week is not None and model.week.week_start == NEXT_MONDAY)
    assert model.rowCount() == 1  # only the totals row: nothing booked yet

    qtbot.mouseClick(page.week.copy_week, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: model.rowCount() == 2)
    gz05 = _row_of(model, "GZ-05")
    hours = [
        model.index(gz05, WeekGridModel.COL_FIRST_DAY + day).data(WeekGridModel.HoursRole)
        for day in range(7)
    ]
    assert hours == [2.5, 3.0, 3.0, 2.0, 4.0, 0.0, 0.0]
    assert page.week.message.text() == "Copied 5 entries from last week."


def test_submit_then_a_head_approves_and_reopens(
    qtbot: QtBot, page: TimesheetsPage, shown: list[str]
) -> None:
    _act_as(qtbot, page, "李晓明")
    week = page.week
    assert week.submit_week.isEnabled() and not week.approve_week.isEnabled()
    qtbot.mouseClick(week.submit_week, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: week.model.week is not None and "submitted" in week.model.week.status)
    assert not week.model.flags(week.model.index(0, WeekGridModel.COL_FIRST_DAY)) & (
        Qt.ItemFlag.ItemIsEditable
    )

    _act_as(qtbot, page, "王建国", person="李晓明@住建局")
    assert week.shown_person().name == "李晓明"
    assert week.approve_week.isEnabled() and not week.submit_week.isEnabled()
    qtbot.mouseClick(week.approve_week, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: set(week.model.week.status) == {"locked"})
    assert "approved and locked" in week.status_label.text()
    qtbot.mouseClick(week.reopen_week, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: set(week.model.week.status) == {"draft"})
    assert week.message.text() == "The week was reopened."
    assert shown == []


def test_a_clerk_cannot_approve_a_colleague(
    qtbot: QtBot, page: TimesheetsPage, shown: list[str]
) -> None:
    _act_as(qtbot, page, "赵雨桐", person="李晓明@住建局")
    assert not page.week.approve_week.isEnabled()
    page.week._period_action("approve")  # what the button would do if it were enabled
    wait_for(qtbot, lambda: shown)
    assert shown == [
        "赵雨桐 (clerk, 住建局) may not approve 李晓明's timesheet: that needs a department "
        "head of 住建局."
    ]


def test_the_ledger_tab_counts_and_sorts_by_hours(
    qtbot: QtBot, page: TimesheetsPage, seed_store: Store
) -> None:
    page.tabs.setCurrentIndex(TAB_LEDGER)
    ledger = page.ledger
    wait_for(qtbot, lambda: ledger.model.total > 0 and ledger.count_label.text() != "Counting…")
    assert ledger.count_label.text() == f"{QLocale().toString(ledger.model.total)} entries"
    header = ledger.table.horizontalHeader()
    x = header.sectionViewportPosition(LedgerModel.COL_HOURS) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert ledger.model.sort_key == ("hours", False)
    wait_for(qtbot, lambda: ledger.model.row_at(0) is not None)
    first = ledger.model.row_at(0)
    assert seed_store.path is not None
    with sqlite3.connect(seed_store.path) as connection:
        smallest = connection.execute(
            "SELECT id FROM timesheet_entries ORDER BY hours, id LIMIT 1"
        ).fetchone()[0]
    assert first is not None and first.id == smallest


def _bad_csv(path: Path) -> Path:
    path.write_text(
        "姓名,部门,任务编号,指标,日期,工时\n"
        "李晓明,住建局,GZ-06,老旧小区改造项目推进率,2026-11-23,3\n"
        "李晓明,住建局,GZ-06,老旧小区改造项目推进率,2026-11-24,25\n"
        "无此人,住建局,GZ-06,老旧小区改造项目推进率,2026-11-24,2\n"
        "李晓明,住建局,GZ-06,老旧小区改造项目推进率,2026-13-01,2\n",
        encoding="utf-8",
    )
    return path


def _open_wizard(qtbot: QtBot, page: TimesheetsPage, file: Path) -> ImportWizard:
    _act_as(qtbot, page, "王建国")
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wizard = page.wizard
    assert wizard is not None
    qtbot.addWidget(wizard)
    wizard.file_page.path.setText(str(file))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: wizard.currentId() == PAGE_MAPPING)
    return wizard


def test_import_wizard_dry_run_lists_every_bad_row(
    qtbot: QtBot,
    page: TimesheetsPage,
    seed_store: Store,
    tmp_path: Path,
    qtmodeltester: ModelTester,
) -> None:
    wizard = _open_wizard(qtbot, page, _bad_csv(tmp_path / "hours.csv"))
    chosen = wizard.mapping_page.chosen()
    assert chosen["person"] == "姓名" and chosen["hours"] == "工时" and chosen["task"] == "任务编号"
    assert chosen["overtime"] == ""
    before = _entries(seed_store)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PAGE_CHECK
    wait_for(qtbot, lambda: wizard.check_page.bad_rows.rowCount() > 0)

    bad = wizard.check_page.bad_rows.rows()
    assert [row.line for row in bad] == [3, 4, 5]
    assert "cannot exceed 24" in bad[0].reason
    assert "unknown person '无此人'" in bad[1].reason
    assert "2026-13-01" in bad[2].reason
    assert wizard.check_page.summary.text().startswith("3 of 4 rows are bad")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert _entries(seed_store) == before
    qtmodeltester.check(wizard.check_page.bad_rows)


def test_import_wizard_imports_a_good_file(
    qtbot: QtBot, page: TimesheetsPage, seed_store: Store, tmp_path: Path
) -> None:
    file = tmp_path / "good.csv"
    file.write_text(
        "考勤表\n姓名,部门,任务,指标,工作日期,小时数\n"
        "李晓明,住建局,GZ-06,老旧小区改造项目推进率,2026-11-23,3\n"
        "赵雨桐,住建局,GZ-06,老旧小区改造项目推进率,2026-11-23,4\n",
        encoding="utf-8",
    )
    wizard = _open_wizard(qtbot, page, file)
    mapping = wizard.mapping_page
    assert mapping.chosen()["hours"] == ""  # '小时数' is not a header the import knows
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    mapping.choices["hours"].setCurrentIndex(mapping.choices["hours"].findText("小时数"))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    before = _entries(seed_store)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: wizard.check_page.isComplete())
    assert (
        wizard.check_page.summary.text()
        == "All 2 rows are good (7 hours). Continue to import them."
    )
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PAGE_IMPORT
    wait_for(qtbot, lambda: wizard.import_page.isComplete())
    assert wizard.import_page.summary.text() == "Imported 2 entries (7 hours)."
    assert _entries(seed_store) == before + 2
    QApplication.processEvents()
