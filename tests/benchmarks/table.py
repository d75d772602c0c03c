"""The "Latest full run" table of docs/performance.md, from a results file.

    python -m tests.benchmarks.table bench-results/latest-full.json
    python -m tests.benchmarks.table bench-results/latest-full.json --case app_startup

Prints one Markdown row per case (median, min–max and runs, the baseline measured in the same
run, the ratio, peak RSS, whether the target is met), so a case re-run later replaces its own
row in the doc: every row begins with the case's name in backquotes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

HEADER = (
    "| case | median | min–max (runs) | baseline (same run) | ratio | peak RSS | target met? |\n"
    "|---|---|---|---|---|---|---|"
)


def _ms(text: str) -> list[float]:
    return [float(number) for number in re.findall(r"\d+(?:\.\d+)?", text)]


def _extra(row: dict, prefix: str) -> str:
    return next((value for key, value in row["extra"].items() if key.startswith(prefix)), "")


def _search(row: dict) -> str:
    figures = [_ms(_extra(row, label))[:2] for label in ("4 chars", "English word")]
    p95 = max((pair[1] for pair in figures if len(pair) == 2), default=None)
    if p95 is None:
        return "?"
    return f"{'yes' if p95 < 100 else 'no'} (3+ chars p95 {p95:.0f} ms; < 100)"


def _ledger(row: dict) -> str:
    steps = [float(v) for k, v in row["extra"].items() if k.endswith("median ms")]
    if not steps:
        return "?"
    return f"{'yes' if max(steps) < 500 else 'no'} (slowest step {max(steps):.0f} ms; < 500)"


def _scoring_one(row: dict) -> str:
    figures = _ms(_extra(row, "per indicator p50/p95"))
    if not figures:
        return "?"
    return f"{'yes' if figures[0] < 100 else 'no'} (p50 {figures[0]:.0f} ms; < 100)"


def _under(seconds: float, mb: float | None = None) -> Callable[[dict], str]:
    def check(row: dict) -> str:
        met = row["median_s"] < seconds and (mb is None or row["peak_rss_mb"] < mb)
        limits = f"< {seconds:g} s" + (f", < {mb:g} MB" if mb else "")
        return f"{'yes' if met else 'no'} ({limits})"

    return check


def _import(row: dict) -> str:
    ratio = row.get("ratio") or 0
    met = ratio <= 3 and row["peak_rss_mb"] < 300
    return f"{'yes' if met else 'no'} (≤ 3×, < 300 MB)"


TARGETS: dict[str, Callable[[dict], str]] = {
    "demo_generation": _under(60, 400),
    "store_open": _under(0.1),
    "comment_search": _search,
    "app_startup": _under(2),
    "ledger_model": _ledger,
    "scoring_all": _under(2),
    "scoring_one": _scoring_one,
    "sync_import_1m": _import,
}


def _seconds(value: float) -> str:
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def row_text(row: dict, rows: dict[str, dict]) -> str:
    name = row["case"]
    if "error" in row:
        return f"| `{name}` | error | | | | | |"
    if "skipped" in row:
        return f"| `{name}` | skipped: {row['skipped']} | | | | | |"
    if "skipped" in row:
        return f"| `{name}` | skipped: {row['skipped']} | | | | | |"
    spread = (
        f"{_seconds(row['min_s'])}–{_seconds(row['max_s'])} ({row['runs']})"
        if row["runs"] > 1
        else "1 run"
    )
    base, ratio = "—", "—"
    if "baseline" in row:
        b = row["baseline"]
        base = f"{_seconds(b['median_s'])}" + (f" ({b['runs']} runs)" if b["runs"] > 1 else "")
        ratio = f"{row['ratio']:.2f}×" if row.get("ratio") else "—"
    target = TARGETS.get(name, lambda _row: "—")(row)
    if name.startswith("sync_export_") and f"sync_import_{name[12:]}" in rows:
        faster = row["median_s"] < rows[f"sync_import_{name[12:]}"]["median_s"]
        target = f"{'yes' if faster else 'no'} (faster than import)"
    return (
        f"| `{name}` | {_seconds(row['median_s'])} | {spread} | {base} | {ratio} |"
        f" {row['peak_rss_mb']:.0f} MB | {target} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.table")
    parser.add_argument("results", type=Path)
    parser.add_argument("--case", action="append", help="only these cases' rows")
    args = parser.parse_args(argv)
    report = json.loads(args.results.read_text(encoding="utf-8"))
    rows = {row["case"]: row for row in report["results"]}
    if not args.case:
        print(HEADER)
    for name, row in rows.items():
        if not args.case or name in args.case:
            print(row_text(row, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
