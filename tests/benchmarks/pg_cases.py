"""The PostgreSQL benchmark cases (docs/performance.md, "PostgreSQL for a central office"): the
same data on both databases, the SQLite figure measured in the same run as the baseline.

    pg_scoring_all     services.scoring.score_all on the PostgreSQL copy of the province,
                       against the same on the SQLite province
    pg_group_by_all    the bare GROUP BY task, department over every timesheet entry (the one
                       sum any scoring needs) on PostgreSQL, against the same on SQLite
    pg_central_import  a centre imports every department's bundle (DEPARTMENTS x OPS timesheet
                       entries, one bundle each) into a copy of its store on PostgreSQL,
                       against the same import into a copy of its SQLite store

The province's copy is made by `govperf migrate-store` (the CLI, in its own process) the first
time a server lacks it, outside the timed runs; its time and peak RSS are kept as the database's
comment and shown with the scoring case. The import data is built once per size by
tests/benchmarks/pg_data.py into the scratch folder. The server: tests/benchmarks/pg_server.py;
without one, or while bundle import does not run on PostgreSQL, the PostgreSQL part is reported
as skipped (not failed) and the SQLite part is still measured.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from govperf_desktop.paths import store_path
from tests.benchmarks import Skip
from tests.benchmarks.pg_server import admin, database_url, server_url

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 28, 15, 59, tzinfo=UTC)  # the end of the province's office day
PG_DATA = [sys.executable, "-m", "tests.benchmarks.pg_data"]
IMPORT_DATA_VERSION = 1  # bump when pg_data builds something else
IMPORT_SIZES = {"smoke": (3, 100), "full": (100, 1_000)}  # (departments, ops per department)
_GROUP_BY = (
    "SELECT task_id, department_id, sum(hours), count(*), sum(CASE WHEN overtime > 0 THEN 1"
    " ELSE 0 END) FROM timesheet_entries GROUP BY task_id, department_id"
)


def _database_name(prefix: str, folder: Path) -> str:
    return (prefix + re.sub(r"\W+", "_", folder.name).lower())[:63]


def _run_govperf(*args: str) -> tuple[float, float]:
    """`govperf ARGS` in its own process: (wall seconds, peak RSS MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "govperf_desktop.cli.main", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={k: v for k, v in os.environ.items() if k != "GOVPERF_DB_URL"},
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"govperf {' '.join(args[:4])} failed:\n{errors[-2000:]}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def _copy_into(server: str, name: str, data_dir: Path) -> dict | None:
    """The database `name` holding a copy of the store in `data_dir` (made by migrate-store
    if missing); what its making cost, from the database's comment (None if unknown)."""
    found = admin(
        server,
        f"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{name}'",
    )
    if found and found[0][0]:
        return json.loads(found[0][0])
    admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}")
    url = database_url(server, name)
    seconds, peak = _run_govperf("--data-dir", str(data_dir), "migrate-store", "--to", url)
    made = {
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak),
        "date": datetime.now(UTC).isoformat(timespec="minutes"),
    }
    admin(server, f"COMMENT ON DATABASE {name} IS '{json.dumps(made)}'")
    return made


def _drop_stale(server: str, prefix: str, keep: str) -> None:
    rows = admin(server, f"SELECT datname FROM pg_database WHERE datname LIKE '{prefix}%'")
    for (name,) in rows:
        if name != keep:
            admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# --- scoring all indicators on both databases ---------------------------------------------------


def province_prepare(context: dict) -> dict:
    """The PostgreSQL copy of the province (made once per server and province)."""
    server, why = server_url()
    if server is None:
        return {"skip": why}
    data_dir = Path(context["data_dir"])
    name = _database_name("bench_", data_dir)
    _drop_stale(server, f"bench_scale_{context['departments']}_", name)
    made = _copy_into(server, name, data_dir)
    return {"url": database_url(server, name), "made": made}


def _open(context: dict, state: dict):  # type: ignore[no-untyped-def]
    from govperf_desktop.store.store import open_store

    if "skip" in state:
        raise Skip(state["skip"])
    return open_store(Path(context["data_dir"]), url=state["url"])


def score_on_postgresql(context: dict, state: dict, _attempt: int) -> dict:
    from govperf_desktop.services.scoring import score_all

    store = _open(context, state)
    try:
        started = time.process_time()
        results = score_all(store, now=NOW)
        cpu = time.process_time() - started
    finally:
        store.close()
    figures = {
        "indicators": str(len(results)),
        "department scores": str(sum(len(result.departments) for result in results)),
        "CPU s (this process)": f"{cpu:.2f}",
    }
    made = state.get("made")
    if made:
        figures["the copy: govperf migrate-store"] = (
            f"{made['seconds']} s, {made['peak_rss_mb']} MB peak RSS ({made['date']})"
        )
    return figures


def score_on_sqlite(context: dict, _state: dict, _attempt: int) -> dict:
    from govperf_desktop.services.admin import open_installation
    from govperf_desktop.services.scoring import score_all

    store = open_installation(Path(context["data_dir"]))
    try:
        started = time.process_time()
        score_all(store, now=NOW)
        return {"CPU s (this process)": f"{time.process_time() - started:.2f}"}
    finally:
        store.close()


