"""Every attack on a bundle is refused with its own clear reason, the bundle is quarantined,
and the store is unchanged (row counts and content hash)."""

from __future__ import annotations

import base64
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sync_office import (
    CLERKS,
    PASS,
    Office,
    build_office,
    close_and_copy,
    forge_police_entry,
    snapshot,
)

from govperf_desktop.services.enrolment import revoke_node
from govperf_desktop.services.sync import import_bundles
from govperf_desktop.services.sync_status import quarantined
from govperf_desktop.services.timesheets import add_entry
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import (
    Department,
    Person,
    Submission,
    SubmissionFile,
    TimesheetEntry,
)
from govperf_desktop.sync.bundle import Limits


@pytest.fixture(scope="module")
def base_office(tmp_path_factory):  # type: ignore[no-untyped-def]
    office = build_office(tmp_path_factory.mktemp("office") / "base", valid_days=30)
    office.close()
    return office


@pytest.fixture
def office(base_office: Office, tmp_path: Path):  # type: ignore[no-untyped-def]
    copy = close_and_copy(base_office, tmp_path / "copy")
    yield copy
    copy.close()


def _entry_bundle(office: Office) -> Path:
    mz = office.departments["民政局"]
    add_entry(
        mz.store,
        person=CLERKS["民政局"],
        task_id=office.task_ids["MZ-1"],
        work_date=date(2026, 11, 3),
        hours=3,
        note="整理清单",
        now=office.tick(),
    )
    return office.send(mz)[0]


def _refused(office: Office, site, bundle: Path, match: str, **options) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(site.store)
    now = options.pop("now", None) or office.tick()
    [result] = import_bundles(site.store, [bundle], now=now, passphrase=PASS, **options)
    assert result.outcome == "rejected", result
    assert match in result.reason, result.reason
    assert snapshot(site.store) == before
    assert not bundle.exists() and Path(result.quarantined).exists()
    assert Path(result.quarantined + ".reason.txt").read_text("utf-8").strip() == result.reason
    assert match in quarantined(site.store)[-1].reason


def _copy(bundle: Path, data: bytes, tag: str) -> Path:
    target = bundle.with_name(f"{tag}-{bundle.name}")
    target.write_bytes(data)
    return target


