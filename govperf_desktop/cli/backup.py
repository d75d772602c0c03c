"""`govperf backup`, `govperf restore-backup` and `govperf resend-own-ops`.

On an installation with accounts these need a logged-in administrator (--user). The backup
passphrase comes from $GOVPERF_BACKUP_PASSPHRASE or a prompt, never the command line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from govperf_desktop.cli.common import (
    EXIT_OK,
    Output,
    now_utc,
    open_from_args,
    read_password,
)
from govperf_desktop.paths import data_dir
from govperf_desktop.services import accounts
from govperf_desktop.services import backup as backups

BACKUP_PASSPHRASE_ENV = "GOVPERF_BACKUP_PASSPHRASE"


def _require_admin(args: argparse.Namespace) -> None:
    store = open_from_args(args)
    try:
        if accounts.has_accounts(store):
            accounts.require_role(store, args.login, "admin")
    finally:
        store.close()


def cmd_backup(args: argparse.Namespace, out: Output) -> int:
    _require_admin(args)
    passphrase = (
        read_password(BACKUP_PASSPHRASE_ENV, "Backup passphrase: ", confirm=True)
        if args.encrypt
        else None
    )
    store = open_from_args(args)
    try:
        view = backups.backup(store, Path(args.out), now=now_utc(), passphrase=passphrase)
    finally:
        store.close()
    out.emit(
        view,
        lambda: (
            f"Backup written to {view.path} ({view.size:,} bytes"
            + (", encrypted" if view.encrypted else "")
            + "), read back and verified."
        ),
    )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, out: Output) -> int:
    directory = data_dir(args.data_dir)
    from govperf_desktop.paths import store_path

    if store_path(directory).exists():
        _require_admin(args)
    source = Path(args.file)
    passphrase = None
    if source.is_file() and backups.is_encrypted(source):
        passphrase = read_password(BACKUP_PASSPHRASE_ENV, "Backup passphrase: ")
    view = backups.restore_backup(directory, source, now=now_utc(), passphrase=passphrase)

    def text() -> str:
        lines = [f"Restored {view.restored_from} into {directory}."]
        if view.safety_copy:
            lines.append(f"The store as it was is kept at {view.safety_copy}.")
        if view.reason:
            lines.append(f"Export refused until reconciled: {view.reason}")
        return "\n".join(lines)

    out.emit(view, text)
    return EXIT_OK


def cmd_resend(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.cli.sync import _passphrase

    _require_admin(args)
    store = open_from_args(args)
    try:
        views = backups.resend_own_ops(
            store, Path(args.out), node=args.node, passphrase=_passphrase(args), now=now_utc()
        )
    finally:
        store.close()
    out.emit(views, lambda: "\n".join(f"{v.path}: {v.ops} ops" for v in views))
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    save = commands.add_parser("backup", help="a verified copy of the store (administrator)")
    save.add_argument("--out", required=True, metavar="FILE", help="the backup file to write")
    save.add_argument(
        "--encrypt",
        action="store_true",
        help=f"encrypt with a passphrase (prompt or ${BACKUP_PASSPHRASE_ENV})",
    )
    save.set_defaults(run=cmd_backup)
    restore = commands.add_parser(
        "restore-backup", help="replace the store with a backup (administrator)"
    )
    restore.add_argument("file")
    restore.set_defaults(run=cmd_restore)
    resend = commands.add_parser(
        "resend-own-ops",
        help="central office: send a restored installation its own ops back",
    )
    resend.add_argument("--for", dest="node", required=True, metavar="NODE")
    resend.add_argument("--out", required=True, metavar="FOLDER")
    resend.add_argument("--passphrase-file", help="file holding the key passphrase")
    resend.set_defaults(run=cmd_resend)
