"""Local accounts: scrypt hashes, login with lockout, password change, disabling, separation of
duties, and the command line's --user rule. Passwords never show up anywhere."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import NOW, checkpoint, file_digest

from govperf_desktop.cli.main import build_parser, main
from govperf_desktop.domain.errors import ConflictError, ValidationError
from govperf_desktop.paths import store_path
from govperf_desktop.services import accounts
from govperf_desktop.services.accounts import (
    AuthenticationError,
    PermissionDenied,
    ScryptParams,
    add_account,
    change_own_password,
    hash_password,
    list_accounts,
    login,
    set_disabled,
    set_password,
    verify_password,
)
from govperf_desktop.services.admin import AdminSetup, init_installation
from govperf_desktop.services.audit import list_events
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.store import migrate
from govperf_desktop.store.engine import make_engine, sqlite_url
from govperf_desktop.store.store import open_store

ADMIN_PW = "correct horse battery"
CLERK_PW = "clerk-password-1"
AUDIT_PW = "auditor-password-1"


@pytest.fixture
def org(store):  # type: ignore[no-untyped-def]
    add_department(store, "信息中心", now=NOW)
    add_department(store, "民政局", now=NOW)
    add_person(store, department="信息中心", name="管理员", roles=("admin",), now=NOW)
    add_person(store, department="信息中心", name="审计员", roles=("clerk",), now=NOW)
    add_person(store, department="民政局", name="李娜", roles=("clerk",), now=NOW)
    admin = add_account(
        store, name="admin", person="管理员", password=ADMIN_PW, by=None, now=NOW, duty="admin"
    )
    assert admin.roles == ("admin",) and admin.duty == "admin"
    me = login(store, "admin", ADMIN_PW, now=NOW)
    add_account(store, name="lina", person="李娜", password=CLERK_PW, by=me, now=NOW)
    add_account(
        store, name="audit", person="审计员", password=AUDIT_PW, by=me, now=NOW, duty="auditor"
    )
    return store


def test_shipped_scrypt_parameters_are_strong_and_stored_with_the_hash() -> None:
    shipped = ScryptParams()
    assert (shipped.log2_n, shipped.r, shipped.p) == (17, 8, 1)
    stored = hash_password("a long enough password", shipped)
    scheme, log2_n, r, p, _salt, _digest = stored.split("$")
    assert (scheme, log2_n, r, p) == ("scrypt", "17", "8", "1")
    assert verify_password("a long enough password", stored)
    assert not verify_password("a long enough passworD", stored)


def test_each_password_gets_its_own_salt_and_no_clear_text_is_stored(org, store_dir) -> None:
    first, second = hash_password(CLERK_PW), hash_password(CLERK_PW)
    assert first != second and first.split("$")[4] != second.split("$")[4]
    checkpoint(org)
    raw = store_path(store_dir).read_bytes()
    for secret in (ADMIN_PW, CLERK_PW, AUDIT_PW):
        assert secret.encode() not in raw


def test_login_gives_the_account_its_person_and_roles(org) -> None:
    me = login(org, "lina", CLERK_PW, now=NOW)
    assert (me.account, me.person, me.roles) == ("lina", "李娜@民政局", ("clerk",))


def test_wrong_password_and_unknown_account_get_the_same_answer(org) -> None:
    with pytest.raises(AuthenticationError, match="Wrong account name or password") as wrong:
        login(org, "lina", "not-her-password", now=NOW)
    with pytest.raises(AuthenticationError, match="Wrong account name or password") as unknown:
        login(org, "nobody", "whatever-password", now=NOW)
    assert str(wrong.value) == str(unknown.value)
    assert "not-her-password" not in str(wrong.value)


def test_five_failures_lock_the_account_for_a_growing_delay(org) -> None:
    for _ in range(accounts.MAX_ATTEMPTS):
        with pytest.raises(AuthenticationError, match="Wrong"):
            login(org, "lina", "bad-password-x", now=NOW)
    # Locked: even the right password is refused, without being checked.
    with pytest.raises(AuthenticationError, match="locked after 5 failed logins; try again in 31"):
        login(org, "lina", CLERK_PW, now=NOW)
    later = NOW + timedelta(seconds=31)
    with pytest.raises(AuthenticationError, match="Wrong"):
        login(org, "lina", "bad-password-x", now=later)  # the 6th failure: 60 s this time
    with pytest.raises(AuthenticationError, match="try again in 61 seconds"):
        login(org, "lina", CLERK_PW, now=later)
    me = login(org, "lina", CLERK_PW, now=later + timedelta(seconds=61))
    assert me.account == "lina"
    # A good login starts the count again.
    with pytest.raises(AuthenticationError, match="Wrong"):
        login(org, "lina", "bad-password-x", now=later + timedelta(seconds=62))
    assert login(org, "lina", CLERK_PW, now=later + timedelta(seconds=63)).account == "lina"
    auditor = login(org, "audit", AUDIT_PW, now=later)
    kinds = [e.event for e in list_events(org, by=auditor, account="lina", limit=50)]
    assert kinds.count("lockout") == 2 and "login_locked" in kinds and "login" in kinds


def test_password_change_replaces_the_old_one(org) -> None:
    change_own_password(
        org, name="lina", old_password=CLERK_PW, new_password="a-new-password", now=NOW
    )
    with pytest.raises(AuthenticationError):
        login(org, "lina", CLERK_PW, now=NOW)
    assert login(org, "lina", "a-new-password", now=NOW).account == "lina"
    with pytest.raises(ValidationError, match="at least 10 characters"):
        set_password(
            org,
            name="lina",
            new_password="short",
            by=login(org, "admin", ADMIN_PW, now=NOW),
            now=NOW,
        )


def test_only_an_administrator_resets_someone_elses_password(org) -> None:
    lina = login(org, "lina", CLERK_PW, now=NOW)
    with pytest.raises(PermissionDenied, match="does not have the admin role"):
        set_password(org, name="audit", new_password="taken-over-1", by=lina, now=NOW)
    admin = login(org, "admin", ADMIN_PW, now=NOW)
    set_password(org, name="lina", new_password="reset-by-admin", by=admin, now=NOW)
    assert login(org, "lina", "reset-by-admin", now=NOW).account == "lina"


def test_a_disabled_account_cannot_log_in_until_enabled(org) -> None:
    admin = login(org, "admin", ADMIN_PW, now=NOW)
    set_disabled(org, name="lina", disabled=True, by=admin, now=NOW)
    with pytest.raises(AuthenticationError, match="disabled"):
        login(org, "lina", CLERK_PW, now=NOW)
    with pytest.raises(ValidationError, match="cannot disable their own"):
        set_disabled(org, name="admin", disabled=True, by=admin, now=NOW)
    lina_view = set_disabled(org, name="lina", disabled=False, by=admin, now=NOW)
    assert not lina_view.disabled
    assert login(org, "lina", CLERK_PW, now=NOW).account == "lina"


def test_accounts_need_an_administrator_and_the_first_is_one(store) -> None:
    add_department(store, "民政局", now=NOW)
    add_person(store, department="民政局", name="李娜", roles=("clerk",), now=NOW)
    with pytest.raises(ValidationError, match=r"first account .* system administrator"):
        add_account(store, name="lina", person="李娜", password=CLERK_PW, by=None, now=NOW)
    add_account(
        store, name="boss", person="李娜", password=ADMIN_PW, by=None, now=NOW, duty="admin"
    )
    with pytest.raises(PermissionDenied, match="log in with --user"):
        add_account(store, name="x", person="李娜", password=CLERK_PW, by=None, now=NOW)


def test_clerk_cannot_create_or_list_accounts(org) -> None:
    lina = login(org, "lina", CLERK_PW, now=NOW)
    with pytest.raises(PermissionDenied, match="admin role"):
        add_account(org, name="x", person="李娜", password=CLERK_PW, by=lina, now=NOW)
    with pytest.raises(PermissionDenied):
        list_accounts(org, by=lina)
    with pytest.raises(PermissionDenied, match="auditor role"):
        list_events(org, by=lina)
    admin = login(org, "admin", ADMIN_PW, now=NOW)
    with pytest.raises(PermissionDenied, match="auditor role"):
        list_events(org, by=admin)  # the administrator does not read the audit log
    assert [a.name for a in list_accounts(org, by=admin)] == ["admin", "audit", "lina"]


def test_audit_administrator_is_never_the_system_administrator(org, store_dir) -> None:
    admin = login(org, "admin", ADMIN_PW, now=NOW)
    checkpoint(org)
    before = file_digest(store_path(store_dir))
    with pytest.raises(ConflictError, match="separation of duties"):
        add_account(
            org,
            name="admin2",
            person="管理员",
            password=ADMIN_PW,
            by=admin,
            now=NOW,
            duty="auditor",
        )
    checkpoint(org)
    assert file_digest(store_path(store_dir)) == before


def test_a_raised_cost_rehashes_at_the_next_login(org, monkeypatch) -> None:
    monkeypatch.setattr(accounts, "SCRYPT", ScryptParams(log2_n=11))
    login(org, "lina", CLERK_PW, now=NOW)
    with org.read() as session:
        from govperf_desktop.store.models import Account

        stored = session.query(Account).filter_by(name="lina").one().password_hash
    assert stored.startswith("scrypt$11$8$1$")


def test_init_creates_the_administrator(tmp_path: Path) -> None:
    directory = tmp_path / "new"
    init_installation(
        directory,
        node_name="考核办",
        role="central",
        admin=AdminSetup("root", ADMIN_PW, "周文博", "考核办"),
        now=NOW,
    )
    store = open_store(directory)
    try:
        me = login(store, "root", ADMIN_PW, now=NOW)
        assert me.person == "周文博@考核办" and me.roles == ("admin",)
    finally:
        store.close()
    assert "correct horse" not in repr(AdminSetup("root", ADMIN_PW, "x"))


def test_a_store_from_before_accounts_gets_its_administrator(tmp_path: Path) -> None:
    path = store_path(tmp_path)
    engine = make_engine(sqlite_url(path))
    migrate.upgrade(engine, "0005")
    engine.dispose()
    db = sqlite3.connect(path)
    with db:
        db.execute("INSERT INTO settings VALUES ('local_node_id', ?)", ("a" * 32,))
        db.execute(
            "INSERT INTO departments VALUES (?, '民政局', '2026-01-01 00:00:00')", ("d" * 32,)
        )
        db.execute(
            "INSERT INTO people VALUES (?, ?, '李娜', NULL, 1, '2026-01-01 00:00:00')",
            ("p" * 32, "d" * 32),
        )
    db.close()
    store = open_store(tmp_path)
    try:
        add_account(
            store, name="lina", person="李娜", password=ADMIN_PW, by=None, now=NOW, duty="admin"
        )
        assert login(store, "lina", ADMIN_PW, now=NOW).person == "李娜@民政局"
    finally:
        store.close()


# --- the command line ------------------------------------------------------------------------


def _cli(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_no_password_option_exists_anywhere() -> None:
    parser = build_parser()
    text = parser.format_help()
    for action in parser._subparsers._group_actions[0].choices.values():  # type: ignore[union-attr]
        text += action.format_help()
    assert "--password" not in text and "--passphrase " not in text


def test_cli_login_rule(org, store_dir, capsys, monkeypatch) -> None:
    d = str(store_dir)
    # Once accounts exist, --as alone is refused.
    code, _, err = _cli(capsys, "--data-dir", d, "--as", "李娜", "account", "list")
    assert code == 2 and "log in with --user NAME" in err
    # No password available: refused with a clear message, not a prompt.
    monkeypatch.delenv("GOVPERF_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", None)
    code, _, err = _cli(capsys, "--data-dir", d, "--user", "admin", "account", "list")
    assert code == 2 and "GOVPERF_PASSWORD" in err
    monkeypatch.setenv("GOVPERF_PASSWORD", "wrong-password-1")
    code, out, err = _cli(capsys, "--data-dir", d, "--user", "admin", "account", "list")
    assert code == 2 and "Wrong account name or password" in err
    assert "wrong-password-1" not in out + err
    monkeypatch.setenv("GOVPERF_PASSWORD", ADMIN_PW)
    code, out, err = _cli(capsys, "--data-dir", d, "--user", "admin", "account", "list")
    assert code == 0 and "lina" in out and ADMIN_PW not in out + err
    # --as beside --user must be the account's own person.
    code, _, err = _cli(
        capsys, "--data-dir", d, "--user", "admin", "--as", "李娜", "account", "list"
    )
    assert code == 2 and "is not the person of account admin" in err
    # A new account: its password from GOVPERF_NEW_PASSWORD, never an argument.
    add_person(org, department="民政局", name="王芳", roles=("clerk",), now=NOW)
    monkeypatch.setenv("GOVPERF_NEW_PASSWORD", "wang-fang-pass")
    code, out, _ = _cli(
        capsys, "--data-dir", d, "--user", "admin", "account", "add", "wangfang", "--person", "王芳"
    )
    assert code == 0 and "王芳@民政局" in out
    code, _, err = _cli(capsys, "--data-dir", d, "--user", "admin", "audit", "list")
    assert code == 2 and "auditor role" in err
    monkeypatch.setenv("GOVPERF_PASSWORD", AUDIT_PW)
    code, out, _ = _cli(capsys, "--data-dir", d, "--json", "--user", "audit", "audit", "list")
    assert code == 0 and '"account_created"' in out and "wang-fang-pass" not in out
    monkeypatch.setenv("GOVPERF_PASSWORD", "wang-fang-pass")
    code, _, err = _cli(capsys, "--data-dir", d, "--user", "wangfang", "account", "disable", "lina")
    assert code == 2 and "admin role" in err


def test_cli_init_with_administrator(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("GOVPERF_NEW_PASSWORD", ADMIN_PW)
    d = str(tmp_path / "node")
    code, out, _ = _cli(
        capsys,
        "--data-dir", d, "init", "--node-name", "考核办", "--role", "central",
        "--admin-user", "root", "--admin-person", "周文博",
    )  # fmt: skip
    assert code == 0 and "Administrator account: root" in out
    monkeypatch.setenv("GOVPERF_PASSWORD", ADMIN_PW)
    code, out, _ = _cli(capsys, "--data-dir", d, "--user", "root", "account", "list")
    assert code == 0 and "周文博@考核办" in out


def test_separation_of_duties_also_holds_against_the_persons_roles(org) -> None:
    admin = login(org, "admin", ADMIN_PW, now=NOW)
    add_person(org, department="信息中心", name="安全员", roles=("auditor",), now=NOW)
    with pytest.raises(ConflictError, match="separation of duties"):
        add_account(
            org, name="sec", person="安全员", password=AUDIT_PW, by=admin, now=NOW, duty="admin"
        )
    with pytest.raises(ConflictError, match="separation of duties"):
        accounts.link_account(org, name="admin", person="安全员", by=admin, now=NOW)


def test_a_department_installation_administrator_is_linked_later(tmp_path: Path) -> None:
    """People come from the central office: the first-run administrator of a department
    installation has no person (and writes no shared data) until linked to one."""
    directory = tmp_path / "dept"
    init_installation(
        directory,
        node_name="民政局办公室",
        role="department",
        department="民政局",
        admin=AdminSetup("mzadmin", ADMIN_PW, "杨帆"),
        now=NOW,
    )
    store = open_store(directory)
    try:
        with store.engine.connect() as db:
            tables = {r[0] for r in db.exec_driver_sql("SELECT table_name FROM changes")}
        assert "people" not in tables and "person_roles" not in tables
        me = login(store, "mzadmin", ADMIN_PW, now=NOW)
        assert me.person_id is None and me.roles == ("admin",)
        add_person(store, department="民政局", name="杨帆", roles=("head",), now=NOW)
        view = accounts.link_account(store, name="mzadmin", person="杨帆", by=me, now=NOW)
        assert view.person == "杨帆@民政局" and view.roles == ("admin", "head")
    finally:
        store.close()
