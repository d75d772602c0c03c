"""The task timeline (Gantt chart with dependencies) of one indicator, as a matplotlib Figure.

No pyplot and no Qt: the caller attaches a canvas (FigureCanvasQTAgg in the desktop, Agg for
a PDF or PNG). One row per task, top to bottom in the order given:

* a pale segment from notification to the start of work (the response time);
* a solid segment from the start of work to completion, or to `today` while the task is open
  (then drawn with a dashed outline);
* the part after the deadline (days late) hatched and outlined in red, coloured by the
  department the late days are charged to: by default the task's own department;
  `late_shares` (task code → [(department, days), ...], e.g. from delay attribution) splits
  it between departments in that order;
* a black tick at the end of the deadline day; a dashed line at today;
* an arrow from the end of each upstream task to the start of work of the task that depends
  on it (to the end of its waiting segment while it has not started).

Days are whole office dates: a bar runs from the start of its first day to the end of its last,
so a task completed on its deadline ends exactly on the deadline tick. Every drawn element
carries a `gid` ("work:QK-02", "late:QK-02:税务局", "dependency:QK-01->QK-02", ...) so tests and
exports can find it. Colours come from `department_colours`, stable for a list of departments.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from matplotlib import colormaps
from matplotlib import dates as mdates
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

ROW_HEIGHT = 0.6  # of the 1.0 between rows
FIGURE_WIDTH_IN = 10.0
ROW_INCHES = 0.42
BASE_INCHES = 1.6
LATE_EDGE = "#c62828"
DEADLINE_COLOUR = "#212121"
TODAY_COLOUR = "#1565c0"
ARROW_COLOUR = "#616161"
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class GanttTask:
    """One bar: a task's dates (office dates) and what it depends on (codes)."""

    code: str
    department: str
    content: str
    deadline: date | None
    notified: date | None
    started: date | None
    completed: date | None
    depends_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class GanttLabels:
    """The chart's words, so the caller can translate them."""

    title: str = "Task timeline"
    deadline: str = "deadline"
    today: str = "today"
    late: str = "days late"
    waiting: str = "notified, not started"
    not_notified: str = "not notified"


def department_colours(departments: Sequence[str]) -> dict[str, tuple[float, ...]]:
    """A distinct colour per department, in the order given (tab10, then tab20)."""
    palette = list(colormaps["tab10"].colors) + list(colormaps["tab20"].colors)[1::2]
    return {name: palette[i % len(palette)] for i, name in enumerate(dict.fromkeys(departments))}


def _x(day: date) -> float:
    return float(mdates.date2num(day))


def _late_segments(
    task: GanttTask, start: date, end: date, shares: Sequence[tuple[str, int]] | None
) -> list[tuple[str, float, float]]:
    """(department, x from, x to) of the late part from `start` to `end` (exclusive)."""
    length = (end - start).days
    parts = [(dept, days) for dept, days in shares or () if days > 0]
    if not parts:
        parts = [(task.department, length)]
    total = sum(days for _, days in parts)
    segments = []
    x = _x(start)
    for department, days in parts:
        width = length * days / total
        segments.append((department, x, x + width))
        x += width
    return segments


