"""The pages of the main window, one module each.

A page module defines `create_page(store: Store, parent: QWidget | None) -> QWidget`. The main
window builds a page listed in PAGE_MODULES the first time it is shown (so start-up imports and
builds only the page it opens on), and shows a placeholder for pages whose issue has not landed
yet. The dashboard (`dashboard.py`) is built by the main window itself. Page modules live in
their own files so several pages can be built at once without touching the main window.
"""

from __future__ import annotations

import importlib
from types import ModuleType

PAGE_MODULES: dict[str, str] = {
    "indicators": "govperf_desktop.ui.pages.indicators",
    "timesheets": "govperf_desktop.ui.pages.timesheets",
    "communication": "govperf_desktop.ui.pages.communication",
    "scores": "govperf_desktop.ui.pages.scores",
    "sync": "govperf_desktop.ui.pages.sync",
    "history": "govperf_desktop.ui.pages.history",
}


def page_module(key: str) -> ModuleType | None:
    """The module of page `key`, or None while it does not exist (its issue has not landed).

    Only the page module itself being absent is tolerated: an import error inside it is a bug
    and propagates.
    """
    name = PAGE_MODULES.get(key)
    if name is None:
        return None
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name == name:
            return None
        raise
