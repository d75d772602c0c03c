"""The four-dimension scoring model as pure functions (docs/scoring.md has every formula).

Input: for each participating department of an indicator, the raw value of each sub-metric
(computed from the store by SQL aggregates) with the rows behind it. Output: a tree per
department, total → dimension → sub-metric → raw value → evidence rows.

Normalisation turns a raw value into a fraction 0..1 (scoring_config.Normalisation). A
sub-metric without data for a department (never mentioned, nothing submitted) or without any
participant having some (nobody resolved a problem) is *not applicable*: its weight goes to
the applicable sub-metrics of its dimension, and a dimension without any applicable
sub-metric gives its weight to the department's applicable dimensions, in proportion.

Points are kept in integer hundredths ("cents"). The leaves are rounded by the largest
remainder method, so that the printed sub-metric points add up exactly to the printed
dimension points, and those to the printed total (0..100).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from govperf_desktop.domain.calendar import OFFICE_UTC_OFFSET, WorkCalendar, office_date
from govperf_desktop.domain.scoring_config import (
    DIMENSION_LABELS,
    DIMENSIONS,
    METRICS,
    Normalisation,
    ScoringConfig,
)

FULL = 10_000  # 100 points in hundredths


@dataclass(frozen=True)
class Evidence:
    """Rows of one table behind a value: the first `ids` (capped) out of `count`."""

    table: str
    role: str
    count: int
    ids: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    """One line of a value's breakdown (a task, a mention) with the ids of its rows."""

    label: str
    value: float | None
    ids: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class RawMetric:
    """A sub-metric's raw value for one department; None when it has no data."""

    value: float | None
    detail: str = ""
    evidence: tuple[Evidence, ...] = ()
    items: tuple[Item, ...] = ()
    items_total: int = 0


@dataclass(frozen=True)
class DepartmentInput:
    department_id: str
    department: str
    role: str  # 'lead', 'cooperating' or 'task' (only responsible for tasks)
    metrics: Mapping[str, RawMetric]


@dataclass(frozen=True)
class MetricScore:
    metric: str
    label: str
    unit: str
    higher_is_better: bool
    value: float | None
    detail: str
    method: str
    full: float | None
    zero: float | None
    reference: float | None  # the best participant's value (relative normalisation)
    applicable: bool
    fraction: float | None  # the normalised value 0..1
    weight: float  # configured share of its dimension (the dimension's add up to 100)
    points_available: float
    points: float
    note: str
    evidence: tuple[Evidence, ...]
    items: tuple[Item, ...]
    items_total: int


@dataclass(frozen=True)
class DimensionScore:
    dimension: str
    label: str
    weight: float  # configured
    points_available: float  # after giving the weight of non-applicable dimensions away
    points: float
    applicable: bool
    score: float | None  # 0..1: the weighted mean of its applicable sub-metrics' fractions
    metrics: tuple[MetricScore, ...]


@dataclass(frozen=True)
class DepartmentScore:
    department_id: str
    department: str
    role: str
    total_before_deductions: float
    dimensions: tuple[DimensionScore, ...]


def working_hours_between(
    start: datetime,
    end: datetime,
    calendar: WorkCalendar,
    memo: dict[tuple[date, date], int] | None = None,
) -> float:
    """Hours from `start` to `end` (naive UTC) without the whole days off in between.

    A Friday-evening mention answered on Monday morning waited one night, not a weekend: every
    office date strictly between the two moments that is not a working day (weekends, public
    holidays) takes 24 hours off. Never negative. `memo` (one dict per calendar) remembers
    the days off between two dates for the next call with the same dates.
    """
    if end <= start:
        return 0.0
    if start.tzinfo is None and end.tzinfo is None:  # naive UTC, as stored: the fast path
        first, last = (start + OFFICE_UTC_OFFSET).date(), (end + OFFICE_UTC_OFFSET).date()
    else:
        first, last = office_date(start), office_date(end)
    between = (last - first).days - 1
    days_off = 0
    if between > 0:
        if memo is None:
            days_off = between - calendar.workdays_between(first, last - timedelta(days=1))
        elif (days_off := memo.get((first, last), -1)) < 0:
            days_off = between - calendar.workdays_between(first, last - timedelta(days=1))
            memo[(first, last)] = days_off
    hours = (end - start).total_seconds() / 3600 - 24 * days_off
    return max(0.0, hours)


