"""The task flow (流程固化) on a real store: every step, every refusal, and their evidence."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from conftest import NOW
from flow_office import (
    INDICATOR,
    Office,
    beijing,
    build_office,
    changes_of,
    task_status,
    unchanged,
)
from sqlalchemy import select

from govperf_desktop.domain.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from govperf_desktop.domain.taskflow import Attachment, status_after_event
from govperf_desktop.services.admin import local_node
from govperf_desktop.services.history import history
from govperf_desktop.services.indicators import IndicatorDraft, TaskDraft, create_indicator
from govperf_desktop.services.task_views import list_tasks, show_task
from govperf_desktop.services.taskflow import (
    accept_output,
    complete_task,
    notify_indicator,
    return_output,
    start_task,
    submit_output,
)
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import (
    Indicator,
    Person,
    Submission,
    Task,
    TaskEvent,
)

SHA = "ab" * 32
TODAY = NOW.date()


@pytest.fixture
def office(store) -> Office:  # type: ignore[no-untyped-def]
    return build_office(store, NOW)


@pytest.fixture
def started(office: Office) -> Office:
    """The indicator started by its lead department's head on 2 November, 09:00."""
    notify_indicator(office.store, INDICATOR, person="杨帆", now=NOW, at=beijing(2026, 11, 2))
    return office


def _events(store, task_id: str) -> list[TaskEvent]:  # type: ignore[no-untyped-def]
    with store.read() as session:
        return list(
            session.scalars(
                select(TaskEvent)
                .where(TaskEvent.task_id == task_id)
                .order_by(TaskEvent.occurred_at, TaskEvent.recorded_at)
            )
        )


def test_starting_an_indicator_notifies_each_task(office: Office) -> None:
    store = office.store
    result = notify_indicator(store, INDICATOR, person="杨帆", now=NOW, at=beijing(2026, 11, 2))
    assert result.status == "active" and result.notified == ("GA-1", "MZ-1", "SB-1")
    node = local_node(store)
    for code, task_id in office.task_ids.items():
        assert task_status(store, task_id) == "notified"
        (event,) = _events(store, task_id)
        assert (event.kind, event.person_id, event.node_id) == (
            "notified",
            office.people["杨帆"],
            node.id,
        )
        assert event.occurred_at == beijing(2026, 11, 2).replace(tzinfo=None)
        assert event.recorded_at == NOW.replace(tzinfo=None)
        with store.read() as session:
            assert event.department_id == session.get(Task, task_id).department_id, code
    # The indicator draft → active, attributed to the person who started it.
    (update,) = [c for c in changes_of(store, "indicators") if c.action == "update"]
    assert json.loads(update.after) == {"status": "active"}
    assert update.actor_id == office.people["杨帆"]


def test_the_central_office_may_start_an_indicator_but_a_cooperating_department_may_not(
    office: Office,
) -> None:
    unchanged(
        office.store,
        lambda: notify_indicator(office.store, INDICATOR, person="宋志刚", now=NOW),
        PermissionDeniedError,
        r"宋志刚 \(head, 公安局\) may not start indicator 政务服务跨省通办 \(lead department: "
        r"民政局\): that needs a clerk or department head of 民政局, or the central office",
    )
    assert notify_indicator(office.store, INDICATOR, person="周文博", now=NOW).status == "active"


def test_an_indicator_starts_once_and_later_tasks_are_notified_alone(started: Office) -> None:
    store = started.store
    unchanged(
        store,
        lambda: notify_indicator(store, INDICATOR, person="杨帆", now=NOW),
        ConflictError,
        "already been started and all its tasks notified",
    )
    with store.write() as session:  # a task added to the table after the start
        task = session.get(Task, started.task_ids["SB-1"])
        added = Task(
            id=new_id(),
            indicator_id=task.indicator_id,
            code="SB-2",
            department_id=task.department_id,
            content="复测",
            deadline=task.deadline,
            status="pending",
            created_at=NOW.replace(tzinfo=None),
        )
        template = Task(
            id=new_id(),
            indicator_id=task.indicator_id,
            code="SB-M",
            department_id=task.department_id,
            content="每月测试",
            recurrence="monthly:20",
            status="pending",
            created_at=NOW.replace(tzinfo=None),
        )
        session.add_all([added, template])
    unchanged(
        store,
        lambda: start_task(store, added.id, person="贾蓉", now=NOW),
        ConflictError,
        "Task SB-2 of 政务服务跨省通办 cannot be started: it has not been notified yet",
    )
    result = notify_indicator(store, INDICATOR, person="杨帆", now=NOW)
    assert result.notified == ("SB-2",)  # the recurring template is never notified
    assert task_status(store, template.id) == "pending"
    unchanged(
        store,
        lambda: start_task(store, template.id, person="贾蓉", now=NOW),
        ValidationError,
        "recurring template",
    )


