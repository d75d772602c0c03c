"""The desktop shell: main window, dashboard model, navigation, translations, settings, main()."""

from __future__ import annotations

import hashlib
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from govperf_desktop.paths import store_path
from govperf_desktop.services.admin import store_info
from govperf_desktop.store.store import Store
from govperf_desktop.ui import i18n
from govperf_desktop.ui import main_window as main_window_module
from govperf_desktop.ui.app import main
from govperf_desktop.ui.fonts import CJK_FONT_FAMILIES, installed_cjk_families, setup_qt_fonts
from govperf_desktop.ui.i18n import LANGUAGE_SETTING, compile_translations, resolve_language
from govperf_desktop.ui.main_window import (
    PAGE_DASHBOARD,
    PAGE_KEYS,
    PAGE_SCORES,
    PAGE_SYNC,
    PAGE_TIMESHEETS,
    MainWindow,
    PlaceholderPage,
    RecordCountModel,
)
from govperf_desktop.ui.operations import pending_count
from govperf_desktop.ui.pages.dashboard import TAB_INSTALLATION

from .conftest import NODE_NAME


@pytest.fixture
def window(
    qtbot: QtBot, ui_store: Store, settings: QSettings, zh_cn: list[QTranslator]
) -> MainWindow:
    main_window = MainWindow(ui_store, settings, language="zh_CN")
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    return main_window


def _count_for(model: RecordCountModel, kind: str) -> str:
    for row in range(model.rowCount()):
        index = model.index(row, RecordCountModel.COL_KIND)
        if model.data(index, RecordCountModel.KindRole) == kind:
            return model.data(model.index(row, RecordCountModel.COL_COUNT))
    raise AssertionError(f"no row for {kind}")


def test_dashboard_shows_identity_and_record_counts(
    window: MainWindow, ui_store: Store, qtmodeltester: ModelTester, qtbot: QtBot
) -> None:
    dashboard = window.dashboard
    assert window.current_page_key() == PAGE_DASHBOARD
    assert dashboard.counts_model.rowCount() == 0  # counted only when the tab is shown
    dashboard.tabs.setCurrentIndex(TAB_INSTALLATION)
    qtbot.waitUntil(lambda: dashboard.counts_model.rowCount() > 0 and pending_count() == 0)
    assert dashboard.node_name.text() == NODE_NAME
    assert dashboard.node_role.text() == "中心（考核办）"

    model = dashboard.counts_model
    info = store_info(ui_store)
    assert model.rowCount() == len(info.counts)
    assert _count_for(model, "nodes") == "1"
    assert _count_for(model, "tasks") == "0"
    assert model.headerData(RecordCountModel.COL_KIND, Qt.Orientation.Horizontal) == "记录类型"
    kinds = [model.index(row, RecordCountModel.COL_KIND).data() for row in range(model.rowCount())]
    assert "绩效指标" in kinds
    qtmodeltester.check(model)


def test_clicking_navigation_builds_and_switches_the_page(window: MainWindow, qtbot: QtBot) -> None:
    assert [key for key in PAGE_KEYS if window.is_built(key)] == [PAGE_DASHBOARD]
    navigation = window.navigation
    row = PAGE_KEYS.index(PAGE_SYNC)
    item = navigation.item(row)
    assert item.text() == "同步"
    qtbot.mouseClick(
        navigation.viewport(),
        Qt.MouseButton.LeftButton,
        pos=navigation.visualItemRect(item).center(),
    )
    assert window.current_page_key() == PAGE_SYNC
    assert window.is_built(PAGE_SYNC) and not window.is_built(PAGE_TIMESHEETS)
    assert window.pages.currentWidget() is window.page(PAGE_SYNC)
    assert window.pages.count() == len(PAGE_KEYS)

    window.show_page(PAGE_TIMESHEETS)  # a page that has landed is the real one
    assert not isinstance(window.pages.currentWidget(), PlaceholderPage)

    window.show_page(PAGE_DASHBOARD)
    assert window.pages.currentWidget() is window.dashboard
    qtbot.waitUntil(lambda: pending_count() == 0)


