"""PyInstaller run-time hook: a lasting matplotlib config/cache folder for the frozen app.

The stock hook (left out by govperf.spec) makes a new temporary MPLCONFIGDIR on every start,
which makes matplotlib rebuild its font cache each time. A one-folder install never moves, so
the cache can live in the user's cache folder, apart from any other matplotlib's.
"""

import os
import sys
from pathlib import Path


def _cache_root() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "govperf-desktop" / "Cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "govperf-desktop"


if "MPLCONFIGDIR" not in os.environ:
    folder = _cache_root() / "matplotlib"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # matplotlib then falls back to a temporary folder by itself
    else:
        os.environ["MPLCONFIGDIR"] = str(folder)
