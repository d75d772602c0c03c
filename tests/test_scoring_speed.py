"""Scoring every indicator at once gives exactly what scoring each one alone gives.

`score_all` reads the facts of all indicators in one round of queries (hours from the
per-task totals of migration 0008, or summed per task and department from the covering
index of migration 0005 with a period, then per indicator) and builds
the trees with one calendar; `score_indicator` reads one indicator's. The results must be
the same objects, number for number and id for id, on the seed demo and on a synthetic
province. The SQL sums are also checked against a plain GROUP BY over the entries.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from govperf_desktop.domain.score_window import Window
from govperf_desktop.services.scoring import score_all, score_indicator
from govperf_desktop.services.scoring_facts import load_batch
from govperf_desktop.store import metrics as sql
from govperf_desktop.store.reads import mapped_reads

NOW = datetime(2026, 11, 20, 15, 59, tzinfo=UTC)


@pytest.fixture
def seed_store(store):  # type: ignore[no-untyped-def]
    from govperf_desktop.services.demo.seed import build_seed_demo

    build_seed_demo(store, today=date(2026, 11, 20))
    return store


@pytest.fixture
def province(store):  # type: ignore[no-untyped-def]
    from govperf_desktop.services.demo.scale import build_scale_demo

    build_scale_demo(store, departments=3, seed=2, today=date(2026, 11, 28))
    return store


def _each_alone(store, **options):  # type: ignore[no-untyped-def]
    with store.read() as session:
        ids = sql.indicator_ids(session)
    return tuple(score_indicator(store, indicator_id, **options) for indicator_id in ids)


@pytest.mark.parametrize("period", [None, "2026-11"])
def test_score_all_equals_each_indicator_scored_alone_on_the_seed_demo(seed_store, period) -> None:
    every = score_all(seed_store, now=NOW, period=period)
    alone = _each_alone(seed_store, now=NOW, period=period, evidence_limit=0)
    assert len(every) == len(alone) > 1
    assert every == alone


def test_score_all_equals_each_indicator_scored_alone_on_a_province(province) -> None:
    now = datetime(2026, 11, 28, 15, 59, tzinfo=UTC)
    every = score_all(province, now=now)
    assert len(every) >= 10
    assert every == _each_alone(province, now=now, evidence_limit=0)
    # With evidence ids the totals do not move either (one summation for both paths).
    with_ids = score_all(province, now=now, evidence_limit=5)
    assert [[r.total for r in s.departments] for s in with_ids] == [
        [r.total for r in s.departments] for s in every
    ]
    assert with_ids == _each_alone(province, now=now, evidence_limit=5)


def test_hours_match_a_plain_group_by_over_the_entries(province) -> None:
    with province.read() as session:
        ids = sql.indicator_ids(session)
        found = {
            (row.indicator_id, row.department_id): (row.hours, row.entries, row.overtime_entries)
            for row in sql.hours(session, ids, (None, None))
        }
        plain = session.execute(
            text(
                "SELECT t.indicator_id, e.department_id, sum(e.hours), count(*),"
                " sum(e.overtime > 0) FROM timesheet_entries e NOT INDEXED"
                " JOIN tasks t ON t.id = e.task_id GROUP BY t.indicator_id, e.department_id"
            )
        ).all()
        march = sql.hours(session, ids, (date(2026, 3, 1), date(2026, 3, 31)))
        march_plain = session.execute(
            text(
                "SELECT count(*) FROM timesheet_entries"
                " WHERE work_date BETWEEN '2026-03-01' AND '2026-03-31'"
            )
        ).scalar_one()
    assert len(found) == len(plain) > 0
    for indicator_id, department_id, hours, entries, overtime in plain:
        got_hours, got_entries, got_overtime = found[(indicator_id, department_id)]
        assert got_hours == pytest.approx(hours, abs=1e-9)
        assert (got_entries, got_overtime) == (entries, overtime)
    assert sum(row.entries for row in march) == march_plain


def test_mention_requests_and_their_first_replies_in_one_batch_or_alone(province) -> None:
    with province.read() as session:
        ids = sql.indicator_ids(session)
        together = load_batch(session, ids, Window("all"), 0)
        for indicator_id in ids:
            alone = load_batch(session, [indicator_id], Window("all"), 0)[indicator_id]
            assert alone == together[indicator_id]
    replies = [r for facts in together.values() for r in facts.requests if r.reply_id]
    assert replies and all(r.reply_at > r.created_at for r in replies)


def test_milestones_are_the_first_of_each_kind_and_every_return(province) -> None:
    # Read from task_milestones (migration 0009); the oracle is a plain window query over
    # the events and the submissions, read without their indexes.
    with province.read() as session:
        ids = sql.indicator_ids(session)
        found = sql.milestones(session, ids)
        returned = sql.returned_ids(session, ids)
        plain = session.execute(
            text(
                "SELECT task_id, slot, id FROM (SELECT e.task_id, e.id, CASE e.kind"
                " WHEN 'accepted' THEN 'finished' WHEN 'completed' THEN 'finished'"
                " ELSE e.kind END AS slot, row_number() OVER (PARTITION BY e.task_id,"
                " CASE e.kind WHEN 'accepted' THEN 'finished' WHEN 'completed' THEN 'finished'"
                " ELSE e.kind END ORDER BY e.occurred_at, e.id) AS rank"
                " FROM task_events e NOT INDEXED JOIN tasks t ON t.id = e.task_id"
                " WHERE e.kind IN ('notified', 'started', 'accepted', 'completed', 'returned'))"
                " WHERE rank = 1 OR slot = 'returned' ORDER BY task_id, slot, rank"
            )
        ).all()
        first_submissions = session.execute(
            text(
                "SELECT task_id, id, check_result FROM (SELECT s.task_id, s.id, s.check_result,"
                " row_number() OVER (PARTITION BY s.task_id ORDER BY s.revision) AS rank"
                " FROM submissions s NOT INDEXED JOIN tasks t ON t.id = s.task_id) WHERE rank = 1"
            )
        ).all()
    expected: dict[str, dict[str, list[str]]] = {}
    for task_id, slot, event_id in plain:
        expected.setdefault(task_id, {}).setdefault(slot, []).append(event_id)
    firsts = {
        task_id: (submission_id, result) for task_id, submission_id, result in first_submissions
    }
    assert found and set(found) == set(expected) | set(firsts)
    for task_id, milestones in found.items():
        slots = expected.get(task_id, {})
        for slot in ("notified", "started", "finished"):
            event = getattr(milestones, slot)
            assert (event.id if event else None) == (slots.get(slot) or [None])[0]
        assert milestones.returns == len(slots.get("returned", []))
        assert list(returned.get(task_id, ())) == slots.get("returned", [])
        first = milestones.first_submission
        assert ((first.id, first.check_result) if first else None) == firsts.get(task_id)
    assert set(returned) == {t for t, m in found.items() if m.returns}
    finished = [m.finished for m in found.values() if m.finished]
    assert {event.kind for event in finished} <= {"accepted", "completed"} and finished


def test_scoring_every_indicator_leaves_the_connection_and_collector_as_they_were(
    province,
) -> None:
    import gc

    now = datetime(2026, 11, 28, 15, 59, tzinfo=UTC)
    assert gc.isenabled()
    score_all(province, now=now)
    assert gc.isenabled()
    with province.read() as session:
        before = session.execute(text("PRAGMA mmap_size")).scalar()
        with mapped_reads(session):
            assert session.execute(text("PRAGMA mmap_size")).scalar() > 0
        assert session.execute(text("PRAGMA mmap_size")).scalar() == before
