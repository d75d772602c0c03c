"""Scores, attributions and evidence as text for a person (the CLI prints these; the UI can).

Department names stay Chinese; labels carry the Chinese term with the English one.
Numbers are printed as computed: points to two decimals (they add up exactly), raw values
to four significant digits.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from govperf_desktop.domain.calendar import office_time
from govperf_desktop.domain.scoring import MetricScore
from govperf_desktop.services.scoring import (
    AttributionReport,
    DepartmentResult,
    IndicatorScores,
)
from govperf_desktop.services.scoring_evidence import EvidencePage

SHOWN_IDS = 3
SHOWN_ITEMS = 8
ROLE_LABELS = {"lead": "lead 牵头", "cooperating": "cooperating 配合", "task": "tasks only"}


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, size: int) -> str:
    return text + " " * max(0, size - width(text))


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "no data"
    if unit == "share":
        return f"{value:.4g} ({value * 100:.1f}%)"
    if unit in ("entries", "problems", "records"):
        return f"{value:g}"
    return f"{value:.4g} {unit}"


def _header(scores: IndicatorScores) -> list[str]:
    config = scores.config
    weights = ", ".join(f"{k} {v:g}" for k, v in config.weights.items())
    source = config.source + (f" v{config.version}" if config.version else "")
    if config.what_if:
        source = f"what-if weights (not saved) over {source}"
    return [
        f"{scores.indicator} ({scores.period}) — status {scores.status}, "
        f"lead department {scores.lead_department}",
        f"Window: {scores.window.label}; as of {scores.today.isoformat()}; "
        f"configuration: {source} ({weights})",
    ]


def score_table(all_scores: Sequence[IndicatorScores]) -> str:
    """One block per indicator: each department's dimension points, deductions and total."""
    blocks = []
    for scores in all_scores:
        lines = _header(scores)
        name_width = max([12, *(width(r.department) for r in scores.departments)]) + 4
        columns = ["Input", "Resp", "Qual", "Collab", "Before", "Deduct", "Total"]
        heading = "".join(f"{c:>8}" for c in columns)
        lines.append(pad("  Department", name_width) + pad("Role", 18) + heading)
        for result in scores.departments:
            dims = [d.points for d in result.dimensions]
            deducted = sum(d.points for d in result.deductions)
            numbers = [*dims, result.total_before_deductions, -deducted or 0.0, result.total]
            role = ROLE_LABELS.get(result.role, result.role)
            figures = "".join(f"{n:>8.2f}" for n in numbers)
            lines.append(pad(f"  {result.department}", name_width) + pad(role, 18) + figures)
        if not scores.departments:
            lines.append("  (no participating departments)")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) if blocks else "No indicators."


def _ids(ids: Sequence[str], count: int) -> str:
    if count == 0:
        return "none"
    shown = ", ".join(ids[:SHOWN_IDS])
    more = count - min(len(ids), SHOWN_IDS)
    return shown + (f", … (+{more} more)" if more > 0 else "")


def _metric_lines(metric: MetricScore, scores: IndicatorScores, department: str) -> list[str]:
    head = (
        f"    {pad(metric.label, 34)} {metric.points:6.2f} of {metric.points_available:5.2f}"
        f"   raw {_value(metric.value, metric.unit)}"
    )
    lines = [head, f"        {metric.detail}", f"        normalised: {metric.note}"]
    for group in metric.evidence:
        listed = _ids(group.ids, group.count)
        lines.append(f"        rows: {group.table} ×{group.count} ({group.role}): {listed}")
    if any(group.count > len(group.ids) or group.count > SHOWN_IDS for group in metric.evidence):
        lines.append(
            f"        all rows: govperf evidence --indicator {scores.indicator_id} "
            f"--department {department} --metric {metric.metric}"
        )
    for item in metric.items[:SHOWN_ITEMS]:
        value = "" if item.value is None else f" {item.value:g}"
        note = f" ({item.note})" if item.note else ""
        lines.append(f"        · {item.label}{value}{note} [{', '.join(item.ids)}]")
    if metric.items_total > min(len(metric.items), SHOWN_ITEMS):
        lines.append(f"        · … {metric.items_total} in all")
    return lines


