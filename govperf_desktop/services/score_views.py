"""Read-only views of an indicator's scores for the desktop's scores page (考核评分).

    compare_scores(store, "企业开办时间压缩", now=..., weights={"input": 40, ...})

computes the scores with the saved configuration and, when what-if weights are given, again
with those weights (nothing is saved), so the page can show both and their difference.
`bar_values` and `radar_series` turn one result into the plain numbers the figures of
`reports.score_charts` draw, and `score_figures` draws them (matplotlib is imported on its
first call only, so a caller that does not draw never loads it). Reading only: nothing is
written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.scoring_config import DIMENSIONS
from govperf_desktop.services.scoring import (
    DepartmentResult,
    IndicatorScores,
    score_indicator,
)
from govperf_desktop.store.store import Store

__all__ = [
    "DIMENSIONS",
    "ChartWords",
    "ScoreComparison",
    "bar_values",
    "compare_scores",
    "radar_series",
    "score_figures",
    "weights_text",
]


@dataclass(frozen=True)
class ScoreComparison:
    """The scores shown (what-if when `what_if`), and the saved configuration's totals."""

    scores: IndicatorScores  # computed with the what-if weights when given, else the saved ones
    saved_weights: dict[str, float]  # the dimension weights of the saved configuration
    saved_totals: dict[str, float]  # department id -> total with the saved configuration
    what_if: bool

    def difference(self, department_id: str) -> float:
        """Shown total minus the saved total of a department (0 without what-if weights)."""
        for result in self.scores.departments:
            if result.department_id == department_id:
                return round(result.total - self.saved_totals.get(department_id, 0.0), 2)
        return 0.0


def weights_text(weights: Mapping[str, float]) -> str:
    """Dimension weights as the `weights` argument of the scoring services takes them."""
    unknown = [name for name in weights if name not in DIMENSIONS]
    if unknown:
        raise ValidationError(
            f"Unknown dimension {unknown[0]!r}; the dimensions are {', '.join(DIMENSIONS)}."
        )
    return ",".join(f"{name}={weights[name]:g}" for name in DIMENSIONS if name in weights)


def compare_scores(
    store: Store,
    indicator: str,
    *,
    now: datetime,
    period: str | None = None,
    weights: Mapping[str, float] | None = None,
    evidence_limit: int = 0,
) -> ScoreComparison:
    """An indicator's scores with the saved configuration, and with `weights` if given.

    `weights` are what-if dimension weights (they must add up to 100, as when saving);
    they are used for this computation only. `evidence_limit` ids per value come with the
    trees (the counts always do; `scoring_evidence.evidence_page` pages through the rows).
    """
    saved = score_indicator(
        store, indicator, now=now, period=period or None, evidence_limit=evidence_limit
    )
    saved_totals = {r.department_id: r.total for r in saved.departments}
    saved_weights = dict(saved.config.weights)
    if not weights or all(saved_weights.get(k) == v for k, v in weights.items()):
        return ScoreComparison(saved, saved_weights, saved_totals, False)
    shown = score_indicator(
        store,
        saved.indicator_id,
        now=now,
        period=period or None,
        weights=weights_text(weights),
        evidence_limit=evidence_limit,
    )
    return ScoreComparison(shown, saved_weights, saved_totals, True)


def _points(result: DepartmentResult) -> dict[str, float]:
    return {d.dimension: d.points for d in result.dimensions}


def bar_values(scores: IndicatorScores) -> tuple[list[str], list[list[float]]]:
    """(department names, points per dimension in DIMENSIONS order), highest total first."""
    names, values = [], []
    for result in scores.departments:
        points = _points(result)
        names.append(result.department)
        values.append([points.get(name, 0.0) for name in DIMENSIONS])
    return names, values


def radar_series(result: DepartmentResult) -> tuple[list[float], list[float]]:
    """(points, points available) per dimension in DIMENSIONS order, for one department."""
    by_name = {d.dimension: d for d in result.dimensions}
    points = [by_name[n].points if n in by_name else 0.0 for n in DIMENSIONS]
    available = [by_name[n].points_available if n in by_name else 0.0 for n in DIMENSIONS]
    return points, available


@dataclass(frozen=True)
class ChartWords:
    """The figures' words, translated by the caller."""

    title: str
    value_label: str
    dimensions: tuple[str, ...]  # in DIMENSIONS order
    deductions: str
    radar_title: str  # with {department}


def score_figures(comparison: ScoreComparison, words: ChartWords) -> tuple[Any, tuple[Any, ...]]:
    """The stacked bars of every department (deductions as a last, negative segment, so each
    bar's total is the department's total) and one radar per department."""
    from govperf_desktop.reports.score_charts import dimension_bars_figure, radar_figure

    scores = comparison.scores
    names, values = bar_values(scores)
    for row, result in zip(values, scores.departments, strict=True):
        row.append(-sum(d.points for d in result.deductions))
    bars = dimension_bars_figure(
        names,
        [*words.dimensions, words.deductions],
        values,
        title=words.title,
        value_label=words.value_label,
    )
    radars = []
    for result in scores.departments:
        points, available = radar_series(result)
        radars.append(
            radar_figure(
                words.dimensions,
                [(result.department, points)],
                available,
                title=words.radar_title.format(department=result.department),
                legend=False,
            )
        )
    return bars, tuple(radars)
