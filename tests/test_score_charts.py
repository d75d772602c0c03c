"""Score figures (reports/score_charts.py): stacked dimension bars and the radar."""

from __future__ import annotations

import io
import math
import subprocess
import sys
import warnings

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from govperf_desktop.reports.score_charts import (
    dimension_bars_figure,
    format_points,
    radar_figure,
)

DIMENSIONS = ("投入度", "响应速度", "任务完成质量", "协作贡献度")
DEPARTMENTS = ("市场监管局", "税务局", "公安局")
VALUES = ((30.0, 20.0, 25.5, 10.0), (12.0, 8.0, 30.0, 0.0), (5.0, 5.0, 5.0, 5.0))


def _artists(figure: Figure) -> dict[str, object]:
    return {a.get_gid(): a for a in figure.axes[0].findobj() if a.get_gid()}


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Glyph .* missing from font")  # no CJK font here
        FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


def test_bars_are_stacked_by_dimension_with_totals() -> None:
    figure = dimension_bars_figure(
        DEPARTMENTS, DIMENSIONS, VALUES, title="企业开办时间压缩", value_label="得分"
    )
    axes = figure.axes[0]
    found = _artists(figure)
    assert axes.get_title() == "企业开办时间压缩"
    assert axes.get_xlabel() == "得分"
    assert [t.get_text() for t in axes.get_yticklabels()] == list(DEPARTMENTS)
    for d, department in enumerate(DEPARTMENTS):
        left = 0.0
        for k in range(len(DIMENSIONS)):
            patch = found[f"segment:{department}:{k}"]
            assert patch.get_width() == pytest.approx(VALUES[d][k])
            assert patch.get_x() == pytest.approx(left)
            assert patch.get_y() + patch.get_height() / 2 == pytest.approx(d)
            left += VALUES[d][k]
        total = found[f"total:{department}"]
        assert total.get_text() == format_points(sum(VALUES[d]))
        assert total.get_position()[0] >= left
    assert [t.get_text() for t in axes.get_legend().get_texts()] == list(DIMENSIONS)
    texts = [t.get_text() for t in axes.texts]
    assert texts == ["85.5", "50", "20"]
    # all segments of one dimension share a colour; dimensions differ
    colours = {found[f"segment:{d}:0"].get_facecolor() for d in DEPARTMENTS}
    assert len(colours) == 1
    assert found["segment:税务局:0"].get_facecolor() != found["segment:税务局:1"].get_facecolor()
    assert _png(figure).startswith(b"\x89PNG")


def test_negative_points_stack_left_of_zero() -> None:
    figure = dimension_bars_figure(
        ("甲",), ("a", "b", "c"), ((10.0, -4.0, 6.0),), title="t", value_label="v"
    )
    found = _artists(figure)
    assert found["segment:甲:1"].get_x() == pytest.approx(0.0)
    assert found["segment:甲:1"].get_width() == pytest.approx(-4.0)
    assert found["segment:甲:2"].get_x() == pytest.approx(10.0)
    assert found["total:甲"].get_text() == "12"


def test_no_departments_draws_an_empty_chart() -> None:
    figure = dimension_bars_figure((), DIMENSIONS, (), title="空", value_label="v")
    assert len(figure.axes[0].texts) == 0
    assert _png(figure).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("departments", "values", "message"),
    [
        (("甲", "乙"), ((1.0, 2.0, 3.0, 4.0),), "values has 1 entries but there are 2 departments"),
        (("甲",), ((1.0, 2.0),), "values of 甲 has 2 entries but there are 4 dimensions"),
    ],
)
def test_bars_refuse_mismatched_lengths(departments, values, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message):
        dimension_bars_figure(departments, DIMENSIONS, values, title="t", value_label="v")


def test_bars_refuse_no_dimensions() -> None:
    with pytest.raises(ValueError, match="at least one dimension"):
        dimension_bars_figure(("甲",), (), ((),), title="t", value_label="v")


def test_radar_draws_shares_of_each_maximum() -> None:
    maxima = (40.0, 20.0, 30.0, 10.0)
    series = [(DEPARTMENTS[0], VALUES[0]), (DEPARTMENTS[1], VALUES[1])]
    figure = radar_figure(DIMENSIONS, series, maxima, title="雷达")
    axes = figure.axes[0]
    found = _artists(figure)
    assert axes.name == "polar"
    assert axes.get_title() == "雷达"
    assert [t.get_text() for t in axes.get_xticklabels()] == list(DIMENSIONS)
    line = found["radar:市场监管局"]
    angles, radii = line.get_data()
    assert list(radii) == pytest.approx([0.75, 1.0, 0.85, 1.0, 0.75])  # closed polygon
    assert angles[0] == pytest.approx(0.0)
    assert angles[1] == pytest.approx(math.pi / 2)
    assert list(found["radar:税务局"].get_data()[1]) == pytest.approx([0.3, 0.4, 1.0, 0.0, 0.3])
    assert [t.get_text() for t in axes.get_legend().get_texts()] == ["市场监管局", "税务局"]
    assert _png(figure).startswith(b"\x89PNG")


def test_radar_clips_and_handles_zero_maxima() -> None:
    figure = radar_figure(
        ("a", "b", "c"), [("甲", (50.0, -1.0, 3.0))], (10.0, 10.0, 0.0), title="t"
    )
    assert list(_artists(figure)["radar:甲"].get_data()[1]) == pytest.approx([1.0, 0.0, 0.0, 1.0])


def test_radar_without_legend() -> None:
    figure = radar_figure(
        DIMENSIONS, [("甲", (1.0, 2.0, 3.0, 4.0))], (4.0,) * 4, title="甲", legend=False
    )
    assert figure.axes[0].get_legend() is None
    assert "radar:甲" in _artists(figure)


def test_radar_refusals() -> None:
    with pytest.raises(ValueError, match="at least three dimensions"):
        radar_figure(("a", "b"), [], (1.0, 1.0), title="t")
    with pytest.raises(ValueError, match="maxima has 3 entries but there are 4 dimensions"):
        radar_figure(DIMENSIONS, [], (1.0, 1.0, 1.0), title="t")
    with pytest.raises(ValueError, match="points of 甲 has 3 entries but there are 4 dimensions"):
        radar_figure(DIMENSIONS, [("甲", (1.0, 2.0, 3.0))], (1.0,) * 4, title="t")


def test_format_points() -> None:
    assert format_points(85.5) == "85.5"
    assert format_points(50.0) == "50"
    assert format_points(12.345) == "12.35"
    assert format_points(-0.001) == "0"


def test_the_figure_module_uses_no_pyplot_and_no_qt() -> None:
    code = (
        "import sys, govperf_desktop.reports.score_charts\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
