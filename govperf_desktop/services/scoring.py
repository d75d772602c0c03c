"""Scores with their evidence (智能分析), delay attribution and joint liability.

    score_indicator(store, "企业开办时间压缩", now=...)    # every department's tree
    score_all(store, now=...)                             # every indicator
    attribution_report(store, "政务服务“跨省通办”", now=...) # late tasks and their split

A score is a tree: total → deductions (liability rules, with reasons) → dimensions →
sub-metrics → raw value → the ids of the rows behind it (capped per leaf at
`evidence_limit`, with the full count; `scoring_evidence.evidence_page` pages through all).
The configuration used is the indicator's latest version, else the organisation's, else
the built-in default (`scoring_config.effective_config`); `weights` recomputes with other
dimension weights without saving anything (what-if). Reading only: nothing is written.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime

from govperf_desktop.domain.attribution import TaskAttribution, attribute
from govperf_desktop.domain.calendar import WorkCalendar, office_date
from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import NotFoundError, ValidationError
from govperf_desktop.domain.liability import Deduction, Rule, apply, charges
from govperf_desktop.domain.score_window import Window, parse_window
from govperf_desktop.domain.scoring import (
    DimensionScore,
    score_departments,
    total_cents,
)
from govperf_desktop.domain.scoring_config import ScoringConfig, parse_weights
from govperf_desktop.services import lookup
from govperf_desktop.services.scoring_config import ConfigSource, config_sources, effective_config
from govperf_desktop.services.scoring_facts import (
    IndicatorFacts,
    finished_by_task,
    load_batch,
    raw_metrics,
    timings,
)
from govperf_desktop.services.workdays import load_work_calendar
from govperf_desktop.store import metrics as sql
from govperf_desktop.store.metrics import EventRow
from govperf_desktop.store.reads import mapped_reads
from govperf_desktop.store.store import Store

DEFAULT_EVIDENCE_LIMIT = 50
BATCH = 1000  # indicators per round of queries when scoring many (one round at province size)


@dataclass(frozen=True, slots=True)
class WindowView:
    label: str
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class ConfigUsed:
    source: str  # 'indicator', 'organisation' or 'built-in'
    version: int | None
    config_id: str | None
    weights: dict[str, float]
    what_if: bool  # weights given for this computation only, not saved


@dataclass(frozen=True, slots=True)
class DepartmentResult:
    department_id: str
    department: str
    role: str
    total: float
    total_before_deductions: float
    deductions: tuple[Deduction, ...]
    dimensions: tuple[DimensionScore, ...]


@dataclass(frozen=True, slots=True)
class IndicatorScores:
    indicator_id: str
    indicator: str
    period: str
    status: str
    lead_department: str
    window: WindowView
    as_of: datetime  # naive UTC: open tasks and unanswered mentions are counted up to it
    today: date
    config: ConfigUsed
    departments: tuple[DepartmentResult, ...]  # highest total first
    late_tasks: tuple[TaskAttribution, ...]  # late tasks whose deadline is in the window


@dataclass(frozen=True, slots=True)
class AttributionReport:
    indicator_id: str
    indicator: str
    period: str
    status: str
    window: WindowView
    today: date
    tasks: tuple[TaskAttribution, ...]  # deadline order; late ones unless all were asked for
    days_by_department: dict[str, int]  # department name -> days charged


def window_of(row: sql.IndicatorRow, period: str | None) -> Window:
    """The window a user named; without one, everything of the indicator."""
    if not period:
        return Window(f"all ({row.period})")
    return parse_window(
        period,
        indicator_period=row.period,
        indicator_start=row.period_start,
        indicator_end=row.period_end,
    )


def _config(source: ConfigSource, weights: str | None) -> tuple[ScoringConfig, ConfigUsed]:
    config = source.config
    if weights:
        config = replace(config, weights=parse_weights(weights, config.weights))
    used = ConfigUsed(
        source.source, source.version, source.config_id, dict(config.weights), bool(weights)
    )
    return config, used


def _attributions(
    facts: IndicatorFacts,
    names: dict[str, str],
    today: date,
    finished: dict[str, EventRow] | None = None,
    late_only: bool = False,
) -> dict[str, TaskAttribution]:
    return attribute(timings(facts, names, finished), facts.edges, today, late_only=late_only)


def _score(
    facts: IndicatorFacts,
    names: dict[str, str],
    window: Window,
    source: ConfigSource,
    weights: str | None,
    now: datetime,
    limit: int,
    calendar: WorkCalendar | None = None,
) -> IndicatorScores:
    today = office_date(now)
    config, used = _config(source, weights)
    calendar = calendar or load_work_calendar()
    finished = finished_by_task(facts)
    inputs = raw_metrics(facts, names, window, now, limit, calendar, finished)
    trees = score_departments(inputs, config)
    attributions = _attributions(facts, names, today, finished, late_only=True)
    in_window = [a for a in attributions.values() if window.contains(a.deadline)]
    in_window.sort(key=lambda a: (a.deadline, a.code, a.task_id))
    charged = charges(
        status=facts.indicator.status,
        rules=[Rule(r.id, r.kind, r.percent, r.description) for r in facts.rules],
        cooperating_ids=facts.cooperating,
        names=names,
        attributions=in_window,
        blocking_only_when_missed=config.blocking_delay_only_when_missed,
    )
    results = []
    for tree in trees:
        before = total_cents(tree)
        deductions, final = apply(before, charged.get(tree.department_id, []))
        results.append(
            DepartmentResult(
                department_id=tree.department_id,
                department=tree.department,
                role=tree.role,
                total=final / 100,
                total_before_deductions=tree.total_before_deductions,
                deductions=deductions,
                dimensions=tree.dimensions,
            )
        )
    results.sort(key=lambda r: (-r.total, r.department, r.department_id))
    row = facts.indicator
    return IndicatorScores(
        indicator_id=row.id,
        indicator=row.name,
        period=row.period,
        status=row.status,
        lead_department=names.get(row.lead_department_id, row.lead_department_id),
        window=WindowView(window.label, window.start, window.end),
        as_of=to_utc_naive(now),
        today=today,
        config=used,
        departments=tuple(results),
        late_tasks=tuple(in_window),
    )


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while every indicator is scored.

    Scoring builds hundreds of thousands of small objects that hold no reference cycles (they
    are freed by reference counting), so the collector's full passes over them find nothing
    and cost about a tenth of the CPU time. It is switched back on afterwards (if it was on).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_limit(evidence_limit: int) -> None:
    if evidence_limit < 0:
        raise ValidationError("The number of evidence ids per value cannot be negative.")


def score_indicator(
    store: Store,
    indicator: str,
    *,
    now: datetime,
    period: str | None = None,
    weights: str | None = None,
    evidence_limit: int = DEFAULT_EVIDENCE_LIMIT,
) -> IndicatorScores:
    """Every participating department's score tree for one indicator (name or id)."""
    _check_limit(evidence_limit)
    with store.read() as session:
        found = lookup.indicator(session, indicator)
        window = window_of(sql.indicators(session, [found.id])[0], period)
        names = sql.department_names(session)
        sources = config_sources(session)
        facts = load_batch(session, [found.id], window, evidence_limit)[found.id]
    source = effective_config(sources, found.id)
    return _score(facts, names, window, source, weights, now, evidence_limit)


