"""The communication log page driven as a user on the seed demo: a Chinese search with its
matches highlighted, filters, paging by the service's cursor, opening a task."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from govperf_desktop.services.admin import Store
from govperf_desktop.ui import feedback
from govperf_desktop.ui.pages import communication
from govperf_desktop.ui.pages.communication import CommunicationPage, create_page
from govperf_desktop.ui.pages.communication_results import (
    MATCH_COLOUR,
    CommentHitModel,
    body_html,
    snippet_html,
)

from .seed_store import (  # noqa: F401 - fixtures
    seed_store_fixture,
    seed_template_fixture,
    type_text,
    wait_for,
)

MARK = f'<b style="color:{MATCH_COLOUR}">'


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(feedback, "show_error", lambda parent, message: messages.append(message))
    return messages


@pytest.fixture
def page(qtbot: QtBot, seed_store: Store) -> CommunicationPage:
    widget = create_page(seed_store, None)
    assert isinstance(widget, CommunicationPage)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    wait_for(qtbot, lambda: widget.model.rowCount() > 0 and widget.department.count() > 1)
    return widget


def _search(qtbot: QtBot, page: CommunicationPage, text: str) -> None:
    page.query.clear()
    type_text(qtbot, page.query, text)
    with qtbot.waitSignal(page.results_loaded, timeout=10_000):
        qtbot.keyClick(page.query, Qt.Key.Key_Return)


def _bodies(page: CommunicationPage) -> list[str]:
    return [page.model.row_at(row).body for row in range(page.model.rowCount())]


def test_a_chinese_search_highlights_its_matches(
    qtbot: QtBot, page: CommunicationPage, qtmodeltester: ModelTester
) -> None:
    _search(qtbot, page, "清单")
    bodies = _bodies(page)
    assert bodies and all("清单" in body for body in bodies)
    assert "@董明 清单已提交并通过审核,请查收。" in bodies
    html = page.model.index(0, CommentHitModel.COL_SNIPPET).data(CommentHitModel.HtmlRole)
    assert f"{MARK}清单</b>" in html
    assert "【" not in html  # the marks became spans
    assert page.summary.text() == f"{len(bodies)} comments found."
    # The selected comment in full, every match highlighted.
    first = page.model.row_at(0)
    assert first.body in page.detail.toPlainText()
    assert f"color:{MATCH_COLOUR}" in page.detail.toHtml()
    qtmodeltester.check(page.model)
    page.results.viewport().grab()  # the snippet delegate paints rich text


def test_two_words_must_both_appear(qtbot: QtBot, page: CommunicationPage) -> None:
    _search(qtbot, page, "卫健委 对接")
    bodies = _bodies(page)
    assert bodies and all("卫健委" in body and "对接" in body for body in bodies)
    html = page.model.index(0, CommentHitModel.COL_SNIPPET).data(CommentHitModel.HtmlRole)
    assert f"{MARK}卫健委</b>" in html and f"{MARK}对接</b>" in html


def test_filter_by_department(qtbot: QtBot, page: CommunicationPage) -> None:
    page.department.setCurrentIndex(page.department.findText("医保局"))
    _search(qtbot, page, "对接")
    rows = [page.model.row_at(row) for row in range(page.model.rowCount())]
    assert rows and {row.department for row in rows} == {"医保局"}


def test_more_results_continue_from_the_cursor(
    qtbot: QtBot, page: CommunicationPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(communication, "PAGE_SIZE", 2)
    _search(qtbot, page, "清单")
    assert page.model.rowCount() == 2 and page.more.isEnabled()
    assert page.summary.text() == "2 comments shown; more below."
    seen = [hit.id for hit in page.model.rows()]
    while page.more.isEnabled():
        with qtbot.waitSignal(page.results_loaded, timeout=10_000):
            qtbot.mouseClick(page.more, Qt.MouseButton.LeftButton)
        seen = [hit.id for hit in page.model.rows()]
    assert len(seen) == len(set(seen)) > 2
    times = [hit.created_at for hit in page.model.rows()]
    assert times == sorted(times, reverse=True)  # newest first, across pages


def test_double_click_opens_the_task(qtbot: QtBot, page: CommunicationPage) -> None:
    _search(qtbot, page, "清单")
    hit = page.model.row_at(1)
    index = page.model.index(1, CommentHitModel.COL_AUTHOR)
    rect = page.results.visualRect(index)
    with qtbot.waitSignal(page.open_task) as opened:
        # A real double-click: press and release, then the double-click event.
        qtbot.mouseClick(page.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [hit.task_id]


def test_a_task_code_needs_its_indicator(
    qtbot: QtBot, page: CommunicationPage, shown: list[str]
) -> None:
    type_text(qtbot, page.query, "清单")
    type_text(qtbot, page.task_code, "GZ-01")
    qtbot.keyClick(page.task_code, Qt.Key.Key_Return)
    assert shown == ["Choose the indicator of task GZ-01 (task codes repeat across indicators)."]
    assert page.query.text() == "清单"  # nothing typed is lost
    page.indicator.setCurrentIndex(
        page.indicator.findText("老旧小区改造项目推进率", Qt.MatchFlag.MatchStartsWith)
    )
    with qtbot.waitSignal(page.results_loaded, timeout=10_000):
        qtbot.keyClick(page.task_code, Qt.Key.Key_Return)
    rows = page.model.rows()
    assert rows and {row.task_code for row in rows} == {"GZ-01"}


def test_marks_that_are_not_matches_stay_as_written() -> None:
    snippet = "请按【操作规程】提交【清单】"
    assert snippet_html(snippet, ("清单",)) == f"请按【操作规程】提交{MARK}清单</b>"
    assert snippet_html("<b>【A&B】</b>", ("a&b",)) == f"&lt;b&gt;{MARK}A&amp;B</b>&lt;/b&gt;"
    assert body_html("API 接口 api", ("api",)) == f"{MARK}API</b> 接口 {MARK}api</b>"
