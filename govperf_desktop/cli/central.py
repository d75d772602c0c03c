"""Central-office commands (docs/central-office.md):

govperf migrate-store --to URL   move the store into PostgreSQL, verified table by table
govperf central sync DIR         a scheduled, headless run over the departments' share
                                 folder; exit 0 all imported, 1 some quarantined, 2 error
"""

from __future__ import annotations

import argparse
from pathlib import Path

from govperf_desktop.cli.common import EXIT_OK, EXIT_PROBLEM, Output, now_utc, open_from_args


def cmd_migrate_store(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.central import migrate_store

    shown: set[str] = set()

    def progress(table: str, rows: int) -> None:
        if not out.as_json and table not in shown:
            shown.add(table)
            Output.progress(f"… {table}")

    store = open_from_args(args)
    try:
        result = migrate_store(store, args.to, progress=progress)
    finally:
        store.close()

    def text() -> str:
        lines = [f"{t.table:28} {t.rows:>10,}  {t.content_hash[:16]}" for t in result.tables]
        lines.append(
            f"Copied {result.rows:,} rows in {len(result.tables)} tables from {result.source} "
            f"to {result.target} (schema {result.schema_revision}); every table's row count "
            "and content hash match."
        )
        return "\n".join(lines)

    out.emit(
        {
            "source": result.source,
            "target": result.target,
            "schema_revision": result.schema_revision,
            "rows": result.rows,
            "tables": [
                {"table": t.table, "rows": t.rows, "content_hash": t.content_hash}
                for t in result.tables
            ],
        },
        text,
    )
    return EXIT_OK


def cmd_central_sync(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.cli.sync import _passphrase, _progress
    from govperf_desktop.services.central_sync import central_sync

    store = open_from_args(args)
    try:
        summary = central_sync(
            store,
            Path(args.folder),
            passphrase=_passphrase(args),  # type: ignore[arg-type]
            now=now_utc(),
            encrypt=args.encrypt,
            progress=_progress(out),
        )
    finally:
        store.close()

    def text() -> str:
        lines = [
            f"Share {summary.share} ({summary.folders} folders): {summary.imported} bundles "
            f"imported, {summary.ops_applied:,} ops applied, {summary.conflicts} conflicts, "
            f"{summary.held_back:,} ops held back; {len(summary.quarantined)} quarantined; "
            f"{len(summary.exported)} bundles exported."
        ]
        lines += [f"QUARANTINED {name}: {reason}" for name, reason in summary.quarantined]
        lines += [f"exported for {name}: {ops:,} ops" for name, ops in summary.exported]
        return "\n".join(lines)

    out.emit({**_plain(summary), "ok": summary.ok}, text)
    return EXIT_OK if summary.ok else EXIT_PROBLEM


def _plain(summary) -> dict:  # type: ignore[no-untyped-def]
    from dataclasses import asdict

    return asdict(summary)


def register(commands: argparse._SubParsersAction) -> None:
    move = commands.add_parser(
        "migrate-store",
        help="copy this store into an empty PostgreSQL database, verified table by table",
    )
    move.add_argument(
        "--to", required=True, metavar="URL", help="postgresql+psycopg://USER@HOST:PORT/DATABASE"
    )
    move.set_defaults(run=cmd_migrate_store)

    central = commands.add_parser("central", help="central-office runs (scheduled tasks)")
    actions = central.add_subparsers(dest="action", required=True, metavar="ACTION")
    sync = actions.add_parser(
        "sync",
        help="import every department's bundles from a share folder, export replies into it; "
        "exit 0 all imported, 1 some quarantined, 2 error",
    )
    sync.add_argument(
        "folder", metavar="DIR", help="the share (bundles at its top or in sub-folders)"
    )
    sync.add_argument("--passphrase-file", help="the key passphrase (else $GOVPERF_PASSPHRASE)")
    sync.add_argument("--encrypt", action="store_true", help="encrypt the exported bundles")
    sync.set_defaults(run=cmd_central_sync)
