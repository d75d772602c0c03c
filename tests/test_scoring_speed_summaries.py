"""The scoring summaries of migrations 0008 and 0009 always equal what they summarise.

timesheet_totals equals a fresh GROUP BY over the entries, and mention_targets the mentions
joined to their comments, after every kind of write: the database keeps both with triggers,
so every way rows arrive is covered: the services through the ORM (add, edit, delete,
comment, reply, edit a comment), history restore (of entries: comments are append-only),
the demo generators (Core inserts), Core updates and deletes, a sync import
(sync/apply.py's own SQL), raw SQL on a store upgraded from 0007, and rows arriving out of
order. Hours are whole micro-hours, so totals are exact: equality, not approximation.
task_milestones equals a plain ranking of the events and submissions after every step of the
task flow, Core inserts, updates and deletes (ties on the moment, rows moved between tasks),
the scale demo's bulk load, a sync round trip and rows arriving out of order (history
restore refuses events and submissions: they are append-only).
Runs on SQLite and, with GOVPERF_TEST_PG_URL, on PostgreSQL too.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
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
from govperf_desktop.store import comment_metrics, migrate
from govperf_desktop.store import metrics as sql
from govperf_desktop.store.engine import make_engine, sqlite_url
from govperf_desktop.store.models import Submission, TaskEvent, TimesheetEntry
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
            for r in comment_metrics.mention_requests(session, ids, (None, None))
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


# --- task_milestones (migration 0009) -------------------------------------------------------
MILESTONES = (
    "SELECT task_id, notified_id, notified_at, started_id, started_at, finished_id,"
    " finished_kind, finished_at, returns, first_submission_id, first_check_result"
    " FROM task_milestones"
)
# The oracle: a plain ranking of every event by slot and of every submission by revision.
FRESH_MILESTONES = """
WITH ranked AS (
    SELECT task_id, id, kind, occurred_at,
        CASE WHEN kind IN ('accepted', 'completed') THEN 'finished' ELSE kind END AS slot,
        row_number() OVER (
            PARTITION BY task_id,
                CASE WHEN kind IN ('accepted', 'completed') THEN 'finished' ELSE kind END
            ORDER BY occurred_at, id
        ) AS rank
    FROM task_events
    WHERE kind IN ('notified', 'started', 'accepted', 'completed', 'returned')
),
firsts AS (
    SELECT task_id, id, check_result,
        row_number() OVER (PARTITION BY task_id ORDER BY revision) AS rank
    FROM submissions
),
keys AS (SELECT task_id FROM ranked UNION SELECT task_id FROM firsts)
SELECT k.task_id, n.id, n.occurred_at, s.id, s.occurred_at, f.id, f.kind, f.occurred_at,
    (SELECT count(*) FROM ranked r WHERE r.task_id = k.task_id AND r.slot = 'returned'),
    b.id, b.check_result
