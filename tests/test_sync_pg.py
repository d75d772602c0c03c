"""Bundle import and export with the central office's store on PostgreSQL: the same guarantees
as on SQLite (verify first, one transaction, idempotent, order-independent), convergence with
the departments' SQLite stores (the same content hash), refusals that leave the database as
it was, and two importers running at once.

The office of tests/sync_office.py with its centre on a PostgreSQL database; built once per
module and copied per test (CREATE DATABASE ... TEMPLATE). Every test needs
GOVPERF_TEST_PG_URL (set by ./run.sh test) and skips without it.
"""

from __future__ import annotations

import shutil
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import drop_pg_database, new_pg_database, pg_database_url
from sqlalchemy import func, select, text
from sync_office import (
    CLERKS,
    PASS,
    Office,
    add_central_task,
    build_office,
    forge_police_entry,
    open_sited,
    snapshot,
)

from govperf_desktop.domain.errors import StoreError
from govperf_desktop.services.central_sync import central_sync
from govperf_desktop.services.sync import export_bundles, import_bundles
from govperf_desktop.services.sync_status import conflicts, content_hash, quarantined
from govperf_desktop.services.timesheets import add_entry, edit_entry
from govperf_desktop.store.models import Change, Task, TimesheetEntry


@pytest.fixture(scope="module")
def base_office(pg_template, tmp_path_factory):  # type: ignore[no-untyped-def]
    name = new_pg_database()
    office = build_office(
        tmp_path_factory.mktemp("pg-office") / "base",
        departments=("民政局", "公安局"),
        central_url=pg_database_url(name),
    )
    office.close()
    yield office, name
    drop_pg_database(name)


def _copy(base: tuple[Office, str], target: Path) -> tuple[Office, str]:
    """A fresh replica set: the folders copied, the centre's database copied from the base."""
    office, template = base
    name = new_pg_database(template)
    shutil.copytree(office.root, target)
    copy = Office(target, office.central, task_ids=dict(office.task_ids), clock=office.clock)
    copy.central = _open(office.central, copy, pg_database_url(name))
    copy.departments = {key: _open(site, copy, None) for key, site in office.departments.items()}
    return copy, name


def _open(site, office: Office, url: str | None):  # type: ignore[no-untyped-def]
    folder = office.root / site.folder.name
    store = open_sited(folder, url, clock=lambda: office.clock)
    return replace(site, folder=folder, store=store)


@pytest.fixture
def office(base_office, tmp_path: Path):  # type: ignore[no-untyped-def]
    copy, name = _copy(base_office, tmp_path / "copy")
    yield copy
    copy.close()
    drop_pg_database(name)


def _entry(office: Office, department: str, note: str = "整理清单", day: int = 3):  # type: ignore[no-untyped-def]
    code = {"民政局": "MZ-1", "公安局": "GA-1"}[department]
    return add_entry(
        office.departments[department].store,
        person=CLERKS[department],
        task_id=office.task_ids[code],
        work_date=date(2026, 11, day),
        hours=3,
        note=note,
        now=office.tick(),
    )


def _entries(site) -> set[str]:  # type: ignore[no-untyped-def]
    with site.store.read() as session:
        return set(session.scalars(select(TimesheetEntry.id)))


def test_the_centre_on_postgresql_converges_with_the_departments_on_sqlite(office: Office) -> None:
    assert office.central.store.engine.dialect.name == "postgresql"
    mz, ga = office.departments["民政局"], office.departments["公安局"]
    entry = _entry(office, "民政局", "初稿")
    other = _entry(office, "公安局")
    office.round_trip()
    assert {entry.id, other.id} <= _entries(office.central) and entry.id in _entries(ga)
    # a concurrent edit of one field: resolved and listed the same on both dialects
    edit_entry(mz.store, entry.id, actor=CLERKS["民政局"], note="部门的修改", now=office.tick())
    office.tick(60 * 24 * 60)
    with office.central.store.write() as session:
        session.get(TimesheetEntry, entry.id).note = "考核办的修改"
    office.round_trip()
    office.round_trip()
    assert len(office.hashes()) == 1  # the PostgreSQL centre hashes like the SQLite offices
    for site in (office.central, mz):
        with site.store.read() as session:
            assert session.get(TimesheetEntry, entry.id).note == "考核办的修改"
        assert [(c.field, c.winner_value, c.loser_value) for c in conflicts(site.store)] == [
            ("note", "考核办的修改", "部门的修改")
        ]