def test_a_whole_flow_with_revisions_return_acceptance_and_completion(started: Office) -> None:
    store, task = started.store, started.task_ids["GA-1"]
    step = start_task(
        store, "GA-1", indicator=INDICATOR, person="董明", now=NOW, at=beijing(2026, 11, 3, 15, 30)
    )
    assert step.status == "in_progress"

    first = submit_output(
        store, task, person="董明", items=["对接方案"], now=NOW, at=beijing(2026, 11, 5, 10)
    )
    assert (first.status, first.revision, first.missing) == ("returned", 1, ("测试报告",))
    assert first.events == ("submitted", "returned")

    second = submit_output(
        store,
        task,
        person="董明",
        items=["测试报告", "对接方案"],
        now=NOW,
        at=beijing(2026, 11, 6, 10),
        files=[Attachment("对接方案.docx", SHA.upper(), 2048)],
    )
    assert (second.status, second.revision, second.missing) == ("awaiting_acceptance", 2, ())

    back = return_output(
        store, task, person="朱丽华", reason="测试报告缺少签字", now=NOW, at=beijing(2026, 11, 7, 9)
    )
    assert back.status == "returned"
    third = submit_output(
        store,
        task,
        person="董明",
        items=["对接方案", "测试报告"],
        now=NOW,
        at=beijing(2026, 11, 10, 9),
    )
    assert third.revision == 3
    assert accept_output(
        store, task, person="杨帆", now=NOW, at=beijing(2026, 11, 12, 16)
    ).status == ("accepted")
    done = complete_task(store, task, person="宋志刚", now=NOW, at=beijing(2026, 11, 12, 16, 10))
    assert done.status == "completed" and task_status(store, task) == "completed"

    detail = show_task(store, task, today=TODAY)
    assert detail.checklist == ("对接方案", "测试报告")
    assert detail.revision_count == 3
    assert [(s.revision, s.check_result, s.missing) for s in detail.submissions] == [
        (1, "missing", ("测试报告",)),
        (2, "complete", ()),
        (3, "complete", ()),
    ]
    assert detail.submissions[1].files[0].sha256 == SHA  # stored lowercase, metadata only
    assert [e.kind for e in detail.events] == [
        "notified",
        "started",
        "submitted",
        "returned",
        "submitted",
        "returned",
        "submitted",
        "accepted",
        "completed",
    ]
    automatic, by_lead = detail.events[3], detail.events[5]
    assert automatic.person is None and automatic.missing == ("测试报告",)
    assert (by_lead.person, by_lead.person_department, by_lead.reason) == (
        "朱丽华",
        "民政局",
        "测试报告缺少签字",
    )
    # The status can be recomputed from the events alone (what a replica does after a sync).
    assert status_after_event(detail.events[-1].kind) == detail.status
    assert status_after_event(detail.events[3].kind) == "returned"
    assert detail.response_hours == 30.5  # 2 Nov 09:00 → 3 Nov 15:30
    assert detail.days_overdue == 0  # completed 12 Nov, deadline 15 Nov

    with store.read() as session:
        revisions = session.scalars(
            select(Submission.revision)
            .where(Submission.task_id == task)
            .order_by(Submission.revision)
        ).all()
        returned = session.scalars(
            select(TaskEvent.detail)
            .where(TaskEvent.task_id == task, TaskEvent.kind == "returned")
            .order_by(TaskEvent.occurred_at)
        ).all()
    assert revisions == [1, 2, 3]
    assert json.loads(returned[0]) == ["测试报告"]
    assert json.loads(returned[1]) == {"reason": "测试报告缺少签字"}


