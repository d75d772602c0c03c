"""Replicas converge: bundles exchanged in random orders, with duplicates, delays and losses,
leave every installation holding the same data (the same canonical content hash)."""

from __future__ import annotations

import contextlib
import random
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sync_office import CLERKS, CODES, Office, build_office, close_and_copy

from govperf_desktop.services.sync_status import conflicts
from govperf_desktop.services.timesheets import add_entry, edit_entry
from govperf_desktop.store.models import Change, TimesheetEntry


@pytest.fixture(scope="module")
def base_office(tmp_path_factory):  # type: ignore[no-untyped-def]
    office = build_office(tmp_path_factory.mktemp("office") / "base")
    office.close()
    return office


@pytest.fixture
def office(base_office: Office, tmp_path: Path):  # type: ignore[no-untyped-def]
    copy = close_and_copy(base_office, tmp_path / "copy")
    yield copy
    copy.close()


def _entries(site) -> list[str]:  # type: ignore[no-untyped-def]
    with site.store.read() as session:
        return list(session.scalars(select(TimesheetEntry.id).order_by(TimesheetEntry.id)))


def test_a_department_entry_reaches_every_installation_through_the_centre(office: Office) -> None:
    mz, ga = office.departments["民政局"], office.departments["公安局"]
    entry = add_entry(
        mz.store,
        person=CLERKS["民政局"],
        task_id=office.task_ids["MZ-1"],
        work_date=date(2026, 11, 3),
        hours=3,
        now=office.tick(),
    )
    with ga.store.read() as session:
        before = session.scalar(select(func.count()).select_from(Change))
    office.round_trip()
    assert entry.id in _entries(ga) and entry.id in _entries(office.central)
    assert len(office.hashes()) == 1
    with ga.store.read() as session:
        received = session.execute(
            select(Change.node_id, Change.signature).where(Change.record_id == entry.id)
        ).all()
        assert session.scalar(select(func.count()).select_from(Change)) == before + 1
    # the relayed op keeps the department's own node id and signature: evidence of who wrote it
    assert received[0][0] == mz.node_id and received[0][1]
    assert not [c for c in received if c[0] == ga.node_id]  # applying made no local op


def test_importing_twice_changes_nothing(office: Office) -> None:
    mz = office.departments["民政局"]
    add_entry(
        mz.store,
        person=CLERKS["民政局"],
        task_id=office.task_ids["MZ-1"],
        work_date=date(2026, 11, 3),
        hours=3,
        now=office.tick(),
    )
    bundle = office.send(mz)
    first = office.receive(office.central, bundle)
    assert first[0].outcome == "imported" and first[0].applied >= 1
    again = office.receive(office.central, bundle)
    assert again[0].outcome == "already imported"


def test_concurrent_edits_of_one_field_resolve_the_same_everywhere_and_are_listed(
    office: Office,
) -> None:
    mz = office.departments["民政局"]
    entry = add_entry(
        mz.store,
        person=CLERKS["民政局"],
        task_id=office.task_ids["MZ-1"],
        work_date=date(2026, 11, 3),
        hours=3,
        note="初稿",
        now=office.tick(),
    )
    office.round_trip()
    edit_entry(mz.store, entry.id, actor=CLERKS["民政局"], note="部门的修改", now=office.tick())
    office.tick(60 * 24 * 60)  # the centre edits 60 days later, without having seen it
    with office.central.store.write() as session:
        session.get(TimesheetEntry, entry.id).note = "考核办的修改"
    office.round_trip()
    office.round_trip()
    assert len(office.hashes()) == 1
    with mz.store.read() as session:
        assert session.get(TimesheetEntry, entry.id).note == "考核办的修改"
    for site in (office.central, mz):
        listed = conflicts(site.store)
        assert [(c.field, c.winner_value, c.loser_value) for c in listed] == [
            ("note", "考核办的修改", "部门的修改")
        ]


def _step(office: Office, rng: random.Random, wire: list[Path], entries: dict) -> None:
    action = rng.choice(["add", "add", "edit", "central_edit", "export", "deliver", "deliver"])
    name = rng.choice(sorted(office.departments))
    site = office.departments[name]
    if action == "add":
        day = date(2026, 11, rng.choice([3, 4, 5, 6, 9, 10]))
        view = add_entry(
            site.store,
            person=CLERKS[name],
            task_id=office.task_ids[CODES[name]],
            work_date=day,
            hours=1,
            note=f"n{rng.randint(0, 9)}",
            now=office.tick(),
        )
        entries.setdefault(name, []).append(view.id)
    elif action == "edit" and entries.get(name):
        entry_id = rng.choice(entries[name])
        with contextlib.suppress(Exception):
            edit_entry(
                site.store,
                entry_id,
                actor=CLERKS[name],
                note=f"e{rng.randint(0, 99)}",
                now=office.tick(),
            )
    elif action == "central_edit" and entries.get(name):
        with office.central.store.write() as session:
            row = session.get(TimesheetEntry, rng.choice(entries[name]))
            if row is not None:
                row.note = f"c{rng.randint(0, 99)}"
    elif action == "export":
        if rng.random() < 0.5:
            wire.extend(office.send(site))
        else:
            wire.extend(office.send(office.central, site))
    elif action == "deliver" and wire:
        bundle = rng.choice(wire)
        if rng.random() < 0.3:
            wire.remove(bundle)  # delivered for the last time (or lost, if never before)
        if rng.random() < 0.2:
            return  # lost on the way this time
        recipient = next(s for s in office.sites() if s.node_id in bundle.name.split("-to-")[1])
        copy = bundle.with_name(f"copy-{rng.random()}.govperf")
        copy.write_bytes(bundle.read_bytes())
        results = office.receive(recipient, [copy])
        assert results[0].outcome in ("imported", "already imported"), results[0].reason


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(0, 2**32 - 1), steps=st.integers(5, 40))
def test_random_exchanges_with_duplicates_delays_and_losses_converge(
    base_office: Office, tmp_path_factory, seed: int, steps: int
) -> None:
    office = close_and_copy(base_office, tmp_path_factory.mktemp("run") / "office")
    try:
        rng = random.Random(seed)
        wire: list[Path] = []
        entries: dict[str, list[str]] = {}
        office.central.store.clock = lambda: office.clock
        for site in office.departments.values():
            site.store.clock = lambda: office.clock
        for _ in range(steps):
            _step(office, rng, wire, entries)
        office.round_trip()
        office.round_trip()
        assert len(office.hashes()) == 1
    finally:
        office.close()
