"""A synthetic province for scale tests and demonstrations (DESIGN.md, "Scale").

`build_scale_demo(store, departments=300, today=...)` fills an empty store with about 300
departments, 5,100 people, 1,000 indicators, 20,000 tasks with their flow events and
submissions, 2.2 million timesheet entries and 500,000 comments, scaled linearly from the
number of departments. Everything is drawn from one `random.Random(seed)` in a fixed order and
every id is a UUIDv7 from a synthetic, increasing clock and that generator's bits, so a seed
and a `today` always give the same rows, byte for byte.

The year covered is the 365 days before `today`. A task's events follow its flow: notified,
started, submitted (returned and submitted again while items are missing), accepted,
completed, cut off at `today`; its status is its last event's (a submission that passed the
standard check leaves it `awaiting_acceptance`). An event's department is the acting
person's: the task's own for started/submitted, the lead department's otherwise. Hours are
logged by the task department's people inside the task's working window (started to last
submission), at most three entries and 12 hours per person and day.

The rows are written with Core statements, so they bypass change capture (`store.capture`):
the demo is data to look at and measure, not history to sync. SQLite only, like
`store.search`. N=300 takes about 55 s and 350 MB on an idle two-core machine, because:
- Rows are drawn into bounded buffers and written in batches on a second thread, all in ONE
  transaction: a failure leaves the store exactly as it was.
- A batch is ONE statement, `INSERT ... SELECT ... FROM json_each(?)`, so the driver releases
  the GIL for the whole batch and drawing the next batch overlaps writing this one. Per-row
  executemany takes the GIL back after every row and stalls behind the drawing thread; Core
  insert() with its bind processing was slower still. The big tables' rows travel as
  fixed-width text records that SQLite cuts with substr(), twice as cheap as JSON arrays.
- Dates and timestamps are written as text exactly as SQLAlchemy's SQLite Date and DateTime
  store them ("YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS.ffffff"), so ORM reads see ordinary values.
- The secondary indexes of the three big tables are dropped for the load and recreated from
  their own stored SQL in the same transaction: one sort each instead of millions of
  scattered inserts. The comment search trigger (migration 0002) stays: FTS5 flushes once
  per statement, so filling it batch by batch costs about what one rebuild would.
"""

from __future__ import annotations

import functools
import json
import random
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, func, select, update

from govperf_desktop.domain.errors import ConflictError, StoreError, ValidationError
from govperf_desktop.domain.ids import uuid7_hex
from govperf_desktop.services.demo.bulk import (
    ALL_TARGETS,
    COMMENTS,
    COOPERATING,
    DEPARTMENTS,
    DEPENDENCIES,
    EVENTS,
    INDICATORS,
    LIABILITY_RULES,
    MENTIONS,
    NULL_ID,
    PEOPLE,
    PERSON_ROLES,
    STANDARD_ITEMS,
    SUBMISSIONS,
    SUPPORT,
    TASKS,
    TIMESHEETS,
    Progress,
    Target,
    Writer,
    WriterFailed,
)
from govperf_desktop.store import models
from govperf_desktop.store.store import Store

