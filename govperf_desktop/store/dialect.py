"""The SQL that differs between SQLite (the embedded default) and PostgreSQL (a central office),
behind one small interface chosen by the engine's dialect name.

    dialect = dialect_for(session.get_bind().dialect.name)
    session.execute(dialect.upsert(Setting.__table__, rows, key=["key"]))

Three things differ, and nothing else may branch on the dialect outside `store/` (migrations
excepted, which branch where they create these objects):

* `upsert`: insert rows, or update the non-key columns of rows whose key exists. Both speak
  `INSERT ... ON CONFLICT (key) DO UPDATE`, through each dialect's own insert construct.
* `body_contains_all`: comment text search. SQLite: the FTS5 trigram index `comments_fts`
  (migration 0002) for terms of 3+ characters, `LIKE` for shorter ones. PostgreSQL: `LIKE`
  for every term, answered by the GIN trigram index `ix_comments_body_trgm` (pg_trgm, migration
  0002) for 3+ characters; same matches (a substring test), so the same results.
* `seconds_between`: the seconds between two naive UTC timestamps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Executable, Table, and_, func, text
from sqlalchemy.dialects import postgresql, sqlite

from govperf_desktop.domain.errors import StoreError
from govperf_desktop.store.models import Comment

FTS_MIN_CHARS = 3  # a trigram index answers runs of three characters or more


class Dialect(Protocol):
    name: str

    def upsert(
        self, table: Table, rows: Sequence[dict[str, Any]], *, key: Sequence[str]
    ) -> Executable: ...

    def body_contains_all(self, terms: Sequence[str], walk: bool) -> ColumnElement[bool]: ...

    def seconds_between(
        self, start: ColumnElement[Any], end: ColumnElement[Any]
    ) -> ColumnElement[float]: ...


def fts_phrase(term: str) -> str:
    """An FTS5 string literal: the term as one phrase, its double quotes doubled."""
    return '"' + term.replace('"', '""') + '"'


def fts_query(terms: Sequence[str]) -> str | None:
    """The FTS5 query for the terms the trigram index can answer, None if there are none."""
    indexed = [term for term in terms if len(term) >= FTS_MIN_CHARS]
    return " ".join(fts_phrase(term) for term in indexed) if indexed else None


def _upsert(insert: Any, table: Table, rows: Sequence[dict[str, Any]], key: Sequence[str]) -> Any:
    statement = insert(table).values(list(rows))
    updates = {c.name: statement.excluded[c.name] for c in table.columns if c.name not in key}
    if not updates:
        return statement.on_conflict_do_nothing(index_elements=list(key))
    return statement.on_conflict_do_update(index_elements=list(key), set_=updates)


class SqliteDialect:
    name = "sqlite"

    def upsert(
        self, table: Table, rows: Sequence[dict[str, Any]], *, key: Sequence[str]
    ) -> Executable:
        return _upsert(sqlite.insert, table, rows, key)

    def body_contains_all(self, terms: Sequence[str], walk: bool) -> ColumnElement[bool]:
        conditions: list[ColumnElement[bool]] = []
        query = fts_query(terms)
        if query is not None:
            # `+rowid` (walk) is the same test, but SQLite may no longer fetch the comments by
            # the matching rowids: it walks an index in the page's order and probes the set.
            rowid = "+comments.rowid" if walk else "comments.rowid"
            conditions.append(
                text(
                    f"{rowid} IN (SELECT rowid FROM comments_fts"
                    " WHERE comments_fts MATCH :fts_query)"
                ).bindparams(fts_query=query)
            )
        conditions += [
            Comment.body.contains(term, autoescape=True)
            for term in terms
            if len(term) < FTS_MIN_CHARS
        ]
        return and_(*conditions)

    def seconds_between(
        self, start: ColumnElement[Any], end: ColumnElement[Any]
    ) -> ColumnElement[float]:
        return (func.julianday(end) - func.julianday(start)) * 86400.0


class PostgresqlDialect:
    name = "postgresql"

    def upsert(
        self, table: Table, rows: Sequence[dict[str, Any]], *, key: Sequence[str]
    ) -> Executable:
        return _upsert(postgresql.insert, table, rows, key)

    def body_contains_all(self, terms: Sequence[str], walk: bool) -> ColumnElement[bool]:
        # `walk` is an SQLite plan choice; PostgreSQL's planner picks between the trigram
        # index and a walk of comments(created_at) by itself.
        return and_(*(Comment.body.contains(term, autoescape=True) for term in terms))

    def seconds_between(
        self, start: ColumnElement[Any], end: ColumnElement[Any]
    ) -> ColumnElement[float]:
        return func.extract("epoch", end - start)


_DIALECTS: dict[str, Dialect] = {"sqlite": SqliteDialect(), "postgresql": PostgresqlDialect()}


def dialect_for(name: str) -> Dialect:
    """The SQL branch for a dialect name (`engine.dialect.name`)."""
    try:
        return _DIALECTS[name]
    except KeyError:
        raise StoreError(f"A {name} database is not supported; use SQLite or PostgreSQL.") from None
