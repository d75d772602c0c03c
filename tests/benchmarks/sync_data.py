"""Builds the data of the sync benchmark cases, in its own process (so the cases' peak memory
is their own): `python -m tests.benchmarks.sync_data FOLDER N1 N2 ...` (N ascending).

    python -m tests.benchmarks.sync_data --largest FOLDER   # the largest size's bundle

A centre and a department are enrolled (tests/sync_office.py) and the department's own ops,
if any, reach the centre; then the department records timesheet entries, one op each, in
units of work of 10,000 entries, and after N1, N2, ... ops (all but the largest) it exports
a bundle of them for the centre. The centre's store is left as it was before any of these
bundles, so each import case starts from a copy of it. The largest size's bundle is the one
its export case writes (or `--largest`, when the import case runs without it).

The entries are recorded by `capture_inserts`, a bulk form of the change capture
(store/capture.py) for inserts only: it writes the same rows and exactly the `changes` rows
the capture writes when the same objects are added in one unit of work (same JSON, clock
ticks, hash chain; `tests/test_bench_sync_data.py` compares the two byte for byte), several
times faster than the ORM (1,000,000 ops: ~2 minutes of CPU, 198 s wall at load 5-8). The
import cases verify every op's hash and the runs' signatures as usual.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

BATCH = 10_000
PASS = "correct horse battery"  # tests/sync_office.py


def capture_inserts(
    store: Any,
    model: type,
    rows: Iterable[dict[str, Any]],
    *,
    actor_id: str | None,
    change_id: Callable[[int], str] | None = None,
) -> int:
    """Insert `rows` (every column of `model`, a captured table) and their ops, in one
    transaction: what `store.write(actor_id)` + `session.add(model(**row))` for each row
    records, for benchmark data only (no export-mark check). Returns the number of rows.

    The capture's steps (store/capture.py) with its own functions' results: the JSON of
    `_json`, the hash of `domain.ophash.op_hash` (both through an encoder built once, the
    same bytes), the clock of `domain.hlc.tick`; the rows go to the driver's executemany with
    the column types' own bind processors. `change_id(wall_ms)` makes each op's id (default:
    the capture's UUIDv7)."""
    from sqlalchemy import inspect, select

    from govperf_desktop.domain.clock import to_utc_naive
    from govperf_desktop.domain.hlc import Hlc, tick
    from govperf_desktop.domain.ids import uuid7_hex
    from govperf_desktop.domain.ophash import GENESIS_HASH, OP_HASH_VERSION
    from govperf_desktop.store.capture import LAST_SEEN_HLC_KEY, LOCAL_NODE_KEY, record_key
    from govperf_desktop.store.models import Change, Setting

    mapper = inspect(model)
    keys = [attr.key for attr in mapper.column_attrs]
    dated = {
        attr.key
        for attr in mapper.column_attrs
        if getattr(attr.columns[0].type, "python_type", None) in (date, datetime)
    }
    primary = [column.key for column in mapper.primary_key]
    rows = [dict(row) for row in rows]
    after_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    hash_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    if change_id is None:

        def change_id(wall_ms: int) -> str:
            return uuid7_hex(wall_ms, secrets.randbits(74))

    with store.engine.begin() as connection:
        node_id = connection.scalar(select(Setting.value).where(Setting.key == LOCAL_NODE_KEY))
        last = connection.execute(
            select(Change.seq, Change.hlc, Change.hash)
            .where(Change.node_id == node_id)
            .order_by(Change.seq.desc())
            .limit(1)
        ).first()
        seq, clock, prev_hash = (
            (last[0], Hlc.decode(last[1]), last[2] or GENESIS_HASH)
            if last
            else (0, None, GENESIS_HASH)
        )
        seen = connection.scalar(select(Setting.value).where(Setting.key == LAST_SEEN_HLC_KEY))
        if seen is not None:
            clock = max(filter(None, (clock, Hlc.decode(seen))))
        now = to_utc_naive(store.clock())
        stamp = now.isoformat(sep=" ", timespec="microseconds")
        wall_ms = int(now.replace(tzinfo=UTC).timestamp() * 1000)
        table = model.__tablename__
        changes = []
        for row in rows:
            seq += 1
            clock = tick(clock, wall_ms)
            values = {key: row[key] for key in keys}
            for key in dated:
                if values[key] is not None:
                    values[key] = values[key].isoformat()
            after = after_json.encode(values)
            record_id = (
                str(row[primary[0]])
                if len(primary) == 1
                else record_key(model(**{key: row[key] for key in primary}))
            )
            change_key, hlc = change_id(wall_ms), clock.encode()
            fields = [OP_HASH_VERSION, change_key, node_id, seq, hlc, actor_id, table]
            fields += [record_id, "insert", None, after, stamp, prev_hash]
            digest = hashlib.sha256(hash_json.encode(fields).encode("utf-8")).hexdigest()
            changes.append(
                {
                    "id": change_key,
                    "node_id": node_id,
                    "seq": seq,
                    "hlc": hlc,
                    "actor_id": actor_id,
                    "table_name": table,
                    "record_id": record_id,
                    "action": "insert",
                    "before": None,
                    "after": after,
                    "recorded_at": now,
                    "prev_hash": prev_hash,
                    "hash": digest,
                }
            )
            prev_hash = digest
        if rows:
            _insert(connection, model.__table__, rows)
            _insert(connection, Change.__table__, changes)
    return len(rows)


def _insert(connection: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    """executemany on the driver, each value through its column type's bind processor (what
    an ORM or Core insert sends); a column absent from the rows gets its scalar default.
    The rows are changed in place."""
    dialect = connection.dialect
    columns = list(table.columns)
    processors = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
    defaults = [
        column.default.arg if column.default is not None and column.default.is_scalar else None
        for column in columns
    ]
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)})"
        f" VALUES ({', '.join('?' * len(columns))})"
    )
    for row in rows:
        for column, default in zip(columns, defaults, strict=True):
            if column.key not in row:
                row[column.key] = default
    for column, process in zip(columns, processors, strict=True):
        if process is not None:
            key = column.key
            for row in rows:
                row[key] = process(row[key])
    values = list(map(itemgetter(*(column.key for column in columns)), rows))
    connection.exec_driver_sql(sql, values)


