"""The indicators page and the task page, driven as a user on the seed demo data."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTabWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from govperf_desktop.services.admin import Store
from govperf_desktop.services.comments import comment_thread
from govperf_desktop.services.task_views import show_task
from govperf_desktop.ui import feedback
from govperf_desktop.ui.models.comments import CommentThreadModel
from govperf_desktop.ui.models.indicators import DecompositionModel, IndicatorListModel
from govperf_desktop.ui.pages.indicators import IndicatorsPage, create_page

from .seed_store import (  # noqa: F401 - fixtures
    SEED_TODAY,
    UI_NOW,
    seed_store_fixture,
    seed_template_fixture,
    type_text,
    wait_for,
)

EVENT_COL = 1


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Refusals the page showed (instead of a message box); confirmations say yes."""
    messages: list[str] = []
    monkeypatch.setattr(feedback, "show_error", lambda parent, message: messages.append(message))
    monkeypatch.setattr(feedback, "confirm", lambda parent, title, text: True)
    return messages


@pytest.fixture
def page(qtbot: QtBot, seed_store: Store) -> IndicatorsPage:
    widget = create_page(seed_store, None)
    assert isinstance(widget, IndicatorsPage)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    wait_for(qtbot, lambda: widget.list_model.rowCount() == 5)
    return widget


def _names(page: IndicatorsPage) -> list[str]:
    return [
        page.proxy.index(row, IndicatorListModel.COL_NAME).data()
        for row in range(page.proxy.rowCount())
    ]


def _click_row(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex, double: bool = False):  # type: ignore[no-untyped-def]
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if double:  # a real double-click: press, release, then the double-click event
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _click_tab(qtbot: QtBot, tabs: QTabWidget, title: str) -> None:
    bar = tabs.tabBar()
    tab = next(i for i in range(bar.count()) if bar.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tab).center())


def _open_indicator(qtbot: QtBot, page: IndicatorsPage, name: str) -> None:
    row = _names(page).index(name)
    _click_row(qtbot, page.list_view, page.proxy.index(row, IndicatorListModel.COL_NAME))
    wait_for(qtbot, lambda: page.title.text() == name)


def _open_task(qtbot: QtBot, page: IndicatorsPage, code: str) -> None:
    index = page.decomposition.find(code)
    assert index.isValid(), code
    _click_row(qtbot, page.tree_view, index, double=True)
    wait_for(
        qtbot, lambda: page.task_view.detail is not None and page.task_view.detail.code == code
    )
    assert page.stack.currentWidget() is page.task_view


def _events(page: IndicatorsPage) -> list[str]:
    model = page.task_view.events
    return [model.index(row, EVENT_COL).data() for row in range(model.rowCount())]


def test_nothing_is_read_before_the_page_is_shown(qtbot: QtBot, seed_store: Store) -> None:
    widget = IndicatorsPage(seed_store)
    qtbot.addWidget(widget)
    qtbot.wait(50)
    assert widget.list_model.rowCount() == 0
    assert widget.acting.count() == 0


def test_importing_the_pages_does_not_import_matplotlib() -> None:
    code = (
        "import sys\n"
        "import govperf_desktop.ui.pages.indicators, govperf_desktop.ui.pages.history\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported at start'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_filters_narrow_the_list(
    qtbot: QtBot, page: IndicatorsPage, qtmodeltester: ModelTester
) -> None:
    assert "企业开办时间压缩" in _names(page)
    qtmodeltester.check(page.list_model)

    page.department_filter.setCurrentIndex(page.department_filter.findText("税务局"))
    wait_for(qtbot, lambda: page.list_model.rowCount() == 1)
    assert _names(page) == ["企业开办时间压缩"]

    page.department_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(page.status_filter.findData("active"))
    wait_for(qtbot, lambda: page.list_model.rowCount() == 4)
    assert "企业开办时间压缩" not in _names(page)

    page.status_filter.setCurrentIndex(0)
    wait_for(qtbot, lambda: page.list_model.rowCount() == 5)
    type_text(qtbot, page.search, "企业")
    assert _names(page) == ["企业开办时间压缩"]
    page.search.clear()
    type_text(qtbot, page.search, "医保局")  # a lead department's name finds it too
    assert _names(page) == ["医保异地结算"]


