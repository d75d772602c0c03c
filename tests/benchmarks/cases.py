"""The benchmark cases, each with the physical baseline it is compared against.

A case's `run(context, state, attempt)` is timed; `prepare(context)` is not. `context` holds
the cached province's folder (`data_dir`), its size, and a scratch folder. Add a case here when
a capability lands (see docs/performance.md for what each one means).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from govperf_desktop.paths import store_path

Fn = Callable[[dict, Any, int], Any]


@dataclass(frozen=True)
class Case:
    description: str
    run: Fn
    baseline: Fn | None = None
    baseline_description: str = ""
    prepare: Callable[[dict], Any] | None = None
    repeats: tuple[int, int] = (3, 5)  # (smoke, full)
    # The baseline's runs (default: as the case's); fewer for a slow baseline of fixed work.
    baseline_repeats: tuple[int, int] | None = None
    # Cases with the same key share one baseline, measured once per run (runner.py).
    baseline_key: str = ""
    # The province build of this run, when there was one, is this case's measurement.
    from_province_build: bool = False
    needs_province: bool = True  # False: a run of only such cases builds no province

    def repeat(self, size: Any) -> int:
        return self.repeats[0] if size.departments < 100 else self.repeats[1]

    def baseline_repeat(self, size: Any) -> int:
        repeats = self.baseline_repeats or self.repeats
        return repeats[0] if size.departments < 100 else repeats[1]


# --- demo generation -------------------------------------------------------------------------


def _scratch(context: dict, name: str) -> Path:
    folder = Path(context["scratch"]) / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _province_counts(context: dict) -> dict[str, int]:
    connection = sqlite3.connect(f"file:{store_path(Path(context['data_dir']))}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name <> 'alembic_version'"
            )
        ]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        connection.close()


def demo_generation(context: dict, _state: Any, attempt: int) -> dict:
    from govperf_desktop.services.admin import init_installation
    from govperf_desktop.services.demo.scale import build_scale_demo
    from govperf_desktop.store.store import open_store

    folder = _scratch(context, f"demo-{attempt}")
    init_installation(folder, node_name="考核办", role="central")
    store = open_store(folder)
    try:
        counts = build_scale_demo(
            store,
            departments=context["departments"],
            seed=context["seed"],
            today=date(2026, 11, 28),
        )
    finally:
        store.close()
    shutil.rmtree(folder, ignore_errors=True)
    return {"rows": sum(counts.values())}


def _timesheet_ddl(context: dict) -> list[str]:
    connection = sqlite3.connect(f"file:{store_path(Path(context['data_dir']))}?mode=ro", uri=True)
    try:
        return [
            r[0]
            for r in connection.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name='timesheet_entries'"
                " AND type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type DESC"
            )
        ]  # the table before its indexes (no triggers: raw rows only)
    finally:
        connection.close()


def raw_executemany(context: dict, state: Any, attempt: int) -> dict:
    """The same number of rows as the whole demo, inserted with sqlite3.executemany into a
    table shaped like timesheet_entries, the way the generator loads its big tables: the
    store's PRAGMAs (WAL, synchronous=FULL, 64 MiB cache), batches of 20,000, the secondary
    indexes created after the load, one transaction."""
    total, ddl = state
    folder = _scratch(context, f"raw-{attempt}")
    connection = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA cache_size=-65536")
    table, indexes = ddl[0], ddl[1:]
    connection.execute(table)  # foreign keys stay off: sqlite3's default
    people, departments, tasks = (
        [f"{n:032x}" for n in range(count)] for count in (5000, 300, 20000)
    )
    batch = 20_000
    done = 0
    connection.execute("BEGIN")
    while done < total:
        rows = [
            (
                f"{n:032x}",
                people[n % 5000],
                departments[n % 300],
                tasks[n % 20000],
                "2026-03-02",
                7.5,
                0.0,
                None,
                "2026-03-02 18:00:00.000000",
            )
            for n in range(done, done + min(batch, total - done))
        ]
        connection.executemany("INSERT INTO timesheet_entries VALUES (?,?,?,?,?,?,?,?,?)", rows)
        done += len(rows)
    for statement in indexes:
        connection.execute(statement)
    connection.execute("COMMIT")
    connection.close()
    shutil.rmtree(folder, ignore_errors=True)
    return {"rows": total}


# --- opening the store -----------------------------------------------------------------------


def store_open(context: dict, _state: Any, _attempt: int) -> None:
    from govperf_desktop.store.store import open_store

    open_store(Path(context["data_dir"])).close()


def raw_open(context: dict, _state: Any, _attempt: int) -> None:
    connection = sqlite3.connect(store_path(Path(context["data_dir"])))
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("SELECT version_num FROM alembic_version").fetchone()
    connection.close()


def store_info(context: dict, _state: Any, _attempt: int) -> None:
    from govperf_desktop.services.admin import store_info as info
    from govperf_desktop.store.store import open_store

    store = open_store(Path(context["data_dir"]))
    try:
        info(store)
    finally:
        store.close()


def raw_counts(context: dict, _state: Any, _attempt: int) -> None:
    _province_counts(context)


# --- comment search ---------------------------------------------------------------------------

SEARCH_QUERIES = {"1 char": "审", "2 chars": "清单", "4 chars": "改造方案", "English word": "API"}
SEARCH_REPEAT = 15


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def comment_search(context: dict, _state: Any, _attempt: int) -> dict:
    """Each query SEARCH_REPEAT times through the search service (first page of 50)."""
    import time

    from govperf_desktop.services.admin import open_installation
    from govperf_desktop.services.comment_search import search_comments

    store = open_installation(Path(context["data_dir"]))
    figures = {}
    try:
        for label, query in SEARCH_QUERIES.items():
            times, cpu = [], []
            for _ in range(SEARCH_REPEAT):
                started, started_cpu = time.perf_counter(), time.process_time()
                page = search_comments(store, query)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            # CPU time beside the wall time: on a shared machine the wall time also counts
            # the waits for a core.
            figures[f"{label} {query!r} p50/p95 ms"] = (
                f"{_percentile(times, 0.5) * 1000:.1f} / {_percentile(times, 0.95) * 1000:.1f}"
                f" (CPU p50 {_percentile(cpu, 0.5) * 1000:.1f}; {len(page.hits)} hits on page 1)"
            )
    finally:
        store.close()
    return figures


def comment_scan(context: dict, _state: Any, _attempt: int) -> None:
    """The naive way: LIKE over every comment body, newest first, with sqlite3."""
    connection = sqlite3.connect(f"file:{store_path(Path(context['data_dir']))}?mode=ro", uri=True)
    try:
        for query in SEARCH_QUERIES.values():
            for _ in range(SEARCH_REPEAT):
                connection.execute(
                    "SELECT id FROM comments WHERE body LIKE ? ORDER BY created_at DESC, id DESC"
                    " LIMIT 50",
                    (f"%{query}%",),
                ).fetchall()
    finally:
        connection.close()


# --- application start-up --------------------------------------------------------------------

# The real start (`govperf-desktop --data-dir ...`) up to its first window: main() runs as a
# user starts it, and when it is about to enter the event loop of its first window (the main
# window, or the login dialog of a store with accounts) that window is painted and the
# process ends at once (os._exit: no teardown in the figure). The store then still opens in
# the background (docs/performance.md, "Start-up to a usable window").
_APP_PROBE = """
import os, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog

def first_window(window=None, *_args, **_kwargs):
    if isinstance(window, QDialog):
        window.show()
    QApplication.processEvents()
    os._exit(0)

QApplication.exec = first_window
QDialog.exec = first_window
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {settings!r})
from govperf_desktop.ui.app import main
sys.exit(main(["--data-dir", {data_dir!r}, "--lang", "zh_CN"]) or 1)
"""
_BARE_PROBE = """
import os, sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.show()
app.processEvents()
os._exit(0)
"""


def _python(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True)


def app_startup(context: dict, _state: Any, _attempt: int) -> None:
    settings = str(Path(context["scratch"]) / "startup-settings")
    _python(_APP_PROBE.format(data_dir=context["data_dir"], settings=settings))


def bare_qt_startup(_context: dict, _state: Any, _attempt: int) -> None:
    _python(_BARE_PROBE)


# --- reports -------------------------------------------------------------------------------
# NOTE (H7): these three functions were lost by an edit of the sync block and rewritten from
# the case entry below; H3 (reports) please check them against the originals.


def _province_period(context: dict) -> str:
    """The period of most of the province's indicators (the summary report's period)."""
    connection = sqlite3.connect(f"file:{store_path(Path(context['data_dir']))}?mode=ro", uri=True)
    try:
        row = connection.execute(
            "SELECT period FROM indicators GROUP BY period ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    finally:
        connection.close()
    return row[0] if row else ""


def report_generation(context: dict, period: str, attempt: int) -> dict:
    """govperf report summary of the period, as xlsx and then as PDF."""
    from govperf_desktop.services.admin import open_installation
    from govperf_desktop.services.reports import write_report

    out = _scratch(context, f"report-{attempt}")
    store = open_installation(Path(context["data_dir"]))
    figures = {}
    try:
        for fmt in ("xlsx", "pdf"):
            written = write_report(
                store,
                "summary",
                fmt=fmt,
                out=out / f"summary.{fmt}",
                now=datetime.now(UTC),
                period=period or None,
            )
            figures[f"{fmt} s"] = written.seconds
            figures[f"{fmt} KB"] = round(written.bytes / 1024)
    finally:
        store.close()
    shutil.rmtree(out, ignore_errors=True)
    return figures


def report_sums(context: dict, _period: str, _attempt: int) -> None:
    """sqlite3: hours per (indicator, department) over every timesheet entry."""
    connection = sqlite3.connect(f"file:{store_path(Path(context['data_dir']))}?mode=ro", uri=True)
    try:
        connection.execute(
            "SELECT t.indicator_id, e.department_id, sum(e.hours) FROM timesheet_entries e"
            " JOIN tasks t ON t.id = e.task_id GROUP BY t.indicator_id, e.department_id"
        ).fetchall()
    finally:
        connection.close()


def _scoring(name: str) -> Fn:
    """A function of tests/benchmarks/scoring.py, imported when the case runs."""

    def run(context: dict, state: Any, attempt: int) -> Any:
        from tests.benchmarks import scoring

        return getattr(scoring, name)(context, state, attempt)

    return run


CASES: dict[str, Case] = {
    "demo_generation": Case(
        "govperf demo --scale N into a new store (all tables)",
        demo_generation,
        raw_executemany,
        "sqlite3 executemany of as many rows into one table shaped like timesheet_entries,"
        " indexed after the load",
        prepare=lambda context: (sum(_province_counts(context).values()), _timesheet_ddl(context)),
        repeats=(2, 1),
        from_province_build=True,
    ),
    "store_open": Case(
        "open_store: file checks, PRAGMAs, schema revision check",
        store_open,
        raw_open,
        "sqlite3.connect + read alembic_version",
        repeats=(5, 10),
    ),
    "store_info": Case(
        "govperf info: counts of every record kind",
        store_info,
        raw_counts,
        "sqlite3 SELECT count(*) of every table",
        repeats=(3, 5),
    ),
    "comment_search": Case(
        "comment search, first page, 4 queries x 15 (p50/p95 per query below)",
        comment_search,
        comment_scan,
        "sqlite3 LIKE scan of every body, newest first, same queries",
        repeats=(1, 3),
        baseline_repeats=(1, 1),
    ),
    "app_startup": Case(
        "process start to the first window (main window or login) on the province store",
        app_startup,
        bare_qt_startup,
        "process start to an empty QMainWindow shown",
        repeats=(3, 5),
    ),
    "ledger_model": Case(
        "ledger model on a view: open, scroll to the end, sort by hours, filter by department",
        lambda *args: __import__("tests.benchmarks.ledger", fromlist=["run"]).run(*args),
        lambda *args: __import__("tests.benchmarks.ledger", fromlist=["run"]).baseline(*args),
        "sqlite3: the same counts and windows, same SQL strategy, names joined",
        repeats=(3, 5),
    ),
    "scoring_all": Case(
        "score_all: every indicator's score trees (counts, no ids), one process per run",
        _scoring("score_every_indicator"),
        _scoring("group_by_all"),
        "sqlite3 GROUP BY task, department: hours, entries, overtime of every entry",
        repeats=(1, 3),
    ),
    "scoring_one": Case(
        "score_indicator with 50 ids per leaf, 20 sample indicators (p50/p95 below)",
        _scoring("score_sample"),
        _scoring("group_by_sample"),
        "sqlite3 GROUP BY task, department over the sample indicators' entries",
        repeats=(1, 3),
    ),
    "report_generation": Case(
        "govperf report summary of the province's period (every indicator), xlsx then PDF",
        report_generation,
        report_sums,
        "sqlite3 sums of hours per (indicator, department) over every timesheet entry",
        prepare=_province_period,
        repeats=(1, 1),
    ),
}
# Bundle export and import at 10k / 100k / 1M ops (tests/benchmarks/sync_cases.py).
CASES.update(__import__("tests.benchmarks.sync_cases", fromlist=["x"]).sync_cases(Case))
# The same province and bundles on PostgreSQL vs SQLite (tests/benchmarks/pg_cases.py).
CASES.update(__import__("tests.benchmarks.pg_cases", fromlist=["x"]).pg_cases(Case))