FROM keys k
LEFT JOIN ranked n ON n.task_id = k.task_id AND n.slot = 'notified' AND n.rank = 1
LEFT JOIN ranked s ON s.task_id = k.task_id AND s.slot = 'started' AND s.rank = 1
LEFT JOIN ranked f ON f.task_id = k.task_id AND f.slot = 'finished' AND f.rank = 1
LEFT JOIN firsts b ON b.task_id = k.task_id AND b.rank = 1
"""


def assert_milestones_fresh(store) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    """task_milestones equals a fresh ranking of the events and submissions, row for row;
    returns the rows by task."""
    with store.engine.connect() as connection:
        kept = {(*row[:8], int(row[8]), *row[9:]) for row in connection.execute(text(MILESTONES))}
        fresh = {
            (*row[:8], int(row[8]), *row[9:]) for row in connection.execute(text(FRESH_MILESTONES))
        }
    assert kept == fresh
    return {row[0]: row for row in kept}


def test_milestones_follow_every_step_of_the_task_flow(any_store, monkeypatch) -> None:
    import flow_office
    from flow_office import INDICATOR as FLOW_INDICATOR
    from flow_office import beijing
    from flow_office import build_office as build_flow_office

    from govperf_desktop.services.taskflow import (
        accept_output,
        complete_task,
        notify_indicator,
        return_output,
        start_task,
        submit_output,
    )

    if any_store.engine.dialect.name != "sqlite":  # its WAL checkpoint is SQLite's
        monkeypatch.setattr(flow_office, "checkpoint", lambda store: None)
    office = build_flow_office(any_store, NOW)
    assert assert_milestones_fresh(any_store) == {}
    notify_indicator(any_store, FLOW_INDICATOR, person="杨帆", now=NOW, at=beijing(2026, 11, 2))
    kept = assert_milestones_fresh(any_store)
    assert set(kept) == set(office.task_ids.values())
    task = office.task_ids["GA-1"]
    steps = (
        lambda: start_task(any_store, task, person="董明", now=NOW, at=beijing(2026, 11, 3)),
        lambda: submit_output(  # incomplete: returned automatically
            any_store, task, person="董明", items=["对接方案"], now=NOW, at=beijing(2026, 11, 5)
        ),
        lambda: submit_output(
            any_store,
            task,
            person="董明",
            items=["对接方案", "测试报告"],
            now=NOW,
            at=beijing(2026, 11, 6),
        ),
        lambda: return_output(
            any_store, task, person="朱丽华", reason="缺少签字", now=NOW, at=beijing(2026, 11, 7)
        ),
        lambda: submit_output(
            any_store,
            task,
            person="董明",
            items=["对接方案", "测试报告"],
            now=NOW,
            at=beijing(2026, 11, 10),
        ),
        lambda: accept_output(any_store, task, person="杨帆", now=NOW, at=beijing(2026, 11, 12)),
        lambda: complete_task(
            any_store, task, person="宋志刚", now=NOW, at=beijing(2026, 11, 12, 10)
        ),
    )
    for step in steps:
        step()
        assert_milestones_fresh(any_store)
    with any_store.read() as session:
        found = sql.milestones(session, [office.indicator_id])[task]
        returned = sql.returned_ids(session, [office.indicator_id])
    assert (found.returns, found.finished.kind) == (2, "accepted")  # type: ignore[union-attr]
    assert found.first_submission.check_result == "missing"  # type: ignore[union-attr]
    assert len(returned[task]) == 2 and set(returned) == {task}


def test_milestones_follow_core_writes_ties_and_rows_that_move(any_store) -> None:
    s = scenario.build(any_store)
    kept = assert_milestones_fresh(any_store)
    assert len(kept) == 3
    events, submissions = TaskEvent.__table__, Submission.__table__
    task, other = s.tasks["SB-1"], s.tasks["MZ-1"]
    department, person = s.departments["社保局"], s.people["王强"]
    moment = datetime(2026, 12, 1, 8, 0)

    def event(n: int, kind: str, at: datetime = moment) -> dict:  # type: ignore[type-arg]
        return {
            "id": f"{0xE00 + n:032x}", "task_id": task, "kind": kind,
            "department_id": department, "person_id": person, "occurred_at": at,
            "recorded_at": at,
        }  # fmt: skip

    def submission(n: int, revision: int, result: str) -> dict:  # type: ignore[type-arg]
        return {
            "id": f"{0xD00 + n:032x}", "task_id": task, "revision": revision,
            "submitted_by": person, "submitted_at": moment, "items_provided": "[]",
            "missing_items": "[]", "check_result": result,
        }  # fmt: skip

    # Equal moments: the lower id is the first, whichever arrives first.
    late_id, early_id = event(9, "completed"), event(8, "accepted")
    for row in (late_id, early_id, event(7, "returned"), event(6, "returned")):
        with any_store.engine.begin() as db:
            db.execute(insert(events), [row])
        assert_milestones_fresh(any_store)
    row = assert_milestones_fresh(any_store)[task]
    assert row[5:7] == (early_id["id"], "accepted")
    with any_store.engine.begin() as db:  # an earlier completion, inserted last
        db.execute(insert(events), [event(10, "completed", moment - timedelta(seconds=1))])
    assert assert_milestones_fresh(any_store)[task][5:7] == (f"{0xE00 + 10:032x}", "completed")
    # Submissions out of revision order; a later check result changed in place.
    for row in (submission(2, 9, "complete"), submission(1, 8, "missing")):
        with any_store.engine.begin() as db:
            db.execute(insert(submissions), [row])
        assert_milestones_fresh(any_store)
    with any_store.engine.begin() as db:
        db.execute(
            update(submissions).where(submissions.c.id == f"{0xD01:032x}")
            .values(check_result="complete")
        )  # fmt: skip
    assert_milestones_fresh(any_store)
    with any_store.engine.begin() as db:  # moments and kinds changed in place
        db.execute(
            update(events).where(events.c.id == early_id["id"])
            .values(occurred_at=moment + timedelta(days=1))
        )  # fmt: skip
        db.execute(update(events).where(events.c.id == late_id["id"]).values(kind="started"))
    assert_milestones_fresh(any_store)
    with any_store.engine.begin() as db:  # rows moved to another task: both tasks follow
        db.execute(update(events).where(events.c.kind == "returned").values(task_id=other))
        db.execute(
            update(submissions).where(submissions.c.id == f"{0xD02:032x}").values(task_id=other)
        )
    moved = assert_milestones_fresh(any_store)
    assert moved[other][8] > kept[other][8]
    with any_store.engine.begin() as db:  # everything of a task deleted: its row goes
        db.execute(delete(events).where(events.c.task_id == task))
        db.execute(delete(submissions).where(submissions.c.task_id == task))
    assert task not in assert_milestones_fresh(any_store)


def test_milestones_follow_the_scale_demo_and_keep_their_triggers(store) -> None:
    from govperf_desktop.services.demo.scale import build_scale_demo

    build_scale_demo(store, departments=3, seed=6, today=date(2026, 11, 28))
    kept = assert_milestones_fresh(store)
    assert len(kept) > 100
    with store.engine.begin() as db:  # the triggers are back after the bulk load
        db.execute(text("DELETE FROM task_events WHERE kind = 'notified'"))
        db.execute(text("UPDATE submissions SET check_result = 'missing'"))
    assert all(row[1] is None for row in assert_milestones_fresh(store).values())


def test_milestones_follow_a_sync_round_trip(tmp_path: Path) -> None:
    from govperf_desktop.services.taskflow import (
        accept_output,
        notify_indicator,
        return_output,
        start_task,
        submit_output,
    )

    office = build_office(tmp_path / "office")
    try:
        task = office.task_ids["GA-1"]
        notify_indicator(office.central.store, INDICATOR, person="周文博", now=office.tick())
        office.round_trip()
        ga, mz = office.departments["公安局"], office.departments["民政局"]
        clerk = CLERKS["公安局"]
        start_task(ga.store, task, person=clerk, now=office.tick())
        submit_output(ga.store, task, person=clerk, items=[], now=office.tick())
        office.round_trip()
        return_output(mz.store, task, person=CLERKS["民政局"], reason="补充", now=office.tick())
        office.round_trip()
        submit_output(ga.store, task, person=clerk, items=[], now=office.tick())
        office.round_trip()
        accept_output(mz.store, task, person=CLERKS["民政局"], now=office.tick())
        office.round_trip()
        kept = [assert_milestones_fresh(site.store) for site in office.sites()]
        assert all(rows == kept[0] for rows in kept)
        assert kept[0][task][8] == 1 and kept[0][task][6] == "accepted"
        assert len(kept[0]) == len(office.task_ids)
    finally:
        office.close()


def test_milestones_do_not_depend_on_the_order_rows_arrive(tmp_path: Path) -> None:
    # A bundle can bring a task's events in any order, before their submission or task.
    store = open_store(tmp_path, create=True, clock=lambda: NOW)
    store.close()
    from test_migrations import D1, P1, SAMPLE_SQL, T1

    connection = sqlite3.connect(store_path(tmp_path))
    connection.execute("PRAGMA foreign_keys = OFF")
    event = "INSERT INTO task_events (id, task_id, kind, department_id, occurred_at,"
    event += " recorded_at, submission_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
    at = "2026-11-05 02:00:00.000000"
    with connection:
        connection.execute(event, ("7" * 32, T1, "returned", D1, at, at, "5" * 32))
        connection.execute(event, ("8" * 32, T1, "notified", D1, at, at, None))
        connection.execute(event, ("6" * 32, T1, "notified", D1, at, at, None))
        connection.execute(
            "INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ("5" * 32, T1, 1, P1, at, "[]", "[]", "complete"),
        )
        for statement, parameters in SAMPLE_SQL[:5]:
            connection.execute(statement, parameters)
    connection.close()
    store = open_store(tmp_path, clock=lambda: NOW)
    try:
        kept = assert_milestones_fresh(store)
        assert kept[T1][1] == "6" * 32 and kept[T1][8:] == (1, "5" * 32, "complete")
    finally:
        store.close()
