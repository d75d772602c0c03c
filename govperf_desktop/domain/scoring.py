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
from typing import NamedTuple

from govperf_desktop.domain.calendar import OFFICE_UTC_OFFSET, WorkCalendar, office_date
from govperf_desktop.domain.scoring_config import (
    DIMENSION_LABELS,
    DIMENSIONS,
    METRICS,
    Normalisation,
    ScoringConfig,
)

FULL = 10_000  # 100 points in hundredths


@dataclass(frozen=True, slots=True)
class Evidence:
    """Rows of one table behind a value: the first `ids` (capped) out of `count`."""

    table: str
    role: str
    count: int
    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Item:
    """One line of a value's breakdown (a task, a mention) with the ids of its rows."""

    label: str
    value: float | None
    ids: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class RawMetric:
    """A sub-metric's raw value for one department; None when it has no data."""

    value: float | None
    detail: str = ""
    evidence: tuple[Evidence, ...] = ()
    items: tuple[Item, ...] = ()
    items_total: int = 0


@dataclass(frozen=True, slots=True)
class DepartmentInput:
    department_id: str
    department: str
    role: str  # 'lead', 'cooperating' or 'task' (only responsible for tasks)
    metrics: Mapping[str, RawMetric]


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class DimensionScore:
    dimension: str
    label: str
    weight: float  # configured
    points_available: float  # after giving the weight of non-applicable dimensions away
    points: float
    applicable: bool
    score: float | None  # 0..1: the weighted mean of its applicable sub-metrics' fractions
    metrics: tuple[MetricScore, ...]


@dataclass(frozen=True, slots=True)
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


def apportion(exact: Sequence[float], caps: Sequence[int] | None = None) -> list[int]:
    """Round values given in hundredths to integers that add up to their rounded sum.

    Largest remainder method: floors first, then one more to the largest remainders (never
    above a leaf's cap). Deterministic: ties go to the earlier value.
    """
    floors = [math.floor(value + 1e-9) for value in exact]
    target = math.floor(sum(exact) + 0.5 + 1e-9)
    extra = target - sum(floors)
    if extra <= 0:  # the floors already add up: no remainder to rank
        return floors
    remainders = [value - floor for value, floor in zip(exact, floors, strict=True)]
    # Largest remainder first; the sort is stable, so equal remainders keep their order.
    for index in sorted(range(len(exact)), key=remainders.__getitem__, reverse=True):
        if extra <= 0:
            break
        if caps is not None and floors[index] + 1 > caps[index]:
            continue
        floors[index] += 1
        extra -= 1
    return floors


def _shares(weights: Sequence[float], applicable: Sequence[int], scale: float) -> list[float]:
    """`scale` split over the applicable positions in proportion to their weights."""
    total = sum(weights[index] for index in applicable)
    if total <= 0:
        return [0.0] * len(weights)
    return [
        scale * weight / total if index in applicable else 0.0
        for index, weight in enumerate(weights)
    ]


# The sub-metrics of each dimension, in METRICS order (fixed by the model, not configurable).
_MEMBERS = {d: tuple(n for n in METRICS if METRICS[n].dimension == d) for d in DIMENSIONS}
_NAMES = tuple(METRICS)
# METRICS lists the sub-metrics dimension by dimension, in DIMENSIONS order: a dimension is a
# slice of _NAMES, and of every per-department list kept in _NAMES order.
assert sum((_MEMBERS[d] for d in DIMENSIONS), ()) == _NAMES
_SPANS = {
    d: slice(_NAMES.index(members[0]), _NAMES.index(members[0]) + len(members))
    for d, members in _MEMBERS.items()
}
_NO_DATA = "not applicable: no data for this department"
_TELLS_NOBODY = "not applicable: no participant has any, so it tells nobody apart"
_MISSING = RawMetric(None)


@dataclass(frozen=True, slots=True)
class _Plan:
    """What every department of one computation shares: the configuration's weights and
    normalisations laid out per sub-metric (derived once per `score_departments`)."""

    config: ScoringConfig
    dimension_weights: tuple[float, ...]  # in DIMENSIONS order
    metric_weights: tuple[float, ...]  # in _NAMES order
    normalisations: tuple[Normalisation, ...]  # in _NAMES order


def _plan(config: ScoringConfig) -> _Plan:
    metrics = [config.metrics[name] for name in _NAMES]
    return _Plan(
        config,
        tuple(config.weights[d] for d in DIMENSIONS),
        tuple(metric.weight for metric in metrics),
        tuple(metric.normalisation for metric in metrics),
    )


