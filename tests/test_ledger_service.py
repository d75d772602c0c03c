"""The ledger service (services/ledger.py, store/ledger_queries.py) against SQL truth.

Every sort, both directions and several filters: walking the ledger forward by keyset,
backward from the end, and seeking positions must give exactly the rows (and the order) a
plain `ORDER BY ... id` gives. The query plans are checked too: on this schema without
statistics SQLite plans the same for 500 rows as for 2.5 million, so a plan that scans the
table here would scan it at the central office.
"""

from __future__ import annotations

import random
import re
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event

from govperf_desktop.domain.errors import NotFoundError, ValidationError
from govperf_desktop.services import ledger
from govperf_desktop.services.admin import init_installation, open_installation
from govperf_desktop.services.demo.seed import build_seed_demo
from govperf_desktop.services.ledger import LedgerFilter
from govperf_desktop.store.store import Store

ORDER = {
    "work_date": "work_date, id",
    "department": "department_id, work_date, id",
    "person": "person_id, work_date, id",
    "task": "task_id, work_date, id",
    "hours": "hours, id",
}


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("ledger") / "data"
    init_installation(directory, node_name="考核办", role="central")
    store = open_installation(directory)
    try:
        build_seed_demo(store, today=date(2026, 11, 20))
    finally:
        store.close()
    return directory


@pytest.fixture
def seed(seed_dir: Path, tmp_path: Path) -> Iterator[Store]:
    directory = tmp_path / "copy"
    shutil.copytree(seed_dir, directory)
    store = open_installation(directory)
    yield store
    store.close()


def _sql(store: Store) -> sqlite3.Connection:
    assert store.path is not None
    return sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)


