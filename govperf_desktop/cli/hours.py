"""`govperf hours ...`: timesheets (项目工时台账), periods, import and export.

govperf --as 李娜 hours add --task MZ-1 --indicator 政务服务跨省通办 --date 2026-11-03 --hours 9
govperf --as 李娜 hours edit ENTRY_ID --hours 7.5 [--overtime 0] [--date ...] [--note ...]
govperf --as 李娜 hours delete ENTRY_ID
govperf hours week --person 李娜 [--date 2026-11-03]     (or --as 李娜)
govperf --as 李娜 hours copy-week [--date 2026-11-10]
govperf --as 李娜 hours submit --week 2026-11-03 | --month 2026-11
govperf --as 王芳 hours approve 李娜 --week 2026-11-03   (approval locks the period)
govperf --as 王芳 hours reopen 李娜 --week 2026-11-03
govperf --as 周文博 hours import 工时.xlsx [--dry-run] [--map 工时=hours,姓名=person]
govperf hours export --format xlsx --out 工时.xlsx [--department 民政局] [--from D --to D]
govperf hours standard-day [--set 7.5]
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from govperf_desktop.cli.common import (
    EXIT_OK,
    Output,
    iso_date,
    now_utc,
    open_from_args,
    require_actor,
)
from govperf_desktop.domain.calendar import office_date
from govperf_desktop.domain.errors import ValidationError

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _month(text: str) -> date:
    try:
        return date.fromisoformat(f"{text.strip()}-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month like 2026-11") from None


def _period(args: argparse.Namespace) -> tuple[str, date]:
    return ("week", args.week) if args.week else ("month", args.month)


def _h(value: float) -> str:
    return f"{value:g}"


def _entry_text(view) -> str:  # type: ignore[no-untyped-def]
    note = f" — {view.note}" if view.note else ""
    line = (
        f"{view.id}  {view.work_date:%Y-%m-%d}  {view.person} ({view.department})  "
        f"{view.task_code}  {_h(view.hours)} h, overtime {_h(view.overtime)} h{note}"
    )
    if view.rebalanced:
        line += f"\n(overtime taken back from {view.rebalanced} other entries of that day)"
    return line


def cmd_add(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.timesheets import add_entry

    actor = require_actor(args)
    store = open_from_args(args)
    try:
        view = add_entry(
            store,
            person=args.person or actor,
            task_id=args.task,
            indicator=args.indicator,
            work_date=args.date,
            hours=args.hours,
            overtime=args.overtime,
            note=args.note,
            actor=actor,
            now=now_utc(),
        )
    finally:
        store.close()
    out.emit(view, lambda: f"Recorded {_entry_text(view)}")
    return EXIT_OK


def cmd_edit(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.timesheets import edit_entry

    store = open_from_args(args)
    try:
        view = edit_entry(
            store,
            args.entry_id,
            actor=require_actor(args),
            hours=args.hours,
            overtime=args.overtime,
            task_id=args.task,
            indicator=args.indicator,
            work_date=args.date,
            note=args.note,
            now=now_utc(),
        )
    finally:
        store.close()
    out.emit(view, lambda: f"Changed {_entry_text(view)}")
    return EXIT_OK


def cmd_delete(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.timesheets import delete_entry

    store = open_from_args(args)
    try:
        view = delete_entry(store, args.entry_id, actor=require_actor(args), now=now_utc())
    finally:
        store.close()
    out.emit(view, lambda: f"Deleted {_entry_text(view)}")
    return EXIT_OK


def _week_text(view) -> str:  # type: ignore[no-untyped-def]
    heads = [
        f"{WEEKDAYS[i]} {d:%m-%d}{'*' if view.rest_days[i] else ''}"
        for i, d in enumerate(view.days)
    ]
    lines = [
        f"{view.person} ({view.department}) — week {view.days[0]:%Y-%m-%d} to "
        f"{view.days[-1]:%Y-%m-%d}   (* rest day: every hour is overtime)",
        f"{'Task':<12} {'Indicator':<20} " + " ".join(f"{h:>10}" for h in heads) + "     Total",
    ]
    for row in view.rows:
        cells = " ".join(f"{_h(h) if h else '·':>10}" for h in row.hours)
        lines.append(f"{row.task_code:<12} {row.indicator[:18]:<20} {cells} {_h(row.total):>9}")
    pad = f"{'':<33}"
    lines.append(
        f"{'Day total':<33}"
        + " ".join(f"{_h(h):>10}" for h in view.day_hours)
        + f" {_h(view.total_hours):>9}"
    )
    lines.append(
        f"{'Overtime':<33}"
        + " ".join(f"{_h(h):>10}" for h in view.day_overtime)
        + f" {_h(view.total_overtime):>9}"
    )
    lines.append(f"{'Status':<33}" + " ".join(f"{s:>10}" for s in view.status))
    if view.entries:
        lines += ["", "Entries (ids for edit/delete):"]
        lines += [
            f"  {e.id}  {e.work_date:%Y-%m-%d}  {e.task_code:<10} {_h(e.hours):>5} h"
            f"  overtime {_h(e.overtime)}{'  — ' + e.note if e.note else ''}"
            for e in view.entries
        ]
    else:
        lines.append(pad + "(no hours this week)")
    return "\n".join(lines)


def cmd_week(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.timesheet_week import week

    person = args.person or args.actor
    if not person:
        raise ValidationError("Name whose week to show: --person NAME (or --as NAME).")
    store = open_from_args(args)
    try:
        view = week(store, person=person, day=args.date or office_date(now_utc()))
    finally:
        store.close()
    out.emit(view, lambda: _week_text(view))
    return EXIT_OK


def cmd_copy_week(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.timesheet_week import copy_last_week

    store = open_from_args(args)
    try:
        result = copy_last_week(
            store,
            actor=require_actor(args),
            person=args.person,
            day=args.date or office_date(now_utc()),
            now=now_utc(),
        )
    finally:
        store.close()

    def text() -> str:
        lines = [
            f"Copied {len(result.copied)} entries into the week of {result.week_start:%Y-%m-%d}."
        ]
        lines += [f"  {_entry_text(view)}" for view in result.copied]
        for skip in result.skipped:
            what = f" {skip.task_code}" if skip.task_code else ""
            lines.append(f"  skipped {skip.work_date:%Y-%m-%d}{what}: {skip.reason}")
        return "\n".join(lines)

    out.emit(result, text)
    return EXIT_OK


def _period_text(view, verb: str) -> str:  # type: ignore[no-untyped-def]
    what = (
        f"month {view.period_start:%Y-%m}"
        if view.kind == "month"
        else f"week {view.period_start:%Y-%m-%d} to {view.period_end:%Y-%m-%d}"
    )
    text = (
        f"{verb} {view.person}'s timesheet for the {what}: {view.status} "
        f"({view.entries} entries, {_h(view.hours)} h, overtime {_h(view.overtime)} h)"
    )
    if view.approved_by:
        text += f"; approved by {view.approved_by}"
    if view.reopened_count:
        text += f"; reopened {view.reopened_count}×"
    return text + "."


def _period_command(service: str, verb: str):  # type: ignore[no-untyped-def]
    def run(args: argparse.Namespace, out: Output) -> int:
        from govperf_desktop.services import timesheet_periods

        kind, day = _period(args)
        store = open_from_args(args)
        try:
            action = getattr(timesheet_periods, service)
            extra = {} if service == "submit_period" else {"person": args.person}
            view = action(
                store, actor=require_actor(args), kind=kind, day=day, now=now_utc(), **extra
            )
        finally:
            store.close()
        out.emit(view, lambda: _period_text(view, verb))
        return EXIT_OK

    return run


def _import_text(report, seconds: float) -> str:  # type: ignore[no-untyped-def]
    mapping = ", ".join(f"{header}→{name}" for name, header in report.columns.items())
    lines = [
        f"{Path(report.file).name}: {report.rows:,} rows ({report.format}"
        + (f", {report.encoding}" if report.encoding else "")
        + f"; header on line {report.header_line}; columns {mapping})"
    ]
    if report.ignored_columns:
        lines.append(f"Ignored columns: {', '.join(report.ignored_columns)}")
    lines += [f"line {bad.line}: {bad.reason}" for bad in report.bad_rows]
    if report.bad_rows:
        lines.append(f"{len(report.bad_rows):,} bad rows; nothing was imported.")
    elif report.dry_run:
        lines.append(
            f"All {report.rows:,} rows are good ({_h(report.hours)} h); dry run, nothing imported."
        )
    else:
        lines.append(
            f"Imported {report.imported:,} entries ({_h(report.hours)} h) in {seconds:.1f} s."
        )
    return "\n".join(lines)


def cmd_import(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.timesheet_io import (
        ImportRefused,
        import_timesheets,
        parse_mapping,
    )

    actor = require_actor(args)
    mapping = parse_mapping(args.map)
    store = open_from_args(args)
    started = time.perf_counter()
    try:
        report = import_timesheets(
            store,
            Path(args.file),
            actor=actor,
            mapping=mapping,
            dry_run=args.dry_run,
            sheet=args.sheet,
            now=now_utc(),
        )
    except ImportRefused as refused:
        bad = refused.report
        out.emit(bad, lambda: _import_text(bad, 0.0))
        raise
    finally:
        store.close()
    seconds = time.perf_counter() - started
    out.emit(report, lambda: _import_text(report, seconds))
    if report.bad_rows:  # a dry run that found bad rows
        raise ValidationError(
            f"{len(report.bad_rows):,} of {report.rows:,} rows are bad; fix them and run again."
        )
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.timesheet_export import export_timesheets

    store = open_from_args(args)
    try:
        result = export_timesheets(
            store,
            Path(args.out),
            format=args.format,
            department=args.department,
            person=args.person,
            date_from=args.date_from,
            date_to=args.date_to,
            indicator=args.indicator,
        )
    finally:
        store.close()
    out.emit(
        result,
        lambda: f"Exported {result.rows:,} entries ({_h(result.hours)} h) to {result.path}.",
    )
    return EXIT_OK


def cmd_standard_day(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.timesheets import set_standard_day, standard_day

    store = open_from_args(args)
    try:
        if args.set is None:
            hours = standard_day(store)
        else:
            hours = set_standard_day(store, args.set, actor=require_actor(args), now=now_utc())
    finally:
        store.close()
    out.emit(
        {"standard_day_hours": hours},
        lambda: f"Standard working day: {_h(hours)} h (hours beyond it on a workday are overtime).",
    )
    return EXIT_OK


def _period_options(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--week", type=iso_date, metavar="DATE", help="the week holding DATE")
    which.add_argument("--month", type=_month, metavar="YYYY-MM")


def _entry_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--task", required=required, help="task id, or code with --indicator")
    parser.add_argument("--indicator", help="the task's indicator (name or id)")
    parser.add_argument("--date", type=iso_date, required=required, metavar="YYYY-MM-DD")
    parser.add_argument("--hours", type=float, required=required)
    parser.add_argument("--overtime", type=float, help="default: computed by the rules")
    parser.add_argument("--note")


def register(commands: argparse._SubParsersAction) -> None:
    """Add `govperf hours ...` to the parser."""
    hours = commands.add_parser("hours", help="timesheets (项目工时台账): entries, weeks, periods")
    sub = hours.add_subparsers(dest="hours_command", required=True, metavar="ACTION")

    add = sub.add_parser("add", help="record hours on a task and day")
    _entry_options(add, required=True)
    add.add_argument("--person", help="whose hours (default: the person acting, --as)")
    add.set_defaults(run=cmd_add)

    edit = sub.add_parser("edit", help="change an entry")
    edit.add_argument("entry_id")
    _entry_options(edit, required=False)
    edit.set_defaults(run=cmd_edit)

    delete = sub.add_parser("delete", help="delete an entry")
    delete.add_argument("entry_id")
    delete.set_defaults(run=cmd_delete)

    show = sub.add_parser("week", help="a person's week as a grid of tasks and days")
    show.add_argument("--person", help="default: the person acting (--as)")
    show.add_argument("--date", type=iso_date, help="a day of the week (default: today)")
    show.set_defaults(run=cmd_week)

    copy = sub.add_parser("copy-week", help="copy last week's tasks and hours into this week")
    copy.add_argument("--person", help="default: the person acting (--as)")
    copy.add_argument("--date", type=iso_date, help="a day of the target week (default: today)")
    copy.set_defaults(run=cmd_copy_week)

    submit = sub.add_parser("submit", help="submit your week or month for approval")
    _period_options(submit)
    submit.set_defaults(run=_period_command("submit_period", "Submitted"))

    for name, service, verb, help_text in (
        ("approve", "approve_period", "Approved", "approve (and lock) a submitted timesheet"),
        ("reopen", "reopen_period", "Reopened", "reopen a submitted or locked timesheet"),
    ):
        parser = sub.add_parser(name, help=f"department head: {help_text}")
        parser.add_argument("person", help="whose timesheet (name, or NAME@DEPARTMENT)")
        _period_options(parser)
        parser.set_defaults(run=_period_command(service, verb))

    load = sub.add_parser("import", help="import a CSV or .xlsx file (all rows or none)")
    load.add_argument("file")
    load.add_argument("--dry-run", action="store_true", help="check and list every bad row")
    load.add_argument("--map", metavar="HEADER=FIELD,...", help="e.g. 工时=hours,姓名=person")
    load.add_argument("--sheet", help="the Excel sheet (default: the first)")
    load.set_defaults(run=cmd_import)

    save = sub.add_parser("export", help="export entries to CSV or .xlsx")
    save.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    save.add_argument("--out", required=True, metavar="FILE")
    save.add_argument("--department")
    save.add_argument("--person")
    save.add_argument("--indicator")
    save.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD")
    save.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD")
    save.set_defaults(run=cmd_export)

    standard = sub.add_parser("standard-day", help="show or set the standard working day")
    standard.add_argument("--set", type=float, metavar="HOURS", help="central office only")
    standard.set_defaults(run=cmd_standard_day)
