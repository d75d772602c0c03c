"""Golden tests of the scoring model on a hand-built indicator (tests/scoring_scenario.py).

Every expected number is worked out here from the formulas of docs/scoring.md, not copied
from the program's output. Default configuration: input 30 (hours share 70 %, overtime 30 %),
response 20 (task response 60 %, reply 40 %), quality 30 (first pass 60 %, revisions 40 %),
collaboration 20 (problems 50 %, support 50 %).
"""

from __future__ import annotations

import json
import random

import pytest
from conftest import NOW as SETUP
from conftest import checkpoint, file_digest
from scoring_scenario import INDICATOR, NOW, build, rid

from govperf_desktop.cli.main import main
from govperf_desktop.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from govperf_desktop.paths import store_path
from govperf_desktop.services.scoring import (
    department_result,
    score_all,
    score_indicator,
)
from govperf_desktop.services.scoring_config import save_config, show_config
from govperf_desktop.services.scoring_evidence import evidence_page


def _unchanged(store, action, error, match: str) -> None:  # type: ignore[no-untyped-def]
    path = store_path(store.path.parent)
    checkpoint(store)
    before = file_digest(path)
    with pytest.raises(error, match=match):
        action()
    checkpoint(store)
    assert file_digest(path) == before


def _metric(result, name):  # type: ignore[no-untyped-def]
    return next(m for d in result.dimensions for m in d.metrics if m.metric == name)


def _dimension(result, name):  # type: ignore[no-untyped-def]
    return next(d for d in result.dimensions if d.dimension == name)


# Hand computation, shared by the tests below.
# Hours: 民政局 8 + 10 = 18 (1 overtime entry), 公安局 6, 社保局 4 + 9 + 9 = 22 (2 overtime);
# total 46. Hours share relative to the best (社保局 22/46): 18/22, 6/22, 1.
# Overtime entries 1, 0, 2 relative to the best (2): 0.5, 0, 1.
INPUT = {
    "民政局": 21 * 18 / 22 + 9 * 0.5,
    "公安局": 21 * 6 / 22,
    "社保局": 21 + 9,
}
# Task response (working days from receiving a task to starting it; full ≤ 1, none ≥ 5):
# MZ-1 notified Mon 11-02 09:00, started 15:00: 0.25 d → 1.
# GA-1 received when MZ-1 was accepted (Thu 11-12 16:00), started Fri 09:00: 17 h → 1.
# SB-1 received when GA-1 was accepted (Wed 11-18 10:00), started Fri 11-20 10:00: 2 d →
#   (5 − 2) / (5 − 1) = 0.75.
# Reply to mentions (working hours; full ≤ 2, none ≥ 48):
# 民政局 answered 公安局's @民政局 after 4 h → 44/46. 社保局 answered 李娜's @王强 (Fri 16:00)
# on Monday 10:00: 66 h minus the weekend's 48 h = 18 h → 30/46 (王强's "@李娜" reply is an
# answer to 民政局, not a request). 公安局 answered 社保局's @公安局 after 2 h → 1.
RESPONSE = {
    "民政局": 12 * 1 + 8 * 44 / 46,
    "公安局": 12 * 1 + 8 * 1,
    "社保局": 12 * 0.75 + 8 * 30 / 46,
}
# Quality: MZ-1's first submission lacked an item and was returned once: first pass 0,
# revisions 1 → (3 − 1) / 3. GA-1 and SB-1 passed first time.
QUALITY = {"民政局": 18 * 0 + 12 * 2 / 3, "公安局": 30.0, "社保局": 30.0}
# Collaboration: 公安局 resolved 社保局's problem (best 1); 民政局's support to 社保局 was
# confirmed, 公安局's was not (best 1).
COLLABORATION = {"民政局": 10.0, "公安局": 10.0, "社保局": 0.0}
BEFORE = {
    name: round(INPUT[name] + RESPONSE[name] + QUALITY[name] + COLLABORATION[name], 2)
    for name in INPUT
}
# Largest-remainder rounding of the leaves keeps these sums: 59.33, 65.73, 74.22.


@pytest.fixture
def scenario(store):  # type: ignore[no-untyped-def]
    return build(store)


