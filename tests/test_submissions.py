"""Outputs (输出成果): the standard check against the checklist and attached file metadata."""

from __future__ import annotations

import pytest
from conftest import NOW
from flow_office import INDICATOR, Office, beijing, build_office, unchanged
from sqlalchemy import select

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.taskflow import Attachment
from govperf_desktop.services.task_views import show_task
from govperf_desktop.services.taskflow import notify_indicator, start_task, submit_output
from govperf_desktop.store.models import SubmissionFile

SHA = "ab" * 32


@pytest.fixture
def started(store) -> Office:  # type: ignore[no-untyped-def]
    office = build_office(store, NOW)
    notify_indicator(store, INDICATOR, person="杨帆", now=NOW, at=beijing(2026, 11, 2))
    return office


def test_the_standard_check_refuses_items_not_on_the_checklist(started: Office) -> None:
    store, task = started.store, started.task_ids["MZ-1"]
    start_task(store, task, person="朱丽华", now=NOW)
    unchanged(
        store,
        lambda: submit_output(
            store, task, person="朱丽华", items=["事项清单", "会议纪要"], now=NOW
        ),
        ValidationError,
        "'会议纪要' is not an item of task MZ-1's output standard; its items are: 事项清单; "
        "居民身份证信息",
    )
    nothing = submit_output(store, task, person="朱丽华", items=[], now=NOW)
    assert nothing.missing == ("事项清单", "居民身份证信息") and nothing.status == "returned"


@pytest.mark.parametrize(
    ("name", "match"),
    [
        ("", "needs a name"),
        ("   ", "needs a name"),
        ("../../etc/passwd", "path separator"),
        ("reports\\q3.xlsx", "path separator"),
        ("..", r"contains '\.\.'"),
        ("清单..xlsx", r"contains '\.\.'"),
        ("清单\x00.xlsx", "control character"),
        ("清单\n.xlsx", "control character"),
        ("\u202excod.exe", "control character"),
    ],
)
def test_attached_file_names_never_become_paths(started: Office, name: str, match: str) -> None:
    store, task = started.store, started.task_ids["MZ-1"]
    start_task(store, task, person="朱丽华", now=NOW)
    unchanged(
        store,
        lambda: submit_output(
            store,
            task,
            person="朱丽华",
            items=["事项清单"],
            now=NOW,
            files=[Attachment(name, SHA, 1)],
        ),
        ValidationError,
        match,
    )


@pytest.mark.parametrize(
    ("files", "match"),
    [
        ([Attachment("a.xlsx", "abc", 1)], "64 hexadecimal digits"),
        ([Attachment("a.xlsx", "g" * 64, 1)], "64 hexadecimal digits"),
        ([Attachment("a.xlsx", SHA, -1)], "whole number of bytes"),
        ([Attachment("a.xlsx", SHA, 1), Attachment("a.xlsx", SHA, 2)], "attached twice"),
    ],
)
def test_attachment_metadata_is_checked(started: Office, files, match: str) -> None:  # type: ignore[no-untyped-def]
    store, task = started.store, started.task_ids["MZ-1"]
    start_task(store, task, person="朱丽华", now=NOW)
    unchanged(
        store,
        lambda: submit_output(store, task, person="朱丽华", items=[], now=NOW, files=files),
        ValidationError,
        match,
    )
    with store.read() as session:
        assert session.scalar(select(SubmissionFile.id)) is None


def test_an_output_keeps_file_metadata_only(started: Office) -> None:
    store, task = started.store, started.task_ids["MZ-1"]
    start_task(store, task, person="朱丽华", now=NOW)
    folder = store.path.parent
    before = sorted(p.name for p in folder.rglob("*") if "sqlite3" not in p.name)
    result = submit_output(
        store,
        task,
        person="朱丽华",
        items=[" 事项清单 ", "居民身份证信息", "事项清单"],
        files=[Attachment("跨省通办事项清单(第2版).xlsx", SHA.upper(), 52_431)],
        now=NOW,
    )
    assert (result.revision, result.missing, result.status) == (1, (), "awaiting_acceptance")
    with store.read() as session:
        stored = session.execute(
            select(SubmissionFile.name, SubmissionFile.sha256, SubmissionFile.size)
        ).one()
    assert tuple(stored) == ("跨省通办事项清单(第2版).xlsx", SHA, 52_431)
    assert sorted(p.name for p in folder.rglob("*") if "sqlite3" not in p.name) == before
    (submission,) = show_task(store, task, today=NOW.date()).submissions
    assert submission.provided == ("事项清单", "居民身份证信息")
