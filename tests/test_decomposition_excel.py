"""Decomposition tables in and out of Excel: template, import with every problem, export."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import NOW, checkpoint, file_digest
from decomposition_helpers import (
    CROSS_PROVINCE,
    CROSS_PROVINCE_ROWS,
    DEPARTMENTS,
    Q4,
    cross_province_draft,
    fill,
    organisation,
    unchanged,
)
from openpyxl import Workbook, load_workbook

from govperf_desktop.domain.decomposition import TableProblems
from govperf_desktop.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from govperf_desktop.paths import resources_dir, store_path
from govperf_desktop.services.admin import init_installation
from govperf_desktop.services.decomposition import (
    export_indicator,
    import_workbook,
    write_template,
)
from govperf_desktop.services.indicator_views import show_indicator
from govperf_desktop.services.indicators import (
    IndicatorDraft,
    TaskDraft,
    create_indicator,
)
from govperf_desktop.store.store import open_store


@pytest.fixture
def office(store):  # type: ignore[no-untyped-def]
    organisation(store)
    checkpoint(store)
    return store


@pytest.fixture
def other_office(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A second, fresh installation with the same departments (the round trip's target)."""
    directory = tmp_path / "other"
    init_installation(directory, node_name="另一个考核办", role="central", now=NOW)
    store = open_store(directory)
    organisation(store)
    yield store
    store.close()


# --- the Excel template ------------------------------------------------------------------


def test_template_is_formatted_from_its_definition(office, tmp_path: Path) -> None:
    definition = json.loads(
        (resources_dir() / "templates" / "decomposition.json").read_text(encoding="utf-8")
    )
    out = tmp_path / "模板.xlsx"
    result = write_template(out, office)
    assert result.departments == len(DEPARTMENTS)
    book = load_workbook(out)
    assert book.sheetnames == ["指标", "任务", "连带责任", "说明", "部门"]
    for sheet in definition["sheets"]:
        page = book[sheet["name"]]
        headers = [cell.value for cell in page[1]]
        assert headers == [column["header"] for column in sheet["columns"]]
        assert page.max_row == 1  # empty: headers only
        assert page.freeze_panes == "A2"
        for index, column in enumerate(sheet["columns"]):
            cell = page.cell(row=1, column=index + 1)
            assert cell.font.bold and cell.comment is not None
            assert page.column_dimensions[cell.column_letter].width == column["width"]
    assert [c.value for c in book["任务"][1]] == [
        "任务编号", "责任部门", "任务内容", "截止日期", "重复规则", "输出标准", "依赖任务",
    ]  # fmt: skip
    validations = {
        dv.formula1
        for sheet in ("任务", "连带责任")
        for dv in book[sheet].data_validations.dataValidation
    }
    assert '"未完成导致指标未达标,配合部门,延误阻塞他部门"' in validations
    assert "='部门'!$A$2:$A$5" in validations  # 责任部门 and 牵头部门 offer the known departments
    explained = {row[1] for row in book["说明"].iter_rows(values_only=True)}
    assert {"重复规则", "输出标准", "依赖任务", "扣减比例%"} <= explained
    assert [r[0] for r in book["部门"].iter_rows(min_row=2, values_only=True)] == sorted(
        DEPARTMENTS
    )


def _canonical(store, name: str):  # type: ignore[no-untyped-def]
    table = show_indicator(store, name)
    return (
        table.name,
        table.lead_department,
        table.cooperating,
        table.target,
        table.period,
        table.period_start,
        table.period_end,
        sorted(
            (
                row.code,
                row.department,
                row.content,
                row.deadline,
                row.recurrence,
                row.standard,
                row.depends_on,
                [(i.code, i.period, i.deadline, i.depends_on) for i in row.instances],
            )
            for row in table.tasks
        ),
        [(rule.kind, rule.percent, rule.description) for rule in table.liability],
    )


def _sheet_values(path: Path) -> dict[str, list[tuple]]:
    book = load_workbook(path)
    return {
        name: list(book[name].iter_rows(values_only=True)) for name in ("指标", "任务", "连带责任")
    }


