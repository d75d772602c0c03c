"""Timesheet import (CSV/xlsx, column mapping, bad-row report, all or nothing) and export."""

from __future__ import annotations

import csv
import json
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import NOW, checkpoint, file_digest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from govperf_desktop.cli.main import main
from govperf_desktop.domain.errors import NotFoundError, ValidationError
from govperf_desktop.domain.timesheet_columns import parse_date
from govperf_desktop.paths import store_path
from govperf_desktop.services.admin import init_installation
from govperf_desktop.services.indicators import IndicatorDraft, TaskDraft, create_indicator
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.services.timesheet_export import export_timesheets
from govperf_desktop.services.timesheet_io import ImportRefused, import_timesheets
from govperf_desktop.services.timesheet_periods import submit_period
from govperf_desktop.services.timesheet_rules import is_rest_day
from govperf_desktop.services.timesheets import add_entry
from govperf_desktop.store.models import (
    Change,
    Department,
    Indicator,
    Person,
    Task,
    TimesheetEntry,
)
from govperf_desktop.store.store import open_store

INDICATOR = "政务服务跨省通办"
CLERKS = tuple(f"职员{n:02d}" for n in range(1, 21))
HEADERS = ["姓名", "部门", "指标", "任务编号", "日期", "工时", "加班", "备注"]
FIRST_DAY = date(2026, 1, 5)


def build_org(store) -> None:  # type: ignore[no-untyped-def]
    for name in ("民政局", "公安局", "财政局", "考核办"):
        add_department(store, name, now=NOW)
    for name in ("李娜", "张伟", *CLERKS):
        add_person(store, department="民政局", name=name, now=NOW)
    add_person(store, department="民政局", name="王芳", roles=("head",), now=NOW)
    add_person(store, department="公安局", name="李娜", now=NOW)  # a namesake
    add_person(store, department="考核办", name="周文博", roles=("central",), now=NOW)
    for name, lead, tasks in (
        (INDICATOR, "民政局", ("MZ-1", "MZ-2")),
        ("财政资金拨付时效", "财政局", ("CZ-1",)),
    ):
        create_indicator(
            store,
            IndicatorDraft(
                name=name,
                lead_department=lead,
                target="按时完成",
                period="2026",
                period_start=date(2026, 1, 1),
                period_end=date(2026, 12, 31),
                cooperating=("公安局",) if lead == "民政局" else (),
                tasks=tuple(
                    TaskDraft(code, lead, f"{code} 工作内容", deadline=date(2026, 12, 1))
                    for code in tasks
                ),
            ),
            now=NOW,
        )


@pytest.fixture
def office(store):  # type: ignore[no-untyped-def]
    build_org(store)
    checkpoint(store)
    return store


def fresh_office(tmp_path: Path, name: str):  # type: ignore[no-untyped-def]
    directory = tmp_path / name
    init_installation(directory, node_name=name, role="central", now=NOW)
    store = open_store(directory)
    build_org(store)
    return store


def _unchanged(store, action, error, match: str):  # type: ignore[no-untyped-def]
    checkpoint(store)
    path = store_path(store.path.parent)
    before = file_digest(path)
    with pytest.raises(error, match=match) as raised:
        action()
    checkpoint(store)
    assert file_digest(path) == before
    return raised.value


def _entries(store) -> list[tuple]:  # type: ignore[no-untyped-def]
    """Every entry by natural keys, comparable across stores."""
    with store.read() as session:
        rows = session.execute(
            select(
                Person.name,
                Department.name,
                Indicator.name,
                Task.code,
                TimesheetEntry.work_date,
                TimesheetEntry.hours,
                TimesheetEntry.overtime,
                TimesheetEntry.note,
            )
            .join(Person, Person.id == TimesheetEntry.person_id)
            .join(Department, Department.id == TimesheetEntry.department_id)
            .join(Task, Task.id == TimesheetEntry.task_id)
            .join(Indicator, Indicator.id == Task.indicator_id)
        ).all()
    return sorted(tuple(row) for row in rows)


def _write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


# --- the big file --------------------------------------------------------------------------------


