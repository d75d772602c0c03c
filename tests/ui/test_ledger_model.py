"""The ledger model (ui/ledger_model.py): a window cache over the store, checked against SQL.

The model is driven as a view drives it: asking for rows (which fetches their window in the
background), sorting by header, filtering. Rows shown must be exactly those of an
`ORDER BY ... id` in SQL, and the model must never hold more than its few windows.
"""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from govperf_desktop.services.admin import Store
from govperf_desktop.services.ledger import LedgerFilter
from govperf_desktop.ui.ledger_model import PLACEHOLDER, LedgerModel

from .seed_store import (  # noqa: F401 - fixtures
    seed_store_fixture,
    seed_template_fixture,
    wait_for,
)

WINDOW = 50
ORDER = {
    LedgerModel.COL_DATE: "work_date, id",
    LedgerModel.COL_PERSON: "person_id, work_date, id",
    LedgerModel.COL_DEPARTMENT: "department_id, work_date, id",
    LedgerModel.COL_TASK: "task_id, work_date, id",
    LedgerModel.COL_HOURS: "hours, id",
}


def _sql(store: Store, query: str, *values: object) -> list[tuple]:
    assert store.path is not None
    with sqlite3.connect(f"file:{store.path}?mode=ro", uri=True) as connection:
        return connection.execute(query, values).fetchall()


@pytest.fixture
def model(qtbot: QtBot, seed_store: Store) -> LedgerModel:
    ledger = LedgerModel(seed_store, window=WINDOW, cached_windows=3)
    with qtbot.waitSignal(ledger.loaded, timeout=10_000):
        ledger.set_filter(LedgerFilter())
    return ledger


def _all_ids(qtbot: QtBot, model: LedgerModel, rows: range) -> list[str]:
    """Read rows as a view scrolling through them would, waiting for each window."""
    ids: list[str] = []
    for row in rows:
        if model.row_at(row) is None:
            assert model.index(row, LedgerModel.COL_DATE).data() == PLACEHOLDER
            wait_for(qtbot, lambda row=row: model.row_at(row) is not None)
        entry = model.index(row, 0).data(LedgerModel.RowRole)
        ids.append(entry.id)
        assert model.cached_rows() <= 3 * WINDOW
    return ids


def test_qtmodeltester(qtbot: QtBot, model: LedgerModel, qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(model)
    wait_for(qtbot, lambda: not model.busy)
    qtmodeltester.check(model)


def test_the_count_and_the_first_window_arrive_together(
    model: LedgerModel, seed_store: Store
) -> None:
    (total,) = _sql(seed_store, "SELECT count(*) FROM timesheet_entries")[0]
    assert model.rowCount() == total
    assert model.cached_rows() == WINDOW
    first = model.index(0, LedgerModel.COL_DATE).data(LedgerModel.RowRole)
    assert (
        first.id
        == _sql(seed_store, "SELECT id FROM timesheet_entries ORDER BY work_date, id")[0][0]
    )
    assert model.index(0, LedgerModel.COL_DATE).data() == first.work_date.isoformat()
    assert model.index(0, LedgerModel.COL_TASK).data() == f"{first.task_code} {first.task_content}"


@pytest.mark.parametrize("column", sorted(ORDER))
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_every_sort_matches_sql(
    qtbot: QtBot, model: LedgerModel, seed_store: Store, column: int, order: Qt.SortOrder
) -> None:
    model.sort(column, order)
    descending = order == Qt.SortOrder.DescendingOrder
    direction = " DESC" if descending else ""
    by = ", ".join(part + direction for part in ORDER[column].split(", "))
    truth = [row[0] for row in _sql(seed_store, f"SELECT id FROM timesheet_entries ORDER BY {by}")]
    assert model.rowCount() == len(truth)  # a new sort keeps the count
    assert _all_ids(qtbot, model, range(len(truth))) == truth
    # Back up again: windows dropped from the cache come back by keyset from their neighbour.
    assert _all_ids(qtbot, model, range(len(truth) - 1, -1, -1)) == truth[::-1]


def test_jumping_to_the_end_reads_the_last_window_directly(
    qtbot: QtBot, model: LedgerModel, seed_store: Store
) -> None:
    truth = [
        r[0] for r in _sql(seed_store, "SELECT id FROM timesheet_entries ORDER BY work_date, id")
    ]
    fetches = model.fetches
    assert _all_ids(qtbot, model, range(len(truth) - 3, len(truth))) == truth[-3:]
    assert model.fetches == fetches + 1  # one window, not every window on the way
    middle = len(truth) // 2
    assert _all_ids(qtbot, model, range(middle, middle + 3)) == truth[middle : middle + 3]
    assert model.fetches == fetches + 2


def test_filter_by_department_counts_and_lists_only_its_entries(
    qtbot: QtBot, model: LedgerModel, seed_store: Store
) -> None:
    department_id, name = _sql(
        seed_store, "SELECT id, name FROM departments WHERE name = '住建局'"
    )[0]
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.set_filter(LedgerFilter(department_id=department_id))
    truth = [
        row[0]
        for row in _sql(
            seed_store,
            "SELECT id FROM timesheet_entries WHERE department_id = ? ORDER BY work_date, id",
            department_id,
        )
    ]
    assert model.rowCount() == len(truth)
    assert _all_ids(qtbot, model, range(len(truth))) == truth
    departments = {model.index(row, LedgerModel.COL_DEPARTMENT).data() for row in range(WINDOW)}
    assert departments == {name}


def test_a_sort_overtaken_by_another_shows_the_last_one(
    qtbot: QtBot, model: LedgerModel, seed_store: Store
) -> None:
    model.sort(LedgerModel.COL_HOURS, Qt.SortOrder.AscendingOrder)
    model.index(0, 0).data()  # asks for a window in the hours order
    model.sort(LedgerModel.COL_PERSON, Qt.SortOrder.DescendingOrder)
    truth = [
        r[0]
        for r in _sql(
            seed_store,
            "SELECT id FROM timesheet_entries ORDER BY person_id DESC, work_date DESC, id DESC",
        )
    ]
    assert _all_ids(qtbot, model, range(WINDOW + 5)) == truth[: WINDOW + 5]


def test_columns_without_an_sql_order_keep_the_current_sort(model: LedgerModel) -> None:
    model.sort(LedgerModel.COL_NOTE, Qt.SortOrder.AscendingOrder)
    assert model.sort_key == ("work_date", False)


def test_a_table_view_over_the_model(qtbot: QtBot, model: LedgerModel) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.resize(800, 400)
    view.show()
    qtbot.waitExposed(view)
    view.scrollToBottom()
    last = model.rowCount() - 1
    wait_for(qtbot, lambda: model.row_at(last) is not None)
    assert model.cached_rows() <= 3 * WINDOW
