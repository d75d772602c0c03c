"""Builds the data of the central-import benchmark (tests/benchmarks/pg_cases.py) in its own
process: `python -m tests.benchmarks.pg_data FOLDER DEPARTMENTS OPS`.

A centre and DEPARTMENTS department installations (tests/sync_office.py: real stores, real
keys, enrolled, each holding the centre's data); each department records OPS timesheet
entries through the ordinary capture (one op each) and exports one bundle for the centre.
The centre's store is left as it was before any of these bundles, so every import run starts
from a copy of it. The departments' stores are deleted once their bundle is written: only the
bundles and the centre are kept (`prepared.json` lists them).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from datetime import date
from pathlib import Path

BATCH = 5_000


def department_names(count: int) -> list[str]:
    return [f"部门{number:03d}" for number in range(1, count + 1)]


def build(folder: Path, departments: int, ops: int) -> dict:
    sys.path.insert(0, str(Path(__file__).parents[1]))
    import sync_office

    from govperf_desktop.store.ids import new_id
    from govperf_desktop.store.models import Person, TimesheetEntry

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    shutil.rmtree(folder, ignore_errors=True)
    names = department_names(departments)
    for number, name in enumerate(names, 1):  # sync_office's tables of clerks and task codes
        sync_office.CLERKS[name] = f"职员{number:03d}"
        sync_office.CODES[name] = f"BM-{number:03d}"
    started = time.perf_counter()
    office = sync_office.build_office(folder / "office", departments=tuple(names))
    enrolled = time.perf_counter() - started
    moment = office.clock.replace(tzinfo=None)
    bundles = []
    for name in names:
        site = office.departments[name]
        with site.store.read() as session:
            clerk = session.query(Person).filter_by(name=sync_office.CLERKS[name]).one()
        task = office.task_ids[sync_office.CODES[name]]
        for first in range(0, ops, BATCH):
            with site.store.write() as session:
                for number in range(first, min(ops, first + BATCH)):
                    session.add(
                        TimesheetEntry(
                            id=new_id(),
                            person_id=clerk.id,
                            department_id=clerk.department_id,
                            task_id=task,
                            work_date=date(2026, 11, 2 + number % 20),
                            hours=0.5,
                            overtime=0.0,
                            note=f"整理清单 {number}",
                            created_at=moment,
                        )
                    )
        [bundle] = office.send(site, office.central, folder=folder / "bundles")
        bundles.append(str(bundle))
        site.store.close()
        shutil.rmtree(site.folder, ignore_errors=True)
    office.central.store.close()
    return {
        "departments": departments,
        "ops_per_department": ops,
        "central": str(office.central.folder),
        "bundles": bundles,
        "passphrase": sync_office.PASS,
        "enrolment_s": round(enrolled, 1),
        "build_s": round(time.perf_counter() - started, 1),
    }


def main() -> int:
    folder = Path(sys.argv[1])
    state = build(folder, int(sys.argv[2]), int(sys.argv[3]))
    (folder / "prepared.json").write_text(json.dumps(state), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
