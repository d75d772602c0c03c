"""Defining indicators and their decomposition tables (指标分解表).

The whole table is checked before anything is written: unknown departments, tasks depending
on unknown tasks or on tasks of another indicator, dependency cycles, bad recurrence rules and
liability percentages are refused with a message naming the rows, and the store is left as it
was. A recurring task ("每月10日", stored as "monthly:10") is saved as a template (recurrence
set, no deadline) plus one instance per occurrence in the indicator's period, coded
"MZ-1/2026-11", with the template's output standard and the dependencies of the same
occurrence (domain.decomposition). Defining indicators is the central office's action: a
person named as acting must hold the role 'central' or 'admin' (domain.permissions).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.decomposition import (
    LiabilityLine,
    Problem,
    TaskLine,
    liability_problems,
    plan_instances,
    task_problems,
)
from govperf_desktop.domain.dependencies import check_acyclic
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.permissions import Action
from govperf_desktop.domain.recurrence import parse_rule
from govperf_desktop.services import lookup, roles
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import (
    LIABILITY_KINDS,
    CooperatingDepartment,
    Department,
    Indicator,
    LiabilityRule,
    StandardItem,
    Task,
    TaskDependency,
)
from govperf_desktop.store.store import Store

MAX_NAME_LENGTH = 200
MAX_PERIOD_LENGTH = 20


@dataclass(frozen=True)
class TaskDraft:
    code: str
    department: str
    content: str
    deadline: date | None = None
    recurrence: str | None = None  # "monthly:10" or "每月10日"; then no deadline
    standard: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()  # codes of tasks of the same indicator


@dataclass(frozen=True)
class LiabilityDraft:
    """A joint-liability rule (连带责任): `kind` from models.LIABILITY_KINDS, percent 0-100."""

    kind: str
    percent: float
    description: str = ""


# The seed's rules (连带责任), used when a draft gives none.
DEFAULT_LIABILITY: tuple[LiabilityDraft, ...] = (
    LiabilityDraft(
        "failure_caused_miss", 20.0, "若某部门未完成任务导致指标未达预期,其绩效评分扣减20%"
    ),
    LiabilityDraft("cooperating", 10.0, "指标未达预期时,配合部门绩效评分扣减10%"),
    LiabilityDraft(
        "blocking_delay", 15.0, "因本部门延迟导致其他部门无法按期完成任务的,其绩效评分扣减15%"
    ),
)


@dataclass(frozen=True)
class IndicatorDraft:
    name: str
    lead_department: str
    target: str
    period: str
    period_start: date
    period_end: date
    cooperating: tuple[str, ...] = ()
    tasks: tuple[TaskDraft, ...] = field(default_factory=tuple)
    liability: tuple[LiabilityDraft, ...] | None = None  # None: DEFAULT_LIABILITY


@dataclass(frozen=True)
class IndicatorView:
    id: str
    name: str
    period: str
    task_ids: dict[str, str]  # code -> id, instances ("MZ-1/2026-11") included
    instances: int = 0
    dependencies: int = 0
    liability_rules: int = 0


@dataclass(frozen=True)
class ActingPerson:
    id: str
    name: str
    department: str
    roles: tuple[str, ...]


def central_person(
    store: Store,
    actor: str,
    action: Action = Action.DEFINE_INDICATORS,
    attempt: str | None = None,
) -> ActingPerson:
    """The person named by `actor`, if their roles allow `action`, a central office action
    (else PermissionDeniedError naming `attempt`, e.g. 'import indicators')."""
    with store.read() as session:
        person = roles.require(session, lookup.person(session, actor), action, attempt=attempt)
    return ActingPerson(person.id, person.name, person.department, tuple(sorted(person.roles)))


def task_lines(draft: IndicatorDraft, rows: Sequence[int] | None = None) -> list[TaskLine]:
    """The draft's tasks as the cross-row rules see them; `rows[i]` locates task i in a sheet."""
    return [
        TaskLine(
            code=task.code.strip(),
            content=task.content,
            deadline=task.deadline,
            recurrence=task.recurrence,
            depends_on=tuple(code.strip() for code in task.depends_on),
            standard=task.standard,
            row=rows[index] if rows else None,
        )
        for index, task in enumerate(draft.tasks)
    ]


def draft_problems(draft: IndicatorDraft) -> list[Problem]:
    """Every problem of a draft that needs no store (departments are checked on saving)."""
    problems = []
    if not draft.name.strip():
        problems.append(Problem("An indicator needs a name."))
    elif len(draft.name.strip()) > MAX_NAME_LENGTH:
        problems.append(Problem(f"An indicator's name has at most {MAX_NAME_LENGTH} characters."))
    if not draft.period.strip():
        problems.append(Problem("An indicator needs its period (考核周期), e.g. 2026-Q4."))
    elif len(draft.period.strip()) > MAX_PERIOD_LENGTH:
        problems.append(Problem(f"The period {draft.period!r} is longer than 20 characters."))
    period_ok = draft.period_start <= draft.period_end
    if not period_ok:
        problems.append(Problem("The period must start before it ends."))
    period = (draft.period_start, draft.period_end) if period_ok else None
    problems += task_problems(task_lines(draft), period)
    for rule in draft.liability or ():
        if rule.kind not in LIABILITY_KINDS:
            problems.append(
                Problem(
                    f"Unknown liability kind {rule.kind!r}; choose from: "
                    f"{', '.join(LIABILITY_KINDS)}."
                )
            )
    problems += liability_problems(
        [LiabilityLine(rule.kind, float(rule.percent)) for rule in draft.liability or ()]
    )
    return problems