def ten_thousand_rows() -> list[list[str]]:
    """20 clerks × 250 days × 2 tasks: 5 h on MZ-1 and 4 h on MZ-2 every day."""
    rows = []
    for offset in range(250):
        day = FIRST_DAY + timedelta(days=offset)
        text = day.isoformat() if offset % 2 else f"{day.year}/{day.month}/{day.day}"
        for clerk in CLERKS:
            rows.append([clerk, "民政局", INDICATOR, "MZ-1", text, "5", "", ""])
            rows.append([clerk, "民政局", INDICATOR, "MZ-2", text, "4", "", "日常工作"])
    return rows


def spoil(rows: list[list[str]]) -> dict[int, str]:
    """Make exactly ten rows bad; returns line number -> what the report must say."""

    def at(line: int) -> list[str]:
        return rows[line - 2]  # line 1 is the header

    def workday_line(start: int) -> int:
        line = start
        while line % 2 or is_rest_day(parse_date(at(line)[4])):
            line += 1  # the first row of a person's day (even line), on a workday
        return line

    at(101)[0] = "查无此人"
    at(502)[3] = "MZ-9"
    at(1003)[4] = "2026-02-30"
    at(2004)[5] = "八小时"
    at(3005)[5] = "30"
    at(4007)[5], at(4007)[6] = "5", "6"
    at(6009)[5] = "20"  # the day's other row has 5 h: 25 h
    at(7010)[1] = "水利局"
    at(8011)[3], at(8011)[2] = "CZ-1", "财政资金拨付时效"
    overtime_line = workday_line(9000)
    at(overtime_line)[6] = "3"  # a 9 h workday has 1 h of overtime
    return {
        101: "unknown person '查无此人' in 民政局",
        502: f"indicator {INDICATOR} has no task 'MZ-9'",
        1003: "date '2026-02-30' does not exist",
        2004: "hours '八小时' is not a number",
        3005: "cannot exceed 24 in one day (got 30)",
        4007: "(6 h) cannot exceed the hours worked (5 h)",
        6009: f"would have 25 hours on {parse_date(at(6009)[4]):%Y-%m-%d} "
        "(0 already stored, 5 in rows above); a day has at most 24",
        7010: "unknown department '水利局'",
        8011: "Task CZ-1 belongs to indicator 财政资金拨付时效, which 民政局 does not work on",
        overtime_line: "can be at most 1 h (got 3): only hours beyond the standard 8-hour day",
    }


def test_ten_thousand_rows_with_ten_bad_ones_import_nothing_and_report_all(
    office, tmp_path: Path
) -> None:
    rows = ten_thousand_rows()
    expected = spoil(rows)
    path = _write_csv(tmp_path / "工时.csv", [HEADERS, *rows], encoding="utf-8-sig")

    started = time.perf_counter()
    report = import_timesheets(office, path, actor="周文博", dry_run=True, now=NOW)
    checked_in = time.perf_counter() - started
    assert report.rows == 10_000 and report.valid_rows == 9_990 and report.imported == 0
    assert [bad.line for bad in report.bad_rows] == sorted(expected)
    for bad in report.bad_rows:
        assert expected[bad.line] in bad.reason, (bad.line, bad.reason)

    refused = _unchanged(
        office,
        lambda: import_timesheets(office, path, actor="周文博", now=NOW),
        ImportRefused,
        "10 of 10000 rows of 工时.csv are bad, so nothing was imported",
    )
    assert refused.report.bad_rows == report.bad_rows
    assert checked_in < 20, f"checking 10,000 rows took {checked_in:.1f} s"


