"""The seed demo: the seed document's five cases, consistent with the schema and with `today`."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from govperf_desktop.domain.errors import ConflictError
from govperf_desktop.services.admin import init_installation
from govperf_desktop.services.demo.seed import build_seed_demo
from govperf_desktop.store.models import EVENT_KINDS
from govperf_desktop.store.store import Store, open_store

TODAY = date(2026, 11, 20)  # a Friday

CASES = {
    "老旧小区改造项目推进率": ("住建局", {"财政局", "社区居委会"}),
    "企业开办时间压缩": ("市场监管局", {"税务局", "政务服务中心"}),
    "乡村振兴产业扶持资金发放": ("农业农村厅", {"财政厅", "乡村振兴局"}),
    "政务服务“跨省通办”": ("民政局", {"公安局", "社保局"}),
    "医保异地结算": ("医保局", {"卫健委", "社保局"}),
}
STATUS_AFTER_EVENT = {
    "notified": "notified",
    "started": "in_progress",
    "returned": "returned",
    "accepted": "accepted",
    "completed": "completed",
}


def counter_ids() -> Callable[[], str]:
    numbers = itertools.count(1)
    return lambda: f"{next(numbers):032x}"


def new_store(directory: Path) -> Store:
    """An installation's store: every write is captured and stamped with its node id."""
    init_installation(directory, node_name="考核办(演示)", role="central")
    return open_store(directory)


def rows(store: Store, sql: str, **params: object) -> list[tuple]:
    with store.read() as session:
        return [tuple(row) for row in session.execute(text(sql), params)]


def scalar(store: Store, sql: str, **params: object) -> object:
    return rows(store, sql, **params)[0][0]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict[str, int]]]:
    """One seeded store for the read-only checks (a refused second run changes nothing)."""
    store = new_store(tmp_path_factory.mktemp("seed") / "store")
    counts = build_seed_demo(store, today=TODAY)
    yield store, counts
    store.close()


def test_counts_are_the_rows_in_the_store(seeded) -> None:
    store, counts = seeded
    for table, count in counts.items():
        assert scalar(store, f"SELECT count(*) FROM {table}") == count, table
    assert counts["indicators"] == 5
    assert counts["departments"] == 15  # 14 from the cases, plus 考核办
    assert 300 <= counts["timesheet_entries"] <= 2000


def test_the_five_indicators_with_their_departments(seeded) -> None:
    store, _ = seeded
    found = {}
    for name, lead, status in rows(
        store,
        "SELECT i.name, d.name, i.status FROM indicators i "
        "JOIN departments d ON d.id = i.lead_department_id",
    ):
        cooperating = rows(
            store,
            "SELECT d.name FROM cooperating_departments c JOIN departments d "
            "ON d.id = c.department_id JOIN indicators i ON i.id = c.indicator_id "
            "WHERE i.name = :name",
            name=name,
        )
        found[name] = (lead, {row[0] for row in cooperating})
        assert status == ("missed" if name == "企业开办时间压缩" else "active")
    assert found == CASES
    assert scalar(store, "SELECT count(*) FROM departments WHERE name = '社保局'") == 1
    assert scalar(store, "SELECT count(*) FROM liability_rules") == 15
    assert rows(store, "SELECT DISTINCT kind, percent FROM liability_rules ORDER BY kind") == [
        ("blocking_delay", 15.0),
        ("cooperating", 10.0),
        ("failure_caused_miss", 20.0),
    ]


def test_every_department_has_one_head_and_the_centre_has_its_roles(seeded) -> None:
    store, _ = seeded
    heads = rows(
        store,
        "SELECT d.name, count(r.person_id) FROM departments d JOIN people p "
        "ON p.department_id = d.id LEFT JOIN person_roles r "
        "ON r.person_id = p.id AND r.role = 'head' GROUP BY d.id",
    )
    assert heads and all(count == 1 for _, count in heads)
    sizes = rows(store, "SELECT count(*) FROM people GROUP BY department_id")
    assert all(2 <= size <= 4 for (size,) in sizes)
    roles = {role for (role,) in rows(store, "SELECT role FROM person_roles")}
    assert {"head", "clerk", "evaluator", "central"} <= roles


