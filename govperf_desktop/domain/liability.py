"""Joint liability (连带责任): which rules of an indicator charge which department, and how much.

The rules (LiabilityRule rows of the indicator, kinds from the seed):

- failure_caused_miss: the indicator missed its target (status 'missed') and the department
  carries the most days of delay over the indicator's tasks in the window (attribution: its
  own late days plus the days its delays caused downstream). Departments tied for the most
  are all charged. Without any late task the miss cannot be put on a department's failure
  and nobody is charged under this rule.
- cooperating: the indicator missed its target; every cooperating department (配合部门) not
  already charged under failure_caused_miss.
- blocking_delay: the department's delay made another department's task late (attribution
  charges it days on a task of another department). The seed charges it whether or not the
  indicator missed (公安局 waiting for 民政局's list); a configuration can restrict it to
  missed indicators (`blocking_delay_only_when_missed`).

Application: each percentage is taken of the total *before* deductions; the deductions are
listed in the order of the kinds above and summed; the sum is capped at the total, so a
score never goes below zero (the deduction that crosses the cap is shortened, later ones
are zero). Amounts are in hundredths, rounded half up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from govperf_desktop.domain.attribution import TaskAttribution, blocking, days_by_department

KIND_ORDER = ("failure_caused_miss", "cooperating", "blocking_delay")


@dataclass(frozen=True, slots=True)
class Rule:
    rule_id: str
    kind: str
    percent: float
    description: str


@dataclass(frozen=True, slots=True)
class Charge:
    """A rule that applies to a department, with the reason in both languages."""

    department_id: str
    rule_id: str
    kind: str
    percent: float
    description: str
    reason_en: str
    reason_zh: str
    task_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Deduction:
    rule_id: str
    kind: str
    percent: float
    description: str
    reason_en: str
    reason_zh: str
    task_ids: tuple[str, ...]
    points: float
    capped: bool


def charges(
    *,
    status: str,
    rules: Sequence[Rule],
    cooperating_ids: Iterable[str],
    names: Mapping[str, str],
    attributions: Sequence[TaskAttribution],
    blocking_only_when_missed: bool = False,
) -> dict[str, list[Charge]]:
    """The charges per department id (only departments with at least one)."""
    missed = status == "missed"
    by_kind = {rule.kind: rule for rule in rules}
    result: dict[str, list[Charge]] = {}
    late = [a for a in attributions if a.days_late > 0]
    charged_days = days_by_department(late)
    total_days = sum(a.days_late for a in late)
    failing: set[str] = set()

    rule = by_kind.get("failure_caused_miss")
    if missed and rule is not None and charged_days:
        most = max(charged_days.values())
        failing = {dept for dept, days in charged_days.items() if days == most}
        for dept in sorted(failing, key=lambda d: names.get(d, d)):
            tasks = tuple(a.task_id for a in late if any(s.department_id == dept for s in a.shares))
            tie = len(failing) > 1
            result.setdefault(dept, []).append(
                Charge(
                    dept, rule.rule_id, rule.kind, rule.percent, rule.description,
                    f"The indicator missed its target and {names.get(dept, dept)} carries the "
                    f"most days of delay ({most} of {total_days})"
                    + (", tied with others" if tie else "")
                    + ": its failure caused the miss.",
                    f"指标未达预期,{names.get(dept, dept)}承担的超期天数最多"
                    f"(共{total_days}天中的{most}天" + (",与其他部门并列" if tie else "")
                    + "),认定为其未完成任务导致指标未达预期。",
                    tasks,
                )
            )  # fmt: skip

    rule = by_kind.get("cooperating")
    if missed and rule is not None:
        for dept in sorted(set(cooperating_ids) - failing, key=lambda d: names.get(d, d)):
            result.setdefault(dept, []).append(
                Charge(
                    dept, rule.rule_id, rule.kind, rule.percent, rule.description,
                    f"The indicator missed its target; {names.get(dept, dept)} is a "
                    "cooperating department.",
                    f"指标未达预期,{names.get(dept, dept)}为配合部门。",
                    (),
                )
            )  # fmt: skip

    rule = by_kind.get("blocking_delay")
    if rule is not None and (missed or not blocking_only_when_missed):
        by_task = {a.task_id: a for a in late}
        for dept, blocked in sorted(blocking(late).items(), key=lambda kv: names.get(kv[0], kv[0])):
            listed_en = ", ".join(
                f"{by_task[t].code} of {by_task[t].department} {d} day{'s' if d != 1 else ''}"
                for t, d in blocked
            )
            listed_zh = "、".join(
                f"{by_task[t].department}的任务{by_task[t].code}超期{d}天" for t, d in blocked
            )
            result.setdefault(dept, []).append(
                Charge(
                    dept, rule.rule_id, rule.kind, rule.percent, rule.description,
                    f"{names.get(dept, dept)}'s delays made other departments' tasks late: "
                    f"{listed_en}.",
                    f"因{names.get(dept, dept)}的延迟导致其他部门任务超期:{listed_zh}。",
                    tuple(dict.fromkeys(t for t, _ in blocked)),
                )
            )  # fmt: skip
    for dept in result:
        result[dept].sort(key=lambda c: KIND_ORDER.index(c.kind) if c.kind in KIND_ORDER else 99)
    return result


def apply(
    total_cents: int, department_charges: Sequence[Charge]
) -> tuple[tuple[Deduction, ...], int]:
    """The deductions (in application order) and the final total, both in hundredths."""
    deductions = []
    remaining = total_cents
    for charge in department_charges:
        wanted = (total_cents * round(charge.percent * 100) + 5_000) // 10_000
        taken = min(wanted, remaining)
        remaining -= taken
        deductions.append(
            Deduction(
                rule_id=charge.rule_id,
                kind=charge.kind,
                percent=charge.percent,
                description=charge.description,
                reason_en=charge.reason_en,
                reason_zh=charge.reason_zh,
                task_ids=charge.task_ids,
                points=taken / 100,
                capped=taken < wanted,
            )
        )
    return tuple(deductions), remaining
