"""`govperf score`, `explain`, `attribution`, `evidence`, `score-config`: scores with evidence.

    govperf score --indicator 企业开办时间压缩 [--period 2026-10] [--weights input=40,...]
    govperf score --all [--evidence 0]                # every indicator (--json for the trees)
    govperf explain --indicator 企业开办时间压缩 --department 税务局
    govperf attribution --indicator 政务服务“跨省通办” [--all-tasks]
    govperf evidence --indicator ID --department 税务局 --metric hours_share [--offset 50]
    govperf score-config show [--indicator ID]
    govperf --as 周文博 score-config set [--indicator ID] --weights input=40,... | --file F.json
    govperf --as 林雪 score publish --indicator 企业开办时间压缩 --period 2026-11 [--note N]
    govperf score publications [--indicator 企业开办时间压缩] [--period 2026-11]

`--today YYYY-MM-DD` scores as of the end of that office day (23:59) (open tasks and unanswered
mentions are counted up to it); without it, as of now. `--weights` recomputes with other
dimension weights without saving anything (they must add up to 100).
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, date, datetime, time
from pathlib import Path

from govperf_desktop.cli.common import EXIT_OK, Output, open_from_args
from govperf_desktop.domain.calendar import OFFICE_ZONE
from govperf_desktop.domain.errors import ValidationError


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-28") from None


def _now(args: argparse.Namespace) -> datetime:
    """Now, or the end of the office day given with --today (23:59 office time)."""
    if getattr(args, "today", None):
        return datetime.combine(args.today, time(23, 59), tzinfo=OFFICE_ZONE).astimezone(UTC)
    return datetime.now(UTC)


def cmd_score(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.scoring import score_all, score_indicator
    from govperf_desktop.services.scoring_text import score_table

    if bool(args.indicator) == bool(args.all):
        raise ValidationError("Name one indicator with --indicator, or score every one with --all.")
    store = open_from_args(args)
    try:
        # Every indicator at once lists counts only unless ids are asked for (--evidence N):
        # ranking the rows of a whole province costs more than all the sums together.
        evidence = args.evidence if args.evidence is not None else (0 if args.all else 50)
        options = {
            "now": _now(args),
            "period": args.period,
            "weights": args.weights,
            "evidence_limit": evidence,
        }
        if args.all:
            results = list(score_all(store, **options))
        else:
            results = [score_indicator(store, args.indicator, **options)]
    finally:
        store.close()
    out.emit(results if args.all else results[0], lambda: score_table(results))
    return EXIT_OK


def cmd_explain(args: argparse.Namespace, out: Output) -> int:
    from dataclasses import replace

    from govperf_desktop.services.scoring import department_result, score_indicator
    from govperf_desktop.services.scoring_text import explain_text

    store = open_from_args(args)
    try:
        scores = score_indicator(
            store, args.indicator, now=_now(args), period=args.period, weights=args.weights,
            evidence_limit=50 if args.evidence is None else args.evidence,
        )  # fmt: skip
    finally:
        store.close()
    result = department_result(scores, args.department)
    single = replace(scores, departments=(result,))
    out.emit(single, lambda: explain_text(scores, result))
    return EXIT_OK


def cmd_attribution(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.scoring import attribution_report
    from govperf_desktop.services.scoring_text import attribution_text

    store = open_from_args(args)
    try:
        report = attribution_report(
            store, args.indicator, now=_now(args), period=args.period, all_tasks=args.all_tasks
        )
    finally:
        store.close()
    out.emit(report, lambda: attribution_text(report))
    return EXIT_OK


def cmd_evidence(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.scoring_evidence import evidence_page
    from govperf_desktop.services.scoring_text import evidence_text

    store = open_from_args(args)
    try:
        page = evidence_page(
            store, indicator=args.indicator, department=args.department, metric=args.metric,
            now=_now(args), table=args.table, period=args.period, offset=args.offset,
            limit=args.limit,
        )  # fmt: skip
    finally:
        store.close()
    out.emit(page, lambda: evidence_text(page))
    return EXIT_OK


def _config_text(view) -> str:  # type: ignore[no-untyped-def]
    whose = f"indicator {view.indicator}" if view.indicator else "the organisation"
    version = f"v{view.version}" if view.version else "built-in default"
    by = f" by {view.created_by}" if view.created_by else ""
    return f"Scoring configuration of {whose}: {view.source} {version}{by}\n" + json.dumps(
        view.config, ensure_ascii=False, indent=2
    )


def cmd_config_show(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.scoring_config import show_config

    store = open_from_args(args)
    try:
        view = show_config(store, args.indicator)
    finally:
        store.close()
    out.emit(view, lambda: _config_text(view))
    return EXIT_OK


def cmd_config_set(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.scoring_config import save_config

    if not args.actor:
        raise ValidationError("Saving a scoring configuration needs the person acting: --as NAME.")
    config = None
    if args.file:
        try:
            config = json.loads(Path(args.file).read_text(encoding="utf-8"))
        except OSError as error:
            raise ValidationError(f"Cannot read {args.file} ({error.strerror}).") from None
        except ValueError as error:
            raise ValidationError(f"{args.file} is not valid JSON ({error}).") from None
    store = open_from_args(args)
    try:
        view = save_config(
            store, actor=args.actor, now=datetime.now(UTC), indicator=args.indicator,
            weights=args.weights, config=config,
        )  # fmt: skip
    finally:
        store.close()
    out.emit(view, lambda: "Saved. " + _config_text(view))
    return EXIT_OK


def _publication_text(detail) -> str:  # type: ignore[no-untyped-def]
    view = detail.publication
    lines = [
        f"Published the scores of {view.indicator} for {view.period}"
        + (f" ({detail.window})" if detail.window != view.period else "")
        + f" as {view.id}"
        + (f", superseding {view.supersedes_id}" if view.supersedes_id else "")
        + f"; sha256 {view.inputs_sha256}."
    ]
    lines += [f"  {d.department:<12} {d.total:7.2f}" for d in detail.departments]
    return "\n".join(lines)


def cmd_publish(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.score_publication import publish_scores

    if not args.actor:
        raise ValidationError("Publishing scores needs the evaluator acting: --as NAME.")
    store = open_from_args(args)
    try:
        detail = publish_scores(
            store, args.indicator, args.period, actor=args.actor, now=_now(args), note=args.note
        )
    finally:
        store.close()
    out.emit(detail, lambda: _publication_text(detail))
    return EXIT_OK


def _publications_text(views) -> str:  # type: ignore[no-untyped-def]
    if not views:
        return "No scores have been published."
    lines = []
    for view in views:
        state = (
            "in force"
            if view.superseded_by_id is None
            else f"superseded by {view.superseded_by_id}"
        )
        lines.append(
            f"{view.published_at:%Y-%m-%d %H:%M}  {view.indicator} {view.period}  "
            f"by {view.published_by}  {view.id}  ({state})"
            + (f"  note: {view.note}" if view.note else "")
        )
    return "\n".join(lines)


def cmd_publications(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.score_publication import list_publications

    store = open_from_args(args)
    try:
        views = list_publications(store, args.indicator, period=args.period, limit=args.limit)
    finally:
        store.close()
    out.emit(views, lambda: _publications_text(views))
    return EXIT_OK


def _publishing(score: argparse.ArgumentParser) -> None:
    actions = score.add_subparsers(dest="score_action", metavar="ACTION")
    publish = actions.add_parser("publish", help="publish an indicator's scores (evaluator)")
    publish.add_argument("--indicator", required=True, help="indicator name or id")
    publish.add_argument("--period", help="the period published (default: the indicator's)")
    publish.add_argument("--note", help="why (e.g. a correction)")
    publish.add_argument("--today", type=_iso_date, help="score as of the end of YYYY-MM-DD")
    publish.set_defaults(run=cmd_publish)
    listing = actions.add_parser("publications", help="published scores, newest first")
    listing.add_argument("--indicator", help="indicator name or id")
    listing.add_argument("--period")
    listing.add_argument("--limit", type=int, default=200)
    listing.set_defaults(run=cmd_publications)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", help="2026-11, 2026-Q4, 2026, 2026-09-01~2026-11-30")
    parser.add_argument("--today", type=_iso_date, help="score as of the end of YYYY-MM-DD")


def _scored(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument(
        "--weights",
        help="what-if dimension weights, not saved: input=40,response=20,quality=20,"
        "collaboration=20 (must add up to 100)",
    )
    parser.add_argument(
        "--evidence",
        type=int,
        metavar="N",
        help="row ids listed per value (default 50; 0 with --all: counts only)",
    )


def register(commands: argparse._SubParsersAction) -> None:
    score = commands.add_parser("score", help="score departments with the evidence behind it")
    which = score.add_mutually_exclusive_group()
    which.add_argument("--indicator", help="indicator name or id")
    which.add_argument("--all", action="store_true", help="every indicator")
    _scored(score)
    score.set_defaults(run=cmd_score)
    _publishing(score)

    explain = commands.add_parser("explain", help="one department's score, for a person to read")
    explain.add_argument("--indicator", required=True)
    explain.add_argument("--department", required=True)
    _scored(explain)
    explain.set_defaults(run=cmd_explain)

    attribution = commands.add_parser("attribution", help="late tasks and who caused the delay")
    attribution.add_argument("--indicator", required=True)
    attribution.add_argument("--all-tasks", action="store_true", help="list tasks on time too")
    _common(attribution)
    attribution.set_defaults(run=cmd_attribution)

    evidence = commands.add_parser("evidence", help="page through the rows behind one value")
    evidence.add_argument("--indicator", required=True)
    evidence.add_argument("--department", required=True)
    evidence.add_argument("--metric", required=True, help="e.g. hours_share, first_pass_rate")
    evidence.add_argument("--table", help="when a value has rows in several tables")
    evidence.add_argument("--offset", type=int, default=0)
    evidence.add_argument("--limit", type=int, default=50)
    _common(evidence)
    evidence.set_defaults(run=cmd_evidence)

    config = commands.add_parser("score-config", help="scoring weights and normalisation")
    actions = config.add_subparsers(dest="config_action", required=True, metavar="ACTION")
    show = actions.add_parser("show", help="the configuration in force")
    show.add_argument("--indicator", help="an indicator (default: the organisation)")
    show.set_defaults(run=cmd_config_show)
    save = actions.add_parser("set", help="save a new version (central office)")
    save.add_argument("--indicator", help="an indicator (default: the organisation)")
    save.add_argument("--weights", help="input=40,response=20,quality=20,collaboration=20")
    save.add_argument("--file", help="a JSON configuration (may be partial)")
    save.set_defaults(run=cmd_config_set)
