"""Alembic migrations: the models match the migrated schema, and every revision upgrades a
store that holds data in place, keeping the data, with a backup taken first."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from govperf_desktop.domain.errors import StoreError
from govperf_desktop.paths import store_path
from govperf_desktop.store import migrate
from govperf_desktop.store.engine import make_engine, sqlite_url
from govperf_desktop.store.models import Base
from govperf_desktop.store.store import open_store

REVISIONS = [
    r.revision
    for r in reversed(list(ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions()))
]

# Rows written at a given revision with plain SQL (the models may have moved on since), and
# how to find them after the upgrade. Add an entry when a migration reshapes these tables.
D1, D2, P1, I1, T1, E1 = (c * 32 for c in "abcdef")
N1, S1, V1 = (c * 32 for c in "134")  # a task event, a submission, a task event
T0 = "2026-01-01 00:00:00.000000"
SAMPLE_SQL = [
    ("INSERT INTO departments VALUES (?, ?, ?)", (D1, "民政局", T0)),
    ("INSERT INTO departments VALUES (?, ?, ?)", (D2, "公安局", T0)),
    ("INSERT INTO people VALUES (?, ?, ?, ?, ?, ?)", (P1, D1, "李娜", "科员", 1, T0)),
    (
        "INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            I1,
            '政务服务"跨省通办"',
            D1,
            "每月办结率100%",
            "2026-Q4",
            "2026-10-01",
            "2026-12-31",
            "active",
            T0,
        ),
    ),
    (
        "INSERT INTO tasks (id, indicator_id, code, department_id, content, deadline, status,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (T1, I1, "T1", D1, "收集事项清单", "2026-11-10", "completed", T0),
    ),
    (
        "INSERT INTO timesheet_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (E1, P1, D1, T1, "2026-11-03", 7.5, 0.0, "整理清单", "2026-11-03 18:00:00.000000"),
    ),
    (
        "INSERT INTO comments (id, task_id, author_id, department_id, body, is_problem,"
        " created_at) VALUES (?, ?, ?, ?, ?, 0, ?)",
        ("c" * 31 + "1", T1, P1, D1, "事项清单已提交,请公安局对接", T0),
    ),
    ("INSERT INTO mentions VALUES (?, ?, NULL, ?)", ("9" * 32, "c" * 31 + "1", D2)),
    (
        "INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (S1, T1, 1, P1, "2026-11-05 02:00:00.000000", '["事项清单"]', "[]", "complete"),
    ),
    (
        "INSERT INTO task_events (id, task_id, kind, department_id, person_id, submission_id,"
        " occurred_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (V1, T1, "accepted", D1, P1, S1, "2026-11-06 02:00:00.000000", T0),
    ),
    (
        "INSERT INTO task_events (id, task_id, kind, department_id, occurred_at, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (N1, T1, "notified", D1, "2026-11-02 01:00:00.000000", T0),
    ),
]
SAMPLE_CHECKS = {
    "SELECT name FROM departments ORDER BY name": [("公安局",), ("民政局",)],
    "SELECT hours, note FROM timesheet_entries": [(7.5, "整理清单")],
    "SELECT code, deadline FROM tasks": [("T1", "2026-11-10")],
    # 0002: comments written before the search index existed are found by it.
    "SELECT c.id FROM comments_fts JOIN comments c ON c.rowid = comments_fts.rowid"
    " WHERE comments_fts MATCH '公安局'": [("c" * 31 + "1",)],
    # 0005: the ledger's sort by hours and scoring's sums read the new indexes.
    "SELECT hours FROM timesheet_entries INDEXED BY ix_timesheet_entries_hours_id"
    " ORDER BY hours DESC, id DESC": [(7.5,)],
    "SELECT department_id, sum(hours), sum(overtime > 0) FROM timesheet_entries"
    " INDEXED BY ix_timesheet_entries_task_id_covering WHERE task_id = '" + T1 + "'"
    " GROUP BY department_id": [(D1, 7.5, 0)],
    "SELECT id, department_id, is_problem FROM comments"
    " INDEXED BY ix_comments_task_id_covering WHERE task_id = '" + T1 + "'"
    " ORDER BY created_at DESC, id DESC": [("c" * 31 + "1", D1, 0)],
    # 0006: local accounts and the audit log start empty; people written before are kept.
    "SELECT count(*) FROM accounts": [(0,)],
    "SELECT count(*) FROM audit_log": [(0,)],
    "SELECT name FROM people": [("李娜",)],
    # 0007: published scores start empty; indicators written before can be published.
    "SELECT count(*) FROM score_publications": [(0,)],
    "SELECT count(*) FROM indicators": [(1,)],
    # 0008: timesheet totals per task and department are backfilled (hours in micro-hours).
    "SELECT task_id, department_id, micro_hours, entries FROM timesheet_totals": [
        (T1, D1, 7_500_000, 1)
    ],
    # 0008: each mention gets its target row, with what scoring reads of its comment.
    "SELECT task_id, department_id, author_department_id, original FROM mention_targets": [
        (T1, D2, D1, 1)
    ],
    # 0009: each task's first events and first submission are backfilled.
    "SELECT task_id, notified_id, notified_at, started_id, finished_id, finished_kind,"
    " finished_at, returns, first_submission_id, first_check_result FROM task_milestones": [
        (
            T1,
            N1,
            "2026-11-02 01:00:00.000000",
            None,
            V1,
            "accepted",
            "2026-11-06 02:00:00.000000",
            0,
            S1,
            "complete",
        )
    ],
}


def _upgrade_to(path: Path, revision: str) -> None:
    engine = make_engine(sqlite_url(path))
    try:
        migrate.upgrade(engine, revision)
    finally:
        engine.dispose()


def test_models_and_migrations_agree(any_store) -> None:
    with any_store.engine.connect() as connection:
        diff = compare_metadata(
            MigrationContext.configure(
                connection,
                opts={"compare_type": True, "include_object": migrate.include_object},
            ),
            Base.metadata,
        )
    assert diff == []


@pytest.mark.parametrize("revision", REVISIONS)
def test_store_filled_at_a_revision_upgrades_to_head_with_its_data(
    tmp_path: Path, revision: str
) -> None:
    path = store_path(tmp_path)
    _upgrade_to(path, revision)
    connection = sqlite3.connect(path)
    with connection:
        for statement, parameters in SAMPLE_SQL:
            connection.execute(statement, parameters)
    connection.close()

    store = open_store(tmp_path, clock=lambda: datetime(2026, 11, 28, tzinfo=UTC))
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        with store.engine.connect() as db:
            for query, expected in SAMPLE_CHECKS.items():
                assert [tuple(row) for row in db.exec_driver_sql(query)] == expected
            assert db.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        if revision != migrate.head_revision():
            assert store.backup is not None and store.backup.exists()
            backup = sqlite3.connect(store.backup)
            assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == (
                revision,
            )
            assert backup.execute("SELECT count(*) FROM timesheet_entries").fetchone() == (1,)
            backup.close()
        else:
            assert store.backup is None  # nothing to upgrade, nothing copied
    finally:
        store.close()


def test_upgrade_is_rolled_back_as_a_whole_when_it_would_break_references(tmp_path: Path) -> None:
    """A store holding a dangling reference (written from outside with enforcement off) is not
    upgraded into a half-new schema: the upgrade's transaction is rolled back."""
    path = store_path(tmp_path)
    _upgrade_to(path, REVISIONS[0])
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT INTO people VALUES (?, 'no-such-department', '孤儿', NULL, 1, ?)", (P1, T0)
        )
    connection.close()
    engine = make_engine(sqlite_url(path))
    try:
        with pytest.raises(StoreError, match="broken references"):
            migrate.upgrade(engine)
        assert migrate.current_revision(engine) == REVISIONS[0]
        with engine.connect() as db:
            tables = {row[0] for row in db.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert "changes" not in tables and "comments_fts" not in tables
    finally:
        engine.dispose()
