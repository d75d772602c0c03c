"""History and restore (版本回溯): any shared record's changes, and bringing back an earlier state.

History reads the captured changes (store.capture). A restore never rewrites history: it
computes the record's state at the chosen version by replaying its changes, and writes the
difference from today's state as a new change, captured and attributed like any other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, inspect, select

from govperf_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from govperf_desktop.domain.permissions import Action
from govperf_desktop.services import audit, roles
from govperf_desktop.store.models import Base, Change, Node, Person
from govperf_desktop.store.store import Store

# Evidence: written once, corrected only by new records (a comment's new version, a new event).
APPEND_ONLY = {
    "task_events": "Task events are evidence and are never changed; record a new event instead.",
    "comments": "Comments are evidence; an edit is a new version of the comment.",
    "mentions": "Mentions belong to their comment and are never changed.",
    "submissions": "Submissions are evidence and are never changed; submit a new revision.",
    "submission_files": "Submitted files are evidence and are never changed.",
    "score_publications": (
        "Published scores are never changed; publish again to supersede them with a correction."
    ),
}


@dataclass(frozen=True)
class ChangeView:
    version: int  # 1 = the record's first change
    change_id: str
    table: str
    record_id: str
    action: str
    before: dict[str, Any]
    after: dict[str, Any]
    actor: str | None  # the person's name, when a person made it
    node: str  # the installation's name (or id, if unknown here)
    recorded_at: datetime
    hlc: str


def _model_for(table: str) -> type[Base]:
    for mapper in Base.registry.mappers:
        if mapper.class_.__tablename__ == table:
            return mapper.class_
    raise NotFoundError(f"Unknown record kind {table!r}.")


def history(store: Store, record_id: str, table: str | None = None) -> list[ChangeView]:
    """Every captured change of a record, oldest first (by hybrid logical clock)."""
    with store.read() as session:
        query = (
            select(Change, Person.name, Node.name)
            .outerjoin(Person, Person.id == Change.actor_id)
            .outerjoin(Node, Node.id == Change.node_id)
            .where(Change.record_id == record_id)
            .order_by(Change.hlc, Change.node_id, Change.seq)
        )
        if table:
            query = query.where(Change.table_name == table)
        rows = session.execute(query).all()
    if not rows:
        raise NotFoundError(f"No history for record {record_id!r}.")
    tables = {change.table_name for change, _, _ in rows}
    if len(tables) > 1:
        raise ValidationError(
            f"Record id {record_id!r} names records of several kinds ({', '.join(sorted(tables))});"
            " say which with --table."
        )
    return [
        ChangeView(
            version=number,
            change_id=change.id,
            table=change.table_name,
            record_id=change.record_id,
            action=change.action,
            before=json.loads(change.before) if change.before else {},
            after=json.loads(change.after) if change.after else {},
            actor=actor_name,
            node=node_name or change.node_id,
            recorded_at=change.recorded_at,
            hlc=change.hlc,
        )
        for number, (change, actor_name, node_name) in enumerate(rows, start=1)
    ]


def state_at(changes: list[ChangeView], version: int) -> dict[str, Any] | None:
    """The record's column values after `version` (None: it did not exist then)."""
    state: dict[str, Any] | None = None
    for change in changes[:version]:
        if change.action == "insert":
            state = dict(change.after)
        elif change.action == "update":
            state = {**(state or {}), **change.after}
        else:
            state = None
    return state


def _decode(model: type[Base], values: dict[str, Any]) -> dict[str, Any]:
    columns = inspect(model).columns
    decoded = {}
    for key, value in values.items():
        column_type = columns[key].type
        if value is not None and isinstance(column_type, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column_type, Date):
            value = date.fromisoformat(value)
        decoded[key] = value
    return decoded


def restore(
    store: Store,
    record_id: str,
    *,
    version: int,
    actor_id: str | None = None,
    table: str | None = None,
) -> ChangeView:
    """Bring a record back to its state after `version`, as a new captured change.

    `actor_id` (an id, a name or 'NAME@DEPARTMENT') restores it and needs the role central or
    admin (`domain.permissions`).
    """
    if not actor_id or not actor_id.strip():
        raise ValidationError(
            "Say who restores the record (--as PERSON, a person with role central or admin)."
        )
    with store.read() as session:
        person = roles.require(
            session,
            roles.acting(session, actor_id),
            Action.RESTORE_HISTORY,
            attempt=f"restore record {record_id}",
        )
    actor_id = person.id
    changes = history(store, record_id, table)
    kind = changes[0].table
    if kind in APPEND_ONLY:
        raise ValidationError(APPEND_ONLY[kind])
    if not 1 <= version <= len(changes):
        raise ValidationError(
            f"Version {version} does not exist; record {record_id} has versions 1 to "
            f"{len(changes)}."
        )
    model = _model_for(kind)
    wanted = state_at(changes, version)
    key_columns = [column.key for column in inspect(model).primary_key]
    key = tuple(record_id.split("/"))
    with store.write(actor_id=actor_id) as session:
        audit.record(
            session,
            "restore",
            now=store.clock(),
            person_id=actor_id,
            detail={"table": kind, "record": record_id, "version": version},
        )
        current = session.get(model, key if len(key) > 1 else key[0])
        if wanted is None and current is None:
            raise ConflictError(f"Record {record_id} is already absent, as at version {version}.")
        if wanted is None:
            session.delete(current)
        elif current is None:
            session.add(model(**_decode(model, wanted)))
        else:
            values = _decode(model, wanted)
            differs = {
                name: value
                for name, value in values.items()
                if name not in key_columns and getattr(current, name) != value
            }
            if not differs:
                raise ConflictError(
                    f"Record {record_id} is already as it was at version {version}."
                )
            for name, value in differs.items():
                setattr(current, name, value)
    return history(store, record_id, kind)[-1]
