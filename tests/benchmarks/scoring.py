"""The scoring benchmark cases: every indicator at once, and one indicator at a time.

    scoring_all   services.scoring.score_all (counts, no ids: `govperf score --all`)
    scoring_one   services.scoring.score_indicator on a sample of indicators, 50 ids per leaf
                  (`govperf score --indicator`), p50/p95 per indicator as extra figures

Baselines, with raw sqlite3 on the same store: one bare `GROUP BY task_id, department_id`
over every timesheet entry (sum of hours, count, overtime count) for all indicators, and the
same GROUP BY restricted to the sample indicators' tasks for one at a time. The ratio says
what the rest of scoring (events, comments, submissions, the trees) costs on top of the one
sum any scoring needs; since migration 0008 `score_all` reads that sum from the totals the
database keeps (timesheet_totals), so the GROUP BY is the floor it no longer pays.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from govperf_desktop.paths import store_path

NOW = datetime(2026, 11, 28, 15, 59, tzinfo=UTC)  # the end of the province's office day
SAMPLE = 20  # indicators scored one at a time per run
_per_indicator: list[float] = []
_per_indicator_cpu: list[float] = []

_GROUP_BY = (
    "SELECT task_id, department_id, sum(hours), count(*), sum(overtime > 0)"
    " FROM timesheet_entries {where} GROUP BY task_id, department_id"
)


def _sample(data_dir: Path) -> list[str]:
    connection = sqlite3.connect(f"file:{store_path(data_dir)}?mode=ro", uri=True)
    try:
        ids = [row[0] for row in connection.execute("SELECT id FROM indicators ORDER BY id")]
    finally:
        connection.close()
    step = max(1, len(ids) // SAMPLE)
    return ids[::step][:SAMPLE]


def score_every_indicator(context: dict, _state: Any, _attempt: int) -> dict:
    from govperf_desktop.services.admin import open_installation
    from govperf_desktop.services.scoring import score_all

    store = open_installation(Path(context["data_dir"]))
    try:
        started = time.process_time()
        results = score_all(store, now=NOW)
        cpu = time.process_time() - started
    finally:
        store.close()
    departments = sum(len(result.departments) for result in results)
    return {
        "indicators": str(len(results)),
        "department scores": str(departments),
        "CPU s (this process)": f"{cpu:.2f}",
    }


def group_by_all(context: dict, _state: Any, _attempt: int) -> None:
    connection = sqlite3.connect(f"file:{store_path(Path(context['data_dir']))}?mode=ro", uri=True)
    try:
        connection.execute("PRAGMA cache_size=-65536")
        connection.execute(_GROUP_BY.format(where="")).fetchall()
    finally:
        connection.close()


def score_sample(context: dict, _state: Any, _attempt: int) -> dict:
    from govperf_desktop.services.admin import open_installation
    from govperf_desktop.services.scoring import score_indicator

    sample = _sample(Path(context["data_dir"]))
    store = open_installation(Path(context["data_dir"]))
    try:
        for indicator_id in sample:
            started, started_cpu = time.perf_counter(), time.process_time()
            score_indicator(store, indicator_id, now=NOW, evidence_limit=50)
            _per_indicator.append(time.perf_counter() - started)
            _per_indicator_cpu.append(time.process_time() - started_cpu)
    finally:
        store.close()
    return {
        "indicators per run": str(len(sample)),
        "per indicator p50/p95 ms": _p50_p95(_per_indicator),
        "per indicator CPU p50/p95 ms": _p50_p95(_per_indicator_cpu),
    }


def _p50_p95(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{statistics.median(ordered) * 1000:.1f} / {p95 * 1000:.1f}"


def group_by_sample(context: dict, _state: Any, _attempt: int) -> None:
    sample = _sample(Path(context["data_dir"]))
    connection = sqlite3.connect(f"file:{store_path(Path(context['data_dir']))}?mode=ro", uri=True)
    where = "WHERE task_id IN (SELECT id FROM tasks WHERE indicator_id = ?)"
    try:
        connection.execute("PRAGMA cache_size=-65536")
        for indicator_id in sample:
            connection.execute(_GROUP_BY.format(where=where), (indicator_id,)).fetchall()
    finally:
        connection.close()
