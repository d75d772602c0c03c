"""A small hand-built indicator for the scoring tests, every row written on purpose.

民政局 leads 跨省通办测试 (November 2026); 公安局 and 社保局 cooperate. Three chained tasks:
MZ-1 (民政局, due 11-10) → GA-1 (公安局, due 11-15) → SB-1 (社保局, due 11-20). The flow
events, submissions, timesheet entries, comments, mentions and support records are written
with the ORM inside `store.write()`, each with a fixed id, so a test can name the rows it
expects as evidence and can insert them in any order. Times are office times (UTC+8).
The numbers each test expects are worked out by hand in the test from docs/scoring.md.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select

from govperf_desktop.domain.calendar import OFFICE_ZONE
from govperf_desktop.services.indicators import IndicatorDraft, TaskDraft, create_indicator
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.store import models as m
from govperf_desktop.store.store import Store

INDICATOR = "跨省通办测试"
SETUP_NOW = datetime(2026, 10, 20, 1, 0, tzinfo=UTC)
TODAY = date(2026, 11, 24)  # a Tuesday; SB-1 is still open
NOW = datetime(2026, 11, 24, 23, 59, tzinfo=OFFICE_ZONE).astimezone(UTC)


def office(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """An office time in 2026 as stored: naive UTC."""
    moment = datetime(2026, month, day, hour, minute, tzinfo=OFFICE_ZONE)
    return moment.astimezone(UTC).replace(tzinfo=None)


def rid(n: int) -> str:
    """A fixed record id (32 hex digits) for the n-th hand-written row."""
    return f"{0x5C0 + n:032x}"


@dataclass
class Scenario:
    store: Store
    indicator_id: str
    tasks: dict[str, str]  # code -> id
    people: dict[str, str]  # name -> id
    departments: dict[str, str]  # name -> id


def build_org_and_indicator(store: Store, status: str = "missed") -> Scenario:
    departments = {}
    for name in ("民政局", "公安局", "社保局", "考核办"):
        departments[name] = add_department(store, name, now=SETUP_NOW).id
    people = {}
    for department, name, roles in (
        ("民政局", "杨帆", ("head",)),
        ("民政局", "李娜", ("clerk",)),
        ("公安局", "陈刚", ("clerk",)),
        ("社保局", "王强", ("clerk",)),
        ("考核办", "周文博", ("head", "central")),
    ):
        people[name] = add_person(
            store, department=department, name=name, roles=roles, now=SETUP_NOW
        ).id
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
                TaskDraft("MZ-1", "民政局", "收集事项清单", deadline=date(2026, 11, 10)),
                TaskDraft(
                    "GA-1", "公安局", "对接异地公安系统", date(2026, 11, 15), depends_on=("MZ-1",)
                ),
                TaskDraft(
                    "SB-1", "社保局", "测试跨省通办流程", date(2026, 11, 20), depends_on=("GA-1",)
                ),
            ),
        ),
        now=SETUP_NOW,
    )
    with store.write() as session:
        session.get(m.Indicator, view.id).status = status
    return Scenario(store, view.id, dict(view.task_ids), people, departments)


def _rows(s: Scenario) -> dict[str, list[m.Base]]:
    """Every hand-written row, by table, parents before children within a table."""
    t, p, d = s.tasks, s.people, s.departments

    def event(n, code, kind, at, person=None, submission=None):  # type: ignore[no-untyped-def]
        return m.TaskEvent(
            id=rid(n), task_id=t[code], kind=kind, department_id=d[_DEPT[code]],
            person_id=p[person] if person else None, submission_id=submission,
            occurred_at=at, recorded_at=at,
        )  # fmt: skip

    def submission(n, code, revision, at, person, missing):  # type: ignore[no-untyped-def]
        return m.Submission(
            id=rid(n), task_id=t[code], revision=revision, submitted_by=p[person],
            submitted_at=at, items_provided="[]", missing_items=json.dumps(missing),
            check_result="missing" if missing else "complete",
        )  # fmt: skip

    def entry(n, person, code, day, hours, overtime=0.0):  # type: ignore[no-untyped-def]
        department = {"李娜": "民政局", "陈刚": "公安局", "王强": "社保局"}[person]
        return m.TimesheetEntry(
            id=rid(n), person_id=p[person], department_id=d[department], task_id=t[code],
            work_date=date(2026, 11, day), hours=hours, overtime=overtime,
            created_at=office(11, day, 18),
        )  # fmt: skip

    def comment(n, code, person, at, body, reply_to=None, problem=False):  # type: ignore[no-untyped-def]
        department = {"李娜": "民政局", "陈刚": "公安局", "王强": "社保局"}[person]
        return m.Comment(
            id=rid(n), task_id=t[code], author_id=p[person], department_id=d[department],
            body=body, reply_to_id=rid(reply_to) if reply_to else None, is_problem=problem,
            created_at=at,
        )  # fmt: skip

    submissions = [
        submission(10, "MZ-1", 1, office(11, 9, 10), "李娜", ["居民身份证信息"]),
        submission(11, "MZ-1", 2, office(11, 12, 10), "李娜", []),
        submission(12, "GA-1", 1, office(11, 16, 10), "陈刚", []),
        submission(13, "SB-1", 1, office(11, 20, 15), "王强", []),
    ]
    notified = office(11, 2, 9)
    events = [
        event(20, "MZ-1", "notified", notified, "杨帆"),
        event(21, "GA-1", "notified", notified, "杨帆"),
        event(22, "SB-1", "notified", notified, "杨帆"),
        event(23, "MZ-1", "started", office(11, 2, 15), "李娜"),
        event(24, "MZ-1", "submitted", office(11, 9, 10), "李娜", rid(10)),
        event(25, "MZ-1", "returned", office(11, 9, 10), None, rid(10)),
        event(26, "MZ-1", "submitted", office(11, 12, 10), "李娜", rid(11)),
        event(27, "MZ-1", "accepted", office(11, 12, 16), "杨帆", rid(11)),
        event(28, "MZ-1", "completed", office(11, 12, 16, 10), "杨帆"),
        event(29, "GA-1", "started", office(11, 13, 9), "陈刚"),
        event(30, "GA-1", "submitted", office(11, 16, 10), "陈刚", rid(12)),
        event(31, "GA-1", "accepted", office(11, 18, 10), "杨帆", rid(12)),
        event(32, "GA-1", "completed", office(11, 18, 11), "陈刚"),
        event(33, "SB-1", "started", office(11, 20, 10), "王强"),
        event(34, "SB-1", "submitted", office(11, 20, 15), "王强", rid(13)),
    ]
    entries = [
        entry(40, "李娜", "MZ-1", 3, 8.0),
        entry(41, "李娜", "MZ-1", 4, 10.0, 2.0),
        entry(42, "陈刚", "GA-1", 12, 6.0),
        entry(43, "王强", "SB-1", 17, 4.0),
        entry(44, "王强", "SB-1", 18, 9.0, 1.0),
        entry(45, "王强", "SB-1", 19, 9.0, 1.0),
    ]
    originals = [
        comment(50, "GA-1", "陈刚", office(11, 11, 10), "@民政局 清单何时提交?"),
        comment(51, "GA-1", "李娜", office(11, 11, 14), "今天下班前提交。"),
        comment(52, "SB-1", "李娜", office(11, 13, 16), "@王强 请确认测试环境。"),
        comment(53, "SB-1", "王强", office(11, 16, 10), "测试环境已就绪。"),
        comment(55, "GA-1", "王强", office(11, 17, 9), "@公安局 缺少接口文档。", problem=True),
        comment(56, "GA-1", "陈刚", office(11, 17, 11), "接口文档已发送。"),
    ]
    replies = [
        comment(54, "SB-1", "王强", office(11, 16, 11), "@李娜 已确认。", reply_to=52),
    ]
    mentions = [
        m.Mention(id=rid(60), comment_id=rid(50), department_id=d["民政局"]),
        m.Mention(id=rid(61), comment_id=rid(52), person_id=p["王强"]),
        m.Mention(id=rid(62), comment_id=rid(54), person_id=p["李娜"]),
        m.Mention(id=rid(63), comment_id=rid(55), department_id=d["公安局"]),
    ]
    support = [
        m.SupportRecord(
            id=rid(70), task_id=t["SB-1"], from_department_id=d["民政局"],
            to_department_id=d["社保局"], description="提供事项清单模板",
            recorded_by=p["李娜"], recorded_at=office(11, 16, 9),
            confirmed_by=p["王强"], confirmed_at=office(11, 16, 12),
        ),
        m.SupportRecord(
            id=rid(71), task_id=t["SB-1"], from_department_id=d["公安局"],
            to_department_id=d["社保局"], description="提供测试账号",
            recorded_by=p["陈刚"], recorded_at=office(11, 19, 9),
        ),
    ]  # fmt: skip
    return {
        "submissions": submissions,
        "task_events": events,
        "timesheet_entries": entries,
        "comments": originals,
        "comment_replies": replies,
        "mentions": mentions,
        "support_records": support,
    }


_DEPT = {"MZ-1": "民政局", "GA-1": "公安局", "SB-1": "社保局"}


def write_activity(s: Scenario, shuffle: random.Random | None = None) -> None:
    """Write the rows (in a shuffled order within each table when `shuffle` is given)."""
    rows = _rows(s)
    with s.store.write() as session:
        for table in (
            "submissions", "task_events", "timesheet_entries", "comments", "comment_replies",
            "mentions", "support_records",
        ):  # fmt: skip
            batch = list(rows[table])
            if shuffle is not None:
                shuffle.shuffle(batch)
            for row in batch:
                session.add(row)
                if shuffle is not None:
                    session.flush()  # one INSERT per row, in exactly this order
            session.flush()
        problem = session.get(m.Comment, rid(55))
        problem.resolved_by_id = rid(56)
        problem.resolved_at = office(11, 17, 12)
        statuses = {"MZ-1": "completed", "GA-1": "completed", "SB-1": "awaiting_acceptance"}
        for code, status in statuses.items():
            session.scalar(select(m.Task).where(m.Task.id == s.tasks[code])).status = status


def build(store: Store, status: str = "missed", shuffle: random.Random | None = None) -> Scenario:
    scenario = build_org_and_indicator(store, status)
    write_activity(scenario, shuffle)
    return scenario
