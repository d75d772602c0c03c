"""The PostgreSQL benchmark cases (tests/benchmarks/pg_cases.py) without a server are reported
as skipped, not failed, and the results table says so; they are registered in the suite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.benchmarks.cases import CASES
from tests.benchmarks.table import row_text

ROOT = Path(__file__).resolve().parents[1]


def test_the_postgresql_cases_are_registered_with_their_sqlite_baselines() -> None:
    for name in ("pg_scoring_all", "pg_group_by_all", "pg_central_import"):
        assert CASES[name].baseline is not None and CASES[name].prepare is not None


def test_without_a_server_a_case_is_skipped_saying_why(tmp_path) -> None:
    spec = {
        "case": "pg_group_by_all",
        "part": "case",
        "repeat": 2,
        "context": {
            "data_dir": str(tmp_path / "province"),
            "departments": 3,
            "seed": 1,
            "size": "smoke",
            "scratch": str(tmp_path / "scratch"),
        },
    }
    env = {**os.environ, "GOVPERF_BENCH_PG_URL": "off"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.child", json.dumps(spec)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"skipped": "GOVPERF_BENCH_PG_URL=off"}
    row = {"case": "pg_group_by_all", "skipped": result["skipped"]}
    assert row_text(row, {}).startswith("| `pg_group_by_all` | skipped: GOVPERF_BENCH_PG_URL=off")