def test_each_dimension_and_total_match_the_hand_computation(scenario) -> None:
    scores = score_indicator(scenario.store, INDICATOR, now=NOW)
    assert {r.department for r in scores.departments} == {"民政局", "公安局", "社保局"}
    for name in INPUT:
        result = department_result(scores, name)
        assert _dimension(result, "input").points == pytest.approx(INPUT[name], abs=0.006)
        assert _dimension(result, "response").points == pytest.approx(RESPONSE[name], abs=0.006)
        assert _dimension(result, "quality").points == pytest.approx(QUALITY[name], abs=0.006)
        assert _dimension(result, "collaboration").points == pytest.approx(
            COLLABORATION[name], abs=0.006
        )
        assert result.total_before_deductions == BEFORE[name]
        dims = sum(d.points for d in result.dimensions)
        assert round(dims, 2) == result.total_before_deductions
    assert BEFORE == {"民政局": 59.33, "公安局": 65.73, "社保局": 74.22}


def test_raw_values_and_their_rows(scenario) -> None:
    scores = score_indicator(scenario.store, INDICATOR, now=NOW)
    police = department_result(scores, "公安局")
    social = department_result(scores, "社保局")
    civil = department_result(scores, "民政局")
    assert _metric(social, "hours_share").value == pytest.approx(22 / 46)
    hours_rows = _metric(social, "hours_share").evidence[0]
    assert (hours_rows.table, hours_rows.count) == ("timesheet_entries", 3)
    assert hours_rows.ids == (rid(43), rid(44), rid(45))  # work-date order
    assert _metric(social, "overtime_count").evidence[0].ids == (rid(44), rid(45))
    assert _metric(social, "task_response_days").value == pytest.approx(2.0)
    # SB-1: notified, the upstream's acceptance (it received the inputs), started.
    assert _metric(social, "task_response_days").items[0].ids == (rid(22), rid(31), rid(33))
    assert _metric(social, "mention_reply_hours").value == pytest.approx(18.0)
    assert _metric(social, "mention_reply_hours").items[0].ids == (rid(52), rid(53))
    assert _metric(civil, "first_pass_rate").value == 0
    assert _metric(civil, "revisions_per_task").value == 1
    quality_rows = {e.table: e.ids for e in _metric(civil, "first_pass_rate").evidence}
    assert quality_rows == {"submissions": (rid(10),), "task_events": (rid(25),)}
    assert _metric(police, "problems_resolved").evidence[0].ids == (rid(55),)
    assert _metric(police, "support_given").value == 0  # not confirmed: does not count
    assert _metric(civil, "support_given").evidence[0].ids == (rid(70),)


def test_liability_deductions_of_a_missed_indicator(scenario) -> None:
    """Missed: 民政局 carries the most delay days (MZ-1 2, GA-1 2, SB-1 2 = 6 of 9) → 20 %;
    公安局 and 社保局 cooperate → 10 %; 民政局 and 公安局 made others late → 15 %. Each
    percentage of the total before deductions, in hundredths rounded half up."""
    scores = score_indicator(scenario.store, INDICATOR, now=NOW)
    civil = department_result(scores, "民政局")
    assert [(d.kind, d.percent, d.points) for d in civil.deductions] == [
        ("failure_caused_miss", 20.0, 11.87),  # 5933 × 0.20 = 1186.6 → 1187
        ("blocking_delay", 15.0, 8.90),  # 5933 × 0.15 = 889.95 → 890
    ]
    assert civil.total == 38.56  # 59.33 − 11.87 − 8.90
    police = department_result(scores, "公安局")
    assert [(d.kind, d.points) for d in police.deductions] == [
        ("cooperating", 6.57),  # 6573 × 0.10 = 657.3 → 657
        ("blocking_delay", 9.86),  # 6573 × 0.15 = 985.95 → 986
    ]
    assert police.total == 49.30
    social = department_result(scores, "社保局")
    assert [(d.kind, d.points) for d in social.deductions] == [("cooperating", 7.42)]
    assert social.total == 66.80
    assert "6 of 9" in civil.deductions[0].reason_en
    assert set(civil.deductions[1].task_ids) == {scenario.tasks["GA-1"], scenario.tasks["SB-1"]}
    assert [r.department for r in scores.departments] == ["社保局", "公安局", "民政局"]


