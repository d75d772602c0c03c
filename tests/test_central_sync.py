"""`govperf central sync DIR`: the central office's scheduled run over a share folder of many
departments' bundles, its summary and the exit codes a scheduler reads (0 / 1 / 2)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sync_office import CLERKS, PASS, Office, build_office

from govperf_desktop.cli.main import main
from govperf_desktop.services.central_sync import LOCK_NAME
from govperf_desktop.services.timesheets import add_entry


@pytest.fixture
def office(tmp_path: Path):  # type: ignore[no-untyped-def]
    built = build_office(tmp_path / "office", departments=("民政局", "公安局"))
    yield built
    built.close()


def _run(office: Office, capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    office.central.store.close()  # the command opens the store itself, as a scheduler would
    code = main(["--data-dir", str(office.central.folder), *argv])
    captured = capsys.readouterr()
    office.central.store = _reopen(office)
    return code, captured.out, captured.err


def _reopen(office: Office):  # type: ignore[no-untyped-def]
    from govperf_desktop.store.store import open_store

    return open_store(office.central.folder)


def test_a_share_of_department_folders_is_imported_and_answered(
    office: Office, tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("GOVPERF_PASSPHRASE", PASS)
    share = tmp_path / "share"
    for name, site in office.departments.items():
        add_entry(
            site.store,
            person=CLERKS[name],
            task_id=office.task_ids[{"民政局": "MZ-1", "公安局": "GA-1"}[name]],
            work_date=date(2026, 11, 3),
            hours=2,
            now=office.tick(),
        )
        office.send(site, office.central, folder=share / name)  # one sub-folder each

    code, out, err = _run(office, capsys, "--json", "central", "sync", str(share))
    summary = json.loads(out)
    assert code == 0, err
    assert (summary["folders"], summary["imported"], summary["ok"]) == (3, 2, True)
    assert summary["ops_applied"] >= 2 and summary["quarantined"] == []
    assert {name for name, _ in summary["exported"]} == {"民政局办公室", "公安局办公室"}
    assert not (share / LOCK_NAME).exists()

    code, out, _ = _run(office, capsys, "central", "sync", str(share))  # nothing new
    assert code == 0 and "0 bundles imported" in out

    (share / "公安局" / "broken.govperf").write_bytes(b"not a bundle at all")
    code, out, _ = _run(office, capsys, "central", "sync", str(share))
    assert code == 1
    assert "1 quarantined" in out and "QUARANTINED broken.govperf" in out
    assert not (share / "公安局" / "broken.govperf").exists()  # moved out of the share


def test_a_missing_share_or_a_running_sync_is_an_error(
    office: Office, tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("GOVPERF_PASSPHRASE", PASS)
    code, _, err = _run(office, capsys, "central", "sync", str(tmp_path / "no-such-share"))
    assert code == 2 and "is not a folder" in err
    share = tmp_path / "share"
    share.mkdir()
    from govperf_desktop.cli.common import now_utc

    (share / LOCK_NAME).write_text(f"{now_utc():%Y-%m-%dT%H:%M:%S%z} pid 1\n")
    code, _, err = _run(office, capsys, "central", "sync", str(share))
    assert code == 2 and "Another central sync has been working on" in err
    assert (share / LOCK_NAME).exists()  # the other run's lock is left alone
    (share / LOCK_NAME).write_text("2026-01-01T00:00:00+0000 pid 1\n")  # left by a killed run
    code, _, err = _run(office, capsys, "central", "sync", str(share))
    assert code == 0, err
    assert not (share / LOCK_NAME).exists()
