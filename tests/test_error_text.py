"""Refusals in Chinese: every message of the code has a translation, and real refusals of the
services come out as Chinese sentences carrying their values (govperf_desktop/error_text.py)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from conftest import NOW, checkpoint, file_digest

from govperf_desktop.domain.errors import (
    ConflictError,
    GovperfError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from govperf_desktop.error_text import (
    VALUES_PREFIX,
    Translator,
    catalog_path,
    parse_template,
    placeholders,
    translate_error,
)
from govperf_desktop.paths import store_path
from govperf_desktop.services.indicators import IndicatorDraft, TaskDraft, create_indicator
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.services.timesheets import add_entry

ROOT = Path(__file__).resolve().parent.parent
FIX = (
    'run `.venv/bin/python scripts/error_catalog.py`, then write the Chinese of every empty "" '
    "in resources/i18n/errors_zh_CN.json (keep the {0}, {1}, ... placeholders; see "
    'docs/desktop.md, "Translating messages")'
)


def _catalog_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "error_catalog", ROOT / "scripts/error_catalog.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return _catalog_tool()


@pytest.fixture(scope="module")
def in_code(tool: ModuleType) -> dict[str, set[str]]:
    return tool.Collector().collect()


# --- the catalog is complete -------------------------------------------------------------------


def test_every_refusal_in_the_code_has_a_chinese_translation(
    tool: ModuleType, in_code: dict[str, set[str]]
) -> None:
    catalog = tool.load_catalog()
    untranslated = [
        f"{template!r} ({', '.join(sorted(files))})"
        for template, files in sorted(in_code.items())
        if not catalog.get(template, "").strip()
    ]
    assert not untranslated, f"{len(untranslated)} refusals without Chinese; {FIX}:\n" + "\n".join(
        untranslated
    )


def test_the_catalog_holds_no_message_the_code_lost(
    tool: ModuleType, in_code: dict[str, set[str]]
) -> None:
    stale = sorted(set(tool.load_catalog()) - set(in_code))
    assert not stale, f"messages no longer in the code; {FIX}:\n" + "\n".join(stale)


def test_translations_keep_every_value(tool: ModuleType) -> None:
    phrases = tool.load_catalog(catalog_path("zh_CN", VALUES_PREFIX))
    assert phrases, "the hand-kept phrases spliced into messages"
    wrong = [
        f"{english!r} -> {chinese!r}"
        for catalog in (tool.load_catalog(), phrases)
        for english, chinese in catalog.items()
        if not chinese.strip() or placeholders(english) != placeholders(chinese)
    ]
    assert not wrong, "a translation must use the placeholders of its English:\n" + "\n".join(wrong)


def test_the_tool_finds_the_shapes_messages_are_written_in(tool: ModuleType) -> None:
    found = set(tool.Collector().collect())
    assert "Hours on {0} cannot exceed 24 in one day (got {1})." in found  # an f-string
    assert "A department with this name already exists." in found  # a module-level dict value
    assert (  # a *_message function's f-string
        "{0}'s timesheet for the {1} is {2}; its entries cannot change unless the department "
        "head reopens it."
    ) in found
    assert "Sheet {0}, row {1}: {2}" in found  # Problem.__str__
    assert tool.number_placeholders("{} {{x}} {}") == "{0} {{x}} {1}"


def test_the_tool_keeps_translations_and_drops_what_is_gone(tool: ModuleType) -> None:
    found = {"New {0}.": {"a.py"}, "Kept {0}.": {"b.py"}}
    old = {"Kept {0}.": "保留 {0}。", "Gone.": "没了。"}
    assert tool.updated_catalog(found, old) == {"Kept {0}.": "保留 {0}。", "New {0}.": ""}


def test_the_check_mode_passes_on_this_tree(tool: ModuleType) -> None:
    assert tool.main(["--check"]) == 0, FIX


# --- the translator ------------------------------------------------------------------------------


def test_the_most_specific_template_wins_and_values_can_move() -> None:
    translator = Translator(
        {
            "{0} refused: {1}": "{0} 被拒绝：{1}",
            "{0} refused: node {1} is an evaluator's.": "{0} 被拒绝：节点 {1} 属于考核人员。",
            "Task {0} belongs to indicator {1}.": "指标 {1} 包含任务 {0}。",
        }
    )
    assert translator.translate("b.govperf refused: node 财政局 is an evaluator's.") == (
        "b.govperf 被拒绝：节点 财政局 属于考核人员。"
    )
    assert translator.translate("b.govperf refused: other") == "b.govperf 被拒绝：other"
    assert translator.translate("Task GZ-05 belongs to indicator 政务服务.") == (
        "指标 政务服务 包含任务 GZ-05。"
    )
    assert translator.translate("Something else.") is None


def test_a_reason_inside_a_message_is_translated_too() -> None:
    translator = Translator(
        {
            "Sheet {0}, row {1}: {2}": "工作表 {0} 第 {1} 行：{2}",
            "Unknown department {0}; check the name.": "未知部门 {0}；请核对名称。",
        }
    )
    assert translator.translate(
        "Sheet 任务, row 4: Unknown department '水利局'; check the name."
    ) == ("工作表 任务 第 4 行：未知部门 '水利局'；请核对名称。")


def test_phrases_inside_a_message_are_translated() -> None:
    translator = Translator(
        {"{0} may not {1}: that needs {2}.": "{0}不能{1}：这需要{2}。"},
        {
            "approve {0}'s timesheet": "审批{0}的工时表",
            "a department head of {0}": "{0}的部门负责人",
        },
    )
    assert translator.translate(
        "王芳 may not approve 李娜's timesheet: that needs a department head of 民政局."
    ) == ("王芳不能审批李娜的工时表：这需要民政局的部门负责人。")
    assert (
        translator.translate("王芳 may not fly: that needs wings.") == "王芳不能fly：这需要wings。"
    )


def test_braces_and_untranslated_entries() -> None:
    assert parse_template("a {{b}} {0}") == ["a {b} ", 0]
    translator = Translator({"Set {{x}} to {0}.": "把 {{x}} 设为 {0}。", "Not yet {0}.": ""})
    assert translator.translate("Set {x} to 5.") == "把 {x} 设为 5。"
    assert translator.translate("Not yet 5.") is None


def test_english_stays_english_and_the_unknown_stays_as_it_is() -> None:
    message = "Hours on 2026-11-03 must be more than 0 (got -2)."
    assert translate_error(message, "en") == message
    assert (
        translate_error("A message no template knows.", "zh_CN") == "A message no template knows."
    )
    assert translate_error(message, "fr") == message  # no catalog: unchanged
    assert catalog_path("zh_CN").is_file()


def test_the_catalog_is_read_on_first_use_not_at_import() -> None:
    code = (
        "import sys, govperf_desktop.ui.feedback, govperf_desktop.error_text as t;"
        "print(t.translator.cache_info().currsize)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "0"


# --- real refusals of the services ----------------------------------------------------------------


def _draft(name: str, *, lead: str = "民政局") -> IndicatorDraft:
    return IndicatorDraft(
        name=name,
        lead_department=lead,
        target="每月10日前提交",
        period="2026-11",
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30),
        cooperating=(),
        tasks=(TaskDraft("MZ-1", lead, "收集事项清单", deadline=date(2026, 11, 10)),),
    )


@pytest.fixture
def office(store):  # type: ignore[no-untyped-def]
    add_department(store, "民政局", now=NOW)
    add_person(store, department="民政局", name="李娜", now=NOW)
    view = create_indicator(store, _draft("政务服务跨省通办"), now=NOW)
    checkpoint(store)
    return store, view


def _refusal_in_chinese(store, action, kind: type[GovperfError]) -> str:  # type: ignore[no-untyped-def]
    before = file_digest(store_path(store.path.parent))
    with pytest.raises(kind) as caught:
        action()
    checkpoint(store)
    assert file_digest(store_path(store.path.parent)) == before
    return translate_error(str(caught.value), "zh_CN")


def test_bad_hours_come_out_in_chinese(office) -> None:
    store, view = office

    def hours(value: float, overtime: float = 0):  # type: ignore[no-untyped-def]
        return lambda: add_entry(
            store,
            person="李娜",
            task_id=view.task_ids["MZ-1"],
            work_date=date(2026, 11, 3),
            hours=value,
            overtime=overtime,
            now=NOW,
        )

    assert _refusal_in_chinese(store, hours(25), ValidationError) == (
        "2026-11-03 的工时一天不能超过 24 小时（输入为 25）。"
    )
    assert _refusal_in_chinese(store, hours(-2), ValidationError) == (
        "2026-11-03 的工时必须大于 0（输入为 -2）。"
    )
    assert _refusal_in_chinese(store, hours(4, 5), ValidationError) == (
        "2026-11-03 的加班（5 小时）不能超过实际工时（4 小时）。"
    )


def test_an_unknown_department_comes_out_in_chinese(office) -> None:
    store, _ = office
    refusal = _refusal_in_chinese(
        store, lambda: add_person(store, department="水利局", name="赵敏", now=NOW), NotFoundError
    )
    assert refusal == "未知部门 '水利局'；请在部门列表中核对名称。"


def test_a_permission_refusal_comes_out_in_chinese(office) -> None:
    store, _ = office
    refusal = _refusal_in_chinese(
        store,
        lambda: create_indicator(store, _draft("新指标"), now=NOW, actor="李娜"),
        PermissionDeniedError,
    )
    # The action and who may take it are phrases spliced into the sentence: translated too.
    assert (
        refusal == "李娜（民政局，办事员）不能定义绩效指标：这需要考核办（角色 central 或 admin）。"
    )


def test_duplicate_names_come_out_in_chinese(office) -> None:
    store, _ = office
    assert (
        _refusal_in_chinese(store, lambda: add_department(store, "民政局", now=NOW), ConflictError)
        == "已有同名部门。"
    )
    assert (
        _refusal_in_chinese(
            store,
            lambda: add_person(store, department="民政局", name="李娜", now=NOW),
            ConflictError,
        )
        == "该部门已有同名人员。"
    )
    assert (
        _refusal_in_chinese(
            store,
            lambda: create_indicator(store, _draft("政务服务跨省通办"), now=NOW),
            ConflictError,
        )
        == "该绩效指标在此考核周期已存在。"
    )
