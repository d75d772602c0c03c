"""The seed document's five cross-department cases as demonstration data (`build_seed_demo`).

The cases of seed/000_278406d186e154c3.txt under their real Chinese names (老旧小区改造,
企业开办时间压缩, 乡村振兴产业扶持资金发放, 政务服务“跨省通办”, 医保异地结算), each with its
departments and people, decomposition table, task flow, submissions, timesheets, comments and
support records, so that every feature has evidence to show. Dates are placed relative to
`today`, so the demo always looks current: tasks overdue and due in the next days, work finished
on time and late, and one indicator whose period has ended and missed its target.

Conventions the data follows where the models leave a choice open:
- office times are Beijing time (UTC+8), stored as naive UTC; dates are office dates;
- a task event's `department_id` is the department whose task it is and `person_id` who acted:
  the lead department's head notifies, returns and accepts, a clerk of the task's department
  starts and submits, that department's head marks the task completed;
- a recurring task ("每月10日") is a template (`recurrence`, no deadline, status 'pending');
  each month has an instance with `template_id`, `period` "YYYY-MM" and its own deadline;
- the demo's "now" is `today` at 17:30: a step planned for later is not recorded, so a task's
  status always matches its last event.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from govperf_desktop.domain.errors import ConflictError
from govperf_desktop.domain.timesheets import entry_overtime
from govperf_desktop.services.admin import LOCAL_NODE_KEY
from govperf_desktop.services.timesheet_rules import is_rest_day
from govperf_desktop.store import ids
from govperf_desktop.store import models as m
from govperf_desktop.store.store import Store

OFFICE_UTC_OFFSET = timedelta(hours=8)
DEMO_NOW = time(17, 30)
REGULAR_DAY_HOURS = 8.0  # hours beyond this in one person's day are overtime
DAY_CAP_HOURS = 11.5  # nobody is booked for more in one day, whatever their tasks
DEFAULT_DAILY_HOURS = 3.0  # mean hours a worker spends on one task per working day
_DAY = timedelta(days=1)

# Department: its people as "name/title"; the first is the department head (部门负责人).
_DEPARTMENTS = {
    "住建局": "王建国/副局长 李晓明/城建科科长 赵雨桐/科员",
    "财政局": "陈立群/副局长 刘芳/预算科科长 孙浩/科员",
    "社区居委会": "张桂兰/主任 马俊/网格员 何丽/社区工作者",
    "市场监管局": "周海涛/副局长 吴敏/登记注册科科长 郑凯/科员",
    "税务局": "钱卫东/副局长 冯志强/征管科科员",
    "政务服务中心": "高静/主任 许文杰/窗口管理科科长 谢婷/窗口工作人员",
    "农业农村厅": "黄志远/产业发展处处长 罗佳/一级主任科员 邓晨/科员 唐雪梅/科员",
    "财政厅": "曹明/农业农村处处长 彭丽娟/一级主任科员 袁斌/科员",
    "乡村振兴局": "蒋国庆/产业帮扶处处长 沈悦/科员 韩磊/科员",
    "民政局": "杨帆/副局长 朱丽华/科员 秦川/科员",
    "公安局": "宋志刚/副局长 董明/科技信息科科长 范晓东/民警",
    "社保局": "杜建华/副局长 贾蓉/信息科科长 田野/科员 夏雨/科员",
    "医保局": "程刚/副局长 苏晴/结算科科长 卢伟/科员",
    "卫健委": "魏红/副主任 崔浩然/信息科科长 姚婷/科员",
    "考核办": "周文博/考核办主任 林雪/考核专员",
}
# Roles other than "the first is the head, the others are clerks".
_SPECIAL_ROLES = {"周文博": ("head", "central"), "林雪": ("evaluator",)}

_LIABILITY_RULES = (
    ("failure_caused_miss", 20.0, "若某部门未完成任务导致指标未达预期,其绩效评分扣减20%"),
    ("cooperating", 10.0, "指标未达预期时,配合部门绩效评分扣减10%"),
    ("blocking_delay", 15.0, "因本部门延迟导致其他部门无法按期完成任务的,其绩效评分扣减15%"),
)
_DEFAULT_WEIGHTS = {"input": 30, "response": 20, "quality": 30, "collaboration": 20}
_STATUS_AFTER = {
    "notified": "notified",
    "started": "in_progress",
    "submitted": "submitted",
    "returned": "returned",
    "accepted": "accepted",
    "completed": "completed",
}


@dataclass(frozen=True)
class _Plan:
    """One task of a decomposition table and how its work went (dates are office dates)."""

    code: str
    department: str
    content: str
    deadline: date | None
    standard: tuple[str, ...]
    file_name: str
    workers: tuple[str, ...]
    depends_on: tuple[str, ...] = ()
    started: date | None = None
    submits: tuple[tuple[date, tuple[str, ...]], ...] = ()  # (day, missing standard items)
    accepted: date | None = None
    total_hours: float | None = None  # None: about DEFAULT_DAILY_HOURS per worker and day
    recurrence: str | None = None
    template: str | None = None
    period: str | None = None
    notified: date | None = None  # a monthly instance's own notification day
    start_recorded_next_morning: bool = False


class _Step(NamedTuple):
    kind: str
    at: datetime
    person: m.Person | None  # None: the software itself (the standard check)
    revision: int = 0
    missing: tuple[str, ...] = ()


class _Hours(NamedTuple):
    person: m.Person | None  # None: the software itself (the standard check)
    task: m.Task
    day: date
    hours: float
    note: str | None = None


class _Seed:
    """The rows being built, by table, and lookups of departments, people and tasks by name."""

    def __init__(self, session: Session, today: date, new_id: Callable[[], str]) -> None:
        self.session = session
        self.today = today
        self.new_id = new_id
        self.now = _utc(today, DEMO_NOW.hour, DEMO_NOW.minute)
        self.node_id = _local_node_id(session)
        self.rows: defaultdict[str, list[m.Base]] = defaultdict(list)
        self.departments: dict[str, m.Department] = {}
        self.people: dict[str, m.Person] = {}
        self.heads: dict[str, m.Person] = {}
        self.tasks: dict[str, m.Task] = {}
        self.hours: list[_Hours] = []
        self.resolutions: list[tuple[m.Comment, m.Comment]] = []

    def wd(self, offset: int, anchor: date | None = None) -> date:
        """`offset` working days from `anchor` (default: today)."""
        return _workday(anchor or self.today, offset)

    def add(self, *rows: m.Base) -> None:
        for row in rows:
            self.rows[row.__tablename__].append(row)

    def insert(self) -> dict[str, int]:
        """Insert the rows table by table, parents first; the rows added per table.

        The models declare no relationships, so the unit of work cannot order the tables.
        """
        for table in m.Base.metadata.sorted_tables:
            self.session.add_all(self.rows[table.name])
            self.session.flush()
        return {name: len(rows) for name, rows in self.rows.items() if rows}


def build_seed_demo(
    store: Store, *, today: date, new_id: Callable[[], str] = ids.new_id
) -> dict[str, int]:
    """Fill an empty store with the seed document's cases; return the rows added per table.

    Refuses (ConflictError) a store that already holds indicators, so it never runs twice.
    """
    with store.write() as session:
        if session.scalar(select(func.count()).select_from(m.Indicator)):
            raise ConflictError(
                "The store already holds indicators; demo data goes only into an empty store."
            )
        seed = _Seed(session, today, new_id)
        _organisation(seed)
        _old_residential_renovation(seed)
        _business_startup(seed)
        _rural_revitalisation(seed)
        _cross_province_services(seed)
        _medical_insurance_settlement(seed)
        _write_timesheets(seed)
        counts = seed.insert()
        # A problem points at the later reply that resolved it: set once the reply exists.
        for problem, reply in seed.resolutions:
            problem.resolved_by_id = reply.id
            problem.resolved_at = reply.created_at
        return counts


# --- calendar -----------------------------------------------------------------------------------


def _utc(day: date, hour: int, minute: int = 0) -> datetime:
    """An office (Beijing) time as naive UTC."""
    return datetime.combine(day, time(hour, minute)) - OFFICE_UTC_OFFSET


def _workday(anchor: date, offset: int) -> date:
    """The date `offset` working days (Mon–Fri) after `anchor`, before it when negative."""
    day, step = anchor, (_DAY if offset > 0 else -_DAY)
    for _ in range(abs(offset)):
        day += step
        while day.weekday() >= 5:
            day += step
    return day


def _weekday_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= _DAY
    return day


def _month_start(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(day: date, months: int) -> date:
    return _month_start(day, months + 1) - _DAY


def _local_node_id(session: Session) -> str | None:
    setting = session.get(m.Setting, LOCAL_NODE_KEY)
    if setting is not None and session.get(m.Node, setting.value) is not None:
        return setting.value
    return None


# --- organisation, indicators and the task flow -------------------------------------------------


def _organisation(seed: _Seed) -> None:
    """Departments, people with their roles, and the default scoring weights."""
    created = _utc(_month_start(seed.today, -3) - 7 * _DAY, 9)
    existing = {d.name: d for d in seed.session.scalars(select(m.Department))}
    for department_name, staff in _DEPARTMENTS.items():
        department = existing.get(department_name)
        if department is None:  # a department installation's store already holds its own
            department = m.Department(id=seed.new_id(), name=department_name, created_at=created)
            seed.add(department)
        seed.departments[department_name] = department
        for position, entry in enumerate(staff.split()):
            name, title = entry.split("/")
            person = m.Person(
                id=seed.new_id(),
                department_id=department.id,
                name=name,
                title=title,
                active=True,
                created_at=created,
            )
            roles = _SPECIAL_ROLES.get(name, ("head",) if position == 0 else ("clerk",))
            seed.add(person, *(m.PersonRole(person_id=person.id, role=role) for role in roles))
            seed.people[name] = person
            if "head" in roles:
                seed.heads[department_name] = person
    weights = json.dumps({"weights": _DEFAULT_WEIGHTS})
    creator = seed.people["周文博"].id
    seed.add(
        m.ScoringConfig(
            id=seed.new_id(),
            indicator_id=None,
            version=1,
            config=weights,
            created_by=creator,
            created_at=created,
        )
    )


def _indicator(
    seed: _Seed,
    name: str,
    departments: tuple[str, str, str],
    target: str,
    period: tuple[date, date],
    status: str,
    created: date,
) -> m.Indicator:
    """An indicator (lead department first), its cooperating departments and liability rules."""
    lead, *cooperating = departments
    start, end = period
    indicator = m.Indicator(
        id=seed.new_id(),
        name=name,
        lead_department_id=seed.departments[lead].id,
        target=target,
        period=f"{start:%Y-%m}~{end:%Y-%m}",
        period_start=start,
        period_end=end,
        status=status,
        created_at=_utc(created, 10),
    )
    seed.add(indicator)
    for department in cooperating:
        department_id = seed.departments[department].id
        seed.add(m.CooperatingDepartment(indicator_id=indicator.id, department_id=department_id))
    for kind, percent, text in _LIABILITY_RULES:
        rule = m.LiabilityRule(
            id=seed.new_id(),
            indicator_id=indicator.id,
            kind=kind,
            percent=percent,
            description=text,
        )
        seed.add(rule)
    return indicator


def _task(seed: _Seed, indicator: m.Indicator, reviewer: str, plan: _Plan, notified: date) -> None:
    """Add a task with its output standard and dependencies, then play its flow."""
    task = m.Task(
        id=seed.new_id(),
        indicator_id=indicator.id,
        code=plan.code,
        department_id=seed.departments[plan.department].id,
        content=plan.content,
        deadline=plan.deadline,
        recurrence=plan.recurrence,
        template_id=seed.tasks[plan.template].id if plan.template else None,
        period=plan.period,
        status="pending",
        created_at=_utc(plan.notified, 8) if plan.notified else indicator.created_at,
    )
    seed.tasks[plan.code] = task
    seed.add(task)
    for position, text in enumerate(plan.standard, start=1):
        seed.add(m.StandardItem(id=seed.new_id(), task_id=task.id, position=position, text=text))
    for code in plan.depends_on:
        upstream = seed.tasks[code].id
        seed.add(
            m.TaskDependency(indicator_id=indicator.id, task_id=task.id, depends_on_id=upstream)
        )
    if plan.recurrence is None:  # a template only describes its monthly instances
        task.status = _play(seed, task, plan, seed.people[reviewer], plan.notified or notified)


def _play(seed: _Seed, task: m.Task, plan: _Plan, reviewer: m.Person, notified: date) -> str:
    """Record the task's steps up to the demo's now, with submissions and hours; the status."""
    worker = seed.people[plan.workers[0]]
    steps = [_Step("notified", _utc(notified, 9), reviewer)]
    if plan.started:
        steps.append(_Step("started", _utc(plan.started, 9, 30), worker))
    for revision, (day, missing) in enumerate(plan.submits, start=1):
        steps.append(_Step("submitted", _utc(day, 10), worker, revision, missing))
        if missing:
            # The standard check returns it at once, as the live task flow does.
            steps.append(_Step("returned", _utc(day, 10), None, revision, missing))
    if plan.accepted:
        final, closer = len(plan.submits), seed.heads[plan.department]
        steps.append(_Step("accepted", _utc(plan.accepted, 16), reviewer, final))
        steps.append(_Step("completed", _utc(plan.accepted, 16, 10), closer, final))

    status, submissions, handed_in = "pending", {}, None
    for step in steps:
        if step.at > seed.now:
            break
        if step.kind == "submitted":
            submissions[step.revision] = _submission(seed, task, plan, step)
            handed_in = None if step.missing else plan.submits[step.revision - 1][0]
        submission = submissions.get(step.revision)
        recorded = step.at
        if step.kind == "started" and plan.start_recorded_next_morning:
            recorded = _utc(_workday(plan.started, 1), 8, 50)  # entered offline the next day
        detail = json.dumps(step.missing, ensure_ascii=False) if step.kind == "returned" else None
        event = m.TaskEvent(
            id=seed.new_id(),
            task_id=task.id,
            kind=step.kind,
            department_id=task.department_id,
            person_id=step.person.id if step.person else None,
            node_id=seed.node_id,
            submission_id=submission.id if submission else None,
            occurred_at=step.at,
            recorded_at=recorded,
            detail=detail,
        )
        seed.add(event)
        status = _STATUS_AFTER[step.kind]
        if step.kind == "submitted" and not step.missing:
            status = "awaiting_acceptance"
    if plan.started and status not in ("pending", "notified"):
        _plan_hours(seed, task, plan, plan.started, handed_in)
    return status


def _submission(seed: _Seed, task: m.Task, plan: _Plan, step: _Step) -> m.Submission:
    provided = [item for item in plan.standard if item not in step.missing]
    submission = m.Submission(
        id=seed.new_id(),
        task_id=task.id,
        revision=step.revision,
        submitted_by=step.person.id,
        submitted_at=step.at,
        items_provided=json.dumps(provided, ensure_ascii=False),
        missing_items=json.dumps(step.missing, ensure_ascii=False),
        check_result="missing" if step.missing else "complete",
    )
    content = f"{plan.code} {plan.file_name} 第{step.revision}版\n".encode() * 64
    digest = hashlib.sha256(content).hexdigest()
    attachment = m.SubmissionFile(
        id=seed.new_id(),
        submission_id=submission.id,
        sha256=digest,
        size=len(content),
        name=plan.file_name,
    )
    seed.add(submission, attachment)
    return submission


# --- timesheets ---------------------------------------------------------------------------------


def _plan_hours(
    seed: _Seed, task: m.Task, plan: _Plan, first: date, handed_in: date | None
) -> None:
    """Spread a task's hours over its workers' working days from `first` until the complete
    output was handed in (the first worker's long day) or, while work goes on, until today."""
    last = min(handed_in or seed.today, seed.today)
    span = (first + n * _DAY for n in range((last - first).days + 1))
    days = [day for day in span if day.weekday() < 5] or [last]  # weekend-only: that day
    slots = [(day, name) for day in days for name in plan.workers]
    rng = random.Random(f"govperf-seed-demo/{plan.code}")  # str seeds are stable across runs
    long_day = (handed_in, plan.workers[0])
    long_hours = rng.choice((9.0, 9.5, 10.0)) if long_day in slots else 0.0
    weights = {slot: rng.uniform(0.6, 1.4) for slot in slots if slot != long_day}
    scale = DEFAULT_DAILY_HOURS
    if plan.total_hours is not None and weights:
        scale = max(plan.total_hours - long_hours, 0.0) / sum(weights.values())
    for day, name in slots:
        if (day, name) == long_day:
            hours, note = long_hours, "加班赶制提交材料"
        else:
            hours, note = min(10.0, max(0.5, round(weights[day, name] * scale * 2) / 2)), None
        seed.hours.append(_Hours(seed.people[name], task, day, hours, note))


def _write_timesheets(seed: _Seed) -> None:
    """Add the entries, the day capped, with overtime by the same rule as entered hours
    (beyond the standard day on a workday, every hour on a rest day or holiday)."""
    booked: defaultdict[tuple[str, date], float] = defaultdict(float)
    claimed: defaultdict[tuple[str, date], float] = defaultdict(float)
    for entry in seed.hours:
        key = entry.person.id, entry.day
        before = booked[key]
        hours = min(entry.hours, DAY_CAP_HOURS - before)
        if hours < 0.5:
            continue
        overtime = entry_overtime(
            person_name=entry.person.name,
            work_date=entry.day,
            hours=hours,
            overtime=None,
            others_hours=before,
            others_overtime=claimed[key],
            standard_day=REGULAR_DAY_HOURS,
            rest_day=is_rest_day(entry.day),
        )
        booked[key] = before + hours
        claimed[key] += overtime
        timesheet = m.TimesheetEntry(
            id=seed.new_id(),
            person_id=entry.person.id,
            department_id=entry.person.department_id,
            task_id=entry.task.id,
            work_date=entry.day,
            hours=hours,
            overtime=overtime,
            note=entry.note,
            created_at=_utc(entry.day, 17, 20),
        )
        seed.add(timesheet)


# --- communication log --------------------------------------------------------------------------


def _say(
    seed: _Seed,
    code: str,
    author: str,
    at: datetime,
    body: str,
    *,
    reply_to: m.Comment | None = None,
    problem: bool = False,
    resolves: m.Comment | None = None,
    supersedes: m.Comment | None = None,
    support: tuple[str, str] | None = None,
    confirmed: tuple[str, datetime] | None = None,
) -> m.Comment:
    """A comment on a task; each "@name" in the body mentions that person or department.

    A reply that `resolves` a problem answers it. `support` (receiving department, description)
    marks the comment as support the author's department gave, `confirmed` by the receiver.
    """
    person, answered = seed.people[author], reply_to or resolves
    comment = m.Comment(
        id=seed.new_id(),
        task_id=seed.tasks[code].id,
        author_id=person.id,
        department_id=person.department_id,
        body=body,
        reply_to_id=answered.id if answered else None,
        supersedes_id=supersedes.id if supersedes else None,
        is_problem=problem,
        created_at=at,
    )
    seed.add(comment)
    for name in re.findall(r"@(\S+)", body):
        mentioned = seed.people.get(name)
        department_id = None if mentioned else seed.departments[name].id
        person_id = mentioned.id if mentioned else None
        mention = m.Mention(
            id=seed.new_id(),
            comment_id=comment.id,
            person_id=person_id,
            department_id=department_id,
        )
        seed.add(mention)
    if resolves is not None:
        seed.resolutions.append((resolves, comment))
    if support is not None:
        receiver, description = support
        record = m.SupportRecord(
            id=seed.new_id(),
            task_id=comment.task_id,
            from_department_id=person.department_id,
            to_department_id=seed.departments[receiver].id,
            comment_id=comment.id,
            description=description,
            recorded_by=person.id,
            recorded_at=at,
            confirmed_by=seed.people[confirmed[0]].id if confirmed else None,
            confirmed_at=confirmed[1] if confirmed else None,
        )
        seed.add(record)
    return comment


def _acknowledge(seed: _Seed, code: str, kind: str, head: str, at: datetime, note: str) -> None:
    """A department head acknowledges a warning (overdue) or reminder (due_soon) of a task."""
    task = seed.tasks[code]
    acknowledgement = m.AlertAcknowledgement(
        id=seed.new_id(),
        task_id=task.id,
        kind=kind,
        deadline=task.deadline,
        person_id=seed.people[head].id,
        acknowledged_at=at,
        note=note,
    )
    seed.add(acknowledgement)


# --- the five cases -----------------------------------------------------------------------------
# One task or comment per block: these read as tables, so the formatter leaves them alone.


def _current_period(seed: _Seed) -> tuple[date, date]:
    return _month_start(seed.today, -3), _month_end(seed.today, 1)


def _old_residential_renovation(seed: _Seed) -> None:
    """老旧小区改造: the residents' list is late, so 财政局 and 住建局 are late downstream."""
    wd, start = seed.wd, seed.wd(-50)
    indicator = _indicator(
        seed, "老旧小区改造项目推进率", ("住建局", "财政局", "社区居委会"),
        "年内完成12个老旧小区改造开工,项目推进率达到90%以上",
        _current_period(seed), "active", start - 3 * _DAY,
    )  # fmt: skip
    id_card = "需求清单需包含居民身份证信息"
    # fmt: off
    plans = (
        _Plan("GZ-01", "社区居委会", "提交居民需求清单", wd(-40),
              (id_card, "需求清单需覆盖全部改造楼栋", "需求清单需经居民代表签字确认"),
              "居民需求清单.xlsx", ("马俊", "何丽"), started=wd(-48),
              submits=((wd(-37), (id_card,)), (wd(-34), ())), accepted=wd(-33)),
        _Plan("GZ-02", "财政局", "审核改造资金预算(收到清单后5天内完成)", wd(-35),
              ("资金预算需符合财政法规", "预算需列明资金来源", "预算需附各小区分项明细"),
              "改造资金预算审核意见.pdf", ("刘芳", "孙浩"), ("GZ-01",), started=wd(-33),
              submits=((wd(-29), ()),), accepted=wd(-28)),
        _Plan("GZ-03", "财政局", "拨付改造资金", wd(-32),
              ("拨款需附预算审核意见", "拨款金额需与审核预算一致"),
              "改造资金拨付凭证.pdf", ("刘芳",), ("GZ-02",), started=wd(-28),
              submits=((wd(-26), ()),), accepted=wd(-25)),
        _Plan("GZ-04", "住建局", "制定改造方案", wd(-30),
              ("改造方案需包含居民需求调查结果", "改造方案需明确改造范围", "改造方案需附资金测算"),
              "老旧小区改造方案.docx", ("李晓明", "赵雨桐"), ("GZ-01", "GZ-02"), started=wd(-45),
              submits=((wd(-23), ()),), accepted=wd(-22)),
        _Plan("GZ-05", "住建局", "材料采购", wd(-3),
              ("采购需履行政府采购程序", "需附材料质量检测报告", "采购清单需与改造方案一致"),
              "材料采购合同.pdf", ("赵雨桐", "李晓明"), ("GZ-03", "GZ-04"), started=wd(-20)),
        _Plan("GZ-06", "住建局", "组织施工进场", wd(12),
              ("需明确各小区施工单位和进场时间", "需制定施工安全方案"),
              "施工进场计划.docx", ("李晓明",), ("GZ-05",)),
        _Plan("GZ-07", "社区居委会", "组织居民意见征询并公示改造方案", wd(2),
              ("公示期不少于5个工作日", "需收集并汇总居民意见"),
              "居民意见汇总表.xlsx", ("何丽", "马俊"), ("GZ-04",), started=wd(-8)),
    )
    for plan in plans:
        _task(seed, indicator, "王建国", plan, start)

    _say(seed, "GZ-01", "李晓明", _utc(wd(-39), 9, 40),
         "@张桂兰 居民需求清单已超过截止日期,请尽快提交,否则影响改造方案编制和资金审核进度。")
    asked = _say(seed, "GZ-01", "刘芳", _utc(wd(-37), 15),
                 "@社区居委会 提交的居民需求清单未包含居民身份证信息,请补充后重新提交。")
    _say(seed, "GZ-01", "马俊", _utc(wd(-37), 16, 10),
         "@刘芳 收到,正在逐户补充身份证信息,预计3个工作日内重新提交。", reply_to=asked)
    problem = _say(seed, "GZ-04", "李晓明", _utc(wd(-25), 10),
                   "@陈立群 改造方案需要各小区的资金测算数据,目前缺少财政局的预算分项明细。",
                   problem=True)
    _say(seed, "GZ-04", "孙浩", _utc(wd(-25), 14, 20),
         "@李晓明 已将各小区预算分项明细发送至住建局,请查收。", resolves=problem,
         support=("住建局", "提供各小区改造资金预算分项明细(数据支持)"),
         confirmed=("王建国", _utc(wd(-24), 9, 15)))
    # Hours a 财政局 clerk spent on 住建局's task: booked to the department that gave them.
    seed.hours.append(_Hours(seed.people["孙浩"], seed.tasks["GZ-04"], wd(-25), 2.5,
                             "为住建局整理预算分项明细"))
    _acknowledge(seed, "GZ-05", "overdue", "王建国", _utc(wd(-2), 8, 50), "已督促经办人说明进度")
    urged = _say(seed, "GZ-05", "王建国", _utc(wd(-2), 9),
                 "@赵雨桐 材料采购已超期,请说明进度并于本周内完成。")
    _say(seed, "GZ-05", "赵雨桐", _utc(wd(-2), 11),
         "钢材和管材已完成比价,正在走政府采购审批流程。", reply_to=urged)
    # fmt: on


def _business_startup(seed: _Seed) -> None:
    """企业开办时间压缩: ended last month and missed; 税务局 slow, returned twice, late."""
    end = _month_end(seed.today, -1)  # the period ended last month

    def wd(offset: int) -> date:
        return seed.wd(offset, end)

    start = wd(-56)
    indicator = _indicator(
        seed, "企业开办时间压缩", ("市场监管局", "税务局", "政务服务中心"),
        "企业开办时间压缩至3个工作日以内",
        (_month_start(seed.today, -3), end), "missed", start - 3 * _DAY,
    )  # fmt: skip
    test_report, security = "需提供接口联调测试报告", "需附数据安全评估意见"
    window_done = wd(-38)
    # fmt: off
    plans = (
        _Plan("QK-01", "市场监管局", "共享企业注册信息", wd(-45),
              ("共享数据需包含统一社会信用代码", "注册信息需每日推送", "数据接口需提供字段说明"),
              "企业注册信息共享接口说明.docx", ("吴敏", "郑凯"), started=wd(-55),
              submits=((wd(-47), ()),), accepted=wd(-47)),
        _Plan("QK-02", "税务局", "税务登记系统与工商系统对接", wd(-30),
              ("对接方案需包含数据字段映射表", test_report, security),
              "税务登记系统对接报告.docx", ("冯志强",), ("QK-01",), started=wd(-48),
              submits=((wd(-32), (test_report, security)), (wd(-26), (security,)), (wd(-21), ())),
              accepted=wd(-20), total_hours=50),
        _Plan("QK-03", "政务服务中心", "设置企业开办联合窗口", wd(-35),
              ("联合窗口需配备市场监管和税务人员", "需公布企业开办办事指南", "需实现“一窗受理”"),
              "联合窗口设置情况报告.docx", ("许文杰", "谢婷"), started=wd(-54),
              submits=((window_done, ()),), accepted=window_done),
        _Plan("QK-04", "市场监管局", "企业开办全流程测试评估", wd(-10),
              ("评估报告需包含企业开办平均用时", "需抽样不少于50家新开办企业"),
              "企业开办全流程评估报告.pdf", ("郑凯", "吴敏"), ("QK-02", "QK-03"), started=wd(-19),
              submits=((wd(-4), ()),), accepted=wd(-3)),
    )
    for plan in plans:
        _task(seed, indicator, "周海涛", plan, start)

    asked = _say(seed, "QK-02", "吴敏", _utc(wd(-36), 10),
                 "@税务局 @钱卫东 企业注册信息已按日推送,请反馈税务登记系统与工商系统对接进度。")
    _say(seed, "QK-02", "冯志强", _utc(wd(-33), 15, 30),
         "@吴敏 正在进行接口联调,预计本月底完成。", reply_to=asked)
    blamed = _say(seed, "QK-02", "冯志强", _utc(wd(-31), 9, 30),
                  "@政务服务中心 联合窗口尚未设置,影响对接测试。")
    _say(seed, "QK-02", "许文杰", _utc(wd(-31), 10, 15),
         f"@冯志强 联合窗口已于{window_done.month}月{window_done.day}日设置完成并投入使用,"
         "详见任务QK-03。", reply_to=blamed)
    _say(seed, "QK-02", "吴敏", _utc(wd(-28), 16),
         "@冯志强 已提供工商注册数据字段说明,明天派人到税务局协助接口联调。",
         support=("税务局", "提供工商注册数据字段说明并协助接口联调"),
         confirmed=("钱卫东", _utc(wd(-27), 10)))
    _say(seed, "QK-04", "周海涛", _utc(wd(-2), 15),
         "@周文博 经全流程测试,企业开办平均用时4个工作日,仍超目标1天,主要卡在税务登记环节。")
    # fmt: on


def _rural_revitalisation(seed: _Seed) -> None:
    """乡村振兴产业扶持资金发放: the seed's hours (120/80/60) and the 2-day disbursement."""
    wd, start = seed.wd, seed.wd(-55)
    indicator = _indicator(
        seed, "乡村振兴产业扶持资金发放", ("农业农村厅", "财政厅", "乡村振兴局"),
        "产业扶持资金按期足额发放到位率达到100%",
        _current_period(seed), "active", start - 3 * _DAY,
    )  # fmt: skip
    listed, paid = wd(-36), wd(-34)  # the list 3 days early; the money 2 days after it
    tracking = ("需抽查不少于10%的扶持对象", "需报告资金使用进度和存在问题")
    # fmt: off
    plans = [
        _Plan("XC-01", "农业农村厅", "调研乡村产业需求", wd(-40),
              ("调研报告需覆盖全部试点乡镇", "需包含产业现状和资金需求分析"),
              "乡村产业需求调研报告.docx", ("罗佳", "邓晨", "唐雪梅"), started=wd(-54),
              submits=((wd(-42), ()),), accepted=wd(-41), total_hours=120),
        _Plan("XC-02", "农业农村厅", "提交扶持对象清单", wd(-33),
              ("清单需包含扶持对象名称和统一社会信用代码", "清单需附村级公示证明",
               "清单需列明拟扶持金额"),
              "扶持对象清单.xlsx", ("邓晨", "罗佳"), ("XC-01",), started=wd(-40),
              submits=((listed, ()),), accepted=listed),
        _Plan("XC-03", "财政厅", "审核扶持资金预算", wd(-33),
              ("资金预算需符合财政法规", "预算需与扶持对象清单一致"),
              "扶持资金预算审核意见.pdf", ("彭丽娟", "袁斌"), ("XC-02",), started=wd(-45),
              submits=((wd(-35), ()),), accepted=wd(-35), total_hours=80),
        _Plan("XC-04", "财政厅", "拨付扶持资金", wd(-32),
              ("拨款需在收到清单后2天内完成", "需附拨款到账凭证"),
              "扶持资金拨付凭证.pdf", ("袁斌",), ("XC-03",), started=wd(-35),
              submits=((paid, ()),), accepted=paid),
        _Plan("XC-05", "乡村振兴局", "组织扶持对象培训", wd(2),
              ("培训需覆盖全部扶持对象", "需提供签到表和培训材料", "需开展培训效果评估"),
              "扶持对象培训总结.docx", ("沈悦", "韩磊"), ("XC-04",), started=wd(-20),
              submits=((wd(-1), ()),), total_hours=60, start_recorded_next_morning=True),
        _Plan("XC-06", "乡村振兴局", "跟踪资金使用情况(每月25日报送)", None, tracking,
              "扶持资金使用情况月报.docx", ("韩磊", "沈悦"), ("XC-04",), recurrence="monthly:25"),
    ]
    # fmt: on
    for months in (-1, 0):  # a monthly report for every month after the money arrived
        first = _month_start(seed.today, months)
        if first > paid:
            due = first.replace(day=25)
            report = _weekday_on_or_before(due - _DAY)
            plans.append(
                replace(
                    plans[-1],
                    code=f"XC-06/{first:%Y-%m}",
                    content="跟踪资金使用情况",
                    deadline=due,
                    started=_weekday_on_or_before(due - 6 * _DAY),
                    submits=((report, ()),),
                    accepted=_weekday_on_or_before(due),
                    recurrence=None,
                    template="XC-06",
                    period=f"{first:%Y-%m}",
                    notified=first,
                )
            )
    for plan in plans:
        _task(seed, indicator, "黄志远", plan, start)

    # fmt: off
    asked = _say(seed, "XC-01", "罗佳", _utc(wd(-50), 10),
                 "@乡村振兴局 请提供脱贫户产业帮扶名单,用于调研对象筛选。")
    _say(seed, "XC-01", "沈悦", _utc(wd(-50), 15), "@罗佳 名单已发送,请查收。", reply_to=asked,
         support=("农业农村厅", "提供脱贫户产业帮扶名单"),
         confirmed=("黄志远", _utc(wd(-49), 9, 30)))
    _say(seed, "XC-02", "彭丽娟", _utc(listed, 16, 30),
         "@农业农村厅 扶持对象清单已收到,预计2天内完成拨款。")
    # fmt: on


def _cross_province_services(seed: _Seed) -> None:
    """政务服务“跨省通办”: monthly 10th/15th/20th; 民政局's late list makes 公安局 late."""
    first_month = _month_start(seed.today, -3)
    indicator = _indicator(
        seed, "政务服务“跨省通办”", ("民政局", "公安局", "社保局"),
        "高频政务服务事项“跨省通办”覆盖率达到100%",
        (first_month, _current_period(seed)[1]), "active", first_month - 3 * _DAY,
    )  # fmt: skip
    # fmt: off
    templates = {
        "KS-01": _Plan("KS-01", "民政局", "收集“跨省通办”事项清单", None,
                       ("事项清单需列明事项名称和办理层级", "需注明受理条件和申请材料",
                        "清单需经民政局负责人审核签字"),
                       "跨省通办事项清单.xlsx", ("朱丽华", "秦川"), recurrence="monthly:10"),
        "KS-02": _Plan("KS-02", "公安局", "对接异地公安系统", None,
                       ("需完成异地公安系统接口联调", "需提供户籍信息核验测试记录",
                        "需明确数据安全管理责任人"),
                       "异地公安系统对接报告.docx", ("董明", "范晓东"), ("KS-01",),
                       recurrence="monthly:15"),
        "KS-03": _Plan("KS-03", "社保局", "测试“跨省通办”流程", None,
                       ("需覆盖清单内全部事项的测试用例", "需记录测试结果和问题清单"),
                       "跨省通办流程测试报告.docx", ("田野", "夏雨"), ("KS-02",),
                       recurrence="monthly:20"),
    }
    # fmt: on
    for template in templates.values():
        _task(seed, indicator, "杨帆", template, first_month)

    # Days late per month (民政局's list, 公安局's link-up): two months before this one is the
    # seed's example (公安局 3 days late, 2 of them waiting for 民政局's list); last month
    # 民政局's list is 1 day late and 公安局's 1 day is all waiting.
    for months, late in {-3: (0, 0), -2: (2, 3), -1: (1, 1), 0: (0, 0)}.items():
        first = _month_start(seed.today, months)
        period = f"{first:%Y-%m}"
        d10, d15, d20 = (first.replace(day=n) for n in (10, 15, 20))
        listed = d10 + late[0] * _DAY if late[0] else _weekday_on_or_before(d10 - _DAY)
        on_time = max(_weekday_on_or_before(d15 - _DAY), listed + _DAY)
        linked = d15 + late[1] * _DAY if late[1] else on_time
        tested = max(_weekday_on_or_before(d20 - _DAY), linked + _DAY)
        flow = {"KS-01": (d10, first + _DAY, listed), "KS-02": (d15, listed + _DAY, linked),
                "KS-03": (d20, linked + _DAY, tested)}  # fmt: skip
        for code, (deadline, started, done) in flow.items():
            template = templates[code]
            instance = replace(
                template,
                code=f"{code}/{period}",
                deadline=deadline,
                depends_on=tuple(f"{upstream}/{period}" for upstream in template.depends_on),
                started=started,
                submits=((done, ()),),
                accepted=done,
                recurrence=None,
                template=code,
                period=period,
                notified=first,
            )
            _task(seed, indicator, "杨帆", instance, first)
        if months == -2:
            # fmt: off
            waiting = _say(seed, f"KS-02/{period}", "董明", _utc(d10 + _DAY, 10),
                           "@民政局 尚未收到本月“跨省通办”事项清单,无法开展异地公安系统对接。",
                           problem=True)
            _say(seed, f"KS-02/{period}", "朱丽华", _utc(listed, 16, 20),
                 "@董明 清单已提交并通过审核,请查收。", resolves=waiting)
            # fmt: on


def _medical_insurance_settlement(seed: _Seed) -> None:
    """医保异地结算: the seed's comments; 卫健委's integration is overdue and returned."""
    wd, start = seed.wd, seed.wd(-35)
    indicator = _indicator(
        seed, "医保异地结算", ("医保局", "卫健委", "社保局"),
        "异地就医直接结算覆盖全部定点医院,结算成功率达到98%以上",
        _current_period(seed), "active", start - 3 * _DAY,
    )  # fmt: skip
    verified = "需提供定点医院数据接入验证记录"
    # fmt: off
    plans = (
        _Plan("YB-01", "医保局", "制定异地结算数据共享方案", wd(-22),
              ("方案需明确共享数据范围", "方案需符合医保数据安全规定", "需列明各方接口责任人"),
              "异地结算数据共享方案.docx", ("苏晴", "卢伟"), started=wd(-34),
              submits=((wd(-24), ()),), accepted=wd(-24)),
        _Plan("YB-02", "卫健委", "医院数据接入医保系统", wd(-3),
              ("需完成全部定点医院数据接入", verified, "需通过医保系统联调测试"),
              "医院数据接入报告.docx", ("崔浩然", "姚婷"), ("YB-01",), started=wd(-20),
              submits=((wd(-1), (verified,)),)),
        _Plan("YB-03", "社保局", "测试异地结算流程", wd(1),
              ("测试需覆盖门诊和住院结算", "需记录测试结果和问题清单"),
              "异地结算流程测试报告.docx", ("贾蓉", "田野"), ("YB-02",), started=wd(-5)),
        _Plan("YB-04", "医保局", "上线异地结算服务并发布公告", wd(10),
              ("需发布面向参保人的办事指南", "需公布咨询电话"),
              "异地结算上线公告.pdf", ("卢伟",), ("YB-03",)),
    )
    for plan in plans:
        _task(seed, indicator, "程刚", plan, start)

    asked = _say(seed, "YB-02", "苏晴", _utc(wd(-6), 10),
                 "@卫健委 @魏红 卫健委的医院数据未接入医保系统,请在3天内完成对接。",
                 problem=True)
    first = _say(seed, "YB-02", "崔浩然", _utc(wd(-6), 11, 30),
                 "@程刚 已联系技术部门,预计3天内完成对接。", reply_to=asked)
    _say(seed, "YB-02", "崔浩然", _utc(wd(-6), 11, 42),
         "@程刚 已联系技术部门,预计2天内完成对接。", reply_to=asked, supersedes=first)
    _say(seed, "YB-02", "贾蓉", _utc(wd(-5), 9, 30),
         "若卫健委完成对接,我们将在1天内测试结算流程。")
    _acknowledge(seed, "YB-03", "due_soon", "杜建华", _utc(seed.today, 9, 10),
                 "测试用例已备好,待卫健委完成对接后1天内完成测试")
    _say(seed, "YB-02", "卢伟", _utc(wd(-5), 14),
         "@崔浩然 医保系统接口规范文档和测试账号已发送,对接中有问题可随时联系。",
         support=("卫健委", "提供医保系统接口规范文档和测试账号"))
    # fmt: on
