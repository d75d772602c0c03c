"""The benchmark runner's bookkeeping: shared baselines, the province build as a measurement,
fewer baseline runs, and the docs table's rows (no benchmark is run here)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.benchmarks import runner
from tests.benchmarks.cases import Case
from tests.benchmarks.table import row_text

FULL = runner.SIZES["full"]


def _noop(_context: dict, _state: Any, _attempt: int) -> None:
    return None


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, int]]:
    calls: list[tuple[str, str, int]] = []

    def fake(case: str, part: str, repeat: int, _context: dict) -> dict:
        calls.append((case, part, repeat))
        seconds = 4.0 if part == "case" else 2.0
        return {"times": [seconds] * repeat, "peak_rss_mb": 50.0, "extra": {}}

    monkeypatch.setattr(runner, "_run_child", fake)
    return calls


def test_cases_with_one_baseline_key_measure_it_once(children: list) -> None:
    shared: dict = {}
    case = Case("x", _noop, _noop, "raw", repeats=(1, 2), baseline_key="raw_1m")
    first = runner._measure("export", case, FULL, {}, None, shared)
    second = runner._measure("import", case, FULL, {}, None, shared)

    assert children == [("export", "case", 2), ("export", "baseline", 2), ("import", "case", 2)]
    assert first["ratio"] == second["ratio"] == 2.0
    assert second["baseline"]["measured_for"] == "export"


def test_a_slow_baseline_runs_fewer_times(children: list) -> None:
    case = Case("x", _noop, _noop, "scan", repeats=(1, 3), baseline_repeats=(1, 1))
    row = runner._measure("search", case, FULL, {}, None, {})

    assert children == [("search", "case", 3), ("search", "baseline", 1)]
    assert row["runs"] == 3 and row["baseline"]["runs"] == 1


def test_the_province_build_of_the_run_is_the_demo_measurement(children: list) -> None:
    case = Case("demo", _noop, _noop, "raw", repeats=(2, 1), from_province_build=True)
    built = runner._measure("demo", case, FULL, {}, runner.Build(55.0, 350.0), {})
    runner._measure("demo2", case, FULL, {}, None, {})

    assert built["median_s"] == 55.0 and built["peak_rss_mb"] == 350.0 and built["runs"] == 1
    assert ("demo", "case", 1) not in children  # no second province
    assert ("demo2", "case", 1) in children  # a cached province: the case builds one


def test_table_rows_start_with_the_case_and_judge_the_target() -> None:
    rows = {
        "sync_export_1m": {
            "case": "sync_export_1m",
            "median_s": 90.0,
            "min_s": 90.0,
            "max_s": 90.0,
            "runs": 1,
            "peak_rss_mb": 150.0,
            "extra": {},
        },
        "sync_import_1m": {
            "case": "sync_import_1m",
            "median_s": 150.0,
            "min_s": 150.0,
            "max_s": 150.0,
            "runs": 1,
            "peak_rss_mb": 160.0,
            "extra": {},
            "baseline": {"median_s": 60.0, "runs": 1},
            "ratio": 2.5,
        },
    }
    export, import_ = (row_text(row, rows) for row in rows.values())

    assert export.startswith("| `sync_export_1m` | 90.0 s | 1 run |")
    assert "yes (faster than import)" in export
    assert import_.startswith("| `sync_import_1m` | 150.0 s | 1 run | 60.0 s | 2.50× |")
    assert "yes (≤ 3×, < 300 MB)" in import_
