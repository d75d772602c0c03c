"""Read-only sync views for the desktop: gaps, peers with their gaps, the overview, folder
scans and the passphrase check, on a real central office and department."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.services.comments import add_comment
from govperf_desktop.services.sync import export_bundles
from govperf_desktop.services.sync_status import (
    check_passphrase,
    gaps,
    peer_statuses,
    scan_folder,
    sync_enrolled,
    sync_overview,
)
from govperf_desktop.store.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from sync_office import CLERKS, PASS, Office, build_office, close_and_copy


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Office:
    office = build_office(tmp_path_factory.mktemp("office") / "o", departments=("民政局",))
    office.close()
    return office


@pytest.fixture
def office(template: Office, tmp_path: Path) -> Iterator[Office]:
    copy = close_and_copy(template, tmp_path / "office")
    yield copy
    copy.close()


def _head(store: Store, node_id: str) -> int:
    with store.engine.connect() as connection:
        value = connection.execute(
            text("SELECT max(seq) FROM changes WHERE node_id = :node"), {"node": node_id}
        ).scalar()
    return int(value or 0)


def _comment(office: Office, body: str) -> None:
    site = office.departments["民政局"]
    add_comment(
        site.store,
        person=CLERKS["民政局"],
        task=office.task_ids["MZ-1"],
        text=body,
        now=office.tick(),
    )


def test_a_gap_is_reported_until_the_missing_ops_arrive(office: Office, tmp_path: Path) -> None:
    site, central = office.departments["民政局"], office.central
    before = _head(central.store, site.node_id)
    _comment(office, "第一条")
    first_head = _head(site.store, site.node_id)
    _comment(office, "第二条")
    last_head = _head(site.store, site.node_id)
    # A bundle that skips the first comment's ops, as if an earlier bundle had been lost.
    [late] = export_bundles(
        site.store,
        tmp_path / "late",
        passphrase=PASS,
        now=office.tick(),
        since={site.node_id: first_head},
    )
    office.receive(central, [Path(late.path)])

    [gap] = gaps(central.store)
    assert (gap.node_id, gap.node_name) == (site.node_id, "民政局办公室")
    assert (gap.first_missing, gap.last_missing) == (before + 1, first_head)
    assert gap.held_back == last_head - first_head
    overview = sync_overview(central.store)
    assert overview.enrolled and overview.gaps == (gap,)
    assert overview.last_import_at is not None and overview.quarantined == 0
    [peer] = peer_statuses(central.store)
    assert peer.node_id == site.node_id and peer.gaps == (gap,)

    office.receive(central, office.send(site, central))  # the full bundle fills the gap
    assert gaps(central.store) == []
    assert peer_statuses(central.store)[0].gaps == ()


def test_scan_counts_the_bundles_waiting_here(office: Office, tmp_path: Path) -> None:
    site, central = office.departments["民政局"], office.central
    folder = tmp_path / "share"
    folder.mkdir()
    assert scan_folder(site.store, folder).for_here == 0
    office.send(central, site, folder=folder)
    office.send(site, central, folder=folder)
    (folder / "damaged.govperf").write_bytes(b"not a bundle")
    scan = scan_folder(site.store, folder)
    assert (scan.for_here, scan.for_others) == (2, 1)  # the damaged one would be quarantined
    office.receive(site, [p for p in folder.glob("*-to-" + site.node_id + ".govperf")])
    assert scan_folder(site.store, folder).for_here == 1
    with pytest.raises(ValidationError, match="does not exist"):
        scan_folder(site.store, tmp_path / "unplugged")


def test_the_passphrase_check(office: Office) -> None:
    store = office.departments["民政局"].store
    check_passphrase(store, PASS)
    with pytest.raises(ValidationError, match="Wrong passphrase"):
        check_passphrase(store, "guess")


def test_an_installation_not_enrolled(store: Store) -> None:
    assert not sync_enrolled(store)
    assert peer_statuses(store) == []
    overview = sync_overview(store)
    assert not overview.enrolled and overview.gaps == () and overview.peers_behind == 0
