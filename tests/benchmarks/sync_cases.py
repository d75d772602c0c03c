"""The sync benchmark cases: bundle export and import at 10k, 100k and 1M ops (full size;
500, 1,000 and 2,000 at smoke size), each beside a raw sqlite3 executemany of the same rows.

Data: a centre and a department (tests/sync_office.py); the department's enrolment ops reach
the centre, then the department records N timesheet entries, one captured op each
(`sync_data.capture_inserts`: byte for byte what the ordinary capture writes), and exports
them for the centre. Built once per size by `tests.benchmarks.sync_data` in its own process
and cached in the scratch folder (`--rebuild`: once more in that run).

* export N: `export_bundles` of the department's newest N ops, written, read back and
  verified. At the largest size these are exactly the ops the centre lacks, so that bundle is
  kept as the one its import case imports (exported by the data process if no export ran).
* import N: a copy of the centre's store imports the N-op bundle: verify everything, then
  apply in one transaction.
* baseline (both, measured once per size and run): a copy of the centre's store, and sqlite3
  `executemany` of exactly the rows an import writes (the N op-log rows into `changes` and the
  N entries), read from the department's store, in one transaction, with the store's PRAGMAs
  (WAL, synchronous=FULL, 64 MiB cache). An import cannot write less than this; the ratio is
  the import's overhead.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from govperf_desktop.paths import store_path
from tests.benchmarks.sync_data import adopt, bundle_file, export_newest

ROOT = Path(__file__).resolve().parents[2]
DATA_VERSION = 2  # bump when the data or the bundle format changes
SYNC_SIZES = {"10k": (10_000, 500), "100k": (100_000, 1_000), "1m": (1_000_000, 2_000)}
_CHANGE_COLUMNS = (
    "id, node_id, seq, hlc, actor_id, table_name, record_id, action, before, after,"
    " recorded_at, prev_hash, hash, signature"
)


def _size(context: dict, label: str) -> int:
    full, smoke = SYNC_SIZES[label]
    return smoke if context["size"] == "smoke" else full


def sync_prepare(context: dict, largest_bundle: bool = False) -> dict:
    """The data of this size: built the first time in a separate process (and again once in
    a `--rebuild` run), in a folder of its own renamed into place when complete. With
    `largest_bundle`, the largest size's bundle is exported first if no export case left it."""
    sizes = sorted(_size(context, label) for label in SYNC_SIZES)
    folder = Path(context["scratch"]) / f"sync-data-{context['size']}-v{DATA_VERSION}"
    done = folder / "prepared.json"
    stale = context.get("rebuild") and (
        not done.exists()
        or json.loads(done.read_text("utf-8")).get("built_at", 0) < context["run_started"]
    )
    if not done.exists() or stale:
        building = folder.with_name(f"{folder.name}.building-{os.getpid()}")
        started = time.time()
        try:
            _data_process(building, *map(str, sizes))
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        for old in folder.parent.glob(f"sync-data-{context['size']}-v*"):
            if old.name != folder.name and ".building-" not in old.name:
                shutil.rmtree(old, ignore_errors=True)  # data of an older DATA_VERSION
        state = json.loads((building / "prepared.json").read_text("utf-8"))
        state["built_at"] = time.time()
        state["built_in_this_run"] = started >= context.get("run_started", started + 1)
        (building / "prepared.json").write_text(json.dumps(state), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        building.rename(folder)
    state = json.loads(done.read_text(encoding="utf-8"))
    largest = folder / state["bundles"][str(max(sizes))]
    if largest_bundle and bundle_file(largest) is None:
        _data_process("--largest", folder)
    for key in ("department", "central"):
        state[key] = str(folder / state[key])
    state["folder"] = str(folder)
    return state


def _data_process(*args: Any) -> None:
    subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.sync_data", *map(str, args)],
        cwd=ROOT,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def _copy_central(context: dict, state: dict, name: str) -> Path:
    folder = Path(context["scratch"]) / name
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(state["central"], folder)
    return folder


def sync_export(context: dict, state: dict, attempt: int, label: str) -> dict:
    """govperf export of the department's newest N ops for the centre, read back. The
    largest size's bundle is kept as the bundle its import case imports (the same ops)."""
    from govperf_desktop.store.store import open_store

    size = _size(context, label)
    out = Path(context["scratch"]) / f"sync-export-{label}-{attempt}"
    shutil.rmtree(out, ignore_errors=True)
    store = open_store(Path(state["department"]))
    try:
        view = export_newest(store, state["department_node"], size, out, datetime.now(UTC))
    finally:
        store.close()
    megabytes = Path(view.path).stat().st_size / 1024**2
    figures = {"ops": view.ops, "bundle MB": round(megabytes, 1)}
    if state.get("built_in_this_run") and size == min(state["sizes"]):
        figures["data built in this run (s)"] = state["build_s"]
    if size == max(state["sizes"]):
        adopt(Path(view.path), Path(state["folder"]) / state["bundles"][str(size)])
    shutil.rmtree(out, ignore_errors=True)
    return figures


def sync_import(context: dict, state: dict, attempt: int, label: str) -> dict:
    """govperf import at the centre: verify everything, then apply in one transaction."""
    from govperf_desktop.services.sync import import_bundles
    from govperf_desktop.store.store import open_store

    size = _size(context, label)
    folder = _copy_central(context, state, f"sync-import-{label}-{attempt}")
    store = open_store(folder)
    try:
        bundle = bundle_file(Path(state["folder"]) / state["bundles"][str(size)])
        [result] = import_bundles(store, [bundle], now=datetime.now(UTC))
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
    """The Case entries, named sync_export_10k ... sync_import_1m. Export and import of one
    size share one baseline (the same rows written raw), measured once per run; 1M ops run
    once (each of the three takes minutes here)."""

    def bind(function: Any, label: str) -> Any:
        return lambda context, state, attempt: function(context, state, attempt, label)

    def prepare(context: dict) -> dict:
        return sync_prepare(context)

    def prepare_with_bundle(context: dict) -> dict:
        return sync_prepare(context, largest_bundle=True)

    baseline = "sqlite3 executemany of the same rows (N op-log rows + N entries), one transaction"
    repeats = {"10k": (1, 3), "100k": (1, 2), "1m": (1, 1)}  # (smoke, full)
    cases = {}
    for label, (full, smoke) in SYNC_SIZES.items():
        cases[f"sync_export_{label}"] = case_type(
            f"govperf export of {full:,} ops ({smoke:,} at smoke size), written and read back",
            bind(sync_export, label),
            bind(sync_raw, label),
            baseline,
            prepare=prepare,
            repeats=repeats[label],
            baseline_key=f"sync_raw_{label}",
            needs_province=False,
        )
        cases[f"sync_import_{label}"] = case_type(
            f"govperf import of {full:,} ops ({smoke:,} at smoke size): verify, apply in one"
            " transaction",
            bind(sync_import, label),
            bind(sync_raw, label),
            baseline,
            prepare=prepare_with_bundle if label == "1m" else prepare,
            repeats=repeats[label],
            baseline_key=f"sync_raw_{label}",
            needs_province=False,
        )
    return cases
