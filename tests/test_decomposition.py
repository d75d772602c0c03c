"""Decomposition tables (指标分解表): recurring instances, liability rules, roles, list, CLI."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import NOW, checkpoint
from decomposition_helpers import (
    CROSS_PROVINCE,
    CROSS_PROVINCE_ROWS,
    cross_province_draft,
    fill,
    organisation,
    unchanged,
)
from sqlalchemy import select

from govperf_desktop.cli.main import main
from govperf_desktop.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from govperf_desktop.services.indicator_views import list_indicators
from govperf_desktop.services.indicators import (
    IndicatorDraft,
    LiabilityDraft,
    TaskDraft,
    create_indicator,
)
from govperf_desktop.store.models import Change, LiabilityRule, StandardItem, Task, TaskDependency


@pytest.fixture
def office(store):  # type: ignore[no-untyped-def]
    organisation(store)
    checkpoint(store)
    return store


# --- saving recurring tasks ---------------------------------------------------------------


def test_cross_province_quarter_gives_monthly_instances_chained_per_month(office) -> None:
    view = create_indicator(office, cross_province_draft(), now=NOW, actor="周主任")
    assert (view.instances, view.dependencies, view.liability_rules) == (9, 8, 3)
    with office.read() as session:
        tasks = {
            t.code: t for t in session.scalars(select(Task).where(Task.indicator_id == view.id))
        }
        edges = {
            (tasks_by_id.code, upstream.code)
            for tasks_by_id, upstream in (
                (session.get(Task, d.task_id), session.get(Task, d.depends_on_id))
                for d in session.scalars(select(TaskDependency))
            )
        }
        standards = {
            code: [
                item.text
                for item in session.scalars(
                    select(StandardItem)
                    .where(StandardItem.task_id == task.id)
                    .order_by(StandardItem.position)
                )
            ]
            for code, task in tasks.items()
        }
        rules = {
            r.kind: (r.percent, r.description)
            for r in session.scalars(
                select(LiabilityRule).where(LiabilityRule.indicator_id == view.id)
            )
        }
        actors = set(session.scalars(select(Change.actor_id).where(Change.table_name == "tasks")))

    template = tasks["MZ-1"]
    assert (template.recurrence, template.deadline, template.template_id) == (
        "monthly:10",
        None,
        None,
    )
    assert tasks["SB-1"].recurrence == "monthly:20"  # stored canonical, whatever was typed
    for code, day in (("MZ-1", 10), ("GA-1", 15), ("SB-1", 20)):
        for month in (10, 11, 12):
            instance = tasks[f"{code}/2026-{month}"]
            assert instance.template_id == tasks[code].id
            assert (instance.period, instance.deadline) == (f"2026-{month}", date(2026, month, day))
            assert (instance.recurrence, instance.status) == (None, "pending")
            assert instance.content == tasks[code].content
            assert standards[instance.code] == standards[code]
    assert len(tasks) == 12
    # 公安局's 15th depends on 民政局's 10th of the same month; 社保局's 20th on 公安局's 15th.
    for month in (10, 11, 12):
        assert (f"GA-1/2026-{month}", f"MZ-1/2026-{month}") in edges
        assert (f"SB-1/2026-{month}", f"GA-1/2026-{month}") in edges
    assert ("GA-1/2026-11", "MZ-1/2026-10") not in edges
    assert {("GA-1", "MZ-1"), ("SB-1", "GA-1")} <= edges  # the table itself
    assert len(edges) == 8
    assert rules == {
        "failure_caused_miss": (20.0, "若某部门未完成任务导致指标未达预期,其绩效评分扣减20%"),
        "cooperating": (10.0, "指标未达预期时,配合部门绩效评分扣减10%"),
        "blocking_delay": (15.0, "因本部门延迟导致其他部门无法按期完成任务的,其绩效评分扣减15%"),
    }
    assert len(actors) == 1 and None not in actors  # every row attributed to 周主任


def test_liability_rules_given_replace_the_defaults_and_are_checked(office) -> None:
    draft = cross_province_draft()
    custom = IndicatorDraft(
        **{**draft.__dict__, "liability": (LiabilityDraft("blocking_delay", 25, "阻塞扣25%"),)}
    )
    view = create_indicator(office, custom, now=NOW, actor="管理员")  # admin may too
    assert view.liability_rules == 1
    bad = IndicatorDraft(
        **{
            **draft.__dict__,
            "name": "另一个",
            "liability": (LiabilityDraft("blocking_delay", 120), LiabilityDraft("other", 5)),
        }
    )
    unchanged(
        office,
        lambda: create_indicator(office, bad, now=NOW),
        ValidationError,
        "Unknown liability kind 'other'",
    )


def test_only_the_central_office_defines_indicators(office) -> None:
    for clerk, role in (("李娜", "clerk"), ("杨帆", "head")):
        unchanged(
            office,
            lambda clerk=clerk: create_indicator(
                office, cross_province_draft(), now=NOW, actor=clerk
            ),
            PermissionDeniedError,
            rf"{clerk} \({role}, 民政局\) may not define indicators: that needs the central office",
        )
    unchanged(
        office,
        lambda: create_indicator(office, cross_province_draft(), now=NOW, actor="无此人"),
        NotFoundError,
        "Unknown person '无此人'",
    )


def test_list_filters_and_counts(office) -> None:
    create_indicator(office, cross_province_draft(), now=NOW)
    create_indicator(
        office,
        IndicatorDraft(
            name="企业开办时间压缩",
            lead_department="考核办",
            target="1个工作日",
            period="2026-11",
            period_start=date(2026, 11, 1),
            period_end=date(2026, 11, 30),
            tasks=(TaskDraft("KH-1", "考核办", "设置联合窗口", deadline=date(2026, 11, 20)),),
        ),
        now=NOW,
    )
    everything = list_indicators(office)
    assert [i.name for i in everything] == ["企业开办时间压缩", CROSS_PROVINCE]  # newest first
    cross = everything[1]
    assert (cross.tasks, cross.recurring, cross.instances) == (3, 3, 9)
    assert cross.cooperating == ("公安局", "社保局") and cross.lead_department == "民政局"
    assert [i.name for i in list_indicators(office, department="社保局")] == [CROSS_PROVINCE]
    assert [i.name for i in list_indicators(office, department="考核办")] == ["企业开办时间压缩"]
    assert list_indicators(office, status="active") == []
    with pytest.raises(ValidationError, match="Unknown status 'done'"):
        list_indicators(office, status="done")


# --- the command line --------------------------------------------------------------------


def run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_command_line_template_import_list_show_export(office, tmp_path, capsys) -> None:
    home = ["--data-dir", str(office.path.parent)]
    template = tmp_path / "t.xlsx"
    code, out, _ = run(capsys, *home, "indicator", "template", str(template))
    assert code == 0 and "4 departments" in out
    filled = fill(template, tmp_path / "f.xlsx", tasks=CROSS_PROVINCE_ROWS)
    nowhere = ["--data-dir", str(tmp_path / "no-store")]
    code, out, _ = run(capsys, *nowhere, "indicator", "template", str(tmp_path / "bare.xlsx"))
    assert code == 0 and "no store here" in out and not (tmp_path / "no-store").exists()

    code, _, err = run(capsys, *home, "indicator", "import", str(filled))
    assert code == 2 and err.startswith("govperf: error: Importing an indicator is the central")
    code, _, err = run(capsys, *home, "--as", "李娜", "indicator", "import", str(filled))
    assert code == 2 and "may not import indicators" in err and err.count("\n") == 1
    code, out, _ = run(capsys, *home, "indicator", "import", str(filled), "--dry-run")
    assert code == 0 and "Nothing was saved (dry run)" in out
    code, out, _ = run(capsys, *home, "--as", "周主任", "indicator", "import", str(filled))
    assert code == 0 and "Imported 政务服务“跨省通办” (2026-Q4) with 5 tasks" in out

    code, out, err = run(capsys, *home, "--as", "周主任", "indicator", "import", str(filled))
    assert code == 2 and out == ""
    assert err.splitlines()[1] == (
        f"  Sheet 指标, row 2: Indicator {CROSS_PROVINCE} already exists for period 2026-Q4; "
        "change 指标名称 or 考核周期, or export the existing one to edit it."
    )
    code, out, _ = run(
        capsys, *home, "--as", "周主任", "indicator", "import", str(filled), "--json"
    )
    assert code == 2 and json.loads(out)["problems"][0]["sheet"] == "指标"

    code, out, _ = run(capsys, *home, "indicator", "list", "--json")
    assert code == 0 and json.loads(out)[0]["instances"] == 9
    code, out, _ = run(capsys, *home, "indicator", "list", "--department", "公安局")
    assert code == 0 and CROSS_PROVINCE in out
    code, out, _ = run(capsys, *home, "indicator", "show", CROSS_PROVINCE)
    assert code == 0
    assert "  GA-1  对接异地公安系统  — 每月15日 (monthly:15)\n" in out
    assert "      · GA-1/2026-11  due 2026-11-15, pending, after MZ-1/2026-11" in out
    assert "延误阻塞他部门 15%" in out
    code, out, _ = run(capsys, *home, "--json", "indicator", "show", CROSS_PROVINCE)
    shown = json.loads(out)
    assert [t["code"] for t in shown["tasks"]][:1] == ["MZ-1"]
    assert len(shown["tasks"][0]["instances"]) == 3

    exported = tmp_path / "e.xlsx"
    code, out, _ = run(capsys, *home, "indicator", "export", CROSS_PROVINCE, "--out", str(exported))
    assert code == 0 and exported.exists() and "5 tasks" in out
    code, _, err = run(capsys, *home, "indicator", "export", "无此指标", "--out", str(exported))
    assert code == 2 and "Unknown indicator '无此指标'" in err
    code, _, err = run(
        capsys, *home, "indicator", "export", CROSS_PROVINCE, "--out", str(tmp_path / "e.csv")
    )
    assert code == 2 and "ending in .xlsx" in err
