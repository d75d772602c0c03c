"""`govperf report`: the input report, the score report and the period summary as PDF or xlsx.

    govperf report input   --indicator 企业开办时间压缩 [--period 2026-10] --out 投入.pdf
    govperf report score   --indicator 企业开办时间压缩 --format xlsx --out 评分.xlsx
    govperf report summary --period 2026-Q4 --format pdf --out 汇总.pdf

`--format` may be left out when --out ends in .pdf or .xlsx. `--today YYYY-MM-DD` reports
as of the end of that office day (as `govperf score --today`); `--organisation` names the
organisation in the header (default: the stored name, else the central installation).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from govperf_desktop.cli.common import EXIT_OK, Output, open_from_args
from govperf_desktop.cli.scores import _iso_date, _now


def cmd_report(args: argparse.Namespace, out: Output) -> int:
    from govperf_desktop.services.reports import write_report

    store = open_from_args(args)
    try:
        written = write_report(
            store, args.kind, fmt=args.format, out=Path(args.out), now=_now(args),
            indicator=args.indicator, period=args.period, organisation=args.organisation,
        )  # fmt: skip
    finally:
        store.close()
    out.emit(
        written,
        lambda: (
            f"Wrote {written.title} ({written.format}, {written.bytes:,} bytes) to "
            f"{written.path} in {written.seconds:.1f} s."
        ),
    )
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report", help="write the input report, score report or period summary (PDF or xlsx)"
    )
    report.add_argument("kind", metavar="input|score|summary", help="which report")
    report.add_argument("--indicator", help="indicator name or id (input and score reports)")
    report.add_argument("--period", help="2026-11, 2026-Q4, 2026, 2026-09-01~2026-11-30")
    report.add_argument("--format", metavar="pdf|xlsx", help="default: from the --out suffix")
    report.add_argument("--out", required=True, help="the file to write")
    report.add_argument("--today", type=_iso_date, help="report as of the end of YYYY-MM-DD")
    report.add_argument("--organisation", help="the organisation named in the header")
    report.set_defaults(run=cmd_report)
