"""`govperf keys/enroll/export/import/sync/peers/quarantine` end to end on real stores.

Until cli/main.py lists the sync module, the test adds it to COMMAND_MODULES itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govperf_desktop.cli import main as cli_main
from govperf_desktop.cli import sync as sync_cli


@pytest.fixture
def govperf(monkeypatch, capsys):  # type: ignore[no-untyped-def]
    if sync_cli not in cli_main.COMMAND_MODULES:
        monkeypatch.setattr(cli_main, "COMMAND_MODULES", (*cli_main.COMMAND_MODULES, sync_cli))
    monkeypatch.setenv("GOVPERF_PASSPHRASE", "correct horse battery")

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli_main.main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_enrol_export_import_and_sync_from_the_command_line(govperf, tmp_path: Path) -> None:
    central, office, stick = tmp_path / "central", tmp_path / "mz", tmp_path / "stick"
    assert (
        govperf("--data-dir", str(central), "init", "--node-name", "考核办", "--role", "central")[0]
        == 0
    )
    code, out, _ = govperf("--data-dir", str(central), "keys", "init-root")
    assert code == 0 and "Root key fingerprint" in out
    assert (
        govperf(
            "--data-dir",
            str(office),
            "init",
            "--node-name",
            "民政局办公室",
            "--department",
            "民政局",
        )[0]
        == 0
    )
    code, out, err = govperf("--data-dir", str(office), "enroll", "request", "--out", str(stick))
    assert code == 0, err
    request = next(stick.glob("enrol-*.json"))
    code, out, err = govperf(
        "--data-dir", str(central), "enroll", "sign", str(request), "--out", str(stick)
    )
    assert code == 2 and "No department named '民政局'" in err  # refused until it exists
    from conftest import NOW

    from govperf_desktop.services.org import add_department
    from govperf_desktop.store.store import open_store

    store = open_store(central)
    add_department(store, "民政局", now=NOW)
    store.close()
    code, out, err = govperf(
        "--data-dir", str(central), "enroll", "sign", str(request), "--out", str(stick)
    )
    assert code == 0 and "民政局办公室" in out, err
    certificate = next(stick.glob("certificate-*.json"))
    code, out, err = govperf("--data-dir", str(office), "enroll", "accept", str(certificate))
    assert code == 0 and "Enrolled as 民政局办公室" in out, err

    code, out, err = govperf("--data-dir", str(central), "--json", "sync", str(stick))
    assert code == 0, err
    exported = json.loads(out)["exported"]
    assert [e["recipient_name"] for e in exported] == ["民政局办公室"]
    code, out, err = govperf("--data-dir", str(office), "sync", str(stick))
    assert code == 0 and "imported" in out, err
    code, out, _ = govperf("--data-dir", str(office), "--json", "peers")
    assert [p["name"] for p in json.loads(out)] == ["考核办"]
    code, out, _ = govperf("--data-dir", str(office), "verify", exported[0]["path"])
    assert code == 0 and out.startswith("OK: ")
    code, out, _ = govperf("--data-dir", str(office), "quarantine")
    assert code == 0 and "Quarantine is empty." in out