def group_by_on_postgresql(_context: dict, state: dict, _attempt: int) -> dict:
    """psycopg straight to the server, as the baseline uses sqlite3 straight to the file."""
    import psycopg
    from sqlalchemy.engine import make_url

    if "skip" in state:
        raise Skip(state["skip"])
    url = make_url(state["url"])
    with psycopg.connect(
        dbname=url.database,
        user=url.username,
        password=url.password,
        host=url.host or url.query.get("host"),
        port=url.port or url.query.get("port"),
    ) as connection:
        groups = len(connection.execute(_GROUP_BY).fetchall())
    return {"groups": str(groups)}


def group_by_on_sqlite(context: dict, _state: dict, _attempt: int) -> None:
    connection = sqlite3.connect(f"file:{store_path(Path(context['data_dir']))}?mode=ro", uri=True)
    try:
        connection.execute("PRAGMA cache_size=-65536")
        connection.execute(_GROUP_BY).fetchall()
    finally:
        connection.close()


# --- a centre importing its departments' bundles -------------------------------------------------


def import_prepare(context: dict) -> dict:
    """The departments' bundles and the centre's store (built once per size, in a process of
    its own), and the centre's store copied into PostgreSQL as a template database."""
    departments, ops = IMPORT_SIZES[context["size"]]
    folder = Path(context["scratch"]) / f"pg-import-{departments}x{ops}-v{IMPORT_DATA_VERSION}"
    done = folder / "prepared.json"
    if not done.exists():
        subprocess.run(
            [*PG_DATA, str(folder), str(departments), str(ops)],
            cwd=ROOT,
            check=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    state = json.loads(done.read_text(encoding="utf-8"))
    state["folder"] = str(folder)
    server, why = server_url()
    if server is None:
        state["skip"] = why
        return state
    name = _database_name("bench_import_", folder)
    _drop_stale(server, f"bench_import_pg_import_{departments}x{ops}_", name)
    _copy_into(server, name, Path(state["central"]))
    state["server"], state["template"] = server, name
    return state


def _import(store: Any, state: dict, folder: Path) -> dict:
    from govperf_desktop.services.sync import import_bundles

    bundles = [Path(path) for path in state["bundles"]]
    views = import_bundles(
        store,
        bundles,
        now=datetime.now(UTC),
        passphrase=state["passphrase"],
        quarantine_dir=folder / "quarantine",
    )
    refused = [view for view in views if view.outcome != "imported"]
    if refused:  # a refused bundle was moved away: build the data again next time
        (Path(state["folder"]) / "prepared.json").unlink(missing_ok=True)
        raise RuntimeError(f"{len(refused)} bundles not imported: {refused[0].reason}")
    ops = sum(view.applied for view in views)
    return {"bundles imported": str(len(views)), "ops applied": f"{ops:,}"}


def import_into_postgresql(context: dict, state: dict, attempt: int) -> dict:
    from govperf_desktop.domain.errors import StoreError
    from govperf_desktop.store.store import open_store

    if "skip" in state:
        raise Skip(state["skip"])
    folder = Path(context["scratch"]) / f"pg-import-run-{attempt}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(state["central"], folder)  # the centre's keys (and, unused, its file)
    name = f"bench_import_run_{attempt}"
    admin(
        state["server"],
        f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
        f"CREATE DATABASE {name} TEMPLATE {state['template']}",
    )
    store = open_store(folder, url=database_url(state["server"], name))
    store.folder = folder  # type: ignore[attr-defined]  # the installation's own folder
    try:
        return _import(store, state, folder)
    except StoreError as error:
        if "SQLite store only" in str(error):
            raise Skip(f"bundle import into PostgreSQL is not available yet ({error})") from None
        raise
    finally:
        store.close()
        admin(state["server"], f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        shutil.rmtree(folder, ignore_errors=True)


def import_into_sqlite(context: dict, state: dict, attempt: int) -> dict:
    from govperf_desktop.store.store import open_store

    folder = Path(context["scratch"]) / f"pg-import-sqlite-{attempt}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(state["central"], folder)
    store = open_store(folder)
    try:
        return _import(store, state, folder)
    finally:
        store.close()
        shutil.rmtree(folder, ignore_errors=True)


def pg_cases(case_type: Any) -> dict[str, Any]:
    """The Case entries of this module."""
    smoke, full = IMPORT_SIZES["smoke"], IMPORT_SIZES["full"]
    return {
        "pg_scoring_all": case_type(
            "score_all of every indicator on the province's PostgreSQL copy (migrate-store)",
            score_on_postgresql,
            score_on_sqlite,
            "score_all on the SQLite province",
            prepare=province_prepare,
            repeats=(1, 2),
        ),
        "pg_group_by_all": case_type(
            "bare GROUP BY task, department of every timesheet entry on PostgreSQL",
            group_by_on_postgresql,
            group_by_on_sqlite,
            "the same GROUP BY on the SQLite province (sqlite3)",
            prepare=province_prepare,
            repeats=(1, 3),
        ),
        "pg_central_import": case_type(
            f"the centre imports {full[0]} departments' bundles x {full[1]:,} ops"
            f" ({smoke[0]} x {smoke[1]} at smoke size) into PostgreSQL",
            import_into_postgresql,
            import_into_sqlite,
            "the same bundles imported into the centre's SQLite store",
            prepare=import_prepare,
            repeats=(1, 1),
        ),
    }