def test_the_fixed_file_imports_all_ten_thousand_rows_in_one_captured_write(
    office, tmp_path: Path
) -> None:
    rows = ten_thousand_rows()
    path = _write_csv(tmp_path / "工时.csv", [HEADERS, *rows], encoding="utf-8-sig")
    with office.read() as session:
        changes_before = session.scalar(select(func.count(Change.id)))

    started = time.perf_counter()
    report = import_timesheets(office, path, actor="周文博", now=NOW)
    seconds = time.perf_counter() - started
    print(f"\nimported 10,000 rows in {seconds:.2f} s")
    assert report.imported == 10_000 and not report.bad_rows and report.encoding == "utf-8-sig"
    assert seconds < 30, f"importing 10,000 rows took {seconds:.1f} s"

    with office.read() as session:
        count, hours, overtime = session.execute(
            select(
                func.count(TimesheetEntry.id),
                func.sum(TimesheetEntry.hours),
                func.sum(TimesheetEntry.overtime),
            )
        ).one()
        captured = session.scalar(
            select(func.count(Change.id)).where(Change.table_name == "timesheet_entries")
        )
        changes_after = session.scalar(select(func.count(Change.id)))
        importer = session.scalar(select(Person.id).where(Person.name == "周文博"))
        actors = set(
            session.scalars(
                select(Change.actor_id).where(Change.table_name == "timesheet_entries").distinct()
            )
        )
    rest_days = sum(is_rest_day(FIRST_DAY + timedelta(days=n)) for n in range(250))
    assert (count, hours) == (10_000, 10_000 * 4.5)
    assert overtime == 20 * (rest_days * 9 + (250 - rest_days) * 1)
    assert captured == 10_000 and changes_after - changes_before == 10_000
    assert actors == {importer}

    # Importing the same file again: every row is already stored.
    again = import_timesheets(office, path, actor="周文博", dry_run=True, now=NOW)
    assert len(again.bad_rows) == 10_000
    assert "is already stored; was this file imported before?" in again.bad_rows[0].reason


# --- encodings, Excel, mapping ------------------------------------------------------------------


