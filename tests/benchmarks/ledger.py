"""The `ledger_model` benchmark case: the timesheet ledger's Qt model on the province store.

One run, offscreen Qt, a QTableView over `ui/ledger_model.LedgerModel`, each step timed from
the user's action to the rows being there:

    open        set the (empty) filter: SQL count + the first window, sorted by date
    end         scroll to the last row: the last window, read by keyset from the end
    hours       click the hours header: the first window sorted by hours
    department  filter by one department: its count + its first window (hours order)

The baseline fetches the same windows with raw sqlite3 and the same SQL strategy (count(*),
one index seek per department for a day, ORDER BY ... LIMIT), names joined in, so the ratio
is what the model, the services and the background thread add. Per-step medians over the
runs so far are reported as extra figures.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from govperf_desktop.paths import store_path

STEPS = ("open", "end", "hours", "department")
TIMEOUT_S = 120.0
_figures: dict[str, list[float]] = {step: [] for step in STEPS}
_app: Any = None


def _department(data_dir: Path) -> str:
    connection = sqlite3.connect(f"file:{store_path(data_dir)}?mode=ro", uri=True)
    try:
        count = connection.execute("SELECT count(*) FROM departments").fetchone()[0]
        return connection.execute(
            "SELECT id FROM departments ORDER BY id LIMIT 1 OFFSET ?", (count // 2,)
        ).fetchone()[0]
    finally:
        connection.close()


def _report(times: dict[str, float]) -> dict[str, str]:
    for step, seconds in times.items():
        _figures[step].append(seconds)
    return {
        f"{step} median ms": f"{statistics.median(values) * 1000:.1f}"
        for step, values in _figures.items()
        if values
    }


def run(context: dict, _state: Any, _attempt: int) -> dict:
    """The model on a view: open, scroll to the end, sort by hours, filter by department."""
    global _app
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

    from govperf_desktop.services.admin import open_installation
    from govperf_desktop.services.ledger import LedgerFilter
    from govperf_desktop.ui.ledger_model import LedgerModel

    _app = QApplication.instance() or QApplication(["bench", "-platform", "offscreen"])
    data_dir = Path(context["data_dir"])
    department = _department(data_dir)
    store = open_installation(data_dir)
    model = LedgerModel(store)
    view = QTableView()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.setModel(model)
    view.resize(1000, 700)
    view.show()

    def until(condition: Callable[[], bool]) -> float:
        """Run the event loop until `condition` holds (polled every 2 ms by a timer).

        One QEventLoop.exec() per step rather than a processEvents() loop: PySide6 6.12 on
        CPython 3.11 drops a reference to None on every void call, and thousands of
        processEvents() calls end the process ('none_dealloc')."""
        started = time.perf_counter()
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(2)

        def check() -> None:
            if condition() or time.perf_counter() - started > TIMEOUT_S:
                loop.quit()

        timer.timeout.connect(check)
        timer.start()
        if not condition():
            loop.exec()
        timer.stop()
        if not condition():
            raise TimeoutError("the ledger model did not answer")
        return time.perf_counter() - started

    times: dict[str, float] = {}
    try:
        started = time.perf_counter()
        model.set_filter(LedgerFilter())
        until(lambda: model.total > 0 and model.row_at(0) is not None)
        times["open"] = time.perf_counter() - started

        started = time.perf_counter()
        view.scrollToBottom()
        last = model.total - 1
        until(lambda: model.row_at(last) is not None)
        times["end"] = time.perf_counter() - started

        started = time.perf_counter()
        view.horizontalHeader().setSortIndicator(LedgerModel.COL_HOURS, Qt.SortOrder.AscendingOrder)
        model.sort(LedgerModel.COL_HOURS, Qt.SortOrder.AscendingOrder)
        view.scrollToTop()
        until(lambda: model.row_at(0) is not None and not model.busy)
        times["hours"] = time.perf_counter() - started

        started = time.perf_counter()
        model.set_filter(LedgerFilter(department_id=department))
        until(lambda: model.row_at(0) is not None and not model.busy)
        times["department"] = time.perf_counter() - started
        rows = model.total
    finally:
        view.close()
        view.deleteLater()
        model.deleteLater()
        _app.processEvents()
        store.close()
    return {**_report(times), "department rows": str(rows)}


_COLUMNS = "id, work_date, person_id, department_id, task_id, hours, overtime, note"
_DAY_EDGE = """
SELECT {edge}((SELECT {edge}(work_date) FROM timesheet_entries e WHERE e.department_id = d.id))
FROM departments d
"""
_DAY_WINDOW = (
    f"SELECT {_COLUMNS} FROM timesheet_entries "
    "WHERE department_id IN (SELECT id FROM departments) AND work_date = ? "
    "ORDER BY id {direction} LIMIT 200"
)


def _with_names(connection: sqlite3.Connection, window: str, values: tuple = ()) -> list:
    """A window of rows, then the names it shows (people, departments, tasks)."""
    rows = connection.execute(window, values).fetchall()
    for query, column in (
        ("SELECT id, name FROM people WHERE id IN ({})", 2),
        ("SELECT id, name FROM departments WHERE id IN ({})", 3),
        (
            "SELECT t.id, t.code, t.content, i.name FROM tasks t "
            "JOIN indicators i ON i.id = t.indicator_id WHERE t.id IN ({})",
            4,
        ),
    ):
        ids = sorted({row[column] for row in rows})
        connection.execute(query.format(",".join("?" * len(ids))), ids).fetchall()
    return rows


def baseline(context: dict, _state: Any, _attempt: int) -> dict:
    """The same four windows (and counts) with raw sqlite3."""
    data_dir = Path(context["data_dir"])
    department = _department(data_dir)
    connection = sqlite3.connect(f"file:{store_path(data_dir)}?mode=ro", uri=True)
    times: dict[str, float] = {}
    try:
        started = time.perf_counter()
        connection.execute("SELECT count(*) FROM timesheet_entries").fetchone()
        first_day = connection.execute(_DAY_EDGE.format(edge="min")).fetchone()[0]
        _with_names(connection, _DAY_WINDOW.format(direction=""), (first_day,))
        times["open"] = time.perf_counter() - started

        started = time.perf_counter()
        last_day = connection.execute(_DAY_EDGE.format(edge="max")).fetchone()[0]
        _with_names(connection, _DAY_WINDOW.format(direction="DESC"), (last_day,))
        times["end"] = time.perf_counter() - started

        started = time.perf_counter()
        window = f"SELECT {_COLUMNS} FROM timesheet_entries ORDER BY hours, id LIMIT 200"
        _with_names(connection, window)
        times["hours"] = time.perf_counter() - started

        started = time.perf_counter()
        connection.execute(
            "SELECT count(*) FROM timesheet_entries WHERE department_id = ?", (department,)
        ).fetchone()
        window = (
            f"SELECT {_COLUMNS} FROM timesheet_entries WHERE department_id = ? "
            "ORDER BY hours, id LIMIT 200"
        )
        _with_names(connection, window, (department,))
        times["department"] = time.perf_counter() - started
    finally:
        connection.close()
    return _report(times)
