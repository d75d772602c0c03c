"""Comment queries that depend on the database: full-text search and time differences.

The communication log (沟通日志) is searched by task, indicator, department, author, time range
and text. Text terms (`domain.search_terms`) become SQL in ONE dialect branch,
`body_contains_all`:

* SQLite: terms of 3+ characters go to the FTS5 trigram index `comments_fts` (migration 0002),
  each as a quoted phrase so nothing the user types is FTS syntax; shorter terms, which a
  trigram index cannot answer, become `LIKE '%term%' ESCAPE '/'` with `%`, `_` and `/` escaped.
  The plan is chosen by the number of matches (`walk_newest_first`): a rare term's matches
  are collected and sorted by time; a common term's (tens of thousands) are not all sorted:
  the comments are walked newest first on comments(created_at), whose entries hold the
  rowid, each checked against the set of matching rowids, until the page is full. Same
  condition, same order, so the same results either way.
* PostgreSQL: `LIKE` for every term, answered by the pg_trgm GIN index (store.dialect).

Queries here never commit and never load more than the page asked for.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, text
from sqlalchemy.orm import Session, aliased

from govperf_desktop.store.dialect import (  # fts_phrase: re-exported
    dialect_for,
    fts_phrase,  # noqa: F401
    fts_query,
)
from govperf_desktop.store.models import Comment, Department, Indicator, Person, Task


def body_contains_all(
    dialect_name: str, terms: Sequence[str], *, walk: bool = False
) -> ColumnElement[bool]:
    """A condition on `comments`: its body contains every term (the one dialect branch,
    store.dialect). `walk`: the matches are many; check them per comment rather than look
    each one up."""
    return dialect_for(dialect_name).body_contains_all(terms, walk)


def seconds_between(
    dialect_name: str, start: ColumnElement[datetime], end: ColumnElement[datetime]
) -> ColumnElement[float]:
    """Seconds from `start` to `end` (naive UTC timestamps) as an SQL expression."""
    return dialect_for(dialect_name).seconds_between(start, end)


@dataclass(frozen=True)
class CommentFilter:
    """What a search of the communication log is limited to; ids already resolved."""

    terms: tuple[str, ...] = ()
    task_id: str | None = None
    indicator_id: str | None = None
    department_id: str | None = None  # the author's department when writing
    author_id: str | None = None
    since: datetime | None = None  # naive UTC, inclusive
    until: datetime | None = None  # naive UTC, exclusive
    latest_only: bool = True  # False: earlier versions of edited comments too
    before: tuple[datetime, str] | None = None  # keyset paging: older than (created_at, id)


def _latest_versions() -> ColumnElement[bool]:
    """Not superseded by an edit. `NOT IN` a list built once (edited comments are few)
    rather than a correlated lookup per row."""
    newer = aliased(Comment)
    return Comment.id.not_in(select(newer.supersedes_id).where(newer.supersedes_id.is_not(None)))


def walk_newest_first(session: Session, wanted: CommentFilter, *, limit: int, offset: int) -> bool:
    """Whether the page is found faster by walking the comments newest first (checking each
    against the set of full-text matches) than by fetching every match and sorting them.

    Only for a text search without a task, indicator, department or author filter (those
    have their own index) on SQLite. Fetching costs about one lookup per match; walking,
    about (offset + limit) x comments / matches index entries: walk when
    matches² >= (offset + limit) x comments. The matches are counted only up to that bound,
    in rowid order (no sort), so the estimate itself stays cheap.
    """
    query = fts_query(wanted.terms)
    narrowed = (wanted.task_id, wanted.indicator_id, wanted.department_id, wanted.author_id)
    if query is None or any(value is not None for value in narrowed):
        return False
    if session.get_bind().dialect.name != "sqlite":
        return False
    comments = session.scalar(select(func.max(text("rowid"))).select_from(Comment)) or 0
    needed = math.isqrt(max(0, offset + limit) * comments) + 1
    counted = session.scalar(
        text(
            "SELECT count(*) FROM (SELECT rowid FROM comments_fts"
            " WHERE comments_fts MATCH :fts_query LIMIT :needed)"
        ),
        {"fts_query": query, "needed": needed},
    )
    return (counted or 0) >= needed


def search_comments_select(
    dialect_name: str,
    wanted: CommentFilter,
    *,
    limit: int,
    offset: int = 0,
    walk: bool = False,
) -> Select:
    """One page of matching comments with task, indicator, author and department, newest
    first. Columns: id, task_id, task_code, indicator, author, department, body, created_at,
    reply_to_id, supersedes_id, superseded_by_id, is_problem, resolved_by_id.

    Two steps: the page's ids are chosen from `comments` alone (every filter is a condition on
    its own columns, so a scan never joins), then only those rows are joined for names.
    `walk` (see `walk_newest_first`) changes the plan, never the rows or their order.
    """
    matching = select(Comment.id)
    if wanted.terms:
        matching = matching.where(body_contains_all(dialect_name, wanted.terms, walk=walk))
    if wanted.task_id is not None:
        matching = matching.where(Comment.task_id == wanted.task_id)
    if wanted.indicator_id is not None:
        matching = matching.where(
            Comment.task_id.in_(select(Task.id).where(Task.indicator_id == wanted.indicator_id))
        )
    if wanted.department_id is not None:
        matching = matching.where(Comment.department_id == wanted.department_id)
    if wanted.author_id is not None:
        matching = matching.where(Comment.author_id == wanted.author_id)
    if wanted.since is not None:
        matching = matching.where(Comment.created_at >= wanted.since)
    if wanted.until is not None:
        matching = matching.where(Comment.created_at < wanted.until)
    if wanted.latest_only:
        matching = matching.where(_latest_versions())
    if wanted.before is not None:
        moment, last_id = wanted.before
        matching = matching.where(
            or_(
                Comment.created_at < moment,
                and_(Comment.created_at == moment, Comment.id < last_id),
            )
        )
    page = (
        matching.order_by(Comment.created_at.desc(), Comment.id.desc())
        .limit(limit)
        .offset(offset)
        .subquery("page")
    )
    newer = aliased(Comment)
    superseded_by = select(newer.id).where(newer.supersedes_id == Comment.id).scalar_subquery()
    return (
        select(
            Comment.id,
            Comment.task_id,
            Task.code.label("task_code"),
            Indicator.name.label("indicator"),
            Person.name.label("author"),
            Department.name.label("department"),
            Comment.body,
            Comment.created_at,
            Comment.reply_to_id,
            Comment.supersedes_id,
            superseded_by.label("superseded_by_id"),
            Comment.is_problem,
            Comment.resolved_by_id,
        )
        .select_from(page)
        .join(Comment, Comment.id == page.c.id)
        .join(Task, Task.id == Comment.task_id)
        .join(Indicator, Indicator.id == Task.indicator_id)
        .join(Person, Person.id == Comment.author_id)
        .join(Department, Department.id == Comment.department_id)
        .order_by(Comment.created_at.desc(), Comment.id.desc())
    )
