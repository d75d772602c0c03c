"""Timesheets (项目工时台账) on a real store: entries, overtime, the week, copy-week, periods."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import NOW, checkpoint, file_digest
from sqlalchemy import func, select

from govperf_desktop.cli.main import main
from govperf_desktop.domain.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from govperf_desktop.paths import store_path
from govperf_desktop.services.history import history
from govperf_desktop.services.indicators import IndicatorDraft, TaskDraft, create_indicator
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.services.timesheet_periods import (
    approve_period,
    period_status,
    reopen_period,
    submit_period,
)
from govperf_desktop.services.timesheet_week import copy_last_week, week
from govperf_desktop.services.timesheets import (
    add_entry,
    delete_entry,
    edit_entry,
    set_standard_day,
    standard_day,
)
from govperf_desktop.store.models import Change, TimesheetEntry

MONDAY = date(2026, 11, 2)  # a plain week: no holidays in November 2026
TUESDAY, WEDNESDAY = date(2026, 11, 3), date(2026, 11, 4)
SATURDAY, SUNDAY = date(2026, 11, 7), date(2026, 11, 8)
NATIONAL_DAY = date(2026, 10, 1)  # a Thursday, public holiday (国庆节)
MAKE_UP_SATURDAY = date(2026, 10, 10)  # 调休上班: a Saturday that is a working day

INDICATOR = "政务服务跨省通办"


def _indicator(name: str, lead: str, cooperating: tuple[str, ...], tasks) -> IndicatorDraft:  # type: ignore[no-untyped-def]
    return IndicatorDraft(
        name=name,
        lead_department=lead,
        target="每月10日前提交",
        period="2026-11",
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30),
        cooperating=cooperating,
        tasks=tasks,
    )


@pytest.fixture
def office(store):  # type: ignore[no-untyped-def]
    """民政局 leads 政务服务跨省通办 with 公安局 cooperating and a task for 住建局;
    财政局 works only on its own indicator."""
    for name in ("民政局", "公安局", "住建局", "财政局", "考核办"):
        add_department(store, name, now=NOW)
    add_person(store, department="民政局", name="李娜", now=NOW)
    add_person(store, department="民政局", name="张伟", now=NOW)
    add_person(store, department="民政局", name="王芳", roles=("head",), now=NOW)
    add_person(store, department="民政局", name="赵磊", roles=("head",), now=NOW)
    add_person(store, department="公安局", name="陈刚", now=NOW)
    add_person(store, department="公安局", name="宋志刚", roles=("head",), now=NOW)
    add_person(store, department="住建局", name="刘洋", now=NOW)
    add_person(store, department="财政局", name="孙丽", now=NOW)
    add_person(store, department="考核办", name="周文博", roles=("central",), now=NOW)
    main_view = create_indicator(
        store,
        _indicator(
            INDICATOR,
            "民政局",
            ("公安局",),
            (
                TaskDraft("MZ-1", "民政局", "收集事项清单", deadline=date(2026, 11, 10)),
                TaskDraft("MZ-2", "民政局", "汇总办理流程", deadline=date(2026, 11, 20)),
                TaskDraft("GA-1", "公安局", "对接异地公安系统", deadline=date(2026, 11, 15)),
                TaskDraft("ZJ-1", "住建局", "提供住房数据", deadline=date(2026, 11, 18)),
            ),
        ),
        now=NOW,
    )
    other = create_indicator(
        store,
        _indicator(
            "财政资金拨付时效",
            "财政局",
            (),
            (TaskDraft("CZ-1", "财政局", "审核资金预算", deadline=date(2026, 11, 12)),),
        ),
        now=NOW,
    )
    checkpoint(store)
    return store, {**main_view.task_ids, **other.task_ids}


def _unchanged(store, action, error, match: str) -> None:  # type: ignore[no-untyped-def]
    checkpoint(store)
    path = store_path(store.path.parent)
    before = file_digest(path)
    with pytest.raises(error, match=match):
        action()
    checkpoint(store)
    assert file_digest(path) == before


def _add(store, tasks, person="李娜", task="MZ-1", day=TUESDAY, hours=8.0, **extra):  # type: ignore[no-untyped-def]
    return add_entry(
        store, person=person, task_id=tasks[task], work_date=day, hours=hours, now=NOW, **extra
    )


# --- who may record hours on which task -----------------------------------------------------------


def test_departments_working_on_the_indicator_may_record_hours(office) -> None:
    store, tasks = office
    assert _add(store, tasks, "李娜", "GA-1").department == "民政局"  # lead department
    assert _add(store, tasks, "陈刚", "MZ-1").department == "公安局"  # cooperating
    assert _add(store, tasks, "刘洋", "MZ-1").department == "住建局"  # has a task of it
    by_code = add_entry(
        store,
        person="李娜",
        task_id="MZ-2",
        indicator=INDICATOR,
        work_date=WEDNESDAY,
        hours=2,
        now=NOW,
    )
    assert by_code.task_code == "MZ-2"


def test_hours_on_an_indicator_the_department_does_not_work_on_are_refused(office) -> None:
    store, tasks = office
    _unchanged(
        store,
        lambda: _add(store, tasks, "孙丽", "MZ-1"),
        ValidationError,
        f"Task MZ-1 belongs to indicator {INDICATOR}, which 财政局 does not work on",
    )
    _unchanged(
        store, lambda: _add(store, tasks, "李娜", "CZ-1"), ValidationError, "民政局 does not"
    )


def test_only_the_person_or_their_head_records_their_hours(office) -> None:
    store, tasks = office
    assert _add(store, tasks, actor="王芳").person == "李娜"
    _unchanged(
        store,
        lambda: _add(store, tasks, day=WEDNESDAY, actor="张伟"),
        PermissionDeniedError,
        r"张伟 \(clerk, 民政局\) may not change 李娜's hours: that needs a department head of "
        "民政局",
    )
    _unchanged(
        store,
        lambda: _add(store, tasks, day=WEDNESDAY, actor="宋志刚"),
        PermissionDeniedError,
        "may not change 李娜's hours",
    )


# --- overtime -------------------------------------------------------------------------------------


def test_overtime_on_a_workday_is_the_hours_beyond_the_standard_day(office) -> None:
    store, tasks = office
    assert _add(store, tasks, hours=6).overtime == 0
    assert _add(store, tasks, task="MZ-2", hours=3).overtime == 1  # 9 h in the day
    assert _add(store, tasks, task="GA-1", hours=2.5).overtime == 2.5  # all beyond 8 h
    assert _add(store, tasks, day=WEDNESDAY, hours=10).overtime == 2


def test_every_hour_on_a_rest_day_is_overtime(office) -> None:
    store, tasks = office
    assert _add(store, tasks, day=SATURDAY, hours=3).overtime == 3
    assert _add(store, tasks, day=SUNDAY, hours=9.5).overtime == 9.5
    assert _add(store, tasks, day=NATIONAL_DAY, hours=4).overtime == 4  # holiday on a Thursday
    assert _add(store, tasks, day=MAKE_UP_SATURDAY, hours=4).overtime == 0  # 调休上班
    assert _add(store, tasks, task="MZ-2", day=MAKE_UP_SATURDAY, hours=6).overtime == 2


def test_explicit_overtime_is_accepted_only_within_the_rule(office) -> None:
    store, tasks = office
    assert _add(store, tasks, hours=9, overtime=0).overtime == 0  # claiming less is allowed
    assert _add(store, tasks, day=WEDNESDAY, hours=9, overtime=1).overtime == 1
    _unchanged(
        store,
        lambda: _add(store, tasks, day=date(2026, 11, 5), hours=9, overtime=3),
        ValidationError,
        r"Overtime of 李娜 on 2026-11-05 can be at most 1 h \(got 3\): only hours beyond the "
        "standard 8-hour day count",
    )
    _unchanged(
        store,
        lambda: _add(store, tasks, day=WEDNESDAY, task="MZ-2", hours=1, overtime=2),
        ValidationError,
        "cannot exceed the hours worked",
    )
    assert _add(store, tasks, day=SATURDAY, hours=5, overtime=5).overtime == 5


def test_the_standard_day_is_a_setting_of_the_central_office(office) -> None:
    store, tasks = office
    assert standard_day(store) == 8
    _unchanged(
        store,
        lambda: set_standard_day(store, 7.5, actor="王芳", now=NOW),
        PermissionDeniedError,
        r"王芳 \(head, 民政局\) may not change the standard working day: that needs the central "
        "office",
    )
    with pytest.raises(ValidationError, match="more than 0 and at most 24"):
        set_standard_day(store, 0, actor="周文博", now=NOW)
    assert set_standard_day(store, 7.5, actor="周文博", now=NOW) == 7.5
    assert _add(store, tasks, hours=9).overtime == 1.5


# --- editing and deleting -------------------------------------------------------------------------


def test_the_author_or_the_head_edits_an_entry(office) -> None:
    store, tasks = office
    entry = _add(store, tasks, hours=10, note="初稿")
    assert entry.overtime == 2
    changed = edit_entry(store, entry.id, actor="李娜", hours=7, now=NOW)
    assert (changed.hours, changed.overtime, changed.note) == (7, 0, "初稿")
    moved = edit_entry(store, entry.id, actor="王芳", work_date=SATURDAY, note="", now=NOW)
    assert (moved.work_date, moved.overtime, moved.note) == (SATURDAY, 7, None)
    retasked = edit_entry(
        store, entry.id, actor="李娜", task_id="GA-1", indicator=INDICATOR, now=NOW
    )
    assert retasked.task_code == "GA-1"
    versions = history(store, entry.id)
    assert [v.actor for v in versions] == ["李娜", "李娜", "王芳", "李娜"]
    assert versions[1].before == {"hours": 10.0, "overtime": 2.0}
    assert versions[1].after == {"hours": 7.0, "overtime": 0.0}


def test_refused_edits_leave_the_store_unchanged(office) -> None:
    store, tasks = office
    entry = _add(store, tasks, hours=10)
    _add(store, tasks, day=WEDNESDAY, hours=20)
    refusals = [
        (dict(actor="张伟", hours=5), PermissionDeniedError, "张伟 .* may not change 李娜's hours"),
        (dict(actor="宋志刚", hours=5), PermissionDeniedError, "a department head of 民政局"),
        (dict(actor="李娜", hours=0), ValidationError, "must be more than 0"),
        (dict(actor="李娜", hours=25), ValidationError, "cannot exceed 24"),
        (dict(actor="李娜", work_date=WEDNESDAY), ValidationError, "would have 30 hours"),
        (dict(actor="李娜", overtime=5), ValidationError, "can be at most 2 h"),
        (dict(actor="李娜", task_id=tasks["CZ-1"]), ValidationError, "民政局 does not work on"),
        (dict(actor="李娜"), ValidationError, "Nothing to change"),
    ]
    for changes, error, match in refusals:
        _unchanged(store, lambda c=changes: edit_entry(store, entry.id, now=NOW, **c), error, match)
    _unchanged(
        store,
        lambda: edit_entry(store, "f" * 32, actor="李娜", hours=2, now=NOW),
        NotFoundError,
        "Unknown timesheet entry",
    )


def test_a_day_that_loses_hours_gives_back_its_overtime(office) -> None:
    store, tasks = office
    first = _add(store, tasks, hours=8)
    second = _add(store, tasks, task="MZ-2", hours=3)
    assert second.overtime == 3
    deleted = delete_entry(store, first.id, actor="李娜", now=NOW)
    assert deleted.rebalanced == 1
    grid = week(store, person="李娜", day=TUESDAY)
    assert grid.day_hours[1] == 3 and grid.day_overtime[1] == 0
    third = _add(store, tasks, task="GA-1", hours=6)
    assert third.overtime == 1  # 9 h: one beyond the standard day
    shortened = edit_entry(store, second.id, actor="李娜", hours=1, now=NOW)
    assert shortened.overtime == 0 and shortened.rebalanced == 1
    assert week(store, person="李娜", day=TUESDAY).day_overtime[1] == 0  # 7 h day


def test_delete_by_author_or_head_only(office) -> None:
    store, tasks = office
    entry = _add(store, tasks)
    _unchanged(
        store,
        lambda: delete_entry(store, entry.id, actor="陈刚", now=NOW),
        PermissionDeniedError,
        r"陈刚 \(clerk, 公安局\) may not change 李娜's hours",
    )
    assert delete_entry(store, entry.id, actor="赵磊", now=NOW).hours == 8
    with store.read() as session:
        assert session.scalar(select(func.count(TimesheetEntry.id))) == 0
    assert [v.action for v in history(store, entry.id)] == ["insert", "delete"]


# --- the week -------------------------------------------------------------------------------------


def test_the_week_is_a_grid_of_tasks_and_days_with_daily_totals(office) -> None:
    store, tasks = office
    _add(store, tasks, day=MONDAY, hours=8)
    _add(store, tasks, day=MONDAY, task="GA-1", hours=2)
    _add(store, tasks, day=TUESDAY, hours=4, note="上午")
    _add(store, tasks, day=TUESDAY, hours=3, note="下午")
    _add(store, tasks, day=SATURDAY, task="GA-1", hours=5)
    _add(store, tasks, day=date(2026, 11, 9), hours=8)  # next week: not shown
    grid = week(store, person="李娜", day=WEDNESDAY)
    assert grid.days[0] == MONDAY and grid.days[-1] == SUNDAY
    assert grid.rest_days == (False,) * 5 + (True, True)
    assert [(row.task_code, row.hours, row.total) for row in grid.rows] == [
        ("GA-1", (2, 0, 0, 0, 0, 5, 0), 7),
        ("MZ-1", (8, 7, 0, 0, 0, 0, 0), 15),
    ]
    assert grid.day_hours == (10, 7, 0, 0, 0, 5, 0)
    assert grid.day_overtime == (2, 0, 0, 0, 0, 5, 0)
    assert (grid.total_hours, grid.total_overtime) == (22, 7)
    assert grid.status == ("draft",) * 7
    assert len(grid.entries) == 5


# --- copying last week ----------------------------------------------------------------------------


def test_copy_last_week_copies_rows_with_hours_and_skips_what_cannot_be_copied(office) -> None:
    store, tasks = office
    _add(store, tasks, day=MONDAY, hours=8)
    _add(store, tasks, day=MONDAY, task="GA-1", hours=2, note="会议")
    _add(store, tasks, day=TUESDAY, hours=6)
    _add(store, tasks, day=WEDNESDAY, hours=5)
    _add(store, tasks, day=SATURDAY, hours=3)
    next_week = date(2026, 11, 11)
    _add(store, tasks, day=date(2026, 11, 10), task="MZ-2", hours=20)  # Tuesday nearly full
    _add(store, tasks, day=next_week, hours=1)  # Wednesday's MZ-1 cell exists already
    result = copy_last_week(store, actor="李娜", day=next_week, now=NOW)
    copied = {(e.work_date, e.task_code): (e.hours, e.overtime, e.note) for e in result.copied}
    assert copied == {
        (date(2026, 11, 9), "GA-1"): (2, 0, None),  # rows in task-code order
        (date(2026, 11, 9), "MZ-1"): (8, 2, None),
        (date(2026, 11, 14), "MZ-1"): (3, 3, None),
    }
    assert [(s.work_date, s.task_code, s.reason) for s in result.skipped] == [
        (date(2026, 11, 10), None, "the day would have 26 hours (at most 24)"),
        (date(2026, 11, 11), "MZ-1", "the task already has hours"),
    ]
    # Twice: everything is there already, so nothing is copied and nothing changes.
    _unchanged(
        store,
        lambda: copy_last_week(store, actor="李娜", day=next_week, now=NOW),
        ValidationError,
        "Nothing was copied into the week of 2026-11-09",
    )
    _unchanged(
        store,
        lambda: copy_last_week(store, actor="李娜", day=date(2026, 12, 30), now=NOW),
        ValidationError,
        "李娜 has no hours in the week of 2026-12-21",
    )
    _unchanged(
        store,
        lambda: copy_last_week(store, actor="陈刚", person="李娜", day=next_week, now=NOW),
        PermissionDeniedError,
        r"陈刚 \(clerk, 公安局\) may not change 李娜's hours",
    )


def test_copy_week_skips_days_of_a_locked_period(office) -> None:
    store, tasks = office
    _add(store, tasks, day=date(2026, 11, 27), hours=4)  # Friday
    _add(store, tasks, day=date(2026, 11, 23), hours=4)  # Monday
    submit_period(store, actor="李娜", kind="month", day=date(2026, 12, 1), now=NOW)
    result = copy_last_week(store, actor="李娜", day=date(2026, 12, 2), now=NOW)
    assert [(e.work_date, e.hours) for e in result.copied] == [(date(2026, 11, 30), 4)]
    assert [(s.work_date, s.reason) for s in result.skipped] == [
        (date(2026, 12, 4), "the day is submitted")
    ]


# --- periods --------------------------------------------------------------------------------------


def test_period_workflow_submit_approve_locks_and_reopen(office) -> None:
    store, tasks = office
    entry = _add(store, tasks, day=TUESDAY, hours=9)
    submitted = submit_period(store, actor="李娜", kind="week", day=WEDNESDAY, now=NOW)
    assert (submitted.status, submitted.period_start, submitted.period_end) == (
        "submitted",
        MONDAY,
        SUNDAY,
    )
    assert (submitted.entries, submitted.hours, submitted.overtime) == (1, 9, 1)
    closed = "李娜's timesheet for the week 2026-11-02 to 2026-11-08 is submitted"
    _unchanged(store, lambda: _add(store, tasks, day=SATURDAY), ValidationError, closed)
    _unchanged(
        store,
        lambda: edit_entry(store, entry.id, actor="王芳", hours=8, now=NOW),
        ValidationError,
        closed,
    )
    _unchanged(
        store,
        lambda: edit_entry(store, entry.id, actor="李娜", work_date=date(2026, 11, 10), now=NOW),
        ValidationError,
        closed,
    )
    _unchanged(
        store, lambda: delete_entry(store, entry.id, actor="李娜", now=NOW), ValidationError, closed
    )
    _add(store, tasks, day=date(2026, 11, 9), hours=2)  # the next week is still open

    approved = approve_period(store, actor="王芳", person="李娜", kind="week", day=MONDAY, now=NOW)
    assert (approved.status, approved.approved_by) == ("locked", "王芳")
    assert week(store, person="李娜", day=MONDAY).status == ("locked",) * 7
    _unchanged(store, lambda: _add(store, tasks, day=SUNDAY), ValidationError, "week .* is locked")

    reopened = reopen_period(store, actor="赵磊", person="李娜", kind="week", day=SUNDAY, now=NOW)
    assert (reopened.status, reopened.reopened_count, reopened.approved_by) == ("draft", 1, None)
    assert edit_entry(store, entry.id, actor="李娜", hours=8, now=NOW).overtime == 0
    again = submit_period(store, actor="李娜", kind="week", day=MONDAY, now=NOW)
    assert again.status == "submitted" and again.reopened_count == 1

    versions = history(store, again.id)
    assert [(v.action, v.actor, v.after.get("status")) for v in versions] == [
        ("insert", "李娜", "submitted"),
        ("update", "王芳", "locked"),
        ("update", "赵磊", "draft"),
        ("update", "李娜", "submitted"),
    ]
    assert versions[2].after["reopened_count"] == 1


def test_only_a_head_of_the_persons_department_approves_or_reopens(office) -> None:
    store, tasks = office
    _add(store, tasks, day=TUESDAY)
    _add(store, tasks, "王芳", day=TUESDAY)
    submit_period(store, actor="李娜", kind="week", day=TUESDAY, now=NOW)
    submit_period(store, actor="王芳", kind="week", day=TUESDAY, now=NOW)
    for actor, match in (
        (
            "张伟",
            r"张伟 \(clerk, 民政局\) may not approve 李娜's timesheet: that needs a department "
            "head of 民政局",
        ),
        ("宋志刚", "宋志刚 .* may not approve 李娜's timesheet"),  # head of another department
        ("周文博", "that needs a department head of 民政局"),
        ("李娜", "李娜 .* may not approve 李娜's timesheet"),
    ):
        _unchanged(
            store,
            lambda a=actor: approve_period(
                store, actor=a, person="李娜", kind="week", day=TUESDAY, now=NOW
            ),
            PermissionDeniedError,
            match,
        )
    _unchanged(
        store,
        lambda: approve_period(
            store, actor="王芳", person="王芳", kind="week", day=TUESDAY, now=NOW
        ),
        PermissionDeniedError,
        r"王芳 \(head, 民政局\) may not approve their own timesheet: that needs another "
        "department head of 民政局",
    )
    approve_period(store, actor="赵磊", person="王芳", kind="week", day=TUESDAY, now=NOW)
    approve_period(store, actor="王芳", person="李娜", kind="week", day=TUESDAY, now=NOW)
    _unchanged(
        store,
        lambda: reopen_period(
            store, actor="张伟", person="李娜", kind="week", day=TUESDAY, now=NOW
        ),
        PermissionDeniedError,
        "张伟 .* may not reopen 李娜's timesheet: that needs a department head of 民政局",
    )


def test_period_steps_out_of_order_are_refused(office) -> None:
    store, tasks = office
    _add(store, tasks, day=TUESDAY)
    _unchanged(
        store,
        lambda: approve_period(
            store, actor="王芳", person="李娜", kind="week", day=TUESDAY, now=NOW
        ),
        ConflictError,
        "has not been submitted",
    )
    _unchanged(
        store,
        lambda: reopen_period(
            store, actor="王芳", person="李娜", kind="week", day=TUESDAY, now=NOW
        ),
        ConflictError,
        "is open \\(draft\\); there is nothing to reopen",
    )
    submit_period(store, actor="李娜", kind="week", day=TUESDAY, now=NOW)
    _unchanged(
        store,
        lambda: submit_period(store, actor="李娜", kind="week", day=MONDAY, now=NOW),
        ConflictError,
        "already submitted",
    )
    _unchanged(
        store,
        lambda: submit_period(store, actor="李娜", kind="month", day=TUESDAY, now=NOW),
        ConflictError,
        "month 2026-11 overlaps the week 2026-11-02 to 2026-11-08 already on record",
    )
    approve_period(store, actor="王芳", person="李娜", kind="week", day=TUESDAY, now=NOW)
    _unchanged(
        store,
        lambda: approve_period(
            store, actor="赵磊", person="李娜", kind="week", day=TUESDAY, now=NOW
        ),
        ConflictError,
        "already locked",
    )
    assert period_status(store, person="李娜", kind="week", day=TUESDAY).status == "locked"
    assert period_status(store, person="李娜", kind="week", day=date(2026, 11, 10)) is None


def test_a_month_period_closes_every_day_of_the_month(office) -> None:
    store, tasks = office
    entry = _add(store, tasks, day=date(2026, 11, 30), hours=2)
    month = submit_period(store, actor="李娜", kind="month", day=date(2026, 11, 15), now=NOW)
    assert (month.kind, month.period_start, month.period_end) == (
        "month",
        date(2026, 11, 1),
        date(2026, 11, 30),
    )
    _unchanged(
        store,
        lambda: delete_entry(store, entry.id, actor="李娜", now=NOW),
        ValidationError,
        "month 2026-11 is submitted",
    )
    assert _add(store, tasks, day=date(2026, 12, 1)).hours == 8


# --- the command line -----------------------------------------------------------------------------


def test_hours_commands(office, capsys) -> None:
    store, tasks = office
    directory = str(store.path.parent)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", directory, *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    code, out, _ = run(
        "--as", "李娜", "--json", "hours", "add", "--task", "MZ-1", "--indicator", INDICATOR,
        "--date", "2026-11-03", "--hours", "9.5", "--note", "整理清单",
    )  # fmt: skip
    entry = json.loads(out)
    assert code == 0 and entry["overtime"] == 1.5 and entry["person"] == "李娜"
    code, out, _ = run("--as", "李娜", "hours", "edit", entry["id"], "--hours", "8")
    assert code == 0 and "8 h, overtime 0 h" in out
    code, out, _ = run("hours", "week", "--person", "李娜", "--date", "2026-11-05")
    assert code == 0 and "MZ-1" in out and entry["id"] in out
    code, out, _ = run("--json", "hours", "week", "--person", "李娜", "--date", "2026-11-05")
    assert json.loads(out)["day_hours"] == [0, 8, 0, 0, 0, 0, 0]
    code, _, err = run(
        "hours", "add", "--task", tasks["MZ-1"], "--date", "2026-11-03", "--hours", "1"
    )
    assert code == 2 and "with --as PERSON" in err
    code, out, _ = run("--as", "李娜", "hours", "submit", "--week", "2026-11-03")
    assert code == 0 and "submitted" in out
    code, _, err = run("--as", "张伟", "hours", "approve", "李娜", "--week", "2026-11-03")
    assert code == 2 and "needs a department head of 民政局" in err and err.count("\n") == 1
    code, out, _ = run("--as", "王芳", "--json", "hours", "approve", "李娜", "--week", "2026-11-03")
    assert code == 0 and json.loads(out)["status"] == "locked"
    code, _, err = run("--as", "李娜", "hours", "delete", entry["id"])
    assert code == 2 and "is locked" in err
    code, out, _ = run("--as", "王芳", "hours", "reopen", "李娜", "--week", "2026-11-03")
    assert code == 0 and "draft" in out and "reopened 1×" in out
    code, out, _ = run("--as", "李娜", "hours", "copy-week", "--date", "2026-11-10")
    assert code == 0 and "Copied 1 entries" in out
    code, out, _ = run("--as", "李娜", "hours", "delete", entry["id"])
    assert code == 0 and out.startswith("Deleted")
    code, out, _ = run("hours", "standard-day")
    assert code == 0 and "8 h" in out
    with store.read() as session:  # every change above was captured, attributed to a person
        actors = session.scalars(
            select(Change.actor_id).where(Change.table_name == "timesheet_entries")
        ).all()
    assert actors and None not in actors


# --- pure rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "day", "bounds"),
    [
        ("week", date(2026, 11, 4), (date(2026, 11, 2), date(2026, 11, 8))),
        ("week", date(2026, 11, 2), (date(2026, 11, 2), date(2026, 11, 8))),
        ("week", date(2026, 11, 8), (date(2026, 11, 2), date(2026, 11, 8))),
        ("week", date(2027, 1, 1), (date(2026, 12, 28), date(2027, 1, 3))),  # across a year
        ("month", date(2028, 2, 10), (date(2028, 2, 1), date(2028, 2, 29))),  # leap February
        ("month", date(2026, 12, 31), (date(2026, 12, 1), date(2026, 12, 31))),
    ],
)
def test_periods_are_monday_to_sunday_weeks_or_calendar_months(kind, day, bounds) -> None:
    from govperf_desktop.domain.timesheets import period_bounds, period_kind

    assert period_bounds(kind, day) == bounds
    assert period_kind(*bounds) == kind


def test_a_shortened_day_takes_overtime_back_from_its_newest_entries() -> None:
    from govperf_desktop.domain.timesheets import overtime_allowance, trim_overtime

    assert overtime_allowance(10, 8, rest_day=False) == 2
    assert overtime_allowance(3, 8, rest_day=False) == 0
    assert overtime_allowance(3, 8, rest_day=True) == 3
    newest_first = [("c", 1.5), ("b", 2.0), ("a", 0.0)]
    assert trim_overtime(newest_first, 9, 8, rest_day=False) == {"c": 0.0, "b": 1.0}
    assert trim_overtime(newest_first, 11.5, 8, rest_day=False) == {}
    assert trim_overtime(newest_first, 1, 8, rest_day=True) == {"c": 0.0, "b": 1.0}