def test_every_write_of_the_flow_is_in_history_with_its_actor(started: Office) -> None:
    store, task = started.store, started.task_ids["MZ-1"]
    start_task(store, task, person="朱丽华", now=NOW, at=beijing(2026, 11, 3))
    submit_output(
        store,
        task,
        person="朱丽华",
        items=["事项清单"],
        now=NOW,
        files=[Attachment("清单.xlsx", SHA, 10)],
    )
    people = {v: k for k, v in started.people.items()}
    by_table = {
        table: [(c.action, people.get(c.actor_id)) for c in changes_of(store, table)]
        for table in ("task_events", "submissions", "submission_files")
    }
    assert by_table["submissions"] == [("insert", "朱丽华")]
    assert by_table["submission_files"] == [("insert", "朱丽华")]
    # notify ×3 by 杨帆; start, submit and the automatic return in 朱丽华's unit of work
    assert sorted(by_table["task_events"]) == sorted(
        [("insert", "杨帆")] * 3 + [("insert", "朱丽华")] * 3
    )
    statuses = [
        (v.after.get("status"), v.actor) for v in history(store, task) if v.action == "update"
    ]
    assert statuses == [("notified", "杨帆"), ("in_progress", "朱丽华"), ("returned", "朱丽华")]


def test_response_time_is_from_notification_to_start(started: Office) -> None:
    store = started.store
    start_task(
        store, "SB-1", indicator=INDICATOR, person="贾蓉", now=NOW, at=beijing(2026, 11, 2, 11, 15)
    )
    assert show_task(store, "SB-1", indicator=INDICATOR, today=TODAY).response_hours == 2.25
    assert show_task(store, "MZ-1", indicator=INDICATOR, today=TODAY).response_hours is None


def test_steps_before_the_indicator_is_started_are_refused(office: Office) -> None:
    unchanged(
        office.store,
        lambda: start_task(office.store, "GA-1", indicator=INDICATOR, person="董明", now=NOW),
        ConflictError,
        "Task GA-1 of 政务服务跨省通办 cannot be started: the indicator has not been started",
    )


def test_illegal_steps_are_refused_and_change_nothing(started: Office) -> None:
    store, ids = started.store, started.task_ids
    ga = ids["GA-1"]

    def refused(action, error, match) -> None:  # type: ignore[no-untyped-def]
        unchanged(store, action, error, match)

    refused(
        lambda: submit_output(store, ga, person="董明", items=["对接方案"], now=NOW),
        ConflictError,
        "has not been started; start it before submitting",
    )
    refused(
        lambda: accept_output(store, ga, person="杨帆", now=NOW),
        ConflictError,
        "has no submitted output to accept",
    )
    refused(
        lambda: start_task(store, ids["MZ-1"], person="董明", now=NOW),
        PermissionDeniedError,
        r"董明 \(clerk, 公安局\) may not start task MZ-1 of 民政局: that needs a clerk or "
        "department head of 民政局",
    )
    start_task(store, ga, person="董明", now=NOW)
    refused(
        lambda: start_task(store, ga, person="董明", now=NOW),
        ConflictError,
        r"has already been started \(status: in progress\)",
    )
    refused(
        lambda: complete_task(store, ga, person="董明", now=NOW),
        ConflictError,
        r"must be accepted by the lead department \(民政局\)",
    )
    submit_output(store, ga, person="董明", items=["对接方案"], now=NOW)  # returned: missing item
    refused(
        lambda: accept_output(store, ga, person="杨帆", now=NOW),
        ConflictError,
        "revision 1 was returned for revision",
    )
    submit_output(store, ga, person="董明", items=["对接方案", "测试报告"], now=NOW)
    refused(
        lambda: submit_output(store, ga, person="董明", items=["对接方案"], now=NOW),
        ConflictError,
        r"already has an output awaiting acceptance \(revision 2\)",
    )
    refused(
        lambda: accept_output(store, ga, person="宋志刚", now=NOW),
        PermissionDeniedError,
        r"宋志刚 \(head, 公安局\) may not accept task GA-1 \(lead department: 民政局\)",
    )
    refused(
        lambda: return_output(store, ga, person="杨帆", reason="  ", now=NOW),
        ValidationError,
        "needs a reason",
    )
    accept_output(store, ga, person="杨帆", now=NOW)
    refused(
        lambda: complete_task(store, ga, person="杨帆", now=NOW),
        PermissionDeniedError,
        r"杨帆 \(head, 民政局\) may not complete task GA-1 of 公安局",
    )
    complete_task(store, ga, person="董明", now=NOW)
    refused(
        lambda: submit_output(store, ga, person="董明", items=["对接方案"], now=NOW),
        ConflictError,
        "is completed; no output can be submitted after completion",
    )
    refused(
        lambda: accept_output(store, ga, person="杨帆", now=NOW), ConflictError, "already completed"
    )


