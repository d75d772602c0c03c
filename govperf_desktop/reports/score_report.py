"""考核评分报告 as a document: totals, dimensions, sub-metrics with evidence, deductions.

Sections: 总分 (each department's dimension points, deductions and total, with the stacked
bar chart — deductions as a negative segment — and the radar chart of `score_charts`),
维度与子指标明细 (raw value, points of available, and a short summary of the rows behind each
figure), 连带责任扣减 (rule, percentage, points, reason) and 超期责任归属 (the attribution
sentences). Every number is the score service's.
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
from govperf_desktop.reports.report_data import ScoreReport
from govperf_desktop.reports.score_charts import dimension_bars_figure, radar_figure

RADAR_DEPARTMENTS = 10  # a radar with more polygons than this is unreadable


def _charts(report: ScoreReport) -> list[FigureBlock]:
    names = [d.department for d in report.departments]
    labels = [*report.dimension_labels, "连带扣减"]
    values = [[*d.dimensions, -d.deducted] for d in report.departments]

    def bars():  # type: ignore[no-untyped-def]
        return dimension_bars_figure(
            names, labels, values, title="各部门得分(按维度,扣减为负)", value_label="分"
        )

    blocks = [FigureBlock(bars, width_mm=175)]
    if len(report.dimension_labels) >= 3:
        series = [(d.department, d.dimensions) for d in report.departments[:RADAR_DEPARTMENTS]]
        maxima = [max([w, *(d.available[i] for d in report.departments)])
                  for i, w in enumerate(report.dimension_weights)]  # fmt: skip

        def radar():  # type: ignore[no-untyped-def]
            return radar_figure(
                list(report.dimension_labels), series, maxima, title="维度得分雷达图"
            )

        blocks.append(FigureBlock(radar, width_mm=140))
    return blocks


def score_document(report: ScoreReport) -> Document:
    # The indicator, its period, status and lead department stand under the title.
    summary = f"统计期间:{report.header.period}\n{report.configuration}"
    dims = tuple(Column(label, "points", 0.9) for label in report.dimension_labels)
    totals = Table(
        "各部门得分", "总分",
        (Column("部门", width=2), Column("角色", width=0.9), *dims,
         Column("扣减前", "points", 0.9), Column("连带扣减", "points", 0.9),
         Column("总分", "points", 0.9)),
        tuple(
            (d.department, d.role, *d.dimensions, d.before, d.deducted, d.total)
            for d in report.departments
        ),
        note="各维度得分之和为扣减前得分;总分 = 扣减前得分 − 连带责任扣减。",
    )  # fmt: skip
    metrics = Table(
        "维度与子指标明细", "子指标明细",
        (Column("部门", width=1.5), Column("维度", width=1.1), Column("子指标", width=1.2),
         Column("原始值", width=1.2), Column("原始数值", "raw", in_pdf=False),
         Column("折算方法", width=2.3), Column("可得分", "points", 0.8),
         Column("得分", "points", 0.8), Column("依据", width=2.6)),
        tuple(
            (m.department, m.dimension, m.metric, m.value_text, m.value, m.computed,
             m.available, m.points, m.evidence)
            for m in report.metrics
        ),
        note="可得分:维度权重在本部门适用的子指标间分配后的分值;无数据的子指标不计分,"
        "其权重转给其他子指标。折算方法:原始值按评分配置折算为 0~1(与最佳部门相比,或按满分线"
        "与零分线),得分 = 折算值 × 可得分,按最大余数法取整到 0.01,使各项之和等于维度得分。",
    )  # fmt: skip
    deductions = Table(
        "连带责任扣减", "连带扣减",
        (Column("部门", width=1.4), Column("规则", width=1.4), Column("规则条文", width=2.2),
         Column("比例(%)", "decimal", 0.8), Column("扣减分", "points", 0.8),
         Column("原因", width=4)),
        tuple(
            (d.department, d.kind, d.rule, d.percent, d.points, d.reason)
            for d in report.deductions
        ),
    )  # fmt: skip
    attributions = Table(
        "超期责任归属",
        "超期归属",
        (Column("序号", "int", 0.6), Column("说明", width=9)),
        tuple((i, text) for i, text in enumerate(report.attributions, 1)),
    )
    blocks = [Paragraph(summary), Heading("一、总分"), totals]
    if report.departments:
        blocks += _charts(report)
    blocks += [
        Heading("二、维度与子指标明细"), metrics,
        Heading("三、连带责任扣减"), deductions,
        Heading("四、超期责任归属"), attributions,
    ]  # fmt: skip
    return Document(report.header, tuple(blocks))