def test_an_active_indicator_only_charges_blocking_delays(store) -> None:
    build(store, status="active")
    scores = score_indicator(store, INDICATOR, now=NOW)
    totals = {r.department: (r.total, [d.kind for d in r.deductions]) for r in scores.departments}
    assert totals == {
        "民政局": (50.43, ["blocking_delay"]),  # 5933 − 890
        "公安局": (55.87, ["blocking_delay"]),  # 6573 − 986
        "社保局": (74.22, []),
    }


def test_what_if_weights_recompute_without_saving(scenario) -> None:
    """input 40, response 20, quality 20, collaboration 20 for 公安局:
    input 28 × 6/22 + 12 × 0 = 7.64; response 20; quality 20; collaboration 10 → 57.64."""
    store = scenario.store
    checkpoint(store)
    before = file_digest(store_path(store.path.parent))
    scores = score_indicator(
        store, INDICATOR, now=NOW, weights="input=40,response=20,quality=20,collaboration=20"
    )
    police = department_result(scores, "公安局")
    assert police.total_before_deductions == 57.64
    assert scores.config.what_if and scores.config.weights["input"] == 40
    checkpoint(store)
    assert file_digest(store_path(store.path.parent)) == before
    with pytest.raises(ValidationError, match=r"must add up to 100.*add up to 110"):
        score_indicator(
            store, INDICATOR, now=NOW, weights="input=40,response=20,quality=30,collaboration=20"
        )
    with pytest.raises(ValidationError, match="not a weight like input=40"):
        score_indicator(store, INDICATOR, now=NOW, weights="speed=20")


def test_a_saved_configuration_is_a_new_version_and_is_used(scenario) -> None:
    store = scenario.store
    assert show_config(store, INDICATOR).source == "built-in"
    saved = save_config(
        store, actor="周文博", now=SETUP, indicator=INDICATOR, weights="input=40,quality=20"
    )
    assert (saved.version, saved.source) == (1, "indicator")
    again = save_config(
        store,
        actor="周文博",
        now=SETUP,
        indicator=INDICATOR,
        config={"metrics": {"revisions_per_task": {"method": "target", "full": 0, "zero": 2}}},
    )
    assert again.version == 2 and again.config["weights"]["input"] == 40
    scores = score_indicator(store, INDICATOR, now=NOW)
    assert (scores.config.source, scores.config.version) == ("indicator", 2)
    civil = department_result(scores, "民政局")
    # revisions 1, none at 2: (2 − 1) / 2 = 0.5 of quality 20 × 40 % = 8 points → 4.00
    assert _metric(civil, "revisions_per_task").points == 4.0


def test_saving_a_configuration_is_refused_clearly(scenario) -> None:
    store = scenario.store
    _unchanged(
        store,
        lambda: save_config(store, actor="李娜", now=SETUP, weights="input=40,quality=20"),
        PermissionDeniedError,
        r"李娜 \(.*\) may not change scoring configurations: that needs the central office",
    )
    _unchanged(
        store,
        lambda: save_config(store, actor="周文博", now=SETUP, weights="input=50"),
        ValidationError,
        "must add up to 100; input=50, response=20, quality=30, collaboration=20 add up to 120",
    )
    bad_target = {"metrics": {"task_response_days": {"method": "target", "full": 5, "zero": 1}}}
    _unchanged(
        store,
        lambda: save_config(store, actor="周文博", now=SETUP, config=bad_target),
        ValidationError,
        "less is better, so its full-marks value",
    )
    _unchanged(
        store,
        lambda: save_config(store, actor="周文博", now=SETUP, config={"metrics": {"speed": {}}}),
        ValidationError,
        "Unknown sub-metric 'speed'",
    )
    _unchanged(
        store,
        lambda: save_config(
            store, actor="周文博", now=SETUP, indicator="不存在的指标", weights="input=30"
        ),
        NotFoundError,
        "Unknown indicator",
    )