def _raw_metrics(department: DepartmentInput) -> list[RawMetric]:
    """The department's raw values in _NAMES order (an empty one where it has none)."""
    return [department.metrics.get(name, _MISSING) for name in _NAMES]


def _references(
    raws_by_department: Sequence[Sequence[RawMetric]], config: ScoringConfig
) -> dict[str, tuple[float | None, bool]]:
    """Per sub-metric: the best participant's value, and whether it counts for anyone."""
    result: dict[str, tuple[float | None, bool]] = {}
    for index, name in enumerate(_NAMES):
        values = [raws[index].value for raws in raws_by_department]
        values = [value for value in values if value is not None]
        if not values:
            result[name] = (None, False)
            continue
        higher = METRICS[name].higher_is_better
        best = max(values) if higher else min(values)
        counts = not (
            config.metrics[name].normalisation.method == "relative" and higher and best <= 0
        )
        result[name] = (best, counts)
    return result


class _Rule:
    """How one sub-metric is judged in one computation: what its MetricScore takes from the
    configuration and the best participant, and the text every department's note shares,
    written once."""

    __slots__ = (
        "_text",
        "counts",
        "full",
        "higher",
        "label",
        "method",
        "name",
        "normalisation",
        "reference",
        "unit",
        "weight",
        "zero",
    )

    def __init__(self, index: int, plan: _Plan, reference: float | None, counts: bool) -> None:
        self.name = _NAMES[index]
        spec, normalisation = METRICS[self.name], plan.normalisations[index]
        self.label, self.unit, self.higher = spec.label, spec.unit, spec.higher_is_better
        self.normalisation, self.method = normalisation, normalisation.method
        self.full, self.zero = normalisation.full, normalisation.zero
        self.weight = plan.metric_weights[index]
        self.reference, self.counts = reference, counts
        if self.method == "relative":
            self._text = _fmt(reference or 0)  # the best value
        else:
            self._text = f"full marks at {_fmt(self.full or 0)}, none at {_fmt(self.zero or 0)}: "

    def judge(self, value: float | None) -> tuple[float | None, str]:
        """The fraction 0..1 of a department's raw value (None: not applicable) and its note."""
        if value is None:
            return None, _NO_DATA
        if not self.counts:
            return None, _TELLS_NOBODY
        fraction = normalise(value, self.normalisation, self.higher, self.reference)
        if self.method != "relative":
            return fraction, f"{self._text}{fraction:.3f}"
        if self.higher:
            return fraction, f"{_fmt(value)} ÷ best {self._text} = {fraction:.3f}"
        if value <= 0:
            return fraction, "0 is the best possible: full marks"
        return fraction, f"best {self._text} ÷ {_fmt(value)} = {fraction:.3f}"


def _rules(plan: _Plan, references: Mapping[str, tuple[float | None, bool]]) -> list[_Rule]:
    """The rule of each sub-metric, in _NAMES order."""
    return [
        _Rule(index, plan, *references.get(name, (None, False)))
        for index, name in enumerate(_NAMES)
    ]


class _DimensionLayout(NamedTuple):
    dimension: str
    label: str
    weight: float  # configured
    points_available: float
    span: slice  # its sub-metrics in _NAMES
    usable: tuple[int, ...]  # positions of those applicable and weighing something
    usable_weights: tuple[float, ...]
    usable_weight_sum: float


class _Layout(NamedTuple):
    """Where the points go for one set of applicable sub-metrics (in _NAMES order: exact
    hundredths, rounded hundredths and points available), shared by every department of the
    computation with that set."""

    available: list[float]
    available_cents: list[int]
    points_available: list[float]
    dimensions: tuple[_DimensionLayout, ...]


