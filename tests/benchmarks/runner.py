"""Runs the benchmark cases, prints a table and writes the results as JSON.

    python -m tests.benchmarks --size smoke     # CI: small province, fails only on errors
    python -m tests.benchmarks --size full      # docs/performance.md: 300 departments
    python -m tests.benchmarks --size full --rebuild   # the same, building all data first
    python -m tests.benchmarks --case store_open --size full

The synthetic province is built once per size and seed with `govperf demo --scale` into
`bench-results/cache/` and reused while the schema and generator are unchanged; a case marked
`from_province_build` (demo generation) takes the build of this run as its measurement instead
of building the province a second time. Cases may share one baseline (`baseline_key`): it is
measured once per run. The total wall time (building included) ends the table and the JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench-results"


@dataclass(frozen=True)
class Size:
    departments: int
    repeat: int
    budget_minutes: float  # what a whole run should take here, building included


SIZES = {
    "smoke": Size(departments=3, repeat=3, budget_minutes=2),
    "full": Size(departments=300, repeat=5, budget_minutes=20),
}


@dataclass(frozen=True)
class Build:
    seconds: float
    peak_rss_mb: float


def _generator_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "govperf_desktop" / "services" / "demo").glob("*.py")):
        digest.update(path.read_bytes())
    for path in sorted((ROOT / "migrations" / "versions").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _measured(command: list[str]) -> tuple[float, float]:
    """Run a command to completion: (wall seconds, its peak RSS in MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command[-8:])} failed:\n{errors[-3000:]}")
    return seconds, usage.ru_maxrss / 1024


