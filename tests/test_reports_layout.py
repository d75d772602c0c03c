"""Report layout without a store: built from report data, written, opened and read back.

The period summary of many indicators (a province has 1,000) prints one row per department
instead of an unreadable 1,000-column grid; a summary without earlier periods has no trend;
PDF tables break pages with their heading repeated and keep numbers whole when they wrap;
the input report's chart labels each bar with its hours share; a workbook written without
a Chinese font leaves the charts out and says so.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from govperf_desktop.reports import cjk_font
from govperf_desktop.reports.document import Column, Document, FigureBlock, Table
from govperf_desktop.reports.input_report import input_document
from govperf_desktop.reports.render import build_document, render
from govperf_desktop.reports.report_data import (
    DepartmentHours,
    DepartmentSummary,
    IndicatorSummary,
    InputReport,
    ReportHeader,
    SummaryReport,
)
from govperf_desktop.reports.summary_report import PDF_MATRIX_LIMIT

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)
HEADER = ReportHeader(
    title="期间汇总报告", organisation="某市考核办", subject="期间汇总:全部指标",
    period="2026-Q4", generated_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
    installation="考核办(中心节点)",
)  # fmt: skip
DEPARTMENTS = ("民政局", "公安局", "税务局", "财政局")


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _summary(indicators: int, periods: tuple[str, ...] = ("2026-Q4",)) -> SummaryReport:
    """`indicators` indicators, each scored for every department: total = 90 - d - i/10."""
    cells = tuple(
        (d, i, round(90 - d - i / 10, 2))
        for d in range(len(DEPARTMENTS))
        for i in range(indicators)
    )
    names = [f"指标{i:03d}" for i in range(indicators)]
    departments = []
    for d, name in enumerate(DEPARTMENTS):
        totals = [t for dd, _, t in cells if dd == d]
        mean = round(sum(totals) / len(totals), 2)
        trend = (*([70.0 + d] * (len(periods) - 1)), mean)
        departments.append(
            DepartmentSummary(name, len(totals), mean, min(totals), max(totals), 0.0, trend)
        )
    return SummaryReport(
        header=HEADER,
        indicators=tuple(
            IndicatorSummary(n, "2026-Q4", "民政局", "进行中", 4, 88.5, "民政局", 90.0)
            for n in names
        ),
        departments=tuple(departments),
        cells=cells,
        periods=periods,
    )


@needs_poppler
def test_a_summary_of_many_indicators_lists_each_departments_scores(tmp_path) -> None:
    count = PDF_MATRIX_LIMIT + 16
    report = _summary(count)
    render(build_document(report), "pdf", tmp_path / "s.pdf")
    text = pdf_text(tmp_path / "s.pdf").replace(" ", "")
    assert "各部门参与指标的得分" in text and "完整的部门×指标矩阵" in text
    # 税务局 (third) is third on every indicator: "指标039 87.10(3/4)" with its rank.
    assert f"指标{count - 1:03d}{90 - 2 - (count - 1) / 10:.2f}(3/4)" in text.replace("\n", "")
    for department in DEPARTMENTS:
        assert department in text

    render(build_document(report), "xlsx", tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    assert book.sheetnames == ["报告信息", "部门汇总", "指标汇总", "部门×指标", "部门指标得分"]
    matrix = list(book["部门×指标"].iter_rows(min_row=3, values_only=True))
    assert len(matrix) == 4 and len(matrix[0]) == count + 1 and matrix[2][1] == 88.0
    listed = list(book["部门指标得分"].iter_rows(min_row=3, values_only=True))
    assert len(listed) == 4 * count and listed[0] == ("民政局", "指标000", 90.0, 1, 4)


def test_a_summary_without_earlier_periods_has_no_trend() -> None:
    document = build_document(_summary(3))
    assert not [b for b in document.blocks if isinstance(b, FigureBlock)]
    titles = [c.title for c in document.tables()[0].columns]
    assert "较上期" not in titles and not [t for t in titles if t.endswith("平均") and "-" in t]
    with_trend = build_document(_summary(3, ("2026-Q2", "2026-Q3", "2026-Q4")))
    titles = [c.title for c in with_trend.tables()[0].columns]
    assert titles[-3:] == ["2026-Q2 平均", "2026-Q3 平均", "较上期"]
    assert len([b for b in with_trend.blocks if isinstance(b, FigureBlock)]) == 1
    row = with_trend.tables()[0].rows[0]  # 民政局: 70 in the earlier quarters
    assert row[-3:-1] == (70.0, 70.0) and row[-1] == pytest.approx(row[2] - 70.0)


@needs_poppler
def test_long_tables_repeat_their_heading_and_keep_numbers_whole(tmp_path) -> None:
    rows = tuple((f"部门{i}", i * 1.5, "说明" * 10 + f" 12345.67 第{i}行") for i in range(150))
    table = Table(
        "长表", "长表", (Column("部门"), Column("工时", "hours"), Column("说明", width=0.6)), rows
    )
    render(Document(HEADER, (table,)), "pdf", tmp_path / "t.pdf")
    pages = pdf_text(tmp_path / "t.pdf").split("\f")[:-1]
    assert len(pages) > 3
    for page in pages:
        assert "部门" in page and "工时" in page and "说明" in page  # the heading, every page
    text = "".join(pages)
    assert text.count("12345.67") == 150  # wrapped before the number, never inside it
    assert all(f"{i * 1.5:,.1f}" in text for i in range(150))


def test_the_hours_chart_labels_each_bar_with_its_share() -> None:
    report = InputReport(
        header=HEADER, indicator="跨省通办", indicator_period="2026-Q4", status="进行中",
        lead_department="民政局", total_hours=200.0,
        departments=(
            DepartmentHours("民政局", "牵头", 150.0, 0.75, 10, 20.0, 3, 2),
            DepartmentHours("公安局", "配合", 50.0, 0.25, 5, 0.0, 0, 1),
        ),
        people=(), tasks=(), responses=(),
    )  # fmt: skip
    (chart,) = [b for b in input_document(report).blocks if isinstance(b, FigureBlock)]
    figure = chart.build()
    labels = {t.get_gid(): t.get_text() for t in figure.axes[0].texts}
    assert labels == {
        "total:民政局": "150.0 小时 · 占 75.0%",
        "total:公安局": "50.0 小时 · 占 25.0%",
    }
    assert figure.axes[0].get_title() == "各部门工时及工时占比(含加班)"


def test_a_workbook_without_a_chinese_font_leaves_the_charts_out(tmp_path, monkeypatch) -> None:
    from matplotlib import font_manager

    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(cjk_font, "resources_dir", lambda: tmp_path / "no-resources")
    cjk_font.find_cjk_font.cache_clear()
    try:
        render(build_document(_summary(3, ("2026-Q3", "2026-Q4"))), "xlsx", tmp_path / "s.xlsx")
    finally:
        cjk_font.find_cjk_font.cache_clear()
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    assert not any(sheet._images for sheet in book.worksheets)
    info = {r[0]: r[1] for r in book["报告信息"].iter_rows(values_only=True)}
    assert info["图表"].startswith("图表未生成:本机未安装中文字体")
    assert book["部门汇总"]["A3"].value == "民政局"  # the numbers are all there
