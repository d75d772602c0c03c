"""Comment search chooses its plan by the number of matches, never its results.

A common 3+-character term is answered by walking the comments newest first and checking
each against the set of matches (store/search.py `walk_newest_first`); a rare one by
fetching its matches and sorting them. Both plans must give the same pages in the same
order, with ties on the moment, edited comments, time ranges, offsets and cursors.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from conftest import NOW

from govperf_desktop.services import comment_search
from govperf_desktop.services.comment_search import search_comments
from govperf_desktop.services.comments import add_comment, edit_comment
from govperf_desktop.services.indicators import IndicatorDraft, TaskDraft, create_indicator
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.store.search import CommentFilter, walk_newest_first

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
COMMON, RARE = "改造方案", "资金预算"


@pytest.fixture
def log(store):  # type: ignore[no-untyped-def]
    """90 comments on two tasks: most mention the common term, every tenth the rare one,
    pairs share a moment (ties broken by id), and a few are edited."""
    for name in ("住建局", "财政局"):
        add_department(store, name, now=NOW)
    add_person(store, department="住建局", name="周岚", now=NOW)
    add_person(store, department="财政局", name="吴昊", now=NOW)
    create_indicator(
        store,
        IndicatorDraft(
            name="老旧小区改造",
            lead_department="住建局",
            target="完成改造",
            period="2026-11",
            period_start=date(2026, 11, 1),
            period_end=date(2026, 11, 30),
            cooperating=("财政局",),
            tasks=(
                TaskDraft("ZJ-1", "住建局", "编制改造方案", deadline=date(2026, 11, 20)),
                TaskDraft("CZ-1", "财政局", "安排资金", deadline=date(2026, 11, 25)),
            ),
        ),
        now=NOW,
    )
    views = []
    for n in range(90):
        body = f"第{n}号意见:{COMMON}需要调整" if n % 3 else f"第{n}号:进度正常"
        if n % 10 == 0:
            body += f",{RARE}待定"
        when = T0 + timedelta(hours=n // 2)  # two comments per moment
        who, task = ("周岚", "ZJ-1") if n % 2 else ("吴昊", "CZ-1")
        view = add_comment(
            store, person=who, task=task, indicator="老旧小区改造", text=body, now=when
        )
        views.append((view.id, who))
    for comment_id, who in views[1:30:7]:
        edit_comment(
            store, comment_id, person=who, text=f"修订:{COMMON}已更新", now=T0 + timedelta(days=3)
        )
    return store


def _pages(store, monkeypatch, walk: bool, query: str, **options):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(comment_search, "walk_newest_first", lambda *a, **k: walk)
    pages, cursor = [], None
    while True:
        page = search_comments(store, query, limit=7, cursor=cursor, **options)
        pages.append([(hit.id, hit.created_at, hit.version) for hit in page.hits])
        cursor = page.next_cursor
        if cursor is None:
            return pages


OPTIONS = (
    {},
    {"include_earlier": True},
    {"since": T0 + timedelta(hours=5), "until": T0 + timedelta(hours=30)},
    {"offset": 5},
)


def test_both_plans_give_the_same_pages_in_the_same_order(log, monkeypatch) -> None:
    for query in (COMMON, RARE, f"{COMMON} 调整", "案需要"):
        for options in OPTIONS:
            walked = _pages(log, monkeypatch, True, query, **options)
            fetched = _pages(log, monkeypatch, False, query, **options)
            assert walked == fetched, (query, options)
            hits = [hit for page in fetched for hit in page]
            assert hits, (query, options)
            assert hits == sorted(hits, key=lambda hit: (hit[1], hit[0]), reverse=True)


def test_the_plan_follows_the_number_of_matches(log) -> None:
    with log.read() as session:
        common = walk_newest_first(session, CommentFilter(terms=(COMMON,)), limit=8, offset=0)
        rare = walk_newest_first(session, CommentFilter(terms=(RARE,)), limit=8, offset=0)
        deep = walk_newest_first(session, CommentFilter(terms=(COMMON,)), limit=8, offset=500)
        short = walk_newest_first(session, CommentFilter(terms=("改造",)), limit=8, offset=0)
        narrowed = walk_newest_first(
            session, CommentFilter(terms=(COMMON,), department_id="x" * 32), limit=8, offset=0
        )
    assert (common, rare, deep) == (True, False, False)
    assert (short, narrowed) == (False, False)  # LIKE only, or another index drives
