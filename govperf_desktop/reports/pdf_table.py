"""Tables in the PDF, drawn cell by cell with fpdf2's low-level primitives.

fpdf2's own `FPDF.table` lays every cell out twice with its general line breaker (about a
millisecond a cell), which made the province's period summary (some 30,000 cells) take half a
minute. Here a cell costs one width measurement, one rectangle and one `text()` call per line;
only text wider than its column is wrapped, by character as Chinese is written (keeping
numbers and Latin words whole where it can), from cached character widths. The heading row
is repeated at the top of every page the table runs onto, rows are striped, numbers are
right-aligned. The text stays real, searchable text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fpdf import FPDF

PAD_X = 1.2  # mm, left and right inside a cell
PAD_Y = 0.8  # mm, above and below a cell's lines
LINE_FACTOR = 0.55  # line height in mm per point of font size
HEADING_FILL = (221, 235, 247)
STRIPE_FILL = (247, 247, 247)
RULE = (110, 110, 110)
_WORD = frozenset("0123456789.%-_/:abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass(frozen=True)
class PdfColumn:
    title: str
    width: float  # mm
    right: bool = False  # right-aligned (numbers)


class _Wrapper:
    """Splits text into lines that fit a width, measuring each character once (one font
    and size per table)."""

    def __init__(self, pdf: FPDF) -> None:
        self._pdf = pdf
        self._widths: dict[str, float] = {}

    def _char(self, char: str) -> float:
        size = self._widths.get(char)
        if size is None:
            size = self._widths[char] = self._pdf.get_string_width(char)
        return size

    def width(self, text: str) -> float:
        """The text's width at the current font size (no kerning: the sum of its characters)."""
        return sum(map(self._char, text))

    def lines(self, text: str, room: float) -> list[str]:
        """Lines of at most `room` mm: Chinese breaks between any two characters, a run of
        Latin letters and digits ("60.00", "QK-02") moves whole to the next line if it can."""
        found: list[str] = []
        for paragraph in text.split("\n"):
            if self.width(paragraph) <= room:
                found.append(paragraph)
                continue
            current = ""
            used = 0.0
            for char in paragraph:
                size = self._char(char)
                if current and used + size > room:
                    keep = len(current)
                    if char in _WORD:
                        while keep > 0 and current[keep - 1] in _WORD:
                            keep -= 1
                        if keep == 0:  # one run wider than the column: cut it
                            keep = len(current)
                    found.append(current[:keep])
                    current = current[keep:].lstrip(" ")
                    used = self.width(current)
                current += char
                used += size
            found.append(current)
        return found or [""]


def _row(
    pdf: FPDF,
    wrapper: _Wrapper,
    columns: Sequence[PdfColumn],
    texts: Sequence[str],
    *,
    fill: tuple[int, int, int] | None,
    centre: bool,
    line: float,
    heading: Sequence[str] | None,
) -> None:
    """Draw one row at the current y, first breaking the page (and repeating the heading)."""
    cells = [
        wrapper.lines(text, column.width - 2 * PAD_X)
        for column, text in zip(columns, texts, strict=True)
    ]
    height = max(len(lines) for lines in cells) * line + 2 * PAD_Y
    if pdf.get_y() + height > pdf.page_break_trigger and pdf.get_y() > pdf.t_margin + 1:
        pdf.add_page()
        if heading is not None:
            _row(pdf, wrapper, columns, heading, fill=HEADING_FILL, centre=True, line=line,
                 heading=None)  # fmt: skip
    top = pdf.get_y()
    x = pdf.l_margin
    if fill is not None:
        pdf.set_fill_color(*fill)
        pdf.rect(x, top, sum(c.width for c in columns), height, style="F")
    baseline = (line + 0.7 * pdf.font_size) / 2  # of a line's top: its text looks centred
    for column, lines in zip(columns, cells, strict=True):
        pdf.rect(x, top, column.width, height)
        for number, text in enumerate(lines):
            if not text:
                continue
            if centre:
                left = x + (column.width - wrapper.width(text)) / 2
            elif column.right:
                left = x + column.width - PAD_X - wrapper.width(text)
            else:
                left = x + PAD_X
            pdf.text(left, top + PAD_Y + number * line + baseline, text)
        x += column.width
    pdf.set_y(top + height)


def draw_table(
    pdf: FPDF, columns: Sequence[PdfColumn], rows: Sequence[Sequence[str]], size: float
) -> None:
    """A table of printed values under the current y, breaking pages as needed."""
    pdf.set_font(size=size)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.15)
    line = size * LINE_FACTOR
    wrapper = _Wrapper(pdf)
    heading = [column.title for column in columns]
    _row(pdf, wrapper, columns, heading, fill=HEADING_FILL, centre=True, line=line, heading=None)
    for index, texts in enumerate(rows):
        _row(pdf, wrapper, columns, texts, fill=STRIPE_FILL if index % 2 else None,
             centre=False, line=line, heading=heading)  # fmt: skip
    pdf.set_draw_color(0, 0, 0)
