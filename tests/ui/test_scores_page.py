"""The scores page (考核评分), driven as a user on the seed demo data."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTabWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from govperf_desktop.services.admin import Store
from govperf_desktop.services.scoring import score_indicator
from govperf_desktop.ui import feedback
from govperf_desktop.ui.pages import scores_evidence
from govperf_desktop.ui.pages.scores import TAB_DEDUCTIONS, TAB_LATE, ScoresPage, create_page
from govperf_desktop.ui.pages.scores_models import DetailModel, TotalsModel

from .seed_store import (  # noqa: F401 - fixtures
    seed_store_fixture,
    seed_template_fixture,
    wait_for,
)

INDICATOR = "企业开办时间压缩"
SAVED_TOTALS = {"市场监管局": 100.0, "政务服务中心": 56.13, "税务局": 17.83}


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Refusals the page showed (instead of a message box)."""
    messages: list[str] = []
    monkeypatch.setattr(feedback, "show_error", lambda parent, message: messages.append(message))
    return messages


@pytest.fixture
def page(qtbot: QtBot, seed_store: Store, shown: list[str]) -> ScoresPage:
    widget = create_page(seed_store, None)
    assert isinstance(widget, ScoresPage)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    wait_for(qtbot, lambda: widget.comparison is not None)
    row = next(
        i
        for i in range(widget.indicator_box.count())
        if INDICATOR in widget.indicator_box.itemText(i)
    )
    widget.indicator_box.setCurrentIndex(row)
    widget.indicator_box.activated.emit(row)  # as picking it with the mouse does
    wait_for(qtbot, lambda: widget.comparison and widget.comparison.scores.indicator == INDICATOR)
    return widget


def _totals(page: ScoresPage) -> dict[str, str]:
    model = page.totals
    return {
        model.index(row, TotalsModel.COL_DEPARTMENT).data(): model.index(
            row, TotalsModel.COL_TOTAL
        ).data()
        for row in range(model.rowCount())
    }