def test_every_task_has_an_output_standard(seeded) -> None:
    store, _ = seeded
    sizes = rows(
        store,
        "SELECT t.code, count(s.id), min(s.position) FROM tasks t "
        "LEFT JOIN standard_items s ON s.task_id = t.id GROUP BY t.id",
    )
    assert all(2 <= size <= 4 and first == 1 for _, size, first in sizes)


def test_every_event_kind_and_returned_outputs_with_missing_items(seeded) -> None:
    store, _ = seeded
    kinds = {kind for (kind,) in rows(store, "SELECT DISTINCT kind FROM task_events")}
    assert kinds == set(EVENT_KINDS)
    returned = rows(store, "SELECT detail, submission_id FROM task_events WHERE kind='returned'")
    assert len(returned) >= 2
    assert all(json.loads(detail) and submission for detail, submission in returned)
    missing = rows(
        store,
        "SELECT s.missing_items, s.items_provided FROM submissions s "
        "WHERE s.check_result = 'missing'",
    )
    assert missing and all(json.loads(items) for items, _ in missing)
    assert ["需求清单需包含居民身份证信息"] in [json.loads(items) for items, _ in missing]
    files = rows(store, "SELECT count(*) FROM submission_files GROUP BY submission_id")
    assert len(files) == scalar(store, "SELECT count(*) FROM submissions")
    back_dated = "SELECT count(*) FROM task_events WHERE recorded_at > occurred_at"
    assert scalar(store, back_dated) == 1


def test_task_status_follows_the_last_event(seeded) -> None:
    store, _ = seeded
    check_task_statuses(store)
    statuses = {status for (status,) in rows(store, "SELECT status FROM tasks")}
    expected = {"pending", "notified", "in_progress", "returned", "awaiting_acceptance"}
    assert expected | {"completed"} <= statuses


def test_overdue_due_soon_late_and_on_time_relative_to_today(seeded) -> None:
    store, _ = seeded
    check_deadlines(store, TODAY)
    completed_late = rows(
        store,
        "SELECT t.code FROM tasks t JOIN task_events e ON e.task_id = t.id "
        "AND e.kind = 'completed' WHERE date(e.occurred_at, '+8 hours') > t.deadline",
    )
    completed_on_time = rows(
        store,
        "SELECT t.code FROM tasks t JOIN task_events e ON e.task_id = t.id "
        "AND e.kind = 'completed' WHERE date(e.occurred_at, '+8 hours') <= t.deadline",
    )
    assert ("GZ-01",) in completed_late and ("QK-02",) in completed_late
    assert ("XC-02",) in completed_on_time


def test_monthly_tasks_are_templates_with_instances(seeded) -> None:
    store, _ = seeded
    templates = rows(
        store,
        "SELECT code, recurrence, deadline, status FROM tasks "
        "WHERE code IN ('KS-01', 'KS-02', 'KS-03') ORDER BY code",
    )
    assert templates == [
        ("KS-01", "monthly:10", None, "pending"),
        ("KS-02", "monthly:15", None, "pending"),
        ("KS-03", "monthly:20", None, "pending"),
    ]
    instances = rows(
        store,
        "SELECT i.period, i.deadline FROM tasks i JOIN tasks t ON t.id = i.template_id "
        "WHERE t.code = 'KS-02'",
    )
    assert len(instances) >= 3
    assert all(
        deadline.endswith("-15") and period == deadline[:7] for period, deadline in instances
    )
    cross_month = rows(
        store,
        "SELECT count(*) FROM task_dependencies d JOIN tasks a ON a.id = d.task_id "
        "JOIN tasks b ON b.id = d.depends_on_id "
        "WHERE b.period IS NOT NULL AND a.period IS NOT b.period",
    )
    assert cross_month == [(0,)]
    # The seed's example: 公安局 3 days late, 2 of them because 民政局's list came 2 days late.
    late = rows(
        store,
        "SELECT t.code, julianday(date(e.occurred_at, '+8 hours')) - julianday(t.deadline) "
        "FROM tasks t JOIN task_events e ON e.task_id = t.id AND e.kind = 'completed' "
        "WHERE t.period = '2026-09' ORDER BY t.code",
    )
    (_, list_days), (_, link_days), (_, test_days) = late
    assert (list_days, link_days) == (2.0, 3.0) and test_days <= 0


