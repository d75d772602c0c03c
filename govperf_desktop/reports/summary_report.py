"""期间汇总报告 as a document: departments, indicators, departments × indicators, trends.

Sections: 部门汇总 (indicators taken part in, mean / lowest / highest total, deductions, the
mean total of each earlier period and the change against the last one, with a line chart of
the trend when there are earlier periods), 指标汇总 (status, participants, mean and best
total) and 部门×指标得分. The workbook holds the whole matrix on a sheet (department column
frozen) and, on another, one filterable row per (department, indicator) with the total and
its rank among the indicator's departments. The PDF prints the matrix in slices of
`MATRIX_COLUMNS` indicators when there are at most `PDF_MATRIX_LIMIT`; with more (a
province: 1,000 indicators, 300 departments) a 1,000-column grid is unreadable, so it prints
one row per department listing its indicators with total and rank.
"""

from __future__ import annotations

from matplotlib import colormaps
from matplotlib.figure import Figure

from govperf_desktop.reports.document import (
    Block,
    Cell,
    Column,
    Document,
    FigureBlock,
    Heading,
    Paragraph,
    Table,
)
from govperf_desktop.reports.report_data import SummaryReport

MATRIX_COLUMNS = 8
PDF_MATRIX_LIMIT = 24
TREND_LINES = 10


def trend_figure(periods: list[str], series: list[tuple[str, list[float | None]]]) -> Figure:
    """Mean total per period, one line per department (gaps where it was not scored)."""
    figure = Figure(figsize=(9.0, 4.2), layout="constrained")
    axes = figure.add_subplot()
    palette = list(colormaps["tab10"].colors)
    xs = list(range(len(periods)))
    for i, (name, values) in enumerate(series):
        points = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
        if points:
            axes.plot([p[0] for p in points], [p[1] for p in points], marker="o",
                      color=palette[i % len(palette)], label=name)  # fmt: skip
    axes.set_xticks(xs, periods, fontsize=9)
    axes.set_ylim(0, 105)
    axes.set_ylabel("平均总分")
    axes.set_title("各部门平均总分趋势")
    axes.grid(alpha=0.3)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    return figure


def _matrix(report: SummaryReport) -> list[tuple[Cell, ...]]:
    grid: list[list[Cell]] = [
        [d.department, *([None] * len(report.indicators))] for d in report.departments
    ]
    for department, indicator, total in report.cells:
        grid[department][indicator + 1] = total
    return [tuple(row) for row in grid]


def _ranks(report: SummaryReport) -> dict[tuple[int, int], tuple[int, int]]:
    """(department, indicator) → (rank among the indicator's departments, how many)."""
    totals: dict[int, list[float]] = {}
    for _, indicator, total in report.cells:
        totals.setdefault(indicator, []).append(total)
    return {
        (department, indicator): (1 + sum(t > total for t in totals[indicator]),
                                  len(totals[indicator]))
        for department, indicator, total in report.cells
    }  # fmt: skip