def _click(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def _row_of(page: ScoresPage, department: str) -> int:
    return next(r for r, result in enumerate(page.totals.rows()) if result.department == department)


def _click_tab(qtbot: QtBot, tabs: QTabWidget, index: int) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


def test_totals_are_the_scoring_services(page: ScoresPage, seed_store: Store) -> None:
    assert page._now is not None
    expected = score_indicator(seed_store, INDICATOR, now=page._now)
    shown = _totals(page)
    assert shown == {r.department: f"{r.total:.2f}" for r in expected.departments}
    assert shown == {name: f"{total:.2f}" for name, total in SAVED_TOTALS.items()}
    # the dimension columns are the tree's points; deductions and 'before' add up
    model = page.totals
    row = _row_of(page, "税务局")
    assert [model.index(row, c).data() for c in range(2, 9)] == [
        "11.43", "12.00", "4.00", "0.00", "27.43", "-9.60", "17.83"
    ]  # fmt: skip
    # without what-if weights, no saved/difference columns
    assert page.totals_view.isColumnHidden(TotalsModel.COL_SAVED)
    assert page.totals_view.isColumnHidden(TotalsModel.COL_DIFFERENCE)
    assert "30" in page.config_label.text()


def test_charts_show_every_department(page: ScoresPage) -> None:
    assert page.bars_canvas is not None
    axes = page.bars_canvas.figure.axes[0]
    assert axes.get_title() == INDICATOR
    texts = {t.get_gid(): t.get_text() for t in axes.texts}
    assert texts == {f"total:{name}": f"{total:g}" for name, total in SAVED_TOTALS.items()}
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert legend == ["Input", "Response speed", "Output quality", "Collaboration", "Deductions"]
    assert len(page.radar_canvases) == 3
    titles = [c.figure.axes[0].get_title() for c in page.radar_canvases]
    assert titles[0].startswith("市场监管局")


def test_deductions_and_attribution(qtbot: QtBot, page: ScoresPage) -> None:
    _click_tab(qtbot, page.tabs, TAB_DEDUCTIONS)
    rows = [
        [page.deductions.index(r, c).data() for c in range(4)]
        for r in range(page.deductions.rowCount())
    ]
    assert rows == [
        ["政务服务中心", "Cooperating department", "10%", "-6.24"],
        ["税务局", "Its failure caused the miss", "20%", "-5.49"],
        ["税务局", "Its delay made another department late", "15%", "-4.11"],
    ]
    assert "23 of 23" in page.deductions.index(1, 4).data()
    _click_tab(qtbot, page.tabs, TAB_LATE)
    late = page.late
    assert [late.index(r, 0).data() for r in range(late.rowCount())] == ["QK-02", "QK-04"]
    assert late.index(1, late.COL_LATE).data() == "9"
    assert "税务局" in late.index(1, late.COL_EXPLANATION).data()


def test_clicking_a_number_shows_its_rows(qtbot: QtBot, page: ScoresPage) -> None:
    row = _row_of(page, "税务局")
    _click(qtbot, page.totals_view, page.totals.index(row, TotalsModel.COL_INPUT))
    dialog = page.evidence_dialog
    assert dialog is not None and dialog.isVisible()
    wait_for(qtbot, lambda: dialog.model.rowCount() == 28)
    assert "税务局" in dialog.heading.text() and "11.43" in dialog.heading.text()
    codes = [dialog.metric_box.itemData(i) for i in range(dialog.metric_box.count())]
    assert codes == ["hours_share", "overtime_count"]
    assert dialog.range_label.text() == "Rows 1–28 of 28"
    assert "冯志强" in dialog.model.index(0, dialog.model.COL_SUMMARY).data()
    dialog.metric_box.setCurrentIndex(1)
    wait_for(qtbot, lambda: dialog.model.rowCount() == 3)
    dialog.close()

    # the department's detail: clicking a sub-metric's points shows only its rows
    assert page.detail_title.text().startswith("税务局")
    detail = page.detail
    metric_row = next(
        r for r in range(detail.rowCount()) if detail.row_at(r).key == "revisions_per_task"
    )
    _click(qtbot, page.detail_view, detail.index(metric_row, DetailModel.COL_POINTS))
    dialog = page.evidence_dialog
    wait_for(qtbot, lambda: dialog.model.rowCount() == 2)
    assert dialog.metric_box.count() == 1
    assert dialog.model.index(0, dialog.model.COL_TABLE).data() == "task events"

    # the total: every sub-metric; several tables get a table chooser
    _click(qtbot, page.totals_view, page.totals.index(row, TotalsModel.COL_TOTAL))
    dialog = page.evidence_dialog
    assert dialog.metric_box.count() == 8
    first_pass = dialog.metric_box.findData("first_pass_rate")
    dialog.metric_box.setCurrentIndex(first_pass)
    wait_for(qtbot, lambda: dialog.table_box.isVisible() and dialog.model.rowCount() == 1)
    assert dialog.table_box.count() == 2


def test_evidence_is_paged(qtbot: QtBot, page: ScoresPage, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(scores_evidence, "PAGE_SIZE", 20)
    row = _row_of(page, "市场监管局")
    _click(qtbot, page.totals_view, page.totals.index(row, TotalsModel.COL_INPUT))
    dialog = page.evidence_dialog
    wait_for(qtbot, lambda: dialog.model.rowCount() == 20)
    assert dialog.range_label.text() == "Rows 1–20 of 50"
    assert not dialog.previous_button.isEnabled()
    first = dialog.model.index(0, dialog.model.COL_ID).data()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: dialog.range_label.text() == "Rows 21–40 of 50")
    assert dialog.model.index(0, dialog.model.COL_ID).data() != first
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: dialog.range_label.text() == "Rows 41–50 of 50")
    assert dialog.model.rowCount() == 10
    assert not dialog.next_button.isEnabled()
    qtbot.mouseClick(dialog.previous_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: dialog.range_label.text() == "Rows 21–40 of 50")


