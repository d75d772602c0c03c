"""The scoring model's configuration: dimensions, sub-metrics, weights and normalisation.

A configuration is JSON (`resources/scoring/default.json` is the built-in default; versions
are stored in the table scoring_configs, per indicator or for the organisation). A stored
configuration may be partial — the seed stores only `{"weights": {...}}` — and is laid over
the built-in default, then checked as a whole: dimension weights add up to 100, each
dimension's sub-metric weights add up to 100, and each normalisation fits its sub-metric's
direction (for "lower is better" a target's full-marks value lies below its zero value).
Everything here is pure: the service reads the files and rows and passes the JSON in.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from govperf_desktop.domain.errors import ValidationError

DIMENSIONS = ("input", "response", "quality", "collaboration")
DIMENSION_LABELS = {
    "input": "投入度 input",
    "response": "响应速度 response speed",
    "quality": "任务完成质量 output quality",
    "collaboration": "协作贡献度 collaboration",
}
# What a user may type for a dimension in --weights (English or Chinese).
DIMENSION_ALIASES = {
    "input": "input",
    "投入度": "input",
    "response": "response",
    "response_speed": "response",
    "响应速度": "response",
    "quality": "quality",
    "output_quality": "quality",
    "任务完成质量": "quality",
    "完成质量": "quality",
    "collaboration": "collaboration",
    "协作贡献度": "collaboration",
    "协作": "collaboration",
}
METHODS = ("relative", "target")


@dataclass(frozen=True)
class MetricSpec:
    """A sub-metric: its dimension, whether more is better, its unit and label."""

    name: str
    dimension: str
    higher_is_better: bool
    unit: str
    label: str


METRICS: dict[str, MetricSpec] = {
    spec.name: spec
    for spec in (
        MetricSpec("hours_share", "input", True, "share", "工时占比 hours share"),
        MetricSpec("overtime_count", "input", True, "entries", "加班次数 overtime count"),
        MetricSpec("task_response_days", "response", False, "days", "任务响应时间 task response"),
        MetricSpec(
            "mention_reply_hours", "response", False, "hours", "沟通回复时间 reply to mentions"
        ),
        MetricSpec("first_pass_rate", "quality", True, "share", "一次通过率 first-pass rate"),
        MetricSpec("revisions_per_task", "quality", False, "per task", "修改次数 revisions"),
        MetricSpec("problems_resolved", "collaboration", True, "problems", "问题解决次数 resolved"),
        MetricSpec("support_given", "collaboration", True, "records", "支持其他部门 support given"),
    )
}


@dataclass(frozen=True)
class Normalisation:
    """How a raw value becomes a fraction 0..1 of the sub-metric's points.

    relative: against the best participant of the indicator (value / best when more is
    better, best / value when less is better). target: linear between `full` (full marks)
    and `zero` (no marks), capped at both ends.
    """

    method: str
    full: float | None = None
    zero: float | None = None


@dataclass(frozen=True)
class MetricConfig:
    weight: float  # share of its dimension, the dimension's metric weights add up to 100
    normalisation: Normalisation


@dataclass(frozen=True)
class ScoringConfig:
    weights: Mapping[str, float]  # dimension -> points, adding up to 100
    metrics: Mapping[str, MetricConfig]
    blocking_delay_only_when_missed: bool = False

    def as_json(self) -> dict[str, Any]:
        """The configuration as the JSON stored in scoring_configs (complete, never partial)."""
        metrics: dict[str, Any] = {}
        for name, metric in self.metrics.items():
            entry: dict[str, Any] = {
                "weight": metric.weight,
                "method": metric.normalisation.method,
            }
            if metric.normalisation.method == "target":
                entry["full"] = metric.normalisation.full
                entry["zero"] = metric.normalisation.zero
            metrics[name] = entry
        return {
            "format": 1,
            "weights": dict(self.weights),
            "metrics": metrics,
            "liability": {"blocking_delay_only_when_missed": self.blocking_delay_only_when_missed},
        }


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError(f"{where} must be a number, not {value!r}.")
    return float(value)


def _check_hundred(weights: Mapping[str, float], what: str) -> None:
    for name, weight in weights.items():
        if weight < 0:
            raise ValidationError(f"The weight of {name} cannot be negative ({weight:g}).")
    total = sum(weights.values())
    if abs(total - 100) > 1e-6:
        listed = ", ".join(f"{name}={weight:g}" for name, weight in weights.items())
        raise ValidationError(f"{what} must add up to 100; {listed} add up to {total:g}.")


def merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """`override` laid over `base`, key by key (nested objects merged, other values replaced)."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _metric(name: str, raw: Any) -> MetricConfig:
    if name not in METRICS:
        raise ValidationError(
            f"Unknown sub-metric {name!r} in the scoring configuration; known: "
            f"{', '.join(METRICS)}."
        )
    if not isinstance(raw, Mapping):
        raise ValidationError(f"Sub-metric {name} must be an object with weight and method.")
    spec = METRICS[name]
    weight = _number(raw.get("weight"), f"The weight of {name}")
    method = raw.get("method")
    if method not in METHODS:
        raise ValidationError(
            f"Sub-metric {name} has method {method!r}; choose {' or '.join(METHODS)}."
        )
    if method == "relative":
        return MetricConfig(weight, Normalisation("relative"))
    full = _number(raw.get("full"), f"The full-marks value of {name}")
    zero = _number(raw.get("zero"), f"The zero-marks value of {name}")
    if spec.higher_is_better and not full > zero:
        raise ValidationError(
            f"For {name} more is better, so its full-marks value ({full:g}) must be above "
            f"its zero-marks value ({zero:g})."
        )
    if not spec.higher_is_better and not full < zero:
        raise ValidationError(
            f"For {name} less is better, so its full-marks value ({full:g}) must be below "
            f"its zero-marks value ({zero:g})."
        )
    return MetricConfig(weight, Normalisation("target", full, zero))


