"""`govperf account add|passwd|disable|enable|list` and `govperf audit list`.

Who runs them logs in with the global `--user NAME` (password from $GOVPERF_PASSWORD or a
prompt). A new password comes from $GOVPERF_NEW_PASSWORD or is typed twice at a prompt;
passwords are never command-line arguments.
"""

from __future__ import annotations

import argparse

from govperf_desktop.cli.common import (
    EXIT_OK,
    NEW_PASSWORD_ENV,
    Output,
    now_utc,
    open_from_args,
    read_password,
)
from govperf_desktop.services import accounts
from govperf_desktop.services import audit as audit_service


def _account_line(view: accounts.AccountView) -> str:
    state = "disabled" if view.disabled else "active"
    if view.locked_until is not None:
        state += f", locked until {view.locked_until:%Y-%m-%d %H:%M} UTC"
    return f"{view.name:16} {view.person or '-':24} {','.join(view.roles):28} {state}"


def cmd_add(args: argparse.Namespace, out: Output) -> int:
    password = read_password(NEW_PASSWORD_ENV, f"New password for {args.name}: ", confirm=True)
    store = open_from_args(args)
    try:
        view = accounts.add_account(
            store,
            name=args.name,
            person=args.person,
            password=password,
            by=args.login,
            now=now_utc(),
            duty=args.role,
        )
    finally:
        store.close()
    out.emit(
        view,
        lambda: (
            f"Created account {view.name}"
            + (f" for {view.person}" if view.person else "")
            + (f" ({view.duty})" if view.duty else "")
            + "."
        ),
    )
    return EXIT_OK


def cmd_link(args: argparse.Namespace, out: Output) -> int:
    store = open_from_args(args)
    try:
        view = accounts.link_account(
            store, name=args.name, person=args.person, by=args.login, now=now_utc()
        )
    finally:
        store.close()
    out.emit(view, lambda: f"Account {view.name} now acts as {view.person}.")
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace, out: Output) -> int:
    name = args.name or (args.login.account if args.login else None)
    if name is None:
        raise accounts.PermissionDenied("Log in with --user NAME to change a password.")
    password = read_password(NEW_PASSWORD_ENV, f"New password for {name}: ", confirm=True)
    store = open_from_args(args)
    try:
        accounts.set_password(store, name=name, new_password=password, by=args.login, now=now_utc())
    finally:
        store.close()
    out.emit({"account": name, "changed": True}, lambda: f"Password of {name} changed.")
    return EXIT_OK


def _set_disabled(args: argparse.Namespace, out: Output, disabled: bool) -> int:
    store = open_from_args(args)
    try:
        view = accounts.set_disabled(
            store, name=args.name, disabled=disabled, by=args.login, now=now_utc()
        )
    finally:
        store.close()
    out.emit(view, lambda: f"Account {view.name} is now {'disabled' if disabled else 'enabled'}.")
    return EXIT_OK


def cmd_disable(args: argparse.Namespace, out: Output) -> int:
    return _set_disabled(args, out, True)


def cmd_enable(args: argparse.Namespace, out: Output) -> int:
    return _set_disabled(args, out, False)


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    store = open_from_args(args)
    try:
        views = accounts.list_accounts(store, by=args.login)
    finally:
        store.close()
    out.emit(views, lambda: "\n".join(_account_line(v) for v in views) or "(no accounts)")
    return EXIT_OK


def cmd_audit_list(args: argparse.Namespace, out: Output) -> int:
    store = open_from_args(args)
    try:
        events = audit_service.list_events(
            store, by=args.login, event=args.event, account=args.account, limit=args.limit
        )
    finally:
        store.close()

    def text() -> str:
        return "\n".join(
            f"{e.seq:>6} {e.at:%Y-%m-%d %H:%M:%S} {e.event:18} {e.account or '-':14} "
            + " ".join(f"{k}={v}" for k, v in sorted(e.detail.items()))
            for e in events
        )

    out.emit(events, lambda: text() or "(no events)")
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    account = commands.add_parser("account", help="user accounts of this installation")
    steps = account.add_subparsers(dest="account_command", required=True, metavar="STEP")
    add = steps.add_parser("add", help="create an account for a person (administrator)")
    add.add_argument("name")
    add.add_argument("--person", help="the person it acts as: name, NAME@DEPARTMENT or id")
    add.add_argument(
        "--role",
        choices=accounts.DUTIES,
        help="installation duty: admin (system administrator) or auditor (audit log)",
    )
    add.set_defaults(run=cmd_add)
    link = steps.add_parser("link", help="link an account to its person (administrator)")
    link.add_argument("name")
    link.add_argument("--person", required=True)
    link.set_defaults(run=cmd_link)
    passwd = steps.add_parser("passwd", help="change your password, or reset one (admin)")
    passwd.add_argument("name", nargs="?", help="the account (default: your own)")
    passwd.set_defaults(run=cmd_passwd)
    disable = steps.add_parser("disable", help="disable an account (administrator)")
    disable.add_argument("name")
    disable.set_defaults(run=cmd_disable)
    enable = steps.add_parser("enable", help="enable a disabled account (administrator)")
    enable.add_argument("name")
    enable.set_defaults(run=cmd_enable)
    steps.add_parser("list", help="every account (administrator, auditor)").set_defaults(
        run=cmd_list
    )

    audit = commands.add_parser("audit", help="the security audit log (auditor)")
    audit_steps = audit.add_subparsers(dest="audit_command", required=True, metavar="STEP")
    listing = audit_steps.add_parser("list", help="security events, newest first")
    listing.add_argument("--event", help="only this event (login, lockout, export, ...)")
    listing.add_argument("--account", help="only events of this account")
    listing.add_argument("--limit", type=int, default=200)
    listing.set_defaults(run=cmd_audit_list)
