"""The report dialog on the seed demo: preview the first page, save, refuse a bad period."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from pytestqt.qtbot import QtBot

from govperf_desktop.services.admin import Store
from govperf_desktop.services.indicator_views import list_indicators
from govperf_desktop.ui import operations
from govperf_desktop.ui.pages.indicators import create_page
from govperf_desktop.ui.report_dialog import ReportDialog

from .seed_store import seed_store_fixture, seed_template_fixture  # noqa: F401

INDICATOR = "企业开办时间压缩"
SLOW_MS = 120_000  # gathering a report and drawing a PDF on a loaded machine


def wait_for(qtbot: QtBot, condition) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: operations.pending_count() == 0 and bool(condition()), timeout=SLOW_MS)


def _dialog(qtbot: QtBot, store: Store, save_to: Path | None = None) -> ReportDialog:
    found = next(i for i in list_indicators(store) if i.name == INDICATOR)
    dialog = ReportDialog(store, found.id, INDICATOR, save_path=lambda _suggested: str(save_to))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_preview_shows_the_first_page_and_save_writes_the_file(
    qtbot: QtBot, seed_store: Store, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, seed_store, tmp_path / "评分.xlsx")
    dialog.kind.setCurrentIndex(dialog.kind.findData("score"))
    dialog.preview_button.click()
    wait_for(qtbot, lambda: dialog.last_preview is not None)
    preview = dialog.last_preview
    assert preview is not None and preview.title == "考核评分报告"
    assert preview.columns[:2] == ("部门", "角色") and preview.rows[0][0] == "市场监管局"
    if shutil.which("pdftoppm"):
        assert preview.page_png and not dialog.page.pixmap().isNull()
    else:
        assert dialog.table.rowCount() == len(preview.rows)
    dialog.save_button.click()
    wait_for(qtbot, lambda: dialog.last_file is not None)
    assert "Saved 考核评分报告" in dialog.message.text() or "已" in dialog.message.text()
    book = openpyxl.load_workbook(tmp_path / "评分.xlsx")
    assert "总分" in book.sheetnames


def test_a_bad_period_is_shown_in_the_dialog(qtbot: QtBot, seed_store: Store) -> None:
    dialog = _dialog(qtbot, seed_store)
    dialog.period.setText("2026-13")
    dialog.preview_button.click()
    wait_for(qtbot, lambda: "is not a period" in dialog.message.text())
    assert dialog.last_preview is None and dialog.preview_button.isEnabled()


def test_the_indicators_page_opens_the_dialog(qtbot: QtBot, seed_store: Store) -> None:
    page = create_page(seed_store, None)
    qtbot.addWidget(page)
    dialog = page.open_reports()  # type: ignore[attr-defined]
    assert isinstance(dialog, ReportDialog) and dialog.chosen_kind() == "summary"
    dialog.close()
