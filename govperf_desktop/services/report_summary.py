"""The period summary (期间汇总): every indicator of a period, departments × indicators, trends.

Which indicators: `period` naming an indicator period label (e.g. "2026-08~2026-11") takes
the indicators with that label, each scored over its own period; a month, quarter, year or
date range takes every indicator whose period overlaps it, scored over that window; no period
takes every indicator over everything recorded. Trends: the same for up to `TREND_PERIODS`
earlier periods — the labels that ended before this one starts, or the windows of the same
length before it — that have indicators; each department's mean total in each.

Scores come from `scoring.score_all` (counts only, no row ids: every figure is summed in
SQL), so a province-sized store is never read row by row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import select

from govperf_desktop.domain.errors import NotFoundError, ValidationError
from govperf_desktop.domain.score_window import Window, parse_window
from govperf_desktop.reports.report_data import (
    DepartmentSummary,
    IndicatorSummary,
    SummaryReport,
)
from govperf_desktop.services.report_builders import STATUS_ZH, HeaderMaker
from govperf_desktop.services.scoring import IndicatorScores, score_all
from govperf_desktop.store.models import Indicator
from govperf_desktop.store.store import Store

TREND_PERIODS = 3
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
_YEAR = re.compile(r"^\d{4}$")


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _earlier_windows(window: Window, count: int) -> list[str]:
    """The `count` windows of the same kind before `window`, nearest first, as period texts."""
    label, start, end = window.label, window.start, window.end
    assert start is not None and end is not None
    found = []
    for n in range(1, count + 1):
        if _MONTH.match(label):
            found.append(f"{_shift_months(start, -n):%Y-%m}")
        elif _QUARTER.match(label):
            first = _shift_months(start, -3 * n)
            found.append(f"{first.year}-Q{(first.month - 1) // 3 + 1}")
        elif _YEAR.match(label):
            found.append(str(start.year - n))
        else:
            length = (end - start).days + 1
            last = start - timedelta(days=length * (n - 1) + 1)
            found.append(f"{last - timedelta(days=length - 1)}~{last}")
    return found


def _rows(store: Store) -> list[tuple[str, str, date, date]]:
    with store.read() as session:
        return [
            (r[0], r[1], r[2], r[3])
            for r in session.execute(
                select(Indicator.id, Indicator.period, Indicator.period_start, Indicator.period_end)
            )
        ]


def _window(period: str) -> Window:
    try:
        return parse_window(period, indicator_period="", indicator_start=date.min,
                            indicator_end=date.max)  # fmt: skip
    except ValidationError:
        raise ValidationError(
            f"{period.strip()!r} is not a period; use a month (2026-11), a quarter (2026-Q4), "
            "a year (2026), dates (2026-09-01~2026-11-30) or an indicator's period label."
        ) from None


def _overlapping(rows, window: Window) -> list[str]:  # type: ignore[no-untyped-def]
    assert window.start is not None and window.end is not None
    return [r[0] for r in rows if r[2] <= window.end and r[3] >= window.start]


def _plan(store: Store, period: str | None) -> list[tuple[str, str | None, list[str]]]:
    """(label shown, period given to the score service, indicator ids), earlier ones first."""
    rows = _rows(store)
    if not period or not period.strip():
        return [("全部", None, [r[0] for r in rows])]
    key = period.strip()
    labels = {r[1] for r in rows}
    if key in labels:
        mine = [r for r in rows if r[1] == key]
        begins = min(r[2] for r in mine)
        ends: dict[str, date] = {}
        for _, label, _, end in rows:
            ends[label] = max(end, ends.get(label, end))
        earlier = sorted((e, label) for label, e in ends.items() if e < begins)[-TREND_PERIODS:]
        plan = [(label, label, [r[0] for r in rows if r[1] == label]) for _, label in earlier]
        return [*plan, (key, key, [r[0] for r in mine])]
    window = _window(key)
    plan = []
    for text in reversed(_earlier_windows(window, TREND_PERIODS)):
        ids = _overlapping(rows, _window(text))
        if ids:
            plan.append((text, text, ids))
    return [*plan, (window.label, window.label, _overlapping(rows, window))]


def _means(results: Sequence[IndicatorScores]) -> dict[str, float]:
    totals: dict[str, list[float]] = {}
    for scores in results:
        for result in scores.departments:
            totals.setdefault(result.department, []).append(result.total)
    return {name: round(sum(v) / len(v), 2) for name, v in totals.items()}


def summary_data(
    store: Store, *, now: datetime, period: str | None, header: HeaderMaker
) -> SummaryReport:
    plan = _plan(store, period)
    earlier = [
        _means(score_all(store, now=now, period=given, indicator_ids=ids))
        for _, given, ids in plan[:-1]
    ]
    label, given, ids = plan[-1]
    if not ids:
        raise NotFoundError(f"No indicator's period overlaps {label}; there is nothing to sum up.")
    current = score_all(store, now=now, period=given, indicator_ids=ids)
    names = sorted({r.department for s in current for r in s.departments})
    index = {name: i for i, name in enumerate(names)}
    cells, indicators = [], []
    per_department: dict[str, list[tuple[float, float]]] = {}
    for k, scores in enumerate(current):
        totals = [r.total for r in scores.departments]
        best = scores.departments[0] if scores.departments else None
        indicators.append(
            IndicatorSummary(
                indicator=scores.indicator, period=scores.period,
                lead_department=scores.lead_department,
                status=STATUS_ZH.get(scores.status, scores.status),
                participants=len(totals),
                mean_total=round(sum(totals) / len(totals), 2) if totals else None,
                best_department=best.department if best else "",
                best_total=best.total if best else None,
            )
        )  # fmt: skip
        for result in scores.departments:
            cells.append((index[result.department], k, result.total))
            deducted = sum(d.points for d in result.deductions)
            per_department.setdefault(result.department, []).append((result.total, deducted))
    departments = []
    for name in names:
        values = per_department[name]
        totals = [t for t, _ in values]
        mean = round(sum(totals) / len(totals), 2)
        departments.append(
            DepartmentSummary(
                department=name, indicators=len(values), mean_total=mean, lowest=min(totals),
                highest=max(totals), deducted=round(sum(d for _, d in values), 2),
                trend=(*(means.get(name) for means in earlier), mean),
            )
        )  # fmt: skip
    shown = "全部指标" if given is None else f"{len(current)} 项指标"
    return SummaryReport(
        header=header(f"期间汇总:{shown}", label),
        indicators=tuple(indicators),
        departments=tuple(departments),
        cells=tuple(cells),
        periods=tuple(p[0] for p in plan),
    )