SMALL = [
    HEADERS,
    ["李娜", "民政局", INDICATOR, "MZ-1", "2026-11-03", "9", "", "整理清单"],
    ["张伟", "民政局", INDICATOR, "MZ-2", "2026/11/7", "3", "", ""],
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_utf8_with_or_without_bom_and_in_gb18030(office, tmp_path, encoding) -> None:
    path = _write_csv(tmp_path / "small.csv", SMALL, encoding=encoding)
    report = import_timesheets(office, path, actor="王芳", now=NOW)
    assert (report.imported, report.encoding) == (2, encoding)
    assert _entries(office) == [
        ("张伟", "民政局", INDICATOR, "MZ-2", date(2026, 11, 7), 3, 3, None),
        ("李娜", "民政局", INDICATOR, "MZ-1", date(2026, 11, 3), 9, 1, "整理清单"),
    ]


def test_xlsx_with_chinese_headers_a_title_row_and_excel_dates(office, tmp_path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["2026年11月 民政局工时台账"])
    sheet.append(["序号", "姓名", "部门", "指标名称", "任务", "工作日期", "工时（小时）", "备注"])
    serial = (date(2026, 11, 4) - date(1899, 12, 30)).days
    sheet.append([1, "李娜", "民政局", INDICATOR, "MZ-1", datetime(2026, 11, 3), 7.5, None])
    sheet.append([2, "李娜", "民政局", INDICATOR, "MZ-2", serial, 10, "加班赶材料"])
    sheet.append([None] * 8)  # blank rows are not rows
    sheet.append([3, "张伟", "民政局", INDICATOR, "MZ-1", "2026年11月5日", 2, None])
    workbook.save(tmp_path / "工时.xlsx")

    report = import_timesheets(office, tmp_path / "工时.xlsx", actor="周文博", now=NOW)
    assert (report.format, report.header_line, report.imported) == ("xlsx", 2, 3)
    assert report.ignored_columns == ("序号",)
    assert report.columns["hours"] == "工时（小时）" and report.columns["date"] == "工作日期"
    assert _entries(office) == [
        ("张伟", "民政局", INDICATOR, "MZ-1", date(2026, 11, 5), 2, 0, None),
        ("李娜", "民政局", INDICATOR, "MZ-1", date(2026, 11, 3), 7.5, 0, None),
        ("李娜", "民政局", INDICATOR, "MZ-2", date(2026, 11, 4), 10, 2, "加班赶材料"),
    ]


def test_an_explicit_mapping_names_columns_the_detection_does_not_know(office, tmp_path) -> None:
    path = _write_csv(
        tmp_path / "legacy.csv",
        [
            ["Staff", "Unit", "Programme", "Job", "Day", "Time spent", "Extra"],
            ["李娜", "民政局", INDICATOR, "MZ-1", "2026-11-03", "8", "x"],
        ],
    )
    _unchanged(
        office,
        lambda: import_timesheets(office, path, actor="周文博", now=NOW),
        ValidationError,
        "The file has no column for 姓名 \\(person\\) / 任务编号 \\(task\\)",
    )
    mapping = {
        "Staff": "person",
        "Unit": "department",
        "Job": "task",
        "Time spent": "hours",
        "Programme": "indicator",
    }
    report = import_timesheets(office, path, actor="周文博", mapping=mapping, now=NOW)
    assert report.imported == 1 and report.ignored_columns == ("Extra",)
    for bad_mapping, match in (
        ({"Hours": "hours"}, "The file has no column 'Hours' to map to hours"),
        ({"Staff": "person", "Unit": "person"}, "Two columns are mapped to person"),
    ):
        _unchanged(
            office,
            lambda m=bad_mapping: import_timesheets(
                office, path, actor="周文博", mapping=m, dry_run=True, now=NOW
            ),
            ValidationError,
            match,
        )


def test_rows_are_checked_against_stored_entries_periods_and_who_imports(office, tmp_path) -> None:
    add_entry(
        office, person="李娜@民政局", task_id="MZ-1", indicator=INDICATOR,
        work_date=date(2026, 11, 3), hours=20, now=NOW,
    )  # fmt: skip
    add_entry(
        office, person="张伟", task_id="MZ-1", indicator=INDICATOR,
        work_date=date(2026, 11, 10), hours=2, now=NOW,
    )  # fmt: skip
    submit_period(office, actor="张伟", kind="week", day=date(2026, 11, 10), now=NOW)
    path = _write_csv(
        tmp_path / "rows.csv",
        [
            HEADERS,
            ["李娜", "民政局", INDICATOR, "MZ-2", "2026-11-03", "5", "", ""],  # 25 h with stored
            ["张伟", "民政局", INDICATOR, "MZ-2", "2026-11-11", "1", "", ""],  # submitted week
            ["李娜", "", INDICATOR, "MZ-2", "2026-11-04", "1", "", ""],  # two people called 李娜
            ["李娜", "公安局", INDICATOR, "MZ-2", "2026-11-04", "1", "", ""],  # cooperating: fine
            ["李娜", "民政局", INDICATOR, "MZ-1", "2026-11-03", "20", "", ""],  # same as stored
            ["", "民政局", "", "MZ-1", "", "", "", ""],
        ],
    )
    report = import_timesheets(office, path, actor="周文博", dry_run=True, now=NOW)
    reasons = {bad.line: bad.reason for bad in report.bad_rows}
    assert sorted(reasons) == [2, 3, 4, 6, 7]
    assert (
        "李娜 would have 25 hours on 2026-11-03 (20 already stored, 0 in rows above)"
        in (reasons[2])
    )
    assert "张伟's timesheet for the week 2026-11-09 to 2026-11-15 is submitted" in reasons[3]
    assert reasons[4] == "more than one person is called '李娜'; add a 部门 (department) column"
    assert "is already stored" in reasons[6]
    assert reasons[7] == (
        "person is empty; the date is empty; hours are empty; task 'MZ-1' is not a task id; "
        "add a 指标 (indicator) column to name tasks by code"
    )
    # A clerk may import only their own hours; their head those of the department.
    mine = _write_csv(
        tmp_path / "mine.csv",
        [
            HEADERS,
            ["李娜", "民政局", INDICATOR, "MZ-1", "2026-11-18", "8", "", ""],
            ["张伟", "民政局", INDICATOR, "MZ-1", "2026-11-18", "8", "", ""],
        ],
    )
    clerk = import_timesheets(office, mine, actor="李娜@民政局", dry_run=True, now=NOW)
    assert [(bad.line, bad.reason) for bad in clerk.bad_rows] == [
        (
            3,
            "李娜 (clerk, 民政局) may not import hours of 张伟 (民政局): that needs a department "
            "head of 民政局, or the central office (role central or admin)",
        )
    ]
    assert not import_timesheets(office, mine, actor="王芳", dry_run=True, now=NOW).bad_rows


def test_files_that_cannot_be_read_are_refused(office, tmp_path) -> None:
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "fake.xlsx").write_text("not a zip")
    (tmp_path / "empty.csv").write_text("")
    (tmp_path / "header.csv").write_text(",".join(HEADERS) + "\n")
    (tmp_path / "binary.csv").write_bytes(b"\xff\xfe\x00\x81\x30\x81")
    for name, error, match in (
        ("missing.csv", NotFoundError, "There is no file"),
        ("old.xls", ValidationError, "old Excel .xls file"),
        ("fake.xlsx", ValidationError, "is not an Excel workbook"),
        ("empty.csv", ValidationError, "The file is empty"),
        ("header.csv", ValidationError, "has a header row but no rows"),
        ("binary.csv", ValidationError, "neither UTF-8 nor GB18030"),
    ):
        _unchanged(
            office,
            lambda n=name: import_timesheets(office, tmp_path / n, actor="周文博", now=NOW),
            error,
            match,
        )


