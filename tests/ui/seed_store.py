"""The seed demo store for page tests: built once per module, copied for each test.

Import `seed_store_fixture` and `seed_template_fixture` into a test module to get the fixtures
`seed_store` and `seed_template`. `seed_store` is opened on a copy, with a clock just after the
demo's "now" (2026-11-20 17:30 office time) that moves on a millisecond per reading, and waits
at teardown until the background operations have finished.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from govperf_desktop.services.admin import Store, init_installation, open_installation
from govperf_desktop.services.demo.seed import build_seed_demo
from govperf_desktop.ui import operations

SEED_TODAY = date(2026, 11, 20)
SEED_BUILT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)  # the demo's "now", 17:30 office time
UI_NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)  # 18:00 office time, after the demo's steps
WAIT_MS = 10_000


@pytest.fixture(scope="module", name="seed_template")
def seed_template_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("seed") / "data"
    init_installation(directory, node_name="考核办", role="central", now=SEED_BUILT)
    store = open_installation(directory)
    store.clock = lambda: SEED_BUILT  # changes are stamped (and their ids ordered) by it
    try:
        build_seed_demo(store, today=SEED_TODAY)
    finally:
        store.close()
    return directory


@pytest.fixture(name="seed_store")
def seed_store_fixture(seed_template: Path, tmp_path: Path, qtbot: QtBot) -> Iterator[Store]:
    directory = tmp_path / "seed"
    shutil.copytree(seed_template, directory)
    store = open_installation(directory)
    ticks = itertools.count()
    # A clock that moves on by a millisecond each time it is read, as a real one would.
    store.clock = lambda: UI_NOW + timedelta(milliseconds=next(ticks))
    yield store
    wait_idle(qtbot)
    store.close()


def wait_idle(qtbot: QtBot) -> None:
    """Wait until every background operation has delivered its outcome."""
    qtbot.waitUntil(lambda: operations.pending_count() == 0, timeout=WAIT_MS)


def wait_for(qtbot: QtBot, condition: Callable[[], object]) -> None:
    """Wait until background work is done and `condition` holds."""
    qtbot.waitUntil(lambda: operations.pending_count() == 0 and bool(condition()), timeout=WAIT_MS)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type `text` as a user does: ASCII with key clicks, Chinese as an input method commits it
    (QTest cannot click keys for characters outside Latin-1)."""
    run = ""
    for char in [*text, None]:
        if char is not None and not char.isascii():
            run += char
            continue
        if run:
            event = QInputMethodEvent("", [])
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
            run = ""
        if char is not None:
            qtbot.keyClicks(widget, char)
