"""Scoring summaries kept by the database: timesheet totals and mention targets.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 01:30:00

Two derived tables that make scoring every indicator of a province cheap
(docs/performance.md, scoring):

* `timesheet_totals(task_id, department_id, micro_hours, entries, overtime_entries)`: for
  each task and department of the person, the hours of its timesheet entries in whole
  millionths of an hour (each entry's hours rounded to a micro-hour, then added as integers:
  the total is exact and does not depend on the order rows were written or summed), the
  number of entries and the number with overtime. Scoring reads ~20,000 rows instead of
  summing 2.4 M entries. A (task, department) whose last entry goes is removed.
* `mention_targets`: one row per @mention with what scoring needs of its comment (task,
  moment, author's department, whether it is an original, and the department of the comment
  it answers), indexed by task: finding the requests of an indicator is one range read per
  task instead of probing every comment of the task for mentions.

Derived local data, like the comments' search index: not models of `Base` (so not captured
in `changes`, not carried in bundles; `migrate-store` copies them as they are, with the
target's triggers off, and checks them by hash like every table), kept by triggers that fire on every write path at
once (services through the ORM, sync import, history restore, the demo generators' Core
inserts, raw SQL), in either order of arrival (a mention before its comment, a reply before
the comment it answers). Existing stores are backfilled here. SQLite: row triggers;
PostgreSQL: PL/pgSQL trigger functions, statement-level over transition tables for the
timesheet totals. A later migration that rebuilds timesheet_entries,
comments or mentions (batch mode copies the table on SQLite) must create the triggers again
(`create_triggers`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_SQLITE_MICRO = "CAST(round({row}.hours * 1000000) AS INTEGER)"
_SQLITE_ADD = (
    "INSERT INTO timesheet_totals (task_id, department_id, micro_hours, entries, "
    "overtime_entries) VALUES (NEW.task_id, NEW.department_id, "
    + _SQLITE_MICRO.format(row="NEW")
    + ", 1, NEW.overtime > 0) ON CONFLICT (task_id, department_id) DO UPDATE SET "
    "micro_hours = micro_hours + excluded.micro_hours, entries = entries + 1, "
    "overtime_entries = overtime_entries + excluded.overtime_entries;"
)
_SQLITE_REMOVE = (
    "UPDATE timesheet_totals SET micro_hours = micro_hours - "
    + _SQLITE_MICRO.format(row="OLD")
    + ", entries = entries - 1, overtime_entries = overtime_entries - (OLD.overtime > 0) "
    "WHERE task_id = OLD.task_id AND department_id = OLD.department_id; "
    "DELETE FROM timesheet_totals WHERE task_id = OLD.task_id "
    "AND department_id = OLD.department_id AND entries <= 0;"
)
SQLITE_TRIGGERS = {
    "timesheet_totals_insert": f"AFTER INSERT ON timesheet_entries BEGIN {_SQLITE_ADD} END",
    "timesheet_totals_delete": f"AFTER DELETE ON timesheet_entries BEGIN {_SQLITE_REMOVE} END",
    "timesheet_totals_update": (
        "AFTER UPDATE OF task_id, department_id, hours, overtime ON timesheet_entries "
        f"BEGIN {_SQLITE_REMOVE} {_SQLITE_ADD} END"
    ),
}

# PostgreSQL: statement-level triggers over transition tables, one grouped upsert per
# statement. A row-level trigger updated the same hot totals row once per entry, and on
# PostgreSQL every such update leaves a dead row version behind: a bundle import of 100,000
# entries for one task slowed down quadratically (10,000 entries 13-16 s instead of 3-4 s).
_PG_DELTA = (
    "SELECT task_id, department_id, sum(round(hours * 1000000)::bigint) AS micro_hours, "
    "count(*) AS entries, sum(CASE WHEN overtime > 0 THEN 1 ELSE 0 END) AS overtime_entries "
    "FROM {rows} GROUP BY task_id, department_id"
)
POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION timesheet_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE timesheet_totals AS t
        SET micro_hours = t.micro_hours - d.micro_hours,
            entries = t.entries - d.entries,
            overtime_entries = t.overtime_entries - d.overtime_entries
        FROM ({_PG_DELTA.format(rows="old_rows")}) AS d
        WHERE t.task_id = d.task_id AND t.department_id = d.department_id;
        DELETE FROM timesheet_totals AS t
        USING (SELECT DISTINCT task_id, department_id FROM old_rows) AS d
        WHERE t.task_id = d.task_id AND t.department_id = d.department_id AND t.entries <= 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO timesheet_totals AS t
            (task_id, department_id, micro_hours, entries, overtime_entries)
        {_PG_DELTA.format(rows="new_rows")}
        ON CONFLICT (task_id, department_id) DO UPDATE
        SET micro_hours = t.micro_hours + EXCLUDED.micro_hours,
            entries = t.entries + EXCLUDED.entries,
            overtime_entries = t.overtime_entries + EXCLUDED.overtime_entries;
    END IF;
    RETURN NULL;
END
$$
"""
# Transition tables allow one event per trigger and no column list.
POSTGRES_TRIGGERS = (
    "CREATE TRIGGER timesheet_totals_insert AFTER INSERT ON timesheet_entries "
    "REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION timesheet_totals_apply()",
    "CREATE TRIGGER timesheet_totals_delete AFTER DELETE ON timesheet_entries "
    "REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION timesheet_totals_apply()",
    "CREATE TRIGGER timesheet_totals_update AFTER UPDATE ON timesheet_entries "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION timesheet_totals_apply()",
)