def test_an_indicator_shows_its_tasks_and_timeline(
    qtbot: QtBot, page: IndicatorsPage, qtmodeltester: ModelTester
) -> None:
    _open_indicator(qtbot, page, "企业开办时间压缩")
    assert "市场监管局" in page.summary.text() and "20%" in page.summary.text()
    model = page.decomposition
    rows = {
        model.index(row, DecompositionModel.COL_CODE).data(): (
            model.index(row, DecompositionModel.COL_DEPARTMENT).data(),
            model.index(row, DecompositionModel.COL_DEPENDS).data(),
        )
        for row in range(model.rowCount())
    }
    assert rows == {
        "QK-01": ("市场监管局", ""),
        "QK-04": ("市场监管局", "QK-02、QK-03"),
        "QK-03": ("政务服务中心", ""),
        "QK-02": ("税务局", "QK-01"),
    }
    standard = model.index(0, DecompositionModel.COL_STANDARD).data()
    assert "统一社会信用代码" in standard
    qtmodeltester.check(model)
    assert not page.notify_button.isEnabled()  # the indicator has ended

    assert page.timeline_canvas is None
    _click_tab(qtbot, page.tabs, "Timeline")
    wait_for(qtbot, lambda: page.timeline_canvas is not None)
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    canvas = page.timeline_canvas
    assert isinstance(canvas, FigureCanvasQTAgg)
    gids = {artist.get_gid() for artist in canvas.figure.axes[0].findobj() if artist.get_gid()}
    assert {"work:QK-02", "late:QK-02:税务局", "dependency:QK-01->QK-02"} <= gids
    assert {"dependency:QK-02->QK-04", "dependency:QK-03->QK-04"} <= gids
    # QK-04 (市场监管局) was late only because 税务局's QK-02 was: its late part is 税务局's.
    assert "late:QK-04:税务局" in gids and "late:QK-04:市场监管局" not in gids
    qtmodeltester.check(page.proxy)
    assert canvas.figure.axes[0].get_title() == "企业开办时间压缩"

    # Another indicator while the timeline is shown draws its timeline.
    _open_indicator(qtbot, page, "医保异地结算")
    wait_for(qtbot, lambda: page.timeline_canvas is not canvas)
    assert page.timeline_canvas.figure.axes[0].get_title() == "医保异地结算"


def test_recurring_instances_sit_under_their_task(qtbot: QtBot, page: IndicatorsPage) -> None:
    _open_indicator(qtbot, page, "政务服务“跨省通办”")
    model = page.decomposition
    first = model.index(0, 0)
    assert model.index(0, DecompositionModel.COL_DEADLINE).data() == "每月10日"
    assert model.rowCount(first) == 4
    assert model.index(0, DecompositionModel.COL_CODE, first).data() == "KS-01/2026-08"


def test_a_task_page_shows_checklist_submissions_events_and_thread(
    qtbot: QtBot, page: IndicatorsPage, qtmodeltester: ModelTester
) -> None:
    _open_indicator(qtbot, page, "企业开办时间压缩")
    _open_task(qtbot, page, "QK-02")
    view = page.task_view
    assert view.heading.text() == "QK-02  税务登记系统与工商系统对接"
    assert view.checklist.rowCount() == 3
    assert view.submissions.rowCount() == 3
    missing = view.submissions.index(0, view.submissions.COL_MISSING).data()
    assert "需提供接口联调测试报告" in missing
    assert _events(page)[0] == "notified"
    assert _events(page).count("returned for revision") == 2
    thread = view.comments.thread
    authors = [c.author for c in thread.comments()]
    assert authors[:2] == ["吴敏", "冯志强"]
    top = thread.index(0, CommentThreadModel.COL_TEXT)
    assert thread.rowCount(top.siblingAtColumn(0)) == 1  # 冯志强's reply is indented under it
    assert view.support.rowCount() == 1
    for model in (view.checklist, view.submissions, view.events, view.support, thread):
        qtmodeltester.check(model)
    qtmodeltester.check(page.acting.people)

    qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.browser


