"""The bundle file: auditable with OpenSSL and sha256sum, encrypted to the recipient,
written atomically, enrolment refusals."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sync_office import CLERKS, PASS, Office, build_office, close_and_copy

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.services.enrolment import accept_certificate, request_enrolment
from govperf_desktop.services.sync import export_bundles, import_bundles, verify_file
from govperf_desktop.services.sync_status import content_hash
from govperf_desktop.services.timesheets import add_entry
from govperf_desktop.sync.bundle import Limits, open_bundle


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


def _bundle(office: Office) -> Path:
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


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_an_auditor_checks_signature_and_payload_hash_with_the_documented_commands(
    office: Office, tmp_path: Path
) -> None:
    bundle = _bundle(office)
    doc = (Path(__file__).parents[1] / "docs" / "bundle-format.md").read_text("utf-8")
    block = doc.split("## Checking a bundle with OpenSSL and sha256sum", 1)[1].split("\n\n", 2)[1]
    script = "\n".join(line.strip() for line in block.splitlines() if line.strip())
    script = script.replace("B=bundle.govperf", f"B={bundle}")
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[0] == lines[1].split()[0]  # the header's hash is the payload's sha256sum
    assert "Signature Verified Successfully" in result.stdout
    assert '"table":"timesheet_entries"' in result.stdout  # gzip -dc shows the ops

    # the same command refuses a header changed by one byte
    header = (tmp_path / "header.json").read_bytes().replace(b'"version":1', b'"version":2')
    (tmp_path / "header.json").write_bytes(header)
    refused = subprocess.run(
        "openssl pkeyutl -verify -pubin -inkey sender.pem -rawin -in header.json "
        "-sigfile signature.bin",
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0


def test_an_encrypted_bundle_imports_only_with_the_recipients_key(office: Office) -> None:
    mz = office.departments["民政局"]
    add_entry(
        mz.store,
        person=CLERKS["民政局"],
        task_id=office.task_ids["MZ-1"],
        work_date=date(2026, 11, 3),
        hours=3,
        note="保密" * 50_000,
        now=office.tick(),
    )
    [view] = export_bundles(
        mz.store, office.root / "wire", passphrase=PASS, now=office.tick(), encrypt=True
    )
    data = Path(view.path).read_bytes()
    assert "保密".encode() not in data and view.encrypted
    header = open_bundle(Path(view.path), Limits()).header
    assert header["algorithms"]["encryption"].startswith("X25519")
    verify_file(office.central.store, Path(view.path), now=office.tick(), passphrase=PASS)
    [result] = import_bundles(
        office.central.store, [Path(view.path)], now=office.tick(), passphrase=PASS
    )
    assert (result.outcome == "imported" and result.applied == 2) or result.applied >= 1
    assert len({content_hash(s.store) for s in (office.central, mz)}) == 1


def test_export_leaves_no_temporary_files_and_names_sort_by_sender_and_sequence(
    office: Office,
) -> None:
    first = _bundle(office)
    second = office.send(office.departments["民政局"])[0]
    files = sorted(p.name for p in first.parent.iterdir())
    assert files == sorted([first.name, second.name]) and files[0] == first.name
    assert not [name for name in files if name.startswith(".tmp-")]


def test_a_certificate_for_another_installation_is_refused(office: Office, tmp_path: Path) -> None:
    mz, ga = office.departments["民政局"], office.departments["公安局"]
    certificate = next((office.root / "requests").glob(f"certificate-{ga.node_id}.json"))
    with pytest.raises(ValidationError, match="is for installation 公安局办公室, not this one"):
        accept_certificate(mz.store, certificate, passphrase=PASS, now=office.tick())


def test_a_wrong_passphrase_is_refused(office: Office) -> None:
    with pytest.raises(ValidationError, match="Wrong passphrase"):
        export_bundles(
            office.central.store, office.root / "w", passphrase="not the one!", now=office.tick()
        )


def test_the_central_office_does_not_enrol(office: Office, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="does not enrol"):
        request_enrolment(office.central.store, tmp_path, passphrase=PASS, now=office.tick())
