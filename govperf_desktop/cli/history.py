"""`govperf history ID` and `govperf restore ID --to VERSION` (版本回溯)."""

from __future__ import annotations

import argparse
import json

from govperf_desktop.cli.common import EXIT_OK, Output, open_from_args


def _values(values: dict) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def cmd_history(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.history import history

    store = open_from_args(args)
    try:
        versions = history(store, args.record_id, args.table)
    finally:
        store.close()

    def text() -> str:
        lines = [f"{versions[0].table} {versions[0].record_id}"]
        for v in versions:
            who = v.actor or "—"
            lines.append(
                f"v{v.version} {v.recorded_at:%Y-%m-%d %H:%M:%S} {v.action:6} by {who} at {v.node}"
            )
            if v.action == "update":
                for key in sorted(v.after):
                    lines.append(f"    {key}: {v.before.get(key)!r} → {v.after[key]!r}")
            else:
                lines.append(f"    {_values(v.after or v.before)}")
        return "\n".join(lines)

    out.emit(versions, text)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.history import restore

    store = open_from_args(args)
    try:
        change = restore(
            store, args.record_id, version=args.to, actor_id=args.actor, table=args.table
        )
    finally:
        store.close()
    out.emit(
        change,
        lambda: (
            f"Restored {change.table} {change.record_id} to version {args.to}; "
            f"recorded as version {change.version}."
        ),
    )
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    show = commands.add_parser("history", help="every change of a record (版本回溯)")
    show.add_argument("record_id")
    show.add_argument("--table", help="the record kind, when an id is ambiguous")
    show.set_defaults(run=cmd_history)

    back = commands.add_parser("restore", help="bring a record back to an earlier version")
    back.add_argument("record_id")
    back.add_argument("--to", type=int, required=True, metavar="VERSION")
    back.add_argument("--table", help="the record kind, when an id is ambiguous")
    back.set_defaults(run=cmd_restore)
