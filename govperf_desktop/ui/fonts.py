"""CJK fonts for the Qt widgets and for matplotlib charts, so Chinese never renders as boxes.

Qt picks glyphs from the first family in the application font's family list that has them;
on Windows its own fallback for Chinese is often a bitmap-era face, and on a bare Linux it may be
nothing at all. So the application font lists the well-known CJK families that are actually
installed first, then the platform's default family. Font files shipped in resources/fonts (if a
build adds any, for machines without a CJK font) are registered first.

matplotlib keeps its own font list; the same families go to the front of `font.sans-serif`.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from govperf_desktop.paths import resources_dir

log = logging.getLogger(__name__)

# Simplified-Chinese sans-serif families in order of preference (Windows, macOS, Linux).
# Keep in step with reports/cjk_font.py CJK_FAMILIES (reports cannot import ui/).
CJK_FONT_FAMILIES: tuple[str, ...] = (
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Songti SC",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
)

_FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


def register_bundled_fonts() -> list[str]:
    """Register font files shipped in resources/fonts; returns the families they add."""
    folder = resources_dir() / "fonts"
    if not folder.is_dir():
        return []
    families: list[str] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in _FONT_SUFFIXES:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Could not load the font file %s", path)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def installed_cjk_families() -> list[str]:
    """The families of CJK_FONT_FAMILIES that Qt can find, in order of preference."""
    available = {family.casefold() for family in QFontDatabase.families()}
    return [family for family in CJK_FONT_FAMILIES if family.casefold() in available]


def setup_qt_fonts(app: QApplication) -> list[str]:
    """Put the installed CJK families in front of the application font; returns its families."""
    bundled = register_bundled_fonts()
    cjk = [*installed_cjk_families(), *bundled]
    font = QFont(app.font())
    default_family = font.family()
    if not cjk:
        log.warning(
            "No Chinese font found (looked for %s); Chinese text may not display.",
            ", ".join(CJK_FONT_FAMILIES),
        )
        return [default_family]
    families = list(dict.fromkeys([*cjk, default_family]))
    font.setFamilies(families)
    app.setFont(font)
    return families


def setup_matplotlib_fonts() -> list[str]:
    """Make matplotlib draw Chinese: CJK families first in `font.sans-serif`, ASCII minus signs.

    matplotlib is imported here, not at module level: it is slow to import and only charts
    need it. Returns the resulting `font.sans-serif` list.
    """
    import matplotlib

    current = list(matplotlib.rcParams["font.sans-serif"])
    families = list(dict.fromkeys([*CJK_FONT_FAMILIES, *current]))
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = families
    # CJK fonts often lack U+2212 MINUS SIGN, which would show as a box on negative axes.
    matplotlib.rcParams["axes.unicode_minus"] = False
    return families
