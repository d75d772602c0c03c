"""Runs the benchmark cases, prints a table and writes the results as JSON.

    python -m tests.benchmarks --size smoke     # CI: small province, fails only on errors
    python -m tests.benchmarks --size full      # docs/performance.md: 300 departments
    python -m tests.benchmarks --case store_open --size full

The synthetic province is built once per size and seed with `govperf demo --scale` into
`bench-results/cache/` and reused while the schema and generator are unchanged.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench-results"


@dataclass(frozen=True)
class Size:
    departments: int
    repeat: int


SIZES = {"smoke": Size(departments=3, repeat=3), "full": Size(departments=300, repeat=5)}


def _generator_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "govperf_desktop" / "services" / "demo").glob("*.py")):
        digest.update(path.read_bytes())
    for path in sorted((ROOT / "migrations" / "versions").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def province(size: Size, seed: int) -> tuple[Path, float | None]:
    """The cached province store for this size; (folder, seconds to build or None if reused)."""
    folder = RESULTS / "cache" / f"scale-{size.departments}-seed-{seed}-{_generator_fingerprint()}"
    done = folder / "complete"
    if done.exists():
        return folder, None
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    for stale in folder.parent.glob(f"scale-{size.departments}-seed-{seed}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    govperf = [sys.executable, "-m", "govperf_desktop.cli.main", "--data-dir", str(folder)]
    subprocess.run(
        [*govperf, "init", "--node-name", "考核办", "--role", "central"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    started = datetime.now(UTC)
    subprocess.run(
        [
            *govperf,
            "demo",
            "--scale",
            str(size.departments),
            "--seed",
            str(seed),
            "--today",
            "2026-11-28",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seconds = (datetime.now(UTC) - started).total_seconds()
    done.write_text(f"{seconds}\n")
    return folder, seconds


def _run_child(case: str, part: str, repeat: int, context: dict) -> dict:
    spec = json.dumps({"case": case, "part": part, "repeat": repeat, "context": context})
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.child", spec],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{case}/{part} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _summary(times: list[float]) -> dict:
    return {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "runs": len(times),
    }


def machine() -> dict:
    import sqlite3

    import sqlalchemy

    info = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": sqlalchemy.__version__,
    }
    try:
        import PySide6

        info["pyside6"] = PySide6.__version__
    except ImportError:
        pass
    return info


def main(argv: list[str] | None = None) -> int:
    from tests.benchmarks.cases import CASES

    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks")
    parser.add_argument("--size", choices=sorted(SIZES), default="smoke")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--case", action="append", choices=sorted(CASES), help="run only these cases (repeatable)"
    )
    args = parser.parse_args(argv)
    size = SIZES[args.size]

    folder, build_seconds = province(size, args.seed)
    context = {
        "data_dir": str(folder),
        "departments": size.departments,
        "seed": args.seed,
        "size": args.size,
        "scratch": str(RESULTS / "scratch"),
    }
    results = []
    failures = 0
    print(f"{'case':28} {'median':>9} {'min–max':>17} {'baseline':>9} {'ratio':>7} {'peak MB':>8}")
    for name in args.case or list(CASES):
        case = CASES[name]
        repeat = case.repeat(size)
        try:
            measured = _run_child(name, "case", repeat, context)
            base = _run_child(name, "baseline", repeat, context) if case.baseline else None
        except RuntimeError as error:
            failures += 1
            print(f"{name:28} ERROR\n{error}", file=sys.stderr)
            results.append({"case": name, "error": str(error)})
            continue
        row = {
            "case": name,
            "description": case.description,
            **_summary(measured["times"]),
            "peak_rss_mb": round(measured["peak_rss_mb"], 1),
            "extra": measured["extra"],
        }
        ratio_text, base_text = "", ""
        if base:
            row["baseline"] = {
                "description": case.baseline_description,
                **_summary(base["times"]),
                "peak_rss_mb": round(base["peak_rss_mb"], 1),
            }
            base_median = row["baseline"]["median_s"]
            row["ratio"] = row["median_s"] / base_median if base_median else None
            ratio_text = f"{row['ratio']:.2f}×" if row["ratio"] else ""
            base_text = f"{base_median:.3f}s"
        results.append(row)
        spread = f"{row['min_s']:.3f}–{row['max_s']:.3f}s"
        print(
            f"{name:28} {row['median_s']:>8.3f}s {spread:>17} {base_text:>9} {ratio_text:>7} "
            f"{row['peak_rss_mb']:>8.1f}"
        )
        for key, value in measured["extra"].items():
            print(f"{'':30}{key}: {value}")

    report = {
        "size": args.size,
        "departments": size.departments,
        "seed": args.seed,
        "machine": machine(),
        "province_build_s": build_seconds,
        "results": results,
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for target in (
        RESULTS / f"bench-{args.size}-{stamp}.json",
        RESULTS / f"latest-{args.size}.json",
    ):
        target.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"results: {RESULTS / f'latest-{args.size}.json'}")
    if failures:
        print(f"{failures} benchmark case(s) failed", file=sys.stderr)
        return 1
    return 0
