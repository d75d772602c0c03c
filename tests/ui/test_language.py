"""Chinese first: the language switches at run time, every string is translated, Qt's own
dialogs speak Chinese too, and the CJK font list is the same for widgets and charts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from govperf_desktop.reports.cjk_font import CJK_FAMILIES
from govperf_desktop.services.admin import Store
from govperf_desktop.ui.fonts import CJK_FONT_FAMILIES
from govperf_desktop.ui.i18n import (
    LANGUAGE_SETTING,
    current_language,
    i18n_dir,
    install_translators,
    remove_translators,
    switch_language,
)
from govperf_desktop.ui.main_window import PAGE_INDICATORS, PAGE_TIMESHEETS, MainWindow

from .seed_store import (  # noqa: F401 - fixtures
    seed_store_fixture,
    seed_template_fixture,
    wait_for,
)

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = i18n_dir() / "govperf_zh_CN.ts"


@pytest.fixture
def window(
    qtbot: QtBot,
    seed_store: Store,
    settings: QSettings,
    zh_cn: list[QTranslator],
    qapp: QApplication,
) -> Iterator[MainWindow]:
    main_window = MainWindow(seed_store, settings, language="zh_CN")
    qtbot.addWidget(main_window)
    main_window.resize(1300, 850)
    main_window.show()
    qtbot.waitExposed(main_window)
    yield main_window
    # Translators a switch installed belong to no fixture: remove them, as other tests expect.
    switch_language(qapp, "en")


def _labels(widget: object) -> set[str]:
    return {label.text() for label in widget.findChildren(QLabel)}  # type: ignore[attr-defined]


def _choose(window: MainWindow, code: str) -> None:
    action = next(a for a in window.language_actions.actions() if a.data() == code)
    action.trigger()


def test_the_language_switches_while_the_window_is_open(
    qtbot: QtBot, window: MainWindow, settings: QSettings
) -> None:
    window.show_page(PAGE_INDICATORS)
    indicators = window.page(PAGE_INDICATORS)
    wait_for(qtbot, lambda: indicators.list_model.rowCount() == 5)  # type: ignore[attr-defined]
    assert "当前操作人：" in _labels(indicators)
    assert window.file_menu.title() == "文件(&F)"

    _choose(window, "en")
    assert settings.value(LANGUAGE_SETTING) == "en"
    assert current_language() == "en"
    assert window.navigation.item(0).text() == "Dashboard"
    assert window.file_menu.title() == "&File"
    rebuilt = window.page(PAGE_INDICATORS)
    assert rebuilt is not indicators  # rebuilt in English, and on screen
    assert window.pages.currentWidget() is rebuilt
    wait_for(qtbot, lambda: rebuilt.list_model.rowCount() == 5)  # type: ignore[attr-defined]
    assert "Acting as:" in _labels(rebuilt)
    assert window.statusBar().currentMessage() == ""

    _choose(window, "zh_CN")
    assert window.navigation.item(2).text() == "工时"
    window.show_page(PAGE_TIMESHEETS)
    assert "当前操作人：" in _labels(window.page(PAGE_TIMESHEETS))
    # Qt's own strings follow too (qtbase_zh_CN).
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_an_unknown_language_changes_nothing(qapp: QApplication, zh_cn: list[QTranslator]) -> None:
    assert not switch_language(qapp, "fr")
    assert current_language() == "zh_CN"
    assert QCoreApplication.translate("MainWindow", "Dashboard") == "工作台"


def test_qt_s_own_translation_is_installed(qapp: QApplication, tmp_path: Path) -> None:
    translators = install_translators(qapp, "zh_CN", tmp_path / "cache")
    try:
        assert len(translators) == 2  # Qt's qtbase_zh_CN and the application's
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
        assert QCoreApplication.translate("QPlatformTheme", "Save") == "保存"
    finally:
        remove_translators(qapp, translators)


def test_the_translation_has_no_unfinished_entries() -> None:
    text = TS_FILE.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    assert "<translation></translation>" not in text
    assert len(re.findall(r"<message", text)) > 500


@pytest.mark.skipif(
    shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) is None,
    reason="pyside6-lupdate is not installed",
)
def test_every_ui_string_is_in_the_translation(tmp_path: Path) -> None:
    """lupdate over every ui/ module finds nothing that the shipped .ts lacks."""
    copy = tmp_path / "check.ts"
    shutil.copy(TS_FILE, copy)
    sources = sorted(str(p) for p in (ROOT / "govperf_desktop" / "ui").rglob("*.py"))
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    result = subprocess.run(
        [str(lupdate), *sources, "-ts", str(copy)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    found = re.search(r"\((\d+) new and", result.stdout + result.stderr)
    assert found is not None, result.stdout + result.stderr
    new = found.group(1)
    unfinished = re.findall(
        r"<source>([^<]*)</source>\s*<translation type=\"unfinished\"",
        copy.read_text(encoding="utf-8"),
    )
    assert (new, unfinished) == ("0", []), "run lupdate and translate these"


def test_widgets_and_charts_share_one_cjk_font_list() -> None:
    assert CJK_FONT_FAMILIES == CJK_FAMILIES
    for family in ("Microsoft YaHei", "SimHei", "PingFang SC", "Hiragino Sans GB"):
        assert family in CJK_FONT_FAMILIES
    for family in ("Noto Sans CJK SC", "WenQuanYi Micro Hei"):
        assert family in CJK_FONT_FAMILIES


def test_matplotlib_gets_the_cjk_families_first() -> None:
    from govperf_desktop.ui.fonts import setup_matplotlib_fonts

    families = setup_matplotlib_fonts()
    assert tuple(families[: len(CJK_FONT_FAMILIES)]) == CJK_FONT_FAMILIES
    import matplotlib

    assert matplotlib.rcParams["axes.unicode_minus"] is False
