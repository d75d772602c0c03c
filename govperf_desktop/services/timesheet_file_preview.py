"""A first look at a timesheet file before importing it: its header row, the columns the
import would map by itself, and a few rows, for the import wizard's column-mapping step.

The file is read the way `timesheet_io.import_timesheets` reads it (CSV in UTF-8 or GB18030,
comma or tab; .xlsx), and the header row is the first of the first rows that names every
required column; when none does (the headers are not ones the import knows), the row naming
the most fields is shown, so the user can map the rest by hand. Only the first rows are read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from govperf_desktop.domain import timesheet_columns as columns_rules
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.services.timesheet_io import HEADER_SEARCH_ROWS, _blank, _rows_of

SAMPLE_ROWS = 5
FIELDS = columns_rules.FIELDS
REQUIRED = columns_rules.REQUIRED
_FIELD_OF_ALIAS = {
    alias: field for field, aliases in columns_rules.HEADER_ALIASES.items() for alias in aliases
}


@dataclass(frozen=True)
class FilePreview:
    file: str
    format: str  # csv | xlsx
    header_line: int  # the header row's line (CSV) or row number (Excel), from 1
    headers: tuple[str, ...]  # the header row's cells, as text ('' for an empty cell)
    detected: dict[str, str]  # field -> header the import maps by itself
    missing: tuple[str, ...]  # required fields no header names
    sample: tuple[tuple[str, ...], ...]  # the first rows below the header, as text


def _auto_fields(headers: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for header in headers:
        field = _FIELD_OF_ALIAS.get(columns_rules.normalise_header(header))
        if field is not None and field not in found:
            found[field] = header
    return found


def preview_timesheet_file(path: Path, *, sheet: str | None = None) -> FilePreview:
    """The header row, the automatic column mapping and the first rows of a timesheet file."""
    path = Path(path)
    kind, _encoding, rows = _rows_of(path, sheet)
    best: tuple[int, list[str], dict[str, str]] | None = None
    body: Iterator[tuple[int, list[object]]] = rows
    for line, cells in islice(rows, HEADER_SEARCH_ROWS):
        if _blank(cells):
            continue
        headers = ["" if value is None else str(value).strip() for value in cells]
        detected = _auto_fields(headers)
        if all(field in detected for field in REQUIRED):
            best = (line, headers, detected)
            break
        if best is None or len(detected) > len(best[2]):
            best = (line, headers, detected)
    if best is None:
        raise ValidationError(f"{path.name} is empty: it has no header row and no rows.")
    header_line, headers, detected = best
    if not all(field in detected for field in REQUIRED):
        # Read again so the sample starts right below the row chosen as header.
        _, _, body = _rows_of(path, sheet)
        body = (item for item in body if item[0] > header_line)
    sample = tuple(
        tuple(columns_rules.cell_text(value) for value in cells)
        for _, cells in islice((item for item in body if not _blank(item[1])), SAMPLE_ROWS)
    )
    return FilePreview(
        file=str(path),
        format=kind,
        header_line=header_line,
        headers=tuple(headers),
        detected=detected,
        missing=tuple(field for field in REQUIRED if field not in detected),
        sample=sample,
    )


def mapping_for(preview: FilePreview, chosen: dict[str, str]) -> dict[str, str]:
    """The import's explicit mapping {header: field} for the fields chosen by the user
    ({field: header}); refuses a header chosen for two fields or a required field left out."""
    missing = [field for field in REQUIRED if not chosen.get(field)]
    if missing:
        raise ValidationError(
            f"Choose the column holding {', '.join(missing)}; the import needs it."
        )
    mapping: dict[str, str] = {}
    for field in FIELDS:
        header = chosen.get(field)
        if not header:
            continue
        if header not in preview.headers:
            raise ValidationError(f"The file has no column {header!r}.")
        if header in mapping:
            raise ValidationError(
                f"Column {header!r} is chosen for both {mapping[header]} and {field}; "
                "choose one column per field."
            )
        mapping[header] = field
    return mapping
