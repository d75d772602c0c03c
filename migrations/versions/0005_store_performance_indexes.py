"""Covering indexes for scoring, and an index for the timesheet ledger's sort by hours.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 22:20:00

Measured on the 300-department province (2.4 M timesheet entries, 500,000 comments; the
figures are in docs/performance.md):

* timesheet_entries(task_id, department_id, work_date, hours, overtime, id) replaces
  (task_id, department_id), whose prefix it keeps: scoring sums hours per task and department,
  and ranks an indicator's entry ids, from the index alone instead of one table lookup per
  entry (290 MB against 168 MB for the index it replaces; without `id` it would be 210 MB,
  but ranking one indicator's entry ids would cost ~60 % more).
* comments(task_id, created_at, id, department_id, supersedes_id, reply_to_id, is_problem,
  resolved_by_id, resolved_at) replaces (task_id, created_at): a task's comments, newest or
  oldest first, with everything scoring reads of them (74 MB against 32 MB).
* timesheet_entries(hours, id): the ledger sorted by hours pages through this index in
  either direction instead of sorting every row (106 MB).
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TIMESHEET_COVERING = ["task_id", "department_id", "work_date", "hours", "overtime", "id"]
COMMENTS_COVERING = [
    "task_id",
    "created_at",
    "id",
    "department_id",
    "supersedes_id",
    "reply_to_id",
    "is_problem",
    "resolved_by_id",
    "resolved_at",
]


def upgrade() -> None:
    with op.batch_alter_table("timesheet_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_timesheet_entries_task_id_department_id")
        batch_op.create_index("ix_timesheet_entries_task_id_covering", TIMESHEET_COVERING)
        batch_op.create_index("ix_timesheet_entries_hours_id", ["hours", "id"], unique=False)
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index("ix_comments_task_id_created_at")
        batch_op.create_index("ix_comments_task_id_covering", COMMENTS_COVERING)


def downgrade() -> None:
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index("ix_comments_task_id_covering")
        batch_op.create_index("ix_comments_task_id_created_at", ["task_id", "created_at"])
    with op.batch_alter_table("timesheet_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_timesheet_entries_hours_id")
        batch_op.drop_index("ix_timesheet_entries_task_id_covering")
        batch_op.create_index(
            "ix_timesheet_entries_task_id_department_id", ["task_id", "department_id"]
        )
