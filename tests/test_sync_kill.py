"""An import killed with SIGKILL at a random moment leaves the store as before or fully
applied, never in between; integrity_check is ok and importing again completes it.

10 trials by default (CI time); `GOVPERF_SIGKILL_TRIALS=50` runs the full 50.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sync_office import CLERKS, build_office

from govperf_desktop.services.admin import check_store
from govperf_desktop.services.sync import import_bundles
from govperf_desktop.services.sync_status import content_hash
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import Person, TimesheetEntry
from govperf_desktop.store.store import open_store

TRIALS = int(os.environ.get("GOVPERF_SIGKILL_TRIALS", "10"))
CHILD = """
import sys
from datetime import datetime, UTC
from pathlib import Path
from govperf_desktop.services.sync import import_bundles
from govperf_desktop.store.store import open_store
store = open_store(Path(sys.argv[1]))
print("ready", flush=True)
import_bundles(store, [Path(sys.argv[2])], now=datetime(2026, 11, 3, tzinfo=UTC))
print("done", flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_an_import_killed_at_random_points_is_all_or_nothing(tmp_path: Path) -> None:
    office = build_office(tmp_path / "office", departments=("民政局", "公安局"))
    mz = office.departments["民政局"]
    with mz.store.read() as session:
        clerk = session.query(Person).filter_by(name=CLERKS["民政局"]).one()
    moment = office.clock.replace(tzinfo=None)
    with mz.store.write() as session:
        for number in range(1000):
            session.add(
                TimesheetEntry(
                    id=new_id(),
                    person_id=clerk.id,
                    department_id=clerk.department_id,
                    task_id=office.task_ids["MZ-1"],
                    work_date=date(2026, 11, 3),
                    hours=0.005,
                    overtime=0,
                    note=f"第{number}条",
                    created_at=moment,
                )
            )
    [bundle] = office.send(mz)
    office.close()
    pristine = tmp_path / "pristine"
    shutil.copytree(office.central.folder, pristine)
    before = _hash(pristine)
    reference = tmp_path / "reference"
    shutil.copytree(pristine, reference)
    started = time.perf_counter()
    _import(reference, bundle)
    duration = time.perf_counter() - started
    after = _hash(reference)
    assert before != after

    rng = random.Random(20261128)
    outcomes = set()
    for trial in range(TRIALS):
        folder = tmp_path / f"trial-{trial}"
        shutil.copytree(pristine, folder)
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(folder), str(bundle)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, duration * 1.1))
        child.send_signal(signal.SIGKILL)
        child.wait()
        state = _hash(folder)
        assert state in (before, after), f"trial {trial}: a half-applied import"
        outcomes.add(state == after)
        store = open_store(folder)
        try:
            assert check_store(store).integrity == ["ok"]
            [result] = import_bundles(store, [bundle], now=office.tick())
            assert result.outcome in ("imported", "already imported")
        finally:
            store.close()
        assert _hash(folder) == after
        shutil.rmtree(folder)
    assert outcomes  # at least one trial ran; usually both outcomes occur


def _hash(folder: Path) -> str:
    store = open_store(folder)
    try:
        return content_hash(store)
    finally:
        store.close()


def _import(folder: Path, bundle: Path) -> None:
    store = open_store(folder)
    try:
        [result] = import_bundles(store, [bundle], now=__import__("sync_office").T0)
        assert result.outcome == "imported", result.reason
    finally:
        store.close()
