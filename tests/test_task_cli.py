"""`govperf task ...` and `govperf alerts` as a clerk, a head and a script see them."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import NOW, checkpoint, file_digest
from flow_office import INDICATOR, Office, build_office

from govperf_desktop.cli.main import main
from govperf_desktop.domain.calendar import office_date
from govperf_desktop.paths import store_path

SHA = "0f" * 32


@pytest.fixture
def office(store) -> Office:  # type: ignore[no-untyped-def]
    """Deadlines around the real today, since `alerts ack` acts now."""
    today = office_date(datetime.now(UTC))
    return build_office(
        store,
        NOW,
        {
            "MZ-1": today - timedelta(days=3),
            "GA-1": today + timedelta(days=1),
            "SB-1": today + timedelta(days=30),
        },
    )


def run(capsys, office: Office, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--data-dir", str(office.store.path.parent), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def digest(office: Office) -> str:
    checkpoint(office.store)
    return file_digest(store_path(office.store.path.parent))


def test_a_task_moves_through_the_flow_from_the_command_line(
    capsys, office: Office, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, office, "--as", "杨帆", "task", "notify", "--indicator", INDICATOR)
    assert code == 0 and "notified 3 task(s): GA-1, MZ-1, SB-1" in out

    task = ("GA-1", "--indicator", INDICATOR)
    assert run(capsys, office, "--as", "董明", "task", "start", *task)[0] == 0
    code, out, _ = run(
        capsys,
        office,
        "--as",
        "董明",
        "task",
        "submit",
        *task,
        "--items",
        "对接方案",
        "--file",
        f"方案:v2.docx:{SHA}:2048",
    )
    assert code == 0 and "missing: 测试报告" in out

    local = tmp_path / "测试报告.pdf"
    local.write_bytes(b"%PDF-1.7 test report")
    code, out, _ = run(
        capsys,
        office,
        "--json",
        "--as",
        "董明",
        "task",
        "submit",
        *task,
        "--items",
        "对接方案；测试报告",
        "--attach",
        str(local),
    )
    result = json.loads(out)
    assert code == 0 and (result["status"], result["revision"]) == ("awaiting_acceptance", 2)

    code, out, _ = run(
        capsys, office, "--as", "杨帆", "task", "return", *task, "--reason", "缺少签字页"
    )
    assert code == 0 and "returned for revision" in out
    run(capsys, office, "--as", "董明", "task", "submit", *task, "--items", "对接方案;测试报告")
    assert run(capsys, office, "--as", "杨帆", "task", "accept", *task)[0] == 0
    assert run(capsys, office, "--as", "宋志刚", "task", "complete", *task)[0] == 0

    code, out, _ = run(capsys, office, "task", "show", *task)
    assert code == 0
    assert "Revisions: 3" in out and "rev 1" in out and "missing: 测试报告" in out
    assert "file 方案:v2.docx  2,048 bytes" in out and "reason: 缺少签字页" in out
    assert "by the standard check" in out

    code, out, _ = run(capsys, office, "--json", "task", "show", *task)
    detail = json.loads(out)
    assert detail["revision_count"] == 3 and detail["status"] == "completed"
    assert detail["submissions"][1]["files"][0] == {
        "name": "测试报告.pdf",
        "sha256": hashlib.sha256(b"%PDF-1.7 test report").hexdigest(),
        "size": 20,
    }
    code, out, _ = run(capsys, office, "--json", "task", "list", "--status", "completed")
    assert [row["code"] for row in json.loads(out)] == ["GA-1"]


def test_refusals_are_one_line_and_change_nothing(capsys, office: Office) -> None:  # type: ignore[no-untyped-def]
    task = ("MZ-1", "--indicator", INDICATOR)
    before = digest(office)
    for args, message in [
        (("task", "start", *task), "Say who is acting (--as PERSON)."),
        (("--as", "朱丽华", "task", "start", *task), "the indicator has not been started"),
        (
            ("--as", "董明", "task", "notify", "--indicator", INDICATOR),
            "董明 (clerk, 公安局) may not start indicator",
        ),
        (
            ("--as", "杨帆", "task", "notify", "--indicator", INDICATOR, "--at", "tomorrow"),
            "is not a date and time",
        ),
        (
            ("--as", "朱丽华", "task", "submit", *task, "--file", "清单.xlsx:abc"),
            "must look like NAME:SHA256:SIZE",
        ),
    ]:
        code, out, err = run(capsys, office, *args)
        assert code == 2 and message in err and err.count("\n") == 1 and out == "", args
    assert digest(office) == before


def test_alerts_and_acknowledgement_by_the_head_only(capsys, office: Office) -> None:  # type: ignore[no-untyped-def]
    run(capsys, office, "--as", "杨帆", "task", "notify", "--indicator", INDICATOR)
    code, out, _ = run(capsys, office, "alerts")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].startswith("OVERDUE") and "MZ-1" in lines[0] and "→ 杨帆" in lines[0]
    assert "3 day(s) overdue" in lines[0]
    assert lines[1].startswith("DUE SOON") and "GA-1" in lines[1] and "due in 1 day(s)" in lines[1]

    before = digest(office)
    ack = ("alerts", "ack", "MZ-1", "--indicator", INDICATOR, "--kind", "overdue")
    code, _, err = run(capsys, office, "--as", "朱丽华", *ack)
    assert code == 2 and "needs a department head of 民政局" in err
    assert digest(office) == before

    code, out, _ = run(capsys, office, "--as", "杨帆", *ack, "--note", "已督办")
    assert code == 0 and out.startswith("Acknowledged: OVERDUE") and "acknowledged by 杨帆" in out
    code, out, _ = run(capsys, office, "--json", "alerts", "--department", "民政局")
    (alert,) = json.loads(out)
    assert alert["acknowledged"] and alert["acknowledgements"][0]["note"] == "已督办"

    future = (office_date(datetime.now(UTC)) + timedelta(days=40)).isoformat()
    code, out, _ = run(capsys, office, "alerts", "--today", future, "--kind", "due_soon")
    assert code == 0 and out.strip() == "No warnings or reminders."
    settings = ("alerts", "settings", "--reminder-days", "7", "--days-overdue-counting", "working")
    code, _, err = run(capsys, office, "--as", "杨帆", *settings)
    assert code == 2 and "杨帆 (head, 民政局) may not change the alert settings" in err
    code, out, _ = run(capsys, office, "--as", "周文博", "--json", *settings)
    assert json.loads(out) == {"reminder_days": 7, "days_overdue_counting": "working"}
