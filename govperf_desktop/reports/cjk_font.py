"""The CJK font a report embeds, and matplotlib settings that draw Chinese in its charts.

The families are those of ui/fonts.py (Windows: Microsoft YaHei, SimHei; macOS: PingFang SC,
Hiragino Sans GB, Songti SC; Linux: Noto Sans CJK SC, WenQuanYi): the first one installed
wins, else a font file shipped in resources/fonts. A TrueType collection (.ttc, e.g.
wqy-microhei.ttc) is used through its face index. Without any, `find_cjk_font` raises a
one-line error: a PDF without a Chinese font would print boxes.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.paths import resources_dir

# Same order as ui/fonts.py CJK_FONT_FAMILIES (ui/ cannot be imported here), plus the macOS
# families that ship with the system.
CJK_FAMILIES: tuple[str, ...] = (
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
_SUFFIXES = (".ttf", ".otf", ".ttc")


class NoCjkFontError(GovperfError):
    """No font that can draw Chinese is installed."""


@dataclass(frozen=True)
class CjkFont:
    family: str
    path: Path
    index: int  # face number inside a .ttc collection (0 for a single font file)


@cache
def find_cjk_font() -> CjkFont:
    """The preferred installed CJK font (or a bundled one), else NoCjkFontError."""
    from matplotlib import font_manager

    entries = font_manager.fontManager.ttflist
    for family in CJK_FAMILIES:
        for entry in entries:
            if entry.name.casefold() == family.casefold() and entry.fname.lower().endswith(
                _SUFFIXES
            ):
                return CjkFont(entry.name, Path(entry.fname), int(getattr(entry, "index", 0)))
    folder = resources_dir() / "fonts"
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in _SUFFIXES:
                font_manager.fontManager.addfont(str(path))
                name = font_manager.FontProperties(fname=str(path)).get_name()
                return CjkFont(name, path, 0)
    raise NoCjkFontError(
        "No Chinese font is installed for the PDF (looked for "
        + ", ".join(CJK_FAMILIES)
        + "); install one (on Debian: fonts-wqy-microhei) or use --format xlsx."
    )


@contextmanager
def chinese_charts():  # type: ignore[no-untyped-def]
    """matplotlib settings under which figures draw Chinese with the report's font."""
    import matplotlib

    font = find_cjk_font()
    current = list(matplotlib.rcParams["font.sans-serif"])
    families = list(dict.fromkeys([font.family, *CJK_FAMILIES, *current]))
    with matplotlib.rc_context(
        {"font.family": "sans-serif", "font.sans-serif": families, "axes.unicode_minus": False}
    ):
        yield font
