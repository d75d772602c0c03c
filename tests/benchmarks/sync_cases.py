"""The sync benchmark cases: bundle export and import at 10k, 100k and 1M ops (full size;
500, 1,000 and 2,000 at smoke size), each beside a raw sqlite3 executemany of the same rows.

Data: a centre and a department (tests/sync_office.py); the department records N timesheet
entries through the ordinary capture and exports a bundle for the centre (built once per size
by `tests.benchmarks.sync_data` in its own process and cached in the scratch folder).

* export N: `export_bundles` of the department's newest N ops (its acknowledgement set so),
  written, read back and verified.
* import N: a copy of the centre's store imports the N-op bundle: verify everything, then
  apply in one transaction.
* baseline (both): a copy of the centre's store, and sqlite3 `executemany` of exactly the rows
  an import writes (the N op-log rows into `changes` and the N entries), read from the
  department's store, in one transaction, with the store's PRAGMAs (WAL, synchronous=FULL,
  64 MiB cache). An import cannot write less than this; the ratio is the import's overhead.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from govperf_desktop.paths import store_path

ROOT = Path(__file__).resolve().parents[2]
DATA_VERSION = 1  # bump when the data or the bundle format changes
SYNC_SIZES = {"10k": (10_000, 500), "100k": (100_000, 1_000), "1m": (1_000_000, 2_000)}
_CHANGE_COLUMNS = (
    "id, node_id, seq, hlc, actor_id, table_name, record_id, action, before, after,"
    " recorded_at, prev_hash, hash, signature"
)


def _size(context: dict, label: str) -> int:
    full, smoke = SYNC_SIZES[label]
    return smoke if context["size"] == "smoke" else full


def sync_prepare(context: dict) -> dict:
    """The cached data of this size (built in a separate process the first time)."""
    sizes = sorted(_size(context, label) for label in SYNC_SIZES)
    folder = Path(context["scratch"]) / f"sync-data-{context['size']}-v{DATA_VERSION}"
    done = folder / "prepared.json"
    if not done.exists():
        subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.sync_data", str(folder), *map(str, sizes)],
            cwd=ROOT,
            check=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    state = json.loads(done.read_text(encoding="utf-8"))
    from govperf_desktop.sync.bundle import Limits, open_bundle

    runs = {}
    for size, bundle in state["bundles"].items():
        header = open_bundle(Path(bundle), Limits()).header
        [run] = [r for r in header["runs"] if r["origin"] == state["department_node"]]
        runs[size] = (run["first"], run["last"])
    state["runs"] = runs
    return state


def _copy_central(context: dict, state: dict, name: str) -> Path:
    folder = Path(context["scratch"]) / name
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(state["central"], folder)
    return folder


def sync_export(context: dict, state: dict, attempt: int, label: str) -> dict:
    """govperf export of the department's newest N ops for the centre, read back."""
    from govperf_desktop.services.sync import export_bundles
    from govperf_desktop.store.store import open_store

    size = _size(context, label)
    out = Path(context["scratch"]) / f"sync-export-{label}-{attempt}"
    shutil.rmtree(out, ignore_errors=True)
    store = open_store(Path(state["department"]))
    try:
        with store.engine.connect() as connection:
            holding = dict(
                connection.exec_driver_sql(
                    "SELECT node_id, max(seq) FROM changes GROUP BY node_id"
                ).all()
            )
        node = state["department_node"]
        since = {**holding, node: holding[node] - size}
        [view] = export_bundles(
            store, out, passphrase="correct horse battery", now=datetime.now(UTC), since=since
        )
    finally:
        store.close()
    megabytes = Path(view.path).stat().st_size / 1024**2
    shutil.rmtree(out, ignore_errors=True)
    return {"ops": view.ops, "bundle MB": round(megabytes, 1)}


def sync_import(context: dict, state: dict, attempt: int, label: str) -> dict:
    """govperf import at the centre: verify everything, then apply in one transaction."""
    from govperf_desktop.services.sync import import_bundles
    from govperf_desktop.store.store import open_store

    size = _size(context, label)
    folder = _copy_central(context, state, f"sync-import-{label}-{attempt}")
    store = open_store(folder)
    try:
        [result] = import_bundles(store, [Path(state["bundles"][str(size)])], now=datetime.now(UTC))
    finally:
        store.close()
    shutil.rmtree(folder, ignore_errors=True)
    if result.outcome != "imported":
        raise RuntimeError(result.reason)
    return {"ops applied": result.applied}


def sync_raw(context: dict, state: dict, attempt: int, label: str) -> dict:
    """sqlite3 executemany of the rows an import of N ops writes, in one transaction."""
    size = _size(context, label)
    first, last = state["runs"][str(size)]
    folder = _copy_central(context, state, f"sync-raw-{label}-{attempt}")
    source = sqlite3.connect(f"file:{store_path(Path(state['department']))}?mode=ro", uri=True)
    target = sqlite3.connect(store_path(folder), isolation_level=None)
    target.execute("PRAGMA journal_mode=WAL")
    target.execute("PRAGMA synchronous=FULL")
    target.execute("PRAGMA cache_size=-65536")
    node = state["department_node"]
    changes = source.execute(
        f"SELECT {_CHANGE_COLUMNS} FROM changes WHERE node_id = ? AND seq BETWEEN ? AND ?"
        " ORDER BY seq",
        (node, first, last),
    )
    entries = source.execute(
        "SELECT e.* FROM changes c JOIN timesheet_entries e ON e.id = c.record_id"
        " WHERE c.node_id = ? AND c.seq BETWEEN ? AND ? AND c.table_name = 'timesheet_entries'"
        " ORDER BY c.seq",
        (node, first, last),
    )
    rows = 0
    target.execute("BEGIN")
    while batch := changes.fetchmany(4000):
        target.executemany(f"INSERT INTO changes ({_CHANGE_COLUMNS}) VALUES ({'?,' * 13}?)", batch)
        rows += len(batch)
    while batch := entries.fetchmany(4000):
        target.executemany(f"INSERT INTO timesheet_entries VALUES ({'?,' * 8}?)", batch)
        rows += len(batch)
    target.execute("COMMIT")
    source.close()
    target.close()
    shutil.rmtree(folder, ignore_errors=True)
    return {"rows": rows}


def sync_cases(case_type: Any) -> dict[str, Any]:
    """The Case entries, named sync_export_10k ... sync_import_1m."""

    def bind(function: Any, label: str) -> Any:
        return lambda context, state, attempt: function(context, state, attempt, label)

    baseline = "sqlite3 executemany of the same rows (N op-log rows + N entries), one transaction"
    repeats = {"10k": (1, 3), "100k": (1, 2), "1m": (1, 1)}  # (smoke, full)
    cases = {}
    for label, (full, smoke) in SYNC_SIZES.items():
        cases[f"sync_export_{label}"] = case_type(
            f"govperf export of {full:,} ops ({smoke:,} at smoke size), written and read back",
            bind(sync_export, label),
            bind(sync_raw, label),
            baseline,
            prepare=sync_prepare,
            repeats=repeats[label],
        )
        cases[f"sync_import_{label}"] = case_type(
            f"govperf import of {full:,} ops ({smoke:,} at smoke size): verify, apply in one"
            " transaction",
            bind(sync_import, label),
            bind(sync_raw, label),
            baseline,
            prepare=sync_prepare,
            repeats=repeats[label],
        )
    return cases
