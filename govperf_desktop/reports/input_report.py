"""部门投入度报告 as a document: hours by department and person, overtime, timeliness, response.

Sections: 各部门工时 (with the stacked bar chart of normal and overtime hours, each bar
labelled with its hours and hours share — the score charts' `dimension_bars_figure`),
人员工时, 任务时效 (every task on time or late, with the days charged to each department,
and the task timeline of the indicators page — `gantt.gantt_figure` — up to `GANTT_TASKS`),
超期说明 (the attribution sentences) and 响应时间 (task response in working days, replies to
@-mentions in working hours).
"""

from __future__ import annotations

from govperf_desktop.reports.document import (
    Column,
    Document,
    FigureBlock,
    Heading,
    Paragraph,
    Table,
)
from govperf_desktop.reports.gantt import GanttLabels, gantt_figure
from govperf_desktop.reports.report_data import InputReport
from govperf_desktop.reports.score_charts import dimension_bars_figure

PDF_PEOPLE = 300  # people listed in the PDF (all of them in the xlsx)
GANTT_TASKS = 40  # more bars than this would be too thin to read on a page
GANTT_WORDS = GanttLabels(
    title="任务时间线", deadline="截止日期", today="今天", late="超期",
    waiting="已通知,未开始", not_notified="未通知",
)  # fmt: skip


def _hours_chart(report: InputReport) -> FigureBlock:
    """Normal and overtime hours stacked per department, each bar labelled with its share."""
    departments = [d.department for d in report.departments]
    values = [[round(d.hours - d.overtime_hours, 2), round(d.overtime_hours, 2)]
              for d in report.departments]  # fmt: skip
    labels = {d.department: f"{d.hours:,.1f} 小时 · 占 {d.share:.1%}" for d in report.departments}

    def build():  # type: ignore[no-untyped-def]
        figure = dimension_bars_figure(
            departments, ["正常工时", "加班工时"], values,
            title="各部门工时及工时占比(含加班)", value_label="小时",
        )  # fmt: skip
        axes = figure.axes[0]
        for text in axes.texts:
            gid = text.get_gid() or ""
            if gid.startswith("total:"):
                text.set_text(labels[gid.removeprefix("total:")])
        low, high = axes.get_xlim()
        axes.set_xlim(low, high + (high - low) * 0.15)  # room for the longer labels
        return figure

    return FigureBlock(build, width_mm=170)


def _timeline_chart(report: InputReport) -> FigureBlock | None:
    """The Gantt chart of the indicators page: late parts coloured by whose delay it was."""
    if not report.timeline or len(report.timeline) > GANTT_TASKS or report.today is None:
        return None
    tasks, today, shares = report.timeline, report.today, dict(report.late_shares)

    def build():  # type: ignore[no-untyped-def]
        return gantt_figure(
            tasks, today=today, title=f"任务时间线:{report.indicator}", labels=GANTT_WORDS,
            departments=report.timeline_departments, late_shares=shares,
        )  # fmt: skip

    return FigureBlock(build, width_mm=180)


def input_document(report: InputReport) -> Document:
    # The indicator, its period, status and lead department stand under the title.
    summary = (
        f"统计期间:{report.header.period}    总工时:{report.total_hours:,.1f} 小时    "
        f"参与部门:{len(report.departments)}    填报人员:{len(report.people)}"
    )
    departments = Table(
        "各部门工时与加班", "部门工时",
        (
            Column("部门", width=2.2), Column("角色", width=1.1), Column("工时(小时)", "hours"),
            Column("工时占比", "percent"), Column("人数", "int", 0.7),
            Column("记录数", "int", 0.8), Column("加班工时", "hours"),
            Column("加班记录数", "int"),
        ),
        tuple(
            (d.department, d.role, d.hours, d.share, d.people, d.entries, d.overtime_hours,
             d.overtime_entries)
            for d in report.departments
        ),
        note="工时占比 = 部门工时 ÷ 本指标全部任务的工时(统计期间内)。",
    )  # fmt: skip
    people = Table(
        "人员工时", "人员工时",
        (
            Column("部门", width=2), Column("人员", width=1.2), Column("工时(小时)", "hours"),
            Column("记录数", "int"), Column("加班工时", "hours"), Column("加班记录数", "int"),
        ),
        tuple(
            (p.department, p.person, p.hours, p.entries, p.overtime_hours, p.overtime_entries)
            for p in report.people
        ),
        pdf_rows=PDF_PEOPLE,
    )  # fmt: skip
    tasks = Table(
        "任务时效", "任务时效",
        (
            Column("任务", width=1.3), Column("内容", width=2.6), Column("承担部门", width=1.6),
            Column("截止日期", "date", 1.2), Column("完成日期", "date", 1.2),
            Column("超期天数", "int", 0.8), Column("自身原因", "int", 0.8),
            Column("上游导致", "int", 0.8), Column("超期责任归属", width=2),
        ),
        tuple(
            (t.code, t.content, t.department, t.deadline, t.finished, t.days_late, t.own_days,
             t.caused_days, t.charged_to or "按时")
            for t in report.tasks
        ),
        note="完成日期为空:任务尚未完成,超期天数计至报告日。",
    )  # fmt: skip
    late = Table(
        "超期说明",
        "超期说明",
        (Column("任务", width=1.2), Column("说明", width=8)),
        tuple((t.code, t.explanation) for t in report.tasks if t.days_late),
    )
    responses = Table(
        "响应时间", "响应时间",
        (
            Column("部门", width=2.2), Column("响应任务数", "int"),
            Column("平均响应(工作日)", "decimal", 1.3), Column("被@提及次数", "int"),
            Column("平均回复(工作小时)", "decimal", 1.4), Column("未回复", "int", 0.8),
        ),
        tuple(
            (r.department, r.tasks, r.task_response_days, r.mentions, r.mention_reply_hours,
             r.unanswered)
            for r in report.responses
        ),
        note="响应:从收到任务(通知且上游成果已交付)到开始处理的工作日;回复:从被@提及到本部门"
        "首次回复的工作小时,未回复的计至报告时。",
    )  # fmt: skip
    blocks = [
        Paragraph(summary),
        Heading("一、部门投入"),
        departments,
    ]
    if report.departments:
        blocks.append(_hours_chart(report))
    blocks += [Heading("二、人员投入"), people, Heading("三、任务时效"), tasks]
    timeline = _timeline_chart(report)
    if timeline is not None:
        blocks.append(timeline)
    blocks += [late, Heading("四、响应时间"), responses]
    return Document(report.header, tuple(blocks))
