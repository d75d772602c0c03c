"""Fixtures for the desktop UI tests: offscreen Qt, throw-away settings, a real store.

QT_QPA_PLATFORM must be set before Qt is loaded, which is why it is set at import time here.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from govperf_desktop.services.admin import init_installation
from govperf_desktop.store.store import Store, open_store
from govperf_desktop.ui import i18n
from govperf_desktop.ui.i18n import install_translators, remove_translators

NODE_NAME = "测试节点"


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path) -> Iterator[Path]:
    """Every QSettings() of a test reads and writes an INI file under tmp_path, never the
    user's real settings."""
    folder = tmp_path / "qsettings"
    previous_format = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    QSettings.setDefaultFormat(previous_format)


@pytest.fixture(autouse=True)
def restore_default_locale() -> Iterator[None]:
    """main() and install_translators() set the default QLocale; keep that inside the test."""
    previous = QLocale()
    yield
    QLocale.setDefault(previous)


@pytest.fixture(autouse=True)
def restore_ui_language() -> Iterator[None]:
    """install_translators() records the UI language (refusals are translated into it); a
    test that switches to zh_CN must not leave the next test speaking Chinese."""
    previous = dict(i18n._current)
    yield
    i18n._current.clear()
    i18n._current.update(previous)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def installation_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    init_installation(directory, node_name=NODE_NAME, role="central")
    return directory


@pytest.fixture
def ui_store(installation_dir: Path) -> Iterator[Store]:
    store = open_store(installation_dir)
    yield store
    store.close()


@pytest.fixture
def zh_cn(qapp: QApplication, tmp_path: Path) -> Iterator[list[QTranslator]]:
    """The zh_CN translators installed for one test (compiled into tmp_path if need be)."""
    translators = install_translators(qapp, "zh_CN", tmp_path / "i18n-cache")
    yield translators
    remove_translators(qapp, translators)
