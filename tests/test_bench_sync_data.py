"""The sync benchmark's bulk capture writes exactly what the ordinary change capture writes.

`tests.benchmarks.sync_data.capture_inserts` builds the benchmark's million ops without the
ORM; these tests add the same timesheet entries to two copies of one office, once through
`Store.write()` and once through the bulk path (given the capture's op ids, the only random
part), and compare every row of `changes` and `timesheet_entries` value for value and type for
type. The bulk-built ops then export and import at the centre like any others.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from govperf_desktop.paths import store_path
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import Person, TimesheetEntry
from tests.benchmarks.sync_data import capture_inserts, entry_rows

sys.path.insert(0, str(Path(__file__).parent))
from sync_office import CLERKS, Office, build_office, close_and_copy


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Office:
    office = build_office(tmp_path_factory.mktemp("office") / "o", departments=("民政局",))
    office.close()
    return office


@pytest.fixture
def offices(template: Office, tmp_path: Path) -> Iterator[tuple[Office, Office]]:
    ordinary = close_and_copy(template, tmp_path / "ordinary")
    bulk = close_and_copy(template, tmp_path / "bulk")
    yield ordinary, bulk
    ordinary.close()
    bulk.close()


def _rows(folder: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(f"file:{store_path(folder)}?mode=ro", uri=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _typed(folder: Path, table: str, order: str) -> list[tuple]:
    """Every column of every row as (typeof, quote): the stored bytes, type included."""
    connection = sqlite3.connect(f"file:{store_path(folder)}?mode=ro", uri=True)
    try:
        columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
        parts = ", ".join(f"typeof({c}), quote({c})" for c in ["rowid", *columns])
        return connection.execute(f"SELECT {parts} FROM {table} ORDER BY {order}").fetchall()
    finally:
        connection.close()


def _clerk(office: Office) -> Person:
    with office.departments["民政局"].store.read() as session:
        return session.query(Person).filter_by(name=CLERKS["民政局"]).one()


def test_bulk_capture_writes_the_ops_the_capture_writes(offices: tuple[Office, Office]) -> None:
    ordinary, bulk = offices
    clerk = _clerk(ordinary)
    task = ordinary.task_ids["MZ-1"]
    moment = ordinary.clock.replace(tzinfo=None)
    batches = [
        entry_rows(clerk, task, moment, 0, 5, new_id),
        entry_rows(clerk, task, moment, 5, 3, new_id),
    ]
    site = ordinary.departments["民政局"]
    for minutes, batch in zip((0, 7), batches, strict=True):
        ordinary.tick(minutes)
        with site.store.write() as session:
            for row in batch:
                session.add(TimesheetEntry(**row))
    node = site.node_id
    ids = [
        row[0]
        for row in _rows(
            site.folder,
            f"SELECT id FROM changes WHERE node_id = '{node}' ORDER BY seq DESC LIMIT 8",
        )
    ][::-1]
    given = iter(ids)
    target = bulk.departments["民政局"]
    for minutes, batch in zip((0, 7), batches, strict=True):
        bulk.tick(minutes)
        written = capture_inserts(
            target.store, TimesheetEntry, batch, actor_id=None, change_id=lambda _ms: next(given)
        )
        assert written == len(batch)

    for table, order in (("changes", "node_id, seq"), ("timesheet_entries", "rowid")):
        expected = _typed(site.folder, table, order)
        assert _typed(target.folder, table, order) == expected
    assert len(_rows(target.folder, "SELECT * FROM timesheet_entries")) == 8


def test_bulk_ops_export_and_import_at_the_centre(offices: tuple[Office, Office]) -> None:
    _ordinary, bulk = offices
    site = bulk.departments["民政局"]
    moment = bulk.clock.replace(tzinfo=None)
    rows = entry_rows(_clerk(bulk), bulk.task_ids["MZ-1"], moment, 0, 40, new_id)
    capture_inserts(site.store, TimesheetEntry, rows[:25], actor_id=None)
    bulk.tick()
    capture_inserts(site.store, TimesheetEntry, rows[25:], actor_id=None)

    [result] = bulk.receive(bulk.central, bulk.send(site))

    assert result.outcome == "imported", result.reason
    assert result.applied >= 40
    entries = "SELECT id, hours, note FROM timesheet_entries ORDER BY id"
    assert _rows(bulk.central.folder, entries) == _rows(site.folder, entries)
