"""The decomposition-table workbook's layout and its writer (template and export alike).

The layout — sheet names, Chinese column headers with English keys, widths, help texts, the
liability kinds' Chinese labels — lives in `resources/templates/decomposition.json`, so the
office can read it and the importer, the exporter and the empty template agree by
construction. `new_workbook` writes the formatted sheets (header style, widths, frozen header
row, cell formats, data-validation lists, a 说明 sheet explaining every column and a 部门 sheet
listing the known departments) and fills in rows when exporting; `save_workbook` writes it
atomically (temporary file, fsync, rename), so a pulled USB stick never leaves a half file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from govperf_desktop.domain.errors import NotFoundError, ValidationError
from govperf_desktop.services.decomposition_spec import (  # noqa: F401 (re-exported)
    ColumnSpec,
    SheetSpec,
    TemplateSpec,
    load_template,
)

DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
_REQUIRED_FILL = PatternFill("solid", fgColor="1F4E78")
_OPTIONAL_FILL = PatternFill("solid", fgColor="5B9BD5")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_THIN = Side(style="thin", color="9BB7D4")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


def _plain(value: Any) -> Any:
    """A value safe to put in a cell: text never becomes a formula or an illegal character."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _put(sheet: Worksheet, row: int, column: int, value: Any, spec: ColumnSpec) -> None:
    cell = sheet.cell(row=row, column=column, value=_plain(value))
    if isinstance(value, str):
        cell.data_type = "s"  # "=..." typed by a clerk is text, not a formula
    if spec.kind == "date":
        cell.number_format = DATE_FORMAT
    elif spec.kind != "percent":
        cell.number_format = TEXT_FORMAT
    if spec.kind in ("text", "items"):
        cell.alignment = _WRAP


def _header(sheet: Worksheet, spec: SheetSpec) -> None:
    for index, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if column.required else _OPTIONAL_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.comment = Comment(f"{column.help}\n例:{column.example}", "govperf")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.kind == "date":
            sheet.column_dimensions[letter].number_format = DATE_FORMAT
        elif column.kind != "percent":
            sheet.column_dimensions[letter].number_format = TEXT_FORMAT
    sheet.row_dimensions[1].height = 24
    sheet.freeze_panes = "A2"


def _validations(
    sheet: Worksheet, spec: SheetSpec, template: TemplateSpec, departments: int, last_row: int
) -> None:
    for index, column in enumerate(spec.columns, start=1):
        cells = f"{get_column_letter(index)}2:{get_column_letter(index)}{last_row}"
        rule = _validation(column, template, departments)
        if rule is not None:
            sheet.add_data_validation(rule)
            rule.add(cells)


def _validation(
    column: ColumnSpec, template: TemplateSpec, departments: int
) -> DataValidation | None:
    if column.kind == "date":
        return DataValidation(
            type="date",
            operator="greaterThan",
            formula1="36526",  # 2000-01-01
            allow_blank=True,
            errorTitle="日期格式不正确",
            error="请填写日期,如 2026-11-10。",
        )
    if column.kind == "percent":
        return DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2="100",
            allow_blank=True,
            errorTitle="扣减比例不正确",
            error="请填写0到100之间的数字。",
        )
    if column.kind == "liability_kind":
        labels = ",".join(template.liability_labels.values())
        return DataValidation(
            type="list",
            formula1=f'"{labels}"',
            allow_blank=True,
            errorTitle="类型不正确",
            error="请从下拉列表中选择连带责任类型。",
        )
    if column.kind == "recurrence":
        return DataValidation(
            type="list",
            formula1=f'"{",".join(template.recurrence_suggestions)}"',
            allow_blank=True,
            showErrorMessage=False,  # suggestions only: any rule from the 说明 sheet is fine
        )
    if column.kind == "department" and departments:
        source = f"{quote_sheetname(template.department_sheet)}!$A$2:$A${departments + 1}"
        return DataValidation(
            type="list",
            formula1=f"={source}",
            allow_blank=True,
            errorStyle="warning",
            errorTitle="部门不在列表中",
            error="该部门不在系统的部门列表中,导入时会被拒绝。",
        )
    return None


def _help_sheet(sheet: Worksheet, template: TemplateSpec) -> None:
    sheet.cell(row=1, column=1, value=f"{template.title} 填写说明").font = Font(bold=True, size=14)
    row = 2
    for note in template.notes:
        sheet.cell(row=row, column=1, value=note).alignment = Alignment(wrap_text=False)
        row += 1
    row += 1
    titles = ("工作表", "列名", "是否必填", "说明", "示例")
    for index, (title, width) in enumerate(zip(titles, (12, 14, 10, 80, 36), strict=True), 1):
        cell = sheet.cell(row=row, column=index, value=title)
        cell.font, cell.fill, cell.border = _HEADER_FONT, _REQUIRED_FILL, _BORDER
        sheet.column_dimensions[get_column_letter(index)].width = width
    for spec in template.sheets:
        for column in spec.columns:
            row += 1
            values = (spec.name, column.header, "必填" if column.required else "选填")
            for index, value in enumerate((*values, column.help, column.example), start=1):
                cell = sheet.cell(row=row, column=index, value=value)
                cell.data_type = "s"
                cell.alignment, cell.border = _WRAP, _BORDER


def new_workbook(
    template: TemplateSpec,
    departments: Sequence[str] = (),
    rows: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> Workbook:
    """A formatted workbook: the data sheets (filled with `rows[sheet key]`, each row a dict
    by column key), the 说明 sheet and the 部门 list."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in template.sheets:
        sheet = workbook.create_sheet(spec.name)
        _header(sheet, spec)
        data = (rows or {}).get(spec.key, ())
        for row_number, values in enumerate(data, start=2):
            for index, column in enumerate(spec.columns, start=1):
                value = values.get(column.key)
                if value is not None and value != "":
                    _put(sheet, row_number, index, value, column)
        last_row = 2 if spec.one_row else template.max_rows + 1
        _validations(sheet, spec, template, len(departments), last_row)
    _help_sheet(workbook.create_sheet(template.help_sheet), template)
    listing = workbook.create_sheet(template.department_sheet)
    listing.cell(row=1, column=1, value="部门名称").font = Font(bold=True)
    listing.column_dimensions["A"].width = 24
    for row_number, name in enumerate(departments, start=2):
        listing.cell(row=row_number, column=1, value=_plain(name)).data_type = "s"
    workbook.active = 0
    return workbook


def check_output_path(path: Path) -> None:
    if path.suffix.lower() != ".xlsx":
        raise ValidationError(f"Save the workbook under a name ending in .xlsx (got {path.name}).")
    if path.is_dir():
        raise ValidationError(f"{path} is a folder; name the .xlsx file to write.")
    if not path.parent.is_dir():
        raise NotFoundError(f"The folder {path.parent} does not exist.")


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Write atomically: a temporary file next to `path`, flushed to disk, then renamed."""
    check_output_path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".xlsx", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            workbook.save(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
