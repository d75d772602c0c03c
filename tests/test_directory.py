"""Pickers' lists (services/directory.py) and recent changes (services/recent_changes.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from conftest import NOW
from flow_office import build_office

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.services.directory import list_departments, list_people, mention_candidates
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.services.recent_changes import FieldChange, recent_changes
from govperf_desktop.services.taskflow import notify_indicator


def test_departments_and_people_with_roles(store) -> None:  # type: ignore[no-untyped-def]
    build_office(store, NOW)
    assert [d.name for d in list_departments(store)] == sorted(
        ["民政局", "公安局", "社保局", "考核办"]
    )
    people = list_people(store)
    assert len(people) == 7
    zhou = next(p for p in people if p.name == "周文博")
    assert (zhou.department, zhou.roles, zhou.label) == (
        "考核办",
        ("central", "head"),
        "周文博@考核办",
    )
    assert [p.name for p in list_people(store, department="公安局")] == sorted(["宋志刚", "董明"])
    assert len(list_people(store, limit=2)) == 2
    with pytest.raises(ValidationError, match="limit of at least 1"):
        list_people(store, limit=0)


def test_mention_candidates_start_with_the_typed_text(store) -> None:  # type: ignore[no-untyped-def]
    build_office(store, NOW)
    add_department(store, "杨帆", now=NOW)  # a department named like a person
    add_department(store, "社区居委会", now=NOW)
    add_person(store, department="社保局", name="董明", now=NOW)  # a second 董明

    found = mention_candidates(store, "社")
    assert [(c.kind, c.text) for c in found] == [
        ("department", "社保局"),
        ("department", "社区居委会"),
    ]
    dong = mention_candidates(store, "@董")
    assert [(c.kind, c.text) for c in dong] == [
        ("person", "董明@公安局"),
        ("person", "董明@社保局"),
    ]
    yang = mention_candidates(store, "杨")
    assert [(c.kind, c.text) for c in yang] == [("department", "杨帆"), ("person", "杨帆@民政局")]
    assert mention_candidates(store, "%") == []  # LIKE wildcards are text
    assert len(mention_candidates(store, "", limit=3)) == 3


def test_recent_changes_newest_first_by_pages(store) -> None:  # type: ignore[no-untyped-def]
    ticks = iter(range(10_000))
    store.clock = lambda: datetime(2026, 11, 20, 8, tzinfo=UTC) + timedelta(seconds=next(ticks))
    office = build_office(store, NOW)
    notify_indicator(store, office.indicator_id, person="杨帆", now=NOW)

    first = recent_changes(store, limit=4)
    assert len(first.changes) == 4 and first.next_before == first.changes[-1].change_id
    # (the installation was stamped by `init` with the real clock; the rest by the test's)
    update = recent_changes(store, table="indicators", limit=1).changes[0]
    assert update.action == "update"
    assert update.label == "政务服务跨省通办"
    assert update.fields == (FieldChange("status", "draft", "active"),)
    assert update.actor == "杨帆" and update.node == "考核办"

    seen = [c.change_id for c in first.changes]
    before = first.next_before
    while before is not None:
        page = recent_changes(store, limit=7, before=before)
        seen += [c.change_id for c in page.changes]
        before = page.next_before
    assert seen == sorted(seen, reverse=True) and len(set(seen)) == len(seen)
    everything = recent_changes(store, limit=1000)
    assert [c.change_id for c in everything.changes] == seen and everything.next_before is None

    tasks = recent_changes(store, table="tasks", limit=100)
    assert {c.table for c in tasks.changes} == {"tasks"}
    inserted = [c for c in tasks.changes if c.action == "insert"]
    assert sorted(c.label for c in inserted) == ["GA-1", "MZ-1", "SB-1"]  # a code names a task


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"limit": 0}, "A page holds 1 to 1000 changes; 0 was asked."),
        ({"limit": 1001}, "A page holds 1 to 1000 changes"),
        ({"before": "yesterday"}, "'yesterday' is not a change id"),
        ({"table": "changes"}, "Unknown record kind 'changes'"),
    ],
)
def test_recent_changes_refuses_bad_requests(store, arguments, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        recent_changes(store, **arguments)
