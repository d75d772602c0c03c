"""`govperf comment ...` and `govperf support ...`: the communication log (沟通日志).

    govperf --as 苏晴 comment add YB-02 --indicator 医保异地结算 --text "... @卫健委" --problem
    govperf --as 崔浩然 comment add YB-02 --indicator 医保异地结算 --reply-to ID --text "..."
    govperf --as 苏晴 comment resolve ID --by-reply REPLY_ID
    govperf comment thread YB-02 --indicator 医保异地结算 --versions
    govperf comment search 医院数据 --department 医保局 --since 2026-11-01
    govperf --as 卢伟 support add YB-02 --indicator 医保异地结算 --to 卫健委 --text "..."
    govperf --as 魏红 support confirm ID

Times are shown and taken in UTC; a date alone for --until includes that whole day.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta

from govperf_desktop.cli.common import (
    EXIT_OK,
    Output,
    now_utc,
    open_from_args,
    require_actor,
)
from govperf_desktop.domain.errors import ValidationError


def _moment(text: str, *, end: bool) -> datetime:
    """A date or date-time (UTC unless it says otherwise); a date alone as an `end` covers
    that whole day."""
    try:
        if len(text.strip()) == 10:
            day = date.fromisoformat(text.strip())
            start = datetime(day.year, day.month, day.day, tzinfo=UTC)
            return start + timedelta(days=1) if end else start
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"{text!r} is not a date like 2026-11-28 or a time like 2026-11-28T14:30."
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _when(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else "—"


def _comment_lines(view, indent: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    head = f"{indent}[{view.id}] {_when(view.created_at)} {view.author} ({view.department})"
    if view.versions > 1:
        head += f"  v{view.version} of {view.versions}"
        if view.version > 1:
            head += f", first written {_when(view.first_created_at)}"
    lines = [head]
    if view.reply_to_id:
        lines.append(f"{indent}  ↳ reply to {view.reply_to_id}")
    if view.is_problem:
        state = (
            f"resolved by {view.resolved_by_id} ({view.resolved_by_department}) "
            f"on {_when(view.resolved_at)}"
            if view.resolved_by_id
            else "open"
        )
        lines.append(f"{indent}  problem: {state}")
    lines += [f"{indent}  {line}" for line in view.body.splitlines()]
    if view.mentions:
        lines.append(f"{indent}  mentions: {', '.join(view.mentions)}")
    return lines


def _support_line(view) -> str:  # type: ignore[no-untyped-def]
    state = (
        f"confirmed by {view.confirmed_by} on {_when(view.confirmed_at)}"
        if view.confirmed_by
        else f"awaiting confirmation by {view.to_department}"
    )
    return (
        f"[{view.id}] {_when(view.recorded_at)} {view.from_department} → {view.to_department}: "
        f"{view.description} (recorded by {view.recorded_by}; {state})"
    )


def cmd_add(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.comments import add_comment

    store = open_from_args(args)
    try:
        view = add_comment(
            store,
            person=require_actor(args),
            task=args.task,
            indicator=args.indicator,
            text=args.text,
            reply_to=args.reply_to,
            problem=args.problem,
            now=now_utc(),
        )
    finally:
        store.close()
    out.emit(view, lambda: "\n".join(["Comment added.", *_comment_lines(view)]))
    return EXIT_OK


def cmd_edit(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.comments import edit_comment

    store = open_from_args(args)
    try:
        view = edit_comment(
            store, args.comment_id, person=require_actor(args), text=args.text, now=now_utc()
        )
    finally:
        store.close()
    out.emit(
        view,
        lambda: "\n".join(
            [
                f"New version of comment {view.thread_id}; earlier versions are kept.",
                *_comment_lines(view),
            ]
        ),
    )
    return EXIT_OK


def cmd_resolve(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.comments import resolve_problem

    store = open_from_args(args)
    try:
        view = resolve_problem(
            store,
            args.comment_id,
            person=require_actor(args),
            by_reply=args.by_reply,
            now=now_utc(),
        )
    finally:
        store.close()
    out.emit(
        view,
        lambda: (
            f"Problem {view.id} resolved by comment {view.resolved_by_id}; credited to "
            f"{view.resolved_by_department}."
        ),
    )
    return EXIT_OK


def cmd_thread(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.comments import comment_thread
    from govperf_desktop.services.support import task_support

    store = open_from_args(args)
    try:
        thread = comment_thread(
            store, args.task, indicator=args.indicator, include_earlier=args.versions
        )
        support = task_support(store, thread.task_id)
    finally:
        store.close()

    def text() -> str:
        lines = [f"{thread.indicator} / {thread.task_code}: {thread.task_content}"]
        if not thread.comments:
            lines.append("No comments yet.")
        earlier: dict[str, list] = {}
        for view in thread.earlier:
            earlier.setdefault(view.thread_id, []).append(view)
        for view in thread.comments:
            lines.append("")
            lines += _comment_lines(view)
            for old in earlier.get(view.thread_id, []):
                lines += _comment_lines(old, indent="    ")
        if support:
            lines += ["", "Support given:"] + [f"  {_support_line(s)}" for s in support]
        return "\n".join(lines)

    out.emit({"thread": asdict(thread), "support": [asdict(s) for s in support]}, text)
    return EXIT_OK


def cmd_versions(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.comments import comment_versions

    store = open_from_args(args)
    try:
        versions = list(comment_versions(store, args.comment_id))
    finally:
        store.close()
    out.emit(versions, lambda: "\n".join(line for v in versions for line in _comment_lines(v)))
    return EXIT_OK


def cmd_search(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.comment_search import search_comments

    store = open_from_args(args)
    try:
        page = search_comments(
            store,
            args.query,
            task=args.task,
            indicator=args.indicator,
            department=args.department,
            author=args.author,
            since=_moment(args.since, end=False) if args.since else None,
            until=_moment(args.until, end=True) if args.until else None,
            include_earlier=args.all_versions,
            limit=args.limit,
            offset=args.offset,
            cursor=args.cursor,
        )
    finally:
        store.close()

    def text() -> str:
        if not page.hits:
            return "No comments found."
        lines = []
        for hit in page.hits:
            flags = "".join(
                [
                    " [problem, resolved]" if hit.is_problem and hit.resolved else "",
                    " [problem]" if hit.is_problem and not hit.resolved else "",
                    f" [edited: see {hit.superseded_by_id}]" if hit.superseded_by_id else "",
                ]
            )
            lines.append(
                f"{_when(hit.created_at)} {hit.department} {hit.author} · {hit.indicator} / "
                f"{hit.task_code} [{hit.id}]{flags}"
            )
            lines.append(f"    {hit.snippet}")
        if page.next_cursor:
            lines.append(f"(more: --cursor {page.next_cursor})")
        return "\n".join(lines)

    out.emit(page, text)
    return EXIT_OK


def cmd_reply_times(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.comment_evidence import reply_times

    store = open_from_args(args)
    try:
        times = reply_times(
            store,
            task=args.task,
            indicator=args.indicator,
            department=args.department,
            since=_moment(args.since, end=False) if args.since else None,
            until=_moment(args.until, end=True) if args.until else None,
            limit=args.limit,
        )
    finally:
        store.close()

    def hours(seconds: float | None) -> str:
        return "—" if seconds is None else f"{seconds / 3600:.1f} h"

    def text() -> str:
        lines = [
            f"Mentions: {times.mentions}, answered: {times.answered}, "
            f"average reply time: {hours(times.average_seconds)}, "
            f"longest: {hours(times.longest_seconds)}"
        ]
        for row in times.rows:
            answer = (
                f"answered by {row.replied_by} at {_when(row.replied_at)} "
                f"({hours(row.seconds)}) [{row.reply_id}]"
                if row.reply_id
                else "not answered yet"
            )
            lines.append(
                f"  {_when(row.mentioned_at)} {row.mentioned_by} → @{row.mentioned} "
                f"[{row.comment_id}]: {answer}"
            )
        return "\n".join(lines)

    out.emit(times, text)
    return EXIT_OK


def cmd_support_add(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.support import add_support

    store = open_from_args(args)
    try:
        view = add_support(
            store,
            person=require_actor(args),
            task=args.task,
            indicator=args.indicator,
            to_department=args.to,
            text=args.text,
            comment=args.comment,
            now=now_utc(),
        )
    finally:
        store.close()
    out.emit(
        view,
        lambda: f"Support recorded; {view.to_department} must confirm it.\n{_support_line(view)}",
    )
    return EXIT_OK


def cmd_support_confirm(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.support import confirm_support

    store = open_from_args(args)
    try:
        view = confirm_support(store, args.support_id, person=require_actor(args), now=now_utc())
    finally:
        store.close()
    out.emit(view, lambda: f"Support confirmed.\n{_support_line(view)}")
    return EXIT_OK


def cmd_support_list(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.support import task_support

    store = open_from_args(args)
    try:
        records = task_support(store, args.task, indicator=args.indicator)
    finally:
        store.close()
    out.emit(
        records,
        lambda: "\n".join(_support_line(r) for r in records) or "No support recorded.",
    )
    return EXIT_OK


def _task_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("task", metavar="TASK", help="task id, or task code with --indicator")
    parser.add_argument("--indicator", help="indicator name or id (for a task code)")


def _scope_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--task", help="task id, or task code with --indicator")
    parser.add_argument("--indicator", help="indicator name or id")
    parser.add_argument("--department", help="department name")
    parser.add_argument("--since", help="from this date/time (UTC), inclusive")
    parser.add_argument("--until", help="up to this date (whole day) or time (UTC)")


def register(commands: argparse._SubParsersAction) -> None:
    """Add `comment` and `support` with their subcommands."""
    comment = commands.add_parser("comment", help="task comments: the communication log (沟通日志)")
    actions = comment.add_subparsers(dest="comment_command", required=True, metavar="ACTION")

    add = actions.add_parser("add", help="comment on a task; @name mentions")
    _task_arguments(add)
    add.add_argument("--text", required=True)
    add.add_argument("--reply-to", metavar="COMMENT_ID")
    add.add_argument("--problem", action="store_true", help="raise it as a problem to resolve")
    add.set_defaults(run=cmd_add)

    edit = actions.add_parser("edit", help="a new version of your comment (old one kept)")
    edit.add_argument("comment_id", metavar="ID")
    edit.add_argument("--text", required=True)
    edit.set_defaults(run=cmd_edit)

    resolve = actions.add_parser("resolve", help="mark which reply resolved your problem")
    resolve.add_argument("comment_id", metavar="ID")
    resolve.add_argument("--by-reply", required=True, metavar="REPLY_ID")
    resolve.set_defaults(run=cmd_resolve)

    thread = actions.add_parser("thread", help="a task's comments and support records")
    _task_arguments(thread)
    thread.add_argument("--versions", action="store_true", help="show earlier versions too")
    thread.set_defaults(run=cmd_thread)

    versions = actions.add_parser("versions", help="every version of a comment")
    versions.add_argument("comment_id", metavar="ID")
    versions.set_defaults(run=cmd_versions)

    search = actions.add_parser("search", help="search comments (text, task, department, time)")
    search.add_argument("query", nargs="?", help="words that must all appear (plain text)")
    _scope_arguments(search)
    search.add_argument("--author", help="person name, NAME@DEPARTMENT or id")
    search.add_argument("--all-versions", action="store_true", help="earlier versions too")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--offset", type=int, default=0)
    search.add_argument("--cursor", help="continue after a previous page")
    search.set_defaults(run=cmd_search)

    replies = actions.add_parser("reply-times", help="how fast mentions were answered")
    _scope_arguments(replies)
    replies.add_argument("--limit", type=int, default=100, help="mention rows to list")
    replies.set_defaults(run=cmd_reply_times)

    support = commands.add_parser("support", help="support given to another department")
    steps = support.add_subparsers(dest="support_command", required=True, metavar="ACTION")

    give = steps.add_parser("add", help="record support your department gave")
    _task_arguments(give)
    give.add_argument("--to", required=True, metavar="DEPARTMENT")
    give.add_argument("--text", required=True)
    give.add_argument("--comment", metavar="COMMENT_ID", help="the comment that shows it")
    give.set_defaults(run=cmd_support_add)

    confirm = steps.add_parser("confirm", help="confirm support your department received")
    confirm.add_argument("support_id", metavar="ID")
    confirm.set_defaults(run=cmd_support_confirm)

    listed = steps.add_parser("list", help="support records of a task")
    _task_arguments(listed)
    listed.set_defaults(run=cmd_support_list)