def _add_indicator(
    session: Session,
    draft: IndicatorDraft,
    department: Callable[[str], Department],
    liability: Sequence[LiabilityDraft],
    moment: datetime,
) -> Indicator:
    """The indicator row, its cooperating departments and liability rules, flushed."""
    lead = department(draft.lead_department)
    indicator = Indicator(
        id=new_id(),
        name=draft.name.strip(),
        lead_department_id=lead.id,
        target=draft.target,
        period=draft.period.strip(),
        period_start=draft.period_start,
        period_end=draft.period_end,
        status="draft",
        created_at=moment,
    )
    session.add(indicator)
    session.flush()
    for name in dict.fromkeys(draft.cooperating):
        cooperating = department(name)
        if cooperating.id == lead.id:
            raise ValidationError(f"{name} is the lead department; it cannot also cooperate.")
        session.add(CooperatingDepartment(indicator_id=indicator.id, department_id=cooperating.id))
    session.add_all(
        LiabilityRule(
            id=new_id(),
            indicator_id=indicator.id,
            kind=rule.kind,
            percent=float(rule.percent),
            description=rule.description.strip() or f"{rule.kind} {rule.percent:g}%",
        )
        for rule in liability
    )
    return indicator


def create_indicator(
    store: Store, draft: IndicatorDraft, *, now: datetime, actor: str | None = None
) -> IndicatorView:
    """Save an indicator with its whole decomposition table, or nothing.

    `actor` is the person defining it, who must hold the role central or admin, and is
    recorded as the author of every row; None is for setup code (tests, scripted set-up)
    where no person acts.
    """
    problems = draft_problems(draft)
    if problems:
        raise ValidationError(str(problems[0]))
    actor_id = central_person(store, actor, attempt="define indicators").id if actor else None
    plan = plan_instances(task_lines(draft), draft.period_start, draft.period_end)
    moment = to_utc_naive(now)
    liability = DEFAULT_LIABILITY if draft.liability is None else draft.liability
    with store.write(actor_id=actor_id) as session:
        departments: dict[str, Department] = {}

        def department(name: str) -> Department:
            if name not in departments:
                departments[name] = lookup.department(session, name)
            return departments[name]

        indicator = _add_indicator(session, draft, department, liability, moment)
        # The models declare no relationships, so the unit of work cannot order inserts by
        # foreign key: each level is flushed before the rows that refer to it.
        task_ids: dict[str, str] = {}
        drafts = {task.code.strip(): task for task in draft.tasks}
        standards: list[tuple[str, TaskDraft]] = []

        def add_task(code: str, source: TaskDraft, **fields: object) -> None:
            task = Task(
                id=new_id(),
                indicator_id=indicator.id,
                code=code,
                department_id=department(source.department).id,
                content=source.content,
                status="pending",
                created_at=moment,
                **fields,
            )
            session.add(task)
            task_ids[code] = task.id
            standards.append((task.id, source))

        for code, source in drafts.items():
            rule = parse_rule(source.recurrence) if source.recurrence else None
            add_task(
                code,
                source,
                deadline=None if rule else source.deadline,
                recurrence=str(rule) if rule else None,
            )
        session.flush()
        for instance in plan.instances:
            add_task(
                instance.code,
                drafts[instance.template_code],
                deadline=instance.deadline,
                template_id=task_ids[instance.template_code],
                period=instance.period,
            )
        session.flush()
        session.add_all(
            StandardItem(id=new_id(), task_id=task_id, position=position, text=text)
            for task_id, source in standards
            for position, text in enumerate(source.standard, start=1)
        )
        edges = [
            (code, upstream)
            for code, source in drafts.items()
            for upstream in dict.fromkeys(name.strip() for name in source.depends_on)
        ]
        edges += plan.dependencies
        session.add_all(
            TaskDependency(
                indicator_id=indicator.id,
                task_id=task_ids[code],
                depends_on_id=task_ids[upstream],
            )
            for code, upstream in edges
        )
    return IndicatorView(
        indicator.id,
        indicator.name,
        indicator.period,
        task_ids,
        instances=len(plan.instances),
        dependencies=len(edges),
        liability_rules=len(liability),
    )


def add_dependency(
    store: Store, task_id: str, depends_on_id: str, *, actor: str | None = None
) -> None:
    """Make `task_id` depend on `depends_on_id` (same indicator, no cycle).

    `actor`, the person changing the decomposition table, needs the role central or admin;
    None is for setup code, as in `create_indicator`.
    """
    attempt = "change task dependencies"
    actor_id = central_person(store, actor, attempt=attempt).id if actor else None
    with store.write(actor_id=actor_id) as session:
        task = lookup.task(session, task_id)
        upstream = lookup.task(session, depends_on_id)
        if task.id == upstream.id:
            raise ValidationError(f"Task {task.code} cannot depend on itself.")
        if task.indicator_id != upstream.indicator_id:
            raise ValidationError(
                f"Task {task.code} and task {upstream.code} belong to different indicators; "
                "dependencies stay within one indicator."
            )
        rows = session.execute(
            select(TaskDependency.task_id, TaskDependency.depends_on_id).where(
                TaskDependency.indicator_id == task.indicator_id
            )
        ).all()
        edges: dict[str, list[str]] = {}
        for downstream, dependency in [*rows, (task.id, upstream.id)]:
            edges.setdefault(downstream, []).append(dependency)
        codes = dict(
            session.execute(
                select(Task.id, Task.code).where(Task.indicator_id == task.indicator_id)
            ).all()
        )
        check_acyclic(edges, codes)
        session.add(
            TaskDependency(
                indicator_id=task.indicator_id, task_id=task.id, depends_on_id=upstream.id
            )
        )
