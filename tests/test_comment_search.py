"""Searching the communication log (沟通日志): Chinese text of any length, English words,
filters combined, paging, and user text that looks like SQL or FTS syntax taken literally."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from conftest import NOW
from sqlalchemy import column

from govperf_desktop.domain.errors import NotFoundError, StoreError, ValidationError
from govperf_desktop.domain.search_terms import search_terms, snippet
from govperf_desktop.services import lookup
from govperf_desktop.services.comment_search import search_comments
from govperf_desktop.services.comments import add_comment, edit_comment
from govperf_desktop.services.indicators import IndicatorDraft, TaskDraft, create_indicator
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import Comment
from govperf_desktop.store.search import body_contains_all, fts_phrase, seconds_between

T0 = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)
DAY = timedelta(days=1)
BODIES = {
    "ask": "卫健委的医院数据未接入医保系统,请在3天内完成对接 @卫健委",
    "reply": "已联系技术部门,预计2天内完成对接。",
    "test": "若卫健委完成对接,我们将在1天内测试结算流程。",
    "api": "医保系统API文档和测试账号已发送,如有问题请联系。",
    "odd": '报销比例100%_试点 (第一批) "重点" 医院 AND 药店 * 合规',
    "english": "OK, the interface is ready.",
}


@pytest.fixture
def log(store):  # type: ignore[no-untyped-def]
    """Six comments of the seed's 医保异地结算, one a day from T0 (the reply 90 minutes in)."""
    for name in ("医保局", "卫健委", "社保局"):
        add_department(store, name, now=NOW)
    for department, name in (
        ("医保局", "苏晴"),
        ("医保局", "卢伟"),
        ("卫健委", "崔浩然"),
        ("卫健委", "魏红"),
        ("社保局", "贾蓉"),
    ):
        add_person(store, department=department, name=name, now=NOW)
    create_indicator(
        store,
        IndicatorDraft(
            name="医保异地结算",
            lead_department="医保局",
            target="结算成功率98%以上",
            period="2026-11",
            period_start=date(2026, 11, 1),
            period_end=date(2026, 11, 30),
            cooperating=("卫健委", "社保局"),
            tasks=(
                TaskDraft("YB-02", "卫健委", "医院数据接入医保系统", deadline=date(2026, 11, 20)),
                TaskDraft("YB-03", "社保局", "测试异地结算流程", deadline=date(2026, 11, 25)),
            ),
        ),
        now=NOW,
    )
    ids = {}
    for key, who, task, when in (
        ("ask", "苏晴", "YB-02", T0),
        ("reply", "崔浩然", "YB-02", T0 + timedelta(minutes=90)),
        ("test", "贾蓉", "YB-02", T0 + DAY),
        ("api", "卢伟", "YB-02", T0 + 2 * DAY),
        ("odd", "卢伟", "YB-03", T0 + 3 * DAY),
        ("english", "魏红", "YB-02", T0 + 4 * DAY),
    ):
        view = add_comment(
            store,
            person=who,
            task=task,
            indicator="医保异地结算",
            text=BODIES[key],
            now=when,
        )
        ids[view.id] = key
    return store, ids


def found(log, query: str | None = None, **filters) -> list[str]:  # type: ignore[no-untyped-def]
    store, ids = log
    page = search_comments(store, query, **filters)
    return [ids.get(hit.id, hit.id) for hit in page.hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("医", ["odd", "api", "ask"]),  # 1 character: a scan
        ("对接", ["test", "reply", "ask"]),  # 2 characters: a scan
        ("卫健委", ["test", "ask"]),  # 3 characters: the trigram index
        ("医保系统", ["api", "ask"]),  # 4 characters
        ("api", ["api"]),  # English, any case
        ("interface", ["english"]),
        ("ok", ["english"]),
        ("卫健委 测试", ["test"]),  # every word must appear
        ("医　对接", ["ask"]),  # a full-width space separates words too
        ("水利局", []),
    ],
)
def test_text_of_any_length_is_found(log, query, expected) -> None:
    assert found(log, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("%", ["odd"]),
        ("_", ["odd"]),
        ("%_", ["odd"]),
        ("0%_", ["odd"]),
        ("100%", ["odd"]),
        ("1%", []),  # unescaped, '%' would match "1天" and "100"
        ("天_", []),  # unescaped, '_' would match "天内"
        ('"', ["odd"]),
        ('"重点"', ["odd"]),
        ('"重点', ["odd"]),
        ("AND", ["odd"]),
        ("药店 *", ["odd"]),
        ("(第一批)", ["odd"]),
        ("卫健委*", []),
        ("医保 OR 财政", []),  # OR is a word to find, not an operator
        ("对接 NOT 测试", []),
        ("NEAR(医保 数据)", []),
        ("body:医保", []),
        ("'; DROP TABLE comments; --", []),
    ],
)
def test_wildcards_and_search_syntax_are_plain_text(log, query, expected) -> None:
    assert found(log, query) == expected
    assert len(found(log)) == 6  # and nothing was harmed


