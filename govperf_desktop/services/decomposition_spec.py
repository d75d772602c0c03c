"""The decomposition-table workbook's layout, read from resources/templates/decomposition.json.

Kept apart from the workbook writer so that reading the layout (the indicator views do, at
start-up) never imports openpyxl.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from govperf_desktop.domain.errors import StoreError
from govperf_desktop.paths import resources_dir

TEMPLATE_FILE = Path("templates") / "decomposition.json"


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    header: str
    kind: str  # text, department, departments, date, recurrence, items, codes, ...
    required: bool
    width: float
    help: str
    example: str


@dataclass(frozen=True)
class SheetSpec:
    key: str
    name: str
    one_row: bool
    columns: tuple[ColumnSpec, ...]

    def column(self, key: str) -> ColumnSpec:
        return next(column for column in self.columns if column.key == key)


@dataclass(frozen=True)
class TemplateSpec:
    title: str
    help_sheet: str
    department_sheet: str
    max_rows: int
    sheets: tuple[SheetSpec, ...]
    liability_labels: Mapping[str, str]  # kind -> Chinese label
    recurrence_suggestions: tuple[str, ...]
    notes: tuple[str, ...]

    def sheet(self, key: str) -> SheetSpec:
        return next(sheet for sheet in self.sheets if sheet.key == key)


@cache
def load_template(path: Path | None = None) -> TemplateSpec:
    """The layout from resources/templates/decomposition.json (or `path`)."""
    path = path or resources_dir() / TEMPLATE_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        sheets = tuple(
            SheetSpec(
                key=sheet["key"],
                name=sheet["name"],
                one_row=sheet["rows"] == "one",
                columns=tuple(ColumnSpec(**column) for column in sheet["columns"]),
            )
            for sheet in raw["sheets"]
        )
        return TemplateSpec(
            title=raw["title"],
            help_sheet=raw["help_sheet"],
            department_sheet=raw["department_sheet"],
            max_rows=int(raw["max_rows"]),
            sheets=sheets,
            liability_labels=dict(raw["liability_kinds"]),
            recurrence_suggestions=tuple(raw["recurrence_suggestions"]),
            notes=tuple(raw["notes"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise StoreError(
            f"The decomposition template {path} is missing or damaged ({error}); reinstall."
        ) from None