def _matrix_blocks(report: SummaryReport) -> list[Block]:
    names = [i.indicator for i in report.indicators]
    departments = [d.department for d in report.departments]
    rows = _matrix(report)
    ranks = _ranks(report)
    cells = sorted(report.cells)
    blocks: list[Block] = [
        Table(
            "部门×指标得分", "部门×指标",
            (Column("部门", width=2), *(Column(n, "points") for n in names)),
            tuple(rows), note="各部门在各指标的总分;空白:未参与该指标。", in_pdf=False,
            frozen_columns=1,
        ),
        Table(
            "部门×指标得分(逐项)", "部门指标得分",
            (Column("部门", width=2), Column("指标", width=4), Column("总分", "points"),
             Column("名次", "int"), Column("参与部门数", "int")),
            tuple((departments[d], names[i], total, *ranks[(d, i)]) for d, i, total in cells),
            note="每个部门参与的每项指标一行;名次:在该指标参与部门中按总分排列。可按部门筛选。",
            in_pdf=False,
        ),
    ]  # fmt: skip
    if len(names) <= PDF_MATRIX_LIMIT:
        for start in range(0, len(names), MATRIX_COLUMNS):
            chunk = names[start : start + MATRIX_COLUMNS]
            part = f"(第 {start + 1}–{start + len(chunk)} 项指标)" if len(names) > 8 else ""
            blocks.append(
                Table(
                    f"部门×指标得分{part}", "部门×指标",
                    (Column("部门", width=2), *(Column(n, "points") for n in chunk)),
                    tuple((r[0], *r[1 + start : 1 + start + len(chunk)]) for r in rows),
                    note="空白(—):未参与该指标。", in_xlsx=False,
                )
            )  # fmt: skip
        return blocks
    # Too many indicators for columns: one row per department, its indicators in a cell.
    listed: dict[int, list[str]] = {}
    for d, i, total in cells:
        rank, of = ranks[(d, i)]
        listed.setdefault(d, []).append(f"{names[i]} {total:.2f}({rank}/{of})")
    blocks.append(
        Table(
            "各部门参与指标的得分", "部门指标得分",
            (Column("部门", width=1.6), Column("指标数", "int", 0.6),
             Column("平均总分", "points", 0.7), Column("各指标总分(名次/参与部门数)", width=9)),
            tuple((departments[d], len(items), report.departments[d].mean_total,
                   ";".join(items)) for d, items in listed.items()),
            note="指标较多,不按列排布;完整的部门×指标矩阵和可筛选的逐项表见 Excel 版。",
            in_xlsx=False,
        )
    )  # fmt: skip
    return blocks


def summary_document(report: SummaryReport) -> Document:
    earlier = report.periods[:-1]
    trend_columns = tuple(Column(f"{p} 平均", "points") for p in earlier)
    change = (Column("较上期", "points"),) if earlier else ()
    rows = []
    for d in report.departments:
        before = d.trend[-2] if earlier else None
        delta = (round(d.mean_total - before, 2),) if earlier and before is not None else ()
        rows.append(
            (d.department, d.indicators, d.mean_total, d.lowest, d.highest, d.deducted,
             *d.trend[:-1], *(delta or ((None,) if earlier else ())))
        )  # fmt: skip
    departments = Table(
        "部门汇总", "部门汇总",
        (Column("部门", width=2), Column("参与指标数", "int"), Column("平均总分", "points"),
         Column("最低", "points"), Column("最高", "points"), Column("连带扣减合计", "points"),
         *trend_columns, *change),
        tuple(rows),
        note="平均总分:本期各指标总分的平均;往期列为同一部门在往期指标的平均总分。",
    )  # fmt: skip
    indicators = Table(
        "指标汇总", "指标汇总",
        (Column("指标", width=3), Column("指标期间", width=1.5), Column("牵头部门", width=1.6),
         Column("状态", width=0.8), Column("参与部门数", "int"), Column("平均总分", "points"),
         Column("最高部门", width=1.6), Column("最高分", "points")),
        tuple(
            (i.indicator, i.period, i.lead_department, i.status, i.participants, i.mean_total,
             i.best_department, i.best_total)
            for i in report.indicators
        ),
    )  # fmt: skip
    summary = (
        f"统计期间:{report.header.period}    指标:{len(report.indicators)} 项    "
        f"参与部门:{len(report.departments)} 个"
        + (f"\n趋势对比的往期:{'、'.join(earlier)}" if earlier else "\n无可对比的往期。")
    )
    blocks: list[Block] = [Paragraph(summary), Heading("一、部门汇总"), departments]
    if earlier and report.departments:
        busiest = sorted(report.departments, key=lambda d: (-d.indicators, d.department))
        series = [(d.department, list(d.trend)) for d in busiest[:TREND_LINES]]
        periods = list(report.periods)
        blocks.append(FigureBlock(lambda: trend_figure(periods, series), width_mm=200))
    blocks += [Heading("二、指标汇总"), indicators, Heading("三、部门×指标得分")]
    blocks += _matrix_blocks(report)
    return Document(report.header, tuple(blocks), landscape=True)