def score_all(
    store: Store,
    *,
    now: datetime,
    period: str | None = None,
    weights: str | None = None,
    evidence_limit: int = 0,
    indicator_ids: Sequence[str] | None = None,
) -> tuple[IndicatorScores, ...]:
    """Every indicator's scores, in name order; queries run per batch of indicators.

    `indicator_ids` limits it to those indicators (e.g. the indicators of one period).

    By default the trees carry the counts of rows behind each value but no ids (ranking the
    timesheet rows of a whole province costs more than summing them); `evidence_limit` asks
    for ids, and `score_indicator` / `evidence_page` give them for one indicator.
    """
    _check_limit(evidence_limit)
    results = []
    calendar = load_work_calendar()
    with _cyclic_gc_paused(), store.read() as session, mapped_reads(session):
        names = sql.department_names(session)
        sources = config_sources(session)
        shared: dict[str | None, ConfigSource] = {}
        ids = sql.indicator_ids(session)
        if indicator_ids is not None:
            wanted = set(indicator_ids)
            ids = [indicator_id for indicator_id in ids if indicator_id in wanted]
        for start in range(0, len(ids), BATCH):
            rows = sql.indicators(session, ids[start : start + BATCH])
            # Indicators whose window is the same (always, without a period) share queries.
            groups: dict[Window, list[sql.IndicatorRow]] = {}
            for row in rows:
                key = parse_window(
                    period,
                    indicator_period=row.period,
                    indicator_start=row.period_start,
                    indicator_end=row.period_end,
                ) if period else Window("all")  # fmt: skip
                groups.setdefault(key, []).append(row)
            for window, members in groups.items():
                loaded = load_batch(session, [r.id for r in members], window, evidence_limit)
                for row in members:
                    own = window if period else window_of(row, None)
                    # Indicators without a configuration of their own share one.
                    key = row.id if row.id in sources.indicators else None
                    if (source := shared.get(key)) is None:
                        source = shared[key] = effective_config(sources, row.id)
                    # Each indicator's facts are let go once scored: less memory, and none
                    # left for the collector to walk when it is switched back on.
                    facts = loaded.pop(row.id)
                    results.append(
                        _score(facts, names, own, source, weights, now, evidence_limit, calendar)
                    )
    order = {indicator_id: index for index, indicator_id in enumerate(ids)}
    results.sort(key=lambda r: order[r.indicator_id])
    return tuple(results)


def attribution_report(
    store: Store,
    indicator: str,
    *,
    now: datetime,
    period: str | None = None,
    all_tasks: bool = False,
) -> AttributionReport:
    """The indicator's late tasks (or all its tasks) with how their lateness splits."""
    today = office_date(now)
    with store.read() as session:
        found = lookup.indicator(session, indicator)
        names = sql.department_names(session)
        facts = load_batch(session, [found.id], Window("all"), 0)[found.id]
    window = window_of(facts.indicator, period)
    attributions = _attributions(facts, names, today)
    chosen = [
        a
        for a in attributions.values()
        if window.contains(a.deadline) and (all_tasks or a.days_late > 0)
    ]
    chosen.sort(key=lambda a: (a.deadline, a.code, a.task_id))
    days: dict[str, int] = {}
    for attribution in chosen:
        for share in attribution.shares:
            days[share.department] = days.get(share.department, 0) + share.days
    row = facts.indicator
    return AttributionReport(
        indicator_id=row.id,
        indicator=row.name,
        period=row.period,
        status=row.status,
        window=WindowView(window.label, window.start, window.end),
        today=today,
        tasks=tuple(chosen),
        days_by_department=dict(sorted(days.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def department_result(scores: IndicatorScores, department: str) -> DepartmentResult:
    """One department's result out of an indicator's, by name or id (or a clear error)."""
    for result in scores.departments:
        if department.strip() in (result.department, result.department_id):
            return result
    listed = ", ".join(r.department for r in scores.departments) or "none"
    raise NotFoundError(
        f"{department.strip()} does not take part in indicator {scores.indicator}; "
        f"its departments are: {listed}."
    )
