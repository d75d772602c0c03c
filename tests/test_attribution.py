"""Delay attribution along dependencies: hand-worked cases of the method in docs/scoring.md.

latest start(t) = min(deadline(t), max upstream deadline); blocked(u) = min(late(u),
max(0, finish(u) − latest start(t))); the upstream with the most blocked days takes the
blame; caused(t) = min(late(t), blocked); those days are the first of the tail of the
blocking task's own run of late days (inherited days first, its own after them).
"""

from __future__ import annotations

from datetime import date

from scoring_scenario import NOW, office, rid

from govperf_desktop.domain.attribution import TaskTiming, attribute
from govperf_desktop.services.indicators import IndicatorDraft, TaskDraft, create_indicator
from govperf_desktop.services.org import add_department
from govperf_desktop.services.scoring import attribution_report
from govperf_desktop.store import models as m

TODAY = date(2026, 10, 31)


def _task(
    code: str,
    department: str,
    deadline: date,
    finished: date | None,
    *,
    period: str | None = None,
    template: str | None = None,
) -> TaskTiming:
    return TaskTiming(
        task_id=code, code=code, content=f"{code}的工作", department_id=department,
        department=department, deadline=deadline, finished=finished, period=period,
        template_id=template,
    )  # fmt: skip


def _split(result, code: str) -> list[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    return [(s.department, s.origin_code, s.days) for s in result[code].shares]


def test_the_seeds_example_two_days_upstream_one_its_own() -> None:
    tasks = [
        _task("KS-01", "民政局", date(2026, 9, 10), date(2026, 9, 12)),
        _task("KS-02", "公安局", date(2026, 9, 15), date(2026, 9, 18)),
    ]
    result = attribute(tasks, [("KS-02", "KS-01")], TODAY)
    # latest start of KS-02 = 09-10; KS-01 finished 09-12: blocked min(2, 2) = 2 of 3 days.
    assert _split(result, "KS-01") == [("民政局", "KS-01", 2)]
    assert _split(result, "KS-02") == [("民政局", "KS-01", 2), ("公安局", "KS-02", 1)]
    assert (result["KS-02"].caused_days, result["KS-02"].own_days) == (2, 1)
    assert result["KS-02"].explanation_zh == (
        "公安局的任务KS-02(KS-02的工作)超期3天:其中2天因民政局的任务KS-01(KS-01的工作)"
        "超期2天所致,1天为自身原因。"
    )
    assert result["KS-02"].explanation_en == (
        "公安局's task KS-02 (KS-02的工作) was 3 days late: 2 days caused by 民政局's task "
        "KS-01 (KS-01的工作), 2 days late; 1 day its own."
    )


def test_a_chain_traces_the_days_to_where_they_started() -> None:
    """A 2 late (own). B: latest start 10-10, A done 10-12 → 2 blocked of its 3; own 1.
    C: latest start = B's deadline 10-12, B done 10-15 → blocked 3, but C is only 1 late:
    the first day of B's run [A, A, B] → 民政局."""
    tasks = [
        _task("A", "民政局", date(2026, 10, 10), date(2026, 10, 12)),
        _task("B", "公安局", date(2026, 10, 12), date(2026, 10, 15)),
        _task("C", "社保局", date(2026, 10, 16), date(2026, 10, 17)),
    ]
    result = attribute(tasks, [("B", "A"), ("C", "B")], TODAY)
    assert _split(result, "B") == [("民政局", "A", 2), ("公安局", "B", 1)]
    assert _split(result, "C") == [("民政局", "A", 1)]
    assert result["C"].own_days == 0 and result["C"].blocked_by_code == "B"
    assert result["C"].explanation_zh.endswith("超期1天,全部因民政局的任务A(A的工作)超期2天所致。")


def test_a_diamond_blames_the_upstream_that_held_it_longest() -> None:
    """U 2 late → A 4 late (2 from U, 2 own); B 1 late. C waits for A and B: latest start
    = max(10-10, 10-12) = 10-12. blocked(A) = min(4, 10-14 − 10-12) = 2, blocked(B) = 1.
    A blocks: its run is [U, U, A, A]; the 2 days past C's latest start are the last two,
    A's own. C is 3 late: 2 from 民政局's A, 1 its own."""
    tasks = [
        _task("U", "财政局", date(2026, 10, 5), date(2026, 10, 7)),
        _task("A", "民政局", date(2026, 10, 10), date(2026, 10, 14)),
        _task("B", "公安局", date(2026, 10, 12), date(2026, 10, 13)),
        _task("C", "社保局", date(2026, 10, 20), date(2026, 10, 23)),
    ]
    edges = [("A", "U"), ("C", "A"), ("C", "B")]
    result = attribute(tasks, edges, TODAY)
    assert _split(result, "A") == [("财政局", "U", 2), ("民政局", "A", 2)]
    assert _split(result, "C") == [("民政局", "A", 2), ("社保局", "C", 1)]
    assert result["C"].latest_start == date(2026, 10, 12)


def test_ties_go_to_the_later_finish_then_the_lower_code() -> None:
    tasks = [
        _task("X", "民政局", date(2026, 10, 10), date(2026, 10, 12)),
        _task("Y", "公安局", date(2026, 10, 10), date(2026, 10, 12)),
        _task("Z", "社保局", date(2026, 10, 15), date(2026, 10, 17)),
    ]
    result = attribute(tasks, [("Z", "Y"), ("Z", "X")], TODAY)
    assert _split(result, "Z") == [("民政局", "X", 2)]


def test_open_tasks_count_up_to_today_and_on_time_tasks_carry_nothing() -> None:
    tasks = [
        _task("A", "民政局", date(2026, 10, 20), None),  # open, 11 days late on 10-31
        _task("B", "公安局", date(2026, 10, 25), None),  # open, 6 late, waiting for A
        _task("C", "社保局", date(2026, 11, 20), None),  # not due yet
    ]
    result = attribute(tasks, [("B", "A"), ("C", "B")], TODAY)
    assert result["A"].days_late == 11 and _split(result, "A") == [("民政局", "A", 11)]
    assert _split(result, "B") == [("民政局", "A", 6)]
    assert result["B"].explanation_zh.startswith(
        "公安局的任务B(B的工作)尚未完成,截至2026-10-31已超期6天,全部因"
    )
    assert result["C"].days_late == 0 and result["C"].shares == ()
    assert result["C"].explanation_en == "社保局's task C (C的工作) is not late."


def test_a_late_upstream_is_blamed_only_for_days_past_the_latest_start() -> None:
    """B's latest start is A's deadline (10-10). A finished 2 days late, so B lost 2 days;
    B is 1 day late → that day is A's. Had A been on time, B's day would be its own."""
    tasks = [
        _task("A", "民政局", date(2026, 10, 10), date(2026, 10, 12)),
        _task("B", "公安局", date(2026, 10, 30), date(2026, 10, 31)),
    ]
    result = attribute(tasks, [("B", "A")], TODAY)
    # blocked(A) = min(2, 10-12 − 10-10) = 2, B 1 late → caused min(1, 2) = 1
    assert _split(result, "B") == [("民政局", "A", 1)]
    on_time = [
        _task("A", "民政局", date(2026, 10, 10), date(2026, 10, 10)),
        _task("B", "公安局", date(2026, 10, 30), date(2026, 10, 31)),
    ]
    assert _split(attribute(on_time, [("B", "A")], TODAY), "B") == [("公安局", "B", 1)]


def test_recurring_instances_wait_only_for_their_own_period() -> None:
    tasks = [
        _task("KS-01/2026-09", "民政局", date(2026, 9, 10), date(2026, 9, 20),
              period="2026-09", template="KS-01"),
        _task("KS-02/2026-10", "公安局", date(2026, 10, 15), date(2026, 10, 18),
              period="2026-10", template="KS-02"),
        _task("KS-01/2026-10", "民政局", date(2026, 10, 10), date(2026, 10, 10),
              period="2026-10", template="KS-01"),
        _task("QR/2026-Q4", "社保局", date(2026, 10, 12), date(2026, 10, 14),
              period="2026-Q4", template="QR"),
    ]  # fmt: skip
    edges = [
        ("KS-02/2026-10", "KS-01/2026-10"),
        ("KS-02/2026-10", "KS-01/2026-09"),  # another month: ignored
        ("KS-02/2026-10", "QR/2026-Q4"),  # another frequency: kept
    ]
    result = attribute(tasks, edges, TODAY)
    # latest start = min(10-15, max(10-10, 10-12)) = 10-12; QR done 10-14: blocked 2.
    assert _split(result, "KS-02/2026-10") == [
        ("社保局", "QR/2026-Q4", 2),
        ("公安局", "KS-02/2026-10", 1),
    ]
    assert result["KS-02/2026-10"].upstream_ids == ("KS-01/2026-10", "QR/2026-Q4")


def test_a_cycle_in_the_data_does_not_stop_the_attribution() -> None:
    tasks = [
        _task("A", "民政局", date(2026, 10, 10), date(2026, 10, 12)),
        _task("B", "公安局", date(2026, 10, 12), date(2026, 10, 15)),
    ]
    result = attribute(tasks, [("A", "B"), ("B", "A")], TODAY)
    assert sum(s.days for s in result["A"].shares) == 2
    assert sum(s.days for s in result["B"].shares) == 3


def test_the_report_on_a_recurring_indicator(store) -> None:
    """Monthly KS-01 (10th, 民政局) → KS-02 (15th, 公安局) over October and November, made
    by the decomposition. October: list 2 days late, link-up 3 (2 + 1). November: the
    link-up is 2 days late on its own, even with a stray edge to October's list."""
    for name in ("民政局", "公安局"):
        add_department(store, name, now=NOW)
    view = create_indicator(
        store,
        IndicatorDraft(
            name="跨省通办月报", lead_department="民政局", target="按月完成",
            period="2026-Q4", period_start=date(2026, 10, 1), period_end=date(2026, 11, 30),
            cooperating=("公安局",),
            tasks=(
                TaskDraft("KS-01", "民政局", "收集事项清单", recurrence="monthly:10"),
                TaskDraft("KS-02", "公安局", "对接异地公安系统", recurrence="monthly:15",
                          depends_on=("KS-01",)),
            ),
        ),
        now=NOW,
    )  # fmt: skip
    ids = view.task_ids
    finished = {
        "KS-01/2026-10": office(10, 12, 16),
        "KS-02/2026-10": office(10, 18, 16),
        "KS-01/2026-11": office(11, 9, 16),
        "KS-02/2026-11": office(11, 17, 16),
    }
    with store.write() as session:
        for number, (code, at) in enumerate(sorted(finished.items())):
            task = session.get(m.Task, ids[code])
            session.add(
                m.TaskEvent(
                    id=rid(100 + number), task_id=task.id, kind="accepted",
                    department_id=task.department_id, occurred_at=at, recorded_at=at,
                )
            )  # fmt: skip
        session.add(
            m.TaskDependency(
                indicator_id=view.id,
                task_id=ids["KS-02/2026-11"],
                depends_on_id=ids["KS-01/2026-10"],
            )
        )
    report = attribution_report(store, "跨省通办月报", now=NOW)
    lines = {t.code: [(s.department, s.days) for s in t.shares] for t in report.tasks}
    assert lines == {
        "KS-01/2026-10": [("民政局", 2)],
        "KS-02/2026-10": [("民政局", 2), ("公安局", 1)],
        "KS-02/2026-11": [("公安局", 2)],
    }
    assert report.days_by_department == {"民政局": 4, "公安局": 3}
    november = attribution_report(store, "跨省通办月报", now=NOW, period="2026-11")
    assert [t.code for t in november.tasks] == ["KS-02/2026-11"]
    everything = attribution_report(store, "跨省通办月报", now=NOW, all_tasks=True)
    assert len(everything.tasks) == 4  # the templates (no deadline) take no part
