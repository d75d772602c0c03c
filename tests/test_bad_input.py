"""Bad input gets a clear error, and the store file is byte-for-byte as it was."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import NOW, checkpoint, file_digest

from govperf_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from govperf_desktop.paths import store_path
from govperf_desktop.services.indicators import (
    IndicatorDraft,
    TaskDraft,
    add_dependency,
    create_indicator,
)
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.services.timesheets import add_entry


def _draft(name: str, tasks: tuple[TaskDraft, ...], lead: str = "民政局") -> IndicatorDraft:
    return IndicatorDraft(
        name=name,
        lead_department=lead,
        target="每月10日前提交",
        period="2026-11",
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30),
        cooperating=tuple({"民政局", "公安局"} - {lead}),
        tasks=tasks,
    )


@pytest.fixture
def office(store):  # type: ignore[no-untyped-def]
    """民政局 and 公安局 with one person each and one indicator of two chained tasks."""
    add_department(store, "民政局", now=NOW)
    add_department(store, "公安局", now=NOW)
    add_person(store, department="民政局", name="李娜", now=NOW)
    add_person(store, department="公安局", name="陈刚", now=NOW)
    view = create_indicator(
        store,
        _draft(
            "政务服务跨省通办",
            (
                TaskDraft("MZ-1", "民政局", "收集事项清单", deadline=date(2026, 11, 10)),
                TaskDraft(
                    "GA-1",
                    "公安局",
                    "对接异地公安系统",
                    deadline=date(2026, 11, 15),
                    depends_on=("MZ-1",),
                ),
            ),
        ),
        now=NOW,
    )
    checkpoint(store)
    return store, view


def _unchanged(store, action, error, match: str) -> None:  # type: ignore[no-untyped-def]
    path = store_path(store.path.parent)
    before = file_digest(path)
    with pytest.raises(error, match=match):
        action()
    checkpoint(store)
    assert file_digest(path) == before


def test_unknown_department_is_refused(office) -> None:
    store, _ = office
    _unchanged(
        store,
        lambda: add_person(store, department="水利局", name="赵敏", now=NOW),
        NotFoundError,
        "Unknown department '水利局'",
    )
    _unchanged(
        store,
        lambda: create_indicator(
            store,
            _draft("新指标", (TaskDraft("X-1", "不存在的局", "内容", deadline=date(2026, 11, 9)),)),
            now=NOW,
        ),
        NotFoundError,
        "Unknown department '不存在的局'",
    )


@pytest.mark.parametrize(
    ("hours", "overtime", "match"),
    [
        (-2, 0, "more than 0"),
        (0, 0, "more than 0"),
        (25, 0, "cannot exceed 24"),
        (float("nan"), 0, "more than 0"),
        (8, -1, "cannot be negative"),
        (4, 5, "cannot exceed"),
    ],
)
def test_impossible_hours_are_refused(office, hours, overtime, match) -> None:
    store, view = office
    _unchanged(
        store,
        lambda: add_entry(
            store,
            person="李娜",
            task_id=view.task_ids["MZ-1"],
            work_date=date(2026, 11, 3),
            hours=hours,
            overtime=overtime,
            now=NOW,
        ),
        ValidationError,
        match,
    )


def test_a_persons_day_cannot_exceed_24_hours_across_entries(office) -> None:
    store, view = office
    day = date(2026, 11, 4)
    add_entry(
        store,
        person="李娜",
        task_id=view.task_ids["MZ-1"],
        work_date=day,
        hours=14,
        overtime=6,
        now=NOW,
    )
    add_entry(
        store,
        person="李娜",
        task_id=view.task_ids["GA-1"],
        work_date=day,
        hours=9,
        overtime=1,
        now=NOW,
    )
    checkpoint(store)
    _unchanged(
        store,
        lambda: add_entry(
            store, person="李娜", task_id=view.task_ids["MZ-1"], work_date=day, hours=1.5, now=NOW
        ),
        ValidationError,
        r"李娜 would have 24\.5 hours on 2026-11-04",
    )
    # Exactly 24 is allowed; another day is unaffected.
    add_entry(store, person="李娜", task_id=view.task_ids["MZ-1"], work_date=day, hours=1, now=NOW)
    add_entry(
        store,
        person="李娜",
        task_id=view.task_ids["MZ-1"],
        work_date=date(2026, 11, 5),
        hours=8,
        now=NOW,
    )


def test_entry_for_an_unknown_task_is_refused(office) -> None:
    store, _ = office
    _unchanged(
        store,
        lambda: add_entry(
            store, person="李娜", task_id="0" * 32, work_date=date(2026, 11, 3), hours=2, now=NOW
        ),
        NotFoundError,
        "Unknown task",
    )


def test_duplicate_ids_are_refused(office) -> None:
    store, view = office
    first = add_entry(
        store,
        person="李娜",
        task_id=view.task_ids["MZ-1"],
        work_date=date(2026, 11, 3),
        hours=2,
        now=NOW,
    )
    checkpoint(store)
    _unchanged(
        store,
        lambda: add_entry(
            store,
            person="陈刚",
            task_id=view.task_ids["GA-1"],
            work_date=date(2026, 11, 3),
            hours=3,
            entry_id=first.id,
            now=NOW,
        ),
        ConflictError,
        "duplicate id",
    )
    _unchanged(
        store, lambda: add_department(store, "民政局", now=NOW), ConflictError, "already exists"
    )


def test_dependency_on_a_task_of_another_indicator_is_refused(office) -> None:
    store, view = office
    other = create_indicator(
        store,
        _draft(
            "医保异地结算",
            (TaskDraft("YB-1", "公安局", "测试结算流程", deadline=date(2026, 11, 20)),),
            lead="公安局",
        ),
        now=NOW,
    )
    checkpoint(store)
    _unchanged(
        store,
        lambda: add_dependency(store, view.task_ids["GA-1"], other.task_ids["YB-1"]),
        ValidationError,
        "different indicators",
    )
    _unchanged(
        store,
        lambda: create_indicator(
            store,
            _draft(
                "另一个指标",
                (
                    TaskDraft(
                        "A", "民政局", "内容", deadline=date(2026, 11, 9), depends_on=("MZ-1",)
                    ),
                ),
            ),
            now=NOW,
        ),
        ValidationError,
        "not a task of this indicator",
    )


def test_dependency_across_indicators_is_impossible_even_bypassing_services(office) -> None:
    """The composite foreign keys hold the rule in the schema itself."""
    from govperf_desktop.store.models import TaskDependency

    store, view = office
    other = create_indicator(
        store,
        _draft(
            "医保异地结算",
            (TaskDraft("YB-1", "公安局", "测试", deadline=date(2026, 11, 20)),),
            lead="公安局",
        ),
        now=NOW,
    )
    with pytest.raises(ValidationError, match="does not exist"), store.write() as session:
        session.add(
            TaskDependency(
                indicator_id=view.id,
                task_id=view.task_ids["GA-1"],
                depends_on_id=other.task_ids["YB-1"],
            )
        )


def test_dependency_cycles_are_refused(office) -> None:
    store, view = office
    _unchanged(
        store,
        lambda: add_dependency(store, view.task_ids["MZ-1"], view.task_ids["GA-1"]),
        ValidationError,
        "cycle: (MZ-1 → GA-1 → MZ-1|GA-1 → MZ-1 → GA-1)",
    )
    _unchanged(
        store,
        lambda: create_indicator(
            store,
            _draft(
                "循环",
                (
                    TaskDraft("A", "民政局", "甲", deadline=date(2026, 11, 9), depends_on=("C",)),
                    TaskDraft("B", "民政局", "乙", deadline=date(2026, 11, 9), depends_on=("A",)),
                    TaskDraft("C", "公安局", "丙", deadline=date(2026, 11, 9), depends_on=("B",)),
                ),
            ),
            now=NOW,
        ),
        ValidationError,
        "cycle",
    )