def parse_config(raw: Mapping[str, Any], base: Mapping[str, Any] | None = None) -> ScoringConfig:
    """A checked configuration from JSON, `raw` laid over `base` (the built-in default)."""
    if not isinstance(raw, Mapping):
        raise ValidationError("A scoring configuration must be a JSON object.")
    data = merge(base or {}, raw)
    weights_raw = data.get("weights")
    if not isinstance(weights_raw, Mapping):
        raise ValidationError("A scoring configuration needs 'weights' for the four dimensions.")
    unknown = [name for name in weights_raw if name not in DIMENSIONS]
    if unknown:
        raise ValidationError(
            f"Unknown dimension {unknown[0]!r}; the dimensions are {', '.join(DIMENSIONS)}."
        )
    missing = [name for name in DIMENSIONS if name not in weights_raw]
    if missing:
        raise ValidationError(f"The weights lack the dimension {missing[0]}.")
    weights = {name: _number(weights_raw[name], f"The weight of {name}") for name in DIMENSIONS}
    _check_hundred(weights, "Dimension weights")
    metrics_raw = data.get("metrics")
    if not isinstance(metrics_raw, Mapping):
        raise ValidationError("A scoring configuration needs 'metrics' (the sub-metrics).")
    metrics = {name: _metric(name, value) for name, value in metrics_raw.items()}
    for name in METRICS:
        if name not in metrics:
            raise ValidationError(f"The scoring configuration lacks the sub-metric {name}.")
    for dimension in DIMENSIONS:
        members = {n: m.weight for n, m in metrics.items() if METRICS[n].dimension == dimension}
        _check_hundred(members, f"The sub-metric weights of {dimension}")
    liability = data.get("liability") or {}
    if not isinstance(liability, Mapping):
        raise ValidationError("'liability' in a scoring configuration must be an object.")
    only_missed = liability.get("blocking_delay_only_when_missed", False)
    if not isinstance(only_missed, bool):
        raise ValidationError("'blocking_delay_only_when_missed' must be true or false.")
    ordered = {name: metrics[name] for name in METRICS}
    return ScoringConfig(weights, ordered, only_missed)


def parse_weights(text: str, current: Mapping[str, float]) -> dict[str, float]:
    """Dimension weights from 'input=40,response=20,quality=20,collaboration=20'.

    Dimensions not named keep their `current` weight; the result must add up to 100.
    """
    weights = dict(current)
    named: set[str] = set()
    for part in text.replace("，", ",").split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        dimension = DIMENSION_ALIASES.get(key.strip().lower())
        if not sep or dimension is None:
            raise ValidationError(
                f"{part.strip()!r} is not a weight like input=40; the dimensions are "
                f"{', '.join(DIMENSIONS)}."
            )
        if dimension in named:
            raise ValidationError(f"The weight of {dimension} is given twice.")
        try:
            number = float(value)
        except ValueError:
            raise ValidationError(
                f"The weight of {dimension} must be a number, not {value!r}."
            ) from None
        if not math.isfinite(number):
            raise ValidationError(f"The weight of {dimension} must be a number, not {value!r}.")
        weights[dimension] = number
        named.add(dimension)
    if not named:
        raise ValidationError("Give weights like input=40,response=20,quality=20,collaboration=20.")
    _check_hundred(weights, "Weights")
    return weights