def test_template_fill_import_export_import_gives_the_same_table(
    office, other_office, tmp_path: Path
) -> None:
    template = tmp_path / "template.xlsx"
    write_template(template, office)
    filled = fill(
        template,
        tmp_path / "filled.xlsx",
        tasks=CROSS_PROVINCE_ROWS,
        rules=[["未完成导致指标未达标", 20, "未完成扣20%"], ["延误阻塞他部门", "15%", None]],
    )
    first = import_workbook(office, filled, actor="周主任", now=NOW)
    assert first.saved and (first.tasks, first.recurring, first.instances) == (5, 3, 9)
    assert first.liability_rules == 2

    exported = tmp_path / "exported.xlsx"
    export_indicator(office, CROSS_PROVINCE, exported)
    second = import_workbook(other_office, exported, actor="周主任", now=NOW)
    again = tmp_path / "again.xlsx"
    export_indicator(other_office, CROSS_PROVINCE, again)

    assert _canonical(office, CROSS_PROVINCE) == _canonical(other_office, CROSS_PROVINCE)
    assert _sheet_values(exported) == _sheet_values(again)
    assert (second.tasks, second.instances, second.dependencies) == (5, 9, 16)

    table = show_indicator(other_office, CROSS_PROVINCE)
    rows = {row.code: row for row in table.tasks}
    assert rows["SB-2"].depends_on == ("GA-1", "SB-1")
    assert rows["GA-1"].standard == ("需完成异地公安系统接口联调", "需提供户籍信息核验测试记录")
    assert [i.depends_on for i in rows["GA-1"].instances] == [
        ("MZ-1/2026-10",),
        ("MZ-1/2026-11",),
        ("MZ-1/2026-12",),
    ]
    assert table.departments[:3] == ("民政局", "公安局", "社保局")  # lead, then cooperating
    # exported dates are real Excel dates, rules in the Chinese form, templates only
    book = load_workbook(exported)
    indicator = book["指标"]
    assert indicator["F2"].is_date and indicator["G2"].is_date
    codes = [row[0] for row in book["任务"].iter_rows(min_row=2, values_only=True)]
    assert codes == ["GA-1", "KH-1", "MZ-1", "SB-1", "SB-2"]
    task = {row[0]: row for row in book["任务"].iter_rows(min_row=2, values_only=True)}
    assert task["MZ-1"][4] == "每月10日" and task["MZ-1"][3] is None
    assert isinstance(task["SB-2"][3], datetime) and task["SB-2"][3].date() == date(2026, 12, 31)


