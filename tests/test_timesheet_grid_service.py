"""The week grid's services (services/timesheet_grid.py) and the import preview
(services/timesheet_file_preview.py), on the seed demo store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from conftest import checkpoint, file_digest
from openpyxl import Workbook

from govperf_desktop.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from govperf_desktop.services.admin import init_installation, open_installation
from govperf_desktop.services.demo.seed import build_seed_demo
from govperf_desktop.services.timesheet_file_preview import mapping_for, preview_timesheet_file
from govperf_desktop.services.timesheet_grid import bookable_tasks, set_cell_hours
from govperf_desktop.services.timesheet_week import week
from govperf_desktop.services.timesheets import add_entry
from govperf_desktop.store.store import Store

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
MONDAY = date(2026, 11, 16)


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("grid") / "data"
    init_installation(directory, node_name="考核办", role="central")
    store = open_installation(directory)
    try:
        build_seed_demo(store, today=date(2026, 11, 20))
    finally:
        store.close()
    return directory


@pytest.fixture
def seed(seed_dir: Path, tmp_path: Path) -> Iterator[Store]:
    directory = tmp_path / "copy"
    shutil.copytree(seed_dir, directory)
    store = open_installation(directory)
    yield store
    store.close()


def _unchanged(store: Store) -> str:
    checkpoint(store)
    assert store.path is not None
    return file_digest(store.path)


def _task(store: Store, code: str) -> str:
    return next(t.id for t in bookable_tasks(store, person="李晓明") if t.code == code)


def _cell(store: Store, task_id: str, day: date) -> tuple[float, float]:
    view = week(store, person="李晓明", day=day)
    index = (day - view.week_start).days
    row = next((r for r in view.rows if r.task_id == task_id), None)
    return (row.hours[index], row.overtime[index]) if row else (0.0, 0.0)


def test_bookable_tasks_are_those_of_the_departments_indicators(seed: Store) -> None:
    tasks = bookable_tasks(seed, person="李晓明")
    assert {t.indicator for t in tasks} == {"老旧小区改造项目推进率"}
    codes = [t.code for t in tasks]
    assert "GZ-05" in codes and "GZ-01" in codes
    assert [t.status == "completed" for t in tasks] == sorted(
        t.status == "completed" for t in tasks
    )
    with pytest.raises(NotFoundError, match="Unknown person '无名'"):
        bookable_tasks(seed, person="无名")


def test_setting_a_cell_adds_changes_and_deletes(seed: Store) -> None:
    gz06 = _task(seed, "GZ-06")
    added = set_cell_hours(
        seed, actor="李晓明", person="李晓明", task_id=gz06, day=MONDAY, hours=7, now=NOW
    )
    assert added.action == "added" and added.entry is not None
    assert _cell(seed, gz06, MONDAY) == (7.0, 1.5)  # GZ-05 has 2.5 h that day
    changed = set_cell_hours(
        seed, actor="王建国", person="李晓明", task_id=gz06, day=MONDAY, hours=5, now=NOW
    )
    assert changed.action == "changed"
    assert _cell(seed, gz06, MONDAY) == (5.0, 0.0)
    same = set_cell_hours(
        seed, actor="李晓明", person="李晓明", task_id=gz06, day=MONDAY, hours=5, now=NOW
    )
    assert same.action == "unchanged"
    deleted = set_cell_hours(
        seed, actor="李晓明", person="李晓明", task_id=gz06, day=MONDAY, hours=None, now=NOW
    )
    assert deleted.action == "deleted"
    assert _cell(seed, gz06, MONDAY) == (0.0, 0.0)


def test_a_cell_with_two_entries_changes_its_newest(seed: Store) -> None:
    gz05 = _task(seed, "GZ-05")
    add_entry(seed, person="李晓明", task_id=gz05, work_date=MONDAY, hours=1, now=NOW)
    assert _cell(seed, gz05, MONDAY)[0] == 3.5
    set_cell_hours(
        seed, actor="李晓明", person="李晓明", task_id=gz05, day=MONDAY, hours=4, now=NOW
    )
    assert _cell(seed, gz05, MONDAY)[0] == 4.0
    before = _unchanged(seed)
    with pytest.raises(ValidationError, match=r"holds 2 entries \(2.5 h \+ 1.5 h\)"):
        set_cell_hours(
            seed, actor="李晓明", person="李晓明", task_id=gz05, day=MONDAY, hours=2, now=NOW
        )
    assert _unchanged(seed) == before


@pytest.mark.parametrize(
    ("actor", "hours", "error", "message"),
    [
        (
            "李晓明",
            25,
            ValidationError,
            r"Hours on 2026-11-16 cannot exceed 24 in one day \(got 25\)\.",
        ),
        ("李晓明", -1, ValidationError, r"Hours on 2026-11-16 must be more than 0 \(got -1\)\."),
        (
            "李晓明",
            22,
            ValidationError,
            r"李晓明 would have 24.5 hours on 2026-11-16; a day has at most 24",
        ),
        (
            "赵雨桐",
            3,
            PermissionDeniedError,
            r"赵雨桐 \(clerk, 住建局\) may not change 李晓明's hours: that needs a department head",
        ),
    ],
)
def test_refused_cells_leave_the_store_unchanged(
    seed: Store, actor: str, hours: float, error: type, message: str
) -> None:
    gz06 = _task(seed, "GZ-06")
    before = _unchanged(seed)
    with pytest.raises(error, match=message):
        set_cell_hours(
            seed, actor=actor, person="李晓明", task_id=gz06, day=MONDAY, hours=hours, now=NOW
        )
    assert _unchanged(seed) == before


def test_preview_finds_the_header_below_a_title(tmp_path: Path) -> None:
    file = tmp_path / "hours.csv"
    file.write_text(
        "2026年11月工时台账\n姓名,任务编号,指标,日期,工时（小时）,说明\n"
        "李晓明,GZ-05,老旧小区改造项目推进率,2026-11-23,3,现场\n",
        encoding="utf-8-sig",
    )
    preview = preview_timesheet_file(file)
    assert preview.header_line == 2
    assert preview.detected == {
        "person": "姓名",
        "task": "任务编号",
        "indicator": "指标",
        "date": "日期",
        "hours": "工时（小时）",
        "note": "说明",
    }
    assert preview.missing == ()
    assert preview.sample == (
        ("李晓明", "GZ-05", "老旧小区改造项目推进率", "2026-11-23", "3", "现场"),
    )


def test_preview_of_unknown_headers_lets_the_user_map_them(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["员工", "项目", "当天", "用时"])
    sheet.append(["李晓明", "GZ-05", "2026-11-23", 3])
    file = tmp_path / "hours.xlsx"
    workbook.save(file)
    preview = preview_timesheet_file(file)
    assert preview.format == "xlsx"
    assert preview.detected == {"person": "员工"}
    assert preview.missing == ("task", "date", "hours")
    assert preview.sample == (("李晓明", "GZ-05", "2026-11-23", "3"),)
    chosen = {"person": "员工", "task": "项目", "date": "当天", "hours": "用时"}
    assert mapping_for(preview, chosen) == {
        "员工": "person",
        "项目": "task",
        "当天": "date",
        "用时": "hours",
    }
    with pytest.raises(ValidationError, match="Choose the column holding hours"):
        mapping_for(preview, {**chosen, "hours": ""})
    with pytest.raises(ValidationError, match="Column '用时' is chosen for both date and hours"):
        mapping_for(preview, {**chosen, "date": "用时"})


def test_preview_refuses_what_is_not_a_timesheet(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"empty\.csv is empty"):
        preview_timesheet_file(empty)
    with pytest.raises(NotFoundError, match="There is no file"):
        preview_timesheet_file(tmp_path / "missing.csv")
