"""Task milestones kept by the database: each task's first events and first submission.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 04:30:00

`task_milestones(task_id, notified_id, notified_at, started_id, started_at, finished_id,
finished_kind, finished_at, returns, first_submission_id, first_check_result)`: one row per
task that has a task event of kind notified, started, accepted, completed or returned, or a
submission. Its first notification and first start, its finish (the earliest of all its
acceptances and completions; `finished_kind` says which), each the first by (occurred_at,
id); the number of its returns for revision; its submission with the lowest revision and
that one's check result. Exactly what scoring picked from the events before
(docs/scoring.md, docs/performance.md, scoring round 4).

Why: scoring every indicator of the province read each task's events to pick ~3 of them
(84,475 events fetched for 19,909 tasks, 0.43-0.53 s of CPU) and looked up each task's
lowest revision (0.09-0.14 s); it now reads one row per task: 0.12-0.135 s for both (the
return ids themselves are read only when evidence ids are shown). Upgrading the province:
the backfill takes 0.9-1.2 s of CPU (8.6 s with the backup taken before any upgrade); a
write pays ~30 us per event or submission (the scale demo suspends the triggers and
rebuilds the table once, store/summaries.py).

Derived local data like 0008's tables (models.DERIVED_METADATA): not a model of `Base`, not
captured in `changes`, not carried in bundles; `migrate-store` copies it as it is, with the
target's triggers off, and checks it by hash like every table. Kept by row triggers on
task_events and submissions that fire on every write path (services through the ORM, sync
import, the demo generators' Core inserts, raw SQL): any insert, delete or update of a row
recomputes the row of its task from the base tables (delete it, insert it again if the task
still has anything; both tasks when an update moves a row), so rows may arrive in any order.
A task has a handful of events, so recomputing it is a few index probes. SQLite: row
triggers; PostgreSQL: a PL/pgSQL function per task and a row-level trigger function.
Existing stores are backfilled here with the same statement. A later migration that
rebuilds task_events or submissions (batch mode copies the table on SQLite) must create the
triggers again (`create_triggers`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

MILESTONE_KINDS = "'notified', 'started', 'accepted', 'completed', 'returned'"
COLUMNS = (
    "task_id, notified_id, notified_at, started_id, started_at, finished_id, finished_kind, "
    "finished_at, returns, first_submission_id, first_check_result"
)


def _first(kinds: str) -> str:
    """The id of the task's first event of `kinds` by (occurred_at, id)."""
    return (
        f"(SELECT e.id FROM task_events e WHERE e.task_id = k.task_id AND e.kind IN ({kinds}) "
        "ORDER BY e.occurred_at, e.id LIMIT 1)"
    )


_NOTIFIED, _STARTED = _first("'notified'"), _first("'started'")
_FINISHED = _first("'accepted', 'completed'")


def milestones_of(keys: str) -> str:
    """INSERT the milestone rows of the tasks that `keys` (a SELECT of task_id) names."""
    return (
        f"INSERT INTO task_milestones ({COLUMNS}) "
        "SELECT k.task_id, n.id, n.occurred_at, s.id, s.occurred_at, f.id, f.kind, "
        "f.occurred_at, (SELECT count(*) FROM task_events r WHERE r.task_id = k.task_id "
        "AND r.kind = 'returned'), b.id, b.check_result "
        f"FROM ({keys}) AS k "
        f"LEFT JOIN task_events n ON n.id = {_NOTIFIED} "
        f"LEFT JOIN task_events s ON s.id = {_STARTED} "
        f"LEFT JOIN task_events f ON f.id = {_FINISHED} "
        "LEFT JOIN submissions b ON b.id = (SELECT x.id FROM submissions x "
        "WHERE x.task_id = k.task_id ORDER BY x.revision LIMIT 1)"
    )


def tasks_with_milestones(task: str | None = None) -> str:
    """The tasks that have a milestone (only `task`, an SQL expression, when given)."""
    events = f"SELECT task_id FROM task_events WHERE kind IN ({MILESTONE_KINDS})"
    submissions = "SELECT task_id FROM submissions"
    if task is not None:
        events, submissions = (
            f"{events} AND task_id = {task}",
            f"{submissions} WHERE task_id = {task}",
        )
    return f"{events} UNION {submissions}"


BACKFILL = milestones_of(tasks_with_milestones())


def _refresh(task: str) -> str:
    """Statements recomputing the row of `task` (an SQL expression) from the base tables."""
    return (
        f"DELETE FROM task_milestones WHERE task_id = {task}; "
        f"{milestones_of(tasks_with_milestones(task))};"
    )


# The columns a milestone is read from: an update of anything else changes nothing.
WATCHED = {
    "task_events": "id, task_id, kind, occurred_at",
    "submissions": "id, task_id, revision, check_result",
}
SQLITE_TRIGGERS = {}
for _table, _columns in WATCHED.items():
    SQLITE_TRIGGERS[f"task_milestones_{_table}_insert"] = (
        f"AFTER INSERT ON {_table} BEGIN {_refresh('NEW.task_id')} END"
    )
    SQLITE_TRIGGERS[f"task_milestones_{_table}_delete"] = (
        f"AFTER DELETE ON {_table} BEGIN {_refresh('OLD.task_id')} END"
    )
    SQLITE_TRIGGERS[f"task_milestones_{_table}_update"] = (
        f"AFTER UPDATE OF {_columns} ON {_table} "
        f"BEGIN {_refresh('OLD.task_id')} {_refresh('NEW.task_id')} END"
    )

# PostgreSQL: one function recomputing a task's row, called by a row-level trigger function
# for the old and the new task of the row written (a task has a handful of events).
POSTGRES_FUNCTIONS = (
    f"""
CREATE OR REPLACE FUNCTION task_milestones_refresh(changed varchar) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    {_refresh("changed")}
END
$$
""",
    """
CREATE OR REPLACE FUNCTION task_milestones_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM task_milestones_refresh(OLD.task_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.task_id IS DISTINCT FROM OLD.task_id) THEN
        PERFORM task_milestones_refresh(NEW.task_id);
    END IF;
    RETURN NULL;
END
$$
""",
)
POSTGRES_TRIGGERS = tuple(
    f"CREATE TRIGGER task_milestones_{table} AFTER INSERT OR DELETE OR UPDATE OF {columns} "
    f"ON {table} FOR EACH ROW EXECUTE FUNCTION task_milestones_follow()"
    for table, columns in WATCHED.items()
)


def create_triggers(dialect: str) -> None:
    """The triggers that keep task_milestones (also for a later migration that rebuilds
    task_events or submissions)."""
    if dialect == "sqlite":
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    elif dialect == "postgresql":
        for statement in (*POSTGRES_FUNCTIONS, *POSTGRES_TRIGGERS):
            op.execute(statement)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "task_milestones",
        sa.Column("task_id", sa.String(length=32), nullable=False),
        sa.Column("notified_id", sa.String(length=32), nullable=True),
        sa.Column("notified_at", sa.DateTime(), nullable=True),
        sa.Column("started_id", sa.String(length=32), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_id", sa.String(length=32), nullable=True),
        sa.Column("finished_kind", sa.String(length=16), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("returns", sa.Integer(), nullable=False),
        sa.Column("first_submission_id", sa.String(length=32), nullable=True),
        sa.Column("first_check_result", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("task_id", name=op.f("pk_task_milestones")),
    )
    op.execute(BACKFILL)
    create_triggers(dialect)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        for table in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS task_milestones_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS task_milestones_follow()")
        op.execute("DROP FUNCTION IF EXISTS task_milestones_refresh(varchar)")
    op.drop_table("task_milestones")
