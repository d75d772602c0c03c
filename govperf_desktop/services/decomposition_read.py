"""Reading a filled decomposition-table workbook into a draft, noting every problem by row.

Only the file is looked at here: cells become typed values (dates, lists, percentages,
liability kinds), and anything unreadable is a `Problem` with its sheet and row. Rules that
span rows and need the store (departments, an indicator that already exists) are checked by
`services.decomposition`. A file that is not an .xlsx workbook, or lacks a sheet, is refused
at once with one error: there are no rows to report on.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from govperf_desktop.domain.decomposition import Problem
from govperf_desktop.domain.errors import NotFoundError, ValidationError
from govperf_desktop.services.decomposition_spec import SheetSpec, TemplateSpec
from govperf_desktop.services.indicators import IndicatorDraft, LiabilityDraft, TaskDraft

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024
_LIST_SEPARATORS = re.compile(r"[、,，;；\r\n]+")
_ITEM_SEPARATORS = re.compile(r"[;；\r\n]+")
_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_SERIAL_RANGE = (36526, 73050)  # Excel day numbers of 2000-01-01 and 2099-12-31
_PLACEHOLDER_DATE = date.min  # stands in for an unreadable date already reported


@dataclass
class ParsedWorkbook:
    """What the workbook says, where each row sits, and every problem found so far.

    `task_rows[i]` is the row of `draft.tasks[i]`, `liability_rows[i]` that of
    `draft.liability[i]`; `department_refs` lists each department named, with sheet and row.
    """

    sha256: str
    draft: IndicatorDraft | None = None
    indicator_row: int = 2
    period: tuple[date, date] | None = None  # set when both dates are readable
    task_rows: list[int] = field(default_factory=list)
    liability_rows: list[int] = field(default_factory=list)
    department_refs: list[tuple[str, str, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise NotFoundError(f"There is no file {path}.")
    if path.is_dir():
        raise ValidationError(f"{path} is a folder, not an Excel workbook (.xlsx).")
    if path.stat().st_size > MAX_WORKBOOK_BYTES:
        raise ValidationError(
            f"{path.name} is larger than {MAX_WORKBOOK_BYTES // (1024 * 1024)} MB; a "
            "decomposition table is far smaller, so this is probably not the right file."
        )
    return path.read_bytes()


def _open(data: bytes, path: Path) -> Any:
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ValidationError(
            f"{path.name} is an old-style .xls workbook; open it in Excel and save it as .xlsx."
        )
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise ValidationError(
            f"{path.name} is not an Excel workbook (.xlsx); fill in the template from "
            "'govperf indicator template' and save it as .xlsx."
        ) from None


class _Row:
    """Typed access to one row's cells; unreadable cells become problems of this row."""

    def __init__(
        self, spec: SheetSpec, number: int, cells: dict[str, Any], problems: list[Problem]
    ):
        self.spec, self.number, self.cells, self.problems = spec, number, cells, problems

    def problem(self, message: str) -> None:
        self.problems.append(Problem(message, self.spec.name, self.number))

    def _header(self, key: str) -> str:
        return self.spec.column(key).header

    def _value(self, key: str) -> Any:
        return self.cells.get(key, (None, "General"))[0]

    def text(self, key: str, required: bool = False) -> str:
        value = self._value(key)
        if isinstance(value, datetime | date):
            self.problem(
                f"{self._header(key)} holds the date {value:%Y-%m-%d} where text is expected; "
                "format the cell as text and type the value again."
            )
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = "" if value is None else str(value).strip()
        if required and not text:
            self.problem(f"{self._header(key)} is empty; it is required.")
        return text

    def names(self, key: str) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(p.strip() for p in _LIST_SEPARATORS.split(self.text(key)) if p.strip())
        )

    def items(self, key: str) -> tuple[str, ...]:
        return tuple(p.strip() for p in _ITEM_SEPARATORS.split(self.text(key)) if p.strip())

    def date(self, key: str, required: bool = False) -> date | None:
        value = self._value(key)
        header = self._header(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(f"{header} is empty; it is required.")
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
                return from_excel(value).date()
        elif isinstance(value, str):
            match = _DATE_TEXT.fullmatch(value.strip())
            if match:
                try:
                    return date(*(int(part) for part in match.groups()))
                except ValueError:
                    self.problem(f"{header} {value.strip()!r} is not a real date.")
                    return _PLACEHOLDER_DATE
        self.problem(f"{header} {value!r} is not a date; write it like 2026-11-10.")
        return _PLACEHOLDER_DATE

    def percent(self, key: str) -> float | None:
        value, number_format = self.cells.get(key, (None, "General"))
        header = self._header(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value) * (100 if "%" in (number_format or "") else 1)
        text = self.text(key).rstrip("%％").strip()
        if not text:
            self.problem(f"{header} is empty; it is required.")
            return None
        try:
            return float(text)
        except ValueError:
            self.problem(f"{header} {self.text(key)!r} is not a number; write e.g. 20 for 20%.")
            return None


def _rows(sheet: Worksheet, spec: SheetSpec, limit: int, problems: list[Problem]) -> Iterator[_Row]:
    """The non-blank rows of a sheet, its columns found by their headers in row 1."""
    # Some programs write a wrong "used range"; read-only mode would trust it and stop early.
    sheet.reset_dimensions()
    lines = sheet.iter_rows()
    header_cells = next(lines, ())
    positions: dict[str, int] = {}
    headers = {column.header: column for column in spec.columns}
    for index, cell in enumerate(header_cells):
        title = "" if cell.value is None else unicodedata.normalize("NFKC", str(cell.value))
        title = title.strip().rstrip("*").strip()
        if title in headers:
            key = headers[title].key
            if key in positions:
                problems.append(Problem(f"The column {title} appears twice.", spec.name, 1))
            positions.setdefault(key, index)
    missing = [c.header for c in spec.columns if c.required and c.key not in positions]
    if missing:
        problems.append(
            Problem(
                f"Row 1 has no column {'、'.join(missing)}; keep the template's column headers.",
                spec.name,
            )
        )
        return
    count = 0
    for number, cells in enumerate(lines, start=2):
        values = {
            key: (cells[index].value, getattr(cells[index], "number_format", "General"))
            for key, index in positions.items()
            if index < len(cells)
        }
        if all(value is None or str(value).strip() == "" for value, _ in values.values()):
            continue
        count += 1
        if count > limit:
            problems.append(Problem(f"More than {limit} rows; split the table.", spec.name, number))
            return
        yield _Row(spec, number, values, problems)


def _header_broken(spec: SheetSpec, parsed: ParsedWorkbook) -> bool:
    """True when the sheet's header row was already reported (its rows were not read)."""
    return any(p.sheet == spec.name and p.row is None for p in parsed.problems)


def _indicator(
    sheet: Worksheet, spec: SheetSpec, template: TemplateSpec, parsed: ParsedWorkbook
) -> dict[str, Any]:
    rows = list(_rows(sheet, spec, template.max_rows, parsed.problems))
    if not rows:
        if _header_broken(spec, parsed):
            return {}
        parsed.problems.append(Problem("There is no indicator; fill in row 2.", spec.name))
        return {}
    if len(rows) > 1:
        parsed.problems.append(
            Problem(
                f"A workbook holds one indicator, but rows {rows[0].number} and "
                f"{rows[1].number} both have one; put each indicator in its own file.",
                spec.name,
                rows[1].number,
            )
        )
    row = rows[0]
    parsed.indicator_row = row.number
    fields: dict[str, Any] = {
        "name": row.text("name", required=True),
        "lead_department": row.text("lead_department", required=True),
        "cooperating": row.names("cooperating"),
        "target": row.text("target", required=True),
        "period": row.text("period", required=True),
        "period_start": row.date("period_start", required=True),
        "period_end": row.date("period_end", required=True),
    }
    start, end = fields["period_start"], fields["period_end"]
    if start not in (None, _PLACEHOLDER_DATE) and end not in (None, _PLACEHOLDER_DATE):
        parsed.period = (start, end)
    for name in (fields["lead_department"], *fields["cooperating"]):
        if name:
            parsed.department_refs.append((name, spec.name, row.number))
    if fields["lead_department"] in fields["cooperating"]:
        row.problem(
            f"{fields['lead_department']} is the lead department (牵头部门); it cannot also "
            "be a cooperating department (配合部门)."
        )
    return fields


def _tasks(
    sheet: Worksheet, spec: SheetSpec, template: TemplateSpec, parsed: ParsedWorkbook
) -> list[TaskDraft]:
    tasks = []
    for row in _rows(sheet, spec, template.max_rows, parsed.problems):
        task = TaskDraft(
            code=row.text("code"),
            department=row.text("department", required=True),
            content=row.text("content"),
            deadline=row.date("deadline"),
            recurrence=row.text("recurrence") or None,
            standard=row.items("standard"),
            depends_on=row.names("depends_on"),
        )
        tasks.append(task)
        parsed.task_rows.append(row.number)
        if task.department:
            parsed.department_refs.append((task.department, spec.name, row.number))
    if not tasks and not _header_broken(spec, parsed):
        parsed.problems.append(Problem("There are no tasks; fill in one row per task.", spec.name))
    return tasks


def _liability(
    sheet: Worksheet, spec: SheetSpec, template: TemplateSpec, parsed: ParsedWorkbook
) -> list[LiabilityDraft]:
    kinds = {label: kind for kind, label in template.liability_labels.items()}
    kinds.update({kind: kind for kind in template.liability_labels})
    rules = []
    for row in _rows(sheet, spec, template.max_rows, parsed.problems):
        label = row.text("kind", required=True)
        percent = row.percent("percent")
        kind = kinds.get(label)
        if label and kind is None:
            row.problem(
                f"类型 {label!r} is not a kind of liability we know; choose "
                f"{'、'.join(template.liability_labels.values())}."
            )
        if kind is None or percent is None:
            continue
        rules.append(LiabilityDraft(kind, percent, row.text("description")))
        parsed.liability_rows.append(row.number)
    return rules


def read_workbook(path: Path, template: TemplateSpec) -> ParsedWorkbook:
    """The workbook as a draft plus every problem the file alone shows."""
    data = _read_bytes(path)
    workbook = _open(data, path)
    try:
        missing = [spec.name for spec in template.sheets if spec.name not in workbook.sheetnames]
        if missing:
            found = "、".join(workbook.sheetnames) or "none"
            raise ValidationError(
                f"{path.name} has no sheet {'、'.join(missing)} (its sheets: {found}); fill in "
                "the template from 'govperf indicator template'."
            )
        parsed = ParsedWorkbook(sha256=hashlib.sha256(data).hexdigest())
        sheets = {spec.key: (workbook[spec.name], spec) for spec in template.sheets}
        fields = _indicator(*sheets["indicator"], template, parsed)
        tasks = _tasks(*sheets["tasks"], template, parsed)
        rules = _liability(*sheets["liability"], template, parsed)
    finally:
        workbook.close()
    parsed.draft = IndicatorDraft(
        name=fields.get("name", ""),
        lead_department=fields.get("lead_department", ""),
        target=fields.get("target", ""),
        period=fields.get("period", ""),
        period_start=fields.get("period_start") or _PLACEHOLDER_DATE,
        period_end=fields.get("period_end") or _PLACEHOLDER_DATE,
        cooperating=fields.get("cooperating", ()),
        tasks=tuple(tasks),
        liability=tuple(rules) or None,
    )
    return parsed
