"""The task timeline: the Gantt figure (reports/gantt.py) and its data (services/timeline.py)."""

from __future__ import annotations

import io
import subprocess
import sys
import warnings
from datetime import date

import pytest
from conftest import NOW
from flow_office import beijing, build_office
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba

from govperf_desktop.domain.errors import NotFoundError
from govperf_desktop.reports.gantt import GanttLabels, GanttTask, department_colours, gantt_figure
from govperf_desktop.services.taskflow import (
    accept_output,
    complete_task,
    notify_indicator,
    start_task,
    submit_output,
)
from govperf_desktop.services.timeline import indicator_timeline, timeline_figure

TODAY = date(2026, 11, 20)
TASKS = (
    # on time: notified 1st, started 2nd, completed 8th, deadline 10th
    GanttTask("MZ-1", "民政局", "收集事项清单", date(2026, 11, 10), date(2026, 11, 1),
              date(2026, 11, 2), date(2026, 11, 8)),
    # late by 3 days: deadline 15th, completed 18th
    GanttTask("GA-1", "公安局", "对接异地公安系统", date(2026, 11, 15), date(2026, 11, 1),
              date(2026, 11, 9), date(2026, 11, 18), depends_on=("MZ-1",)),
    # open and late: deadline 17th, today 20th
    GanttTask("SB-1", "社保局", "测试跨省通办流程", date(2026, 11, 17), date(2026, 11, 1),
              date(2026, 11, 16), None, depends_on=("GA-1",)),
    # notified, not started
    GanttTask("SB-2", "社保局", "总结", date(2026, 11, 30), date(2026, 11, 1), None, None,
              depends_on=("SB-1",)),
    # not notified yet
    GanttTask("MZ-2", "民政局", "公告", date(2026, 12, 5), None, None, None),
)  # fmt: skip


def _artists(figure):  # type: ignore[no-untyped-def]
    return {a.get_gid(): a for a in figure.axes[0].findobj() if a.get_gid()}


def _span(patch) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    return patch.get_x(), patch.get_x() + patch.get_width()


def test_bars_deadlines_late_parts_and_arrows() -> None:
    figure = gantt_figure(TASKS, today=TODAY, title="政务服务跨省通办")
    found = _artists(figure)
    assert figure.axes[0].get_title() == "政务服务跨省通办"
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == [
        "MZ-1  民政局", "GA-1  公安局", "SB-1  社保局", "SB-2  社保局", "MZ-2  民政局",
    ]  # fmt: skip

    colours = department_colours(["民政局", "公安局", "社保局"])
    # MZ-1: on time, no late part; the bar ends at the end of its completion day.
    start, end = _span(found["work:MZ-1"])
    assert end - start == 7  # 2nd to 8th inclusive
    assert "late:MZ-1:民政局" not in found
    # GA-1: 3 days late, in its own department's colour, hatched and outlined in red.
    late = found["late:GA-1:公安局"]
    assert _span(late)[1] - _span(late)[0] == pytest.approx(3)
    assert _span(found["work:GA-1"])[1] == _span(late)[0]
    assert late.get_facecolor() == pytest.approx(to_rgba(colours["公安局"]))
    assert late.get_hatch() == "///"
    # SB-1 is open: its bar runs to today (3 days past the deadline), dashed.
    assert _span(found["late:SB-1:社保局"])[1] - _span(found["late:SB-1:社保局"])[0] == 3
    assert found["work:SB-1"].get_linestyle() == "--"
    # SB-2 waits: a pale segment from notification to today, no work bar.
    assert "wait:SB-2" in found and "work:SB-2" not in found
    assert "pending:MZ-2" in found and "wait:MZ-2" not in found
    # A deadline tick per dated task, at the end of the deadline day.
    deadline = found["deadline:GA-1"].get_segments()[0]
    assert deadline[0][0] == _span(late)[0]
    # Dependencies: from the end of the upstream bar to the start of the work.
    arrows = {gid for gid in found if gid.startswith("dependency:")}
    assert arrows == {"dependency:MZ-1->GA-1", "dependency:GA-1->SB-1", "dependency:SB-1->SB-2"}
    assert "today" in found