# --- export ---------------------------------------------------------------------------------------


def _fill(store) -> None:  # type: ignore[no-untyped-def]
    for person, code, day, hours, overtime, note in (
        ("李娜@民政局", "MZ-1", date(2026, 11, 2), 9, None, '整理清单, 含"引号"'),
        ("李娜@民政局", "MZ-2", date(2026, 11, 2), 2, 0, "=SUM(A1:A9)"),
        ("李娜@民政局", "MZ-1", date(2026, 11, 7), 4.5, None, "-周末加班\n第二行"),
        ("张伟", "MZ-2", date(2026, 11, 3), 7.25, None, None),
        ("李娜@公安局", "MZ-1", date(2026, 11, 4), 8, None, "@民政局 配合"),
    ):
        add_entry(
            store, person=person, task_id=code, indicator=INDICATOR, work_date=day,
            hours=hours, overtime=overtime, note=note, now=NOW,
        )  # fmt: skip


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_entries(office, tmp_path, format) -> None:
    _fill(office)
    out = tmp_path / f"export.{format}"
    result = export_timesheets(office, out, format=format)
    assert (result.rows, result.hours) == (5, 30.75)
    assert not list(tmp_path.glob(".*.part"))
    other = fresh_office(tmp_path, f"other-{format}")
    try:
        report = import_timesheets(other, out, actor="周文博", now=NOW)
        assert report.imported == 5 and report.ignored_columns == ("任务内容",)
        assert _entries(other) == _entries(office)
    finally:
        other.close()


def test_export_formats_and_filters(office, tmp_path) -> None:
    _fill(office)
    csv_path = tmp_path / "民政局.csv"
    result = export_timesheets(
        office,
        csv_path,
        department="民政局",
        date_from=date(2026, 11, 3),
        date_to=date(2026, 11, 30),
    )
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so Excel reads the Chinese correctly
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert lines[0] == [
        "日期",
        "姓名",
        "部门",
        "指标",
        "指标周期",
        "任务编号",
        "任务内容",
        "工时",
        "加班",
        "备注",
    ]
    assert result.rows == 2 and [line[0] for line in lines[1:]] == ["2026-11-03", "2026-11-07"]

    assert export_timesheets(office, tmp_path / "p.csv", person="李娜@公安局").rows == 1
    assert export_timesheets(office, tmp_path / "i.csv", indicator=INDICATOR).rows == 5
    assert export_timesheets(office, tmp_path / "c.csv", indicator="财政资金拨付时效").rows == 0

    xlsx_path = tmp_path / "all.xlsx"
    export_timesheets(office, xlsx_path, format="xlsx")
    sheet = load_workbook(xlsx_path).active
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[1]][:3] == ["日期", "姓名", "部门"]
    first = [cell for cell in sheet[2]]
    assert first[0].is_date and first[0].value == datetime(2026, 11, 2)
    assert first[7].data_type == "n" and first[7].value == 9
    formula_row = [row for row in sheet.iter_rows(min_row=2) if row[9].value == "=SUM(A1:A9)"]
    assert formula_row and formula_row[0][9].data_type == "s"  # text, never run as a formula

    for kwargs, match in (
        ({"format": "pdf"}, "Export format 'pdf' is unknown"),
        ({"date_from": date(2026, 12, 1), "date_to": date(2026, 11, 1)}, "ends before it starts"),
    ):
        with pytest.raises(ValidationError, match=match):
            export_timesheets(office, tmp_path / "x.csv", **kwargs)
    with pytest.raises(ValidationError, match="does not exist; choose another --out"):
        export_timesheets(office, tmp_path / "no" / "x.csv")
    with pytest.raises(NotFoundError, match="Unknown department"):
        export_timesheets(office, tmp_path / "x.csv", department="水利局")