BACKFILL = {
    "sqlite": (
        "INSERT INTO timesheet_totals (task_id, department_id, micro_hours, entries, "
        "overtime_entries) SELECT task_id, department_id, "
        "sum(CAST(round(hours * 1000000) AS INTEGER)), count(*), "
        "sum(CASE WHEN overtime > 0 THEN 1 ELSE 0 END) "
        "FROM timesheet_entries GROUP BY task_id, department_id"
    ),
    "postgresql": (
        "INSERT INTO timesheet_totals (task_id, department_id, micro_hours, entries, "
        "overtime_entries) SELECT task_id, department_id, "
        "sum(round(hours * 1000000)::bigint), count(*), "
        "sum(CASE WHEN overtime > 0 THEN 1 ELSE 0 END) "
        "FROM timesheet_entries GROUP BY task_id, department_id"
    ),
}


# --- mention_targets ---------------------------------------------------------------------
MENTION_COVERING = [
    "task_id",
    "created_at",
    "comment_id",
    "author_department_id",
    "person_id",
    "department_id",
    "answered_department_id",
    "original",
]
_TARGET_COLUMNS = (
    "mention_id, task_id, comment_id, created_at, author_department_id, person_id, "
    "department_id, answered_department_id, original"
)
MENTION_BACKFILL = (
    f"INSERT INTO mention_targets ({_TARGET_COLUMNS}) "
    "SELECT m.id, c.task_id, c.id, c.created_at, c.department_id, m.person_id, "
    "m.department_id, a.department_id, coalesce(c.supersedes_id, '') = '' "
    "FROM mentions m JOIN comments c ON c.id = m.comment_id "
    "LEFT JOIN comments a ON a.id = c.reply_to_id"
)
# A mention's row, from its comment (none while the comment is not there yet).
_SQLITE_TARGET_OF_MENTION = (
    f"INSERT INTO mention_targets ({_TARGET_COLUMNS}) "
    "SELECT NEW.id, c.task_id, c.id, c.created_at, c.department_id, NEW.person_id, "
    "NEW.department_id, (SELECT a.department_id FROM comments a WHERE a.id = c.reply_to_id), "
    "coalesce(c.supersedes_id, '') = '' FROM comments c WHERE c.id = NEW.comment_id;"
)
# A comment's mentions that arrived before it; and the department it gives to its replies.
_SQLITE_TARGETS_OF_COMMENT = (
    "DELETE FROM mention_targets WHERE comment_id = NEW.id; "
    f"INSERT INTO mention_targets ({_TARGET_COLUMNS}) "
    "SELECT m.id, NEW.task_id, NEW.id, NEW.created_at, NEW.department_id, m.person_id, "
    "m.department_id, (SELECT a.department_id FROM comments a WHERE a.id = NEW.reply_to_id), "
    "coalesce(NEW.supersedes_id, '') = '' FROM mentions m WHERE m.comment_id = NEW.id; "
    "UPDATE mention_targets SET answered_department_id = NEW.department_id "
    "WHERE comment_id IN (SELECT r.id FROM comments r WHERE r.reply_to_id = NEW.id);"
)
SQLITE_MENTION_TRIGGERS = {
    "mention_targets_mention_insert": (
        f"AFTER INSERT ON mentions BEGIN {_SQLITE_TARGET_OF_MENTION} END"
    ),
    "mention_targets_mention_update": (
        "AFTER UPDATE ON mentions BEGIN "
        "DELETE FROM mention_targets WHERE mention_id = OLD.id; "
        f"{_SQLITE_TARGET_OF_MENTION} END"
    ),
    "mention_targets_mention_delete": (
        "AFTER DELETE ON mentions BEGIN DELETE FROM mention_targets WHERE mention_id = OLD.id; END"
    ),
    "mention_targets_comment_insert": (
        f"AFTER INSERT ON comments BEGIN {_SQLITE_TARGETS_OF_COMMENT} END"
    ),
    "mention_targets_comment_update": (
        "AFTER UPDATE OF task_id, created_at, department_id, reply_to_id, supersedes_id "
        f"ON comments BEGIN {_SQLITE_TARGETS_OF_COMMENT} END"
    ),
    "mention_targets_comment_delete": (
        "AFTER DELETE ON comments BEGIN "
        "DELETE FROM mention_targets WHERE comment_id = OLD.id; "
        "UPDATE mention_targets SET answered_department_id = NULL "
        "WHERE comment_id IN (SELECT r.id FROM comments r WHERE r.reply_to_id = OLD.id); END"
    ),
}
POSTGRES_MENTIONS = (
    f"""
CREATE OR REPLACE FUNCTION mention_targets_of_mentions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        DELETE FROM mention_targets WHERE mention_id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO mention_targets ({_TARGET_COLUMNS})
        SELECT NEW.id, c.task_id, c.id, c.created_at, c.department_id, NEW.person_id,
               NEW.department_id,
               (SELECT a.department_id FROM comments a WHERE a.id = c.reply_to_id),
               coalesce(c.supersedes_id, '') = ''
        FROM comments c WHERE c.id = NEW.comment_id;
    END IF;
    RETURN NULL;
END
$$
""",
    f"""
CREATE OR REPLACE FUNCTION mention_targets_of_comments() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        DELETE FROM mention_targets WHERE comment_id = OLD.id;
        UPDATE mention_targets SET answered_department_id = NULL
        WHERE comment_id IN (SELECT r.id FROM comments r WHERE r.reply_to_id = OLD.id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        DELETE FROM mention_targets WHERE comment_id = NEW.id;
        INSERT INTO mention_targets ({_TARGET_COLUMNS})
        SELECT m.id, NEW.task_id, NEW.id, NEW.created_at, NEW.department_id, m.person_id,
               m.department_id,
               (SELECT a.department_id FROM comments a WHERE a.id = NEW.reply_to_id),
               coalesce(NEW.supersedes_id, '') = ''
        FROM mentions m WHERE m.comment_id = NEW.id;
        UPDATE mention_targets SET answered_department_id = NEW.department_id
        WHERE comment_id IN (SELECT r.id FROM comments r WHERE r.reply_to_id = NEW.id);
    END IF;
    RETURN NULL;
END
$$
""",
    "CREATE TRIGGER mention_targets_mentions AFTER INSERT OR DELETE OR UPDATE ON mentions "
    "FOR EACH ROW EXECUTE FUNCTION mention_targets_of_mentions()",
    "CREATE TRIGGER mention_targets_comments AFTER INSERT OR DELETE OR UPDATE OF task_id, "
    "created_at, department_id, reply_to_id, supersedes_id ON comments "
    "FOR EACH ROW EXECUTE FUNCTION mention_targets_of_comments()",
)
POSTGRES_DROPS = (
    ("timesheet_totals_insert", "timesheet_entries"),
    ("timesheet_totals_delete", "timesheet_entries"),
    ("timesheet_totals_update", "timesheet_entries"),
    ("mention_targets_mentions", "mentions"),
    ("mention_targets_comments", "comments"),
)