def test_who_is_acting_must_be_known_and_active(started: Office) -> None:
    store, task = started.store, started.task_ids["MZ-1"]
    unchanged(
        store,
        lambda: start_task(store, task, person="", now=NOW),
        ValidationError,
        r"Say who is acting \(--as PERSON\)",
    )
    unchanged(
        store,
        lambda: start_task(store, task, person="王五", now=NOW),
        NotFoundError,
        "Unknown person '王五'",
    )
    unchanged(
        store,
        lambda: start_task(store, "MZ-9", indicator=INDICATOR, person="朱丽华", now=NOW),
        NotFoundError,
        "has no task 'MZ-9'",
    )
    with store.write() as session:
        session.get(Person, started.people["朱丽华"]).active = False
    unchanged(
        store,
        lambda: start_task(store, task, person="朱丽华", now=NOW),
        PermissionDeniedError,
        "no longer active",
    )


def test_back_dating_is_allowed_but_not_into_the_future_nor_before_the_previous_step(
    started: Office,
) -> None:
    store, task = started.store, started.task_ids["MZ-1"]
    unchanged(
        store,
        lambda: start_task(store, task, person="朱丽华", now=NOW, at=NOW + timedelta(minutes=1)),
        ValidationError,
        r"cannot be started at 2026-11-20 17:31: that is in the future \(now is 2026-11-20 17:30\)",
    )
    unchanged(
        store,
        lambda: start_task(store, task, person="朱丽华", now=NOW, at=beijing(2026, 11, 1, 18)),
        ValidationError,
        r"before its previous step \(2026-11-02 09:00\)",
    )
    at = beijing(2026, 11, 2)  # the same moment as the notification is allowed
    start_task(store, task, person="朱丽华", now=NOW, at=at)
    event = _events(store, task)[-1]
    assert event.occurred_at == at.replace(tzinfo=None)
    assert event.recorded_at == NOW.replace(tzinfo=None)  # when it was entered
    unchanged(
        store,
        lambda: notify_indicator(
            store, INDICATOR, person="杨帆", now=NOW, at=NOW + timedelta(days=1)
        ),
        ConflictError,
        "already been started",
    )


def test_a_closed_indicator_takes_no_more_steps(started: Office) -> None:
    store = started.store
    with store.write() as session:
        session.get(Indicator, started.indicator_id).status = "closed"
    unchanged(
        store,
        lambda: start_task(store, "MZ-1", indicator=INDICATOR, person="朱丽华", now=NOW),
        ConflictError,
        "the indicator is closed",
    )


def test_task_list_filters_in_the_query_and_counts_days_overdue(started: Office) -> None:
    store = started.store
    rows = list_tasks(store, today=TODAY)
    assert [(r.code, r.status, r.days_overdue) for r in rows] == [
        ("MZ-1", "notified", 10),
        ("GA-1", "notified", 5),
        ("SB-1", "notified", 0),
    ]
    assert [r.code for r in list_tasks(store, today=TODAY, department="公安局")] == ["GA-1"]
    assert list_tasks(store, today=TODAY, status="completed") == []
    assert len(list_tasks(store, today=TODAY, limit=1)) == 1
    with pytest.raises(ValidationError, match="Unknown task status 'done'"):
        list_tasks(store, today=TODAY, status="done")


def test_a_recurring_task_is_notified_through_its_instances(office: Office) -> None:
    store = office.store
    create_indicator(
        store,
        IndicatorDraft(
            name="扶持资金使用情况月报",
            lead_department="社保局",
            target="按月报送",
            period="2026-Q4",
            period_start=date(2026, 11, 1),
            period_end=date(2026, 12, 31),
            tasks=(TaskDraft("YB", "社保局", "报送资金使用情况月报", recurrence="monthly:25"),),
        ),
        now=NOW,
    )
    result = notify_indicator(store, "扶持资金使用情况月报", person="杜建华", now=NOW)
    assert result.notified == ("YB/2026-11", "YB/2026-12")
    unchanged(
        store,
        lambda: start_task(store, "YB", indicator="扶持资金使用情况月报", person="贾蓉", now=NOW),
        ValidationError,
        "is a recurring template; act on its instance",
    )
    step = start_task(store, "YB/2026-11", indicator="扶持资金使用情况月报", person="贾蓉", now=NOW)
    assert step.status == "in_progress"
