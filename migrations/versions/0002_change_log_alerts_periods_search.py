"""change log, alert acknowledgements, timesheet periods, comment search

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 19:46:11.985057
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# SQLite dialect branch: full-text search over comment bodies with FTS5's trigram tokenizer,
# which matches Chinese text without a word segmenter (queries of 3+ characters; shorter ones
# fall back to a scan in store/search.py). An external-content index: the text lives once, in
# `comments`, keyed by its rowid, and triggers keep the index in step. A later migration that
# rebuilds `comments` (batch mode) changes rowids and must end with the 'rebuild' below.
SQLITE_COMMENT_SEARCH = (
    "CREATE VIRTUAL TABLE comments_fts USING fts5("
    "body, content='comments', content_rowid='rowid', tokenize='trigram')",
    "CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN "
    "INSERT INTO comments_fts(rowid, body) VALUES (new.rowid, new.body); END",
    "CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN "
    "INSERT INTO comments_fts(comments_fts, rowid, body) VALUES ('delete', old.rowid, old.body); "
    "END",
    "CREATE TRIGGER comments_fts_update AFTER UPDATE OF body ON comments BEGIN "
    "INSERT INTO comments_fts(comments_fts, rowid, body) VALUES ('delete', old.rowid, old.body); "
    "INSERT INTO comments_fts(rowid, body) VALUES (new.rowid, new.body); END",
    "INSERT INTO comments_fts(comments_fts) VALUES ('rebuild')",
)

# PostgreSQL dialect branch (a central office, docs/central-office.md): pg_trgm's GIN trigram
# index on comments.body answers `LIKE '%term%'` for Chinese text of 3+ characters the same way;
# PostgreSQL keeps it in step itself, so there are no triggers. pg_trgm is a trusted extension
# (PostgreSQL 13+): the database's owner may create it without superuser rights.
POSTGRESQL_COMMENT_SEARCH = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_comments_body_trgm ON comments USING gin (body gin_trgm_ops)",
)

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "changes",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("node_id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.String(length=24), nullable=False),
        sa.Column("actor_id", sa.String(length=32), nullable=True),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "action IN ('insert', 'update', 'delete')", name=op.f("ck_changes_action_known")
        ),
        sa.CheckConstraint("seq >= 1", name=op.f("ck_changes_seq_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changes")),
        sa.UniqueConstraint("node_id", "seq", name=op.f("uq_changes_node_id_seq")),
    )
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_changes_table_name_record_id", ["table_name", "record_id"], unique=False
        )

    op.create_table(
        "timesheet_periods",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by", sa.String(length=32), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("reopened_count", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'locked')",
            name=op.f("ck_timesheet_periods_status_known"),
        ),
        sa.CheckConstraint(
            "period_start <= period_end", name=op.f("ck_timesheet_periods_period_ordered")
        ),
        sa.CheckConstraint(
            "reopened_count >= 0", name=op.f("ck_timesheet_periods_reopened_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["people.id"], name=op.f("fk_timesheet_periods_approved_by_people")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_timesheet_periods_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timesheet_periods")),
        sa.UniqueConstraint(
            "person_id", "period_start", name=op.f("uq_timesheet_periods_person_id_period_start")
        ),
    )
    op.create_table(
        "alert_acknowledgements",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("task_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('overdue', 'due_soon')", name=op.f("ck_alert_acknowledgements_kind_known")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_alert_acknowledgements_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_alert_acknowledgements_task_id_tasks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_acknowledgements")),
        sa.UniqueConstraint(
            "task_id",
            "kind",
            "deadline",
            "person_id",
            name=op.f("uq_alert_acknowledgements_task_id_kind_deadline_person_id"),
        ),
    )
    with op.batch_alter_table("alert_acknowledgements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alert_acknowledgements_task_id"), ["task_id"], unique=False
        )

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_COMMENT_SEARCH:
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in POSTGRESQL_COMMENT_SEARCH:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("comments_fts_insert", "comments_fts_delete", "comments_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS comments_fts")
    elif op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_comments_body_trgm")
    with op.batch_alter_table("alert_acknowledgements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_acknowledgements_task_id"))

    op.drop_table("alert_acknowledgements")
    op.drop_table("timesheet_periods")
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index("ix_changes_table_name_record_id")

    op.drop_table("changes")