def test_posting_a_comment_with_a_typed_mention(
    qtbot: QtBot, page: IndicatorsPage, seed_store: Store, shown: list[str]
) -> None:
    assert page.acting.select_person("吴敏@市场监管局")
    _open_indicator(qtbot, page, "企业开办时间压缩")
    _open_task(qtbot, page, "QK-02")
    comments = page.task_view.comments
    box = comments.input
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    type_text(qtbot, box, "@冯")
    popup = box.completer_popup.popup()
    wait_for(qtbot, popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert box.text() == "@冯志强 "
    type_text(qtbot, box, "请确认接口联调时间。")
    before = len(comment_thread(seed_store, "QK-02", indicator="企业开办时间压缩").comments)
    qtbot.mouseClick(comments.post_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: comments.thread.rowCount() and box.text() == "")

    thread = comment_thread(seed_store, "QK-02", indicator="企业开办时间压缩")
    assert len(thread.comments) == before + 1
    posted = thread.comments[-1]
    assert posted.body == "@冯志强 请确认接口联调时间。"
    assert posted.mentions == ("冯志强@税务局",)
    assert posted.author == "吴敏"
    assert comments.selected_comment() is not None
    assert comments.selected_comment().id == posted.id
    assert shown == []


def test_a_department_is_completed_and_mentioned(
    qtbot: QtBot, page: IndicatorsPage, seed_store: Store, shown: list[str]
) -> None:
    assert page.acting.select_person("吴敏@市场监管局")
    _open_indicator(qtbot, page, "企业开办时间压缩")
    _open_task(qtbot, page, "QK-02")
    comments = page.task_view.comments
    box = comments.input
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(box.candidates_shown) as offered:
        type_text(qtbot, box, "请@税")
    assert [(c.kind, c.text) for c in offered.args[0]] == [("department", "税务局")]
    popup = box.completer_popup.popup()
    wait_for(qtbot, popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert box.text() == "请@税务局 "
    type_text(qtbot, box, "补充字段说明。")
    qtbot.mouseClick(comments.post_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: box.text() == "")
    posted = comment_thread(seed_store, "QK-02", indicator="企业开办时间压缩").comments[-1]
    assert posted.body == "请@税务局 补充字段说明。"
    assert posted.mentions == ("税务局",)
    assert shown == []


def test_a_refused_comment_keeps_its_text(
    qtbot: QtBot, page: IndicatorsPage, seed_store: Store, shown: list[str]
) -> None:
    page.acting.select_person("吴敏@市场监管局")
    _open_indicator(qtbot, page, "企业开办时间压缩")
    _open_task(qtbot, page, "QK-02")
    box = page.task_view.comments.input
    before = comment_thread(seed_store, "QK-02", indicator="企业开办时间压缩")
    type_text(qtbot, box, "@不存在的部门 请回复")
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # close any completion popup
    qtbot.mouseClick(page.task_view.comments.post_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: shown)
    assert len(shown) == 1 and "不存在的部门" in shown[0] and "\n" not in shown[0]
    assert box.text() == "@不存在的部门 请回复"
    assert comment_thread(seed_store, "QK-02", indicator="企业开办时间压缩") == before


def test_start_and_submit_a_task_and_see_its_events(
    qtbot: QtBot, page: IndicatorsPage, seed_store: Store, shown: list[str]
) -> None:
    page.acting.select_person("苏晴@医保局")
    _open_indicator(qtbot, page, "医保异地结算")
    _open_task(qtbot, page, "YB-04")
    view = page.task_view
    assert view.start_button.isEnabled()
    assert not view.submit_button.isEnabled()
    assert not view.accept_button.isEnabled()  # 医保局 leads, but nothing was submitted

    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "work started" in _events(page))
    assert view.detail is not None and view.detail.status == "in_progress"
    assert view.submit_button.isEnabled() and not view.start_button.isEnabled()

    # Tick the first checklist item with the keyboard, leave the others: a partial output.
    checklist = view.checklist_view
    checklist.setFocus()
    checklist.setCurrentIndex(view.checklist.index(0))
    qtbot.keyClick(checklist, Qt.Key.Key_Space)
    assert view.checklist.ticked_items() == [view.checklist.index(0).data()]
    qtbot.mouseClick(view.submit_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "output submitted" in _events(page))
    assert _events(page)[-2:] == ["output submitted", "returned for revision"]
    assert view.submissions.rowCount() == 1
    assert "lacks" in view.message.text() or "缺" in view.message.text()
    detail = show_task(seed_store, "YB-04", indicator="医保异地结算", today=SEED_TODAY)
    assert detail.status == "returned" and detail.revision_count == 1
    assert shown == []


def test_buttons_follow_the_acting_persons_department(qtbot: QtBot, page: IndicatorsPage) -> None:
    page.acting.select_person("吴敏@市场监管局")
    _open_indicator(qtbot, page, "医保异地结算")
    _open_task(qtbot, page, "YB-04")
    view = page.task_view
    assert not view.start_button.isEnabled()
    assert "医保局" in view.start_button.toolTip()
    page.acting.select_person("卢伟@医保局")
    assert view.start_button.isEnabled()


def test_a_refused_return_keeps_the_reason(
    qtbot: QtBot, page: IndicatorsPage, seed_store: Store, shown: list[str]
) -> None:
    page.acting.select_person("黄志远@农业农村厅")  # head of the lead department
    _open_indicator(qtbot, page, "乡村振兴产业扶持资金发放")
    _open_task(qtbot, page, "XC-05")
    view = page.task_view
    assert view.return_button.isEnabled() and view.accept_button.isEnabled()
    type_text(qtbot, view.reason, "发放名单缺少村级公示照片")
    # This computer's clock is wrong: a week behind the submission.
    view._clock = lambda: UI_NOW - timedelta(days=7)
    qtbot.mouseClick(view.return_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: shown)
    assert "before its previous step" in shown[0]
    assert view.reason.text() == "发放名单缺少村级公示照片"

    view._clock = lambda: UI_NOW
    qtbot.mouseClick(view.return_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: view.detail is not None and view.detail.status == "returned")
    assert view.reason.text() == ""
    last = view.events.row_at(view.events.rowCount() - 1)
    assert last.kind == "returned" and last.reason == "发放名单缺少村级公示照片"


def test_starting_an_indicator_notifies_its_new_tasks(
    qtbot: QtBot, page: IndicatorsPage, shown: list[str]
) -> None:
    page.acting.select_person("杨帆@民政局")  # 民政局 leads 跨省通办, whose templates are pending
    _open_indicator(qtbot, page, "政务服务“跨省通办”")
    assert not page.notify_button.isEnabled()  # every instance is notified; templates never are
    assert "already been started" in page.notify_button.toolTip()
    page.acting.select_person("吴敏@市场监管局")
    assert "lead department" in page.notify_button.toolTip()


def test_the_timeline_survives_a_figure_for_an_indicator_left_meanwhile(
    qtbot: QtBot, page: IndicatorsPage
) -> None:
    _open_indicator(qtbot, page, "企业开办时间压缩")
    page.tabs.setCurrentIndex(1)
    _open_indicator(qtbot, page, "老旧小区改造项目推进率")
    wait_for(qtbot, lambda: page.timeline_canvas is not None)
    assert page.timeline_canvas.figure.axes[0].get_title() == "老旧小区改造项目推进率"
    assert page.timeline_area.widget() is page.timeline_canvas


def test_the_pages_speak_chinese(qtbot: QtBot, seed_store: Store, zh_cn: list[object]) -> None:
    widget = IndicatorsPage(seed_store)
    qtbot.addWidget(widget)
    widget.show()
    wait_for(qtbot, lambda: widget.list_model.rowCount() == 5)
    assert [widget.tabs.tabText(i) for i in range(2)] == ["指标分解表", "时间线"]
    assert widget.list_model.headerData(0, Qt.Orientation.Horizontal) == "绩效指标"
    statuses = {widget.list_model.index(row, 2).data() for row in range(5)}
    assert statuses == {"进行中", "未达标"}
    widget.select_indicator("企业开办时间压缩")
    wait_for(qtbot, lambda: widget.decomposition.rowCount() == 4)
    assert widget.decomposition.index(0, DecompositionModel.COL_STATUS).data() == "已完成"


def _comment_row(page: IndicatorsPage, author: str) -> QModelIndex:
    thread = page.task_view.comments.thread
    for comment in thread.comments():
        if comment.author == author and comment.superseded_by_id is None:
            return thread.comment_index(comment.id)
    raise AssertionError(f"no comment by {author}")


def test_the_problem_raiser_marks_it_resolved_and_edits_as_a_new_version(
    qtbot: QtBot,
    page: IndicatorsPage,
    seed_store: Store,
    shown: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page.acting.select_person("苏晴@医保局")
    _open_indicator(qtbot, page, "医保异地结算")
    _open_task(qtbot, page, "YB-02")
    comments = page.task_view.comments
    problem = _comment_row(page, "苏晴")
    _click_row(qtbot, comments.thread_view, problem.siblingAtColumn(CommentThreadModel.COL_TEXT))
    assert comments.resolve_button.isEnabled() and comments.edit_button.isEnabled()
    assert "卫健委的医院数据未接入医保系统" in comments.full_text.text()
    offered: list[str] = []

    def choose(parent: object, title: str, label: str, items: list[str]) -> int:
        offered.extend(items)
        return next(i for i, item in enumerate(items) if "崔浩然" in item)

    monkeypatch.setattr(feedback, "choose", choose)
    qtbot.mouseClick(comments.resolve_button, Qt.MouseButton.LeftButton)
    marks = CommentThreadModel.COL_MARKS
    wait_for(qtbot, lambda: "卫健委" in (_comment_row(page, "苏晴").siblingAtColumn(marks).data()))
    assert not any("苏晴" in item for item in offered)  # her own comments cannot be credited
    assert not comments.resolve_button.isEnabled()

    # An edit is a new version; the earlier one stays in the thread, greyed, under it.
    _click_row(qtbot, comments.thread_view, _comment_row(page, "苏晴"))
    qtbot.mouseClick(comments.edit_button, Qt.MouseButton.LeftButton)
    assert comments.input.text().startswith("@卫健委 @魏红")
    comments.input.end(False)
    type_text(qtbot, comments.input, "（已补充接口规范）")
    qtbot.mouseClick(comments.post_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: comments.input.text() == "")
    latest = _comment_row(page, "苏晴")
    assert latest.siblingAtColumn(CommentThreadModel.COL_TEXT).data().endswith("（已补充接口规范）")
    thread = comments.thread
    earlier = thread.index(0, 0, latest)
    assert thread.data(earlier, CommentThreadModel.EarlierRole) is True
    assert "earlier version 1 of 2" in earlier.siblingAtColumn(marks).data()
    assert shown == []


def test_support_is_recorded_and_confirmed_by_the_receiver(
    qtbot: QtBot,
    page: IndicatorsPage,
    seed_store: Store,
    shown: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page.acting.select_person("魏红@卫健委")
    _open_indicator(qtbot, page, "医保异地结算")
    _open_task(qtbot, page, "YB-02")
    view = page.task_view
    _click_tab(qtbot, view.communication_tabs, "Support given")
    support = view.support
    row = next(i for i, r in enumerate(support.rows()) if r.confirmed_by is None)
    _click_row(qtbot, view.support_view, support.index(row, support.COL_DESCRIPTION))
    assert view.confirm_support_button.isEnabled()  # 卫健委 received it
    qtbot.mouseClick(view.confirm_support_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: support.row_at(row).confirmed_by == "魏红")
    assert not view.confirm_support_button.isEnabled()

    monkeypatch.setattr(
        feedback, "choose", lambda parent, title, label, items: list(items).index("医保局")
    )
    monkeypatch.setattr(feedback, "ask_text", lambda parent, title, label: "派人协助数据对接")
    qtbot.mouseClick(view.record_support_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: support.rowCount() == 2)
    recorded = support.row_at(1)
    assert (recorded.from_department, recorded.to_department) == ("卫健委", "医保局")
    assert recorded.description == "派人协助数据对接" and recorded.confirmed_by is None
    _click_row(qtbot, view.support_view, support.index(1, support.COL_DESCRIPTION))
    assert not view.confirm_support_button.isEnabled()  # the giver cannot confirm it
    assert shown == []
