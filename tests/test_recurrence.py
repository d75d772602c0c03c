"""Recurring deadlines (每月10日) and the instances of a decomposition table: pure domain."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govperf_desktop.domain.decomposition import (
    TaskLine,
    code_order,
    plan_instances,
    task_problems,
)
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.recurrence import (
    MAX_OCCURRENCES,
    Recurrence,
    chinese_text,
    expand,
    parse_rule,
)

Q4 = (date(2026, 10, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("text", "canonical", "chinese"),
    [
        ("monthly:10", "monthly:10", "每月10日"),
        ("每月10日", "monthly:10", "每月10日"),
        ("每月10号", "monthly:10", "每月10日"),
        ("每月十五日", "monthly:15", "每月15日"),
        ("每月三十一日", "monthly:31", "每月31日"),
        ("每月１０日", "monthly:10", "每月10日"),  # full-width digits from a Chinese IME
        ("  Monthly: 20 ", "monthly:20", "每月20日"),
        ("monthly:last", "monthly:last", "每月最后一天"),
        ("每月最后一天", "monthly:last", "每月最后一天"),
        ("每月末", "monthly:last", "每月最后一天"),
        ("weekly:mon", "weekly:mon", "每周一"),
        ("每周一", "weekly:mon", "每周一"),
        ("每周星期五", "weekly:fri", "每周五"),
        ("每星期三", "weekly:wed", "每周三"),
        ("每周日", "weekly:sun", "每周日"),
        ("每周天", "weekly:sun", "每周日"),
        ("quarterly:15", "quarterly:15", "每季度15日"),
        ("每季度15日", "quarterly:15", "每季度15日"),
        ("每季度最后一天", "quarterly:last", "每季度最后一天"),
        ("每季度末", "quarterly:last", "每季度最后一天"),
    ],
)
def test_rules_parse_in_english_and_chinese(text: str, canonical: str, chinese: str) -> None:
    rule = parse_rule(text)
    assert str(rule) == canonical
    assert rule.chinese() == chinese
    assert parse_rule(rule.chinese()) == rule == parse_rule(str(rule))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "it is empty"),
        ("   ", "it is empty"),
        ("monthly:0", "the day must be 1 to 31"),
        ("monthly:32", "the day must be 1 to 31"),
        ("每月32日", "the day must be 1 to 31"),
        ("monthly:abc", "the day must be 1 to 31"),
        ("每月十十日", "the day must be 1 to 31"),
        ("weekly:10", "a weekly rule needs a weekday"),
        ("每周八", "a weekly rule needs a weekday"),
        ("yearly:1", "it names no frequency"),
        ("每年1月1日", "it names no frequency"),
        ("每月", "write the day as 每月10日"),
        ("10", "it names no frequency"),
    ],
)
def test_bad_rules_say_what_is_wrong(text: str, reason: str) -> None:
    with pytest.raises(
        ValidationError, match=f"Recurrence {text!r} is not a rule we know: {reason}"
    ):
        parse_rule(text)


def test_a_day_beyond_the_month_clamps_to_its_last_day() -> None:
    found = expand(parse_rule("monthly:31"), date(2026, 1, 1), date(2026, 6, 30))
    assert [o.deadline for o in found] == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
        date(2026, 6, 30),
    ]
    assert [o.period for o in found] == [f"2026-{m:02d}" for m in range(1, 7)]
    leap = expand(parse_rule("monthly:30"), date(2028, 2, 1), date(2028, 2, 29))
    assert [o.deadline for o in leap] == [date(2028, 2, 29)]
    assert [o.deadline for o in expand(parse_rule("每月最后一天"), *Q4)] == [
        date(2026, 10, 31),
        date(2026, 11, 30),
        date(2026, 12, 31),
    ]


def test_only_deadlines_inside_the_period_count_both_ends_included() -> None:
    rule = parse_rule("每月10日")
    assert [o.period for o in expand(rule, date(2026, 10, 10), date(2026, 12, 10))] == [
        "2026-10",
        "2026-11",
        "2026-12",
    ]
    assert [o.period for o in expand(rule, date(2026, 10, 11), date(2026, 12, 9))] == ["2026-11"]
    assert expand(rule, date(2026, 11, 11), date(2026, 11, 30)) == []


def test_weekly_rules_are_labelled_by_iso_week_across_the_new_year() -> None:
    found = expand(parse_rule("每周一"), date(2026, 12, 20), date(2027, 1, 12))
    assert [(o.period, o.deadline) for o in found] == [
        ("2026-W52", date(2026, 12, 21)),
        ("2026-W53", date(2026, 12, 28)),
        ("2027-W01", date(2027, 1, 4)),
        ("2027-W02", date(2027, 1, 11)),
    ]


def test_quarterly_rules_fall_in_the_quarters_first_month_or_on_its_last_day() -> None:
    year = (date(2026, 1, 1), date(2026, 12, 31))
    assert [(o.period, o.deadline) for o in expand(parse_rule("quarterly:15"), *year)] == [
        ("2026-Q1", date(2026, 1, 15)),
        ("2026-Q2", date(2026, 4, 15)),
        ("2026-Q3", date(2026, 7, 15)),
        ("2026-Q4", date(2026, 10, 15)),
    ]
    assert [
        o.deadline
        for o in expand(parse_rule("每季度最后一天"), date(2026, 2, 1), date(2026, 9, 30))
    ] == [
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 9, 30),
    ]


def test_an_inverted_or_absurdly_long_period_is_refused() -> None:
    with pytest.raises(ValidationError, match="must start before it ends"):
        expand(parse_rule("monthly:10"), date(2026, 12, 1), date(2026, 11, 1))
    with pytest.raises(ValidationError, match=f"more than {MAX_OCCURRENCES} deadlines"):
        expand(parse_rule("weekly:mon"), date(2026, 1, 1), date(2036, 1, 1))


def test_stored_rules_show_as_a_clerk_writes_them() -> None:
    assert chinese_text("monthly:10") == "每月10日"
    assert chinese_text(None) is None
    assert chinese_text("fortnightly:2") == "fortnightly:2"  # unknown: shown as stored


@given(
    frequency=st.sampled_from(["monthly", "quarterly", "weekly"]),
    day=st.one_of(st.none(), st.integers(1, 31)),
    start=st.dates(date(2000, 1, 1), date(2040, 12, 31)),
    length=st.integers(0, 800),
)
def test_expansion_stays_in_the_period_in_order_one_per_label(
    frequency, day, start, length
) -> None:
    rule = Recurrence(frequency, (day or 1) % 7 if frequency == "weekly" else day)
    end = start + timedelta(days=length)
    found = expand(rule, start, end)
    deadlines = [o.deadline for o in found]
    assert deadlines == sorted(deadlines) and all(start <= d <= end for d in deadlines)
    assert len({o.period for o in found}) == len(found)
    for occurrence in found:
        last = calendar.monthrange(occurrence.deadline.year, occurrence.deadline.month)[1]
        if frequency == "monthly":
            assert occurrence.deadline.day == (last if day is None else min(day, last))
            assert occurrence.period == f"{occurrence.deadline:%Y-%m}"
        elif frequency == "weekly":
            assert occurrence.deadline.weekday() == rule.day
    if frequency == "monthly" and length >= 62:
        assert len(found) >= 2  # every month of a long period has its deadline


def _cross_province() -> list[TaskLine]:
    return [
        TaskLine("MZ-1", "收集“跨省通办”事项清单", None, "每月10日", (), ("事项清单",)),
        TaskLine("GA-1", "对接异地公安系统", None, "monthly:15", ("MZ-1",)),
        TaskLine("SB-1", "测试“跨省通办”流程", None, "每月20日", ("GA-1",)),
    ]


def test_cross_province_case_gives_three_instances_each_chained_per_month() -> None:
    plan = plan_instances(_cross_province(), *Q4)
    assert [(i.code, i.template_code, i.period, i.deadline) for i in plan.instances] == [
        (f"{code}/2026-{month}", code, f"2026-{month}", date(2026, int(month), day))
        for code, day in (("MZ-1", 10), ("GA-1", 15), ("SB-1", 20))
        for month in ("10", "11", "12")
    ]
    assert sorted(plan.dependencies) == sorted(
        [(f"GA-1/2026-{m}", f"MZ-1/2026-{m}") for m in ("10", "11", "12")]
        + [(f"SB-1/2026-{m}", f"GA-1/2026-{m}") for m in ("10", "11", "12")]
    )


def test_dependencies_across_frequencies_and_with_one_off_tasks() -> None:
    lines = [
        TaskLine("PLAN", "制定方案", date(2026, 10, 5), None),
        TaskLine("M", "月报", None, "monthly:last", ("PLAN",)),
        TaskLine("W", "周报", None, "weekly:fri", ("M",)),
        TaskLine("SUM", "年度总结", date(2026, 11, 30), None, ("M",)),
    ]
    plan = plan_instances(lines, date(2026, 10, 1), date(2026, 11, 30))
    edges = set(plan.dependencies)
    # every monthly instance waits for the one-off plan
    assert {("M/2026-10", "PLAN"), ("M/2026-11", "PLAN")} <= edges
    # a weekly instance waits for the monthly instance due latest on or before it
    assert ("W/2026-W44", "M/2026-10") not in edges  # Fri 30 Oct: October's report is due 31st
    assert ("W/2026-W45", "M/2026-10") in edges  # Fri 6 Nov
    assert not any(edge[0] == "W/2026-W40" for edge in edges)  # Fri 2 Oct: nothing due yet
    # a one-off task waits for the instances due by its deadline
    assert {("SUM", "M/2026-10"), ("SUM", "M/2026-11")} <= edges


def test_every_problem_of_a_table_is_reported_with_its_row() -> None:
    lines = [
        TaskLine("A", "甲", date(2026, 10, 9), None, ("C",), row=2),
        TaskLine("A", "重复", date(2026, 10, 9), None, (), row=3),
        TaskLine("B", " ", None, None, ("B", "Z"), row=4),
        TaskLine("C", "丙", date(2026, 10, 9), "每月10日", ("A",), row=5),
        TaskLine("D/1", "丁", None, "每月35日", (), ("x", "x"), row=6),
        TaskLine("E", "戊", None, "每月31日", (), row=7),
    ]
    found = [str(p) for p in task_problems(lines, (date(2026, 11, 1), date(2026, 11, 29)), "任务")]
    assert found == [
        "Sheet 任务, row 3: Task code A is used twice in this table (also row 2).",
        "Sheet 任务, row 4: Task B has no content (任务内容).",
        "Sheet 任务, row 4: Task B needs a deadline or a recurrence.",
        "Sheet 任务, row 5: Task C has both a deadline and a recurrence; a recurring task takes "
        "its deadlines from the rule, so leave one of them empty.",
        "Sheet 任务, row 6: Task code D/1 contains '/', which is kept for the instances of "
        "recurring tasks (MZ-1/2026-11); use another character.",
        "Sheet 任务, row 6: Task D/1: Recurrence '每月35日' is not a rule we know: the day must "
        "be 1 to 31 or 'last', not '35'; write e.g. 每月10日, 每月最后一天, 每周一, monthly:10 or "
        "quarterly:15.",
        "Sheet 任务, row 6: Task D/1 lists the output standard item 'x' twice.",
        "Sheet 任务, row 7: Task E's rule 每月31日 gives no deadline between 2026-11-01 and "
        "2026-11-29, the indicator's period.",
        "Sheet 任务, row 4: Task B cannot depend on itself.",
        "Sheet 任务, row 4: Task B depends on Z, which is not a task of this indicator; "
        "dependencies stay within one indicator.",
        "Sheet 任务, row 2: Task dependencies form a cycle: A → C → A.",
    ]


def test_two_separate_cycles_are_both_reported() -> None:
    lines = [
        TaskLine("A", "a", date(2026, 11, 1), None, ("B",), row=2),
        TaskLine("B", "b", date(2026, 11, 1), None, ("A",), row=3),
        TaskLine("C", "c", date(2026, 11, 1), None, ("D",), row=4),
        TaskLine("D", "d", date(2026, 11, 1), None, ("C",), row=5),
    ]
    cycles = [p for p in task_problems(lines, None) if "cycle" in p.message]
    assert [p.row for p in cycles] == [2, 4]


def test_codes_sort_by_their_numbers() -> None:
    assert sorted(["MZ-10", "MZ-2", "GA-1", "MZ-1"], key=code_order) == [
        "GA-1",
        "MZ-1",
        "MZ-2",
        "MZ-10",
    ]