def _fmt(value: float) -> str:
    return f"{value:.4g}"


def normalise(
    value: float, normalisation: Normalisation, higher: bool, reference: float | None
) -> float:
    """The fraction 0..1 of a raw value (`reference`: the best participant's, for relative)."""
    if normalisation.method == "relative":
        if higher:
            if reference is None or reference <= 0:
                return 0.0
            return min(1.0, max(0.0, value / reference))
        if value <= 0:
            return 1.0
        return min(1.0, max(0.0, (reference or 0.0) / value))
    full, zero = normalisation.full, normalisation.zero
    assert full is not None and zero is not None
    fraction = (value - zero) / (full - zero)
    return min(1.0, max(0.0, fraction))


def _note(value: float, normalisation: Normalisation, higher: bool, reference: float | None,
          fraction: float) -> str:  # fmt: skip
    if normalisation.method == "relative":
        if higher:
            return f"{_fmt(value)} ÷ best {_fmt(reference or 0)} = {fraction:.3f}"
        if value <= 0:
            return "0 is the best possible: full marks"
        return f"best {_fmt(reference or 0)} ÷ {_fmt(value)} = {fraction:.3f}"
    full, zero = normalisation.full, normalisation.zero
    return f"full marks at {_fmt(full or 0)}, none at {_fmt(zero or 0)}: {fraction:.3f}"


def _references(
    inputs: Sequence[DepartmentInput], config: ScoringConfig
) -> dict[str, tuple[float | None, bool]]:
    """Per sub-metric: the best participant's value, and whether it counts for anyone."""
    result: dict[str, tuple[float | None, bool]] = {}
    for name, spec in METRICS.items():
        values = [
            d.metrics[name].value
            for d in inputs
            if name in d.metrics and d.metrics[name].value is not None
        ]
        if not values:
            result[name] = (None, False)
            continue
        best = max(values) if spec.higher_is_better else min(values)
        counts = not (
            config.metrics[name].normalisation.method == "relative"
            and spec.higher_is_better
            and best <= 0
        )
        result[name] = (best, counts)
    return result


def apportion(exact: Sequence[float], caps: Sequence[int] | None = None) -> list[int]:
    """Round values given in hundredths to integers that add up to their rounded sum.

    Largest remainder method: floors first, then one more to the largest remainders (never
    above a leaf's cap). Deterministic: ties go to the earlier value.
    """
    floors = [math.floor(value + 1e-9) for value in exact]
    target = math.floor(sum(exact) + 0.5 + 1e-9)
    extra = target - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in order:
        if extra <= 0:
            break
        if caps is not None and floors[index] + 1 > caps[index]:
            continue
        floors[index] += 1
        extra -= 1
    return floors


def _shares(
    weights: Mapping[str, float], applicable: Sequence[str], scale: float
) -> dict[str, float]:
    """`scale` split over the applicable keys in proportion to their weights."""
    total = sum(weights[key] for key in applicable)
    if total <= 0:
        return {key: 0.0 for key in weights}
    return {key: (scale * weights[key] / total if key in applicable else 0.0) for key in weights}


# The sub-metrics of each dimension, in METRICS order (fixed by the model, not configurable).
_MEMBERS = {d: tuple(n for n in METRICS if METRICS[n].dimension == d) for d in DIMENSIONS}
_NAMES = tuple(METRICS)
_NO_DATA = "not applicable: no data for this department"
_TELLS_NOBODY = "not applicable: no participant has any, so it tells nobody apart"
_MISSING = RawMetric(None)


@dataclass(frozen=True)
class _Plan:
    """What every department of one computation shares: the configuration's weights and
    normalisations laid out per sub-metric (derived once per `score_departments`)."""

    config: ScoringConfig
    metric_weights: Mapping[str, float]
    member_weights: Mapping[str, Mapping[str, float]]  # dimension -> sub-metric -> weight
    normalisations: Mapping[str, Normalisation]


