"""Rules of a decomposition table (指标分解表) that span its rows, and its recurring instances.

`task_problems` and `liability_problems` check a whole table at once and return every problem
(not just the first), each located by sheet and row when the table came from a workbook, so a
clerk can fix the file in one pass. `plan_instances` turns the recurring tasks into their
instances and copies the dependencies between recurring tasks onto the instances of the same
occurrence:

- both tasks recur at the same frequency: the instance of period P depends on the upstream
  instance of the same period P (公安局's 15 November depends on 民政局's 10 November);
- the frequencies differ (weekly on monthly): it depends on the upstream instance due latest on
  or before its own deadline, if there is one;
- a recurring task depending on a one-off task: every instance depends on that task;
- a one-off task depending on a recurring task: it depends on every upstream instance due on
  or before its own deadline (a final report waits for the monthly returns it sums up).

The dependencies between the templates themselves are kept as given: they are the table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from govperf_desktop.domain.dependencies import find_cycle
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.recurrence import Occurrence, Recurrence, expand, parse_rule

MAX_CODE_LENGTH = 30  # the column holds 40: room for "/2026-W46" on an instance's code
INSTANCE_SEPARATOR = "/"
MAX_CYCLES_REPORTED = 10


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a table, where it is (sheet and row of a workbook, if any)."""

    message: str
    sheet: str | None = None
    row: int | None = None

    def __str__(self) -> str:
        if self.sheet and self.row:
            return f"Sheet {self.sheet}, row {self.row}: {self.message}"
        if self.sheet:
            return f"Sheet {self.sheet}: {self.message}"
        return self.message


class TableProblems(ValidationError):
    """A table refused for one or more problems, all listed, one line each."""

    def __init__(self, source: str, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        plural = "problem" if count == 1 else "problems"
        super().__init__(f"{source} has {count} {plural}; nothing was saved:\n{lines}")


@dataclass(frozen=True)
class TaskLine:
    """A task row as far as the cross-row rules care."""

    code: str
    content: str
    deadline: date | None
    recurrence: str | None
    depends_on: tuple[str, ...] = ()
    standard: tuple[str, ...] = ()
    row: int | None = None


@dataclass(frozen=True)
class LiabilityLine:
    kind: str
    percent: float
    row: int | None = None


@dataclass(frozen=True)
class PlannedInstance:
    code: str  # "MZ-1/2026-11"
    template_code: str
    period: str
    deadline: date


@dataclass(frozen=True)
class InstancePlan:
    instances: tuple[PlannedInstance, ...]
    dependencies: tuple[tuple[str, str], ...]  # (task code, upstream code) between instances


def code_order(code: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for task codes putting MZ-2 before MZ-10."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", code) if part
    )


def instance_code(template_code: str, period: str) -> str:
    return f"{template_code}{INSTANCE_SEPARATOR}{period}"


def _rule(line: TaskLine) -> Recurrence | None:
    return parse_rule(line.recurrence) if line.recurrence else None


def task_problems(
    tasks: Sequence[TaskLine],
    period: tuple[date, date] | None,
    sheet: str | None = None,
) -> list[Problem]:
    """Every problem of the task rows; `period` None when the indicator's dates are unusable
    (then recurring rules are parsed but not expanded)."""
    problems: list[Problem] = []

    def problem(line: TaskLine, message: str) -> None:
        problems.append(Problem(message, sheet, line.row))

    first_row: dict[str, TaskLine] = {}
    for line in tasks:
        code = line.code
        if not code:
            problem(line, "The task has no code (任务编号); give each task a code such as MZ-1.")
            continue
        if code in first_row:
            also = f" (also row {first_row[code].row})" if first_row[code].row else ""
            problem(line, f"Task code {code} is used twice in this table{also}.")
        else:
            first_row[code] = line
        if INSTANCE_SEPARATOR in code:
            problem(
                line,
                f"Task code {code} contains '/', which is kept for the instances of recurring "
                "tasks (MZ-1/2026-11); use another character.",
            )
        if len(code) > MAX_CODE_LENGTH:
            problem(line, f"Task code {code} is longer than {MAX_CODE_LENGTH} characters.")
        if not line.content.strip():
            problem(line, f"Task {code} has no content (任务内容).")
        _deadline_problems(line, period, problem)
        seen: set[str] = set()
        for item in line.standard:
            if item in seen:
                problem(line, f"Task {code} lists the output standard item {item!r} twice.")
            seen.add(item)
    for line in tasks:
        for upstream in line.depends_on:
            if upstream == line.code:
                problem(line, f"Task {line.code} cannot depend on itself.")
            elif line.code and upstream not in first_row:
                problem(
                    line,
                    f"Task {line.code} depends on {upstream}, which is not a task of this "
                    "indicator; dependencies stay within one indicator.",
                )
    problems += _cycle_problems(tasks, first_row, sheet)
    return problems