def test_filters_combine_with_the_text(log) -> None:
    assert found(log, "对接", department="卫健委") == ["reply"]
    assert found(log, "对接", author="贾蓉") == ["test"]
    assert found(log, department="医保局") == ["odd", "api", "ask"]
    assert found(log, department="医保局", task="YB-02", indicator="医保异地结算") == [
        "api",
        "ask",
    ]
    assert found(log, indicator="医保异地结算", author="卢伟@医保局") == ["odd", "api"]
    assert found(log, "医", since=T0 + DAY, until=T0 + 3 * DAY) == ["api"]  # until: exclusive
    assert found(log, since=T0 + 4 * DAY) == ["english"]
    assert found(log, "对接", department="社保局", since=T0 + 2 * DAY) == []


def test_hits_carry_a_highlighted_snippet(log) -> None:
    store, ids = log
    [hit] = search_comments(store, "数据 医保系统").hits
    assert ids[hit.id] == "ask" and hit.author == "苏晴" and hit.department == "医保局"
    assert hit.task_code == "YB-02" and hit.indicator == "医保异地结算"
    assert "【数据】" in hit.snippet and "【医保系统】" in hit.snippet
    [hit] = search_comments(store, "API").hits
    assert hit.snippet.startswith("医保系统【API】文档")


def test_only_latest_versions_unless_asked(log) -> None:
    store, ids = log
    reply = next(key for key, name in ids.items() if name == "reply")
    newer = edit_comment(
        store,
        reply,
        person="崔浩然",
        text="已联系技术部门,预计1天内完成接入。",
        now=T0 + timedelta(minutes=95),
    )
    ids[newer.id] = "reply v2"
    assert found(log, "对接") == ["test", "ask"]  # the trigram index follows the new text
    assert found(log, "完成接入") == ["reply v2"]
    page = search_comments(store, "对接", include_earlier=True)
    assert [ids[h.id] for h in page.hits] == ["test", "reply", "ask"]
    assert page.hits[1].version == "superseded" and page.hits[1].superseded_by_id == newer.id


def test_pages_are_newest_first_by_offset_or_cursor(log) -> None:
    store, _ = log
    with store.write() as session:
        task = lookup.task_in(session, "YB-03", "医保异地结算")
        author = lookup.person(session, "贾蓉")
        session.add_all(
            Comment(
                id=new_id(),
                task_id=task.id,
                author_id=author.id,
                department_id=author.department_id,
                body=f"批量进度第{number}条",
                is_problem=False,
                created_at=(T0 + 5 * DAY + timedelta(minutes=number)).replace(tzinfo=None),
            )
            for number in range(60)
        )
    first = search_comments(store, "批量")
    assert len(first.hits) == 50 and first.next_cursor is not None
    assert first.hits[0].body == "批量进度第59条" and first.hits[-1].body == "批量进度第10条"
    rest = search_comments(store, "批量", cursor=first.next_cursor)
    assert [h.body for h in rest.hits] == [f"批量进度第{n}条" for n in range(9, -1, -1)]
    assert rest.next_cursor is None
    by_offset = search_comments(store, "批量", limit=10, offset=50)
    assert [h.id for h in by_offset.hits] == [h.id for h in rest.hits]
    assert len(search_comments(store, "第", limit=7).hits) == 7


def test_impossible_searches_are_refused(log) -> None:
    store, _ = log
    for kwargs, error, match in (
        ({"limit": 0}, ValidationError, "between 1 and 500"),
        ({"limit": 501}, ValidationError, "between 1 and 500"),
        ({"offset": -1}, ValidationError, "cannot be negative"),
        ({"cursor": "yesterday"}, ValidationError, "not one this program gave out"),
        ({"since": T0, "until": T0}, ValidationError, "time range is empty"),
        ({"department": "水利局"}, NotFoundError, "Unknown department"),
        ({"task": "YB-99", "indicator": "医保异地结算"}, NotFoundError, "has no task"),
    ):
        with pytest.raises(error, match=match):
            search_comments(store, **kwargs)
    with pytest.raises(ValidationError, match="at most 8 words"):
        search_comments(store, "一 二 三 四 五 六 七 八 九")


def test_the_dialect_branch_refuses_other_databases() -> None:
    assert fts_phrase('说"好"') == '"说""好"""'
    with pytest.raises(StoreError, match="mysql database"):
        body_contains_all("mysql", ["医保"])
    with pytest.raises(StoreError, match="mysql database"):
        seconds_between("mysql", column("a"), column("b"))


def test_terms_and_snippets_are_plain_text() -> None:
    assert search_terms(None) == ()
    assert search_terms("  医保  对接 医保 ") == ("医保", "对接")
    text = "第一行\n卫健委的医院数据未接入医保系统" + "。" * 100
    assert snippet(text, ("医保",), width=20) == "…院数据未接入【医保】系统" + "。" * 10 + "…"
    assert snippet("第一行\n第二行", ("二",)) == "第一行 第【二】行"  # one line
    assert snippet("无匹配的文字", ("医保",), width=3) == "无匹配…"
    assert snippet("a.b", (".",)) == "a【.】b"  # regex characters are literal
    assert snippet("Interface", ("INTER",)) == "【Inter】face"
