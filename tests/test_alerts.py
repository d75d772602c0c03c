"""Warnings (预警通知) and reminders (提醒): derived from deadlines, addressed to the head,
acknowledged only by the head; the settings that shape them."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import NOW
from flow_office import INDICATOR, Office, build_office, changes_of, unchanged
from sqlalchemy import select

from govperf_desktop.domain.errors import ConflictError, PermissionDeniedError, ValidationError
from govperf_desktop.services.alerts import acknowledge_alert, list_alerts
from govperf_desktop.services.taskflow import (
    accept_output,
    complete_task,
    notify_indicator,
    start_task,
    submit_output,
)
from govperf_desktop.services.workdays import (
    flow_settings,
    set_days_overdue_counting,
    set_reminder_days,
)
from govperf_desktop.store.models import Person, Setting, Task

TODAY = date(2026, 11, 20)  # NOW in Beijing: 2026-11-20 17:30, a Friday


@pytest.fixture
def office(store) -> Office:  # type: ignore[no-untyped-def]
    built = build_office(store, NOW)
    notify_indicator(store, INDICATOR, person="杨帆", now=NOW)
    return built


def _summary(alerts) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [
        (a.kind, a.code, a.days_overdue, a.days_left, a.addressees, a.acknowledged) for a in alerts
    ]


def test_overdue_warnings_and_due_soon_reminders_are_addressed_to_the_head(office: Office) -> None:
    assert _summary(list_alerts(office.store, today=TODAY)) == [
        ("overdue", "MZ-1", 10, None, ("杨帆",), False),
        ("overdue", "GA-1", 5, None, ("宋志刚",), False),
        ("due_soon", "SB-1", None, 2, ("杜建华",), False),
    ]
    assert _summary(list_alerts(office.store, today=date(2026, 11, 22), kind="due_soon")) == [
        ("due_soon", "SB-1", None, 0, ("杜建华",), False)  # due today
    ]
    assert list_alerts(office.store, today=date(2026, 11, 1)) == []


def test_alerts_filter_by_department_and_kind(office: Office) -> None:
    assert [a.code for a in list_alerts(office.store, today=TODAY, department="公安局")] == ["GA-1"]
    assert [a.code for a in list_alerts(office.store, today=TODAY, kind="overdue")] == [
        "MZ-1",
        "GA-1",
    ]
    with pytest.raises(ValidationError, match="Unknown alert kind"):
        list_alerts(office.store, today=TODAY, kind="late")


def test_completed_tasks_and_unstarted_indicators_raise_no_alerts(store) -> None:  # type: ignore[no-untyped-def]
    office = build_office(store, NOW)
    assert list_alerts(store, today=TODAY) == []  # the indicator is still a draft
    notify_indicator(store, INDICATOR, person="杨帆", now=NOW)
    task = office.task_ids["GA-1"]
    start_task(store, task, person="董明", now=NOW)
    submit_output(store, task, person="董明", items=["对接方案", "测试报告"], now=NOW)
    accept_output(store, task, person="杨帆", now=NOW)
    # Accepted is not completed yet: the warning stays until the department completes.
    assert "GA-1" in [a.code for a in list_alerts(store, today=TODAY)]
    complete_task(store, task, person="董明", now=NOW)
    assert "GA-1" not in [a.code for a in list_alerts(store, today=TODAY)]


def test_reminder_days_are_a_setting(office: Office) -> None:
    store = office.store
    assert flow_settings(store).reminder_days == 3
    set_reminder_days(store, 1)
    with store.read() as session:
        assert session.get(Setting, "reminder_days").value == "1"
    assert [a.code for a in list_alerts(store, today=TODAY, kind="due_soon")] == []
    set_reminder_days(store, 2)
    assert [a.code for a in list_alerts(store, today=TODAY, kind="due_soon")] == ["SB-1"]
    for bad in (-1, 61, True):
        unchanged(
            store,
            lambda bad=bad: set_reminder_days(store, bad),
            ValidationError,
            "whole number from 0 to 60",
        )
    unchanged(
        store,
        lambda: set_days_overdue_counting(store, "hours"),
        ValidationError,
        "'calendar' or 'working'",
    )


def test_days_overdue_in_working_days_skip_weekends_and_national_day(office: Office) -> None:
    store = office.store
    set_days_overdue_counting(store, "working")
    # MZ-1 due Tue 10 Nov: 11–13 and 16–20 November are 8 working days.
    # GA-1 due Sun 15 Nov: the deadline moves to Mon 16 Nov, so 17–20 November: 4.
    assert [(a.code, a.days_overdue) for a in list_alerts(store, today=TODAY, kind="overdue")] == [
        ("MZ-1", 8),
        ("GA-1", 4),
    ]
    # On Monday 16 November GA-1 has only missed a Sunday: no warning yet in working days.
    assert [a.code for a in list_alerts(store, today=date(2026, 11, 16), kind="overdue")] == [
        "MZ-1"
    ]
    with store.write() as session:
        session.get(Task, office.task_ids["SB-1"]).deadline = date(2026, 9, 30)
    (alert,) = list_alerts(store, today=date(2026, 10, 9), kind="overdue")
    assert (alert.code, alert.days_overdue) == ("SB-1", 2)  # 1–7 October are 国庆节
    set_days_overdue_counting(store, "calendar")
    (alert,) = list_alerts(store, today=date(2026, 10, 9), kind="overdue")
    assert alert.days_overdue == 9


def test_the_head_acknowledges_and_the_alert_stays_listed_marked(office: Office) -> None:
    store = office.store
    alert = acknowledge_alert(
        store,
        "MZ-1",
        indicator=INDICATOR,
        kind="overdue",
        person="杨帆",
        now=NOW,
        note="已督办,明日提交",
    )
    assert alert.acknowledged
    (ack,) = alert.acknowledgements
    assert (ack.person, ack.note, ack.acknowledged_at) == ("杨帆", "已督办,明日提交", NOW)
    listed = list_alerts(store, today=TODAY)
    assert [(a.code, a.acknowledged) for a in listed] == [
        ("MZ-1", True),
        ("GA-1", False),
        ("SB-1", False),
    ]
    (change,) = changes_of(store, "alert_acknowledgements")
    assert change.action == "insert" and change.actor_id == office.people["杨帆"]


def test_only_the_departments_head_may_acknowledge(office: Office) -> None:
    store = office.store

    def ack(person: str | None, kind: str = "overdue", code: str = "MZ-1"):  # type: ignore[no-untyped-def]
        return lambda: acknowledge_alert(
            store, code, indicator=INDICATOR, kind=kind, person=person, now=NOW
        )

    unchanged(
        store,
        ack("朱丽华"),
        PermissionDeniedError,
        r"朱丽华 \(clerk, 民政局\) may not acknowledge alerts about task MZ-1: that needs a "
        "department head of 民政局",
    )
    unchanged(store, ack("宋志刚"), PermissionDeniedError, "needs a department head of 民政局")
    unchanged(store, ack("周文博"), PermissionDeniedError, "needs a department head of 民政局")
    unchanged(store, ack(None), ValidationError, "Say which department head")
    unchanged(
        store,
        ack("杨帆", kind="due_soon"),
        ConflictError,
        r"Task MZ-1 has no reminder \(提醒\) on 2026-11-20",
    )
    unchanged(
        store,
        ack("杜建华", kind="overdue", code="SB-1"),
        ConflictError,
        r"has no warning \(预警通知\)",
    )
    ack("杨帆")()
    unchanged(store, ack("杨帆"), ConflictError, "杨帆 already acknowledged the warning")


def test_a_moved_deadline_raises_a_fresh_alert(office: Office) -> None:
    store = office.store
    acknowledge_alert(store, "MZ-1", indicator=INDICATOR, kind="overdue", person="杨帆", now=NOW)
    with store.write() as session:
        session.get(Task, office.task_ids["MZ-1"]).deadline = date(2026, 11, 12)
    (alert,) = [a for a in list_alerts(store, today=TODAY) if a.code == "MZ-1"]
    assert (alert.days_overdue, alert.acknowledged) == (8, False)


def test_addressees_are_the_active_heads(office: Office) -> None:
    store = office.store
    with store.write() as session:
        session.get(Person, office.people["宋志刚"]).active = False
    (alert,) = list_alerts(store, today=TODAY, department="公安局")
    assert alert.addressees == ()
    with store.read() as session:
        assert session.scalar(select(Person.active).where(Person.name == "杨帆"))