def create_triggers(dialect: str) -> None:
    """The triggers that keep timesheet_totals and mention_targets (also for a later
    migration that rebuilds timesheet_entries, comments or mentions)."""
    if dialect == "sqlite":
        for name, body in {**SQLITE_TRIGGERS, **SQLITE_MENTION_TRIGGERS}.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    elif dialect == "postgresql":
        for statement in (POSTGRES_FUNCTION, *POSTGRES_TRIGGERS, *POSTGRES_MENTIONS):
            op.execute(statement)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "timesheet_totals",
        sa.Column("task_id", sa.String(length=32), nullable=False),
        sa.Column("department_id", sa.String(length=32), nullable=False),
        sa.Column("micro_hours", sa.BigInteger(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("overtime_entries", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("task_id", "department_id", name=op.f("pk_timesheet_totals")),
    )
    op.create_table(
        "mention_targets",
        sa.Column("mention_id", sa.String(length=32), nullable=False),
        sa.Column("task_id", sa.String(length=32), nullable=False),
        sa.Column("comment_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("author_department_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=True),
        sa.Column("department_id", sa.String(length=32), nullable=True),
        sa.Column("answered_department_id", sa.String(length=32), nullable=True),
        sa.Column("original", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("mention_id", name=op.f("pk_mention_targets")),
    )
    with op.batch_alter_table("mention_targets", schema=None) as batch_op:
        batch_op.create_index("ix_mention_targets_task_id_covering", MENTION_COVERING)
        batch_op.create_index("ix_mention_targets_comment_id", ["comment_id"])
    if dialect in BACKFILL:
        op.execute(BACKFILL[dialect])
        op.execute(MENTION_BACKFILL)
    create_triggers(dialect)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in (*SQLITE_TRIGGERS, *SQLITE_MENTION_TRIGGERS):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        for trigger, table in POSTGRES_DROPS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        for function in (
            "timesheet_totals_apply",
            "mention_targets_of_mentions",
            "mention_targets_of_comments",
        ):
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    op.drop_table("mention_targets")
    op.drop_table("timesheet_totals")
