"""Decomposition tables (指标分解表) in and out of Excel: template, import, export.

- `write_template` writes the empty, formatted workbook (layout from
  resources/templates/decomposition.json, see services.decomposition_template).
- `import_workbook` reads a filled workbook, checks EVERYTHING before saving — unreadable
  cells, unknown departments, duplicate codes, dependencies on unknown codes, cycles, bad
  dates and rules, percentages out of range, an indicator that already exists — and refuses
  with every problem located by sheet and row (`TableProblems`), or saves the whole table in
  one captured transaction through `services.indicators.create_indicator`. Only the central
  office (role central or admin) may import; a dry run checks without saving.
- `export_indicator` writes an indicator back in the same layout: its templates and one-off
  tasks, never the generated instances, so export → import into another store gives the
  same table (the instances are generated again from the rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import aliased

from govperf_desktop.domain.decomposition import (
    LiabilityLine,
    Problem,
    TableProblems,
    code_order,
    liability_problems,
    plan_instances,
    task_problems,
)
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.permissions import Action
from govperf_desktop.domain.recurrence import chinese_text
from govperf_desktop.services import lookup
from govperf_desktop.services.decomposition_read import ParsedWorkbook, read_workbook
from govperf_desktop.services.decomposition_template import (
    TemplateSpec,
    check_output_path,
    load_template,
    new_workbook,
    save_workbook,
)
from govperf_desktop.services.indicators import (
    DEFAULT_LIABILITY,
    MAX_NAME_LENGTH,
    MAX_PERIOD_LENGTH,
    IndicatorDraft,
    central_person,
    create_indicator,
    task_lines,
)
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

LIST_JOINER = "、"
ITEM_JOINER = "\n"


@dataclass(frozen=True)
class TemplateResult:
    file: str
    departments: int  # names offered in the 部门 list


@dataclass(frozen=True)
class ImportResult:
    file: str
    sha256: str  # of the workbook's bytes, to show which file was imported
    saved: bool  # False for a dry run
    indicator_id: str | None
    name: str
    period: str
    tasks: int  # rows of the table: one-off tasks and recurring templates
    recurring: int
    instances: int
    dependencies: int
    liability_rules: int


@dataclass(frozen=True)
class ExportResult:
    file: str
    indicator_id: str
    name: str
    period: str
    tasks: int
    liability_rules: int


def _department_names(store: Store) -> list[str]:
    with store.read() as session:
        return list(session.scalars(select(Department.name).order_by(Department.name)))


def write_template(path: Path, store: Store | None = None) -> TemplateResult:
    """Write the empty template; with a store, its departments fill the 部门 list."""
    check_output_path(path)
    names = _department_names(store) if store else []
    save_workbook(new_workbook(load_template(), names), path)
    return TemplateResult(str(path), len(names))


def _ordered(problems: list[Problem], template: TemplateSpec) -> list[Problem]:
    order = {spec.name: index for index, spec in enumerate(template.sheets)}
    return sorted(problems, key=lambda p: (order.get(p.sheet or "", -1), p.row or 0))


def workbook_problems(
    store: Store, parsed: ParsedWorkbook, template: TemplateSpec
) -> list[Problem]:
    """Every problem of a read workbook: the file's own, the table's rules, the store's."""
    draft = parsed.draft
    assert draft is not None
    problems = list(parsed.problems)
    indicator_sheet = template.sheet("indicator")
    tasks_sheet = template.sheet("tasks").name
    row = parsed.indicator_row

    def at_indicator(message: str) -> None:
        problems.append(Problem(message, indicator_sheet.name, row))

    if len(draft.name) > MAX_NAME_LENGTH:
        at_indicator(f"指标名称 has more than {MAX_NAME_LENGTH} characters.")
    if len(draft.period) > MAX_PERIOD_LENGTH:
        at_indicator(f"考核周期 {draft.period!r} has more than {MAX_PERIOD_LENGTH} characters.")
    period = parsed.period
    if period and period[0] > period[1]:
        at_indicator(
            f"结束日期 {period[1]:%Y-%m-%d} is before 开始日期 {period[0]:%Y-%m-%d}; the period "
            "must start before it ends."
        )
        period = None
    problems += task_problems(task_lines(draft, parsed.task_rows), period, tasks_sheet)
    problems += liability_problems(
        [
            LiabilityLine(rule.kind, rule.percent, row_number)
            for rule, row_number in zip(draft.liability or (), parsed.liability_rows, strict=True)
        ],
        template.sheet("liability").name,
        template.liability_labels,
    )
    with store.read() as session:
        named = {name for name, _, _ in parsed.department_refs}
        known = set(session.scalars(select(Department.name).where(Department.name.in_(named))))
        for name, sheet, line in parsed.department_refs:
            if name not in known:
                problems.append(
                    Problem(
                        f"Unknown department {name!r}; check the name in the department list "
                        "(sheet 部门 of a fresh template).",
                        sheet,
                        line,
                    )
                )
        if draft.name and draft.period:
            exists = session.scalar(
                select(Indicator.id).where(
                    Indicator.name == draft.name, Indicator.period == draft.period
                )
            )
            if exists:
                at_indicator(
                    f"Indicator {draft.name} already exists for period {draft.period}; change "
                    "指标名称 or 考核周期, or export the existing one to edit it."
                )
    return _ordered(problems, template)