def test_a_period_narrows_what_counts(scenario) -> None:
    same = score_indicator(scenario.store, INDICATOR, now=NOW, period="2026-11")
    assert {r.department: r.total_before_deductions for r in same.departments} == BEFORE
    empty = score_indicator(scenario.store, INDICATOR, now=NOW, period="2026-10")
    assert all(r.total == 0 for r in empty.departments)
    assert not any(d.applicable for r in empty.departments for d in r.dimensions)
    with pytest.raises(ValidationError, match="is not a period"):
        score_indicator(scenario.store, INDICATOR, now=NOW, period="November")


def test_evidence_pages_through_every_row(scenario) -> None:
    store = scenario.store
    first = evidence_page(
        store, indicator=INDICATOR, department="社保局", metric="hours_share", now=NOW, limit=2
    )
    rest = evidence_page(
        store, indicator=INDICATOR, department="社保局", metric="hours_share", now=NOW, offset=2
    )
    assert first.total == 3 and [r.id for r in first.rows] == [rid(43), rid(44)]
    assert [r.id for r in rest.rows] == [rid(45)]
    assert "王强 on SB-1: 9 h, overtime 1 h" in rest.rows[0].summary
    returned = evidence_page(
        store, indicator=INDICATOR, department="民政局", metric="first_pass_rate",
        table="task_events", now=NOW,
    )  # fmt: skip
    assert [r.id for r in returned.rows] == [rid(25)]
    with pytest.raises(ValidationError, match="Unknown sub-metric 'speed'"):
        evidence_page(store, indicator=INDICATOR, department="社保局", metric="speed", now=NOW)
    with pytest.raises(ValidationError, match="does not take part"):
        evidence_page(
            store, indicator=INDICATOR, department="考核办", metric="hours_share", now=NOW
        )
    with pytest.raises(ValidationError, match="no rows in 'comments'"):
        evidence_page(
            store, indicator=INDICATOR, department="社保局", metric="hours_share",
            table="comments", now=NOW,
        )  # fmt: skip


def test_evidence_ids_are_capped_with_their_count(scenario) -> None:
    scores = score_indicator(scenario.store, INDICATOR, now=NOW, evidence_limit=1)
    rows = _metric(department_result(scores, "社保局"), "hours_share").evidence[0]
    assert (rows.count, rows.ids) == (3, (rid(43),))
    with pytest.raises(ValidationError, match="cannot be negative"):
        score_indicator(scenario.store, INDICATOR, now=NOW, evidence_limit=-1)


def test_score_all_scores_every_indicator(scenario) -> None:
    every = score_all(scenario.store, now=NOW)
    assert [s.indicator for s in every] == [INDICATOR]
    assert {r.department: r.total for r in every[0].departments} == {
        "民政局": 38.56,
        "公安局": 49.30,
        "社保局": 66.80,
    }
    assert _metric(every[0].departments[0], "hours_share").evidence[0].ids == ()


def test_insertion_order_does_not_change_the_result(tmp_path) -> None:
    from govperf_desktop.services.admin import init_installation
    from govperf_desktop.store.store import open_store

    results = []
    for seed in (1, 2):
        directory = tmp_path / f"s{seed}"
        init_installation(directory, node_name="考核办", role="central", now=SETUP)
        opened = open_store(directory)
        try:
            build(opened, shuffle=random.Random(seed))
            scores = score_indicator(opened, INDICATOR, now=NOW)
            results.append(
                [(r.department, r.total, [e.ids for d in r.dimensions for m in d.metrics
                                          for e in m.evidence]) for r in scores.departments]
            )  # fmt: skip
        finally:
            opened.close()
    assert results[0] == results[1]


