"""The latest captured changes to shared data, newest first, a page at a time.

A way into history and restore (版本回溯) for someone who does not know a record's id: pick a
recent change, see its record's versions. Pages are read by keyset on the change id (UUIDv7,
so newest first is descending id order along the primary key): a page costs the same on the
first screen and a million changes back, and changes written meanwhile never shift a page.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.ids import is_record_id
from govperf_desktop.store.models import CAPTURED_TABLES, Base, Change, Node, Person
from govperf_desktop.store.store import Store

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000
LABEL_LENGTH = 60
# Columns that name a record for a person, in order of preference.
_LABEL_COLUMNS = ("name", "code", "title", "body", "content", "text", "description", "kind")


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RecentChange:
    change_id: str
    table: str
    record_id: str
    action: str  # insert | update | delete
    label: str | None  # what the record is called (its name, code, text...), if it has one
    fields: tuple[FieldChange, ...]  # the columns an update changed
    actor: str | None  # the person's name, when a person made it
    node: str  # the installation's name (or id, if unknown here)
    recorded_at: datetime  # aware UTC


@dataclass(frozen=True)
class RecentChangesPage:
    changes: tuple[RecentChange, ...]
    next_before: str | None  # give as `before` for the next, older page; None: no more


def _label(values: dict[str, Any]) -> str | None:
    for column in _LABEL_COLUMNS:
        value = values.get(column)
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1] + "…"
    return None


def _models() -> dict[str, type[Base]]:
    return {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}


def _current_labels(session: Session, wanted: dict[str, set[str]]) -> dict[tuple[str, str], str]:
    """Labels of updated records from their current rows (an update carries only what changed)."""
    models = _models()
    found: dict[tuple[str, str], str] = {}
    for table, record_ids in wanted.items():
        model = models.get(table)
        if model is None:
            continue
        mapper = inspect(model)
        if len(mapper.primary_key) != 1:
            continue
        columns = [c for c in _LABEL_COLUMNS if c in mapper.columns]
        if not columns:
            continue
        key = mapper.primary_key[0]
        for row in session.execute(
            select(key, *(mapper.columns[c] for c in columns)).where(key.in_(record_ids))
        ):
            label = _label(dict(zip(columns, row[1:], strict=True)))
            if label:
                found[(table, str(row[0]))] = label
    return found


def recent_changes(
    store: Store,
    *,
    limit: int = DEFAULT_PAGE_SIZE,
    before: str | None = None,
    table: str | None = None,
) -> RecentChangesPage:
    """Up to `limit` changes, newest first, older than the change `before` if given;
    `table` keeps one record kind (e.g. 'tasks')."""
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise ValidationError(f"A page holds 1 to {MAX_PAGE_SIZE} changes; {limit} was asked.")
    if before is not None and not is_record_id(before.strip()):
        raise ValidationError(f"{before!r} is not a change id (32 hexadecimal digits).")
    if table is not None and table not in CAPTURED_TABLES:
        raise ValidationError(
            f"Unknown record kind {table!r}; choose from: {', '.join(sorted(CAPTURED_TABLES))}."
        )
    with store.read() as session:
        query = (
            select(Change, Person.name, Node.name)
            .outerjoin(Person, Person.id == Change.actor_id)
            .outerjoin(Node, Node.id == Change.node_id)
        )
        if before is not None:
            query = query.where(Change.id < before.strip())
        if table is not None:
            query = query.where(Change.table_name == table)
        rows = session.execute(query.order_by(Change.id.desc()).limit(limit + 1)).all()
        more = len(rows) > limit
        rows = rows[:limit]
        updated: dict[str, set[str]] = defaultdict(set)
        for change, _, _ in rows:
            if change.action == "update":
                updated[change.table_name].add(change.record_id)
        labels = _current_labels(session, updated)
    changes = []
    for change, actor, node in rows:
        before_values = json.loads(change.before) if change.before else {}
        after_values = json.loads(change.after) if change.after else {}
        if change.action == "update":
            label = labels.get((change.table_name, change.record_id))
            fields = tuple(
                FieldChange(name, before_values.get(name), after_values[name])
                for name in sorted(after_values)
            )
        else:
            label = _label(after_values or before_values)
            fields = ()
        changes.append(
            RecentChange(
                change_id=change.id,
                table=change.table_name,
                record_id=change.record_id,
                action=change.action,
                label=label,
                fields=fields,
                actor=actor,
                node=node or change.node_id,
                recorded_at=change.recorded_at.replace(tzinfo=UTC),
            )
        )
    return RecentChangesPage(tuple(changes), changes[-1].change_id if more and changes else None)
