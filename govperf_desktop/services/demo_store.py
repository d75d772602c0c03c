"""A ready demo store for `govperf-desktop --demo` and `./run.sh`: made once, then reused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from govperf_desktop.paths import store_path
from govperf_desktop.services.admin import init_installation
from govperf_desktop.store.models import Indicator
from govperf_desktop.store.store import open_store

DEMO_NODE_NAME = "考核办(演示)"


def ensure_demo_store(directory: Path, *, today: date | None = None) -> bool:
    """Create the seed demo store in `directory` unless it already holds indicators.

    Returns True when it created the demo data.
    """
    if not store_path(directory).exists():
        init_installation(directory, node_name=DEMO_NODE_NAME, role="central")
    store = open_store(directory)
    try:
        with store.read() as session:
            if session.scalar(select(func.count()).select_from(Indicator)):
                return False
        from govperf_desktop.services.demo.seed import build_seed_demo

        build_seed_demo(store, today=today or date.today())
        return True
    finally:
        store.close()
