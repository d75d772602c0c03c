"""`govperf keys|enroll|export|import|verify|sync|peers|quarantine|conflicts`: signed bundles.

The key passphrase comes from `--passphrase-file`, else $GOVPERF_PASSPHRASE, else a prompt.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from govperf_desktop.cli.common import EXIT_OK, EXIT_PROBLEM, Output, open_from_args, plain
from govperf_desktop.domain.errors import ValidationError

PASSPHRASE_ENV = "GOVPERF_PASSPHRASE"


def _passphrase(args: argparse.Namespace, *, required: bool = True) -> str | None:
    if getattr(args, "passphrase_file", None):
        return Path(args.passphrase_file).read_text("utf-8").rstrip("\n")
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if sys.stdin.isatty():
        return getpass.getpass("Key passphrase: ")
    if required:
        raise ValidationError(
            f"The key passphrase is needed: use --passphrase-file or set {PASSPHRASE_ENV}."
        )
    return None


def _now() -> datetime:
    return datetime.now(UTC)


def _progress(out: Output):  # type: ignore[no-untyped-def]
    if out.as_json:
        return None
    last: list[str] = []

    def report(stage: str, count: int) -> None:
        if count % 50_000 == 0 or not last or last[-1] != stage:
            last.append(stage)
            Output.progress(f"… {stage} {count:,} ops")

    return report


def cmd_init_root(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.enrolment import init_root

    store = open_from_args(args)
    try:
        view = init_root(store, passphrase=_passphrase(args), now=_now(), actor=args.actor)  # type: ignore[arg-type]
    finally:
        store.close()
    out.emit(
        view,
        lambda: (
            "Created the organisation's root key.\nRoot key fingerprint (give it to every "
            f"office with their certificate): {view.root_fingerprint}"
        ),
    )
    return EXIT_OK


def cmd_request(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.enrolment import request_enrolment

    store = open_from_args(args)
    try:
        path = request_enrolment(store, Path(args.out), passphrase=_passphrase(args), now=_now())  # type: ignore[arg-type]
    finally:
        store.close()
    out.emit(
        {"request": str(path)},
        lambda: f"Wrote enrolment request {path}; take it to the central office.",
    )
    return EXIT_OK


def cmd_sign(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.enrolment import sign_request

    store = open_from_args(args)
    try:
        view = sign_request(
            store,
            Path(args.request),
            Path(args.out),
            passphrase=_passphrase(args),  # type: ignore[arg-type]
            now=_now(),
            valid_days=args.days,
            actor=args.actor,
        )
    finally:
        store.close()
    out.emit(
        view,
        lambda: (
            f"Signed the certificate of {view.node_name} ({view.role}"
            + (f", {view.department}" if view.department else "")
            + f") valid until {view.not_after:%Y-%m-%d}: {view.file}"
        ),
    )
    return EXIT_OK


def cmd_accept(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.enrolment import accept_certificate

    store = open_from_args(args)
    try:
        view = accept_certificate(store, Path(args.file), passphrase=_passphrase(args), now=_now())  # type: ignore[arg-type]
    finally:
        store.close()
    out.emit(
        view,
        lambda: (
            f"Enrolled as {view.node_name} until {view.not_after:%Y-%m-%d}.\nRoot key "
            f"fingerprint: {view.root_fingerprint} — check it with the central office."
        ),
    )
    return EXIT_OK


def cmd_revoke(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.enrolment import revoke_node

    store = open_from_args(args)
    try:
        name = revoke_node(
            store,
            args.node,
            reason=args.reason,
            passphrase=_passphrase(args),
            now=_now(),  # type: ignore[arg-type]
            actor=args.actor,
        )
    finally:
        store.close()
    out.emit(
        {"revoked": name},
        lambda: f"Revoked installation {name}; the revocation travels with the next bundles.",
    )
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.sync import export_bundles

    store = open_from_args(args)
    try:
        views = export_bundles(
            store,
            Path(args.to),
            passphrase=_passphrase(args),
            now=_now(),  # type: ignore[arg-type]
            for_node=args.for_node,
            encrypt=args.encrypt,
            progress=_progress(out),
        )
    finally:
        store.close()
    out.emit(
        views,
        lambda: (
            "\n".join(f"{v.recipient_name}: {v.ops:,} ops → {Path(v.path).name}" for v in views)
            or "No recipients."
        ),
    )
    return EXIT_OK


def _import_text(views) -> str:  # type: ignore[no-untyped-def]
    lines = []
    for v in views:
        name = Path(v.path).name
        if v.outcome == "rejected":
            lines.append(f"REJECTED {name}: {v.reason}\n  moved to {v.quarantined}")
            continue
        lines.append(
            f"{v.outcome} {name} from {v.sender}: {v.applied:,} applied, "
            f"{v.duplicates:,} already held, {v.held_back:,} held back, {v.conflicts} conflicts"
        )
        lines += [f"  {gap}" for gap in v.gaps] + [f"  FORK: {fork}" for fork in v.forks]
    return "\n".join(lines)


def cmd_import(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.sync import import_bundles

    store = open_from_args(args)
    try:
        views = import_bundles(
            store,
            [Path(p) for p in args.paths],
            now=_now(),
            passphrase=_passphrase(args, required=False),
            progress=_progress(out),
        )
    finally:
        store.close()
    out.emit(views, lambda: _import_text(views))
    return EXIT_PROBLEM if any(v.outcome == "rejected" for v in views) else EXIT_OK


def cmd_verify(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.sync import verify_file

    store = open_from_args(args)
    try:
        view = verify_file(
            store, Path(args.path), now=_now(), passphrase=_passphrase(args, required=False)
        )
    finally:
        store.close()
    out.emit(
        view,
        lambda: (
            f"OK: {Path(view.path).name} from {view.sender}, {view.applied:,} ops; "
            "signatures and hashes verified."
        ),
    )
    return EXIT_OK


def cmd_sync(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.sync import sync_folder

    store = open_from_args(args)
    try:
        imported, exported = sync_folder(
            store,
            Path(args.folder),
            passphrase=_passphrase(args),
            now=_now(),  # type: ignore[arg-type]
            encrypt=args.encrypt,
            progress=_progress(out),
        )
    finally:
        store.close()
    out.emit(
        {"imported": plain(imported), "exported": plain(exported)},
        lambda: (
            (_import_text(imported) or "Nothing new to import.")
            + "\n"
            + "\n".join(f"exported for {v.recipient_name}: {v.ops:,} ops" for v in exported)
        ),
    )
    return EXIT_PROBLEM if any(v.outcome == "rejected" for v in imported) else EXIT_OK


def cmd_peers(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.sync_status import peers

    store = open_from_args(args)
    try:
        views = peers(store)
    finally:
        store.close()

    def text() -> str:
        lines = [f"{'installation':24} {'role':10} {'behind':>8}  last import       last export"]
        for v in views:
            stamp = lambda t: f"{t:%Y-%m-%d %H:%M}" if t else "—"  # noqa: E731
            lines.append(
                f"{v.name:24} {v.role:10} {v.behind:>8}  {stamp(v.last_import_at):17} "
                f"{stamp(v.last_export_at)}" + ("  REVOKED" if v.revoked else "")
            )
        return "\n".join(lines)

    out.emit(views, text)
    return EXIT_OK


def cmd_quarantine(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.sync_status import quarantined

    store = open_from_args(args)
    try:
        views = quarantined(store)
    finally:
        store.close()
    out.emit(
        views,
        lambda: (
            "\n".join(f"{Path(v.path).name}: {v.reason}" for v in views) or "Quarantine is empty."
        ),
    )
    return EXIT_OK


def cmd_conflicts(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.sync_status import conflicts

    store = open_from_args(args)
    try:
        views = conflicts(store)
    finally:
        store.close()
    out.emit(
        views,
        lambda: (
            "\n".join(
                f"{v.table} {v.record_id} {v.field}: kept {v.winner_value!r}, overwritten "
                f"{v.loser_value!r}"
                for v in views
            )
            or "No concurrent edits to review."
        ),
    )
    return EXIT_OK


def _with_passphrase(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument(
        "--passphrase-file", help=f"file holding the key passphrase (else ${PASSPHRASE_ENV})"
    )
    return parser


def register(commands: argparse._SubParsersAction) -> None:
    keys = commands.add_parser("keys", help="the organisation's root key (central office)")
    key_commands = keys.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    _with_passphrase(
        key_commands.add_parser("init-root", help="create the root key and this node's certificate")
    ).set_defaults(run=cmd_init_root)

    enroll = commands.add_parser("enroll", help="node certificates: request, sign, accept, revoke")
    steps = enroll.add_subparsers(dest="enroll_command", required=True, metavar="ACTION")
    request = _with_passphrase(steps.add_parser("request", help="new keys and a request file"))
    request.add_argument("--out", required=True, help="file or folder for the request")
    request.set_defaults(run=cmd_request)
    sign = _with_passphrase(steps.add_parser("sign", help="sign a request (central office)"))
    sign.add_argument("request")
    sign.add_argument("--out", required=True, help="file or folder for the certificate")
    sign.add_argument("--days", type=int, default=365, help="validity in days (default 365)")
    sign.set_defaults(run=cmd_sign)
    accept = _with_passphrase(steps.add_parser("accept", help="install this node's certificate"))
    accept.add_argument("file")
    accept.set_defaults(run=cmd_accept)
    revoke = _with_passphrase(steps.add_parser("revoke", help="revoke an installation (central)"))
    revoke.add_argument("node", help="installation name or id")
    revoke.add_argument("--reason", required=True)
    revoke.set_defaults(run=cmd_revoke)

    export = _with_passphrase(commands.add_parser("export", help="write bundles for peers"))
    export.add_argument("--to", required=True, help="folder (USB stick, share)")
    export.add_argument("--for", dest="for_node", help="one recipient (name or id)")
    export.add_argument("--encrypt", action="store_true", help="encrypt to the recipient's key")
    export.set_defaults(run=cmd_export)

    imp = _with_passphrase(commands.add_parser("import", help="verify and apply bundles"))
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.set_defaults(run=cmd_import)

    verify = _with_passphrase(commands.add_parser("verify", help="check a bundle, apply nothing"))
    verify.add_argument("path")
    verify.set_defaults(run=cmd_verify)

    sync = _with_passphrase(commands.add_parser("sync", help="import what is for me, then export"))
    sync.add_argument("folder")
    sync.add_argument("--encrypt", action="store_true")
    sync.set_defaults(run=cmd_sync)

    commands.add_parser(
        "peers", help="other installations and how far behind they are"
    ).set_defaults(run=cmd_peers)
    commands.add_parser("quarantine", help="refused bundles and why").set_defaults(
        run=cmd_quarantine
    )
    commands.add_parser("conflicts", help="concurrent edits resolved, for review").set_defaults(
        run=cmd_conflicts
    )