def province(size: Size, seed: int, rebuild: bool = False) -> tuple[Path, Build | None]:
    """The cached province store for this size; (folder, the build if made in this run).

    Built in a folder of its own and renamed into place when complete, so a run that uses
    the cache meanwhile never sees half a province."""
    folder = RESULTS / "cache" / f"scale-{size.departments}-seed-{seed}-{_generator_fingerprint()}"
    if (folder / "complete").exists() and not rebuild:
        return folder, None
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = folder.with_name(f"{folder.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    govperf = [sys.executable, "-m", "govperf_desktop.cli.main", "--data-dir", str(building)]
    subprocess.run(
        [*govperf, "init", "--node-name", "考核办", "--role", "central"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds, peak = _measured(
        [
            *govperf,
            "demo",
            "--scale",
            str(size.departments),
            "--seed",
            str(seed),
            "--today",
            "2026-11-28",
        ]
    )
    (building / "complete").write_text(f"{seconds}\n")
    for stale in folder.parent.glob(f"scale-{size.departments}-seed-{seed}-*"):
        if stale != building and ".building-" not in stale.name:
            # Open stores elsewhere keep reading the old file until they close it.
            shutil.rmtree(stale, ignore_errors=True)
    building.rename(folder)
    return folder, Build(seconds, peak)


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


def _load() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def _measure(name: str, case, size: Size, context: dict, build: Build | None, shared: dict):
    """One case's row: the case's runs (or this run's province build), then its baseline
    (measured here, or taken from an earlier case of this run with the same baseline_key)."""
    if case.from_province_build and build is not None:
        measured = {
            "times": [build.seconds],
            "peak_rss_mb": build.peak_rss_mb,
            "extra": {"measured": "the province build of this run (govperf demo --scale, CLI)"},
        }
    else:
        measured = _run_child(name, "case", case.repeat(size), context)
    if "skipped" in measured:  # tests.benchmarks.Skip: it cannot run here (no server, say)
        return {"case": name, "description": case.description, "skipped": measured["skipped"]}
    row = {
        "case": name,
        "description": case.description,
        **_summary(measured["times"]),
        "peak_rss_mb": round(measured["peak_rss_mb"], 1),
        "extra": measured["extra"],
    }
    if case.baseline:
        key = case.baseline_key or name
        if key not in shared:
            base = _run_child(name, "baseline", case.baseline_repeat(size), context)
            shared[key] = {
                "description": case.baseline_description,
                **_summary(base["times"]),
                "peak_rss_mb": round(base["peak_rss_mb"], 1),
                "measured_for": name,
            }
        row["baseline"] = shared[key]
        base_median = row["baseline"]["median_s"]
        row["ratio"] = row["median_s"] / base_median if base_median else None
    return row


def _print_row(row: dict) -> None:
    ratio_text, base_text = "", ""
    if "baseline" in row:
        base_text = f"{row['baseline']['median_s']:.3f}s"
        ratio_text = f"{row['ratio']:.2f}×" if row.get("ratio") else ""
    spread = f"{row['min_s']:.3f}–{row['max_s']:.3f}s"
    print(
        f"{row['case']:28} {row['median_s']:>8.3f}s {spread:>17} {row['runs']:>4} {base_text:>9}"
        f" {ratio_text:>7} {row['peak_rss_mb']:>8.1f} {row['wall_s']:>7.0f}s",
        flush=True,
    )
    for key, value in row["extra"].items():
        print(f"{'':30}{key}: {value}")
    if row.get("baseline", {}).get("measured_for", row["case"]) != row["case"]:
        print(f"{'':30}baseline: measured once for {row['baseline']['measured_for']}")


def _write(report: dict, target: Path) -> None:
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    from tests.benchmarks.cases import CASES

    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks")
    parser.add_argument("--size", choices=sorted(SIZES), default="smoke")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--case", action="append", choices=sorted(CASES), help="run only these cases (repeatable)"
    )
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="build the province and the sync data again instead of reusing the cache",
    )
    args = parser.parse_args(argv)
    size = SIZES[args.size]
    started, started_epoch = time.perf_counter(), time.time()
    load_at_start = _load()

    selected = args.case or list(CASES)
    folder, build = Path(), None
    if any(CASES[name].needs_province for name in selected):
        folder, build = province(size, args.seed, rebuild=args.rebuild)
    if build:
        print(
            f"province built in {build.seconds:.0f} s ({build.peak_rss_mb:.0f} MB peak)", flush=True
        )
    context = {
        "data_dir": str(folder),
        "departments": size.departments,
        "seed": args.seed,
        "size": args.size,
        "scratch": str(RESULTS / "scratch"),
        "rebuild": args.rebuild,
        "run_started": started_epoch,  # data built before this is rebuilt once with --rebuild
    }
    results: list[dict] = []
    failures = 0
    shared: dict[str, dict] = {}
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "size": args.size,
        "departments": size.departments,
        "seed": args.seed,
        "command": " ".join(["python -m tests.benchmarks", *(argv or sys.argv[1:])]),
        "machine": machine(),
        "province_build_s": build.seconds if build else None,
        "province_build_peak_rss_mb": round(build.peak_rss_mb, 1) if build else None,
        "budget_s": size.budget_minutes * 60,
        "load_average": {"start": load_at_start},
        "complete": False,
        "results": results,
    }
    print(
        f"{'case':28} {'median':>9} {'min–max':>17} {'runs':>4} {'baseline':>9} {'ratio':>7}"
        f" {'peak MB':>8} {'wall':>8}",
        flush=True,
    )
    for name in selected:
        case = CASES[name]
        case_started, load = time.perf_counter(), _load()
        try:
            row = _measure(name, case, size, context, build, shared)
        except RuntimeError as error:
            failures += 1
            print(f"{name:28} ERROR\n{error}", file=sys.stderr, flush=True)
            results.append({"case": name, "error": str(error)})
            continue
        row["wall_s"] = round(time.perf_counter() - case_started, 1)
        row["load_average_at_start"] = load
        results.append(row)
        if "skipped" in row:  # tests.benchmarks.Skip (pg_cases.py without a server)
            print(f"{name:28} skipped: {row['skipped']}", flush=True)
        else:
            _print_row(row)
        report["elapsed_s"] = round(time.perf_counter() - started, 1)
        _write(report, RESULTS / f"bench-{args.size}-{stamp}.json")  # so far, if interrupted

    total = time.perf_counter() - started
    within = total <= size.budget_minutes * 60
    end_load = _load()
    print(
        f"total wall time {total / 60:.1f} min ({total:.0f} s"
        f"{f', province build {build.seconds:.0f} s' if build else ', province reused'}),"
        f" {'within' if within else 'OVER'} the {size.budget_minutes:g}-minute budget"
        f" of --size {args.size}; load average {load_at_start[0]:.1f} at start,"
        f" {end_load[0]:.1f} at end"
    )
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    report.update(
        total_wall_s=round(total, 1),
        children_cpu_s=round(children.ru_utime + children.ru_stime, 1),
        complete=True,
    )
    report["load_average"]["end"] = end_load
    report.pop("elapsed_s", None)
    _write(report, RESULTS / f"bench-{args.size}-{stamp}.json")
    _write(report, RESULTS / f"latest-{args.size}.json")
    print(f"results: {RESULTS / f'latest-{args.size}.json'}")
    if failures:
        print(f"{failures} benchmark case(s) failed", file=sys.stderr)
        return 1
    return 0
