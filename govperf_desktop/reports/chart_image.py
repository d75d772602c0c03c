"""A report's matplotlib figure as a picture, for the PDF and the workbook alike.

Both writers embed the same figures (`document.FigureBlock`, built from `score_charts`,
`gantt` and the other figure modules the desktop shows): the PDF at `PDF_DPI`, the workbook at
`XLSX_DPI` (Excel shows pictures at 96 pixels per inch, so a little more stays sharp when
zoomed). The figure is drawn once by Agg and its pixels handed over as an RGB image: fpdf2
compresses them itself, so encoding a PNG only to have fpdf2 decode it again is skipped; the
workbook gets a PNG. The caller sets up the Chinese font first (`cjk_font.chinese_charts`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from govperf_desktop.reports.document import FigureBlock

PDF_DPI = 200
XLSX_DPI = 150
PNG_COMPRESSION = 3  # zlib level: nearly the size of level 6 at half the time


@dataclass(frozen=True)
class Chart:
    image: Image.Image  # RGB, white background
    width_in: float  # the figure's size in inches, as drawn
    height_in: float

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.image.save(buffer, "PNG", compress_level=PNG_COMPRESSION)
        return buffer.getvalue()


def draw_chart(block: FigureBlock, dpi: int) -> Chart:
    """Build the block's figure and draw it at `dpi`."""
    figure = block.build()
    figure.set_dpi(dpi)
    figure.set_facecolor("white")
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    pixels = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
    width_in, height_in = figure.get_size_inches()
    return Chart(pixels.convert("RGB"), float(width_in), float(height_in))