# --- the command line --------------------------------------------------------------------------


def test_import_and_export_commands(office, tmp_path, capsys) -> None:
    directory = str(office.path.parent)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", directory, *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    bad = _write_csv(
        tmp_path / "bad.csv",
        [
            *SMALL,
            ["李娜", "民政局", INDICATOR, "MZ-1", "2026-11-31", "2", "", ""],
            ["无名", "民政局", INDICATOR, "MZ-1", "2026-11-03", "x", "", ""],
        ],
    )
    checkpoint(office)
    before = file_digest(store_path(office.path.parent))
    code, out, err = run("--as", "周文博", "hours", "import", str(bad), "--dry-run")
    assert code == 2 and "line 4: date '2026-11-31' does not exist" in out
    assert "line 5: hours 'x' is not a number; unknown person '无名' in 民政局" in out
    assert "2 of 4 rows are bad" in err
    code, out, err = run("--as", "周文博", "--json", "hours", "import", str(bad))
    assert code == 2 and [row["line"] for row in json.loads(out)["bad_rows"]] == [4, 5]
    assert "nothing was imported" in err and err.count("\n") == 1
    checkpoint(office)
    assert file_digest(store_path(office.path.parent)) == before

    legacy = _write_csv(
        tmp_path / "legacy.csv",
        [
            ["Who", "Job", "Programme", "When", "Hrs"],
            ["张伟", "MZ-2", INDICATOR, "2026-11-06", "6"],
        ],
    )
    code, _, err = run("--as", "周文博", "hours", "import", str(legacy))
    assert code == 2 and "--map HEADER=FIELD" in err
    mapping = "Who=person,Job=task,Programme=indicator,When=date，Hrs=hours"
    code, out, _ = run("--as", "周文博", "hours", "import", str(legacy), "--map", mapping)
    assert code == 0 and "Imported 1 entries (6 h)" in out
    code, _, err = run("--as", "周文博", "hours", "import", str(legacy), "--map", "Who=whom")
    assert code == 2 and "unknown field 'whom'" in err

    out_path = tmp_path / "out.xlsx"
    code, out, _ = run(
        "hours", "export", "--format", "xlsx", "--out", str(out_path),
        "--person", "张伟", "--from", "2026-11-01", "--to", "2026-11-30",
    )  # fmt: skip
    assert code == 0 and "Exported 1 entries (6 h)" in out and out_path.exists()


# --- parsing cells ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("2026-11-03", date(2026, 11, 3)),
        ("2026/11/3", date(2026, 11, 3)),
        ("2026.11.03", date(2026, 11, 3)),
        ("２０２６年１１月３日", date(2026, 11, 3)),  # full-width digits
        ("20261103", date(2026, 11, 3)),
        ("2026-11-03 00:00:00", date(2026, 11, 3)),
        (datetime(2026, 11, 3, 0, 0), date(2026, 11, 3)),
        (46329, date(2026, 11, 3)),  # an Excel serial number
        ("46329", date(2026, 11, 3)),
    ],
)
def test_dates_in_the_forms_offices_write_them(cell, day) -> None:
    assert parse_date(cell) == day


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("", "the date is empty"),
        ("2026-02-29", "date '2026-02-29' does not exist"),
        ("下周一", "'下周一' is not a date like 2026-11-03"),
        (12, "12 is not a date like 2026-11-03"),
    ],
)
def test_what_is_not_a_date_says_why(cell, reason) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_date(cell)


def test_hours_headers_and_mappings() -> None:
    from govperf_desktop.domain.timesheet_columns import (
        normalise_header,
        parse_hours,
        parse_mapping,
    )

    assert [parse_hours(v) for v in (7.5, "7.5", " ７.５ ", "8h", "8 小时", "8 hours")] == [
        7.5, 7.5, 7.5, 8, 8, 8,
    ]  # fmt: skip
    for bad in ("", "八", "nan", "inf"):
        with pytest.raises(ValueError):
            parse_hours(bad)
    assert normalise_header(" 工时（小时） ") == "工时"
    assert normalise_header("Work Date") == "workdate"
    assert parse_mapping("工时=hours， 姓名 = Person,") == {"工时": "hours", "姓名": "person"}
    with pytest.raises(ValidationError, match="is not HEADER=FIELD"):
        parse_mapping("工时")
