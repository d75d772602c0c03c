"""Sync edge cases: a delete on one installation against a concurrent child row on another,
two installations creating the same department name, bulk-applied comments stay searchable,
and the staging file of an import never outlives it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sync_office import CLERKS, PASS, Office, _site, add_central_task, build_office, close_and_copy

from govperf_desktop.services.comment_search import search_comments
from govperf_desktop.services.comments import add_comment
from govperf_desktop.services.enrolment import accept_certificate, sign_request
from govperf_desktop.services.org import add_department
from govperf_desktop.services.sync_status import conflicts
from govperf_desktop.services.timesheets import add_entry
from govperf_desktop.store.models import Department, Task, TimesheetEntry
from govperf_desktop.sync.staging import PREFIX


@pytest.fixture(scope="module")
def base_office(tmp_path_factory):  # type: ignore[no-untyped-def]
    office = build_office(tmp_path_factory.mktemp("office") / "base", departments=("民政局",))
    office.close()
    return office


@pytest.fixture
def office(base_office: Office, tmp_path: Path):  # type: ignore[no-untyped-def]
    copy = close_and_copy(base_office, tmp_path / "copy")
    yield copy
    copy.close()


def _entry_ids(site) -> set[str]:  # type: ignore[no-untyped-def]
    with site.store.read() as session:
        return set(session.scalars(select(TimesheetEntry.id)))


def test_a_delete_wins_over_a_concurrent_child_row_everywhere_and_is_listed(
    office: Office,
) -> None:
    mz = office.departments["民政局"]
    task_id = add_central_task(office)
    office.round_trip()
    entry = add_entry(
        mz.store,
        person=CLERKS["民政局"],
        task_id=task_id,
        work_date=date(2026, 11, 3),
        hours=2,
        now=office.tick(),
    )
    with office.central.store.write() as session:  # the centre deletes it, not having seen it
        session.delete(session.get(Task, task_id))
    office.tick()
    # the department's entry reaches the centre after the delete: no foreign-key failure
    [first] = office.receive(office.central, office.send(mz))
    assert first.outcome == "imported" and first.applied >= 1
    assert entry.id not in _entry_ids(office.central)
    # the delete reaches the department after its entry: the entry leaves its table too
    [second] = office.receive(mz, office.send(office.central, mz))
    assert second.outcome == "imported"
    assert entry.id not in _entry_ids(mz)
    office.round_trip()
    assert len(office.hashes()) == 1
    for site in (office.central, mz):
        listed = [c for c in conflicts(site.store) if c.field == "(row)"]
        assert [(c.table, c.record_id) for c in listed] == [("timesheet_entries", entry.id)]
        assert listed[0].winner_value == {"parent": f"tasks/{task_id}"}
        assert listed[0].loser_value["hours"] == 2
    # the op stays in the log: nothing is lost, a restore of the task could bring it back
    with office.central.store.engine.connect() as connection:
        held = connection.exec_driver_sql(
            "SELECT count(*) FROM changes WHERE record_id = ?", (entry.id,)
        ).scalar()
    assert held == 1


def _second_centre(office: Office):  # type: ignore[no-untyped-def]
    """A second installation holding a central certificate (the centre's spare laptop), up to
    date. `govperf enroll request` refuses central installations, so the test writes its
    request the way that command does."""
    import json

    from govperf_desktop.services.admin import local_node
    from govperf_desktop.sync import keys as keyring
    from govperf_desktop.sync.certificates import Signed, canonical, request_body

    site = _site(office.root / "central-2", "考核办备机", "central", None, office.clock)
    site.store.clock = lambda: office.clock
    node_keys = keyring.create_node_keys(site.folder, PASS)
    body = request_body(
        node_id=local_node(site.store).id,  # type: ignore[union-attr]
        node_name=site.name,
        role="central",
        department=None,
        signing_key=node_keys.signing_public,
        encryption_key=node_keys.encryption_public,
        created_at=office.clock.replace(tzinfo=None),
    )
    signed = Signed(body, keyring.sign(node_keys.signing, canonical(body)))
    request = office.root / "enrol-spare.json"
    request.write_text(json.dumps(signed.as_json(), ensure_ascii=False), encoding="utf-8")
    certificate = sign_request(
        office.central.store, request, office.root, passphrase=PASS, now=office.clock
    )
    accept_certificate(site.store, Path(certificate.file), passphrase=PASS, now=office.clock)  # type: ignore[arg-type]
    office.receive(site, office.send(office.central, site))
    return site


def _department_names(site) -> list[str]:  # type: ignore[no-untyped-def]
    with site.store.read() as session:
        return sorted(session.scalars(select(Department.name)))


def test_two_installations_creating_the_same_department_name_converge_with_a_conflict(
    office: Office,
) -> None:
    spare = _second_centre(office)
    try:
        first = add_department(spare.store, "财政局", now=office.tick())
        second = add_department(office.central.store, "财政局", now=office.tick())
        to_centre = office.receive(office.central, office.send(spare, office.central))
        to_spare = office.receive(spare, office.send(office.central, spare))
        assert [r.outcome for r in to_centre + to_spare] == ["imported", "imported"]
        with office.central.store.read() as session:
            kept = session.scalar(select(Department.id).where(Department.name == "财政局"))
        assert kept in (first.id, second.id)  # the one created first by clock, then node id
        renamed = second.id if kept == first.id else first.id
        expected = ["财政局", f"财政局 #{renamed[-6:]}"]
        for site in (office.central, spare):
            names = _department_names(site)
            assert [n for n in names if n.startswith("财政局")] == expected
            with site.store.read() as session:
                assert session.get(Department, kept).name == "财政局"
                assert session.get(Department, renamed).name == expected[1]
            [clash] = [c for c in conflicts(site.store) if c.table == "departments"]
            assert (clash.record_id, clash.field) == (renamed, "name")
            assert (clash.winner_value, clash.loser_value) == ("财政局", expected[1])
        office.receive(office.central, office.send(spare, office.central))
        from govperf_desktop.services.sync_status import content_hash

        assert content_hash(spare.store) == content_hash(office.central.store)
    finally:
        spare.store.close()


def test_comments_applied_in_bulk_are_found_by_search_at_the_centre(office: Office) -> None:
    mz = office.departments["民政局"]
    for number in range(30):
        add_comment(
            mz.store,
            person=CLERKS["民政局"],
            task=office.task_ids["MZ-1"],
            text=f"第{number}次整改清单已上报",
            now=office.tick(),
        )
    office.round_trip()
    found = search_comments(office.central.store, "整改清单")
    assert len(found.hits) == 30
    assert not search_comments(office.central.store, "没有这句话").hits


def test_an_import_leaves_no_staging_file_even_when_refused(office: Office) -> None:
    mz = office.departments["民政局"]
    add_entry(
        mz.store,
        person=CLERKS["民政局"],
        task_id=office.task_ids["MZ-1"],
        work_date=date(2026, 11, 3),
        hours=1,
        now=office.tick(),
    )
    [bundle] = office.send(mz)
    damaged = bundle.with_name("damaged.govperf")
    data = bytearray(bundle.read_bytes())
    data[-5] ^= 0xFF
    damaged.write_bytes(bytes(data))
    results = office.receive(office.central, [damaged, bundle])
    assert sorted(r.outcome for r in results) == ["imported", "rejected"]
    assert not list(office.central.folder.glob(f"{PREFIX}*"))
