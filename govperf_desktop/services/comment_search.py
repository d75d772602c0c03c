"""Searching the communication log (沟通日志) by task, department, author, time and text.

Text matching follows `domain.search_terms` (every word as a plain substring, Chinese
included); the SQL, with its dialect branch, is in `store/search.py`. Results are pages,
newest first, either by offset or by a cursor (keyset paging, for long scrolls in the UI).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.ids import is_record_id
from govperf_desktop.domain.search_terms import search_terms, snippet
from govperf_desktop.services import lookup
from govperf_desktop.store.search import (
    CommentFilter,
    search_comments_select,
    walk_newest_first,
)
from govperf_desktop.store.store import Store

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


@dataclass(frozen=True)
class CommentHit:
    id: str
    task_id: str
    task_code: str
    indicator: str
    author: str
    department: str
    created_at: datetime  # naive UTC
    snippet: str  # one line around the first match, matches marked 【like this】
    body: str
    reply_to_id: str | None
    is_problem: bool
    resolved: bool
    version: str  # "latest" or "superseded"
    superseded_by_id: str | None


@dataclass(frozen=True)
class SearchPage:
    hits: tuple[CommentHit, ...]
    limit: int
    offset: int
    next_cursor: str | None  # pass back as `cursor` for the next page; None at the end


def _cursor(hit: CommentHit) -> str:
    return f"{hit.created_at.isoformat()}/{hit.id}"


def _parse_cursor(cursor: str) -> tuple[datetime, str]:
    moment, _, last_id = cursor.strip().rpartition("/")
    try:
        parsed = datetime.fromisoformat(moment)
    except ValueError:
        parsed = None
    if parsed is None or not is_record_id(last_id):
        raise ValidationError(
            f"Cursor {cursor!r} is not one this program gave out; start the search again."
        )
    return parsed, last_id


def search_comments(
    store: Store,
    query: str | None = None,
    *,
    task: str | None = None,
    indicator: str | None = None,
    department: str | None = None,
    author: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    include_earlier: bool = False,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    cursor: str | None = None,
) -> SearchPage:
    """Comments matching every given filter, newest first.

    `since` is inclusive and `until` exclusive. Only the latest version of an edited comment
    is found unless `include_earlier`.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError(f"The page size must be between 1 and {MAX_LIMIT} (got {limit}).")
    if offset < 0:
        raise ValidationError(f"The offset cannot be negative (got {offset}).")
    start = to_utc_naive(since) if since else None
    end = to_utc_naive(until) if until else None
    if start is not None and end is not None and start >= end:
        raise ValidationError(
            f"The time range is empty: it starts {start:%Y-%m-%d %H:%M} and ends "
            f"{end:%Y-%m-%d %H:%M}."
        )
    terms = search_terms(query)
    before = _parse_cursor(cursor) if cursor else None
    with store.read() as session:
        task_id = indicator_id = None
        if task is not None:
            task_id = lookup.task_in(session, task, indicator).id
        elif indicator is not None:
            indicator_id = lookup.indicator(session, indicator).id
        wanted = CommentFilter(
            terms=terms,
            task_id=task_id,
            indicator_id=indicator_id,
            department_id=lookup.department(session, department).id if department else None,
            author_id=lookup.person(session, author).id if author else None,
            since=start,
            until=end,
            latest_only=not include_earlier,
            before=before,
        )
        walk = walk_newest_first(session, wanted, limit=limit + 1, offset=offset)
        page = search_comments_select(
            store.engine.dialect.name, wanted, limit=limit + 1, offset=offset, walk=walk
        )
        rows = session.execute(page).all()
    hits = tuple(
        CommentHit(
            id=row.id,
            task_id=row.task_id,
            task_code=row.task_code,
            indicator=row.indicator,
            author=row.author,
            department=row.department,
            created_at=row.created_at,
            snippet=snippet(row.body, terms),
            body=row.body,
            reply_to_id=row.reply_to_id,
            is_problem=row.is_problem,
            resolved=row.resolved_by_id is not None,
            version="latest" if row.superseded_by_id is None else "superseded",
            superseded_by_id=row.superseded_by_id,
        )
        for row in rows[:limit]
    )
    more = len(rows) > limit
    return SearchPage(hits, limit, offset, _cursor(hits[-1]) if more else None)
