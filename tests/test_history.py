"""Change capture, history and restore (版本回溯) on a real store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from conftest import NOW, checkpoint, file_digest
from sqlalchemy import select

from govperf_desktop.domain.errors import ConflictError, ValidationError
from govperf_desktop.domain.hlc import Hlc
from govperf_desktop.paths import store_path
from govperf_desktop.services.history import history, restore
from govperf_desktop.services.indicators import IndicatorDraft, TaskDraft, create_indicator
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.store.models import Change, Department, Task


def _administrator(store) -> str:  # type: ignore[no-untyped-def]
    """Restoring is the central office's action: an administrator of its own department."""
    add_department(store, "信息中心", now=NOW)
    return add_person(store, department="信息中心", name="管理员", roles=("admin",), now=NOW).id


def _changes(store) -> list[Change]:  # type: ignore[no-untyped-def]
    with store.read() as session:
        return list(session.scalars(select(Change).order_by(Change.seq)))


def test_every_write_is_captured_with_who_where_and_when(store) -> None:
    store.clock = lambda: datetime(2026, 11, 21, 8, 0, tzinfo=UTC)
    assert [(c.table_name, c.action) for c in _changes(store)] == [("nodes", "insert")]  # init
    finance = add_department(store, "财政局", now=NOW)
    person = add_person(store, department="财政局", name="王芳", roles=("head",), now=NOW)
    with store.write(actor_id=person.id) as session:
        session.get(Department, finance.id).name = "市财政局"

    changes = _changes(store)[1:]
    assert [(c.table_name, c.action) for c in changes] == [
        ("departments", "insert"),
        ("people", "insert"),
        ("person_roles", "insert"),
        ("departments", "update"),
    ]
    assert [c.seq for c in changes] == [2, 3, 4, 5]
    assert [c.hlc for c in changes] == sorted(c.hlc for c in changes)
    assert len({c.node_id for c in changes}) == 1
    assert changes[-1].actor_id == person.id
    assert changes[-1].recorded_at == datetime(2026, 11, 21, 8, 0)

    versions = history(store, finance.id)
    assert [v.action for v in versions] == ["insert", "update"]
    assert versions[1].before == {"name": "财政局"} and versions[1].after == {"name": "市财政局"}
    assert versions[1].actor == "王芳" and versions[1].node == "考核办"


def test_a_rolled_back_unit_of_work_leaves_no_history(store) -> None:
    add_department(store, "财政局", now=NOW)
    before = len(_changes(store))
    with pytest.raises(ConflictError):
        add_department(store, "财政局", now=NOW)
    assert len(_changes(store)) == before


def test_clock_going_backwards_still_orders_changes(store) -> None:
    times = iter([datetime(2026, 11, 21, 9, tzinfo=UTC), datetime(2026, 11, 20, 9, tzinfo=UTC)])
    store.clock = lambda: next(times)
    add_department(store, "民政局", now=NOW)
    add_department(store, "公安局", now=NOW)
    first, second = (Hlc.decode(c.hlc) for c in _changes(store)[-2:])
    assert second > first  # the laptop's clock was set back a day; the order holds


def test_restore_brings_back_an_earlier_state_as_a_new_change(store) -> None:
    add_department(store, "民政局", now=NOW)
    add_department(store, "公安局", now=NOW)
    view = create_indicator(
        store,
        IndicatorDraft(
            name="政务服务跨省通办",
            lead_department="民政局",
            target="100%",
            period="2026-11",
            period_start=date(2026, 11, 1),
            period_end=date(2026, 11, 30),
            cooperating=("公安局",),
            tasks=(TaskDraft("MZ-1", "民政局", "收集事项清单", deadline=date(2026, 11, 10)),),
        ),
        now=NOW,
    )
    task_id = view.task_ids["MZ-1"]
    for deadline, content in [
        (date(2026, 11, 12), "收集并核对事项清单"),
        (date(2026, 11, 15), None),
    ]:
        with store.write() as session:
            task = session.get(Task, task_id)
            task.deadline = deadline
            if content:
                task.content = content

    restored = restore(store, task_id, version=1, actor_id=_administrator(store))
    assert restored.version == 4 and restored.action == "update"
    assert restored.after == {"content": "收集事项清单", "deadline": "2026-11-10"}
    with store.read() as session:
        task = session.get(Task, task_id)
        assert (task.content, task.deadline) == ("收集事项清单", date(2026, 11, 10))
    assert len(history(store, task_id)) == 4  # nothing rewritten, one change added


def test_restore_of_a_deleted_record_puts_it_back(store) -> None:
    department = add_department(store, "社保局", now=NOW)
    admin = _administrator(store)
    with store.write() as session:
        session.delete(session.get(Department, department.id))
    restore(store, department.id, version=1, actor_id=admin)
    with store.read() as session:
        assert session.get(Department, department.id).name == "社保局"
    assert [v.action for v in history(store, department.id)] == ["insert", "delete", "insert"]


def test_restore_refusals_leave_the_store_unchanged(store) -> None:
    department = add_department(store, "卫健委", now=NOW)
    admin = _administrator(store)
    checkpoint(store)
    path = store_path(store.path.parent)
    digest = file_digest(path)
    with pytest.raises(ValidationError, match="versions 1 to 1"):
        restore(store, department.id, version=5, actor_id=admin)
    with pytest.raises(ConflictError, match="already as it was"):
        restore(store, department.id, version=1, actor_id=admin)
    with pytest.raises(ValidationError, match="Say who restores the record"):
        restore(store, department.id, version=1)
    checkpoint(store)
    assert file_digest(path) == digest


def test_evidence_is_never_restored(store) -> None:
    from govperf_desktop.store.models import Comment, Person

    add_department(store, "医保局", now=NOW)
    author = add_person(store, department="医保局", name="刘洋", now=NOW)
    add_department(store, "卫健委", now=NOW)
    view = create_indicator(
        store,
        IndicatorDraft(
            name="医保异地结算",
            lead_department="医保局",
            target="全省联网",
            period="2026-Q4",
            period_start=date(2026, 10, 1),
            period_end=date(2026, 12, 31),
            tasks=(TaskDraft("YB-1", "卫健委", "医院数据接入", deadline=date(2026, 11, 25)),),
        ),
        now=NOW,
    )
    with store.write(actor_id=author.id) as session:
        person = session.get(Person, author.id)
        comment = Comment(
            id="c" * 32,
            task_id=view.task_ids["YB-1"],
            author_id=person.id,
            department_id=person.department_id,
            body="请在3天内完成对接",
            is_problem=False,
            created_at=(NOW - timedelta(days=1)).replace(tzinfo=None),
        )
        session.add(comment)
    with pytest.raises(ValidationError, match="evidence"):
        restore(store, "c" * 32, version=1, actor_id=_administrator(store))