def _plan(config: ScoringConfig) -> _Plan:
    weights = {n: config.metrics[n].weight for n in _NAMES}
    members = {d: {n: weights[n] for n in _MEMBERS[d]} for d in DIMENSIONS}
    normalisations = {n: config.metrics[n].normalisation for n in _NAMES}
    return _Plan(config, weights, members, normalisations)


def score_department(
    department: DepartmentInput,
    config: ScoringConfig,
    references: Mapping[str, tuple[float | None, bool]],
    plan: _Plan | None = None,
) -> DepartmentScore:
    """One department's tree (see the module docstring for the rules)."""
    if plan is None or plan.config is not config:
        plan = _plan(config)
    metric_weights, normalisations = plan.metric_weights, plan.normalisations
    raws = department.metrics
    fractions: dict[str, float | None] = {}
    notes: dict[str, str] = {}
    for name, spec in METRICS.items():
        raw = raws.get(name, _MISSING)
        reference, counts = references.get(name, (None, False))
        if raw.value is None:
            fractions[name], notes[name] = None, _NO_DATA
        elif not counts:
            fractions[name], notes[name] = None, _TELLS_NOBODY
        else:
            normalisation = normalisations[name]
            fraction = normalise(raw.value, normalisation, spec.higher_is_better, reference)
            fractions[name] = fraction
            notes[name] = _note(
                raw.value, normalisation, spec.higher_is_better, reference, fraction
            )

    usable = {
        d: [n for n in _MEMBERS[d] if fractions[n] is not None and metric_weights[n] > 0]
        for d in DIMENSIONS
    }
    dimension_points = _shares(config.weights, [d for d in DIMENSIONS if usable[d]], float(FULL))
    available: dict[str, float] = {}
    for dimension in DIMENSIONS:
        available.update(
            _shares(plan.member_weights[dimension], usable[dimension], dimension_points[dimension])
        )
    available_cents = apportion([available[n] for n in _NAMES])
    exact = [available[n] * (fractions[n] or 0.0) for n in _NAMES]
    cents = dict(zip(_NAMES, apportion(exact, available_cents), strict=True))
    available_by_name = dict(zip(_NAMES, available_cents, strict=True))

    dimensions = []
    for dimension in DIMENSIONS:
        metric_scores = []
        for name in _MEMBERS[dimension]:
            spec, raw = METRICS[name], raws.get(name, _MISSING)
            normalisation = normalisations[name]
            metric_scores.append(
                MetricScore(
                    name, spec.label, spec.unit, spec.higher_is_better, raw.value, raw.detail,
                    normalisation.method, normalisation.full, normalisation.zero,
                    references.get(name, (None, False))[0], fractions[name] is not None,
                    fractions[name], metric_weights[name], available_by_name[name] / 100,
                    cents[name] / 100, notes[name], raw.evidence, raw.items, raw.items_total,
                )
            )  # fmt: skip
        weights = {n: metric_weights[n] for n in usable[dimension]}
        weight_sum = sum(weights.values())
        score = (
            sum(w * (fractions[n] or 0.0) for n, w in weights.items()) / weight_sum
            if weight_sum > 0
            else None
        )
        members = _MEMBERS[dimension]
        dimensions.append(
            DimensionScore(
                dimension=dimension,
                label=DIMENSION_LABELS[dimension],
                weight=config.weights[dimension],
                points_available=sum(available_by_name[n] for n in members) / 100,
                points=sum(cents[n] for n in members) / 100,
                applicable=bool(usable[dimension]),
                score=score,
                metrics=tuple(metric_scores),
            )
        )
    return DepartmentScore(
        department_id=department.department_id,
        department=department.department,
        role=department.role,
        total_before_deductions=sum(cents.values()) / 100,
        dimensions=tuple(dimensions),
    )


def score_departments(
    inputs: Sequence[DepartmentInput], config: ScoringConfig
) -> tuple[DepartmentScore, ...]:
    """Every participant's tree; relative normalisation compares the participants given."""
    references = _references(inputs, config)
    plan = _plan(config)
    return tuple(score_department(d, config, references, plan) for d in inputs)


def total_cents(score: DepartmentScore) -> int:
    """The total before deductions in hundredths (exact: the sum of the leaves' hundredths)."""
    return round(score.total_before_deductions * 100)