def test_a_page_not_built_yet_is_a_placeholder(
    qtbot: QtBot,
    ui_store: Store,
    settings: QSettings,
    zh_cn: list[QTranslator],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(main_window_module, "page_module", lambda key: None)
    window = MainWindow(ui_store, settings, language="zh_CN")
    qtbot.addWidget(window)
    window.show_page(PAGE_SCORES)
    page = window.pages.currentWidget()
    assert isinstance(page, PlaceholderPage)
    assert page.message.text() == "此页面将在后续版本中提供。"
    qtbot.waitUntil(lambda: pending_count() == 0)


def test_start_up_imports_no_heavy_module() -> None:
    """Opening a store at the head revision and building the window need neither Alembic
    (upgrades only) nor matplotlib/openpyxl (charts, spreadsheets) nor the sync crypto."""
    code = (
        "import sys, tempfile\n"
        "from pathlib import Path\n"
        "from govperf_desktop.services.admin import init_installation, open_installation\n"
        "folder = Path(tempfile.mkdtemp()) / 'data'\n"
        "init_installation(folder, node_name='n', role='central')\n"
        "for name in list(sys.modules):\n"
        "    if name.startswith('alembic'):\n"
        "        del sys.modules[name]\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from govperf_desktop.ui.main_window import MainWindow\n"
        "app = QApplication(['x', '-platform', 'offscreen'])\n"
        "window = MainWindow(open_installation(folder))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "heavy = ('alembic', 'matplotlib', 'openpyxl', 'cryptography')\n"
        "loaded = sorted({n.split('.')[0] for n in sys.modules if n.startswith(heavy)})\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_zh_cn_translation_is_applied(window: MainWindow) -> None:
    assert "绩效" in window.windowTitle()
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles == ["工作台", "指标", "工时", "沟通日志", "评分", "同步", "历史"]
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["文件(&F)", "语言(&L)", "帮助(&H)"]
    assert "0.1" in window.about_text()


def test_without_translators_the_window_is_english(
    qtbot: QtBot, ui_store: Store, settings: QSettings
) -> None:
    english = MainWindow(ui_store, settings, language="en")
    qtbot.addWidget(english)
    assert english.windowTitle() == "govperf — cross-department performance"
    assert english.navigation.item(0).text() == "Dashboard"


def test_geometry_and_page_are_restored_from_settings(
    qtbot: QtBot, ui_store: Store, settings: QSettings
) -> None:
    first = MainWindow(ui_store, settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(701, 503)  # within the offscreen platform's 800×600 screen
    first.show_page(PAGE_TIMESHEETS)
    assert (first.width(), first.height()) == (701, 503)
    first.close()
    assert settings.value("main_window/geometry")

    second = MainWindow(ui_store, settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (701, 503)
    assert second.current_page_key() == PAGE_TIMESHEETS


def test_language_menu_stores_the_choice(window: MainWindow, settings: QSettings) -> None:
    english = next(a for a in window.language_actions.actions() if a.data() == "en")
    english.trigger()
    assert settings.value(LANGUAGE_SETTING) == "en"
    assert english.isChecked()
    assert window.navigation.item(0).text() == "Dashboard"  # switched now (see test_language.py)


def test_main_self_test_returns_0(
    installation_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--self-test", "--data-dir", str(installation_dir)]) == 0
    assert capsys.readouterr().err == ""


def test_main_refuses_a_file_that_is_not_a_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_store = store_path(tmp_path)
    not_a_store.write_bytes(b"PK\x03\x04 a spreadsheet, not a database" * 100)
    before = hashlib.sha256(not_a_store.read_bytes()).hexdigest()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox,
        "critical",
        staticmethod(lambda parent, title, text, *rest: shown.append((title, text))),
    )

    assert main(["--data-dir", str(tmp_path), "--lang", "zh_CN"]) == 2

    assert hashlib.sha256(not_a_store.read_bytes()).hexdigest() == before
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "跨部门绩效协同无法启动"
    assert "不是 SQLite 数据库文件" in text  # the refusal in the window's language
    assert "\n" not in text


def test_main_self_test_without_a_store_prints_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-folder"
    assert main(["--self-test", "--data-dir", str(missing)]) == 2
    error = capsys.readouterr().err.strip()
    assert "No store in" in error
    assert "\n" not in error
    assert not missing.exists()  # a mistyped folder is never created


@pytest.mark.parametrize(
    ("requested", "stored", "system", "expected"),
    [
        ("en", "zh_CN", "zh_CN", "en"),
        (None, "en", "zh_CN", "en"),
        (None, "fr", "zh_CN", "zh_CN"),
        (None, None, "zh_TW", "zh_CN"),
        (None, None, "C", "zh_CN"),
        (None, None, "de_DE", "en"),
        (None, None, "en_US", "en"),
    ],
)
def test_language_resolution(
    requested: str | None, stored: str | None, system: str, expected: str
) -> None:
    assert resolve_language(requested, stored, QLocale(system)) == expected


def test_translations_compile_and_translate(qapp: QApplication, tmp_path: Path) -> None:
    written = compile_translations(tmp_path)
    assert [path.name for path in written] == ["govperf_zh_CN.qm"]
    translator = QTranslator()
    assert translator.load(str(written[0]))
    assert translator.translate("MainWindow", "Dashboard") == "工作台"


@pytest.fixture
def checkout_i18n(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A resources/i18n holding only the .ts source, as a source checkout has."""
    folder = tmp_path / "i18n"
    folder.mkdir()
    source = i18n.resources_dir() / "i18n" / "govperf_zh_CN.ts"
    (folder / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr(i18n, "i18n_dir", lambda: folder)
    yield folder


def test_a_checkout_compiles_into_the_cache_once(checkout_i18n: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    compiled = i18n.find_translation("zh_CN", cache)
    assert compiled == cache / "govperf_zh_CN.qm"
    stamp = compiled.stat().st_mtime_ns
    assert i18n.find_translation("zh_CN", cache) == compiled
    assert compiled.stat().st_mtime_ns == stamp


def test_without_lrelease_english_with_one_warning(
    checkout_i18n: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(i18n, "find_lrelease", lambda: None)
    with caplog.at_level(logging.WARNING, logger=i18n.__name__):
        assert i18n.find_translation("zh_CN", tmp_path / "cache") is None
    assert len(caplog.records) == 1
    assert "using English" in caplog.records[0].getMessage()


def test_qt_font_puts_an_installed_cjk_family_first(qapp: QApplication) -> None:
    if not installed_cjk_families():
        pytest.skip("no CJK font installed on this machine")
    previous = qapp.font()
    try:
        families = setup_qt_fonts(qapp)
        assert families[0] in CJK_FONT_FAMILIES
        assert qapp.font().families()[0] == families[0]
    finally:
        qapp.setFont(previous)


def test_matplotlib_is_imported_only_when_fonts_are_set_up() -> None:
    code = (
        "import sys, govperf_desktop.ui.app, govperf_desktop.ui.fonts as fonts\n"
        "assert 'matplotlib' not in sys.modules\n"
        "families = fonts.setup_matplotlib_fonts()\n"
        "import matplotlib\n"
        "assert matplotlib.rcParams['font.sans-serif'][:2] == ['Microsoft YaHei', 'SimHei']\n"
        "assert matplotlib.rcParams['axes.unicode_minus'] is False\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_main_self_test_on_a_postgresql_store(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--db-url opens the central office's server database: every page opens on it."""
    assert main(["--self-test", "--data-dir", str(tmp_path), "--db-url", pg_url]) == 0
    assert capsys.readouterr().err == ""
    assert not store_path(tmp_path).exists()  # the folder's SQLite file is not made


def test_main_refuses_demo_with_a_server_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVPERF_DB_URL", "postgresql+psycopg://nobody@localhost/none")
    assert main(["--self-test", "--demo", "--data-dir", str(tmp_path)]) == 2
    error = capsys.readouterr().err.strip()
    assert "leave out --db-url" in error and "\n" not in error