def _layout(plan: _Plan, applicable: Sequence[bool]) -> _Layout:
    """The points available to each sub-metric and dimension, given which sub-metrics have a
    fraction (`applicable`, in _NAMES order)."""
    weights = plan.metric_weights
    usable = [  # per dimension: the positions of the sub-metrics that share its points
        [i for i in range(span.start, span.stop) if applicable[i] and weights[i] > 0]
        for span in _SPANS.values()
    ]
    applicable_dimensions = [d for d, members in enumerate(usable) if members]
    dimension_points = _shares(plan.dimension_weights, applicable_dimensions, float(FULL))
    available = [0.0] * len(_NAMES)
    for members, points in zip(usable, dimension_points, strict=True):
        member_shares = _shares(weights, members, points)  # 0 outside the dimension
        for i in members:
            available[i] = member_shares[i]
    available_cents = apportion(available)
    dimensions = tuple(
        _DimensionLayout(
            dimension=dimension,
            label=DIMENSION_LABELS[dimension],
            weight=dimension_weight,
            points_available=sum(available_cents[span]) / 100,
            span=span,
            usable=tuple(members),
            usable_weights=tuple(weights[i] for i in members),
            usable_weight_sum=sum(weights[i] for i in members),
        )
        for (dimension, span), dimension_weight, members in zip(
            _SPANS.items(), plan.dimension_weights, usable, strict=True
        )
    )
    return _Layout(
        available=available,
        available_cents=available_cents,
        points_available=[cents / 100 for cents in available_cents],
        dimensions=dimensions,
    )


def _score(
    department: DepartmentInput,
    raws: Sequence[RawMetric],
    plan: _Plan,
    rules: Sequence[_Rule],
    layouts: dict[tuple[bool, ...], _Layout],
) -> DepartmentScore:
    """One department's tree from its raw values (in _NAMES order); `layouts` keeps the
    layout of the points per set of applicable sub-metrics for the computation's others."""
    judged = [rule.judge(raw.value) for rule, raw in zip(rules, raws, strict=True)]
    fractions = [fraction for fraction, _ in judged]
    applicable = tuple([fraction is not None for fraction in fractions])
    layout = layouts.get(applicable)
    if layout is None:
        layout = layouts[applicable] = _layout(plan, applicable)
    exact = [
        available * (fraction or 0.0)
        for available, fraction in zip(layout.available, fractions, strict=True)
    ]
    cents = apportion(exact, layout.available_cents)
    metric_scores = [
        MetricScore(
            rule.name, rule.label, rule.unit, rule.higher, raw.value, raw.detail, rule.method,
            rule.full, rule.zero, rule.reference, fraction is not None, fraction, rule.weight,
            points_available, points / 100, note, raw.evidence, raw.items, raw.items_total,
        )
        for rule, raw, (fraction, note), points_available, points in zip(
            rules, raws, judged, layout.points_available, cents, strict=True
        )
    ]  # fmt: skip
    dimensions = []
    for dimension in layout.dimensions:
        score = None
        if dimension.usable_weight_sum > 0:
            weighted = [
                weight * fractions[index]
                for index, weight in zip(dimension.usable, dimension.usable_weights, strict=True)
            ]
            score = sum(weighted) / dimension.usable_weight_sum
        dimensions.append(
            DimensionScore(
                dimension.dimension,
                dimension.label,
                dimension.weight,
                dimension.points_available,
                sum(cents[dimension.span]) / 100,  # its points
                bool(dimension.usable),  # applicable
                score,
                tuple(metric_scores[dimension.span]),
            )
        )
    return DepartmentScore(
        department_id=department.department_id,
        department=department.department,
        role=department.role,
        total_before_deductions=sum(cents) / 100,
        dimensions=tuple(dimensions),
    )


def score_department(
    department: DepartmentInput,
    config: ScoringConfig,
    references: Mapping[str, tuple[float | None, bool]],
    plan: _Plan | None = None,
) -> DepartmentScore:
    """One department's tree (see the module docstring for the rules)."""
    if plan is None or plan.config is not config:
        plan = _plan(config)
    return _score(department, _raw_metrics(department), plan, _rules(plan, references), {})


def score_departments(
    inputs: Sequence[DepartmentInput], config: ScoringConfig
) -> tuple[DepartmentScore, ...]:
    """Every participant's tree; relative normalisation compares the participants given.

    What does not depend on the department is worked out once: each sub-metric's rule (the
    best value, the notes' shared text) and, per set of applicable sub-metrics, where the
    points go.
    """
    plan = _plan(config)
    raws_by_department = [_raw_metrics(d) for d in inputs]
    rules = _rules(plan, _references(raws_by_department, config))
    layouts: dict[tuple[bool, ...], _Layout] = {}
    return tuple(
        _score(department, raws, plan, rules, layouts)
        for department, raws in zip(inputs, raws_by_department, strict=True)
    )


def total_cents(score: DepartmentScore) -> int:
    """The total before deductions in hundredths (exact: the sum of the leaves' hundredths)."""
    return round(score.total_before_deductions * 100)
