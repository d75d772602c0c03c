"""A `Document` as an Excel workbook (openpyxl): one formatted sheet per table.

Sheet 1 (报告信息) holds the header: title, organisation, subject, period, generation time and
installation. Then each `Table` gets its own sheet, named by `Table.sheet` (Chinese, made
unique and cut to Excel's 31 characters): a note line when the table has one, a styled,
frozen heading row with a filter, numbers written as numbers with the column kind's number
format, dates as dates, and column widths set from the content (CJK characters count
double). The same cell values as the PDF: both come from the same `Table.rows`.

Charts: every `FigureBlock` of the document is drawn (the same matplotlib figure as in the
PDF and the desktop) and placed as a PNG picture on the sheet of the table before it — the
score bars and radar on 总分, the hours chart on 部门工时, the trend on 部门汇总 — to the
right of the table, one under the other. Without a Chinese font the workbook is still
written, with a line saying the charts were left out (they would print boxes).
"""

from __future__ import annotations

import io
import unicodedata
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from govperf_desktop.reports.chart_image import XLSX_DPI, draw_chart
from govperf_desktop.reports.cjk_font import NoCjkFontError, chinese_charts
from govperf_desktop.reports.document import KINDS, Document, FigureBlock, Table

HEADING_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADING_FONT = Font(bold=True)
THIN = Side(style="thin", color="BFBFBF")
HEADING_BORDER = Border(bottom=THIN, top=THIN, left=THIN, right=THIN)
MAX_WIDTH = 60
SCREEN_DPI = 96  # Excel's pixels per inch for a picture's size
ROW_PIXELS = 20  # a default row (15 pt) in pixels
CHART_INCHES = 7.5  # the widest a chart is shown in the workbook
NO_FONT_NOTE = "图表未生成:本机未安装中文字体(图表文字会显示为方框)。"
_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _sheet_name(name: str, used: set[str]) -> str:
    base = (name.translate(_FORBIDDEN).strip() or "Sheet")[:31]
    candidate, n = base, 2
    while candidate.casefold() in used:
        suffix = f"({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.casefold())
    return candidate


def _info_sheet(workbook: Workbook, document: Document) -> None:
    sheet = workbook.active
    sheet.title = "报告信息"
    header = document.header
    rows = [
        ("报告", header.title),
        ("组织", header.organisation),
        ("对象", header.subject),
        ("期间", header.period),
        ("生成时间(北京时间)", header.generated_at.replace(tzinfo=None)),
        ("生成节点", header.installation),
    ]
    for row in rows:
        sheet.append(row)
    for cell in sheet["A"]:
        cell.font = HEADING_FONT
        cell.fill = HEADING_FILL
    sheet["B5"].number_format = "yyyy-mm-dd hh:mm"
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = min(
        MAX_WIDTH, max(_width(str(value)) for _, value in rows) + 4
    )


def _table_sheet(workbook: Workbook, table: Table, name: str) -> Worksheet:
    sheet = workbook.create_sheet(name)
    first = 1
    if table.note:
        sheet.cell(1, 1, table.note).font = Font(italic=True, color="595959")
        first = 2
    widths = [_width(column.title) for column in table.columns]
    for index, column in enumerate(table.columns, 1):
        cell = sheet.cell(first, index, column.title)
        cell.font, cell.fill, cell.border = HEADING_FONT, HEADING_FILL, HEADING_BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for offset, values in enumerate(table.rows, 1):
        for index, (column, value) in enumerate(zip(table.columns, values, strict=True), 1):
            if value is None:
                continue  # an empty cell is no cell (the summary's matrix is mostly empty)
            cell = sheet.cell(first + offset, index, value)
            if isinstance(value, date):
                cell.number_format = KINDS["date"][1]
            elif column.kind != "text":
                cell.number_format = KINDS[column.kind][1]
            shown = column.text(value)
            widths[index - 1] = max(widths[index - 1], min(_width(shown), MAX_WIDTH))
            if column.kind == "text" and _width(shown) > MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = max(8, width + 3)
    sheet.freeze_panes = sheet.cell(first + 1, 1 + table.frozen_columns)
    if table.rows:
        last = get_column_letter(len(table.columns))
        sheet.auto_filter.ref = f"A{first}:{last}{first + len(table.rows)}"
    return sheet


def _place_charts(sheet: Worksheet, blocks: list[FigureBlock]) -> None:
    """Draw `blocks` and put them right of the sheet's table, one below the other."""
    column = get_column_letter(sheet.max_column + 2)
    row = 1
    for block in blocks:
        chart = draw_chart(block, XLSX_DPI)
        scale = min(1.0, CHART_INCHES / chart.width_in)
        picture = Image(io.BytesIO(chart.png()))
        picture.width = round(chart.width_in * scale * SCREEN_DPI)
        picture.height = round(chart.height_in * scale * SCREEN_DPI)
        sheet.add_image(picture, f"{column}{row}")
        row += picture.height // ROW_PIXELS + 2


def _charts(workbook: Workbook, placed: list[tuple[Worksheet, list[FigureBlock]]]) -> None:
    if not any(blocks for _, blocks in placed):
        return
    try:
        with chinese_charts():
            for sheet, blocks in placed:
                if blocks:
                    _place_charts(sheet, blocks)
    except NoCjkFontError:
        workbook["报告信息"].append(("图表", NO_FONT_NOTE))


def write_xlsx(document: Document, path: Path) -> None:
    """Write the document's tables into a new workbook at `path` (the caller makes it atomic)."""
    workbook = Workbook()
    _info_sheet(workbook, document)
    used = {"报告信息"}
    # Each figure goes on the sheet of the table before it (the first sheet if none).
    placed: list[tuple[Worksheet, list[FigureBlock]]] = [(workbook.active, [])]
    for block in document.blocks:
        if isinstance(block, Table) and block.in_xlsx:
            placed.append((_table_sheet(workbook, block, _sheet_name(block.sheet, used)), []))
        elif isinstance(block, FigureBlock):
            placed[-1][1].append(block)
    _charts(workbook, placed)
    workbook.save(path)
