"""`govperf task ...` and `govperf alerts`: the task flow (流程固化), warnings and reminders.

    govperf --as 杨帆 task notify --indicator 政务服务跨省通办        # start the indicator
    govperf --as 朱丽华 task start MZ-1 --indicator 政务服务跨省通办 [--at 2026-11-03T09:30]
    govperf --as 朱丽华 task submit MZ-1 --indicator ... --items "事项清单;办理流程" \
        --file 清单.xlsx:SHA256:SIZE   (or --attach PATH to hash a local file)
    govperf --as 杨帆 task accept|return MZ-1 --indicator ... [--reason TEXT]
    govperf --as 朱丽华 task complete MZ-1 --indicator ...
    govperf task show MZ-1 --indicator ...;  govperf task list [--department 民政局]
    govperf alerts [--department D] [--today YYYY-MM-DD];  govperf --as 杨帆 alerts ack MZ-1 ...

Times typed without a zone (`--at`) are office time (UTC+8); times are shown in office time.
"""

from __future__ import annotations

import argparse
import hashlib
from datetime import date, datetime
from pathlib import Path

from govperf_desktop.cli.common import (
    EXIT_OK,
    Output,
    iso_date,
    now_utc,
    open_from_args,
    require_actor,
)
from govperf_desktop.domain.calendar import office_date, office_time, parse_moment
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.taskflow import STATUS_LABELS, Attachment


def _today(args: argparse.Namespace) -> date:
    return getattr(args, "today", None) or office_date(now_utc())


def _at(args: argparse.Namespace) -> datetime | None:
    return parse_moment(args.at) if getattr(args, "at", None) else None


def _when(moment: datetime | None) -> str:
    return "—" if moment is None else f"{office_time(moment):%Y-%m-%d %H:%M}"


def _items(text: str | None) -> list[str]:
    """Checklist items separated by ';' (or the full-width '；')."""
    return [item.strip() for item in (text or "").replace("；", ";").split(";") if item.strip()]


def _file_spec(text: str) -> Attachment:
    """NAME:SHA256:SIZE, split from the right so a name may itself contain ':'."""
    parts = text.rsplit(":", 2)
    if len(parts) != 3:
        raise ValidationError(f"--file {text!r} must look like NAME:SHA256:SIZE.")
    name, digest, size = parts
    if not size.strip().isdigit():
        raise ValidationError(f"The size in --file {text!r} must be a whole number of bytes.")
    return Attachment(name=name, sha256=digest, size=int(size))


def _attach(path_text: str) -> Attachment:
    """A local file's name, sha256 and size; the file itself is not copied anywhere."""
    path = Path(path_text)
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        size = path.stat().st_size
    except OSError as error:
        raise ValidationError(f"Cannot read {path_text} to attach it ({error.strerror}).") from None
    return Attachment(name=path.name, sha256=digest.hexdigest(), size=size)


def _step_text(result) -> str:  # type: ignore[no-untyped-def]
    lines = [
        f"Task {result.code} ({result.indicator}): {' + '.join(result.events)} at "
        f"{_when(result.occurred_at)}; now {STATUS_LABELS.get(result.status, result.status)}."
    ]
    if result.missing:
        lines.append(
            f"Revision {result.revision} returned by the standard check; missing: "
            + "; ".join(result.missing)
        )
    elif "submitted" in result.events:
        lines.append(f"Revision {result.revision} meets the output standard.")
    return "\n".join(lines)