def _where(wanted: LedgerFilter) -> tuple[str, list[object]]:
    clauses, values = ["1=1"], []
    for column, value in (
        ("department_id", wanted.department_id),
        ("person_id", wanted.person_id),
        ("task_id", wanted.task_id),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            values.append(value)
    if wanted.date_from is not None:
        clauses.append("work_date >= ?")
        values.append(wanted.date_from.isoformat())
    if wanted.date_to is not None:
        clauses.append("work_date <= ?")
        values.append(wanted.date_to.isoformat())
    return " AND ".join(clauses), values


def _truth(store: Store, wanted: LedgerFilter, sort: str, descending: bool) -> list[str]:
    where, values = _where(wanted)
    direction = " DESC" if descending else ""
    order = ", ".join(column + direction for column in ORDER[sort].split(", "))
    with _sql(store) as connection:
        return [
            row[0]
            for row in connection.execute(
                f"SELECT id FROM timesheet_entries WHERE {where} ORDER BY {order}", values
            )
        ]


def _filters(store: Store) -> list[LedgerFilter]:
    with _sql(store) as connection:
        department, person, task = connection.execute(
            "SELECT department_id, person_id, task_id FROM timesheet_entries "
            "GROUP BY person_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    return [
        LedgerFilter(),
        LedgerFilter(department_id=department),
        LedgerFilter(person_id=person),
        LedgerFilter(task_id=task, date_from=date(2026, 10, 1)),
        LedgerFilter(date_from=date(2026, 9, 1), date_to=date(2026, 10, 15)),
        LedgerFilter(department_id=department, date_to=date(2026, 10, 31)),
    ]


@pytest.mark.parametrize("sort", ledger.SORTS)
@pytest.mark.parametrize("descending", [False, True])
def test_windows_follow_the_sql_order(seed: Store, sort: str, descending: bool) -> None:
    randomness = random.Random(7)
    for wanted in _filters(seed):
        truth = _truth(seed, wanted, sort, descending)
        assert ledger.count_entries(seed, wanted) == len(truth)
        options = {"sort": sort, "descending": descending, "limit": 37}

        forward: list[str] = []
        window = ledger.entries_after(seed, wanted, **options)
        while window:
            forward += [row.id for row in window]
            window = ledger.entries_after(seed, wanted, after=window[-1], **options)
        assert forward == truth, wanted

        backward: list[str] = []
        window = ledger.entries_before(seed, wanted, **options)
        while window:
            backward = [row.id for row in window] + backward
            window = ledger.entries_before(seed, wanted, before=window[0], **options)
        assert backward == truth, wanted

        positions = [0, len(truth) - 1, len(truth) // 2]
        positions += randomness.sample(range(len(truth)), min(8, len(truth)))
        for position in positions:
            rows = ledger.entries_at(seed, wanted, position=position, total=len(truth), **options)
            assert [row.id for row in rows] == truth[position : position + 37], (wanted, position)


def test_rows_carry_names_for_display(seed: Store) -> None:
    rows = ledger.entries_after(seed, LedgerFilter(), sort="hours", descending=True, limit=5)
    with _sql(seed) as connection:
        expected = connection.execute(
            "SELECT e.id, p.name, d.name, t.code, i.name, e.hours FROM timesheet_entries e "
            "JOIN people p ON p.id = e.person_id JOIN departments d ON d.id = e.department_id "
            "JOIN tasks t ON t.id = e.task_id JOIN indicators i ON i.id = t.indicator_id "
            "ORDER BY e.hours DESC, e.id DESC LIMIT 5"
        ).fetchall()
    assert [(r.id, r.person, r.department, r.task_code, r.indicator, r.hours) for r in rows] == [
        tuple(row) for row in expected
    ]


def test_filter_by_names(seed: Store) -> None:
    wanted = ledger.ledger_filter(
        seed, department="住建局", person="李晓明@住建局", date_from=date(2026, 11, 16)
    )
    rows = ledger.entries_after(seed, wanted, sort="work_date")
    assert {row.person for row in rows} == {"李晓明"}
    assert rows[0].work_date == date(2026, 11, 16)
    assert ledger.count_entries(seed, wanted) == len(rows) == 5


def test_refusals_name_what_is_wrong(seed: Store) -> None:
    with pytest.raises(NotFoundError, match="Unknown department '不存在局'"):
        ledger.ledger_filter(seed, department="不存在局")
    with pytest.raises(ValidationError, match="The date range is empty: it starts 2026-11-02"):
        ledger.ledger_filter(seed, date_from=date(2026, 11, 2), date_to=date(2026, 11, 1))
    with pytest.raises(ValidationError, match="cannot be sorted by 'note'"):
        ledger.entries_after(seed, LedgerFilter(), sort="note")
    with pytest.raises(ValidationError, match="A window holds 1 to 2000 rows"):
        ledger.entries_after(seed, LedgerFilter(), limit=0)
    assert ledger.entries_at(seed, LedgerFilter(), position=10_000, total=10) == ()


class _Plans:
    """EXPLAIN QUERY PLAN of every statement the ledger runs on timesheet_entries."""

    def __init__(self, store: Store) -> None:
        self.plans: list[tuple[str, list[str]]] = []
        self._store = store
        event.listen(store.engine, "before_cursor_execute", self._explain)

    def _explain(self, connection, cursor, statement, parameters, context, many):  # type: ignore[no-untyped-def]
        if "timesheet_entries" not in statement or statement.startswith("EXPLAIN"):
            return
        rows = cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, parameters)
        self.plans.append((statement, [row[3] for row in rows]))

    def close(self) -> None:
        event.remove(self._store.engine, "before_cursor_execute", self._explain)


FULL_SCAN = re.compile(r"^SCAN timesheet_entries$")
FULL_SORT = "USE TEMP B-TREE FOR ORDER BY"


@pytest.mark.parametrize("sort", ["work_date", "department", "person", "task"])
def test_indexed_sorts_never_scan_the_table(seed: Store, sort: str) -> None:
    plans = _Plans(seed)
    try:
        for wanted in _filters(seed):
            total = ledger.count_entries(seed, wanted)
            first = ledger.entries_after(seed, wanted, sort=sort, limit=20)
            ledger.entries_after(seed, wanted, sort=sort, after=first[-1], limit=20)
            last = ledger.entries_before(seed, wanted, sort=sort, limit=20)
            ledger.entries_before(seed, wanted, sort=sort, before=last[0], limit=20)
            ledger.entries_at(seed, wanted, sort=sort, position=total // 2, total=total)
    finally:
        plans.close()
    for statement, plan in plans.plans:
        assert not any(FULL_SCAN.match(step) for step in plan), (statement, plan)
        if "ORDER BY" in statement and "LIMIT" in statement and "work_date =" not in statement:
            narrowed = " = ?" in statement.split("ORDER BY")[0].replace("work_date = ?", "")
            # Sorting all the rows is allowed only under a department/person/task filter.
            assert narrowed or FULL_SORT not in plan, (statement, plan)


def test_sorting_by_hours_reads_the_hours_index(seed: Store) -> None:
    """Migration 0005's index on (hours, id): without a filter the hours order is paged
    through it in both directions (no scan, no sort of every row); under a filter the
    filter's rows are read by their index and sorted, never the whole table."""
    plans = _Plans(seed)
    try:
        everything = LedgerFilter()
        total = ledger.count_entries(seed, everything)
        first = ledger.entries_after(seed, everything, sort="hours", limit=20)
        ledger.entries_after(seed, everything, sort="hours", after=first[-1], limit=20)
        last = ledger.entries_before(seed, everything, sort="hours", limit=20)
        ledger.entries_before(seed, everything, sort="hours", before=last[0], limit=20)
        ledger.entries_at(seed, everything, sort="hours", position=total // 2, total=total)
        unfiltered = list(plans.plans)
        for wanted in _filters(seed)[1:]:
            count = ledger.count_entries(seed, wanted)
            ledger.entries_after(seed, wanted, sort="hours", limit=20)
            ledger.entries_before(seed, wanted, sort="hours", limit=20)
            ledger.entries_at(seed, wanted, sort="hours", position=count // 2, total=count)
    finally:
        plans.close()
    windows = [(s, plan) for s, plan in unfiltered if "ORDER BY" in s and "LIMIT" in s]
    assert windows
    for statement, plan in windows:
        assert FULL_SORT not in plan, (statement, plan)
        assert any("ix_timesheet_entries_hours_id" in step for step in plan), (statement, plan)
    for statement, plan in plans.plans:
        assert not any(FULL_SCAN.match(step) for step in plan), (statement, plan)
