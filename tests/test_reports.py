"""Reports as files: open every produced PDF and workbook and check what a reader sees.

The seed demo (as of 2026-11-20) is built once per module; docs/scoring.md works its
企业开办时间压缩 scores through by hand (100.00, 56.13, 17.83). PDF text is extracted with
pdftotext (poppler-utils, installed by run.sh), so the test proves the Chinese is real text;
workbooks are read back with openpyxl, charts included (the PNG pictures on their sheets).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from govperf_desktop.domain.calendar import OFFICE_ZONE
from govperf_desktop.services.admin import init_installation
from govperf_desktop.services.reports import input_report, summary_report, write_report
from govperf_desktop.services.scoring import score_all, score_indicator
from govperf_desktop.store.store import open_store

TODAY = date(2026, 11, 20)
NOW = datetime.combine(TODAY, time(23, 59), tzinfo=OFFICE_ZONE).astimezone(UTC)
INDICATOR = "企业开办时间压缩"
TODAY_ARG = ["--today", TODAY.isoformat()]

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


@pytest.fixture(scope="module")
def seed(tmp_path_factory):  # type: ignore[no-untyped-def]
    from govperf_desktop.services.demo.seed import build_seed_demo

    directory = tmp_path_factory.mktemp("seed") / "store"
    init_installation(directory, node_name="市考核办", role="central", now=NOW)
    store = open_store(directory)
    build_seed_demo(store, today=TODAY)
    yield store, directory
    store.close()


def pdf_text(path: Path, *, layout: bool = True) -> str:
    """The PDF's text, laid out as on the page (or, `layout=False`, in drawing order: a
    wrapped cell's lines one after the other)."""
    done = subprocess.run(
        ["pdftotext", "-layout" if layout else "-raw", str(path), "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def _write(store, kind: str, out: Path, **options):  # type: ignore[no-untyped-def]
    return write_report(store, kind, fmt=None, out=out, now=NOW, **options)


def english_words(text: str) -> set[str]:
    """Latin words of four letters or more: a Chinese report has none (codes like QK-02 and
    units like 'v1' are shorter)."""
    return set(re.findall(r"[A-Za-z]{4,}", text))


def charts(book: openpyxl.Workbook) -> dict[str, list[tuple[int, int, bytes]]]:
    """Sheet name → [(anchor column, anchor row, PNG bytes)] of the pictures on it."""
    found = {}
    for sheet in book.worksheets:
        pictures = [(i.anchor._from.col, i.anchor._from.row, i._data()) for i in sheet._images]
        if pictures:
            found[sheet.title] = pictures
    return found


@needs_poppler
def test_score_pdf_is_searchable_text_with_the_service_totals(seed, tmp_path) -> None:
    store, _ = seed
    written = _write(store, "score", tmp_path / "评分.pdf", indicator=INDICATOR)
    assert written.format == "pdf" and written.bytes > 10_000
    text = pdf_text(tmp_path / "评分.pdf")
    scores = score_indicator(store, INDICATOR, now=NOW)
    for result in scores.departments:
        assert result.department in text
        assert f"{result.total:.2f}" in text
        assert f"{result.total_before_deductions:.2f}" in text
    assert [r.total for r in scores.departments] == [100.0, 56.13, 17.83]
    assert "考核评分报告" in text and "市考核办(中心节点)" in text  # the producing node
    compact = text.replace(" ", "")  # pdftotext drops the spaces next to Chinese
    assert "生成时间2026-11-2023:59" in compact and "第1页/共3页" in compact
    assert "失职导致未达成" in text and "5.49" in text and "4.11" in text  # 税务局's deductions
    compact_text = pdf_text(tmp_path / "评分.pdf", layout=False).replace(" ", "").replace("\n", "")
    # 税务局's first submission lacked checklist items: the evidence summary, in Chinese.
    assert "提交1项,退回2次;缺少:需提供接口联调测试报告" in compact_text
    assert "16.6%÷最佳50.2%=0.330" in compact_text  # how its hours share became points
    assert "税务局的任务QK-02" in text  # an attribution sentence
    assert english_words(text) == set()  # Chinese throughout: no English sentence left
    fonts = subprocess.run(["pdffonts", str(tmp_path / "评分.pdf")], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    assert "CID TrueType" in fonts and "yes yes yes" in fonts  # embedded subset, ToUnicode


def test_score_xlsx_holds_the_same_numbers_as_numbers(seed, tmp_path) -> None:
    store, _ = seed
    _write(store, "score", tmp_path / "评分.xlsx", indicator=INDICATOR)
    book = openpyxl.load_workbook(tmp_path / "评分.xlsx")
    assert book.sheetnames == ["报告信息", "总分", "子指标明细", "连带扣减", "超期归属"]
    sheet = book["总分"]
    heading = [c.value for c in sheet[2]]  # row 1 is the note
    assert heading[:2] == ["部门", "角色"] and heading[-1] == "总分"
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    scores = score_indicator(store, INDICATOR, now=NOW)
    for result in scores.departments:
        row = rows[result.department]
        assert row[-1] == result.total and isinstance(row[-1], int | float)
        assert list(row[2:6]) == [d.points for d in result.dimensions]
    assert sheet.cell(3, len(heading)).number_format == "0.00"
    assert sheet.freeze_panes == "A3" and sheet.column_dimensions["A"].width >= 8
    deductions = list(book["连带扣减"].iter_rows(min_row=2, values_only=True))
    assert [(d[0], d[1], d[4]) for d in deductions] == [
        ("政务服务中心", "配合部门连带", 6.24),
        ("税务局", "失职导致未达成", 5.49),
        ("税务局", "延误阻塞他部门", 4.11),
    ]
    metrics = {(r[0], r[2]): r for r in book["子指标明细"].iter_rows(min_row=3, values_only=True)}
    share = metrics[("税务局", "工时占比")]
    assert share[3] == "16.6%" and share[4] == pytest.approx(52 / 314)
    assert share[5] == "16.6% ÷ 最佳 50.2% = 0.330" and share[6:8] == (21.0, 6.93)
    missing = "提交1项,退回2次;缺少:需提供接口联调测试报告、需附数据安全评估意见"
    assert metrics[("税务局", "一次通过率")][8] == missing
    words = " ".join(v for r in metrics.values() for v in r if isinstance(v, str))
    assert english_words(words) == set()
    info = {r[0]: r[1] for r in book["报告信息"].iter_rows(values_only=True)}
    assert info["生成节点"] == "市考核办(中心节点)" and info["报告"] == "考核评分报告"
    # The stacked bars and the radar, as on the scores page, right of the totals table.
    pictures = charts(book)
    assert list(pictures) == ["总分"] and len(pictures["总分"]) == 2
    (bars_col, bars_row, bars), (radar_col, radar_row, radar) = pictures["总分"]
    assert bars.startswith(b"\x89PNG") and radar.startswith(b"\x89PNG")
    assert bars_col >= len(heading) and bars_row == 0 and radar_col == bars_col < radar_row
    with zipfile.ZipFile(tmp_path / "评分.xlsx") as archive:
        assert len([n for n in archive.namelist() if n.startswith("xl/media/")]) == 2


@needs_poppler
def test_input_report_pdf_and_xlsx_agree_with_the_sql_sums(seed, tmp_path) -> None:
    store, _ = seed
    report = input_report(store, INDICATOR, now=NOW)
    hours = {d.department: d.hours for d in report.departments}
    assert hours == {"市场监管局": 157.5, "政务服务中心": 104.5, "税务局": 52.0}
    assert report.total_hours == 314.0
    assert sum(p.hours for p in report.people) == 314.0
    late = {t.code: (t.days_late, t.charged_to) for t in report.tasks if t.days_late}
    assert late == {"QK-02": (14, "税务局 14天"), "QK-04": (9, "税务局 9天")}
    # The timeline chart: every task, the late days coloured by whose delay they were.
    assert sorted(t.code for t in report.timeline) == ["QK-01", "QK-02", "QK-03", "QK-04"]
    assert dict(report.late_shares) == {"QK-02": (("税务局", 14),), "QK-04": (("税务局", 9),)}

    _write(store, "input", tmp_path / "投入.pdf", indicator=INDICATOR)
    text = pdf_text(tmp_path / "投入.pdf")
    for department in report.departments:
        assert department.department in text and f"{department.hours:,.1f}" in text
    assert "部门投入度报告" in text and "50.2%" in text  # 市场监管局's share of the hours
    for person in report.people:
        assert person.person in text

    _write(store, "input", tmp_path / "投入.xlsx", indicator=INDICATOR)
    book = openpyxl.load_workbook(tmp_path / "投入.xlsx")
    assert {"部门工时", "人员工时", "任务时效", "超期说明", "响应时间"} <= set(book.sheetnames)
    rows = list(book["部门工时"].iter_rows(min_row=3, values_only=True))
    assert {r[0]: r[2] for r in rows} == hours
    share = next(r[3] for r in rows if r[0] == "市场监管局")
    assert share == pytest.approx(157.5 / 314) and book["部门工时"]["D3"].number_format == "0.0%"
    tasks = {r[0]: r for r in book["任务时效"].iter_rows(min_row=3, values_only=True)}
    assert tasks["QK-02"][5] == 14 and isinstance(tasks["QK-02"][3], datetime)
    pictures = charts(book)  # the hours chart, and the task timeline of the indicators page
    assert {name: len(p) for name, p in pictures.items()} == {"部门工时": 1, "任务时效": 1}


@needs_poppler
def test_summary_with_trends_matches_the_scores_of_its_indicators(seed, tmp_path) -> None:
    store, _ = seed
    report = summary_report(store, now=NOW, period="2026-11")
    assert report.periods[-1] == "2026-11" and len(report.periods) > 1  # earlier months
    ids = [s.indicator_id for s in score_all(store, now=NOW, period="2026-11")
           if s.indicator in {i.indicator for i in report.indicators}]  # fmt: skip
    expected = {
        (r.department, s.indicator): r.total
        for s in score_all(store, now=NOW, period="2026-11", indicator_ids=ids)
        for r in s.departments
    }
    names = [d.department for d in report.departments]
    indicators = [i.indicator for i in report.indicators]
    assert {(names[d], indicators[i]): t for d, i, t in report.cells} == expected

    _write(store, "summary", tmp_path / "汇总.xlsx", period="2026-11")
    book = openpyxl.load_workbook(tmp_path / "汇总.xlsx")
    matrix = book["部门×指标"]
    heading = [c.value for c in matrix[2]]
    assert heading[1:] == indicators
    for row in matrix.iter_rows(min_row=3, values_only=True):
        for name, value in zip(indicators, row[1:], strict=True):
            assert value == expected.get((row[0], name))
    assert "2026-10 平均" in [c.value for c in book["部门汇总"][2]]
    assert "部门汇总" in charts(book)  # the trend chart
    assert matrix.freeze_panes == "B3"  # the department column stays in view
    listed = list(book["部门指标得分"].iter_rows(min_row=3, values_only=True))
    assert {(r[0], r[1]): r[2] for r in listed} == expected
    for _, indicator, total, rank, participants in listed:
        others = [t for (_, i), t in expected.items() if i == indicator]
        assert participants == len(others) and rank == 1 + sum(t > total for t in others)

    _write(store, "summary", tmp_path / "汇总.pdf", period="2026-11")
    text = pdf_text(tmp_path / "汇总.pdf")
    assert "期间汇总报告" in text and "各部门平均总分趋势" not in text  # the chart is an image
    for (department, _), total in expected.items():
        assert department in text and f"{total:.2f}" in text


@needs_poppler
def test_pages_render_to_images(seed, tmp_path) -> None:
    store, _ = seed
    _write(store, "score", tmp_path / "s.pdf", indicator=INDICATOR)
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(tmp_path / "s.pdf"),
                    str(tmp_path / "page")], check=True)  # fmt: skip
    assert (tmp_path / "page-1.png").stat().st_size > 5_000
