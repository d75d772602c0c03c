"""A ready demo store for `govperf-desktop --demo` and `./run.sh`: made once, then reused."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from govperf_desktop.paths import store_path

if TYPE_CHECKING:
    from govperf_desktop.store.store import Store

# The store layer is imported inside the functions: the desktop start reads DEMO_NODE_NAME
# before SQLAlchemy is imported (services/startup.py).

DEMO_NODE_NAME = "考核办(演示)"
# Accounts of the demo store (see README): (account, seed person, installation duty).
# One password for all, printed in the README: the demo data is fictional.
DEMO_PASSWORD = "govperf-demo"
DEMO_ACCOUNTS = (
    ("admin", "周文博@考核办", "admin"),
    ("auditor", "林雪@考核办", "auditor"),
    ("clerk", "朱丽华@民政局", None),
)


def ensure_demo_store(directory: Path, *, today: date | None = None) -> bool:
    """Create the seed demo store in `directory` unless it already holds indicators.

    Returns True when it created the demo data.
    """
    from sqlalchemy import func, select

    from govperf_desktop.services.admin import init_installation
    from govperf_desktop.store.models import Indicator
    from govperf_desktop.store.store import open_store

    if not store_path(directory).exists():
        init_installation(directory, node_name=DEMO_NODE_NAME, role="central")
    store = open_store(directory)
    try:
        with store.read() as session:
            if session.scalar(select(func.count()).select_from(Indicator)):
                return False
        from govperf_desktop.services.demo.seed import build_seed_demo

        build_seed_demo(store, today=today or date.today())
        add_demo_accounts(store)
        return True
    finally:
        store.close()


def add_demo_accounts(store: Store) -> None:
    """The demo accounts, so login, the idle lock and the audit log can be tried."""
    from datetime import UTC, datetime

    from govperf_desktop.services.accounts import add_account, login

    now = datetime.now(UTC)
    admin = None
    for name, person, duty in DEMO_ACCOUNTS:
        add_account(
            store, name=name, person=person, password=DEMO_PASSWORD, by=admin, now=now, duty=duty
        )
        if admin is None:
            admin = login(store, name, DEMO_PASSWORD, now=now)


def is_demo_store(store: Store) -> bool:
    """True for the demonstration store made by `ensure_demo_store` (by its node's name)."""
    from govperf_desktop.services.admin import local_node

    node = local_node(store)
    return node is not None and node.name == DEMO_NODE_NAME