def cmd_notify(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.taskflow import notify_indicator

    store = open_from_args(args)
    try:
        result = notify_indicator(
            store,
            args.indicator,
            person=args.actor,
            now=now_utc(),
            at=_at(args),
            period=args.period,
        )
    finally:
        store.close()
    out.emit(
        result,
        lambda: (
            f"Indicator {result.indicator} is {result.status}; notified "
            f"{len(result.notified)} task(s): {', '.join(result.notified)}."
        ),
    )
    return EXIT_OK


def cmd_step(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services import taskflow

    store = open_from_args(args)
    common = {"person": args.actor, "now": now_utc(), "at": _at(args), "indicator": args.indicator}
    try:
        if args.step == "submit":
            files = [_file_spec(spec) for spec in args.file or ()]
            files += [_attach(path) for path in args.attach or ()]
            result = taskflow.submit_output(
                store, args.task, items=_items(args.items), files=files, **common
            )
        elif args.step == "return":
            result = taskflow.return_output(store, args.task, reason=args.reason or "", **common)
        else:
            action = {
                "start": taskflow.start_task,
                "accept": taskflow.accept_output,
                "complete": taskflow.complete_task,
            }[args.step]
            result = action(store, args.task, **common)
    finally:
        store.close()
    out.emit(result, lambda: _step_text(result))
    return EXIT_OK


def _show_text(detail) -> str:  # type: ignore[no-untyped-def]
    overdue = (
        "—"
        if detail.days_overdue is None
        else f"{detail.days_overdue} ({detail.days_overdue_counting} days)"
    )
    response = "—" if detail.response_hours is None else f"{detail.response_hours:g} h"
    lines = [
        f"Task {detail.code} — {detail.content}",
        f"Indicator: {detail.indicator} ({detail.indicator_status}); lead department "
        f"{detail.lead_department}",
        f"Responsible: {detail.department}   Deadline: {detail.deadline or '—'}   "
        f"Status: {detail.status_label}",
        f"Days overdue: {overdue}   Response time: {response}   Revisions: {detail.revision_count}",
        "Output standard:",
    ]
    lines += [f"  {n}. {item}" for n, item in enumerate(detail.checklist, 1)] or ["  (none)"]
    lines.append("Submissions:")
    for s in detail.submissions:
        verdict = "complete" if not s.missing else "missing: " + "; ".join(s.missing)
        lines.append(f"  rev {s.revision}  {_when(s.submitted_at)}  by {s.submitted_by}  {verdict}")
        lines += [f"      file {f.name}  {f.size:,} bytes  sha256 {f.sha256}" for f in s.files]
    if not detail.submissions:
        lines.append("  (none)")
    lines.append("Timeline (office time, UTC+8):")
    for e in detail.events:
        who = f"by {e.person} ({e.person_department})" if e.person else "by the standard check"
        extra = ""
        if e.missing:
            extra = " — missing: " + "; ".join(e.missing)
        elif e.reason:
            extra = f" — reason: {e.reason}"
        revision = f" rev {e.revision}" if e.revision else ""
        recorded = "" if e.recorded_at == e.occurred_at else f" (recorded {_when(e.recorded_at)})"
        lines.append(
            f"  {_when(e.occurred_at)}  {e.kind:10}{revision} {who} at {e.node}{extra}{recorded}"
        )
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.task_views import show_task

    store = open_from_args(args)
    try:
        detail = show_task(store, args.task, indicator=args.indicator, today=_today(args))
    finally:
        store.close()
    out.emit(detail, lambda: _show_text(detail))
    return EXIT_OK


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.task_views import list_tasks

    store = open_from_args(args)
    try:
        rows = list_tasks(
            store,
            today=_today(args),
            indicator=args.indicator,
            department=args.department,
            status=args.status,
            limit=args.limit,
        )
    finally:
        store.close()

    def text() -> str:
        if not rows:
            return "No tasks."
        return "\n".join(
            f"{r.deadline or '—'!s:10}  {r.code:12} {r.status:20} "
            f"{'overdue ' + str(r.days_overdue) + 'd' if r.days_overdue else '':12} "
            f"rev {r.revision_count}  {r.department}  {r.indicator}  {r.id}"
            for r in rows
        )

    out.emit(rows, text)
    return EXIT_OK


def _alert_line(alert) -> str:  # type: ignore[no-untyped-def]
    if alert.kind == "overdue":
        label, when = "OVERDUE ", f"{alert.days_overdue} day(s) overdue"
    else:
        label = "DUE SOON"
        when = "due today" if alert.days_left == 0 else f"due in {alert.days_left} day(s)"
    to = ", ".join(alert.addressees) or "(no head registered)"
    line = (
        f"{label} {alert.deadline}  {alert.code:12} {alert.department}  {when}  "
        f"{alert.indicator}: {alert.content}  → {to}"
    )
    if alert.acknowledged:
        acks = ", ".join(f"{a.person} {_when(a.acknowledged_at)}" for a in alert.acknowledgements)
        line += f"  [acknowledged by {acks}]"
    return line


def cmd_alerts(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.alerts import list_alerts

    store = open_from_args(args)
    try:
        alerts = list_alerts(store, today=_today(args), department=args.department, kind=args.kind)
    finally:
        store.close()
    out.emit(alerts, lambda: "\n".join(map(_alert_line, alerts)) or "No warnings or reminders.")
    return EXIT_OK


def cmd_ack(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.alerts import acknowledge_alert

    store = open_from_args(args)
    try:
        alert = acknowledge_alert(
            store,
            args.task,
            kind=args.ack_kind,
            person=args.actor,
            now=now_utc(),
            note=args.note,
            indicator=args.indicator,
        )
    finally:
        store.close()
    out.emit(alert, lambda: "Acknowledged: " + _alert_line(alert))
    return EXIT_OK


def cmd_alert_settings(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services import workdays

    store = open_from_args(args)
    try:
        changing = args.reminder_days is not None or args.days_overdue_counting is not None
        actor = require_actor(args) if changing else None  # a rule of the central office
        if args.reminder_days is not None:
            workdays.set_reminder_days(store, args.reminder_days, actor=actor)
        if args.days_overdue_counting is not None:
            workdays.set_days_overdue_counting(store, args.days_overdue_counting, actor=actor)
        settings = workdays.flow_settings(store)
    finally:
        store.close()
    out.emit(
        settings,
        lambda: (
            f"Reminders {settings.reminder_days} day(s) before a deadline; days overdue "
            f"counted in {settings.days_overdue_counting} days."
        ),
    )
    return EXIT_OK


def _task_parser(steps: argparse._SubParsersAction, name: str, help_text: str):  # type: ignore[no-untyped-def]
    parser = steps.add_parser(name, help=help_text)
    parser.add_argument("task", help="task id, or its code with --indicator")
    parser.add_argument("--indicator", help="indicator name or id (when TASK is a code)")
    return parser


def register(commands: argparse._SubParsersAction) -> None:
    """Add `task ...` and `alerts ...`."""
    task = commands.add_parser("task", help="the task flow: notify, start, submit, accept ...")
    steps = task.add_subparsers(dest="task_command", required=True, metavar="STEP")

    notify = steps.add_parser("notify", help="start an indicator: notify each of its tasks")
    notify.add_argument("--indicator", required=True, help="indicator name or id")
    notify.add_argument("--period", help="the indicator's period, when its name recurs")
    notify.add_argument("--at", help="when it happened (ISO; office time unless a zone is given)")
    notify.set_defaults(run=cmd_notify)

    helps = {
        "start": "the responsible department starts work",
        "submit": "submit an output; checked against the output standard",
        "accept": "the lead department accepts the output",
        "return": "the lead department returns the output for revision",
        "complete": "the responsible department completes the accepted task",
    }
    for name, help_text in helps.items():
        parser = _task_parser(steps, name, help_text)
        parser.add_argument("--at", help="when it happened (ISO; office time unless zoned)")
        if name == "submit":
            parser.add_argument("--items", help="checklist items provided, separated by ';'")
            parser.add_argument("--file", action="append", metavar="NAME:SHA256:SIZE")
            parser.add_argument(
                "--attach", action="append", metavar="PATH", help="hash a local file to attach"
            )
        if name == "return":
            parser.add_argument("--reason", required=True, help="why it is returned")
        parser.set_defaults(run=cmd_step, step=name)

    show = _task_parser(steps, "show", "checklist, submissions and timeline of a task")
    show.add_argument("--today", type=iso_date, help="count days overdue up to this date")
    show.set_defaults(run=cmd_show)

    listing = steps.add_parser("list", help="tasks by deadline")
    listing.add_argument("--indicator")
    listing.add_argument("--department")
    listing.add_argument("--status", choices=sorted(STATUS_LABELS))
    listing.add_argument("--limit", type=int, default=500)
    listing.add_argument("--today", type=iso_date, help="count days overdue up to this date")
    listing.set_defaults(run=cmd_list)

    alerts = commands.add_parser("alerts", help="warnings (overdue) and reminders (due soon)")
    alerts.add_argument("--department")
    alerts.add_argument("--kind", choices=["overdue", "due_soon"])
    alerts.add_argument("--today", type=iso_date, help="pretend today is YYYY-MM-DD")
    alerts.set_defaults(run=cmd_alerts)
    more = alerts.add_subparsers(dest="alerts_command", metavar="ack|settings")
    ack = more.add_parser("ack", help="a department head acknowledges an alert")
    ack.add_argument("task", help="task id, or its code with --indicator")
    ack.add_argument("--indicator")
    ack.add_argument("--kind", dest="ack_kind", required=True, choices=["overdue", "due_soon"])
    ack.add_argument("--note")
    ack.set_defaults(run=cmd_ack)
    settings = more.add_parser("settings", help="reminder days and how days overdue are counted")
    settings.add_argument("--reminder-days", type=int)
    settings.add_argument("--days-overdue-counting", choices=["calendar", "working"])
    settings.set_defaults(run=cmd_alert_settings)
