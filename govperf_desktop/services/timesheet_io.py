"""Importing timesheets from CSV or Excel (.xlsx): data migration with a per-row error report.

    report = import_timesheets(store, path, actor="周文博", dry_run=True, now=now)
    report.bad_rows   # every bad row: its line number in the file and the reason

The header row (found among the first rows) is mapped to fields automatically from Chinese
or English headers, or by an explicit mapping (`domain/timesheet_columns.py`). Every row is
checked against the same rules as an entry typed by hand (`timesheets.py`), and across rows:
a person's day counts the entries already stored plus the file's rows above. The import is
all or nothing: a file with any bad row writes nothing (`ImportRefused` carries the whole
report); a good file is written in ONE unit of work through ORM objects, so the change
capture records every entry, flushed in batches. People, tasks, periods and day totals are
read up front with a few set-based queries, never one query per row.

CSV: UTF-8 with or without BOM, else GB18030 (what Chinese Excel writes); comma or tab.
Excel: the first sheet (or the named one), read with openpyxl in read-only mode.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from govperf_desktop.domain import timesheet_columns as columns_rules
from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import NotFoundError, ValidationError
from govperf_desktop.services import lookup
from govperf_desktop.services.timesheet_import_check import CheckedRow, RawRow, check_rows
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import TimesheetEntry
from govperf_desktop.store.store import Store

HEADER_SEARCH_ROWS = 10  # a title row or two above the header is common in office sheets
FLUSH_EVERY = 2000


@dataclass(frozen=True)
class BadRow:
    line: int  # the row's line (CSV) or row number (Excel) in the file; the header is 1
    reason: str


@dataclass(frozen=True)
class ImportReport:
    file: str
    format: str  # csv | xlsx
    encoding: str | None  # CSV only: utf-8, utf-8-sig (with BOM) or gb18030
    header_line: int
    columns: dict[str, str]  # field -> the file's header
    ignored_columns: tuple[str, ...]
    rows: int
    bad_rows: tuple[BadRow, ...]
    valid_rows: int
    hours: float
    dry_run: bool
    imported: int = 0


class ImportRefused(ValidationError):
    """A file with bad rows: nothing was imported; `report` lists every bad row."""

    def __init__(self, report: ImportReport) -> None:
        first = report.bad_rows[0]
        super().__init__(
            f"{len(report.bad_rows)} of {report.rows} rows of {Path(report.file).name} are "
            f"bad, so nothing was imported (first: line {first.line}: {first.reason}); "
            "list them all with --dry-run."
        )
        self.report = report


# --- reading files -----------------------------------------------------------------------------


def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise ValidationError(
            "The file is neither UTF-8 nor GB18030 text; save it from Excel as CSV UTF-8."
        ) from None


def _csv_rows(path: Path) -> tuple[str, Iterator[tuple[int, list[object]]]]:
    try:
        text, encoding = _decode(path.read_bytes())
    except UnicodeDecodeError:
        raise ValidationError(f"{path.name} starts like UTF-8 but is not valid UTF-8.") from None
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows() -> Iterator[tuple[int, list[object]]]:
        line = 1
        try:
            for record in reader:
                yield line, list(record)
                line = reader.line_num + 1
        except csv.Error as error:
            raise ValidationError(f"{path.name} line {line} is not valid CSV ({error}).") from None

    return encoding, rows()


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[tuple[int, list[object]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise ValidationError(
            f"{path.name} is not an Excel workbook (.xlsx) that can be read."
        ) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise ValidationError(
                f"{path.name} has no sheet {sheet!r}; its sheets are: "
                f"{', '.join(workbook.sheetnames)}."
            )
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            yield number, list(values)
    finally:
        workbook.close()


def _rows_of(path: Path, sheet: str | None) -> tuple[str, str | None, Iterator]:
    if not path.is_file():
        raise NotFoundError(f"There is no file {path}.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx", None, _xlsx_rows(path, sheet)
    if suffix == ".xls":
        raise ValidationError(
            f"{path.name} is an old Excel .xls file; save it as .xlsx or CSV and import that."
        )
    encoding, rows = _csv_rows(path)
    return "csv", encoding, rows


def _blank(cells: list[object]) -> bool:
    return all(value is None or str(value).strip() == "" for value in cells)


def _find_header(
    rows: Iterator[tuple[int, list[object]]], explicit: dict[str, str] | None
) -> tuple[int, list[str], dict[str, int], list[str]]:
    """The first row (of the first few) that names the required columns."""
    first_error: ValidationError | None = None
    for _ in range(HEADER_SEARCH_ROWS):
        try:
            line, cells = next(rows)
        except StopIteration:
            break
        if _blank(cells):
            continue
        headers = ["" if value is None else str(value).strip() for value in cells]
        try:
            columns, ignored = columns_rules.map_columns(headers, explicit)
        except ValidationError as error:
            first_error = first_error or error
            continue
        return line, headers, columns, ignored
    raise first_error or ValidationError("The file is empty: it has no header row and no rows.")


def _raw_rows(
    rows: Iterable[tuple[int, list[object]]], columns: dict[str, int]
) -> Iterator[RawRow]:
    for line, cells in rows:
        if _blank(cells):
            continue
        values = {
            name: (cells[index] if index < len(cells) else None) for name, index in columns.items()
        }
        yield RawRow(line=line, values=values)


# --- the import --------------------------------------------------------------------------------


def import_timesheets(
    store: Store,
    path: Path,
    *,
    actor: str,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    sheet: str | None = None,
    now: datetime,
) -> ImportReport:
    """Check a timesheet file and, unless `dry_run`, import all of its rows or none.

    `actor` imports: rows of other people need a head of their department or the central
    office (role 'central' or 'admin'). Raises ImportRefused when any row is bad.
    """
    path = Path(path)
    kind, encoding, rows = _rows_of(path, sheet)
    header_line, headers, columns, ignored = _find_header(rows, mapping)
    raw = list(_raw_rows(rows, columns))
    if not raw:
        raise ValidationError(f"{path.name} has a header row but no rows to import.")
    with store.read() as session:
        acting_id = lookup.person(session, actor).id
    unit = store.read() if dry_run else store.write(actor_id=acting_id)
    with unit as session:
        checked, bad = check_rows(session, raw, acting_id)
        report = ImportReport(
            file=str(path),
            format=kind,
            encoding=encoding,
            header_line=header_line,
            columns={name: headers[index] for name, index in columns.items()},
            ignored_columns=tuple(ignored),
            rows=len(raw),
            bad_rows=tuple(BadRow(line, reason) for line, reason in bad),
            valid_rows=len(checked),
            hours=round(sum(row.hours for row in checked), 6),
            dry_run=dry_run,
        )
        if bad and not dry_run:
            raise ImportRefused(report)
        if dry_run:
            return report
        _write(session, checked, to_utc_naive(now))
    return replace(report, imported=len(checked))


def _write(session: Session, checked: list[CheckedRow], created_at: datetime) -> None:
    """All rows as ORM objects in the caller's unit of work, flushed (and captured) in
    batches; flushed objects leave the session so memory stays flat."""
    for start in range(0, len(checked), FLUSH_EVERY):
        session.add_all(
            TimesheetEntry(
                id=new_id(),
                person_id=row.person_id,
                department_id=row.department_id,
                task_id=row.task_id,
                work_date=row.work_date,
                hours=row.hours,
                overtime=row.overtime,
                note=row.note,
                created_at=created_at,
            )
            for row in checked[start : start + FLUSH_EVERY]
        )
        session.flush()
        session.expunge_all()


def parse_mapping(text: str | None) -> dict[str, str] | None:
    """The CLI's --map 'HEADER=FIELD,...' as a mapping (None when not given)."""
    return columns_rules.parse_mapping(text) if text else None