def test_timesheets_match_the_seed_and_fit_in_a_day(seeded) -> None:
    store, _ = seeded
    worst_day = scalar(
        store,
        "SELECT max(total) FROM (SELECT sum(hours) AS total FROM timesheet_entries "
        "GROUP BY person_id, work_date)",
    )
    assert worst_day <= 24
    bad = "SELECT count(*) FROM timesheet_entries WHERE hours < 0.5 OR hours > 10 "
    assert scalar(store, bad + "OR overtime < 0 OR overtime > hours") == 0
    assert scalar(store, "SELECT count(*) FROM timesheet_entries WHERE overtime > 0") >= 5
    assert scalar(store, "SELECT max(work_date) FROM timesheet_entries") <= TODAY.isoformat()
    totals = dict(
        rows(
            store,
            "SELECT t.code, sum(e.hours) FROM timesheet_entries e JOIN tasks t "
            "ON t.id = e.task_id AND t.department_id = e.department_id "
            "WHERE t.code IN ('XC-01', 'XC-03', 'XC-05') GROUP BY t.code",
        )
    )
    assert totals["XC-01"] == pytest.approx(120, abs=6)  # 农业农村厅's research
    assert totals["XC-03"] == pytest.approx(80, abs=6)  # 财政厅's budget review
    assert totals["XC-05"] == pytest.approx(60, abs=6)  # 乡村振兴局's training


def test_communication_log(seeded) -> None:
    store, _ = seeded
    assert scalar(store, "SELECT count(*) FROM mentions WHERE person_id IS NOT NULL") > 0
    assert scalar(store, "SELECT count(*) FROM mentions WHERE department_id IS NOT NULL") > 0
    resolved = rows(
        store,
        "SELECT p.body, r.body FROM comments p JOIN comments r ON r.id = p.resolved_by_id "
        "WHERE p.is_problem AND r.reply_to_id = p.id AND p.resolved_at = r.created_at",
    )
    assert resolved
    edited = rows(
        store,
        "SELECT old.body, new.body FROM comments new JOIN comments old "
        "ON old.id = new.supersedes_id",
    )
    assert edited == [
        ("@程刚 已联系技术部门,预计3天内完成对接。", "@程刚 已联系技术部门,预计2天内完成对接。")
    ]
    seed_comment = "SELECT count(*) FROM comments WHERE body LIKE '%请在3天内完成对接%'"
    assert scalar(store, seed_comment) == 1
    confirmed = "SELECT count(*) FROM support_records WHERE confirmed_by IS NOT NULL"
    assert scalar(store, confirmed) >= 1
    assert scalar(store, "SELECT count(*) FROM support_records WHERE confirmed_by IS NULL") >= 1
    support = rows(
        store,
        "SELECT g.name, r.name FROM support_records s JOIN departments g "
        "ON g.id = s.from_department_id JOIN departments r ON r.id = s.to_department_id",
    )
    assert ("财政局", "住建局") in support
    acknowledged = rows(store, "SELECT kind FROM alert_acknowledgements ORDER BY kind")
    assert acknowledged == [("due_soon",), ("overdue",)]


def test_scoring_config_and_foreign_keys(seeded) -> None:
    store, _ = seeded
    (config,) = rows(store, "SELECT indicator_id, version, config FROM scoring_configs")
    assert config[:2] == (None, 1)
    weights = {"input": 30, "response": 20, "quality": 30, "collaboration": 20}
    assert json.loads(config[2]) == {"weights": weights}
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []


def test_a_second_run_is_refused_and_changes_nothing(seeded) -> None:
    store, counts = seeded
    captured = scalar(store, "SELECT count(*) FROM changes")
    with pytest.raises(ConflictError, match="already holds indicators"):
        build_seed_demo(store, today=TODAY)
    for table, count in counts.items():
        assert scalar(store, f"SELECT count(*) FROM {table}") == count, table
    assert scalar(store, "SELECT count(*) FROM changes") == captured


