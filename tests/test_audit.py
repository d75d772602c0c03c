"""The security audit log: events appended in a hash chain, tampering from outside detected
by `govperf check`, sync and history restore recorded."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from conftest import NOW, checkpoint
from sync_office import CLERKS, build_office

from govperf_desktop.cli.main import main
from govperf_desktop.paths import store_path
from govperf_desktop.services.accounts import add_account, login
from govperf_desktop.services.admin import check_store
from govperf_desktop.services.audit import list_events, record_event, verify
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.store.audit import GENESIS, canonical_detail, entry_hash

PW = "audit-test-password"


@pytest.fixture
def audited(store):  # type: ignore[no-untyped-def]
    add_department(store, "信息中心", now=NOW)
    add_person(store, department="信息中心", name="管理员", roles=("admin",), now=NOW)
    add_person(store, department="信息中心", name="审计员", roles=("auditor",), now=NOW)
    add_account(store, name="admin", person="管理员", password=PW, by=None, now=NOW, duty="admin")
    me = login(store, "admin", PW, now=NOW)
    add_account(store, name="audit", person="审计员", password=PW, by=me, now=NOW, duty="auditor")
    for n in range(3):
        record_event(store, "key_used", now=NOW, account="admin", detail={"n": n})
    return store


def test_events_form_a_hash_chain(audited) -> None:
    with audited.engine.connect() as db:
        rows = db.exec_driver_sql(
            "SELECT seq, at, event, account, person_id, detail, prev_hash, hash"
            " FROM audit_log ORDER BY seq"
        ).fetchall()
    prev = GENESIS
    for seq, at, event, account, person_id, detail, prev_hash, digest in rows:
        from datetime import datetime

        assert prev_hash == prev
        moment = datetime.fromisoformat(at)
        assert digest == entry_hash(
            prev,
            seq=seq,
            at=moment,
            event=event,
            account=account,
            person_id=person_id,
            detail=detail,
        )
        prev = digest
    assert [r[2] for r in rows][:3] == ["account_created", "login", "account_created"]
    assert canonical_detail({"b": 1, "a": "中"}) == '{"a":"中","b":1}'
    report = verify(audited)
    assert report.rows == len(rows) and report.problems == []
    assert check_store(audited).ok


def _tamper(path: Path, sql: str, *params) -> None:  # type: ignore[no-untyped-def]
    db = sqlite3.connect(path)
    with db:
        db.execute(sql, params)
    db.close()


def test_a_row_edited_with_sqlite3_is_named_by_check(audited, store_dir, capsys) -> None:
    checkpoint(audited)
    audited.close()
    _tamper(store_path(store_dir), "UPDATE audit_log SET account = 'someone' WHERE seq = 4")
    code = main(["--data-dir", str(store_dir), "check"])
    out = capsys.readouterr().out
    assert code == 1
    assert "audit log row 4 (key_used) was changed outside the program" in out
    assert "PROBLEMS FOUND" in out


def test_a_row_rehashed_or_removed_is_found_too(audited, store_dir) -> None:
    checkpoint(audited)
    path = store_path(store_dir)
    # Edited and given a fresh hash: the next row no longer follows it.
    db = sqlite3.connect(path)
    seq, at, event, _account, person_id, detail, prev = db.execute(
        "SELECT seq, at, event, account, person_id, detail, prev_hash FROM audit_log WHERE seq=4"
    ).fetchone()
    from datetime import datetime

    forged = entry_hash(
        prev,
        seq=seq,
        at=datetime.fromisoformat(at),
        event=event,
        account="someone",
        person_id=person_id,
        detail=detail,
    )
    with db:
        db.execute("UPDATE audit_log SET account='someone', hash=? WHERE seq=4", (forged,))
    db.close()
    assert verify(audited).problems == ["audit log row 5 does not follow row 4"]
    _tamper(path, "DELETE FROM audit_log WHERE seq = 2")
    problems = verify(audited).problems
    assert "audit log rows 2..2 were removed" in problems
    assert not check_store(audited).ok


def test_only_the_auditor_lists_events(audited) -> None:
    auditor = login(audited, "audit", PW, now=NOW)
    events = list_events(audited, by=auditor, event="key_used")
    assert [e.detail["n"] for e in events] == [2, 1, 0]  # newest first


def test_sync_and_history_restore_are_audited(tmp_path: Path) -> None:
    office = build_office(tmp_path / "office", departments=("民政局",))
    try:
        central = office.central.store
        site = office.departments["民政局"]
        with central.engine.connect() as db:
            central_events = [r[0] for r in db.exec_driver_sql("SELECT event FROM audit_log")]
        with site.store.engine.connect() as db:
            site_events = [r[0] for r in db.exec_driver_sql("SELECT event FROM audit_log")]
        assert "export" in central_events and "import" in site_events
        assert central_events.count("key_used") == 2  # root key: created, signed a certificate
        # A refused bundle: recorded with its reason.
        bad = tmp_path / "bad.govperf"
        bad.write_bytes(b"not a bundle")
        office.receive(site, [bad])
        with site.store.engine.connect() as db:
            row = db.exec_driver_sql(
                "SELECT detail FROM audit_log WHERE event = 'bundle_rejected'"
            ).one()
        assert "bad.govperf" in row[0]
        assert verify(site.store).problems == [] and verify(central).problems == []
        # History restore (版本回溯) by the central office.
        from govperf_desktop.services.history import history, restore

        add_person(central, department="考核办", name="管理员", roles=("admin",), now=NOW)
        person = add_person(central, department="民政局", name="新人", roles=("clerk",), now=NOW)
        from govperf_desktop.store.models import Person

        with central.write() as session:
            session.get(Person, person.id).name = "新人2"
        assert len(history(central, person.id)) == 2
        restore(central, person.id, version=1, actor_id="管理员")
        with central.engine.connect() as db:
            detail = db.exec_driver_sql(
                "SELECT detail FROM audit_log WHERE event = 'restore'"
            ).one()[0]
        assert person.id in detail and CLERKS["民政局"] not in detail
    finally:
        office.close()


def test_the_chain_hash_is_sha256_of_previous_hash_and_content() -> None:
    from datetime import datetime

    at = datetime(2026, 11, 20, 9, 30)
    content = (
        '{"account":null,"at":"2026-11-20 09:30:00.000000","detail":"{}",'
        '"event":"login","person_id":null,"seq":1}'
    )
    expected = hashlib.sha256((GENESIS + content).encode()).hexdigest()
    got = entry_hash(
        GENESIS, seq=1, at=at, event="login", account=None, person_id=None, detail="{}"
    )
    assert got == expected
