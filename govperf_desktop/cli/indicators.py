"""`govperf indicator ...`: decomposition tables (指标分解表), Excel import and export.

govperf indicator template OUT.xlsx                 empty, formatted workbook to fill in
govperf --as 周主任 indicator import FILE.xlsx      check everything, then save all or nothing
govperf indicator import FILE.xlsx --dry-run        check only (no --as needed)
govperf indicator export INDICATOR --out FILE.xlsx  the table back in the same layout
govperf indicator list [--status S] [--department D] [--json]
govperf indicator show INDICATOR [--period P] [--json]
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from govperf_desktop.cli.common import EXIT_OK, EXIT_USAGE, Output, open_from_args
from govperf_desktop.domain.decomposition import TableProblems
from govperf_desktop.paths import data_dir, store_path
from govperf_desktop.store.models import INDICATOR_STATUSES

if TYPE_CHECKING:
    from govperf_desktop.services.indicator_views import DecompositionTable


def cmd_template(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.decomposition import write_template

    # The department list comes from the store when there is one; the template is useful
    # without one too (an office preparing a table before its store exists).
    store = open_from_args(args) if store_path(data_dir(args.data_dir)).exists() else None
    try:
        result = write_template(Path(args.out), store)
    finally:
        if store is not None:
            store.close()
    out.emit(
        result,
        lambda: (
            f"Wrote the decomposition-table template to {result.file}"
            + (
                f" ({result.departments} departments in its 部门 list)."
                if result.departments
                else " (no store here: its 部门 list is empty)."
            )
        ),
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.decomposition import import_workbook

    store = open_from_args(args)
    try:
        result = import_workbook(
            store,
            Path(args.file),
            actor=args.actor,
            now=datetime.now(UTC),
            dry_run=args.dry_run,
        )
    except TableProblems as refused:
        if not out.as_json:
            raise
        out.emit(
            {
                "saved": False,
                "problems": [
                    {"sheet": p.sheet, "row": p.row, "message": p.message} for p in refused.problems
                ],
            },
            str,
        )
        return EXIT_USAGE
    finally:
        store.close()

    def text() -> str:
        counts = (
            f"{result.tasks} tasks ({result.recurring} recurring → {result.instances} "
            f"instances), {result.dependencies} dependencies, {result.liability_rules} "
            "liability rules"
        )
        if not result.saved:
            return (
                f"{Path(result.file).name} is ready to import: {result.name} ({result.period}) "
                f"with {counts}. Nothing was saved (dry run)."
            )
        return (
            f"Imported {result.name} ({result.period}) with {counts} "
            f"[{result.indicator_id}].\nFile sha256 {result.sha256}"
        )

    out.emit(result, text)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.decomposition import export_indicator

    store = open_from_args(args)
    try:
        result = export_indicator(store, args.indicator, Path(args.out), period=args.period)
    finally:
        store.close()
    out.emit(
        result,
        lambda: (
            f"Wrote {result.name} ({result.period}): {result.tasks} tasks and "
            f"{result.liability_rules} liability rules to {result.file}."
        ),
    )
    return EXIT_OK


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.indicator_views import list_indicators

    store = open_from_args(args)
    try:
        found = list_indicators(store, status=args.status, department=args.department)
    finally:
        store.close()

    def text() -> str:
        if not found:
            return "No indicators."
        lines = []
        for item in found:
            cooperating = "、".join(item.cooperating) or "—"
            lines.append(
                f"{item.name} ({item.period}, {item.period_start:%Y-%m-%d} – "
                f"{item.period_end:%Y-%m-%d}) — {item.status}\n"
                f"    lead {item.lead_department}; cooperating {cooperating}; {item.tasks} tasks"
                f" ({item.recurring} recurring, {item.instances} instances) [{item.id}]"
            )
        return "\n".join(lines)

    out.emit(found, text)
    return EXIT_OK


def cmd_show(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.indicator_views import show_indicator

    store = open_from_args(args)
    try:
        table = show_indicator(store, args.indicator, period=args.period)
    finally:
        store.close()
    out.emit(table, lambda: _table_text(table))
    return EXIT_OK


def _table_text(table: DecompositionTable) -> str:
    lines = [
        f"{table.name} ({table.period}, {table.period_start:%Y-%m-%d} – "
        f"{table.period_end:%Y-%m-%d}) — {table.status} [{table.id}]",
        f"Lead department: {table.lead_department}",
        f"Cooperating: {'、'.join(table.cooperating) or '—'}",
        f"Target: {table.target}",
    ]
    for department in table.departments:
        rows = [row for row in table.tasks if row.department == department]
        lines.append("")
        lines.append(f"{department}" + ("" if rows else "  (no tasks)"))
        for row in rows:
            # A template's own status never moves; its instances carry the work.
            due = (
                f"{row.recurrence_text} ({row.recurrence})"
                if row.recurrence
                else f"due {row.deadline:%Y-%m-%d}, {row.status}"
            )
            lines.append(f"  {row.code}  {row.content}  — {due}")
            if row.depends_on:
                lines.append(f"      depends on: {'、'.join(row.depends_on)}")
            for number, item in enumerate(row.standard, start=1):
                lines.append(f"      standard {number}. {item}")
            for instance in row.instances:
                after = f", after {'、'.join(instance.depends_on)}" if instance.depends_on else ""
                lines.append(
                    f"      · {instance.code}  due {instance.deadline:%Y-%m-%d}, "
                    f"{instance.status}{after}"
                )
    if table.liability:
        lines.append("")
        lines.append("Joint liability (连带责任):")
        for rule in table.liability:
            lines.append(f"  {rule.label} {rule.percent:g}% — {rule.description}")
    return "\n".join(lines)


def _json_flag(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS keeps the global `govperf --json indicator ...` working when not repeated here.
    parser.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
    )


def register(commands: argparse._SubParsersAction) -> None:
    """Add `govperf indicator ...`."""
    indicator = commands.add_parser("indicator", help="decomposition tables (指标分解表)")
    actions = indicator.add_subparsers(dest="indicator_command", required=True, metavar="ACTION")

    template = actions.add_parser("template", help="write an empty decomposition-table workbook")
    template.add_argument("out", metavar="OUT.xlsx")
    _json_flag(template)
    template.set_defaults(run=cmd_template)

    load = actions.add_parser(
        "import", help="import a filled workbook (central office; --as PERSON)"
    )
    load.add_argument("file", metavar="FILE.xlsx")
    load.add_argument("--dry-run", action="store_true", help="check everything, save nothing")
    _json_flag(load)
    load.set_defaults(run=cmd_import)

    export = actions.add_parser("export", help="write an indicator's table to a workbook")
    export.add_argument("indicator", help="name or id")
    export.add_argument("--out", required=True, metavar="FILE.xlsx")
    export.add_argument("--period", help="the period, when the name recurs over periods")
    _json_flag(export)
    export.set_defaults(run=cmd_export)

    listing = actions.add_parser("list", help="indicators with their task counts")
    listing.add_argument("--status", choices=INDICATOR_STATUSES)
    listing.add_argument("--department", help="only indicators this department takes part in")
    _json_flag(listing)
    listing.set_defaults(run=cmd_list)

    show = actions.add_parser("show", help="an indicator's decomposition table")
    show.add_argument("indicator", help="name or id")
    show.add_argument("--period", help="the period, when the name recurs over periods")
    _json_flag(show)
    show.set_defaults(run=cmd_show)