YEAR_DAYS = 365
DAY_MS, HOUR_MS, MINUTE_MS = 86_400_000, 3_600_000, 60_000
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
PEOPLE_PER_DEPARTMENT = (14, 20)  # inclusive ranges throughout
INDICATORS_PER_DEPARTMENT = 10 / 3
TASKS_PER_INDICATOR = (15, 25)
COOPERATING_PER_INDICATOR = (2, 4)
COMMENTS_PER_TASK = (10, 40)
# Timesheet entries per person and day: cumulative probabilities of 1, 2 and 3 entries, and
# the largest entry in half hours for that many entries (a day never exceeds 12 hours).
WORKDAY_ENTRIES, WEEKEND_ENTRIES = (0.30, 0.70, 0.97), (0.12, 0.12, 0.12)
HALF_HOURS_CAP = (0, 20, 12, 8)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_CITIES = _words(
    "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 义乌 余姚 慈溪 诸暨 乐清 "
    "瑞安 温岭 海宁 桐乡 东阳 永康 临海 嵊州 平湖 兰溪 江山 龙泉 建德 玉环"
)
_BUREAUS = _words(
    "财政局 税务局 公安局 民政局 住建局 交通运输局 教育局 卫生健康委 市场监管局 生态环境局 "
    "自然资源局 农业农村局 水利局 商务局 文化广电旅游局 人力社保局 应急管理局 司法局 审计局 "
    "统计局 医保局 退役军人事务局 城管局 科技局 经信局 发改委 政务服务中心 大数据局 信访局 "
    "林业局 体育局 档案局 机关事务局 粮食和物资储备局 乡村振兴局"
)
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
)
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建文斌宇浩凯晨欣怡佳婷雪琳丹飞"
_CLERK_TITLES = _words("科员 科员 办事员 副科长 科长")
_PROGRAMS = _words(
    "老旧小区改造 企业开办 政务服务事项 乡村振兴产业扶持 民生实事项目 营商环境优化 垃圾分类 "
    "河湖长制 安全生产 食品安全 义务教育优质均衡 基层医疗服务 养老服务体系 城市更新 数字政府建设 "
    "交通治堵 大气污染防治 耕地保护 就业创业 社会救助 不动产登记 工程建设项目审批 信访积案化解 "
    "医保基金监管 文旅融合 科技创新平台 农村饮用水 防汛防台 平安建设 一网通办"
)
_METRICS = _words("推进率 完成率 达标率 办结率 满意度 覆盖率 时限压缩 考核得分")
_TARGETS = _words("年度目标完成率不低于{p}% 群众满意度达到{p}%以上 按期办结率不低于{p}%")
_ACTIONS = _words(
    "制定实施方案 审核资金预算 提交居民需求清单 明确改造范围 完成系统对接 设置联合窗口 "
    "共享注册信息 组织专题培训 开展现场核查 编制工作台账 拨付专项资金 完成数据归集 开展督导检查 "
    "组织联合验收 报送进度报告 完善制度文件 开展风险评估 完成招标采购 组织专家评审 开展政策宣传 "
    "整改问题清单 建立协调机制 完成绩效自评 汇总统计数据 开展满意度调查"
)
_STANDARD_ITEMS = _words(
    "包含居民需求调查结果 符合财政法规要求 附数据来源说明 经部门负责人签字 附现场照片 "
    "列明时间节点 列明责任人 附专家评审意见 包含资金测算明细 附会议纪要 格式符合统一模板 "
    "附问题整改台账 包含风险应对措施 附系统运行截图 列明验收标准"
)
_LIABILITY = (
    (
        "failure_caused_miss",
        (15, 20, 20, 25),
        "因本部门未完成任务导致指标未达预期的，扣减绩效评分{p}%",
    ),
    ("cooperating", (5, 10, 10), "指标未达预期时，配合部门连带扣减绩效评分{p}%"),
    ("blocking_delay", (10, 15, 15, 20), "因本部门延误导致其他部门任务受阻的，扣减绩效评分{p}%"),
)
_TOPICS = _words(
    "资金预算 需求清单 改造方案 系统对接 联合窗口 注册信息 培训安排 核查结果 工作台账 专项资金 "
    "数据归集 督导意见 验收材料 进度报告 制度文件 风险评估 招标文件 评审意见 宣传材料 整改清单"
)
_STATES = _words(
    "已完成初稿，请审阅 还需补充相关材料 预计本周内提交 存在数据不一致的情况 已按意见修改完毕 "
    "正在与相关科室对接 需要贵部门提供基础数据 已报分管领导审核 进度比计划滞后约三天 "
    "已上传至共享目录"
)
_CLOSERS = _words("。 ，请尽快反馈。 ，谢谢配合。 ，如有问题请及时沟通。 ，请知悉。")
# A comment body is an optional @mention and opener, then one of these precomposed tails.
_BODY_TAILS = tuple(
    opener + topic + state + closer
    for opener in ("关于", "针对", "就", "根据会议要求，", "按照分工，", "")
    for topic in _TOPICS
    for state in _STATES
    for closer in _CLOSERS
)
_REPLY_OPENERS = _words("收到， 好的， 已了解， 明白， 感谢提醒，")
_STATUS_AFTER = {  # a task's status after its last event
    **{"notified": "notified", "started": "in_progress", "submitted": "awaiting_acceptance"},
    **{"returned": "returned", "accepted": "accepted", "completed": "completed"},
}