def test_late_days_split_by_an_attribution_mapping() -> None:
    figure = gantt_figure(TASKS, today=TODAY, late_shares={"GA-1": [("民政局", 2), ("公安局", 1)]})
    found = _artists(figure)
    blamed, own = found["late:GA-1:民政局"], found["late:GA-1:公安局"]
    assert _span(blamed)[1] - _span(blamed)[0] == pytest.approx(2)
    assert _span(own)[0] == pytest.approx(_span(blamed)[1])
    assert _span(own)[1] - _span(own)[0] == pytest.approx(1)
    colours = department_colours(["民政局", "公安局", "社保局"])
    assert blamed.get_facecolor() == pytest.approx(to_rgba(colours["民政局"]))


def test_labels_are_the_callers_words_and_chinese_renders() -> None:
    words = GanttLabels(title="任务时间线", deadline="截止日期", today="今天", late="超期天数",
                        waiting="已通知未开始", not_notified="未通知")  # fmt: skip
    figure = gantt_figure(TASKS, today=TODAY, labels=words)
    legend = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
    assert legend == ["民政局", "公安局", "社保局", "已通知未开始", "超期天数", "截止日期", "今天"]
    assert figure.axes[0].get_title() == "任务时间线"
    FigureCanvasAgg(figure)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = io.BytesIO()
        figure.savefig(png, format="png", dpi=60)
    assert png.getvalue().startswith(b"\x89PNG")
    from matplotlib import font_manager

    families = {font.name for font in font_manager.fontManager.ttflist}
    if families & {"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei"}:
        from govperf_desktop.ui.fonts import setup_matplotlib_fonts

        setup_matplotlib_fonts()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            gantt_figure(TASKS, today=TODAY, labels=words).savefig(io.BytesIO(), format="png")
        assert not [w for w in caught if "missing from font" in str(w.message)]


def test_an_empty_timeline_still_draws() -> None:
    figure = gantt_figure((), today=TODAY)
    FigureCanvasAgg(figure)
    figure.savefig(io.BytesIO(), format="png", dpi=50)
    assert figure.axes[0].get_title() == "Task timeline"


def test_the_figure_module_uses_no_pyplot_and_no_qt() -> None:
    code = (
        "import sys, govperf_desktop.reports.gantt\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_timeline_reads_each_tasks_flow_dates(store) -> None:  # type: ignore[no-untyped-def]
    office = build_office(store, NOW)
    notify_indicator(store, office.indicator_id, person="杨帆", now=beijing(2026, 11, 2, 9))
    start_task(store, "MZ-1", person="朱丽华", indicator=office.indicator_id,
               now=beijing(2026, 11, 3, 10))  # fmt: skip
    submit_output(store, "MZ-1", person="朱丽华", indicator=office.indicator_id,
                  items=("事项清单", "居民身份证信息"), now=beijing(2026, 11, 9, 16))  # fmt: skip
    accept_output(store, "MZ-1", person="杨帆", indicator=office.indicator_id,
                  now=beijing(2026, 11, 10, 9))  # fmt: skip
    complete_task(store, "MZ-1", person="杨帆", indicator=office.indicator_id,
                  now=beijing(2026, 11, 11, 8, 30))  # fmt: skip

    timeline = indicator_timeline(store, "政务服务跨省通办")
    assert timeline.departments == ("民政局", "公安局", "社保局")
    by_code = {task.code: task for task in timeline.tasks}
    assert [task.code for task in timeline.tasks] == ["MZ-1", "GA-1", "SB-1"]
    assert by_code["MZ-1"] == GanttTask(
        "MZ-1", "民政局", "收集事项清单", date(2026, 11, 10),
        notified=date(2026, 11, 2), started=date(2026, 11, 3), completed=date(2026, 11, 11),
    )  # fmt: skip
    assert by_code["GA-1"].started is None and by_code["GA-1"].depends_on == ("MZ-1",)

    figure = timeline_figure(store, office.indicator_id, today=date(2026, 11, 20))
    found = _artists(figure)
    assert figure.axes[0].get_title() == "政务服务跨省通办"
    assert "late:MZ-1:民政局" in found  # completed the day after its deadline
    assert "wait:GA-1" in found


def test_timeline_of_an_unknown_indicator_is_refused(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match="Unknown indicator '不存在'"):
        indicator_timeline(store, "不存在")
