"""Builds the data of the sync benchmark cases, in its own process (so the cases' peak memory
is their own): `python -m tests.benchmarks.sync_data FOLDER N1 N2 ...` (N ascending).

A centre and a department are enrolled (tests/sync_office.py); the department records
timesheet entries through the ordinary capture (one op each), and after N1, N2, ... ops it
exports a bundle for the centre holding all of them. The centre's store is left as it was
before any of these bundles, so each import case starts from a copy of it.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from datetime import date
from pathlib import Path

BATCH = 10_000


def build(folder: Path, sizes: list[int]) -> dict:
    sys.path.insert(0, str(Path(__file__).parents[1]))
    from sync_office import CLERKS, build_office

    from govperf_desktop.store.ids import new_id
    from govperf_desktop.store.models import Person, TimesheetEntry

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    shutil.rmtree(folder, ignore_errors=True)
    office = build_office(folder / "office", departments=("民政局", "公安局"))
    site = office.departments["民政局"]
    with site.store.read() as session:
        clerk = session.query(Person).filter_by(name=CLERKS["民政局"]).one()
    moment = office.clock.replace(tzinfo=None)
    bundles: dict[str, str] = {}
    made = 0
    for size in sorted(sizes):
        while made < size:
            count = min(BATCH, size - made)
            with site.store.write() as session:
                for number in range(count):
                    session.add(
                        TimesheetEntry(
                            id=new_id(),
                            person_id=clerk.id,
                            department_id=clerk.department_id,
                            task_id=office.task_ids["MZ-1"],
                            work_date=date(2026, 11, 2 + (made + number) % 20),
                            hours=0.001,
                            overtime=0.0,
                            note=f"整理清单 {made + number}",
                            created_at=moment,
                        )
                    )
            made += count
        [bundle] = office.send(site, folder=folder / f"bundle-{size}")
        bundles[str(size)] = str(bundle)
    office.close()
    return {
        "sizes": sorted(sizes),
        "department": str(site.folder),
        "department_node": site.node_id,
        "central": str(office.central.folder),
        "bundles": bundles,
    }


def main() -> int:
    folder = Path(sys.argv[1])
    state = build(folder, [int(n) for n in sys.argv[2:]])
    (folder / "prepared.json").write_text(json.dumps(state), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