def entry_rows(
    clerk: Any, task_id: str, moment: Any, first: int, count: int, new_id: Callable[[], str]
) -> list[dict[str, Any]]:
    """`count` timesheet entries of the clerk, numbered from `first` (one op each)."""
    return [
        {
            "id": new_id(),
            "person_id": clerk.id,
            "department_id": clerk.department_id,
            "task_id": task_id,
            "work_date": date(2026, 11, 2 + (first + number) % 20),
            "hours": 0.001,
            "overtime": 0.0,
            "note": f"整理清单 {first + number}",
            "created_at": moment,
        }
        for number in range(count)
    ]


def _holding(store: Any) -> dict[str, int]:
    with store.engine.connect() as connection:
        return dict(
            connection.exec_driver_sql(
                "SELECT node_id, max(seq) FROM changes GROUP BY node_id"
            ).all()
        )


def export_newest(store: Any, node_id: str, size: int, out: Path, now: Any) -> Any:
    """Export the newest `size` ops of `node_id` (and nothing else) for the centre."""
    from govperf_desktop.services.sync import export_bundles

    holding = _holding(store)
    since = {**holding, node_id: holding[node_id] - size}
    [view] = export_bundles(store, out, passphrase=PASS, now=now, since=since)
    return view


def bundle_file(folder: Path) -> Path | None:
    """The one bundle file in a bundle folder, if it was written."""
    files = sorted(path for path in folder.glob("*") if path.is_file()) if folder.is_dir() else []
    return files[0] if files else None


def build(folder: Path, sizes: list[int]) -> dict:
    """The office, the department's entries and the bundles of every size but the largest
    (see `export_largest`); paths relative to `folder`."""
    sys.path.insert(0, str(Path(__file__).parents[1]))
    from sync_office import CLERKS, build_office

    from govperf_desktop.store.ids import new_id
    from govperf_desktop.store.models import Person, TimesheetEntry

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    shutil.rmtree(folder, ignore_errors=True)
    office = build_office(folder / "office", departments=("民政局", "公安局"))
    site = office.departments["民政局"]
    # The department's own ops so far (its enrolment) reach the centre first, so the entries
    # are exactly the ops the centre lacks: the export case of the largest size writes the
    # very bundle the import case of that size imports.
    base = _holding(site.store).get(site.node_id, 0)
    if base:
        office.receive(office.central, office.send(site, folder=folder / "wire"))
        shutil.rmtree(folder / "wire")
    with site.store.read() as session:
        clerk = session.query(Person).filter_by(name=CLERKS["民政局"]).one()
    moment = office.clock.replace(tzinfo=None)
    made = 0
    for size in sorted(sizes):
        while made < size:
            count = min(BATCH, size - made)
            rows = entry_rows(clerk, office.task_ids["MZ-1"], moment, made, count, new_id)
            made += capture_inserts(site.store, TimesheetEntry, rows, actor_id=None)
        if size != max(sizes):
            export_newest(site.store, site.node_id, size, folder / f"bundle-{size}", office.tick())
    office.close()
    return {
        "sizes": sorted(sizes),
        "department": str(site.folder.relative_to(folder)),
        "department_node": site.node_id,
        "central": str(office.central.folder.relative_to(folder)),
        "bundles": {str(size): f"bundle-{size}" for size in sizes},
        "runs": {str(size): [base + 1, base + size] for size in sizes},
    }


def export_largest(folder: Path, state: dict) -> None:
    """The largest size's bundle, when no export case of this run has left it there."""
    from govperf_desktop.store.store import open_store

    size = max(state["sizes"])
    store = open_store(folder / state["department"])
    try:
        out = folder / f"{state['bundles'][str(size)]}.part"
        shutil.rmtree(out, ignore_errors=True)
        view = export_newest(store, state["department_node"], size, out, datetime.now(UTC))
    finally:
        store.close()
    adopt(Path(view.path), folder / state["bundles"][str(size)])
    shutil.rmtree(out, ignore_errors=True)


def adopt(bundle: Path, target: Path) -> None:
    """Move an exported bundle into its bundle folder (a rename: atomic on one file system)."""
    target.mkdir(parents=True, exist_ok=True)
    if bundle_file(target) is None:
        bundle.rename(target / bundle.name)


def main() -> int:
    if sys.argv[1] == "--largest":
        folder = Path(sys.argv[2])
        export_largest(folder, json.loads((folder / "prepared.json").read_text("utf-8")))
        return 0
    folder = Path(sys.argv[1])
    started = time.perf_counter()
    state = build(folder, [int(n) for n in sys.argv[2:]])
    state["build_s"] = round(time.perf_counter() - started, 1)
    (folder / "prepared.json").write_text(json.dumps(state), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
