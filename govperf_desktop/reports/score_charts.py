"""Score figures of one indicator: departments' points stacked by dimension, and a radar.

No pyplot and no Qt: each function returns a new `matplotlib.figure.Figure`; the caller
attaches a canvas (FigureCanvasQTAgg in the desktop, Agg/PDF in a report) and sets up fonts
that can draw Chinese (ui/fonts.py). Every word on a figure comes in as an argument, already
translated.

* `dimension_bars_figure`: one horizontal bar per department (first at the top), one stacked
  segment per dimension (positive points to the right of zero, negative ones to the left),
  the total written at the end of each bar.
* `radar_figure`: one closed polygon per series (a department) on a spider chart with one
  spoke per dimension, each value drawn as its share of that dimension's maximum.

Drawn elements carry a `gid` so tests and exports can find them: "segment:<department>:<k>"
(k = dimension index), "total:<department>", "radar:<department>".
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib import colormaps
from matplotlib.figure import Figure

FIGURE_WIDTH_IN = 9.0
ROW_INCHES = 0.45
BASE_INCHES = 1.8
BAR_HEIGHT = 0.62
RADAR_INCHES = 5.2


def dimension_colours(count: int) -> list[tuple[float, ...]]:
    """A distinct colour per dimension, stable for a given order (tab10)."""
    palette = list(colormaps["tab10"].colors)
    return [palette[i % len(palette)] for i in range(count)]


def format_points(value: float) -> str:
    """Points as written on the charts: up to two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _check_lengths(name: str, items: Sequence[object], expected: int, what: str) -> None:
    if len(items) != expected:
        raise ValueError(f"{name} has {len(items)} entries but there are {expected} {what}.")


def dimension_bars_figure(
    departments: Sequence[str],
    dimensions: Sequence[str],
    values: Sequence[Sequence[float]],
    *,
    title: str,
    value_label: str,
) -> Figure:
    """Departments' points stacked by dimension; `values[d][k]` = department d, dimension k."""
    if not dimensions:
        raise ValueError("A score chart needs at least one dimension.")
    _check_lengths("values", values, len(departments), "departments")
    for department, row in zip(departments, values, strict=True):
        _check_lengths(f"values of {department}", row, len(dimensions), "dimensions")
    colours = dimension_colours(len(dimensions))
    height = BASE_INCHES + ROW_INCHES * max(len(departments), 1)
    figure = Figure(figsize=(FIGURE_WIDTH_IN, height), layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(title)
    totals = [float(sum(row)) for row in values]
    right_ends = [float(sum(v for v in row if v > 0)) for row in values]
    left_ends = [float(sum(v for v in row if v < 0)) for row in values]
    for k, dimension in enumerate(dimensions):
        positive_left = [0.0] * len(departments)
        negative_left = [0.0] * len(departments)
        for d, row in enumerate(values):
            for j in range(k):
                if row[j] > 0:
                    positive_left[d] += row[j]
                elif row[j] < 0:
                    negative_left[d] += row[j]
        widths = [float(row[k]) for row in values]
        lefts = [
            positive_left[d] if width >= 0 else negative_left[d] for d, width in enumerate(widths)
        ]
        bars = axes.barh(
            range(len(departments)), widths, left=lefts, height=BAR_HEIGHT,
            color=colours[k], label=dimension, edgecolor="white", linewidth=0.6,
        )  # fmt: skip
        for department, patch in zip(departments, bars.patches, strict=True):
            patch.set_gid(f"segment:{department}:{k}")
    span = max([*right_ends, 0.0]) - min([*left_ends, 0.0]) or 1.0
    for d, department in enumerate(departments):
        text = axes.text(
            right_ends[d] + span * 0.01, d, format_points(totals[d]), va="center", ha="left",
            fontsize=9,
        )  # fmt: skip
        text.set_gid(f"total:{department}")
    axes.set_yticks(range(len(departments)), list(departments), fontsize=9)
    axes.set_ylim(len(departments) - 0.4, -0.6)  # first department at the top
    axes.set_xlim(min([*left_ends, 0.0]) - span * 0.02, max([*right_ends, 0.0]) + span * 0.12)
    axes.axvline(0, color="#424242", linewidth=0.8)
    axes.set_xlabel(value_label)
    axes.grid(axis="x", alpha=0.3)
    axes.set_axisbelow(True)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    return figure


def radar_figure(
    dimensions: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    maxima: Sequence[float],
    *,
    title: str,
    legend: bool = True,
) -> Figure:
    """One polygon per (department, points per dimension), as shares of each maximum.

    A dimension whose maximum is zero or less draws as 0; shares are clipped to [0, 1].
    `legend=False` leaves the legend out (one department per figure, named in the title).
    """
    if len(dimensions) < 3:
        raise ValueError("A radar chart needs at least three dimensions.")
    _check_lengths("maxima", maxima, len(dimensions), "dimensions")
    for name, points in series:
        _check_lengths(f"points of {name}", points, len(dimensions), "dimensions")
    angles = [2 * math.pi * k / len(dimensions) for k in range(len(dimensions))]
    width = RADAR_INCHES + (1.6 if legend else 0.0)
    figure = Figure(figsize=(width, RADAR_INCHES), layout="constrained")
    axes = figure.add_subplot(projection="polar")
    axes.set_title(title)
    axes.set_theta_offset(math.pi / 2)
    axes.set_theta_direction(-1)
    palette = list(colormaps["tab10"].colors)
    for i, (name, points) in enumerate(series):
        shares = [
            min(max(value / maximum, 0.0), 1.0) if maximum > 0 else 0.0
            for value, maximum in zip(points, maxima, strict=True)
        ]
        colour = palette[i % len(palette)]
        (line,) = axes.plot(
            [*angles, angles[0]], [*shares, shares[0]], color=colour, linewidth=1.6, label=name
        )
        line.set_gid(f"radar:{name}")
        axes.fill([*angles, angles[0]], [*shares, shares[0]], color=colour, alpha=0.12)
    axes.set_xticks(angles, list(dimensions), fontsize=9)
    for label, angle in zip(axes.get_xticklabels(), angles, strict=True):
        across = math.sin(angle)  # clockwise from the top: > 0 right of centre, < 0 left
        label.set_horizontalalignment(
            "left" if across > 0.1 else "right" if across < -0.1 else "center"
        )
    axes.set_ylim(0, 1)
    axes.set_yticks([0.25, 0.5, 0.75, 1.0], ["25%", "50%", "75%", "100%"], fontsize=7)
    if series and legend:
        axes.legend(loc="upper left", bbox_to_anchor=(1.08, 1.0), fontsize=8)
    return figure