def test_importing_twice_on_postgresql_changes_nothing(office: Office) -> None:
    mz = office.departments["民政局"]
    _entry(office, "民政局")
    bundle = office.send(mz)[0]
    [first] = office.receive(office.central, [bundle])
    assert first.outcome == "imported" and first.applied >= 1
    before = snapshot(office.central.store)
    [again] = office.receive(office.central, [bundle])
    assert again.outcome == "already imported"
    assert snapshot(office.central.store) == before
    # the same ops in a new bundle (another bundle id): every op is a duplicate
    [resent] = export_bundles(
        mz.store, office.root / "again", passphrase=PASS, now=office.tick(), since={}
    )
    [third] = office.receive(office.central, [Path(resent.path)])
    assert (third.outcome, third.applied) == ("imported", 0) and third.duplicates >= 1
    assert snapshot(office.central.store)[2] == before[2]


def test_bundles_in_reverse_order_are_held_back_then_applied(office: Office) -> None:
    mz = office.departments["民政局"]
    first = _entry(office, "民政局", "第一")
    early = office.send(mz, office.central, folder=office.root / "early")[0]
    with mz.store.read() as session:
        held = session.scalar(select(func.max(Change.seq)).where(Change.node_id == mz.node_id))
    _entry(office, "民政局", "第二")
    edit_entry(mz.store, first.id, actor=CLERKS["民政局"], note="改过", now=office.tick())
    [late] = export_bundles(
        mz.store, office.root / "late", passphrase=PASS, now=office.tick(), since={mz.node_id: held}
    )
    [waiting] = office.receive(office.central, [Path(late.path)])
    assert waiting.outcome == "imported" and waiting.held_back >= 2 and waiting.applied == 0
    assert first.id not in _entries(office.central)
    [filled] = office.receive(office.central, [early])
    assert filled.released >= 2
    assert content_hash(office.central.store) == content_hash(mz.store)
    with office.central.store.read() as session:
        assert session.get(TimesheetEntry, first.id).note == "改过"


def test_refused_bundles_leave_the_postgresql_store_as_it_was(office: Office) -> None:
    mz = office.departments["民政局"]
    _entry(office, "民政局")
    bundle = office.send(mz)[0]
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = bundle.with_name(f"tampered-{bundle.name}")
    tampered.write_bytes(bytes(data))
    before = snapshot(office.central.store)
    [result] = office.receive(office.central, [tampered])
    assert result.outcome == "rejected" and snapshot(office.central.store) == before
    # refused while applying (authorisation), after rows were written in the transaction
    forge_police_entry(office, mz)  # bypassing the services, as a tampered program would
    [refused] = office.receive(office.central, office.send(mz))
    assert refused.outcome == "rejected"
    assert "wrote a timesheet entry of another department" in refused.reason
    assert snapshot(office.central.store) == before
    assert len(quarantined(office.central.store)) == 2


def test_a_delete_at_the_centre_wins_over_a_concurrent_entry_on_postgresql(
    office: Office,
) -> None:
    mz = office.departments["民政局"]
    task_id = add_central_task(office)
    office.round_trip()
    entry = add_entry(
        mz.store,
        person=CLERKS["民政局"],
        task_id=task_id,
        work_date=date(2026, 11, 3),
        hours=2,
        now=office.tick(),
    )
    with office.central.store.write() as session:
        session.delete(session.get(Task, task_id))
    office.tick()
    [first] = office.receive(office.central, office.send(mz))  # its parent is gone there
    assert first.outcome == "imported" and entry.id not in _entries(office.central)
    office.round_trip()
    office.round_trip()
    assert len(office.hashes()) == 1 and entry.id not in _entries(mz)
    for site in (office.central, mz):
        [listed] = [c for c in conflicts(site.store) if c.field == "(row)"]
        assert listed.winner_value == {"parent": f"tasks/{task_id}"}
        assert listed.loser_value["hours"] == 2 and listed.loser_value["created_at"][4] == "-"


