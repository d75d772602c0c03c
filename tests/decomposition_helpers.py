"""Shared by the decomposition-table tests: a small organisation, the 跨省通办 case, filling
the template, and proving a refusal left the store file unchanged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import NOW, checkpoint, file_digest
from openpyxl import load_workbook

from govperf_desktop.paths import store_path
from govperf_desktop.services.indicators import IndicatorDraft, TaskDraft
from govperf_desktop.services.org import add_department, add_person

DEPARTMENTS = ("考核办", "民政局", "公安局", "社保局")
CROSS_PROVINCE = "政务服务“跨省通办”"
Q4 = (date(2026, 10, 1), date(2026, 12, 31))


def organisation(store) -> None:  # type: ignore[no-untyped-def]
    for name in DEPARTMENTS:
        add_department(store, name, now=NOW)
    add_person(store, department="考核办", name="周主任", roles=("central",), now=NOW)
    add_person(store, department="考核办", name="管理员", roles=("admin",), now=NOW)
    add_person(store, department="民政局", name="李娜", roles=("clerk",), now=NOW)
    add_person(store, department="民政局", name="杨帆", roles=("head",), now=NOW)


def unchanged(store, action, error, match: str):  # type: ignore[no-untyped-def]
    path = store_path(store.path.parent)
    checkpoint(store)
    before = file_digest(path)
    with pytest.raises(error, match=match) as raised:
        action()
    checkpoint(store)
    assert file_digest(path) == before
    return raised.value


def cross_province_draft() -> IndicatorDraft:
    return IndicatorDraft(
        name=CROSS_PROVINCE,
        lead_department="民政局",
        target="高频政务服务事项“跨省通办”覆盖率达到100%",
        period="2026-Q4",
        period_start=Q4[0],
        period_end=Q4[1],
        cooperating=("公安局", "社保局"),
        tasks=(
            TaskDraft(
                "MZ-1",
                "民政局",
                "收集“跨省通办”事项清单",
                recurrence="每月10日",
                standard=("事项清单需列明事项名称和办理层级", "需注明受理条件和申请材料"),
            ),
            TaskDraft(
                "GA-1",
                "公安局",
                "对接异地公安系统",
                recurrence="monthly:15",
                standard=("需完成异地公安系统接口联调",),
                depends_on=("MZ-1",),
            ),
            TaskDraft(
                "SB-1",
                "社保局",
                "测试“跨省通办”流程",
                recurrence="每月20日",
                standard=("需覆盖清单内全部事项的测试用例",),
                depends_on=("GA-1",),
            ),
        ),
    )


def fill(template: Path, out: Path, *, tasks: list[list], indicator: list | None = None,
          rules: list[list] | None = None) -> Path:  # fmt: skip
    book = load_workbook(template)
    book["指标"].append(
        indicator or [CROSS_PROVINCE, "民政局", "公安局、社保局", "覆盖率达到100%", "2026-Q4", *Q4]
    )
    for row in tasks:
        book["任务"].append(row)
    for row in rules or []:
        book["连带责任"].append(row)
    book.save(out)
    return out


CROSS_PROVINCE_ROWS = [
    ["MZ-1", "民政局", "收集“跨省通办”事项清单", None, "每月10日",
     "事项清单需列明事项名称和办理层级；需注明受理条件和申请材料", None],
    ["GA-1", "公安局", "对接异地公安系统", None, "monthly:15",
     "需完成异地公安系统接口联调\n需提供户籍信息核验测试记录", "MZ-1"],
    ["SB-1", "社保局", "测试“跨省通办”流程", None, "每月20日", "测试用例;问题清单", "GA-1"],
    ["SB-2", "社保局", "总结“跨省通办”运行情况", "2026年12月31日", None, "总结报告",
     "SB-1,GA-1"],
    ["KH-1", "考核办", "通报全部进展", date(2026, 11, 5), None, None, None],
]  # fmt: skip