def gantt_figure(
    tasks: Sequence[GanttTask],
    *,
    today: date,
    title: str | None = None,
    labels: GanttLabels | None = None,
    departments: Sequence[str] = (),
    late_shares: Mapping[str, Sequence[tuple[str, int]]] | None = None,
) -> Figure:
    """The timeline of `tasks` (one row each, first at the top) as a new Figure.

    `departments` fixes the colour order (e.g. lead, cooperating, others); departments of
    tasks or of `late_shares` not listed get the next colours.
    """
    words = labels or GanttLabels()
    order = [*departments, *(t.department for t in tasks)]
    for shares in (late_shares or {}).values():
        order += [department for department, _ in shares]
    colours = department_colours(order)
    height = BASE_INCHES + ROW_INCHES * max(len(tasks), 1)
    figure = Figure(figsize=(FIGURE_WIDTH_IN, height), layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(title or words.title)

    rows = {task.code: row for row, task in enumerate(tasks)}
    bar_ends: dict[str, float] = {}
    work_starts: dict[str, float] = {}
    half = ROW_HEIGHT / 2
    low, high = today, today
    for row, task in enumerate(tasks):
        colour = colours[task.department]
        first = task.notified or task.started
        for day in (first, task.deadline, task.completed):
            if day is not None:
                low, high = min(low, day), max(high, day)
        if task.deadline is not None:
            x = _x(task.deadline + _ONE_DAY)
            axes.vlines(
                x, row - half - 0.08, row + half + 0.08, colors=DEADLINE_COLOUR, linewidth=2.2
            ).set_gid(f"deadline:{task.code}")
        if first is None:
            axes.text(
                _x(task.deadline or today), row, f"{words.not_notified}  ", va="center",
                ha="right", fontsize=8, color=ARROW_COLOUR,
            ).set_gid(f"pending:{task.code}")  # fmt: skip
            continue
        last = task.completed or today
        end = last + _ONE_DAY
        open_task = task.completed is None
        if task.notified is not None:
            waited_until = task.started or end
            if waited_until > task.notified:
                axes.barh(
                    row, _x(waited_until) - _x(task.notified), left=_x(task.notified),
                    height=ROW_HEIGHT * 0.55, color=colour, alpha=0.3, linewidth=0,
                ).patches[0].set_gid(f"wait:{task.code}")  # fmt: skip
        style = {"linestyle": "--", "edgecolor": colour} if open_task else {"linewidth": 0}
        if task.started is not None:
            work_starts[task.code] = _x(task.started)
            on_time_end = min(end, task.deadline + _ONE_DAY) if task.deadline else end
            if on_time_end > task.started:
                bar = axes.barh(
                    row, _x(on_time_end) - _x(task.started), left=_x(task.started),
                    height=ROW_HEIGHT, color=colour, alpha=0.85, **style,
                )  # fmt: skip
                bar.patches[0].set_gid(f"work:{task.code}")
        else:
            work_starts[task.code] = _x(end)  # not started: the arrow meets it still waiting
        if task.deadline is not None and end > task.deadline + _ONE_DAY:
            late_from = max(task.deadline + _ONE_DAY, task.started or first)
            shares = (late_shares or {}).get(task.code)
            for department, x_from, x_to in _late_segments(task, late_from, end, shares):
                bar = axes.barh(
                    row, x_to - x_from, left=x_from, height=ROW_HEIGHT,
                    color=colours[department], hatch="///", edgecolor=LATE_EDGE, linewidth=1.2,
                )  # fmt: skip
                bar.patches[0].set_gid(f"late:{task.code}:{department}")
        bar_ends[task.code] = _x(end)

    for task in tasks:
        for upstream in task.depends_on:
            if upstream not in rows or upstream not in bar_ends or task.code not in work_starts:
                continue
            arrow = axes.annotate(
                "", xy=(work_starts[task.code], rows[task.code]),
                xytext=(bar_ends[upstream], rows[upstream]),
                arrowprops={"arrowstyle": "-|>", "color": ARROW_COLOUR, "linewidth": 1.0,
                            "shrinkA": 0, "shrinkB": 2, "connectionstyle": "arc3,rad=-0.15"},
            )  # fmt: skip
            arrow.set_gid(f"dependency:{upstream}->{task.code}")

    axes.axvline(_x(today) + 0.5, color=TODAY_COLOUR, linestyle="--", linewidth=1.2).set_gid(
        "today"
    )
    axes.set_yticks(
        range(len(tasks)), [f"{task.code}  {task.department}" for task in tasks], fontsize=9
    )
    axes.set_ylim(len(tasks) - 0.4, -0.6)  # first task at the top
    axes.set_xlim(_x(low - 2 * _ONE_DAY), _x(high + 3 * _ONE_DAY))
    # Few ticks, slanted: the chart is often drawn narrow (a page's tab beside the task list).
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7, interval_multiples=False)
    axes.xaxis.set_major_locator(locator)
    # Numeric dates read the same in Chinese and English (no month names to translate).
    axes.xaxis.set_major_formatter(
        mdates.ConciseDateFormatter(
            locator,
            formats=["%Y", "%m-%d", "%m-%d", "%H:%M", "%H:%M", "%S.%f"],
            offset_formats=["", "%Y", "%Y", "%Y-%m-%d", "%Y-%m-%d", "%Y-%m-%d %H:%M"],
        )
    )
    axes.tick_params(axis="x", labelrotation=30, labelsize=8)
    axes.grid(axis="x", alpha=0.3)
    axes.set_axisbelow(True)

    shown = list(dict.fromkeys(task.department for task in tasks))
    for shares in (late_shares or {}).values():
        shown += [department for department, _ in shares if department not in shown]
    handles: list[Patch | Line2D] = [Patch(color=colours[name], label=name) for name in shown]
    handles += [
        Patch(facecolor="grey", alpha=0.3, label=words.waiting),
        Patch(facecolor="white", edgecolor=LATE_EDGE, hatch="///", label=words.late),
        Line2D([], [], color=DEADLINE_COLOUR, linewidth=2.2, label=words.deadline),
        Line2D([], [], color=TODAY_COLOUR, linestyle="--", label=words.today),
    ]
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    return figure
