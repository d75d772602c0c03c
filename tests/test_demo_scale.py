"""The synthetic province (services/demo/scale.py) at N=3: shape, determinism and integrity."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from govperf_desktop.domain.errors import ConflictError
from govperf_desktop.services.demo import scale
from govperf_desktop.services.demo.scale import Progress, build_scale_demo
from govperf_desktop.store.models import Comment, TimesheetEntry
from govperf_desktop.store.store import Store, open_store

TODAY = date(2026, 5, 1)
HASHED_TABLES = ("people", "tasks", "task_events", "timesheet_entries", "comments", "mentions")
STATUS_AFTER = {
    "notified": "notified",
    "started": "in_progress",
    "submitted": "awaiting_acceptance",
    "returned": "returned",
    "accepted": "accepted",
    "completed": "completed",
}

Built = tuple[Store, dict[str, int]]


def _build(
    directory: Path, seed: int = 1, batch_size: int = 20_000, progress: Progress | None = None
) -> Built:
    store = open_store(directory, create=True)
    counts = build_scale_demo(
        store, departments=3, seed=seed, today=TODAY, batch_size=batch_size, progress=progress
    )
    return store, counts


def _rows(store: Store, sql: str) -> list[tuple]:
    with store.engine.connect() as connection:
        return [tuple(row) for row in connection.exec_driver_sql(sql)]


def _scalar(store: Store, sql: str) -> object:
    return _rows(store, sql)[0][0]


def _digest(store: Store) -> str:
    digest = hashlib.sha256()
    for table in HASHED_TABLES:
        for row in _rows(store, f"SELECT * FROM {table} ORDER BY rowid"):
            digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    store, counts = _build(tmp_path_factory.mktemp("scale"))
    yield store, counts
    store.close()


def test_counts_scale_with_departments(built: Built) -> None:
    store, counts = built
    for table, count in counts.items():
        assert _scalar(store, f"SELECT count(*) FROM {table}") == count, table
    assert counts["departments"] == 3
    assert 3 * 14 <= counts["people"] <= 3 * 20
    roles = _rows(store, "SELECT role, count(*) FROM person_roles GROUP BY role ORDER BY role")
    assert roles == [("clerk", counts["people"] - 3), ("head", 3)]
    assert counts["indicators"] == 10
    assert counts["cooperating_departments"] == 2 * 10  # 2-4 wanted, only 2 others exist
    assert counts["liability_rules"] == 3 * 10
    assert 10 * 15 <= counts["tasks"] <= 10 * 25
    assert 2 * counts["tasks"] <= counts["standard_items"] <= 3 * counts["tasks"]
    assert counts["submissions"] >= counts["tasks"]
    # N=300 gives ~2.4 million entries and ~500,000 comments: linear in departments.
    assert 15_000 <= counts["timesheet_entries"] <= 30_000
    assert 3_500 <= counts["comments"] <= 6_500
    assert counts["mentions"] > counts["comments"] * 0.1
    assert _scalar(store, "SELECT count(*) FROM comments WHERE reply_to_id IS NOT NULL") > 500


def test_same_seed_same_rows_other_seed_other_rows(tmp_path: Path) -> None:
    progress: list[tuple[str, int]] = []
    first, counts = _build(tmp_path / "first")
    # Smaller batches change how rows are written, never which rows.
    again, _ = _build(tmp_path / "again", batch_size=5_000, progress=lambda *p: progress.append(p))
    other, _ = _build(tmp_path / "other", seed=2)
    try:
        assert _digest(first) == _digest(again)
        assert _digest(first) != _digest(other)
        steps = [rows for stage, rows in progress if stage == "timesheet_entries"]
        assert len(steps) >= 4 and steps == sorted(steps)
        assert steps[-1] == counts["timesheet_entries"]
    finally:
        for store in (first, again, other):
            store.close()


def test_hours_are_possible(built: Built) -> None:
    store, _ = built
    over_24 = _rows(
        store,
        "SELECT person_id, work_date FROM timesheet_entries "
        "GROUP BY person_id, work_date HAVING sum(hours) > 24",
    )
    assert over_24 == []
    odd_hours = _scalar(
        store,
        "SELECT count(*) FROM timesheet_entries WHERE hours < 0.5 OR hours > 10 "
        "OR hours * 2 <> CAST(hours * 2 AS INTEGER) OR overtime <> max(0, hours - 8)",
    )
    assert odd_hours == 0
    # Logged by the task department's own people, from starting work until yesterday.
    misplaced = _scalar(
        store,
        "SELECT count(*) FROM timesheet_entries e "
        "JOIN people p ON p.id = e.person_id JOIN tasks t ON t.id = e.task_id "
        "WHERE p.department_id <> e.department_id OR t.department_id <> e.department_id "
        f"OR e.work_date >= '{TODAY}' OR e.work_date < (SELECT date(min(occurred_at)) "
        "FROM task_events v WHERE v.task_id = t.id AND v.kind = 'started')",
    )
    assert misplaced == 0


def test_keys_dependencies_and_schema_hold(built: Built) -> None:
    store, counts = built
    assert _rows(store, "PRAGMA foreign_key_check") == []
    assert _rows(store, "PRAGMA integrity_check") == [("ok",)]
    crossing = _scalar(
        store,
        "SELECT count(*) FROM task_dependencies d "
        "JOIN tasks t ON t.id = d.task_id JOIN tasks u ON u.id = d.depends_on_id "
        "WHERE t.indicator_id <> u.indicator_id OR d.indicator_id <> t.indicator_id "
        "OR u.code >= t.code",  # upstream tasks come earlier: never a cycle
    )
    assert crossing == 0
    # The indexes dropped for the load are back, and comment search finds the bodies.
    names = {name for (name,) in _rows(store, "SELECT name FROM sqlite_master")}
    assert {"ix_timesheet_entries_person_id_work_date", "ix_comments_task_id_covering"} <= names
    hits = _scalar(
        store, "SELECT count(*) FROM comments_fts WHERE comments_fts MATCH '\"资金预算\"'"
    )
    assert 0 < hits < counts["comments"]  # type: ignore[operator]


def test_task_flow_is_consistent(built: Built) -> None:
    store, _ = built
    events = _rows(
        store,
        "SELECT t.id, t.status, e.kind FROM tasks t JOIN task_events e ON e.task_id = t.id "
        "ORDER BY t.id, e.occurred_at",
    )
    flows: dict[str, tuple[str, list[str]]] = {}
    for task_id, status, kind in events:
        flows.setdefault(task_id, (status, []))[1].append(kind)
    for status, kinds in flows.values():
        assert kinds[:2] == ["notified", "started"]
        assert STATUS_AFTER[kinds[-1]] == status
    assert {"completed"} < {status for status, _ in flows.values()}  # some are still open
    assert str(_scalar(store, "SELECT max(occurred_at) FROM task_events")) < TODAY.isoformat()


def test_rows_read_back_through_the_orm(built: Built) -> None:
    store, _ = built
    with store.read() as session:
        entry = session.scalars(select(TimesheetEntry).limit(1)).one()
        reply = session.scalars(select(Comment).where(Comment.reply_to_id.is_not(None))).first()
    assert isinstance(entry.work_date, date) and isinstance(entry.created_at, datetime)
    assert TODAY - timedelta(days=365) <= entry.work_date < TODAY
    assert reply is not None and reply.body.strip() and isinstance(reply.is_problem, bool)


def test_a_second_run_is_refused(built: Built) -> None:
    store, counts = built
    with pytest.raises(ConflictError) as refused:
        build_scale_demo(store, departments=3, today=TODAY)
    assert "\n" not in str(refused.value)
    assert _scalar(store, "SELECT count(*) FROM indicators") == counts["indicators"]


def test_a_failed_write_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path, create=True)
    schema = _rows(store, "SELECT name, sql FROM sqlite_master ORDER BY name")
    broken = scale.Target(scale.TIMESHEETS.table, "INSERT INTO no_such_table VALUES (?)")
    monkeypatch.setattr(scale, "TIMESHEETS", broken)
    try:
        with pytest.raises(OperationalError):
            build_scale_demo(store, departments=3, today=TODAY)
        assert _scalar(store, "SELECT count(*) FROM departments") == 0
        assert _rows(store, "SELECT name, sql FROM sqlite_master ORDER BY name") == schema
    finally:
        store.close()