def import_workbook(
    store: Store,
    path: Path,
    *,
    actor: str | None,
    now: datetime,
    dry_run: bool = False,
) -> ImportResult:
    """Check a filled workbook completely, then save its indicator — all of it or nothing."""
    if actor:
        central_person(store, actor, Action.DEFINE_INDICATORS, "import indicators")
    elif not dry_run:
        raise ValidationError(
            "Importing an indicator is the central office's action; name who imports it "
            "(--as PERSON, a person with role central or admin)."
        )
    template = load_template()
    parsed = read_workbook(path, template)
    problems = workbook_problems(store, parsed, template)
    if problems:
        raise TableProblems(path.name, problems)
    draft: IndicatorDraft = parsed.draft  # type: ignore[assignment]
    lines = task_lines(draft)
    plan = plan_instances(lines, draft.period_start, draft.period_end)
    recurring = sum(1 for line in lines if line.recurrence)
    liability_rules = len(draft.liability or DEFAULT_LIABILITY)
    indicator_id = None
    if not dry_run:
        view = create_indicator(store, draft, now=now, actor=actor)
        indicator_id, liability_rules = view.id, view.liability_rules
    return ImportResult(
        file=str(path),
        sha256=parsed.sha256,
        saved=not dry_run,
        indicator_id=indicator_id,
        name=draft.name,
        period=draft.period,
        tasks=len(lines),
        recurring=recurring,
        instances=len(plan.instances),
        dependencies=sum(len(set(line.depends_on)) for line in lines) + len(plan.dependencies),
        liability_rules=liability_rules,
    )


def export_indicator(
    store: Store, indicator: str, path: Path, *, period: str | None = None
) -> ExportResult:
    """Write an indicator's decomposition table (templates, not instances) to `path`."""
    check_output_path(path)
    template = load_template()
    with store.read() as session:
        found = lookup.indicator(session, indicator, period)
        lead = session.get(Department, found.lead_department_id)
        cooperating = session.scalars(
            select(Department.name)
            .join(CooperatingDepartment, CooperatingDepartment.department_id == Department.id)
            .where(CooperatingDepartment.indicator_id == found.id)
            .order_by(Department.name)
        ).all()
        tasks = session.execute(
            select(
                Task.id, Task.code, Department.name, Task.content, Task.deadline, Task.recurrence
            )
            .join(Department, Department.id == Task.department_id)
            .where(Task.indicator_id == found.id, Task.template_id.is_(None))
        ).all()
        standards: dict[str, list[str]] = {}
        for task_id, text in session.execute(
            select(StandardItem.task_id, StandardItem.text)
            .join(Task, Task.id == StandardItem.task_id)
            .where(Task.indicator_id == found.id, Task.template_id.is_(None))
            .order_by(StandardItem.task_id, StandardItem.position)
        ):
            standards.setdefault(task_id, []).append(text)
        upstream = aliased(Task)
        depends: dict[str, list[str]] = {}
        for task_id, code in session.execute(
            select(TaskDependency.task_id, upstream.code)
            .join(upstream, upstream.id == TaskDependency.depends_on_id)
            .where(
                TaskDependency.task_id.in_(select(Task.id).where(Task.indicator_id == found.id)),
                upstream.template_id.is_(None),
            )
        ):
            depends.setdefault(task_id, []).append(code)
        rules = session.scalars(
            select(LiabilityRule).where(LiabilityRule.indicator_id == found.id)
        ).all()
        departments = list(session.scalars(select(Department.name).order_by(Department.name)))
        indicator_row = {
            "name": found.name,
            "lead_department": lead.name if lead else "",
            "cooperating": LIST_JOINER.join(cooperating),
            "target": found.target,
            "period": found.period,
            "period_start": found.period_start,
            "period_end": found.period_end,
        }
    task_rows = [
        {
            "code": code,
            "department": department,
            "content": content,
            "deadline": deadline,
            "recurrence": chinese_text(recurrence),
            "standard": ITEM_JOINER.join(standards.get(task_id, ())),
            "depends_on": LIST_JOINER.join(sorted(depends.get(task_id, ()), key=code_order)),
        }
        for task_id, code, department, content, deadline, recurrence in sorted(
            tasks, key=lambda task: code_order(task.code)
        )
    ]
    rule_rows = [
        {
            "kind": template.liability_labels.get(rule.kind, rule.kind),
            "percent": rule.percent,
            "description": rule.description,
        }
        for rule in sorted(rules, key=lambda rule: LIABILITY_KINDS.index(rule.kind))
    ]
    rows = {"indicator": [indicator_row], "tasks": task_rows, "liability": rule_rows}
    save_workbook(new_workbook(template, departments, rows), path)
    return ExportResult(
        str(path), found.id, found.name, found.period, len(task_rows), len(rule_rows)
    )
