"""`govperf`: the headless command line over the services.

Each command is a small function: parse, call a service, print. Any user error is a
GovperfError and ends as one line on stderr with exit code 2; `check` exits 1 when the store
is damaged. `--json` prints machine-readable output on stdout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date

from govperf_desktop import __version__
from govperf_desktop.cli import (
    accounts,
    backup,
    central,
    comments,
    history,
    hours,
    indicators,
    report,
    scores,
    sync,
    tasks,
)
from govperf_desktop.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    NEW_PASSWORD_ENV,
    Output,
    authenticate,
    db_url,
    iso_date,
    open_from_args,
    read_password,
)
from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.paths import data_dir


def cmd_init(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.domain.errors import ValidationError
    from govperf_desktop.services.admin import AdminSetup, init_installation

    directory = data_dir(args.data_dir)
    admin = None
    if args.admin_user or args.admin_person:
        if not (args.admin_user and args.admin_person):
            raise ValidationError("The administrator needs both --admin-user and --admin-person.")
        password = read_password(
            NEW_PASSWORD_ENV, f"New password for {args.admin_user}: ", confirm=True
        )
        admin = AdminSetup(args.admin_user, password, args.admin_person, args.admin_department)
    node = init_installation(
        directory,
        node_name=args.node_name,
        role=args.role,
        department=args.department,
        admin=admin,
        url=db_url(args),
    )
    where = str(directory) if db_url(args) is None else _redacted(db_url(args))
    out.emit(
        {"data_dir": str(directory), "node": asdict(node), "admin": args.admin_user},
        lambda: (
            f"Created store in {where} for installation {node.name} ({node.role})."
            + (f" Administrator account: {args.admin_user}." if admin else "")
        ),
    )
    return EXIT_OK


def _redacted(url: str | None) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True) if url else ""


def cmd_demo(args: argparse.Namespace, out: Output) -> int:
    if (args.scenario is None) == (args.scale is None):
        raise GovperfError("Choose either --scenario seed or --scale N.")
    store = open_from_args(args)
    try:
        today = args.today or date.today()
        if args.scenario:
            from govperf_desktop.services.demo.seed import build_seed_demo

            counts = build_seed_demo(store, today=today)
        else:
            if args.scale < 1:
                raise GovperfError("--scale needs at least 1 department.")
            from govperf_desktop.services.demo.scale import build_scale_demo

            last_stage: list[str] = []

            def progress(stage: str, rows: int) -> None:
                if not out.as_json and (not last_stage or last_stage[-1] != stage):
                    last_stage.append(stage)
                    Output.progress(f"… {stage}")

            counts = build_scale_demo(
                store, departments=args.scale, seed=args.seed, today=today, progress=progress
            )
    finally:
        store.close()
    out.emit(counts, lambda: "\n".join(f"{name:28} {count:>10,}" for name, count in counts.items()))
    return EXIT_OK


def cmd_info(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.admin import store_info

    store = open_from_args(args)
    try:
        info = store_info(store)
    finally:
        store.close()

    def text() -> str:
        node = info.node
        lines = [
            f"Store:        {info.path}",
            f"Schema:       {info.schema_revision} (latest {info.head_revision})",
            f"Installation: {node.name} — {node.role}"
            + (f", {node.department}" if node and node.department else "")
            + f" [{node.id}]"
            if node
            else "Installation: (none)",
            "",
        ]
        lines += [f"{name:28} {count:>10,}" for name, count in info.counts.items()]
        return "\n".join(lines)

    out.emit(info, text)
    return EXIT_OK


def cmd_check(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.admin import check_store

    store = open_from_args(args)
    try:
        report = check_store(store)
    finally:
        store.close()

    def text() -> str:
        lines = [f"integrity_check: {'; '.join(report.integrity)}"]
        lines.append(
            "foreign_key_check: ok"
            if not report.foreign_key_problems
            else f"foreign_key_check: {len(report.foreign_key_problems)} broken references"
        )
        lines += [f"  {problem}" for problem in report.foreign_key_problems[:20]]
        lines.append(f"schema: {report.schema_revision} (latest {report.head_revision})")
        lines.append(
            f"audit log: {report.audit_rows} rows, chain ok"
            if not report.audit_problems
            else f"audit log: TAMPERED ({len(report.audit_problems)} problems)"
        )
        lines += [f"  {problem}" for problem in report.audit_problems]
        lines.append("OK" if report.ok else "PROBLEMS FOUND")
        return "\n".join(lines)

    out.emit({**asdict(report), "ok": report.ok}, text)
    return EXIT_OK if report.ok else EXIT_PROBLEM


def cmd_migrate(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.store import migrate
    from govperf_desktop.store.store import open_store

    directory, url = data_dir(args.data_dir), db_url(args)
    store = open_store(directory, upgrade=False, url=url)
    try:
        before, head = migrate.needs_upgrade(store.engine)
    finally:
        store.close()
    store = open_store(directory, url=url)  # upgrades, with a backup first (SQLite)
    store.close()
    out.emit(
        {"from": before, "to": head, "backup": str(store.backup) if store.backup else None},
        lambda: (
            f"Schema already at {head}."
            if before == head
            else f"Upgraded schema {before} → {head}"
            + (f"; backup at {store.backup}." if store.backup else ".")
        ),
    )
    return EXIT_OK


# Each module adds its commands to the parser (register) and runs them through services.
COMMAND_MODULES = (
    indicators, tasks, hours, comments, scores, sync, history, accounts, backup, report,
    central,
)  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govperf", description="Cross-department performance work, scored with evidence."
    )
    parser.add_argument("--version", action="version", version=f"govperf {__version__}")
    parser.add_argument("--data-dir", help="store folder (default: $GOVPERF_DATA_DIR or user dir)")
    parser.add_argument(
        "--db-url",
        metavar="URL",
        help="a PostgreSQL store (postgresql+psycopg://USER@HOST:PORT/DB) instead of the SQLite "
        "file in the data dir (default: $GOVPERF_DB_URL); see docs/central-office.md",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    parser.add_argument(
        "--as",
        dest="actor",
        metavar="PERSON",
        help="the person acting (name or id; 'NAME@DEPARTMENT' when names repeat), only on an "
        "installation without accounts",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="log in as this account (password from $GOVPERF_PASSWORD or a prompt)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = commands.add_parser("init", help="create a store for this installation")
    init.add_argument("--node-name", required=True)
    init.add_argument("--department")
    init.add_argument(
        "--role", choices=["central", "department", "evaluator"], default="department"
    )
    init.add_argument("--admin-user", metavar="NAME", help="the administrator account to create")
    init.add_argument("--admin-person", metavar="NAME", help="the administrator's own name")
    init.add_argument("--admin-department", metavar="NAME", help="the administrator's department")
    init.set_defaults(run=cmd_init)

    demo = commands.add_parser("demo", help="fill the store with demonstration data")
    demo.add_argument("--scenario", choices=["seed"])
    demo.add_argument("--scale", type=int, metavar="N", help="synthetic province of N departments")
    demo.add_argument("--seed", type=int, default=1, help="random seed for --scale")
    demo.add_argument("--today", type=iso_date, help="pretend today is YYYY-MM-DD")
    demo.set_defaults(run=cmd_demo)

    commands.add_parser("info", help="counts, schema revision, identity").set_defaults(run=cmd_info)
    commands.add_parser("check", help="integrity, foreign keys, schema").set_defaults(run=cmd_check)
    commands.add_parser("migrate", help="upgrade the store's schema").set_defaults(run=cmd_migrate)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    out = Output(args.json)
    try:
        if args.command != "init":
            authenticate(args)
        return args.run(args, out)
    except GovperfError as error:
        print(f"govperf: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("govperf: interrupted; nothing was saved from the unfinished step.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
