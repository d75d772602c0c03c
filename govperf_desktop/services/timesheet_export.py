"""Exporting timesheets to CSV or Excel (.xlsx), filtered, streamed from SQL in batches.

CSV is UTF-8 with a BOM so Excel opens the Chinese text correctly; Excel files have numbers
as numbers, dates as dates, Chinese headers and a frozen header row, written with openpyxl's
write-only mode. Rows come from one query read in batches (`yield_per`), so an export of a
province's year never holds the table in memory. The file appears only when complete (a
temporary file renamed into place). Text that a spreadsheet would run as a formula (starting
with = + - @) is written as text; the import reads both forms back unchanged, so an export
imports again into the same entries.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.timesheet_columns import FORMULA_STARTS
from govperf_desktop.services import lookup
from govperf_desktop.store.models import Department, Indicator, Person, Task, TimesheetEntry
from govperf_desktop.store.store import Store

FORMATS = ("csv", "xlsx")
BATCH = 5000
HEADERS = (
    "日期",
    "姓名",
    "部门",
    "指标",
    "指标周期",
    "任务编号",
    "任务内容",
    "工时",
    "加班",
    "备注",
)
COLUMN_WIDTHS = (12, 10, 16, 28, 10, 12, 36, 8, 8, 30)
DATE_COLUMN, HOURS_COLUMNS = 0, (7, 8)


@dataclass(frozen=True)
class ExportResult:
    path: str
    format: str
    rows: int
    hours: float


def _query(
    session: Session,
    *,
    department: str | None,
    person: str | None,
    date_from: date | None,
    date_to: date | None,
    indicator: str | None,
) -> Select:
    query = (
        select(
            TimesheetEntry.work_date,
            Person.name,
            Department.name,
            Indicator.name,
            Indicator.period,
            Task.code,
            Task.content,
            TimesheetEntry.hours,
            TimesheetEntry.overtime,
            TimesheetEntry.note,
        )
        .join(Person, Person.id == TimesheetEntry.person_id)
        .join(Department, Department.id == TimesheetEntry.department_id)
        .join(Task, Task.id == TimesheetEntry.task_id)
        .join(Indicator, Indicator.id == Task.indicator_id)
        .order_by(TimesheetEntry.work_date, TimesheetEntry.department_id, TimesheetEntry.id)
    )
    if department:
        query = query.where(
            TimesheetEntry.department_id == lookup.department(session, department).id
        )
    if person:
        query = query.where(TimesheetEntry.person_id == lookup.person(session, person).id)
    if indicator:
        query = query.where(Task.indicator_id == lookup.indicator(session, indicator).id)
    if date_from:
        query = query.where(TimesheetEntry.work_date >= date_from)
    if date_to:
        query = query.where(TimesheetEntry.work_date <= date_to)
    return query


def _rows(session: Session, query: Select) -> Iterator[tuple]:
    for batch in session.execute(query.execution_options(yield_per=BATCH)).partitions():
        yield from batch


def _safe_text(value: str | None) -> str:
    """Text a spreadsheet will not run as a formula (see `cell_text` on the way back in)."""
    if value and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value or ""


def _write_csv(handle_path: Path, rows: Iterator[tuple]) -> tuple[int, float]:
    count, hours = 0, 0.0
    with handle_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for work_date, *texts, worked, overtime, note in rows:
            writer.writerow(
                [
                    work_date.isoformat(),
                    *(_safe_text(text) for text in texts),
                    f"{worked:g}",
                    f"{overtime:g}",
                    _safe_text(note),
                ]
            )
            count += 1
            hours += worked
        handle.flush()
        os.fsync(handle.fileno())
    return count, hours


def _write_xlsx(path: Path, rows: Iterator[tuple]) -> tuple[int, float]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("工时台账")
    sheet.freeze_panes = "A2"
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for title in HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count, hours = 0, 0.0
    for work_date, *texts, worked, overtime, note in rows:
        day = WriteOnlyCell(sheet, value=work_date)
        day.number_format = "yyyy-mm-dd"
        cells: list[object] = [day]
        for text in [*texts, None, None, note]:
            if text is None:
                cells.append(None)
                continue
            cell = WriteOnlyCell(sheet, value=text)
            cell.data_type = "s"  # never a formula, whatever the text starts with
            cells.append(cell)
        cells[HOURS_COLUMNS[0]] = float(worked)
        cells[HOURS_COLUMNS[1]] = float(overtime)
        sheet.append(cells)
        count += 1
        hours += worked
    workbook.save(path)
    return count, hours


def export_timesheets(
    store: Store,
    out: Path,
    *,
    format: str = "csv",
    department: str | None = None,
    person: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    indicator: str | None = None,
) -> ExportResult:
    """Write the entries that match the filters to `out` (CSV or xlsx); returns the count."""
    if format not in FORMATS:
        raise ValidationError(f"Export format {format!r} is unknown; choose csv or xlsx.")
    if date_from and date_to and date_from > date_to:
        raise ValidationError(
            f"The date range {date_from:%Y-%m-%d} to {date_to:%Y-%m-%d} ends before it starts."
        )
    out = Path(out)
    if not out.parent.is_dir():
        raise ValidationError(f"The folder {out.parent} does not exist; choose another --out.")
    partial = out.with_name(f".{out.name}.part")
    try:
        with store.read() as session:
            query = _query(
                session,
                department=department,
                person=person,
                date_from=date_from,
                date_to=date_to,
                indicator=indicator,
            )
            writer = _write_csv if format == "csv" else _write_xlsx
            count, hours = writer(partial, _rows(session, query))
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return ExportResult(str(out), format, count, round(hours, 6))