def test_text_that_looks_like_a_formula_stays_text(office, other_office, tmp_path) -> None:
    draft = cross_province_draft()
    task = TaskDraft("KH-1", "考核办", '=HYPERLINK("http://x")', deadline=date(2026, 11, 5))
    create_indicator(office, IndicatorDraft(**{**draft.__dict__, "tasks": (task,)}), now=NOW)
    exported = tmp_path / "formula.xlsx"
    export_indicator(office, CROSS_PROVINCE, exported)
    cell = load_workbook(exported)["任务"]["C2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'
    import_workbook(other_office, exported, actor="周主任", now=NOW)
    assert show_indicator(other_office, CROSS_PROVINCE).tasks[0].content == task.content


def test_every_problem_is_reported_with_sheet_and_row_and_nothing_saved(
    office, tmp_path: Path
) -> None:
    template = tmp_path / "template.xlsx"
    write_template(template, office)
    create_indicator(office, cross_province_draft(), now=NOW)
    broken = fill(
        template,
        tmp_path / "broken.xlsx",
        indicator=[CROSS_PROVINCE, "民政局", "公安局、民政局、水利局", "目标", "2026-Q4", *Q4],
        tasks=[
            ["A-1", "民政局", "收集清单", "2026-13-40", None, None, None],
            ["A-1", "公安局", "对接系统", date(2026, 11, 15), None, None, "A-9"],
            ["B-1", "不存在的局", "测试", None, "每月35日", None, None],
            ["C-1", "社保局", "甲", date(2026, 11, 1), "每月10日", "x；x", "C-2"],
            ["C-2", "社保局", "乙", None, None, None, "C-1"],
            ["D-1", "社保局", "丙", "下周", None, None, None],
        ],
        rules=[["未完成导致指标未达标", 120, None], ["连坐", 10, None], ["配合部门", "十", None]],
    )
    refused = unchanged(
        office,
        lambda: import_workbook(office, broken, actor="周主任", now=NOW),
        TableProblems,
        "broken.xlsx has 16 problems; nothing was saved",
    )
    lines = str(refused).splitlines()[1:]
    assert len(lines) == len(refused.problems) == 16
    expected = [
        "Sheet 指标, row 2: 民政局 is the lead department (牵头部门); it cannot also be a "
        "cooperating department (配合部门).",
        "Sheet 指标, row 2: Unknown department '水利局'",
        f"Sheet 指标, row 2: Indicator {CROSS_PROVINCE} already exists for period 2026-Q4",
        "Sheet 任务, row 2: 截止日期 '2026-13-40' is not a real date.",
        "Sheet 任务, row 3: Task code A-1 is used twice in this table (also row 2).",
        "Sheet 任务, row 3: Task A-1 depends on A-9, which is not a task of this indicator",
        "Sheet 任务, row 4: Unknown department '不存在的局'",
        "Sheet 任务, row 4: Task B-1: Recurrence '每月35日' is not a rule we know",
        "Sheet 任务, row 5: Task C-1 has both a deadline and a recurrence",
        "Sheet 任务, row 5: Task C-1 lists the output standard item 'x' twice.",
        "Sheet 任务, row 5: Task dependencies form a cycle: C-1 → C-2 → C-1.",
        "Sheet 任务, row 6: Task C-2 needs a deadline or a recurrence.",
        "Sheet 任务, row 7: 截止日期 '下周' is not a date; write it like 2026-11-10.",
        "Sheet 连带责任, row 2: The deduction for 未完成导致指标未达标 must be between 0 and 100 "
        "percent (got 120).",
        "Sheet 连带责任, row 3: 类型 '连坐' is not a kind of liability we know",
        "Sheet 连带责任, row 4: 扣减比例% '十' is not a number; write e.g. 20 for 20%.",
    ]
    for line in expected:
        assert any(problem.strip().startswith(line) for problem in lines), line


def test_a_file_that_is_not_a_workbook_or_lacks_a_sheet_gives_one_clear_error(
    office, tmp_path: Path
) -> None:
    text = tmp_path / "table.xlsx"
    text.write_text("指标名称,牵头部门\n", encoding="utf-8")
    csv = tmp_path / "table.csv"
    csv.write_text("指标名称,牵头部门\n", encoding="utf-8")
    old = tmp_path / "table.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    partial = tmp_path / "partial.xlsx"
    book = Workbook()
    book.active.title = "指标"
    book.create_sheet("任务")
    book.save(partial)
    cases = [
        (text, ValidationError, r"^table\.xlsx is not an Excel workbook \(\.xlsx\); fill in"),
        (csv, ValidationError, r"^table\.csv is not an Excel workbook"),
        (old, ValidationError, r"old-style \.xls workbook; open it in Excel and save it as \.xlsx"),
        (tmp_path / "missing.xlsx", NotFoundError, "There is no file"),
        (tmp_path, ValidationError, "is a folder"),
        (
            partial,
            ValidationError,
            r"^partial\.xlsx has no sheet 连带责任 \(its sheets: 指标、任务\)",
        ),
    ]
    for path, error, match in cases:
        refused = unchanged(
            office,
            lambda path=path: import_workbook(office, path, actor="周主任", now=NOW),
            error,
            match,
        )
        assert "\n" not in str(refused) and not isinstance(refused, TableProblems)


def test_import_is_the_central_offices_action_but_anyone_may_dry_run(office, tmp_path) -> None:
    template = tmp_path / "template.xlsx"
    write_template(template, office)
    filled = fill(template, tmp_path / "filled.xlsx", tasks=CROSS_PROVINCE_ROWS)
    unchanged(
        office,
        lambda: import_workbook(office, filled, actor="李娜", now=NOW),
        PermissionDeniedError,
        r"李娜 \(clerk, 民政局\) may not import indicators: that needs the central office",
    )
    unchanged(
        office,
        lambda: import_workbook(office, filled, actor=None, now=NOW),
        ValidationError,
        r"name who imports it \(--as PERSON",
    )
    checkpoint(office)
    before = file_digest(store_path(office.path.parent))
    checked = import_workbook(office, filled, actor=None, now=NOW, dry_run=True)
    checkpoint(office)
    assert file_digest(store_path(office.path.parent)) == before
    assert not checked.saved and checked.indicator_id is None
    assert (checked.tasks, checked.instances, checked.liability_rules) == (5, 9, 3)


def test_a_sheet_without_a_required_column_is_reported_once(office, tmp_path: Path) -> None:
    template = tmp_path / "template.xlsx"
    write_template(template, office)
    book = load_workbook(template)
    book["任务"]["B1"] = "部门"  # renamed header
    book["连带责任"]["B1"] = "扣减比例％"  # full-width % is the same header
    book["指标"].append([CROSS_PROVINCE, "民政局", None, "目标", "2026-Q4", *Q4])
    book["任务"].append(["MZ-1", "民政局", "收集清单", date(2026, 11, 10)])
    book["连带责任"].append(["配合部门", 0.1, None])
    book["连带责任"]["B2"].number_format = "0%"  # 10% typed as a percentage
    path = tmp_path / "renamed.xlsx"
    book.save(path)
    refused = unchanged(
        office,
        lambda: import_workbook(office, path, actor="周主任", now=NOW),
        TableProblems,
        "1 problem",
    )
    assert [str(p) for p in refused.problems] == [
        "Sheet 任务: Row 1 has no column 责任部门; keep the template's column headers."
    ]
    book["任务"]["B1"] = "责任部门"
    book.save(path)
    import_workbook(office, path, actor="周主任", now=NOW)
    rules = show_indicator(office, CROSS_PROVINCE).liability
    assert [(rule.kind, rule.percent) for rule in rules] == [("cooperating", 10.0)]