def test_events_carry_the_local_installation(tmp_path: Path) -> None:
    """A department installation's store already has its department: it is reused."""
    directory = tmp_path / "store"
    node = init_installation(directory, node_name="住建局办公室", role="department",
                             department="住建局")  # fmt: skip
    store = open_store(directory)
    try:
        counts = build_seed_demo(store, today=TODAY)
        assert counts["departments"] == 14
        assert scalar(store, "SELECT count(*) FROM departments") == 15
        assert rows(store, "SELECT DISTINCT node_id FROM task_events") == [(node.id,)]
    finally:
        store.close()


def test_same_ids_and_day_give_the_same_data(tmp_path: Path) -> None:
    queries = (  # everything but the installation's own id, which differs
        "* FROM tasks",
        "id, task_id, kind, person_id, occurred_at, recorded_at, detail FROM task_events",
        "* FROM timesheet_entries",
        "* FROM comments",
        "* FROM mentions",
    )
    dumps = []
    for name in ("a", "b"):
        store = new_store(tmp_path / name)
        build_seed_demo(store, today=TODAY, new_id=counter_ids())
        dumps.append([rows(store, f"SELECT {query} ORDER BY 1") for query in queries])
        store.close()
    assert dumps[0] == dumps[1]


@pytest.mark.parametrize(
    "today",
    [date(2026, 11, 1), date(2026, 11, 28), date(2027, 1, 31), date(2028, 2, 29)],
    ids=["1st-sunday", "saturday", "31st", "leap-day"],
)
def test_any_day_gives_a_consistent_demo(tmp_path: Path, today: date) -> None:
    store = new_store(tmp_path / "store")
    try:
        build_seed_demo(store, today=today)
        check_task_statuses(store)
        check_deadlines(store, today)
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    finally:
        store.close()


def check_task_statuses(store: Store) -> None:
    """Each task's status is what its last event leaves it in; templates stay 'pending'.
    Events of the same minute (a submission returned at once) are in the order written."""
    tasks = rows(
        store,
        "SELECT t.code, t.status, t.recurrence, "
        "(SELECT kind FROM task_events e WHERE e.task_id = t.id "
        " ORDER BY occurred_at DESC, e.rowid DESC LIMIT 1), "
        "(SELECT check_result FROM submissions s WHERE s.task_id = t.id "
        " ORDER BY revision DESC LIMIT 1) FROM tasks t",
    )
    for code, status, recurrence, last_event, last_check in tasks:
        if recurrence:
            expected = "pending"
        elif last_event == "submitted":
            expected = "awaiting_acceptance" if last_check == "complete" else "submitted"
        else:
            expected = STATUS_AFTER_EVENT[last_event]
        assert status == expected, code


def check_deadlines(store: Store, today: date) -> None:
    overdue = "SELECT count(*) FROM tasks WHERE deadline < :today AND status <> 'completed'"
    assert scalar(store, overdue, today=today.isoformat()) >= 2
    due_soon = (
        "SELECT count(*) FROM tasks WHERE deadline BETWEEN :today AND :soon "
        "AND status NOT IN ('completed', 'awaiting_acceptance')"
    )
    soon = (today + timedelta(days=3)).isoformat()
    assert scalar(store, due_soon, today=today.isoformat(), soon=soon) >= 1


def test_overtime_follows_the_same_rule_as_entered_hours(seeded) -> None:
    """Every hour on a rest day or holiday is overtime; on a workday only beyond 8 h."""
    from govperf_desktop.services.timesheet_rules import is_rest_day

    store, _ = seeded
    days = rows(
        store,
        "SELECT person_id, work_date, sum(hours), sum(overtime) FROM timesheet_entries"
        " GROUP BY person_id, work_date",
    )
    assert days
    for _person, day, hours, overtime in days:
        expected = hours if is_rest_day(date.fromisoformat(day)) else max(0.0, hours - 8)
        assert overtime == pytest.approx(expected), (day, hours, overtime)
    assert any(is_rest_day(date.fromisoformat(day)) for _, day, _, _ in days)
