"""Render resources/icons/govperf-desktop.svg to PNG (menus) and ICO (Windows) with Qt.

python installer/render_icon.py OUT_DIR      -> OUT_DIR/govperf-desktop-256.png, .ico
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SOURCE = Path(__file__).resolve().parent.parent / "resources" / "icons" / "govperf-desktop.svg"


def render(size: int, renderer: QSvgRenderer) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def main(out_dir: Path) -> int:
    app = QGuiApplication([sys.argv[0]])  # noqa: F841  (QImage/QPainter need one)
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    out_dir.mkdir(parents=True, exist_ok=True)
    for size in (48, 256):
        target = out_dir / f"govperf-desktop-{size}.png"
        if not render(size, renderer).save(str(target)):
            raise SystemExit(f"cannot write {target}")
        print(target)
    ico = out_dir / "govperf-desktop.ico"
    if render(64, renderer).save(str(ico), "ICO"):
        print(ico)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
