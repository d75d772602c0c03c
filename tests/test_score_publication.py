"""Publishing scores (发布评分): only an evaluator publishes; a snapshot that later changes of
the data do not alter; identical results are not published twice; a changed result
supersedes the publication in force; publications travel to the departments in bundles."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import checkpoint, file_digest
from scoring_scenario import INDICATOR, NOW, build
from sqlalchemy import select
from sync_office import CLERKS, build_office

from govperf_desktop.cli.main import main
from govperf_desktop.domain.errors import ConflictError, PermissionDeniedError, ValidationError
from govperf_desktop.paths import store_path
from govperf_desktop.services.history import restore
from govperf_desktop.services.org import add_person
from govperf_desktop.services.score_publication import (
    current_publication,
    list_publications,
    publication_detail,
    publish_scores,
)
from govperf_desktop.services.scoring import score_indicator
from govperf_desktop.services.timesheets import add_entry
from govperf_desktop.store.models import Change, ScorePublication


@pytest.fixture
def scenario(store):  # type: ignore[no-untyped-def]
    built = build(store)
    add_person(store, department="考核办", name="林雪", roles=("evaluator",), now=NOW)
    return built


def _unchanged(store, action, error, match: str) -> None:  # type: ignore[no-untyped-def]
    path = store_path(store.path.parent)
    checkpoint(store)
    before = file_digest(path)
    with pytest.raises(error, match=match):
        action()
    checkpoint(store)
    assert file_digest(path) == before


def _more_hours(scenario, hours: float = 6.0) -> None:  # type: ignore[no-untyped-def]
    add_entry(
        scenario.store,
        person="陈刚",
        task_id=scenario.tasks["GA-1"],
        work_date=date(2026, 11, 18),
        hours=hours,
        now=NOW,
    )


def test_an_evaluator_publishes_the_scores_as_computed_with_the_saved_configuration(
    scenario,
) -> None:
    store = scenario.store
    live = score_indicator(store, INDICATOR, now=NOW, period="2026-11")
    detail = publish_scores(store, INDICATOR, "2026-11", actor="林雪", now=NOW, note="第一次")
    view = detail.publication
    assert (view.indicator, view.period, view.published_by, view.note) == (
        INDICATOR,
        "2026-11",
        "林雪",
        "第一次",
    )
    assert view.supersedes_id is None and view.in_force
    assert len(view.id) == 32 and len(view.inputs_sha256) == 64
    assert {d.department: d.total for d in detail.departments} == {
        r.department: r.total for r in live.departments
    }
    published = {d.department: d for d in detail.departments}
    for result in live.departments:
        assert [x.points for x in published[result.department].dimensions] == [
            x.points for x in result.dimensions
        ]
        assert [x.points for x in published[result.department].deductions] == [
            x.points for x in result.deductions
        ]
    assert detail.config["weights"] == live.config.weights
    # Captured like every shared record, by the evaluator.
    with store.read() as session:
        change = session.scalars(
            select(Change).where(Change.table_name == "score_publications")
        ).one()
    assert change.action == "insert" and change.record_id == view.id
    assert change.actor_id == view.published_by_id
    assert list_publications(store, INDICATOR) == [view]
    assert publication_detail(store, view.id) == detail
    assert current_publication(store, INDICATOR, "2026-11") == detail


@pytest.mark.parametrize(
    ("who", "what"),
    [
        ("李娜", r"李娜 \(clerk, 民政局\) may not publish scores"),
        ("杨帆", r"杨帆 \(head, 民政局\) may not publish scores"),
        ("周文博", r"周文博 \(head, central, 考核办\) may not publish scores"),
    ],
)
def test_a_clerk_a_head_and_the_central_office_may_not_publish(scenario, who, what) -> None:
    store = scenario.store
    _unchanged(
        store,
        lambda: publish_scores(store, INDICATOR, "2026-11", actor=who, now=NOW),
        PermissionDeniedError,
        what + ": that needs a person with role evaluator",
    )
    assert list_publications(store) == []


def test_publishing_needs_a_person_and_a_known_indicator_and_period(scenario) -> None:
    store = scenario.store
    publish = publish_scores
    _unchanged(
        store, lambda: publish(store, INDICATOR, actor="", now=NOW), ValidationError, "acting"
    )
    _unchanged(
        store, lambda: publish(store, "无此指标", actor="林雪", now=NOW), Exception, "无此指标"
    )
    _unchanged(
        store,
        lambda: publish(store, INDICATOR, "2026-13", actor="林雪", now=NOW),
        ValidationError,
        "is not a period",
    )


def test_the_identical_result_is_not_published_twice(scenario) -> None:
    store = scenario.store
    first = publish_scores(store, INDICATOR, "2026-11", actor="林雪", now=NOW)
    _unchanged(
        store,
        lambda: publish_scores(store, INDICATOR, "2026-11", actor="林雪", now=NOW),
        ConflictError,
        rf"already published on {first.publication.published_at:%Y-%m-%d %H:%M} UTC by 林雪",
    )
    # Without a period: the indicator's own period, so the same publication.
    _unchanged(
        store,
        lambda: publish_scores(store, INDICATOR, actor="林雪", now=NOW),
        ConflictError,
        "already published",
    )


def test_a_changed_result_supersedes_and_the_snapshot_survives_later_hours(scenario) -> None:
    store = scenario.store
    first = publish_scores(store, INDICATOR, "2026-11", actor="林雪", now=NOW)
    before = {d.department: d.total for d in first.departments}
    _more_hours(scenario)
    live = score_indicator(store, INDICATOR, now=NOW, period="2026-11")
    after = {r.department: r.total for r in live.departments}
    assert after != before  # the hours moved the live scores...
    kept = publication_detail(store, first.publication.id)
    assert {d.department: d.total for d in kept.departments} == before  # ...not the published
    assert current_publication(store, INDICATOR, "2026-11") == kept

    later = NOW + timedelta(hours=2)
    second = publish_scores(store, INDICATOR, "2026-11", actor="林雪", now=later, note="更正")
    assert second.publication.supersedes_id == first.publication.id
    assert {d.department: d.total for d in second.departments} == after
    listed = list_publications(store, INDICATOR)
    assert [v.id for v in listed] == [second.publication.id, first.publication.id]
    assert listed[1].superseded_by_id == second.publication.id and not listed[1].in_force
    assert listed[0].in_force
    assert current_publication(store, INDICATOR, "2026-11").publication.id == (
        second.publication.id
    )
    # Another period is published on its own.
    other = publish_scores(store, INDICATOR, "2026-11-01~2026-11-15", actor="林雪", now=later)
    assert other.publication.supersedes_id is None


def test_published_scores_are_never_restored_or_edited(scenario) -> None:
    store = scenario.store
    detail = publish_scores(store, INDICATOR, "2026-11", actor="林雪", now=NOW)
    _unchanged(
        store,
        lambda: restore(store, detail.publication.id, version=1, actor_id="周文博"),
        ValidationError,
        "Published scores are never changed",
    )
    with store.read() as session:
        row = session.get(ScorePublication, detail.publication.id)
        assert json.loads(row.result_json)["indicator_id"] == scenario.indicator_id


def test_the_cli_publishes_and_lists(scenario, capsys) -> None:
    data = str(scenario.store.path.parent)
    scenario.store.close()
    base = ["--data-dir", data]
    assert main([*base, "--as", "杨帆", "score", "publish", "--indicator", INDICATOR]) == 2
    assert "may not publish scores" in capsys.readouterr().err
    assert main([*base, "score", "publish", "--indicator", INDICATOR]) == 2
    assert "--as NAME" in capsys.readouterr().err
    command = ["score", "publish", "--indicator", INDICATOR, "--period", "2026-11"]
    assert main([*base, "--as", "林雪", *command, "--note", "月度", "--today", "2026-11-24"]) == 0
    assert "Published the scores of 跨省通办测试 for 2026-11" in capsys.readouterr().out
    assert main([*base, "--as", "林雪", *command, "--today", "2026-11-24"]) == 2
    assert "already published on" in capsys.readouterr().err
    assert main([*base, "--json", "score", "publications", "--indicator", INDICATOR]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(p["period"], p["published_by"], p["note"]) for p in listed] == [
        ("2026-11", "林雪", "月度")
    ]
    assert main([*base, "score", "publications"]) == 0
    assert "(in force)" in capsys.readouterr().out
    assert main([*base, "score", "--indicator", INDICATOR, "--today", "2026-11-24"]) == 0
    assert "跨省通办测试" in capsys.readouterr().out  # scoring itself still works


def test_published_scores_travel_to_the_departments(tmp_path: Path) -> None:
    office = build_office(tmp_path / "office")
    try:
        central = office.central.store
        now = office.tick()
        add_person(central, department="考核办", name="林雪", roles=("evaluator",), now=now)
        from sync_office import INDICATOR as OFFICE_INDICATOR

        detail = publish_scores(
            central, OFFICE_INDICATOR, actor="林雪", now=datetime(2026, 11, 26, tzinfo=UTC)
        )
        site = office.departments["公安局"]
        office.receive(site, office.send(office.central, site))
        received = publication_detail(site.store, detail.publication.id)
        assert received == detail
        assert list_publications(site.store) == [detail.publication]
        # A department installation may not publish: its person has no evaluator role.
        with pytest.raises(PermissionDeniedError):
            publish_scores(site.store, OFFICE_INDICATOR, actor=CLERKS["公安局"], now=now)
        assert office.hashes() != set()  # stores still open and consistent enough to hash
    finally:
        office.close()


def test_an_evaluator_installation_publishes_and_the_centre_accepts(tmp_path: Path) -> None:
    from sync_office import INDICATOR as OFFICE_INDICATOR
    from sync_office import PASS, T0, _site

    from govperf_desktop.services.enrolment import (
        accept_certificate,
        request_enrolment,
        sign_request,
    )

    office = build_office(tmp_path / "office", departments=("民政局", "公安局"))
    evaluator = None
    try:
        central = office.central.store
        add_person(central, department="考核办", name="林雪", roles=("evaluator",), now=T0)
        evaluator = _site(tmp_path / "office" / "eval", "评估组", "evaluator", None, T0)
        requests = tmp_path / "requests"
        request = request_enrolment(evaluator.store, requests, passphrase=PASS, now=T0)
        certificate = sign_request(central, request, requests, passphrase=PASS, now=T0)
        accept_certificate(evaluator.store, Path(certificate.file), passphrase=PASS, now=T0)
        office.receive(evaluator, office.send(office.central, evaluator))
        detail = publish_scores(
            evaluator.store, OFFICE_INDICATOR, actor="林雪", now=datetime(2026, 11, 26, tzinfo=UTC)
        )
        office.receive(office.central, office.send(evaluator, office.central))
        assert publication_detail(central, detail.publication.id) == detail
    finally:
        office.close()
        if evaluator is not None:
            evaluator.store.close()
