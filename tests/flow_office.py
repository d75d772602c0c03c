"""A small office for the task-flow and alert tests: three departments, heads and clerks, and
the seed's 政务服务“跨省通办” indicator with a checklist (输出标准) on each task."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from conftest import checkpoint, file_digest
from sqlalchemy import select

from govperf_desktop.domain.calendar import OFFICE_ZONE
from govperf_desktop.paths import store_path
from govperf_desktop.services.indicators import IndicatorDraft, TaskDraft, create_indicator
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.store.models import Change, Task
from govperf_desktop.store.store import Store

INDICATOR = "政务服务跨省通办"
CHECKLISTS = {
    "MZ-1": ("事项清单", "居民身份证信息"),
    "GA-1": ("对接方案", "测试报告"),
    "SB-1": ("测试记录",),
}


def beijing(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """An office time (UTC+8) as aware UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=OFFICE_ZONE).astimezone(UTC)


@dataclass
class Office:
    store: Store
    indicator_id: str
    task_ids: dict[str, str]
    people: dict[str, str]  # name -> id


def build_office(store: Store, now: datetime, deadlines: dict[str, date] | None = None) -> Office:
    """民政局 leads; 公安局 and 社保局 cooperate. Heads: 杨帆, 宋志刚, 杜建华; 周文博 is central."""
    deadlines = deadlines or {
        "MZ-1": date(2026, 11, 10),
        "GA-1": date(2026, 11, 15),
        "SB-1": date(2026, 11, 22),
    }
    for name in ("民政局", "公安局", "社保局", "考核办"):
        add_department(store, name, now=now)
    people = {}
    for department, name, roles in (
        ("民政局", "杨帆", ("head",)),
        ("民政局", "朱丽华", ("clerk",)),
        ("公安局", "宋志刚", ("head",)),
        ("公安局", "董明", ("clerk",)),
        ("社保局", "杜建华", ("head",)),
        ("社保局", "贾蓉", ("clerk",)),
        ("考核办", "周文博", ("head", "central")),
    ):
        people[name] = add_person(store, department=department, name=name, roles=roles, now=now).id
    view = create_indicator(
        store,
        IndicatorDraft(
            name=INDICATOR,
            lead_department="民政局",
            target="跨省通办事项全部上线",
            period="2026-11",
            period_start=date(2026, 11, 1),
            period_end=date(2026, 11, 30),
            cooperating=("公安局", "社保局"),
            tasks=(
                TaskDraft(
                    "MZ-1",
                    "民政局",
                    "收集事项清单",
                    deadline=deadlines["MZ-1"],
                    standard=CHECKLISTS["MZ-1"],
                ),
                TaskDraft(
                    "GA-1",
                    "公安局",
                    "对接异地公安系统",
                    deadline=deadlines["GA-1"],
                    standard=CHECKLISTS["GA-1"],
                    depends_on=("MZ-1",),
                ),
                TaskDraft(
                    "SB-1",
                    "社保局",
                    "测试跨省通办流程",
                    deadline=deadlines["SB-1"],
                    standard=CHECKLISTS["SB-1"],
                    depends_on=("GA-1",),
                ),
            ),
        ),
        now=now,
    )
    checkpoint(store)
    return Office(store, view.id, dict(view.task_ids), people)


def unchanged(store: Store, action: Callable[[], object], error: type, match: str) -> None:
    """The action is refused with `error` and the store file is byte-for-byte as it was."""
    checkpoint(store)
    path = store_path(store.path.parent)
    before = file_digest(path)
    with pytest.raises(error, match=match):
        action()
    checkpoint(store)
    assert file_digest(path) == before


def task_status(store: Store, task_id: str) -> str:
    with store.read() as session:
        return session.get(Task, task_id).status


def changes_of(store: Store, table: str) -> list[Change]:
    with store.read() as session:
        return list(
            session.scalars(select(Change).where(Change.table_name == table).order_by(Change.seq))
        )
