"""Start-up speed, guarded without timing: the first window appears before the store layer.

The desktop start shows its first window (the main window's frame, or the login dialog when
the installation has accounts) before SQLAlchemy, Alembic, matplotlib, openpyxl, fpdf or the
sync crypto are imported; the store opens in the background afterwards. A child process runs
the real `main()` and looks at `sys.modules` at the moment the first window would start its
event loop. `services.startup.peek_store`, which chooses that window, is checked here too.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from govperf_desktop.paths import store_path
from govperf_desktop.services import admin
from govperf_desktop.services.accounts import add_account
from govperf_desktop.services.admin import init_installation, open_installation
from govperf_desktop.services.demo.seed import build_seed_demo
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.services.startup import LOCAL_NODE_KEY, StorePeek, peek_store

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
HEAVY = ("sqlalchemy", "alembic", "matplotlib", "openpyxl", "fpdf", "cryptography")

# Runs main() until the first window would start its event loop, then reports and exits.
_FIRST_WINDOW = """
import json, os, sys
from PySide6.QtWidgets import QApplication, QDialog

def first_window(window=None, *_args, **_kwargs):
    # Before any event is processed: the store starts opening from the event loop.
    heavy = sorted({{n.split(".")[0] for n in sys.modules}} & set({heavy!r}))
    if isinstance(window, QDialog):
        window.show()  # what exec() would do first
    shown = sorted(
        w.objectName() for w in QApplication.topLevelWidgets() if w.isVisible() and w.objectName()
    )
    print(json.dumps({{"heavy": heavy, "shown": shown}}), flush=True)
    os._exit(0)

QApplication.exec = first_window
QDialog.exec = first_window
from govperf_desktop.ui.app import main
main({argv!r})
os._exit(3)
"""


def _first_window(tmp_path: Path, *argv: str) -> dict[str, list[str]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "xdg"))
    code = _FIRST_WINDOW.format(heavy=HEAVY, argv=list(argv))
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    init_installation(directory, node_name="考核办", role="central", now=NOW)
    return directory


def test_importing_the_desktop_app_imports_no_heavy_module() -> None:
    code = (
        "import sys\n"
        "import govperf_desktop.ui.app\n"
        "import govperf_desktop.ui.main_window, govperf_desktop.ui.login\n"
        f"print(sorted({{n.split('.')[0] for n in sys.modules}} & set({HEAVY!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]"


def test_the_main_window_shows_before_the_store_layer_is_imported(
    tmp_path: Path, data_dir: Path
) -> None:
    seen = _first_window(tmp_path, "--data-dir", str(data_dir), "--lang", "zh_CN")
    assert seen == {"heavy": [], "shown": ["mainWindow"]}


def test_the_login_dialog_shows_before_the_store_layer_is_imported(
    tmp_path: Path, data_dir: Path
) -> None:
    store = open_installation(data_dir)
    try:
        add_department(store, "民政局", now=NOW)
        add_person(store, department="民政局", name="杨帆", roles=("admin",), now=NOW)
        add_account(
            store,
            name="yangfan",
            person="杨帆",
            password="a-long-password",
            by=None,
            now=NOW,
            duty="admin",
        )
    finally:
        store.close()
    seen = _first_window(tmp_path, "--data-dir", str(data_dir))
    assert seen == {"heavy": [], "shown": ["loginDialog"]}


def test_peek_reads_what_the_first_window_depends_on(data_dir: Path) -> None:
    assert peek_store(data_dir) == StorePeek(
        node_name="考核办", has_accounts=False, has_indicators=False
    )
    store = open_installation(data_dir)
    try:
        build_seed_demo(store, today=date(2026, 11, 20))
        add_account(
            store,
            name="admin",
            person="周文博@考核办",
            password="a-long-password",
            by=None,
            now=NOW,
            duty="admin",
        )
    finally:
        store.close()
    assert peek_store(data_dir) == StorePeek(
        node_name="考核办", has_accounts=True, has_indicators=True
    )


def test_peek_cannot_tell_without_a_store_and_changes_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    assert peek_store(missing) is None
    assert not missing.exists()  # a mistyped folder is never created

    not_a_store = store_path(tmp_path)
    not_a_store.write_bytes(b"PK\x03\x04 a spreadsheet, not a database" * 100)
    before = hashlib.sha256(not_a_store.read_bytes()).hexdigest()
    assert peek_store(tmp_path) is None
    assert hashlib.sha256(not_a_store.read_bytes()).hexdigest() == before


def test_peek_uses_the_same_settings_key_as_the_store() -> None:
    assert LOCAL_NODE_KEY == admin.LOCAL_NODE_KEY
