"""A report as a list of blocks that both writers render: one source, the same values.

A `Document` is a header and blocks: headings, paragraphs, tables and figures. The PDF
writer (`pdf_writer`) draws every block in order; the xlsx writer (`xlsx_writer`) writes
each `Table` on its own sheet (named by `Table.sheet`) and leaves figures and loose
paragraphs out (the tables hold every number). Cell values stay numbers; each `Column`
says how to print them (`kind`), so the PDF text and the xlsx number formats agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from matplotlib.figure import Figure

from govperf_desktop.reports.report_data import ReportHeader

Cell = str | int | float | date | None

# Column kinds: how a value is printed in the PDF and formatted in Excel.
KINDS = {
    "text": (None, "@"),
    "int": ("{:,.0f}", "#,##0"),
    "points": ("{:.2f}", "0.00"),
    "hours": ("{:,.1f}", "#,##0.0"),
    "decimal": ("{:.2f}", "0.00"),
    "percent": ("{:.1%}", "0.0%"),
    "raw": ("{:.6g}", "General"),  # a raw value as computed, any scale
    "date": (None, "yyyy-mm-dd"),
}


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "text"
    width: float = 1.0  # relative width in the PDF; Excel widths follow the content
    in_pdf: bool = True  # False: a column for the workbook only (e.g. a raw number)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown column kind {self.kind!r}.")

    def text(self, value: Cell) -> str:
        """The value as printed in the PDF."""
        if value is None:
            return "—"
        if isinstance(value, date):
            return value.isoformat()
        template = KINDS[self.kind][0]
        if template and isinstance(value, int | float):
            return template.format(value)
        return str(value)


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    size: float = 9.5


@dataclass(frozen=True)
class Table:
    title: str
    sheet: str  # the xlsx sheet name (Chinese, at most 31 characters)
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""  # printed under the table (PDF) and above it (xlsx)
    pdf_rows: int | None = None  # print only the first N rows in the PDF (all in the xlsx)
    in_pdf: bool = True
    in_xlsx: bool = True
    frozen_columns: int = 0  # xlsx: columns kept in view when scrolling right


@dataclass(frozen=True)
class FigureBlock:
    """A matplotlib figure, built when the PDF is drawn (the CJK font is set up by then)."""

    build: Callable[[], Figure]
    width_mm: float = 180.0


Block = Heading | Paragraph | Table | FigureBlock


@dataclass(frozen=True)
class Document:
    header: ReportHeader
    blocks: tuple[Block, ...] = field(default=())
    landscape: bool = False  # wide tables (the summary) print across an A4 page

    def tables(self) -> list[Table]:
        """The tables the workbook holds, one sheet each."""
        return [block for block in self.blocks if isinstance(block, Table) and block.in_xlsx]
