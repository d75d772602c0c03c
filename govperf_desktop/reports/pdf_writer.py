"""A `Document` as a PDF (fpdf2): Chinese as real, searchable text; page numbers; a header.

The CJK font (`cjk_font.find_cjk_font`, a .ttc through its face index) is embedded as a
TrueType subset with a ToUnicode map, so the text can be selected, searched and extracted
(pdftotext). Every page carries the header — title, organisation, subject, period,
generation time and the installation that produced it — and "第 N 页 / 共 M 页" at the
bottom. Tables (`pdf_table`) repeat their heading row on each page and wrap Chinese by
character; charts are the matplotlib figures drawn at `chart_image.PDF_DPI`.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, WrapMode, XPos, YPos

from govperf_desktop.reports.chart_image import PDF_DPI, draw_chart
from govperf_desktop.reports.cjk_font import NoCjkFontError, chinese_charts
from govperf_desktop.reports.document import (
    Document,
    FigureBlock,
    Heading,
    Paragraph,
    Table,
)
from govperf_desktop.reports.pdf_table import PdfColumn, draw_table

FONT = "cjk"
HEADER_GREY = (90, 90, 90)
SHRINK_TO_FIT = 0.7  # a chart may shrink to this share of its size to stay on the page
_NUMERIC = {"int", "points", "hours", "decimal", "percent", "raw"}


class _Pdf(FPDF):
    def __init__(self, document: Document) -> None:
        super().__init__(
            orientation="landscape" if document.landscape else "portrait", unit="mm", format="A4"
        )
        self.document = document
        self.set_margins(15, 28, 15)
        self.set_auto_page_break(True, margin=16)
        self.set_title(f"{document.header.title} — {document.header.subject}")
        self.set_author(document.header.organisation)
        self.set_creator(f"govperf-desktop ({document.header.installation})")
        self.set_subject(document.header.period)

    def header(self) -> None:
        header = self.document.header
        self.set_y(8)
        self.set_font(FONT, size=11)
        self.set_text_color(0, 0, 0)
        self.cell(0, 6, f"{header.title}  ·  {header.organisation}", new_x=XPos.LMARGIN,
                  new_y=YPos.NEXT)  # fmt: skip
        self.set_font(FONT, size=8)
        self.set_text_color(*HEADER_GREY)
        when = header.generated_at.strftime("%Y-%m-%d %H:%M")
        for line in (
            header.subject,
            f"期间 {header.period}  |  生成时间 {when}(北京时间)  |  "
            f"生成节点 {header.installation}",
        ):
            self.cell(0, 4.2, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(180, 180, 180)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.set_text_color(0, 0, 0)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(*HEADER_GREY)
        self.cell(0, 5, f"第 {self.page_no()} 页 / 共 {{nb}} 页", align=Align.C)
        self.set_text_color(0, 0, 0)


def _heading(pdf: _Pdf, text: str) -> None:
    if pdf.get_y() > pdf.h - 45:
        pdf.add_page()
    pdf.ln(2)
    pdf.set_font(FONT, size=13)
    pdf.multi_cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, wrapmode=WrapMode.CHAR)
    pdf.ln(1)


def _paragraph(pdf: _Pdf, block: Paragraph) -> None:
    pdf.set_font(FONT, size=block.size)
    pdf.multi_cell(
        0, block.size * 0.5, block.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT,
        wrapmode=WrapMode.CHAR, align=Align.L,
    )  # fmt: skip
    pdf.ln(1)


def _table(pdf: _Pdf, block: Table, *, titled: bool = True) -> None:
    """The table, under its title unless the heading just above says the same."""
    if block.title and titled:
        pdf.set_font(FONT, size=10.5)
        if pdf.get_y() > pdf.h - 40:
            pdf.add_page()
        pdf.multi_cell(0, 6, block.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    rows = block.rows if block.pdf_rows is None else block.rows[: block.pdf_rows]
    shown = [i for i, column in enumerate(block.columns) if column.in_pdf]
    columns = [block.columns[i] for i in shown]
    total = sum(column.width for column in columns)
    layout = [
        PdfColumn(column.title, pdf.epw * column.width / total, column.kind in _NUMERIC)
        for column in columns
    ]
    printed = [[columns[k].text(values[i]) for k, i in enumerate(shown)] for values in rows]
    draw_table(pdf, layout, printed, 8 if len(columns) <= 8 else 7)
    if not rows:
        pdf.set_font(FONT, size=8.5)
        pdf.cell(0, 5, "(无)", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    notes = [block.note] if block.note else []
    if block.pdf_rows is not None and len(block.rows) > block.pdf_rows:
        notes.append(f"PDF 中列出前 {block.pdf_rows} 行,共 {len(block.rows)} 行;全部见 Excel 版。")
    if notes:
        pdf.ln(1)
    for note in notes:
        pdf.set_font(FONT, size=8)
        pdf.multi_cell(0, 4.2, note, new_x=XPos.LMARGIN, new_y=YPos.NEXT, wrapmode=WrapMode.CHAR)
    pdf.ln(3)


def _figure(pdf: _Pdf, block: FigureBlock) -> None:
    chart = draw_chart(block, PDF_DPI)
    width = min(block.width_mm, pdf.epw)
    height = width * chart.height_in / chart.width_in
    if height > pdf.eph:
        width, height = width * pdf.eph / height, pdf.eph
    room = pdf.page_break_trigger - pdf.get_y()
    if height > room >= height * SHRINK_TO_FIT:  # a little smaller rather than a blank half page
        width, height = width * room / height, room
    elif height > room:
        pdf.add_page()
    pdf.image(chart.image, x=pdf.l_margin + (pdf.epw - width) / 2, w=width, h=height)
    pdf.ln(3)


def write_pdf(document: Document, path: Path) -> None:
    """Draw the document into a new PDF at `path` (the caller makes it atomic)."""
    with chinese_charts() as font:
        pdf = _Pdf(document)
        try:
            pdf.add_font(FONT, fname=str(font.path), collection_font_number=font.index)
        except Exception as error:  # a damaged or unsupported font file
            raise NoCjkFontError(
                f"The Chinese font {font.path} (face {font.index}) cannot be embedded in a PDF "
                f"({error}); install another one (on Debian: fonts-wqy-microhei)."
            ) from None
        pdf.alias_nb_pages()
        pdf.add_page()
        pdf.set_font(FONT, size=16)
        pdf.multi_cell(0, 9, document.header.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, size=11)
        pdf.multi_cell(
            0, 6, document.header.subject, new_x=XPos.LMARGIN, new_y=YPos.NEXT,
            wrapmode=WrapMode.CHAR,
        )  # fmt: skip
        pdf.ln(2)
        heading = ""
        for block in document.blocks:
            if isinstance(block, Heading):
                _heading(pdf, block.text)
                heading = block.text.split("、", 1)[-1]  # "二、指标汇总" → "指标汇总"
            elif isinstance(block, Paragraph):
                _paragraph(pdf, block)
            elif isinstance(block, Table):
                if block.in_pdf:
                    _table(pdf, block, titled=block.title != heading)
                heading = ""
            elif isinstance(block, FigureBlock):
                _figure(pdf, block)
        pdf.output(str(path))