def explain_text(scores: IndicatorScores, result: DepartmentResult) -> str:
    """A department's whole tree, total first, as a person reads it."""
    lines = _header(scores)
    lines.append("")
    lines.append(f"{result.department} ({ROLE_LABELS.get(result.role, result.role)})")
    deducted = sum(d.points for d in result.deductions)
    lines.append(
        f"Total {result.total:.2f} = {result.total_before_deductions:.2f} before deductions"
        f" − {deducted:.2f} deductions (连带责任)"
    )
    for deduction in result.deductions:
        capped = " (capped: the total cannot go below zero)" if deduction.capped else ""
        lines.append(
            f"  − {deduction.points:.2f}  {deduction.kind} {deduction.percent:g}% of "
            f"{result.total_before_deductions:.2f}{capped} — {deduction.description}"
        )
        lines.append(f"      {deduction.reason_en}")
        lines.append(f"      {deduction.reason_zh}")
    if not result.deductions:
        lines.append("  no deductions")
    lines.append("")
    for dimension in result.dimensions:
        state = "" if dimension.applicable else "   (not applicable: its weight went to the others)"
        lines.append(
            f"  {pad(dimension.label, 36)} {dimension.points:6.2f} of "
            f"{dimension.points_available:5.2f} (weight {dimension.weight:g}){state}"
        )
        for metric in dimension.metrics:
            lines += _metric_lines(metric, scores, result.department)
    own = [
        task for task in scores.late_tasks
        if task.department_id == result.department_id
        or any(s.department_id == result.department_id for s in task.shares)
    ]  # fmt: skip
    if own:
        lines.append("")
        lines.append("Late tasks of this department or charged to it (超期责任):")
        for task in own:
            lines.append(f"  · {task.explanation_zh}")
            lines.append(f"    {task.explanation_en}")
    return "\n".join(lines)


def attribution_text(report: AttributionReport) -> str:
    lines = [
        f"{report.indicator} ({report.period}) — status {report.status}; window "
        f"{report.window.label}; as of {report.today.isoformat()}",
    ]
    if not report.tasks:
        lines.append("No late tasks.")
    for task in report.tasks:
        finished = task.finished.isoformat() if task.finished else "open"
        split = ", ".join(f"{s.department} {s.days} ({s.origin_code})" for s in task.shares)
        lines.append(
            f"  {task.code}  {task.department}  deadline {task.deadline.isoformat()}  "
            f"finished {finished}  late {task.days_late}  own {task.own_days}  "
            f"caused upstream {task.caused_days}" + (f"  [{split}]" if split else "")
        )
        lines.append(f"      {task.explanation_zh}")
        lines.append(f"      {task.explanation_en}")
    if report.days_by_department:
        lines.append("Days charged per department:")
        for department, days in report.days_by_department.items():
            lines.append(f"  {pad(department, 16)} {days:>4}")
    return "\n".join(lines)


def evidence_text(page: EvidencePage) -> str:
    last = page.offset + len(page.rows)
    lines = [
        f"{page.indicator} — {page.department} — {page.metric}: {page.table} ({page.role}), "
        f"rows {page.offset + 1 if page.rows else 0}–{last} of {page.total}"
    ]
    for row in page.rows:
        at = row.at
        when = f"{office_time(at):%Y-%m-%d %H:%M}" if hasattr(at, "hour") else str(at or "")
        lines.append(f"  {row.id}  {when:16}  {row.summary}")
    if len(page.tables) > 1:
        lines.append(f"Other tables behind this value: {', '.join(page.tables)} (--table).")
    return "\n".join(lines)
