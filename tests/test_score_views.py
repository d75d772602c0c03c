"""The scores page's service (services/score_views.py) on the hand-built scoring scenario."""

from __future__ import annotations

import pytest
from conftest import checkpoint, file_digest
from scoring_scenario import INDICATOR, NOW, build

from govperf_desktop.domain.errors import NotFoundError, ValidationError
from govperf_desktop.paths import store_path
from govperf_desktop.services.score_views import (
    DIMENSIONS,
    ChartWords,
    bar_values,
    compare_scores,
    radar_series,
    score_figures,
    weights_text,
)
from govperf_desktop.services.scoring import department_result, score_indicator

WHAT_IF = {"input": 40.0, "response": 20.0, "quality": 20.0, "collaboration": 20.0}


@pytest.fixture
def scenario(store):  # type: ignore[no-untyped-def]
    return build(store)


def _digest(store) -> str:  # type: ignore[no-untyped-def]
    checkpoint(store)
    return file_digest(store_path(store.path.parent))


def test_saved_scores_without_what_if(scenario) -> None:  # type: ignore[no-untyped-def]
    store = scenario.store
    comparison = compare_scores(store, INDICATOR, now=NOW)
    expected = score_indicator(store, INDICATOR, now=NOW)
    assert not comparison.what_if
    assert [r.total for r in comparison.scores.departments] == [
        r.total for r in expected.departments
    ]
    assert comparison.saved_weights == dict(expected.config.weights)
    assert all(comparison.difference(r.department_id) == 0 for r in expected.departments)
    # the saved weights given as what-if are no what-if
    same = compare_scores(store, INDICATOR, now=NOW, weights=comparison.saved_weights)
    assert not same.what_if


def test_what_if_weights_and_differences_save_nothing(scenario) -> None:  # type: ignore[no-untyped-def]
    store = scenario.store
    before = _digest(store)
    comparison = compare_scores(store, INDICATOR, now=NOW, weights=WHAT_IF)
    saved = score_indicator(store, INDICATOR, now=NOW)
    assert comparison.what_if and comparison.scores.config.what_if
    police = department_result(comparison.scores, "公安局")
    assert police.total_before_deductions == 57.64  # as tests/test_scoring.py works out
    saved_police = department_result(saved, "公安局")
    assert comparison.saved_totals[police.department_id] == saved_police.total
    assert comparison.difference(police.department_id) == round(
        police.total - saved_police.total, 2
    )
    assert comparison.difference("no such department") == 0.0
    assert _digest(store) == before


def test_refusals(scenario) -> None:  # type: ignore[no-untyped-def]
    store = scenario.store
    before = _digest(store)
    with pytest.raises(ValidationError, match=r"must add up to 100.*add up to 110"):
        compare_scores(store, INDICATOR, now=NOW, weights={**WHAT_IF, "quality": 30.0})
    with pytest.raises(ValidationError, match="Unknown dimension 'speed'"):
        compare_scores(store, INDICATOR, now=NOW, weights={"speed": 20.0})
    with pytest.raises(NotFoundError):
        compare_scores(store, "没有这个指标", now=NOW)
    assert _digest(store) == before


def test_weights_text() -> None:
    assert weights_text(WHAT_IF) == "input=40,response=20,quality=20,collaboration=20"
    assert weights_text({"quality": 12.5}) == "quality=12.5"
    with pytest.raises(ValidationError, match="the dimensions are input, response"):
        weights_text({"speed": 1})


def test_chart_numbers(scenario) -> None:  # type: ignore[no-untyped-def]
    scores = score_indicator(scenario.store, INDICATOR, now=NOW)
    names, values = bar_values(scores)
    assert names == [r.department for r in scores.departments]
    for result, row in zip(scores.departments, values, strict=True):
        assert len(row) == len(DIMENSIONS)
        assert round(sum(row), 2) == result.total_before_deductions
        points, available = radar_series(result)
        assert points == row
        assert [d.points_available for d in result.dimensions] == available


def test_figures_of_a_comparison(scenario) -> None:  # type: ignore[no-untyped-def]
    comparison = compare_scores(scenario.store, INDICATOR, now=NOW)
    words = ChartWords("标题", "得分", ("投入度", "响应速度", "任务完成质量", "协作贡献度"), "扣减",
                       "{department}")  # fmt: skip
    bars, radars = score_figures(comparison, words)
    texts = {t.get_gid(): t.get_text() for t in bars.axes[0].texts}
    departments = comparison.scores.departments
    assert texts == {f"total:{r.department}": f"{r.total:g}" for r in departments}
    legend = [t.get_text() for t in bars.axes[0].get_legend().get_texts()]
    assert legend == ["投入度", "响应速度", "任务完成质量", "协作贡献度", "扣减"]
    assert [radar.axes[0].get_title() for radar in radars] == [r.department for r in departments]
