"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28 19:35:30.385989
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "departments",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_departments_name_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_departments")),
        sa.UniqueConstraint("name", name=op.f("uq_departments_name")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "indicators",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("lead_department_id", sa.String(length=32), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'active', 'met', 'missed', 'closed')",
            name=op.f("ck_indicators_status_known"),
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_indicators_name_not_blank")),
        sa.CheckConstraint("period_start <= period_end", name=op.f("ck_indicators_period_ordered")),
        sa.ForeignKeyConstraint(
            ["lead_department_id"],
            ["departments.id"],
            name=op.f("fk_indicators_lead_department_id_departments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
        sa.UniqueConstraint("name", "period", name=op.f("uq_indicators_name_period")),
    )
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicators_lead_department_id"), ["lead_department_id"], unique=False
        )

    op.create_table(
        "nodes",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("department_id", sa.String(length=32), nullable=True),
        sa.Column("public_key", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "role <> 'department' OR department_id IS NOT NULL",
            name=op.f("ck_nodes_department_node_has_dept"),
        ),
        sa.CheckConstraint(
            "role IN ('central', 'department', 'evaluator')", name=op.f("ck_nodes_role_known")
        ),
        sa.ForeignKeyConstraint(
            ["department_id"], ["departments.id"], name=op.f("fk_nodes_department_id_departments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nodes")),
        sa.UniqueConstraint("name", name=op.f("uq_nodes_name")),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("department_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_people_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["department_id"], ["departments.id"], name=op.f("fk_people_department_id_departments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("department_id", "name", name=op.f("uq_people_department_id_name")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_people_department_id"), ["department_id"], unique=False
        )

    op.create_table(
        "cooperating_departments",
        sa.Column("indicator_id", sa.String(length=32), nullable=False),
        sa.Column("department_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_cooperating_departments_department_id_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_cooperating_departments_indicator_id_indicators"),
        ),
        sa.PrimaryKeyConstraint(
            "indicator_id", "department_id", name=op.f("pk_cooperating_departments")
        ),
    )
    op.create_table(
        "liability_rules",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("indicator_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("percent", sa.Float(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('failure_caused_miss', 'cooperating', 'blocking_delay')",
            name=op.f("ck_liability_rules_kind_known"),
        ),
        sa.CheckConstraint(
            "percent >= 0 AND percent <= 100", name=op.f("ck_liability_rules_percent_range")
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_liability_rules_indicator_id_indicators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_liability_rules")),
        sa.UniqueConstraint(
            "indicator_id", "kind", name=op.f("uq_liability_rules_indicator_id_kind")
        ),
    )
    op.create_table(
        "person_roles",
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.CheckConstraint(
            "role IN ('clerk', 'head', 'evaluator', 'central', 'admin', 'auditor')",
            name=op.f("ck_person_roles_role_known"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_person_roles_person_id_people")
        ),
        sa.PrimaryKeyConstraint("person_id", "role", name=op.f("pk_person_roles")),
    )
    op.create_table(
        "scoring_configs",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("indicator_id", sa.String(length=32), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("config", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("version >= 1", name=op.f("ck_scoring_configs_version_positive")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["people.id"], name=op.f("fk_scoring_configs_created_by_people")
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_scoring_configs_indicator_id_indicators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scoring_configs")),
        sa.UniqueConstraint(
            "indicator_id", "version", name=op.f("uq_scoring_configs_indicator_id_version")
        ),
    )
    op.create_table(
        "tasks",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("indicator_id", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("department_id", sa.String(length=32), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("recurrence", sa.String(length=40), nullable=True),
        sa.Column("template_id", sa.String(length=32), nullable=True),
        sa.Column("period", sa.String(length=20), nullable=True),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'notified', 'in_progress', 'submitted', 'returned', 'awaiting_acceptance', 'accepted', 'completed')",
            name=op.f("ck_tasks_status_known"),
        ),
        sa.CheckConstraint(
            "deadline IS NOT NULL OR recurrence IS NOT NULL",
            name=op.f("ck_tasks_has_deadline_or_recurrence"),
        ),
        sa.CheckConstraint("length(trim(content)) > 0", name=op.f("ck_tasks_content_not_blank")),
        sa.ForeignKeyConstraint(
            ["department_id"], ["departments.id"], name=op.f("fk_tasks_department_id_departments")
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicators.id"], name=op.f("fk_tasks_indicator_id_indicators")
        ),
        sa.ForeignKeyConstraint(
            ["template_id"], ["tasks.id"], name=op.f("fk_tasks_template_id_tasks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
        sa.UniqueConstraint("indicator_id", "code", name=op.f("uq_tasks_indicator_id_code")),
        sa.UniqueConstraint("indicator_id", "id", name=op.f("uq_tasks_indicator_id_id")),
    )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tasks_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tasks_template_id"), ["template_id"], unique=False)

    op.create_table(
        "comments",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("task_id", sa.String(length=32), nullable=False),
        sa.Column("author_id", sa.String(length=32), nullable=False),
        sa.Column("department_id", sa.String(length=32), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("reply_to_id", sa.String(length=32), nullable=True),
        sa.Column("supersedes_id", sa.String(length=32), nullable=True),
        sa.Column("is_problem", sa.Boolean(), nullable=False),
        sa.Column("resolved_by_id", sa.String(length=32), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(resolved_by_id IS NULL) = (resolved_at IS NULL)",
            name=op.f("ck_comments_resolution_complete"),
        ),
        sa.CheckConstraint("length(trim(body)) > 0", name=op.f("ck_comments_body_not_blank")),
        sa.ForeignKeyConstraint(
            ["author_id"], ["people.id"], name=op.f("fk_comments_author_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_comments_department_id_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["reply_to_id"], ["comments.id"], name=op.f("fk_comments_reply_to_id_comments")
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"], ["comments.id"], name=op.f("fk_comments_resolved_by_id_comments")
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"], ["comments.id"], name=op.f("fk_comments_supersedes_id_comments")
        ),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], name=op.f("fk_comments_task_id_tasks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
        sa.UniqueConstraint("supersedes_id", name=op.f("uq_comments_supersedes_id")),
    )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_comments_author_id"), ["author_id"], unique=False)
        batch_op.create_index(
            "ix_comments_department_id_created_at", ["department_id", "created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_comments_reply_to_id"), ["reply_to_id"], unique=False)
        batch_op.create_index(
            "ix_comments_task_id_created_at", ["task_id", "created_at"], unique=False
        )

    op.create_table(
        "standard_items",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("task_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.CheckConstraint("position >= 1", name=op.f("ck_standard_items_position_positive")),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_standard_items_task_id_tasks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standard_items")),
        sa.UniqueConstraint("task_id", "position", name=op.f("uq_standard_items_task_id_position")),
        sa.UniqueConstraint("task_id", "text", name=op.f("uq_standard_items_task_id_text")),
    )
    op.create_table(
        "submissions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("task_id", sa.String(length=32), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("submitted_by", sa.String(length=32), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("items_provided", sa.Text(), nullable=False),
        sa.Column("missing_items", sa.Text(), nullable=False),
        sa.Column("check_result", sa.String(length=16), nullable=False),
        sa.CheckConstraint(
            "check_result IN ('complete', 'missing')",
            name=op.f("ck_submissions_check_result_known"),
        ),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_submissions_revision_positive")),
        sa.ForeignKeyConstraint(
            ["submitted_by"], ["people.id"], name=op.f("fk_submissions_submitted_by_people")
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_submissions_task_id_tasks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submissions")),
        sa.UniqueConstraint("task_id", "revision", name=op.f("uq_submissions_task_id_revision")),
    )
    op.create_table(
        "task_dependencies",
        sa.Column("indicator_id", sa.String(length=32), nullable=False),
        sa.Column("task_id", sa.String(length=32), nullable=False),
        sa.Column("depends_on_id", sa.String(length=32), nullable=False),
        sa.CheckConstraint("task_id <> depends_on_id", name=op.f("ck_task_dependencies_not_self")),
        sa.ForeignKeyConstraint(
            ["indicator_id", "depends_on_id"],
            ["tasks.indicator_id", "tasks.id"],
            name="fk_task_dependencies_upstream_same_indicator",
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id", "task_id"],
            ["tasks.indicator_id", "tasks.id"],
            name="fk_task_dependencies_task_same_indicator",
        ),
        sa.PrimaryKeyConstraint("task_id", "depends_on_id", name=op.f("pk_task_dependencies")),
    )
    with op.batch_alter_table("task_dependencies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_task_dependencies_depends_on_id"), ["depends_on_id"], unique=False
        )

    op.create_table(
        "timesheet_entries",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("department_id", sa.String(length=32), nullable=False),
        sa.Column("task_id", sa.String(length=32), nullable=False),
        sa.Column("work_date", sa.Date(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("overtime", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "hours > 0 AND hours <= 24", name=op.f("ck_timesheet_entries_hours_range")
        ),
        sa.CheckConstraint(
            "overtime >= 0 AND overtime <= hours", name=op.f("ck_timesheet_entries_overtime_range")
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_timesheet_entries_department_id_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_timesheet_entries_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_timesheet_entries_task_id_tasks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timesheet_entries")),
    )
    with op.batch_alter_table("timesheet_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_timesheet_entries_department_id_work_date",
            ["department_id", "work_date"],
            unique=False,
        )
        batch_op.create_index(
            "ix_timesheet_entries_person_id_work_date", ["person_id", "work_date"], unique=False
        )
        batch_op.create_index(
            "ix_timesheet_entries_task_id_department_id", ["task_id", "department_id"], unique=False
        )

    op.create_table(
        "mentions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("comment_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=True),
        sa.Column("department_id", sa.String(length=32), nullable=True),
        sa.CheckConstraint(
            "(person_id IS NULL) <> (department_id IS NULL)",
            name=op.f("ck_mentions_person_or_department"),
        ),
        sa.ForeignKeyConstraint(
            ["comment_id"], ["comments.id"], name=op.f("fk_mentions_comment_id_comments")
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_mentions_department_id_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_mentions_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentions")),
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentions_comment_id"), ["comment_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_mentions_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_mentions_person_id"), ["person_id"], unique=False)

    op.create_table(
        "submission_files",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("submission_id", sa.String(length=32), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_submission_files_sha256_length")),
        sa.CheckConstraint("size >= 0", name=op.f("ck_submission_files_size_not_negative")),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_submission_files_submission_id_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_files")),
        sa.UniqueConstraint(
            "submission_id", "name", name=op.f("uq_submission_files_submission_id_name")
        ),
    )
    with op.batch_alter_table("submission_files", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_submission_files_submission_id"), ["submission_id"], unique=False
        )

    op.create_table(
        "support_records",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("task_id", sa.String(length=32), nullable=False),
        sa.Column("from_department_id", sa.String(length=32), nullable=False),
        sa.Column("to_department_id", sa.String(length=32), nullable=False),
        sa.Column("comment_id", sa.String(length=32), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("confirmed_by", sa.String(length=32), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "(confirmed_by IS NULL) = (confirmed_at IS NULL)",
            name=op.f("ck_support_records_confirmation_complete"),
        ),
        sa.CheckConstraint(
            "from_department_id <> to_department_id",
            name=op.f("ck_support_records_different_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["comment_id"], ["comments.id"], name=op.f("fk_support_records_comment_id_comments")
        ),
        sa.ForeignKeyConstraint(
            ["confirmed_by"], ["people.id"], name=op.f("fk_support_records_confirmed_by_people")
        ),
        sa.ForeignKeyConstraint(
            ["from_department_id"],
            ["departments.id"],
            name=op.f("fk_support_records_from_department_id_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["people.id"], name=op.f("fk_support_records_recorded_by_people")
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_support_records_task_id_tasks")
        ),
        sa.ForeignKeyConstraint(
            ["to_department_id"],
            ["departments.id"],
            name=op.f("fk_support_records_to_department_id_departments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_records")),
    )
    with op.batch_alter_table("support_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_support_records_task_id"), ["task_id"], unique=False)

    op.create_table(
        "task_events",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("task_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("department_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=True),
        sa.Column("node_id", sa.String(length=32), nullable=True),
        sa.Column("submission_id", sa.String(length=32), nullable=True),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('notified', 'started', 'submitted', 'returned', 'accepted', 'completed')",
            name=op.f("ck_task_events_kind_known"),
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_task_events_department_id_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["node_id"], ["nodes.id"], name=op.f("fk_task_events_node_id_nodes")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_task_events_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_task_events_submission_id_submissions"),
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_events_task_id_tasks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_events")),
    )
    with op.batch_alter_table("task_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_task_events_task_id_occurred_at", ["task_id", "occurred_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("task_events", schema=None) as batch_op:
        batch_op.drop_index("ix_task_events_task_id_occurred_at")

    op.drop_table("task_events")
    with op.batch_alter_table("support_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_records_task_id"))

    op.drop_table("support_records")
    with op.batch_alter_table("submission_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submission_files_submission_id"))

    op.drop_table("submission_files")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentions_person_id"))
        batch_op.drop_index(batch_op.f("ix_mentions_department_id"))
        batch_op.drop_index(batch_op.f("ix_mentions_comment_id"))

    op.drop_table("mentions")
    with op.batch_alter_table("timesheet_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_timesheet_entries_task_id_department_id")
        batch_op.drop_index("ix_timesheet_entries_person_id_work_date")
        batch_op.drop_index("ix_timesheet_entries_department_id_work_date")

    op.drop_table("timesheet_entries")
    with op.batch_alter_table("task_dependencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_dependencies_depends_on_id"))

    op.drop_table("task_dependencies")
    op.drop_table("submissions")
    op.drop_table("standard_items")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index("ix_comments_task_id_created_at")
        batch_op.drop_index(batch_op.f("ix_comments_reply_to_id"))
        batch_op.drop_index("ix_comments_department_id_created_at")
        batch_op.drop_index(batch_op.f("ix_comments_author_id"))

    op.drop_table("comments")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tasks_template_id"))
        batch_op.drop_index(batch_op.f("ix_tasks_department_id"))

    op.drop_table("tasks")
    op.drop_table("scoring_configs")
    op.drop_table("person_roles")
    op.drop_table("liability_rules")
    op.drop_table("cooperating_departments")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_department_id"))

    op.drop_table("people")
    op.drop_table("nodes")
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicators_lead_department_id"))

    op.drop_table("indicators")
    op.drop_table("settings")
    op.drop_table("departments")
