"""Placing the scores page's figures (services.score_views.score_figures) in its scroll
areas, on the UI thread. matplotlib's Qt canvas is imported on the first call only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QScrollArea, QWidget

RADAR_COLUMNS = 3  # at most, side by side
RADAR_SCALE = 0.7  # of the figure's own size: the smallest a radar is drawn


def _replace(area: QScrollArea, widget: QWidget) -> None:
    previous = area.takeWidget()
    if previous is not None:
        previous.deleteLater()
    area.setWidget(widget)


def place_bars(area: QScrollArea, figure: Any) -> QWidget:
    """Show the bars figure in `area` (replacing what was there); returns its canvas."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    canvas = FigureCanvasQTAgg(figure)
    canvas.setObjectName("scoresBarsCanvas")
    canvas.setMinimumHeight(int(figure.get_figheight() * figure.dpi))
    _replace(area, canvas)
    return canvas


def place_radars(area: QScrollArea, figures: tuple[Any, ...], room: int) -> list[QWidget]:
    """Show the radars in a grid, as many side by side as `room` pixels hold; the canvases."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    holder = QWidget()
    grid = QGridLayout(holder)
    canvases: list[QWidget] = []
    for figure in figures:
        canvas = FigureCanvasQTAgg(figure)
        canvas.setObjectName("scoresRadarCanvas")
        canvas.setMinimumSize(
            int(figure.get_figwidth() * figure.dpi * RADAR_SCALE),
            int(figure.get_figheight() * figure.dpi * RADAR_SCALE),
        )
        canvases.append(canvas)
    if canvases:
        columns = max(1, min(RADAR_COLUMNS, max(room, 1) // canvases[0].minimumWidth()))
        for number, canvas in enumerate(canvases):
            grid.addWidget(canvas, number // columns, number % columns)
    _replace(area, holder)
    return canvases