def test_a_flipped_byte_anywhere_is_refused(office: Office) -> None:
    bundle = _entry_bundle(office)
    data = bundle.read_bytes()
    header_end = data.index(b"\n")
    offsets = sorted(
        {0, 10, header_end // 2, header_end - 1, header_end + 5, header_end + 80}
        | set(range(header_end + 90, len(data), max(1, len(data) // 12)))
        | {len(data) - 1}
    )
    for offset in offsets:
        flipped = bytearray(data)
        flipped[offset] ^= 0x01
        copy = _copy(bundle, bytes(flipped), f"flip{offset}")
        before = snapshot(office.central.store)
        [result] = import_bundles(office.central.store, [copy], now=office.tick())
        assert result.outcome == "rejected", offset
        assert snapshot(office.central.store) == before
    [good] = import_bundles(office.central.store, [bundle], now=office.tick())
    assert good.outcome == "imported"


def test_a_bundle_cut_short_at_any_offset_is_refused(office: Office) -> None:
    bundle = _entry_bundle(office)
    data = bundle.read_bytes()
    for length in sorted(
        {0, 1, 50, data.index(b"\n"), data.index(b"\n") + 1, len(data) - 1}
        | set(range(0, len(data), max(1, len(data) // 15)))
    ):
        copy = _copy(bundle, data[:length], f"cut{length}")
        before = snapshot(office.central.store)
        [result] = import_bundles(office.central.store, [copy], now=office.tick())
        assert result.outcome == "rejected", length
        assert snapshot(office.central.store) == before


def test_a_bundle_signed_with_a_wrong_key_is_refused(office: Office) -> None:
    bundle = _entry_bundle(office)
    header, _signature, payload = bundle.read_bytes().split(b"\n", 2)
    forged = base64.b64encode(Ed25519PrivateKey.generate().sign(header + b"\n"))
    copy = _copy(bundle, header + b"\n" + forged + b"\n" + payload, "forged")
    _refused(office, office.central, copy, "is not signed by the installation it names as sender")


def test_an_expired_certificate_is_refused(office: Office) -> None:
    bundle = _entry_bundle(office)
    _refused(office, office.central, bundle, "expired on", now=office.clock + timedelta(days=40))


def test_a_revoked_installation_is_refused(office: Office) -> None:
    revoke_node(
        office.central.store,
        "民政局办公室",
        reason="laptop stolen",
        passphrase=PASS,
        now=office.tick(),
    )
    bundle = _entry_bundle(office)
    _refused(office, office.central, bundle, "was revoked on")


def test_a_department_writing_another_departments_timesheets_is_refused(office: Office) -> None:
    mz = office.departments["民政局"]
    forge_police_entry(office, mz)
    _refused(
        office, office.central, office.send(mz)[0], "wrote a timesheet entry of another department"
    )


def test_a_rehomed_row_is_refused(office: Office) -> None:
    mz = office.departments["民政局"]
    entry = add_entry(
        mz.store,
        person=CLERKS["民政局"],
        task_id=office.task_ids["MZ-1"],
        work_date=date(2026, 11, 3),
        hours=3,
        now=office.tick(),
    )
    office.receive(office.central, office.send(mz))
    with mz.store.read() as session:
        police = session.query(Department).filter_by(name="公安局").one()
    with mz.store.write() as session:
        session.get(TimesheetEntry, entry.id).department_id = police.id
    _refused(office, office.central, office.send(mz)[0], "of another department")


def test_a_replayed_old_bundle_is_a_no_op(office: Office) -> None:
    bundle = _entry_bundle(office)
    replay = _copy(bundle, bundle.read_bytes(), "replay")
    office.receive(office.central, [bundle])
    add_entry(
        office.departments["民政局"].store,
        person=CLERKS["民政局"],
        task_id=office.task_ids["MZ-1"],
        work_date=date(2026, 11, 4),
        hours=2,
        now=office.tick(),
    )
    office.receive(office.central, office.send(office.departments["民政局"]))
    before = snapshot(office.central.store)
    [result] = import_bundles(office.central.store, [replay], now=office.tick())
    assert result.outcome == "already imported"
    assert snapshot(office.central.store) == before


def test_a_bundle_swapped_between_recipients_is_refused(office: Office) -> None:
    ga = office.departments["公安局"]
    [bundle] = office.send(office.central, ga)
    _refused(
        office,
        office.departments["民政局"],
        bundle,
        "is addressed to installation 公安局办公室, not this one",
    )


def test_a_decompression_bomb_is_refused(office: Office) -> None:
    mz = office.departments["民政局"]
    add_entry(
        mz.store,
        person=CLERKS["民政局"],
        task_id=office.task_ids["MZ-1"],
        work_date=date(2026, 11, 3),
        hours=3,
        note="0" * 3_000_000,
        now=office.tick(),
    )
    bundle = office.send(mz)[0]
    assert bundle.stat().st_size < 100_000
    _refused(
        office,
        office.central,
        bundle,
        "decompression bomb",
        limits=Limits(max_uncompressed_bytes=1_000_000),
    )


def test_an_oversized_bundle_is_refused(office: Office) -> None:
    bundle = _entry_bundle(office)
    _refused(
        office, office.central, bundle, "over the limit of", limits=Limits(max_bundle_bytes=1_000)
    )


def test_an_unsafe_attachment_name_is_refused(office: Office) -> None:
    mz = office.departments["民政局"]
    with mz.store.read() as session:
        clerk = session.query(Person).filter_by(name=CLERKS["民政局"]).one()
    moment = office.clock.replace(tzinfo=None)
    with mz.store.write() as session:
        submission = Submission(
            id=new_id(),
            task_id=office.task_ids["MZ-1"],
            revision=1,
            submitted_by=clerk.id,
            submitted_at=moment,
            items_provided="[]",
            missing_items="[]",
            check_result="complete",
        )
        session.add(submission)
        session.flush()
        session.add(
            SubmissionFile(
                id=new_id(),
                submission_id=submission.id,
                sha256="a" * 64,
                size=10,
                name="../../etc/cron.d/evil",
            )
        )
    _refused(office, office.central, office.send(mz)[0], "is not a plain file name")


def test_a_gap_is_held_back_and_applied_when_filled(office: Office) -> None:
    mz = office.departments["民政局"]
    from govperf_desktop.services.sync import export_bundles

    early = _entry_bundle(office)
    head = json.loads(early.read_bytes().split(b"\n", 1)[0])["runs"]
    mine = next(run for run in head if run["origin"] == mz.node_id)
    add_entry(
        mz.store,
        person=CLERKS["民政局"],
        task_id=office.task_ids["MZ-1"],
        work_date=date(2026, 11, 4),
        hours=2,
        now=office.tick(),
    )
    [late] = export_bundles(
        mz.store,
        office.root / "wire",
        passphrase=PASS,
        now=office.tick(),
        since={mz.node_id: mine["last"]},
    )
    [held] = office.receive(office.central, [Path(late.path)])
    assert held.outcome == "imported" and held.applied == 0 and held.held_back >= 1
    assert held.gaps == (f"missing ops 1..{mine['last']} from node 民政局办公室 ({mz.node_id})",)
    [filled] = office.receive(office.central, [early])
    assert filled.released == held.held_back
    office.round_trip()
    assert len(office.hashes()) == 1
