"""The scoring summaries of migration 0008 always equal what they summarise.

timesheet_totals equals a fresh GROUP BY over the entries, and mention_targets the mentions
joined to their comments, after every kind of write: the database keeps both with triggers,
so every way rows arrive is covered: the services through the ORM (add, edit, delete,
comment, reply, edit a comment), history restore (of entries: comments are append-only),
the demo generators (Core inserts), Core updates and deletes, a sync import
(sync/apply.py's own SQL), raw SQL on a store upgraded from 0007, and rows arriving out of
order. Hours are whole micro-hours, so totals are exact: equality, not approximation.
Runs on SQLite and, with GOVPERF_TEST_PG_URL, on PostgreSQL too.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import scoring_scenario as scenario
from sqlalchemy import delete, insert, select, text, update
from sync_office import CLERKS, INDICATOR, build_office

from govperf_desktop.paths import store_path
from govperf_desktop.services.comments import add_comment, edit_comment
from govperf_desktop.services.history import restore
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.services.scoring import score_all, score_indicator
from govperf_desktop.services.timesheets import add_entry, delete_entry, edit_entry
from govperf_desktop.store import metrics as sql
from govperf_desktop.store import migrate
from govperf_desktop.store.engine import make_engine, sqlite_url
from govperf_desktop.store.models import TimesheetEntry
from govperf_desktop.store.store import open_store

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
TOTALS = (
    "SELECT task_id, department_id, micro_hours, entries, overtime_entries FROM timesheet_totals"
)
FRESH = (
    "SELECT task_id, department_id, sum({micro}), count(*),"
    " sum(CASE WHEN overtime > 0 THEN 1 ELSE 0 END) FROM timesheet_entries"
    " GROUP BY task_id, department_id"
)
MICRO = {
    "sqlite": "CAST(round(hours * 1000000) AS INTEGER)",
    "postgresql": "round(hours * 1000000)::bigint",
}


def _rows(connection, statement: str) -> set[tuple]:  # type: ignore[no-untyped-def]
    return {(t, d, int(h), int(n), int(o)) for t, d, h, n, o in connection.execute(text(statement))}


def assert_totals_fresh(store) -> set[tuple]:  # type: ignore[no-untyped-def]
    """The kept totals equal a GROUP BY over the entries, row for row; returns them."""
    with store.engine.connect() as connection:
        kept = _rows(connection, TOTALS)
        fresh = _rows(connection, FRESH.format(micro=MICRO[connection.dialect.name]))
    assert kept == fresh
    assert all(entries > 0 for *_, entries, _overtime in kept)
    return kept


def test_totals_follow_service_writes_edits_deletes_and_restores(any_store) -> None:
    s = scenario.build(any_store)
    kept = assert_totals_fresh(any_store)
    assert kept and sum(row[3] for row in kept) > 0
    task = s.tasks["GA-1"]
    ids = []
    for day, hours in ((2, 0.1), (3, 0.2), (4, 7.3), (5, 10.0)):  # 10 h: 2 h overtime
        entry = add_entry(
            any_store, person="陈刚", task_id=task, work_date=date(2026, 11, day),
            hours=hours, now=NOW,
        )  # fmt: skip
        ids.append(entry.id)
        assert_totals_fresh(any_store)
    edit_entry(any_store, ids[0], actor="陈刚", hours=0.7, now=NOW)
    assert_totals_fresh(any_store)
    edit_entry(any_store, ids[1], actor="陈刚", task_id=s.tasks["MZ-1"], now=NOW)  # moved
    assert_totals_fresh(any_store)
    edit_entry(any_store, ids[3], actor="陈刚", hours=6.0, now=NOW)  # no overtime any more
    assert_totals_fresh(any_store)
    for entry_id in ids:
        delete_entry(any_store, entry_id, actor="陈刚", now=NOW)
        assert_totals_fresh(any_store)
    assert assert_totals_fresh(any_store) == kept  # back to where it started, exactly
    add_department(any_store, "信息中心", now=NOW)
    admin = add_person(any_store, department="信息中心", name="管理员", roles=("admin",), now=NOW)
    restore(any_store, ids[2], version=1, actor_id=admin.id)  # the deleted entry comes back
    restored = assert_totals_fresh(any_store)
    assert sum(r[3] for r in restored) == sum(r[3] for r in kept) + 1


def test_totals_follow_the_scale_demos_core_inserts(store) -> None:
    from govperf_desktop.services.demo.scale import build_scale_demo

    build_scale_demo(store, departments=3, seed=3, today=date(2026, 11, 28))
    kept = assert_totals_fresh(store)
    with store.engine.connect() as connection:
        entries = connection.execute(text("SELECT count(*) FROM timesheet_entries")).scalar()
    assert sum(row[3] for row in kept) == entries > 1000


def test_totals_follow_the_seed_demo_and_core_inserts_updates_deletes(any_store) -> None:
    from govperf_desktop.services.demo.seed import build_seed_demo

    build_seed_demo(any_store, today=date(2026, 11, 20))
    assert assert_totals_fresh(any_store)
    with any_store.read() as session:  # the totals and the entries summed give the same hours
        ids = sql.indicator_ids(session)
        kept = sql.hours(session, ids, (None, None))
        assert kept and sorted(kept) == sorted(sql.hours(session, ids, (date(2000, 1, 1), None)))
    table = TimesheetEntry.__table__
    with any_store.engine.begin() as db:
        person, department, task = db.execute(
            select(table.c.person_id, table.c.department_id, table.c.task_id).limit(1)
        ).one()
        rows = [
            {"id": f"{0xF00 + n:032x}", "person_id": person, "department_id": department,
             "task_id": task, "work_date": date(2026, 1, n), "hours": 0.1 * n,
             "overtime": 0.1 if n % 2 else 0.0, "created_at": datetime(2026, 1, n)}
            for n in range(1, 21)
        ]  # fmt: skip
        db.execute(insert(table), rows)
    assert_totals_fresh(any_store)
    with any_store.engine.begin() as db:
        db.execute(update(table).where(table.c.hours < 1).values(hours=table.c.hours + 0.05))
        db.execute(update(table).where(table.c.id == rows[0]["id"]).values(overtime=0.0))
    assert_totals_fresh(any_store)
    with any_store.engine.begin() as db:
        db.execute(delete(table).where(table.c.task_id == task))
    kept = assert_totals_fresh(any_store)
    assert all(row[0] != task for row in kept)


def test_the_scale_demo_puts_the_summary_triggers_back_after_its_bulk_load(store) -> None:
    # The bulk load drops the summaries' triggers and rebuilds the tables once at the end; a
    # store whose triggers stayed dropped would go stale at the next ordinary write.
    from govperf_desktop.services.demo.scale import build_scale_demo

    def triggers() -> set[str]:
        with store.engine.connect() as connection:
            found = connection.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            )
            return set(found.scalars())

    before = triggers()
    build_scale_demo(store, departments=2, seed=5, today=date(2026, 11, 28))
    assert triggers() == before
    with store.engine.begin() as connection:
        connection.execute(update(TimesheetEntry).values(hours=TimesheetEntry.hours / 2))
    assert_totals_fresh(store)


def test_scores_read_the_totals_and_match_the_entries_with_or_without_a_period(store) -> None:
    from govperf_desktop.services.demo.scale import build_scale_demo

    build_scale_demo(store, departments=3, seed=4, today=date(2026, 11, 28))
    now = datetime(2026, 11, 28, 15, 59, tzinfo=UTC)
    every = score_all(store, now=now)
    with store.read() as session:
        ids = sql.indicator_ids(session)
        kept = sql.hours(session, ids, (None, None))
        # A window that holds every entry sums the entries themselves: the same numbers.
        wide = sql.hours(session, ids, (date(2000, 1, 1), date(2099, 12, 31)))
    assert sorted(kept) == sorted(wide) and kept
    assert every == tuple(score_indicator(store, i, now=now, evidence_limit=0) for i in ids)


def test_totals_follow_a_sync_import(tmp_path: Path) -> None:
    office = build_office(tmp_path / "office")
    try:
        mz = office.departments["民政局"]
        for day, hours in ((3, 0.1), (4, 2.2), (5, 9.5)):
            add_entry(
                mz.store, person=CLERKS["民政局"], task_id=office.task_ids["MZ-1"],
                work_date=date(2026, 11, day), hours=hours, now=office.tick(),
            )  # fmt: skip
        ask = add_comment(
            mz.store, person=CLERKS["民政局"], task="MZ-1", indicator=INDICATOR,
            text="@公安局 请对接", now=office.tick(),
        )  # fmt: skip
        office.round_trip()
        for site in office.sites():
            assert len(assert_totals_fresh(site.store)) == 1
            assert {row[2] for row in assert_targets_fresh(site.store)} == {ask.id}
        ga = office.departments["公安局"]
        add_comment(
            ga.store, person=CLERKS["公安局"], task="MZ-1", indicator=INDICATOR,
            text="@民政局 收到", reply_to=ask.id, now=office.tick(),
        )  # fmt: skip
        office.round_trip()
        targets = [assert_targets_fresh(site.store) for site in office.sites()]
        assert len(targets[0]) == 2 and all(t == targets[0] for t in targets)
        with mz.store.read() as session:
            first = session.execute(text("SELECT id FROM timesheet_entries ORDER BY id")).all()
        edit_entry(mz.store, first[0][0], actor=CLERKS["民政局"], hours=3.3, now=office.tick())
        delete_entry(mz.store, first[1][0], actor=CLERKS["民政局"], now=office.tick())
        office.round_trip()
        kept = [assert_totals_fresh(site.store) for site in office.sites()]
        assert all(totals == kept[0] for totals in kept)
        assert [row[2:] for row in kept[0]] == [(3_300_000 + 9_500_000, 2, 1)]
    finally:
        office.close()


def test_a_store_upgraded_from_0007_gets_its_totals_and_keeps_them(tmp_path: Path) -> None:
    path = store_path(tmp_path)
    engine = make_engine(sqlite_url(path))
    try:
        migrate.upgrade(engine, "0007")
    finally:
        engine.dispose()
    from test_migrations import D1, E1, P1, SAMPLE_SQL, T1

    connection = sqlite3.connect(path)
    with connection:
        for statement, parameters in SAMPLE_SQL:
            connection.execute(statement, parameters)
        connection.execute(
            "INSERT INTO timesheet_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ("e" * 31 + "2", P1, D1, T1, "2026-11-04", 9.1, 1.1, None, "2026-11-04 18:00:00"),
        )
    connection.close()
    store = open_store(tmp_path, clock=lambda: NOW)
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        assert assert_totals_fresh(store) == {(T1, D1, 16_600_000, 2, 1)}
        with store.engine.begin() as db:  # raw SQL after the upgrade: the triggers are there
            db.execute(text("DELETE FROM timesheet_entries WHERE id = :id"), {"id": E1})
        assert assert_totals_fresh(store) == {(T1, D1, 9_100_000, 1, 1)}
        with store.engine.begin() as db:
            db.execute(text("DELETE FROM timesheet_entries"))
        assert assert_totals_fresh(store) == set()
    finally:
        store.close()


@pytest.mark.parametrize("hours", [0.1, 1 / 3, 7.25, 23.999999])
def test_hours_are_exact_whatever_order_they_are_added_in(store, hours: float) -> None:
    s = scenario.build_org_and_indicator(store)
    days = range(2, 9)
    ids = [
        add_entry(store, person="王强", task_id=s.tasks["SB-1"], work_date=date(2026, 11, d),
                  hours=hours, now=NOW).id
        for d in days
    ]  # fmt: skip
    for entry_id in ids[::2]:
        delete_entry(store, entry_id, actor="王强", now=NOW)
    with store.read() as session:
        (row,) = sql.hours(session, [s.indicator_id], (None, None))
    assert row.entries == len(ids[1::2])
    assert row.hours == round(hours * 1_000_000) * len(ids[1::2]) / 1_000_000


# --- mention_targets ----------------------------------------------------------------------
TARGETS = (
    "SELECT mention_id, task_id, comment_id, created_at, author_department_id, person_id,"
    " department_id, answered_department_id, original FROM mention_targets"
)
FRESH_TARGETS = (
    "SELECT m.id, c.task_id, c.id, c.created_at, c.department_id, m.person_id,"
    " m.department_id, a.department_id, coalesce(c.supersedes_id, '') = ''"
    " FROM mentions m JOIN comments c ON c.id = m.comment_id"
    " LEFT JOIN comments a ON a.id = c.reply_to_id"
)
# What scoring read before 0008: every original comment of the indicators' tasks probed for
# mentions (the oracle for the requests now read from mention_targets).
REQUESTS_FROM_COMMENTS = (
    "SELECT DISTINCT t.indicator_id, c.task_id, c.id, coalesce(p.department_id, m.department_id)"
    " FROM tasks t JOIN comments c ON c.task_id = t.id JOIN mentions m ON m.comment_id = c.id"
    " LEFT JOIN people p ON p.id = m.person_id LEFT JOIN comments a ON a.id = c.reply_to_id"
    " WHERE coalesce(c.supersedes_id, '') = ''"
    " AND coalesce(p.department_id, m.department_id) != c.department_id"
    " AND coalesce(a.department_id, '') != coalesce(p.department_id, m.department_id)"
)


def assert_targets_fresh(store) -> set[tuple]:  # type: ignore[no-untyped-def]
    """mention_targets equals the mentions joined to their comments, row for row."""
    with store.engine.connect() as connection:
        kept = {(*row[:8], bool(row[8])) for row in connection.execute(text(TARGETS))}
        fresh = {(*row[:8], bool(row[8])) for row in connection.execute(text(FRESH_TARGETS))}
    assert kept == fresh
    return kept


def assert_requests_as_before(store) -> int:  # type: ignore[no-untyped-def]
    with store.read() as session:
        ids = sql.indicator_ids(session)
        found = {
            (r.indicator_id, r.task_id, r.comment_id, r.department_id)
            for r in sql.mention_requests(session, ids, (None, None))
        }
        before = {tuple(row) for row in session.execute(text(REQUESTS_FROM_COMMENTS))}
    assert found == before
    return len(found)


def test_mention_targets_follow_comments_replies_edits_and_raw_updates(any_store) -> None:
    s = scenario.build(any_store)
    assert assert_targets_fresh(any_store)
    assert assert_requests_as_before(any_store) > 0
    ask = add_comment(
        any_store, person="李娜", task="GA-1", indicator=scenario.INDICATOR,
        text="@公安局 @陈刚 请确认接口", now=NOW,
    )  # fmt: skip
    assert_targets_fresh(any_store)
    answer = add_comment(
        any_store, person="陈刚", task="GA-1", indicator=scenario.INDICATOR,
        text="@民政局 已确认", reply_to=ask.id, now=NOW,
    )  # fmt: skip
    assert_targets_fresh(any_store)
    assert_requests_as_before(any_store)
    edited = edit_comment(any_store, ask.id, person="李娜", text="@社保局 请确认接口", now=NOW)
    assert_targets_fresh(any_store)
    assert_requests_as_before(any_store)
    with any_store.engine.begin() as db:  # a comment moved in raw SQL: its mentions follow
        db.execute(
            text("UPDATE comments SET task_id = :task WHERE id = :id"),
            {"task": s.tasks["SB-1"], "id": answer.id},
        )
    assert_targets_fresh(any_store)
    assert_requests_as_before(any_store)
    assert edited.id != ask.id


def test_mention_targets_follow_the_scale_demo_and_match_the_old_requests(store) -> None:
    from govperf_desktop.services.demo.scale import build_scale_demo

    build_scale_demo(store, departments=3, seed=5, today=date(2026, 11, 28))
    assert len(assert_targets_fresh(store)) > 100
    assert assert_requests_as_before(store) > 50


def test_mention_targets_do_not_depend_on_the_order_rows_arrive(tmp_path: Path) -> None:
    # A bundle can bring a mention before its comment, or a reply before what it answers.
    store = open_store(tmp_path, create=True, clock=lambda: NOW)
    store.close()
    from test_migrations import D1, D2, P1, SAMPLE_SQL, T1

    connection = sqlite3.connect(store_path(tmp_path))
    connection.execute("PRAGMA foreign_keys = OFF")
    ask, answer = "a" * 31 + "9", "b" * 31 + "9"
    with connection:
        for statement, parameters in SAMPLE_SQL[:5]:
            connection.execute(statement, parameters)
        connection.execute("INSERT INTO mentions VALUES (?, ?, NULL, ?)", ("d" * 32, ask, D2))
        connection.execute("INSERT INTO mentions VALUES (?, ?, NULL, ?)", ("e" * 32, answer, D1))
        comment = (
            "INSERT INTO comments (id, task_id, author_id, department_id, body, is_problem,"
            " created_at, reply_to_id) VALUES (?, ?, ?, ?, ?, 0, ?, ?)"
        )
        connection.execute(comment, (answer, T1, P1, D2, "@民政局 好", "2026-11-03 02:00:00", ask))
        connection.execute(comment, (ask, T1, P1, D1, "@公安局 对接", "2026-11-02 02:00", None))
    connection.close()
    store = open_store(tmp_path, clock=lambda: NOW)
    try:
        kept = assert_targets_fresh(store)
        assert {(row[0], row[7]) for row in kept} == {("d" * 32, None), ("e" * 32, D1)}
    finally:
        store.close()