def test_importers_at_once_give_what_one_after_the_other_gives(
    base_office, office: Office, tmp_path: Path
) -> None:
    bundles = []
    for department in ("民政局", "公安局"):
        for day in (3, 4, 5):
            _entry(office, department, f"第{day}天", day)
        bundles.append(office.send(office.departments[department], office.central)[0])
    url = office.central.store.engine.url.render_as_string(hide_password=False)
    moment = office.tick()
    # one after the other, into a second copy of the same database
    sequential, name = _copy(base_office, tmp_path / "sequential")
    try:
        import_bundles(sequential.central.store, bundles, now=moment, passphrase=PASS)
        expected = content_hash(sequential.central.store)
    finally:
        sequential.close()
        drop_pg_database(name)
    # at once: three importers, each with its own store (connection), two of them racing
    # for the same first bundle, the third in the opposite order, started together
    start = threading.Barrier(3)
    results: dict[int, list] = {}

    def importer(number: int, order: list[Path]) -> None:
        store = open_sited(office.central.folder, url)
        try:
            copies = []
            for path in order:
                copy = tmp_path / f"importer{number}" / path.name
                copy.parent.mkdir(exist_ok=True)
                shutil.copy(path, copy)
                copies.append(copy)
            start.wait()
            results[number] = import_bundles(store, copies, now=moment, passphrase=PASS)
        finally:
            store.close()

    orders = (bundles, bundles, bundles[::-1])
    threads = [
        threading.Thread(target=importer, args=(number, order))
        for number, order in enumerate(orders)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    outcomes = sorted(view.outcome for views in results.values() for view in views)
    assert outcomes == ["already imported"] * 4 + ["imported"] * 2, results
    assert content_hash(office.central.store) == expected
    with office.central.store.engine.connect() as connection:
        logged = connection.execute(
            text("SELECT count(*) FROM sync_log WHERE direction = 'import'")
        ).scalar()
        doubled = connection.execute(
            text(
                "SELECT count(*) FROM (SELECT node_id, seq FROM changes"
                " GROUP BY node_id, seq HAVING count(*) > 1) AS d"
            )
        ).scalar()
    assert doubled == 0
    assert logged >= 2


def test_central_sync_runs_over_a_share_into_postgresql(office: Office, tmp_path: Path) -> None:
    share = tmp_path / "share"
    for department in office.departments:
        _entry(office, department)
        office.send(office.departments[department], office.central, folder=share / department)
    summary = central_sync(office.central.store, share, passphrase=PASS, now=office.tick())
    assert (summary.imported, summary.ok) == (2, True) and summary.ops_applied >= 2
    assert {name for name, _ in summary.exported} == {"民政局办公室", "公安局办公室"}
    for site in office.departments.values():
        office.receive(site, [p for p in share.glob("*.govperf") if site.node_id in p.name])
    assert len(office.hashes()) == 1


def test_a_server_store_opened_without_its_folder_is_refused_clearly(office: Office) -> None:
    store = office.central.store
    store.folder = None  # type: ignore[attr-defined]
    bundle = office.send(office.departments["民政局"])[0]
    with pytest.raises(StoreError, match="without the installation's own folder"):
        import_bundles(store, [bundle], now=office.tick(), passphrase=PASS)
    assert bundle.exists()


def test_rows_already_there_go_row_by_row_after_a_refused_copy(pg_store) -> None:
    """A COPY refused (a row already there, a name clash) is undone to its savepoint and the
    rows go one by one through the upsert and the clash rule: the transaction goes on and
    ends as the upsert of every row would."""
    from datetime import UTC, datetime

    from govperf_desktop.services.org import add_department
    from govperf_desktop.sync.apply import Applier
    from govperf_desktop.sync.db import sync_db

    now = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    kept = add_department(pg_store, "Finance", now=now)
    add_department(pg_store, "Audit", now=now)
    stamp = "2026-11-02 09:00:00.000000"
    rows = [
        (kept.id, "Finance renamed", stamp),  # already there
        ("f" * 32, "Statistics", stamp),
        ("e" * 32, "Audit", stamp),  # the name of another record: a clash
    ]
    ends = []
    for bulk in (True, False):
        with pg_store.engine.connect() as connection:
            db = sync_db(connection)
            applier = Applier(db, {}, "test.govperf", now, root_key="")
            if bulk:
                applier._insert_rows("departments", rows)
            else:
                for row in rows:
                    applier._write("departments", row)
            ends.append(
                (
                    db.execute('SELECT * FROM departments ORDER BY id COLLATE "C"').fetchall(),
                    db.execute("SELECT table_name, record_id FROM sync_conflicts").fetchall(),
                )
            )
            connection.rollback()
    assert ends[0] == ends[1]
    names = {name for _, name, _ in ends[0][0]}
    assert {"Finance renamed", "Statistics", "Audit"} <= names
    assert [table for table, _ in ends[0][1]] == ["departments"]  # the clash, listed
