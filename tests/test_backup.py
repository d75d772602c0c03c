"""Backups (plain and encrypted) read back and restored; a restored installation refuses to
export until the ops it had already sent are back (no sequence number is used twice)."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import NOW
from sync_office import CLERKS, CODES, PASS, build_office

from govperf_desktop.cli.main import main
from govperf_desktop.domain.errors import ConflictError, StoreError, ValidationError
from govperf_desktop.services import backup as backups
from govperf_desktop.services.backup import backup, restore_backup
from govperf_desktop.services.org import add_department
from govperf_desktop.services.sync import export_bundles
from govperf_desktop.services.timesheets import add_entry
from govperf_desktop.store.store import open_store

SECRET = "backup passphrase 1"


def _digest(store) -> list[tuple]:  # type: ignore[no-untyped-def]
    """What a clerk would see change: the op log and the timesheet rows."""
    with store.engine.connect() as db:
        return [
            *db.exec_driver_sql("SELECT node_id, seq, hash FROM changes ORDER BY node_id, seq"),
            *db.exec_driver_sql("SELECT id, hours FROM timesheet_entries ORDER BY id"),
        ]


def _departments(store) -> list[str]:  # type: ignore[no-untyped-def]
    with store.engine.connect() as db:
        return [r[0] for r in db.exec_driver_sql("SELECT name FROM departments ORDER BY name")]


@pytest.mark.parametrize("encrypted", [False, True])
def test_backup_round_trip(store, store_dir, tmp_path, encrypted) -> None:
    add_department(store, "民政局", now=NOW)
    out = tmp_path / ("store.backup" + (".enc" if encrypted else ""))
    view = backup(store, out, now=NOW, passphrase=SECRET if encrypted else None)
    assert view.verified and view.encrypted == encrypted and out.exists()
    assert backups.is_encrypted(out) == encrypted
    if encrypted:
        assert b"SQLite format 3" not in out.read_bytes()
        assert "民政局".encode() not in out.read_bytes()
    with pytest.raises(ConflictError, match="already exists"):
        backup(store, out, now=NOW)
    add_department(store, "公安局", now=NOW)  # after the backup: gone after the restore
    store.close()
    restored = restore_backup(store_dir, out, now=NOW, passphrase=SECRET if encrypted else None)
    assert restored.safety_copy and Path(restored.safety_copy).exists()
    assert not restored.export_blocked
    again = open_store(store_dir)
    try:
        assert _departments(again) == ["民政局"]
        with again.engine.connect() as db:
            events = [r[0] for r in db.exec_driver_sql("SELECT event FROM audit_log")]
        assert events[-1] == "backup_restored"
    finally:
        again.close()
    assert not list((store_dir / "backups").glob(".*"))  # no plaintext left behind


def test_an_encrypted_backup_refuses_a_wrong_passphrase_or_a_damaged_file(
    store, store_dir, tmp_path
) -> None:
    out = tmp_path / "store.enc"
    backup(store, out, now=NOW, passphrase=SECRET)
    store.close()
    with pytest.raises(ValidationError, match="is encrypted; give its passphrase"):
        restore_backup(store_dir, out, now=NOW)
    with pytest.raises(ValidationError, match="wrong passphrase") as wrong:
        restore_backup(store_dir, out, now=NOW, passphrase="not the passphrase")
    assert "not the passphrase" not in str(wrong.value)
    truncated = tmp_path / "truncated.enc"
    truncated.write_bytes(out.read_bytes()[:-100])
    with pytest.raises(ValidationError, match="damaged"):
        restore_backup(store_dir, truncated, now=NOW, passphrase=SECRET)
    flipped = bytearray(out.read_bytes())
    flipped[len(flipped) // 2] ^= 1
    (tmp_path / "flipped.enc").write_bytes(bytes(flipped))
    with pytest.raises(ValidationError, match="damaged"):
        restore_backup(store_dir, tmp_path / "flipped.enc", now=NOW, passphrase=SECRET)
    with pytest.raises(ValidationError, match="at least 10"):
        backups.encrypt_file(out, tmp_path / "x", "short")


def test_a_backup_of_another_installation_is_refused(store, tmp_path) -> None:
    from govperf_desktop.services.admin import init_installation

    out = tmp_path / "b.sqlite3"
    backup(store, out, now=NOW)
    other = tmp_path / "other"
    init_installation(other, node_name="别处", role="central", now=NOW)
    with pytest.raises(ConflictError, match="restore it into its own folder"):
        restore_backup(other, out, now=NOW)
    (tmp_path / "junk").write_bytes(b"hello")
    with pytest.raises(ValidationError, match="not a govperf backup"):
        restore_backup(other, tmp_path / "junk", now=NOW)


def test_shipped_backup_kdf_is_strong() -> None:
    import importlib

    source = Path(importlib.import_module("govperf_desktop.services.backup").__file__).read_text()
    assert "KDF_LOG2_N = 17" in source


def test_restored_node_refuses_to_export_until_its_own_ops_come_back(tmp_path: Path) -> None:
    office = build_office(tmp_path / "office", departments=("民政局",))
    site = office.departments["民政局"]
    central = office.central
    try:
        saved = tmp_path / "dept.backup"
        backup(site.store, saved, now=office.tick())
        add_entry(
            site.store,
            person=CLERKS["民政局"],
            task_id=office.task_ids[CODES["民政局"]],
            work_date=date(2026, 11, 3),
            hours=3.0,
            now=office.tick(),
        )
        office.receive(central, office.send(site))  # the centre holds the new op
        site.store.close()
        restored = restore_backup(site.folder, saved, now=office.tick())
        assert restored.export_blocked and "already sent its op" in (restored.reason or "")
        site.store = open_store(site.folder, clock=lambda: office.clock)
        wire = tmp_path / "wire2"
        with pytest.raises(ConflictError, match="Export is refused until reconciled"):
            export_bundles(site.store, wire, passphrase=PASS, now=office.tick())
        assert not wire.exists() or not list(wire.iterdir())
        # A local change now would reuse op numbers the centre already holds: refused, and
        # the store keeps exactly what it had.
        before = _digest(site.store)
        with pytest.raises(StoreError, match="changes are refused until reconciled"):
            add_entry(
                site.store,
                person=CLERKS["民政局"],
                task_id=office.task_ids[CODES["民政局"]],
                work_date=date(2026, 11, 4),
                hours=2.0,
                now=office.tick(),
            )
        assert _digest(site.store) == before
        # Reconcile: the centre sends this node its own ops back; then export works again.
        back = backups.resend_own_ops(
            central.store, tmp_path / "back", node=site.node_id, passphrase=PASS, now=office.tick()
        )
        results = office.receive(site, [Path(v.path) for v in back])
        assert results[0].outcome == "imported" and results[0].applied >= 1
        assert backups.export_refusal(site.store) is None
        assert export_bundles(site.store, wire, passphrase=PASS, now=office.tick())
        add_entry(  # and local changes are accepted again, numbered after the resent ops
            site.store,
            person=CLERKS["民政局"],
            task_id=office.task_ids[CODES["民政局"]],
            work_date=date(2026, 11, 4),
            hours=2.0,
            now=office.tick(),
        )
        office.receive(central, office.send(site))
    finally:
        office.close()


def test_cli_backup_and_restore(store_dir, tmp_path, capsys, monkeypatch) -> None:
    d = str(store_dir)
    monkeypatch.setenv("GOVPERF_BACKUP_PASSPHRASE", SECRET)
    out = tmp_path / "cli.enc"
    assert main(["--data-dir", d, "backup", "--out", str(out), "--encrypt"]) == 0
    printed = capsys.readouterr()
    assert "read back and verified" in printed.out and SECRET not in printed.out + printed.err
    assert main(["--data-dir", d, "restore-backup", str(out)]) == 0
    assert "Restored" in capsys.readouterr().out
    monkeypatch.setenv("GOVPERF_BACKUP_PASSPHRASE", "a wrong passphrase")
    assert main(["--data-dir", d, "restore-backup", str(out)]) == 2
    err = capsys.readouterr().err
    assert "wrong passphrase" in err and "a wrong passphrase" not in err
    assert os.environ.get("GOVPERF_BACKUP_PASSPHRASE")  # the secret is read, never printed
    shutil.rmtree(tmp_path / "nothing", ignore_errors=True)
