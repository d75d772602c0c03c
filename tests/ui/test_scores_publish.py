"""Publishing scores from the scores page (发布评分), driven as a user on the seed demo data."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from govperf_desktop.services.admin import Store
from govperf_desktop.services.directory import list_people
from govperf_desktop.services.score_publication import list_publications
from govperf_desktop.ui import feedback
from govperf_desktop.ui.pages.scores import ScoresPage, create_page

from .seed_store import (  # noqa: F401 - fixtures
    seed_store_fixture,
    seed_template_fixture,
    wait_for,
)

INDICATOR = "企业开办时间压缩"


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(feedback, "show_error", lambda parent, message: messages.append(message))
    return messages


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Questions the page asked; each is answered yes."""
    questions: list[str] = []
    monkeypatch.setattr(
        feedback, "confirm", lambda parent, title, text: questions.append(text) or True
    )
    return questions


@pytest.fixture
def page(qtbot: QtBot, seed_store: Store, shown: list[str]) -> ScoresPage:
    widget = create_page(seed_store, None)
    assert isinstance(widget, ScoresPage)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    wait_for(qtbot, lambda: widget.comparison is not None)
    assert widget.select_indicator(INDICATOR)
    wait_for(qtbot, lambda: widget.comparison and widget.comparison.scores.indicator == INDICATOR)
    wait_for(qtbot, lambda: widget.publish_bar.acting.people.rowCount() > 0)
    return widget


def _act_as(qtbot: QtBot, page: ScoresPage, name: str) -> None:
    assert page.publish_bar.acting.select_person(name)
    wait_for(qtbot, lambda: page.publish_bar.status.text() != "")


def test_only_an_evaluator_may_press_publish(
    qtbot: QtBot, page: ScoresPage, seed_store: Store
) -> None:
    button = page.publish_bar.publish_button
    people = list_people(seed_store)
    clerk = next(p for p in people if p.roles == ("clerk",))
    head = next(p for p in people if p.roles == ("head",))
    for person in (clerk, head):
        _act_as(qtbot, page, person.label)
        assert not button.isEnabled()
        assert "evaluator" in button.toolTip()
    _act_as(qtbot, page, "周文博")  # head and central office
    assert not button.isEnabled()
    _act_as(qtbot, page, "林雪")  # the evaluator
    assert button.isEnabled()
    assert page.publish_bar.status.text() == "These scores have not been published."


def test_an_evaluator_publishes_after_confirming_and_the_page_says_so(
    qtbot: QtBot, page: ScoresPage, seed_store: Store, shown: list[str], asked: list[str]
) -> None:
    _act_as(qtbot, page, "林雪")
    bar = page.publish_bar
    qtbot.mouseClick(bar.publish_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: bar.status.text().startswith("Published on"))
    assert len(asked) == 1 and INDICATOR in asked[0] and "林雪@" in asked[0]
    assert "by 林雪" in bar.status.text()
    published = list_publications(seed_store, INDICATOR)
    assert [(p.published_by, p.in_force) for p in published] == [("林雪", True)]
    assert shown == []
    # The page scores again (data changed) and still says it was published.
    wait_for(qtbot, lambda: bar.current is not None)
    assert bar.current.publication.id == published[0].id

    # Publishing the same scores again is refused with the sentence of the service.
    qtbot.mouseClick(bar.publish_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: shown)
    assert "already published on" in shown[0]
    assert len(list_publications(seed_store, INDICATOR)) == 1
    assert bar.status.text().startswith("Published on")
    assert bar.publish_button.isEnabled()


def test_saying_no_publishes_nothing(
    qtbot: QtBot,
    page: ScoresPage,
    seed_store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    questions: list[str] = []
    monkeypatch.setattr(
        feedback, "confirm", lambda parent, title, text: questions.append(text) or False
    )
    _act_as(qtbot, page, "林雪")
    qtbot.mouseClick(page.publish_bar.publish_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: questions)
    assert list_publications(seed_store) == []
    assert page.publish_bar.status.text() == "These scores have not been published."