def _json_texts(texts: list[str]) -> str:
    """A JSON list of this module's own phrases (no quotes or backslashes to escape)."""
    return "[" + ", ".join(f'"{text}"' for text in texts) + "]"


@functools.cache
def _date_text(epoch_day: int) -> str:
    return date.fromordinal(EPOCH_ORDINAL + epoch_day).isoformat()


@functools.lru_cache(maxsize=4096)
def _minute_text(epoch_minute: int) -> str:
    day, minute = divmod(epoch_minute, 1440)
    return f"{_date_text(day)} {minute // 60:02d}:{minute % 60:02d}:"


_SECOND_TEXT = tuple(f"{ms // 1000:02d}.{ms % 1000:03d}000" for ms in range(MINUTE_MS))


def _datetime_text(ms: int) -> str:
    """A UTC millisecond timestamp as SQLAlchemy's SQLite DateTime stores it."""
    return _minute_text(ms // MINUTE_MS) + _SECOND_TEXT[ms % MINUTE_MS]


class _IdClock:
    """Ids of one table: UUIDv7 whose timestamps strictly increase in insertion order."""

    __slots__ = ("bits", "last")

    def __init__(self, rng: random.Random) -> None:
        self.last, self.bits = 0, rng.getrandbits

    def next(self, at_ms: int) -> tuple[str, int]:
        ms = self.last = at_ms if at_ms > self.last else self.last + 1
        return uuid7_hex(ms, self.bits(74)), ms


class _Comment:
    """A comment while its day is drawn; it gets its id once the day is sorted by time."""

    __slots__ = ("author", "body", "dept", "id", "mention", "ms", "parent", "problem")
    __slots__ += ("resolver", "task")

    def __init__(self, ms: int, task: int, author: int, dept: int, parent: _Comment | None):
        self.ms, self.task, self.author, self.dept, self.parent = ms, task, author, dept, parent
        self.id = self.body = ""
        self.problem = False
        self.mention: tuple[str | None, str | None] | None = None  # person id, department id
        self.resolver: _Comment | None = None


class _Province:
    """Draws the province table by table, in foreign-key order, into a `Writer`."""

    def __init__(self, rng: random.Random, today: date, writer: Writer, departments: int):
        self.rng, self.writer, self.n = rng, writer, departments
        self.first_day = today.toordinal() - YEAR_DAYS - EPOCH_ORDINAL  # epoch day of day 0
        self.day0_ms = self.first_day * DAY_MS
        self.today_ms = self.day0_ms + YEAR_DAYS * DAY_MS
        self.clocks = {t.table.name: _IdClock(rng) for t in ALL_TARGETS}

    def _new(self, target: Target, at_ms: int) -> tuple[str, str]:
        """A fresh id of `target` and its creation time as text."""
        row_id, ms = self.clocks[target.table.name].next(at_ms)
        return row_id, _datetime_text(ms)

    def _person(self, dept: int) -> int:
        people = self.dept_people[dept]
        return people[int(self.rng.random() * len(people))]

    def departments_and_people(self, taken: set[str]) -> None:
        rng, setup_ms = self.rng, self.day0_ms - 60 * DAY_MS + 2 * HOUR_MS
        free = [(c, b) for c in _CITIES for b in _BUREAUS if f"{c}市{b}" not in taken]
        if self.n > len(free):
            raise ValidationError(f"The scale demo can make at most {len(free)} departments.")
        self.dept_ids, self.dept_names, self.dept_people = [], [], []
        self.person_ids, self.person_names = [], []
        departments, people, roles = [], [], []
        for city, bureau in rng.sample(free, self.n):
            dept_id, created = self._new(DEPARTMENTS, setup_ms)
            self.dept_ids.append(dept_id)
            self.dept_names.append(f"{city}市{bureau}")
            departments.append((dept_id, self.dept_names[-1], created))
            members: list[int] = []
            names: set[str] = set()  # only asked about membership, so its order never matters
            size = rng.randint(*PEOPLE_PER_DEPARTMENT)
            while len(members) < size:
                name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
                name += rng.choice(_GIVEN) if rng.random() < 0.6 else ""
                if name in names:
                    continue
                names.add(name)
                title = (
                    rng.choice(_CLERK_TITLES) if members else "局长" if "局" in bureau else "主任"
                )
                person_id, created = self._new(PEOPLE, setup_ms + HOUR_MS)
                people.append((person_id, dept_id, name, title, True, created))
                roles.append((person_id, "clerk" if members else "head"))
                members.append(len(self.person_ids))
                self.person_ids.append(person_id)
                self.person_names.append(name)
            self.dept_people.append(members)
        for target, rows in ((DEPARTMENTS, departments), (PEOPLE, people), (PERSON_ROLES, roles)):
            self.writer.write(target, rows)

    def indicators_and_tasks(self) -> None:
        """Indicators with their decomposition tables, rules and the flow of every task."""
        rng, n, count = self.rng, self.n, max(1, round(self.n * INDICATORS_PER_DEPARTMENT))
        start, end = _date_text(self.first_day), _date_text(self.first_day + YEAR_DAYS - 1)
        period = f"{start[:7]}~{end[:7]}"
        leads = rng.sample(range(n), n)  # every department leads at least one indicator
        names = rng.sample(range(len(_CITIES) * len(_PROGRAMS) * len(_METRICS)), count)
        self.task_ids, self.task_dept, self.task_ind, self.task_content = [], [], [], []
        self.work: list[tuple[int, int] | None] = []  # first and last day hours may be logged
        self.talk: list[tuple[int, int] | None] = []  # first and last day of comments
        self.ind_depts: list[list[int]] = []  # lead first, then the cooperating departments
        self.submissions: list[list] = []
        self.events: list[list] = []
        rows: dict[str, list[tuple]] = {t.table.name: [] for t in ALL_TARGETS}
        for i, code in enumerate(names):
            city, rest = divmod(code, len(_PROGRAMS) * len(_METRICS))
            program, metric = divmod(rest, len(_METRICS))
            name = f"{_CITIES[city]}市{_PROGRAMS[program]}{_METRICS[metric]}"
            lead = leads[i % n]
            others = rng.sample(range(n - 1), min(rng.randint(*COOPERATING_PER_INDICATOR), n - 1))
            depts = [lead] + [other + (other >= lead) for other in others]
            self.ind_depts.append(depts)
            created_ms = self.day0_ms - 30 * DAY_MS + i * 10 * MINUTE_MS
            ind_id, ind_created = self._new(INDICATORS, created_ms)
            first = rng.randint(0, 90)
            last = YEAR_DAYS - 1 if rng.random() < 0.4 else rng.randint(max(first + 120, 270), 364)
            size = rng.randint(*TASKS_PER_INDICATOR)
            deadlines = sorted(rng.randint(first + 14, last) for _ in range(size))
            base, finals, late, open_tasks = len(self.task_ids), [], 0, 0
            for j, deadline in enumerate(deadlines):
                dept = lead
                if len(depts) > 1 and rng.random() >= 0.35:
                    dept = depts[rng.randint(1, len(depts) - 1)]
                task_id, task_created = self._new(TASKS, created_ms + (j + 1) * 1000)
                upstream: list[int] = []
                if j and rng.random() < 0.7:  # chains, and diamonds where two of them meet
                    pair = j > 1 and rng.random() < 0.3
                    upstream = rng.sample(range(max(0, j - 4), j), 2 if pair else 1)
                for up in upstream:
                    rows["task_dependencies"].append((ind_id, task_id, self.task_ids[base + up]))
                items = rng.sample(_STANDARD_ITEMS, rng.randint(2, 3))
                for position, text in enumerate(items, 1):
                    item_id = self._new(STANDARD_ITEMS, created_ms)[0]
                    rows["standard_items"].append((item_id, task_id, position, text))
                content = f"{self.dept_names[dept][3:]}负责{rng.choice(_ACTIONS)}"
                self.task_ids.append(task_id)
                self.task_dept.append(dept)
                self.task_ind.append(i)
                self.task_content.append(content)
                upstream_final = max((finals[up] for up in upstream), default=None)
                final, status = self._flow(base + j, lead, first, deadline, items, upstream_final)
                finals.append(final)
                late += final > deadline
                open_tasks += status != "completed"
                row = (task_id, ind_id, f"T{j + 1:02d}", self.dept_ids[dept], content)
                row += (_date_text(self.first_day + deadline), status, task_created)
                rows["tasks"].append(row)
            status = "active" if open_tasks else "missed" if late * 3 > size else "met"
            target = rng.choice(_TARGETS).format(p=rng.randint(85, 98))
            row = (ind_id, name, self.dept_ids[lead], target, period, start, end, status)
            rows["indicators"].append((*row, ind_created))
            rows["cooperating_departments"] += [(ind_id, self.dept_ids[d]) for d in depts[1:]]
            for kind, percents, text in _LIABILITY:
                rule_id, percent = self._new(LIABILITY_RULES, created_ms)[0], rng.choice(percents)
                rule = (rule_id, ind_id, kind, percent, text.format(p=percent))
                rows["liability_rules"].append(rule)
        for target in (INDICATORS, COOPERATING, LIABILITY_RULES, TASKS, DEPENDENCIES):
            self.writer.write(target, rows[target.table.name])
        self.writer.write(STANDARD_ITEMS, rows["standard_items"])
        self._write_flow()

    def _flow(
        self,
        task: int,
        lead: int,
        first: int,
        deadline: int,
        items: list[str],
        upstream: int | None,
    ) -> tuple[int, str]:
        """Draw one task's events and submissions; return its last submission day and status."""
        rng, random, dept = self.rng, self.rng.random, self.task_dept[task]
        task_id, kinds, last_ms = self.task_ids[task], [""], 0

        def emit(day: int, kind: str, person: int, submission: list | None = None) -> bool:
            nonlocal last_ms
            ms = self.day0_ms + day * DAY_MS + HOUR_MS + int(random() * 541) * MINUTE_MS
            ms = max(ms, last_ms + (5 + int(random() * 56)) * MINUTE_MS)
            if ms >= self.today_ms:
                return False
            lag = 0 if random() < 0.7 else (1 + int(random() * 48)) * HOUR_MS  # synced later
            own = kind in ("started", "submitted", "completed")  # the task department's steps
            actor = self.dept_ids[dept if own else lead]
            detail = submission[5] if submission and kind == "returned" else None
            recorded = ms + lag if ms + lag < self.today_ms else ms
            event = [ms, task_id, kind, actor, self.person_ids[person], submission, detail]
            self.events.append([*event, recorded])
            kinds.append(kind)
            last_ms = ms
            return True

        notify = max(first, deadline - rng.randint(20, 70))
        start = notify + (rng.randint(0, 2) if rng.random() < 0.85 else rng.randint(3, 10))
        start, lateness = min(deadline, start), rng.random()
        if lateness < 0.7:
            day = deadline - rng.randint(0, min(10, deadline - start))
        else:  # late, and one task in twenty badly so: overdue and still open at the end
            day = deadline + (rng.randint(1, 20) if lateness < 0.95 else rng.randint(21, 120))
        if upstream is not None and rng.random() < 0.5:  # waited for a late upstream task
            day = max(day, upstream + rng.randint(1, 3))
        day = max(day, start)
        emit(notify, "notified", self.dept_people[lead][0])
        worker = self._person(dept)
        started = emit(start, "started", worker)
        revision = 1
        while started:
            missing: list[str] = []
            if revision < 3 and rng.random() < (0.25 if revision == 1 else 0.1):
                missing = rng.sample(items, rng.randint(1, len(items) - 1))
            provided = [item for item in items if item not in missing]
            result = "missing" if missing else "complete"
            submission = [0, task_id, revision, self.person_ids[worker]]
            submission += [_json_texts(provided), _json_texts(missing)]
            submission += [result, ""]
            if not emit(day, "submitted", worker, submission):
                break
            submission[0] = last_ms
            self.submissions.append(submission)
            if not missing:
                accepted = day + rng.randint(0, 2)
                if emit(accepted, "accepted", self._person(lead), submission):
                    # completing is the task department's own step, as services enforce
                    emit(accepted + rng.randint(0, 1), "completed", worker)
                break
            if not emit(day, "returned", self._person(lead), submission):
                break
            revision += 1
            day += rng.randint(1, 5)
        self.work.append((start, min(day, YEAR_DAYS - 1)) if started else None)
        talk_end = (last_ms - self.day0_ms) // DAY_MS if kinds[-1] == "completed" else YEAR_DAYS
        self.talk.append((notify, min(talk_end, YEAR_DAYS - 1)) if len(kinds) > 1 else None)
        return day, _STATUS_AFTER.get(kinds[-1], "pending")

    def _write_flow(self) -> None:
        """Submissions, then the events that refer to them, each in time order."""
        self.submissions.sort(key=lambda s: s[0])
        for s in self.submissions:
            s[7] = self._new(SUBMISSIONS, s[0])[0]
        rows = [(s[7], *s[1:4], _datetime_text(s[0]), *s[4:7]) for s in self.submissions]
        self.writer.write(SUBMISSIONS, rows)
        self.events.sort(key=lambda e: e[0])
        rows = []
        for ms, task_id, kind, dept_id, person_id, submission, detail, recorded in self.events:
            row = (self._new(EVENTS, ms)[0], task_id, kind, dept_id, person_id)
            row += (submission[7] if submission else None, _datetime_text(ms))
            rows.append((*row, _datetime_text(recorded), detail))
        self.writer.write(EVENTS, rows)
        del self.submissions, self.events

    def timesheets(self) -> None:
        """Hours, day by day: each department's people on its tasks open that day."""
        random, bits = self.rng.random, self.rng.getrandbits
        opening: list[list[int]] = [[] for _ in range(YEAR_DAYS + 1)]
        closing: list[list[int]] = [[] for _ in range(YEAR_DAYS + 1)]
        for task, window in enumerate(self.work):
            if window is not None:
                opening[window[0]].append(task)
                closing[window[1] + 1].append(task)
        working: list[dict[int, None]] = [{} for _ in range(self.n)]  # ordered sets, not sets
        people = [[self.person_ids[p] for p in members] for members in self.dept_people]
        clock, task_ids, dept_ids = self.clocks["timesheet_entries"], self.task_ids, self.dept_ids
        for day in range(YEAR_DAYS):
            for task in closing[day]:
                del working[self.task_dept[task]][task]
            for task in opening[day]:
                working[self.task_dept[task]][task] = None
            weekday = date.fromordinal(EPOCH_ORDINAL + self.first_day + day).weekday()
            one, two, three = WORKDAY_ENTRIES if weekday < 5 else WEEKEND_ENTRIES
            work_date, rows = _date_text(self.first_day + day), self.writer.rows(TIMESHEETS)
            ms = max(clock.last + 1, self.day0_ms + day * DAY_MS + 10 * HOUR_MS)  # 18:00 China
            minute = ms - ms % MINUTE_MS  # entries of a day are logged within a few seconds
            logged, seconds = _minute_text(minute // MINUTE_MS), _SECOND_TEXT
            for dept, active in enumerate(working):
                open_tasks, dept_id = [*active], dept_ids[dept]
                count = len(open_tasks)
                for person_id in people[dept] if count else ():
                    draw = random()
                    if draw >= three:
                        continue
                    entries = min(count, 1 if draw < one else 2 if draw < two else 3)
                    first, cap = int(random() * count), HALF_HOURS_CAP[entries]
                    for k in range(entries):  # distinct tasks: consecutive from a random start
                        hours = (int(random() * cap) + 1) * 0.5
                        overtime = hours - 8.0 if hours > 8.0 else 0.0
                        task_id = task_ids[open_tasks[(first + k) % count]]
                        created = (
                            logged + seconds[ms - minute]
                            if ms - minute < MINUTE_MS
                            else _datetime_text(ms)
                        )
                        record = f"{uuid7_hex(ms, bits(74))}{person_id}{dept_id}{task_id}"
                        rows.append(f'"{record}{work_date}{hours:04.1f}{overtime:04.1f}{created}"')
                        ms += 1
            clock.last = ms - 1
            self.writer.flush_if_full(TIMESHEETS)
        self.writer.flush(TIMESHEETS)

    def comments(self) -> None:
        """Comments on tasks between notification and completion, day by day in time order."""
        random = self.rng.random
        on_day: list[list[int]] = [[] for _ in range(YEAR_DAYS)]  # a task once per comment
        for task, window in enumerate(self.talk):
            if window is not None:
                first, length = window[0], window[1] - window[0] + 1
                count = self.rng.randint(*COMMENTS_PER_TASK)
                for day in sorted(first + int(random() * length) for _ in range(count)):
                    on_day[day].append(task)
        self.recent: dict[int, list[_Comment]] = {}  # the last few comments of each task
        self.open_problems: dict[int, _Comment] = {}  # each task's latest unsolved problem
        self.resolved: list[_Comment] = []
        clock, mention_clock = self.clocks["comments"], self.clocks["mentions"]
        for day in range(YEAR_DAYS):
            todays: list[_Comment] = []
            previous, ms = -1, 0
            for task in on_day[day]:  # one task's comments of a day are adjacent
                if task == previous:
                    ms += (2 + int(random() * 88)) * MINUTE_MS
                else:
                    ms = self.day0_ms + day * DAY_MS + HOUR_MS + int(random() * 480) * MINUTE_MS
                previous = task
                if ms < self.today_ms:
                    todays.append(self._comment(task, ms))
            todays.sort(key=lambda comment: comment.ms)  # stable: replies stay after parents
            rows, mentions = self.writer.rows(COMMENTS), self.writer.rows(MENTIONS)
            for c in todays:
                c.id, ms = clock.next(c.ms)
                record = f"{c.id}{self.task_ids[c.task]}{self.person_ids[c.author]}"
                record += f"{self.dept_ids[c.dept]}{c.parent.id if c.parent else NULL_ID}"
                record += f"{c.problem:d}{_datetime_text(c.ms)}{c.body}"
                rows.append(json.dumps(record, ensure_ascii=False))
                if c.mention:
                    person, dept = (v or NULL_ID for v in c.mention)
                    mentions.append(f'"{mention_clock.next(ms)[0]}{c.id}{person}{dept}"')
                c.parent, c.body = None, ""  # written: let old threads be collected
            if self.writer.flush_if_full(COMMENTS):
                self.writer.flush(MENTIONS)  # mentions only ever refer to written comments
        self.writer.flush(COMMENTS)
        self.writer.flush(MENTIONS)
        self._resolutions()

    def _comment(self, task: int, ms: int) -> _Comment:
        random = self.rng.random
        depts, own = self.ind_depts[self.task_ind[task]], self.task_dept[task]
        recent = self.recent.setdefault(task, [])
        parent = recent[int(random() * len(recent))] if recent and random() < 0.35 else None
        problem = self.open_problems.get(task)
        if problem is not None and random() < 0.3:  # someone takes up the open problem
            parent = problem
        if (parent is None and random() < 0.75) or (parent is not None and parent.dept != own):
            dept = own  # most talk is the task's own department; answers go back to it
        else:
            dept = depts[int(random() * len(depts))]
        comment = _Comment(ms, task, self._person(dept), dept, parent)
        draw, prefix = random(), ""
        if parent is not None and draw < 0.4 and parent.author != comment.author:
            comment.mention = (self.person_ids[parent.author], None)
            prefix = f"@{self.person_names[parent.author]} "
        elif draw < 0.12:
            person = self._person(depts[int(random() * len(depts))])
            comment.mention = (self.person_ids[person], None)
            prefix = f"@{self.person_names[person]} "
        elif draw < 0.17:
            other = depts[int(random() * len(depts))]
            comment.mention = (None, self.dept_ids[other])
            prefix = f"@{self.dept_names[other]} "
        if parent is None:
            comment.problem = random() < 0.06
            opener = "问题：" if comment.problem else ""
        else:
            opener = _REPLY_OPENERS[int(random() * len(_REPLY_OPENERS))]
        comment.body = prefix + opener + _BODY_TAILS[int(random() * len(_BODY_TAILS))]
        if parent is not None and parent is problem and random() < 0.7:
            parent.resolver = comment
            self.resolved.append(self.open_problems.pop(task))
        elif comment.problem:
            self.open_problems[task] = comment
        recent.append(comment)
        if len(recent) > 4:
            del recent[0]
        return comment

    def _resolutions(self) -> None:
        """Mark solved problems; help from another department becomes a support record."""
        rng, support, updates = self.rng, [], []
        for problem in sorted(self.resolved, key=lambda p: p.resolver.ms):  # type: ignore[union-attr]
            resolver = problem.resolver
            assert resolver is not None
            at = datetime(1970, 1, 1) + timedelta(milliseconds=resolver.ms)
            updates.append({"problem": problem.id, "resolver": resolver.id, "at": at})
            if resolver.dept == problem.dept:
                continue
            support_id, recorded = self._new(SUPPORT, resolver.ms)
            confirmed_ms = resolver.ms + rng.randint(1, 48) * HOUR_MS
            confirmed = confirmed_ms < self.today_ms and rng.random() < 0.8
            helped, task = self.dept_names[problem.dept], self.task_content[resolver.task]
            text = f"协助{helped}解决“{task}”中的问题"
            row = (support_id, self.task_ids[resolver.task], self.dept_ids[resolver.dept])
            row += (
                self.dept_ids[problem.dept],
                resolver.id,
                text,
                self.person_ids[resolver.author],
            )
            confirmation = (self.person_ids[problem.author], _datetime_text(confirmed_ms))
            support.append((*row, recorded, *(confirmation if confirmed else (None, None))))
        table = models.Comment.__table__
        statement = (
            update(table)
            .where(table.c.id == bindparam("problem"))
            .values(resolved_by_id=bindparam("resolver"), resolved_at=bindparam("at"))
        )
        if updates:
            self.writer.run(lambda connection: connection.execute(statement, updates))
        self.writer.write(SUPPORT, support)


def build_scale_demo(
    store: Store,
    *,
    departments: int,
    seed: int = 1,
    today: date,
    progress: Progress | None = None,
    batch_size: int = 20_000,
) -> dict[str, int]:
    """Fill an empty store with a synthetic province of `departments` departments.

    Returns the rows written per table. The same `seed` and `today` give the same rows.
    `progress(stage, rows_done)` is called after each batch with the table name and its rows
    so far, then with "indexes" and "commit". Raises ConflictError if the store has
    indicators, StoreError for a store that is not SQLite.
    """
    if departments < 1:
        raise ValidationError("The scale demo needs at least one department.")
    if batch_size < 1:
        raise ValidationError("The batch size must be at least 1.")
    if store.engine.dialect.name != "sqlite":
        raise StoreError("The scale demo writes to SQLite stores only.")
    with store.engine.begin() as connection:
        indicators = models.Indicator.__table__
        if connection.execute(select(func.count()).select_from(indicators)).scalar_one():
            raise ConflictError("This store already has indicators; use an empty store.")
        taken = set(connection.execute(select(models.Department.name)).scalars())
        writer = Writer(connection, batch_size, progress)
        try:
            province = _Province(random.Random(seed), today, writer, departments)
            province.departments_and_people(taken)
            province.indicators_and_tasks()
            writer.suspend_indexes()
            province.timesheets()
            province.comments()
            writer.restore_indexes()
        except WriterFailed:
            pass  # close() raises the writer's own error
        finally:
            writer.close()
        if progress is not None:
            progress("commit", 0)
    return dict(writer.counts)