def _type_weight(qtbot: QtBot, page: ScoresPage, code: str, value: str) -> None:
    box = page.weights.boxes[code]
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, value)


def test_what_if_weights_change_totals_and_reset(
    qtbot: QtBot, page: ScoresPage, seed_store: Store
) -> None:
    _type_weight(qtbot, page, "input", "40")
    # 40 + 20 + 30 + 20 = 110: said, and nothing recomputed
    assert "110" in page.weights.sum_label.text()
    qtbot.wait(400)
    wait_for(qtbot, lambda: True)
    assert _totals(page)["政务服务中心"] == "56.13"
    _type_weight(qtbot, page, "collaboration", "10")
    wait_for(qtbot, lambda: page.comparison.what_if)
    totals = _totals(page)
    assert totals == {"市场监管局": "100.00", "政务服务中心": "60.76", "税务局": "20.30"}
    assert not page.totals_view.isColumnHidden(TotalsModel.COL_DIFFERENCE)
    row = _row_of(page, "政务服务中心")
    assert page.totals.index(row, TotalsModel.COL_SAVED).data() == "56.13"
    assert page.totals.index(row, TotalsModel.COL_DIFFERENCE).data() == "+4.63"
    assert "not saved" in page.config_label.text()
    assert page.bars_canvas.figure.axes[0].texts  # charts drawn again
    # nothing was saved: the service still scores with the saved weights
    assert score_indicator(seed_store, INDICATOR, now=page._now).departments[1].total == 56.13

    assert page.weights.reset_button.isEnabled()
    qtbot.mouseClick(page.weights.reset_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: not page.comparison.what_if)
    assert _totals(page)["政务服务中心"] == "56.13"
    assert page.weights.boxes["input"].value() == 30.0
    assert page.totals_view.isColumnHidden(TotalsModel.COL_DIFFERENCE)
    assert not page.weights.reset_button.isEnabled()


def test_a_bad_period_is_refused(qtbot: QtBot, page: ScoresPage, shown: list[str]) -> None:
    page.period_box.setFocus()
    page.period_box.lineEdit().selectAll()
    qtbot.keyClicks(page.period_box.lineEdit(), "2026-13")
    qtbot.keyClick(page.period_box.lineEdit(), Qt.Key.Key_Return)
    wait_for(qtbot, lambda: shown)
    assert "2026-13" in shown[0]
    assert page.period_box.currentText() == "2026-13"  # what was typed stays
    assert _totals(page)["税务局"] == "17.83"  # the last scores stay


def test_a_period_narrows_the_window(qtbot: QtBot, page: ScoresPage) -> None:
    page.period_box.lineEdit().selectAll()
    qtbot.keyClicks(page.period_box.lineEdit(), "2026-09")
    qtbot.keyClick(page.period_box.lineEdit(), Qt.Key.Key_Return)
    wait_for(qtbot, lambda: page.comparison.scores.window.start is not None)
    assert "2026-09" in page.config_label.text()


def test_models_pass_the_model_tester(
    qtbot: QtBot, page: ScoresPage, qtmodeltester: ModelTester
) -> None:
    for model in (page.totals, page.detail, page.deductions, page.late):
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    row = _row_of(page, "税务局")
    _click(qtbot, page.totals_view, page.totals.index(row, TotalsModel.COL_RESPONSE))
    dialog = page.evidence_dialog
    wait_for(qtbot, lambda: dialog.model.rowCount() > 0)
    qtmodeltester.check(dialog.model)


def test_chinese_labels(qtbot: QtBot, seed_store: Store, zh_cn, shown) -> None:  # type: ignore[no-untyped-def]
    widget = create_page(seed_store, None)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    wait_for(qtbot, lambda: widget.comparison is not None)
    headers = [widget.totals.headerData(c, Qt.Orientation.Horizontal) for c in range(2, 6)]
    assert headers == ["投入度", "响应速度", "任务完成质量", "协作贡献度"]
    assert widget.tabs.tabText(1) == "雷达图"
    assert widget.weights.title() == "假设权重"
    QApplication.processEvents()