def _cli(store_dir, capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--data-dir", str(store_dir), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_score_explain_attribution_evidence(scenario, store_dir, capsys) -> None:
    today = ["--today", "2026-11-24"]
    code, out, _ = _cli(store_dir, capsys, "score", "--indicator", INDICATOR, *today)
    assert code == 0 and "社保局" in out and "66.80" in out and "74.22" in out
    code, out, _ = _cli(store_dir, capsys, "--json", "score", "--indicator", INDICATOR, *today)
    tree = json.loads(out)
    social = next(d for d in tree["departments"] if d["department"] == "社保局")
    assert social["total"] == 66.8 and social["deductions"][0]["kind"] == "cooperating"
    code, out, _ = _cli(
        store_dir, capsys, "explain", "--indicator", INDICATOR, "--department", "民政局", *today
    )
    assert "Total 38.56 = 59.33 before deductions − 20.77 deductions" in out
    assert "failure_caused_miss 20%" in out and "认定为其未完成任务导致指标未达预期" in out
    code, out, _ = _cli(store_dir, capsys, "attribution", "--indicator", INDICATOR, *today)
    assert (
        "公安局的任务GA-1(对接异地公安系统)超期3天:其中2天因民政局的任务MZ-1(收集事项清单)"
        "超期2天所致,1天为自身原因。" in out
    )
    code, out, _ = _cli(
        store_dir, capsys, "evidence", "--indicator", INDICATOR, "--department", "社保局",
        "--metric", "overtime_count", *today,
    )  # fmt: skip
    assert "rows 1–2 of 2" in out
    code, out, err = _cli(
        store_dir, capsys, "score", "--indicator", INDICATOR, "--weights", "input=50", *today
    )
    assert code == 2 and "must add up to 100" in err
    code, out, err = _cli(store_dir, capsys, "score", *today)
    assert code == 2 and "--indicator" in err
    code, out, err = _cli(
        store_dir, capsys, "explain", "--indicator", INDICATOR, "--department", "考核办", *today
    )
    assert code == 2 and "考核办 does not take part in indicator 跨省通办测试" in err
    code, out, _ = _cli(store_dir, capsys, "--json", "score", "--all", *today)
    assert [s["indicator"] for s in json.loads(out)] == [INDICATOR]
    code, out, err = _cli(store_dir, capsys, "score-config", "set", "--weights", "input=30")
    assert code == 2 and "--as NAME" in err
    code, out, _ = _cli(store_dir, capsys, "--as", "周文博", "score-config", "set", "--weights",
                        "input=40,response=20,quality=20,collaboration=20")  # fmt: skip
    assert code == 0 and "organisation v1" in out


def test_working_time_leaves_out_whole_days_off() -> None:
    from datetime import date as day
    from datetime import datetime as moment

    from govperf_desktop.domain.calendar import WorkCalendar
    from govperf_desktop.domain.scoring import working_hours_between

    plain = WorkCalendar()
    # Friday 16:00 → Monday 10:00 office time (08:00 and 02:00 UTC): 66 h less the weekend.
    assert working_hours_between(moment(2026, 11, 13, 8), moment(2026, 11, 16, 2), plain) == 18
    holiday = WorkCalendar(holidays={day(2026, 11, 18): "测试假日"}, years=frozenset({2026}))
    # Tuesday 17:00 → Thursday 09:00 with Wednesday off: 40 h − 24 h.
    assert working_hours_between(moment(2026, 11, 17, 9), moment(2026, 11, 19, 1), holiday) == 16
    assert working_hours_between(moment(2026, 11, 19, 1), moment(2026, 11, 17, 9), plain) == 0


def test_the_worked_example_of_the_docs_still_holds(store) -> None:
    """docs/scoring.md works 企业开办时间压缩 of the seed demo through by hand; if the demo
    data change, the example must be redone."""
    from datetime import date

    from govperf_desktop.services.demo.seed import build_seed_demo

    build_seed_demo(store, today=date(2026, 11, 20))
    end_of_day = NOW.replace(year=2026, month=11, day=20)
    scores = score_indicator(store, "企业开办时间压缩", now=end_of_day)
    assert {r.department: r.total for r in scores.departments} == {
        "市场监管局": 100.0,
        "政务服务中心": 56.13,
        "税务局": 17.83,
    }
    tax = department_result(scores, "税务局")
    assert [d.points for d in tax.dimensions] == [11.43, 12.0, 4.0, 0.0]
    assert [(d.kind, d.points) for d in tax.deductions] == [
        ("failure_caused_miss", 5.49),
        ("blocking_delay", 4.11),
    ]
    assert _metric(tax, "hours_share").detail == "52 h of 314 h on the indicator's tasks"
    assert [t.days_late for t in scores.late_tasks] == [14, 9]