def _deadline_problems(
    line: TaskLine, period: tuple[date, date] | None, problem: Callable[[TaskLine, str], None]
) -> None:
    code = line.code
    if line.deadline is None and not line.recurrence:
        problem(line, f"Task {code} needs a deadline or a recurrence.")
        return
    if line.deadline is not None and line.recurrence:
        problem(
            line,
            f"Task {code} has both a deadline and a recurrence; a recurring task takes its "
            "deadlines from the rule, so leave one of them empty.",
        )
        return
    if not line.recurrence:
        return
    try:
        rule = parse_rule(line.recurrence)
        if period is not None and not expand(rule, *period):
            problem(
                line,
                f"Task {code}'s rule {rule.chinese()} gives no deadline between "
                f"{period[0]:%Y-%m-%d} and {period[1]:%Y-%m-%d}, the indicator's period.",
            )
    except ValidationError as error:
        problem(line, f"Task {code}: {error}")


def _cycle_problems(
    tasks: Sequence[TaskLine], first_row: Mapping[str, TaskLine], sheet: str | None
) -> list[Problem]:
    """One problem per independent cycle: each found cycle's closing edge is set aside and
    the search runs again, so two separate loops are both reported."""
    edges = {
        code: [up for up in line.depends_on if up in first_row and up != code]
        for code, line in first_row.items()
    }
    problems = []
    for _ in range(MAX_CYCLES_REPORTED):
        cycle = find_cycle(edges)
        if not cycle:
            break
        start = first_row[cycle[0]]
        problems.append(
            Problem(f"Task dependencies form a cycle: {' → '.join(cycle)}.", sheet, start.row)
        )
        edges[cycle[-2]] = [up for up in edges[cycle[-2]] if up != cycle[-1]]
    return problems


def liability_problems(
    lines: Sequence[LiabilityLine],
    sheet: str | None = None,
    labels: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Percentages within 0-100 and each kind at most once; `labels` names kinds for people."""
    labels = labels or {}
    problems = []
    seen: dict[str, LiabilityLine] = {}
    for line in lines:
        name = labels.get(line.kind, line.kind)
        if not math.isfinite(line.percent) or not 0 <= line.percent <= 100:
            problems.append(
                Problem(
                    f"The deduction for {name} must be between 0 and 100 percent "
                    f"(got {line.percent:g}).",
                    sheet,
                    line.row,
                )
            )
        if line.kind in seen:
            also = f" (also row {seen[line.kind].row})" if seen[line.kind].row else ""
            problems.append(Problem(f"The rule {name} is given twice{also}.", sheet, line.row))
        seen.setdefault(line.kind, line)
    return problems


def plan_instances(tasks: Sequence[TaskLine], start: date, end: date) -> InstancePlan:
    """The instances of the recurring tasks over [start, end] and their dependencies.

    Expects a table without problems (`task_problems` empty)."""
    occurrences: dict[str, list[Occurrence]] = {}
    frequency: dict[str, str] = {}
    for line in tasks:
        rule = _rule(line)
        if rule is not None:
            occurrences[line.code] = expand(rule, start, end)
            frequency[line.code] = rule.frequency
    instances = tuple(
        PlannedInstance(instance_code(code, occ.period), code, occ.period, occ.deadline)
        for code, found in occurrences.items()
        for occ in found
    )
    dependencies: list[tuple[str, str]] = []
    for line in tasks:
        for upstream in line.depends_on:
            dependencies += _instance_edges(line, upstream, occurrences, frequency)
    return InstancePlan(instances, tuple(dict.fromkeys(dependencies)))


def _instance_edges(
    line: TaskLine,
    upstream: str,
    occurrences: Mapping[str, list[Occurrence]],
    frequency: Mapping[str, str],
) -> list[tuple[str, str]]:
    downstream_recurs = line.code in occurrences
    upstream_recurs = upstream in occurrences
    if not downstream_recurs and not upstream_recurs:
        return []  # a plain dependency, kept as given
    if not upstream_recurs:
        return [(instance_code(line.code, occ.period), upstream) for occ in occurrences[line.code]]
    if not downstream_recurs:
        assert line.deadline is not None
        return [
            (line.code, instance_code(upstream, occ.period))
            for occ in occurrences[upstream]
            if occ.deadline <= line.deadline
        ]
    edges = []
    if frequency[line.code] == frequency[upstream]:
        periods = {occ.period for occ in occurrences[upstream]}
        for occ in occurrences[line.code]:
            if occ.period in periods:
                edges.append(
                    (instance_code(line.code, occ.period), instance_code(upstream, occ.period))
                )
        return edges
    for occ in occurrences[line.code]:
        due_before = [up for up in occurrences[upstream] if up.deadline <= occ.deadline]
        if due_before:
            edges.append(
                (
                    instance_code(line.code, occ.period),
                    instance_code(upstream, due_before[-1].period),
                )
            )
    return edges
