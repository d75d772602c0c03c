"""SQLAlchemy 2 declarative rows of the store. ORM objects never leave `store/`.

Ids are UUIDv7 as 32 hex digits (see `domain.ids`). Every rule the database can hold is in
the schema: foreign keys, NOT NULL, CHECK constraints and unique natural keys. Rules that span
rows (a person's day <= 24 h, no dependency cycles) live in `domain/` and are applied by
services. Timestamps are naive UTC; dates are calendar dates in the office's time zone.

The schema is created and changed only by Alembic migrations (`migrations/versions`); a test
checks that these models and the migrated schema agree.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(32)
ROLES = ("clerk", "head", "evaluator", "central", "admin", "auditor")
NODE_ROLES = ("central", "department", "evaluator")
INDICATOR_STATUSES = ("draft", "active", "met", "missed", "closed")
TASK_STATUSES = (
    "pending",
    "notified",
    "in_progress",
    "submitted",
    "returned",
    "awaiting_acceptance",
    "accepted",
    "completed",
)
EVENT_KINDS = ("notified", "started", "submitted", "returned", "accepted", "completed")
LIABILITY_KINDS = ("failure_caused_miss", "cooperating", "blocking_delay")
ALERT_KINDS = ("overdue", "due_soon")
PERIOD_STATUSES = ("draft", "submitted", "approved", "locked")


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Setting(Base):
    """Key/value facts about this installation (local node id, organisation name)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Department(Base):
    __tablename__ = "departments"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),)


class Person(Base):
    """A member of staff. Names are unique within a department so @mentions resolve."""

    __tablename__ = "people"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        UniqueConstraint("department_id", "name"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
    )


class PersonRole(Base):
    __tablename__ = "person_roles"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)

    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role_known"),)


class Node(Base):
    """An installation of the program (节点): a department office, an evaluator, the centre."""

    __tablename__ = "nodes"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    department_id: Mapped[str | None] = mapped_column(ForeignKey("departments.id"))
    public_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint(_in("role", NODE_ROLES), name="role_known"),
        CheckConstraint(
            "role <> 'department' OR department_id IS NOT NULL", name="department_node_has_dept"
        ),
    )


class Indicator(Base):
    """A performance indicator (绩效指标) with its lead department, target and period."""

    __tablename__ = "indicators"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    lead_department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"), index=True)
    target: Mapped[str] = mapped_column(Text)
    period: Mapped[str] = mapped_column(String(20))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        UniqueConstraint("name", "period"),
        CheckConstraint(_in("status", INDICATOR_STATUSES), name="status_known"),
        CheckConstraint("period_start <= period_end", name="period_ordered"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
    )


class CooperatingDepartment(Base):
    """A cooperating department (配合部门) of an indicator; the lead is on the indicator."""

    __tablename__ = "cooperating_departments"

    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicators.id"), primary_key=True)
    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"), primary_key=True)


class Task(Base):
    """One row of a decomposition table (指标分解表).

    A recurring task ("每月10日") is a template with `recurrence`; its instances carry
    `template_id` and their own `deadline` and `period`.
    """

    __tablename__ = "tasks"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicators.id"))
    code: Mapped[str] = mapped_column(String(40))
    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"), index=True)
    content: Mapped[str] = mapped_column(Text)
    deadline: Mapped[date | None] = mapped_column(Date)
    recurrence: Mapped[str | None] = mapped_column(String(40))
    template_id: Mapped[str | None] = mapped_column(ForeignKey("tasks.id"), index=True)
    period: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(24), default="pending")
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        UniqueConstraint("indicator_id", "code"),
        # Alerts: open tasks by deadline (services/alerts.py).
        Index("ix_tasks_status_deadline", "status", "deadline"),
        # Target of the composite foreign keys that keep dependencies inside one indicator.
        UniqueConstraint("indicator_id", "id"),
        CheckConstraint(_in("status", TASK_STATUSES), name="status_known"),
        CheckConstraint(
            "deadline IS NOT NULL OR recurrence IS NOT NULL", name="has_deadline_or_recurrence"
        ),
        CheckConstraint("length(trim(content)) > 0", name="content_not_blank"),
    )


class TaskDependency(Base):
    """`task_id` cannot finish before `depends_on_id`; both belong to `indicator_id`.

    The composite foreign keys make a dependency on another indicator's task impossible
    even for a write that bypasses the services.
    """

    __tablename__ = "task_dependencies"

    indicator_id: Mapped[str] = mapped_column(ID)
    task_id: Mapped[str] = mapped_column(ID, primary_key=True)
    depends_on_id: Mapped[str] = mapped_column(ID, primary_key=True, index=True)

    __table_args__ = (
        ForeignKeyConstraint(
            ["indicator_id", "task_id"],
            ["tasks.indicator_id", "tasks.id"],
            name="fk_task_dependencies_task_same_indicator",
        ),
        ForeignKeyConstraint(
            ["indicator_id", "depends_on_id"],
            ["tasks.indicator_id", "tasks.id"],
            name="fk_task_dependencies_upstream_same_indicator",
        ),
        CheckConstraint("task_id <> depends_on_id", name="not_self"),
    )


class StandardItem(Base):
    """One checklist item of a task's output standard (输出标准)."""

    __tablename__ = "standard_items"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("task_id", "position"),
        UniqueConstraint("task_id", "text"),
        CheckConstraint("position >= 1", name="position_positive"),
    )


class LiabilityRule(Base):
    """A joint-liability rule (连带责任) of an indicator: a kind and a percentage deducted."""

    __tablename__ = "liability_rules"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicators.id"))
    kind: Mapped[str] = mapped_column(String(24))
    percent: Mapped[float] = mapped_column(Float)
    description: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("indicator_id", "kind"),
        CheckConstraint(_in("kind", LIABILITY_KINDS), name="kind_known"),
        CheckConstraint("percent >= 0 AND percent <= 100", name="percent_range"),
    )


class Submission(Base):
    """An output (输出成果) submitted for a task, with the result of the standard check."""

    __tablename__ = "submissions"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"))
    revision: Mapped[int] = mapped_column(Integer)
    submitted_by: Mapped[str] = mapped_column(ForeignKey("people.id"))
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    items_provided: Mapped[str] = mapped_column(Text)  # JSON list of checklist item texts
    missing_items: Mapped[str] = mapped_column(Text)  # JSON list; empty when complete
    check_result: Mapped[str] = mapped_column(String(16))

    __table_args__ = (
        UniqueConstraint("task_id", "revision"),
        CheckConstraint("revision >= 1", name="revision_positive"),
        CheckConstraint(_in("check_result", ("complete", "missing")), name="check_result_known"),
    )


class SubmissionFile(Base):
    """A file attached to a submission, stored by content hash; `name` is never a path."""

    __tablename__ = "submission_files"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(255))

    __table_args__ = (
        UniqueConstraint("submission_id", "name"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        CheckConstraint("size >= 0", name="size_not_negative"),
    )


class TaskEvent(Base):
    """A timestamped step of the task flow (流程固化), by a person on an installation."""

    __tablename__ = "task_events"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"))
    kind: Mapped[str] = mapped_column(String(16))
    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"))
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    node_id: Mapped[str | None] = mapped_column(ForeignKey("nodes.id"))
    submission_id: Mapped[str | None] = mapped_column(ForeignKey("submissions.id"))
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    detail: Mapped[str | None] = mapped_column(Text)  # reason, missing items (JSON)

    __table_args__ = (
        Index("ix_task_events_task_id_occurred_at", "task_id", "occurred_at"),
        CheckConstraint(_in("kind", EVENT_KINDS), name="kind_known"),
    )


class TimesheetEntry(Base):
    """Hours one person spent on one task on one day (项目工时台账)."""

    __tablename__ = "timesheet_entries"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"))
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"))
    work_date: Mapped[date] = mapped_column(Date)
    hours: Mapped[float] = mapped_column(Float)
    overtime: Mapped[float] = mapped_column(Float, default=0.0)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_timesheet_entries_person_id_work_date", "person_id", "work_date"),
        # Covering: scoring sums a task's hours per department from the index alone (0005).
        Index(
            "ix_timesheet_entries_task_id_covering",
            "task_id",
            "department_id",
            "work_date",
            "hours",
            "overtime",
            "id",
        ),
        Index("ix_timesheet_entries_department_id_work_date", "department_id", "work_date"),
        # The ledger sorted by hours pages through this index (migration 0005).
        Index("ix_timesheet_entries_hours_id", "hours", "id"),
        CheckConstraint("hours > 0 AND hours <= 24", name="hours_range"),
        CheckConstraint("overtime >= 0 AND overtime <= hours", name="overtime_range"),
    )


class Comment(Base):
    """A comment on a task (任务评论). Never edited in place: an edit supersedes it."""

    __tablename__ = "comments"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"))
    author_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"))
    body: Mapped[str] = mapped_column(Text)
    reply_to_id: Mapped[str | None] = mapped_column(ForeignKey("comments.id"), index=True)
    supersedes_id: Mapped[str | None] = mapped_column(ForeignKey("comments.id"), unique=True)
    is_problem: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved_by_id: Mapped[str | None] = mapped_column(ForeignKey("comments.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        # Covering: a task's comments in time order with all that scoring reads (0005).
        Index(
            "ix_comments_task_id_covering",
            "task_id",
            "created_at",
            "id",
            "department_id",
            "supersedes_id",
            "reply_to_id",
            "is_problem",
            "resolved_by_id",
            "resolved_at",
        ),
        Index("ix_comments_department_id_created_at", "department_id", "created_at"),
        # Search without a department or task filter pages newest first (store/search.py).
        Index("ix_comments_created_at", "created_at"),
        CheckConstraint("length(trim(body)) > 0", name="body_not_blank"),
        CheckConstraint(
            "(resolved_by_id IS NULL) = (resolved_at IS NULL)", name="resolution_complete"
        ),
    )


class Mention(Base):
    """An @mention in a comment, of a person or of a department (exactly one)."""

    __tablename__ = "mentions"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    comment_id: Mapped[str] = mapped_column(ForeignKey("comments.id"), index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), index=True)
    department_id: Mapped[str | None] = mapped_column(ForeignKey("departments.id"), index=True)

    __table_args__ = (
        CheckConstraint(
            "(person_id IS NULL) <> (department_id IS NULL)", name="person_or_department"
        ),
    )


class SupportRecord(Base):
    """Support given by one department to another (支持其他部门), confirmed by the receiver."""

    __tablename__ = "support_records"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), index=True)
    from_department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"))
    to_department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"))
    comment_id: Mapped[str | None] = mapped_column(ForeignKey("comments.id"))
    description: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(ForeignKey("people.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    confirmed_by: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("from_department_id <> to_department_id", name="different_departments"),
        CheckConstraint(
            "(confirmed_by IS NULL) = (confirmed_at IS NULL)", name="confirmation_complete"
        ),
    )


class ScoringConfig(Base):
    """A versioned scoring configuration (weights, normalisation) as JSON.

    `indicator_id` NULL is the organisation's default. Versions are never overwritten.
    """

    __tablename__ = "scoring_configs"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    indicator_id: Mapped[str | None] = mapped_column(ForeignKey("indicators.id"))
    version: Mapped[int] = mapped_column(Integer)
    config: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        UniqueConstraint("indicator_id", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
    )


class Change(Base):
    """One captured change to shared data (版本回溯 and the sync op log).

    Written by `store.capture` in the same transaction as the change itself, never by hand.
    `seq` counts the changes of one origin installation; `hlc` is its hybrid logical clock
    (`domain.hlc`), so changes order the same way on every replica. `before`/`after` are JSON
    objects of column values: the whole row for an insert (after) or a delete (before), the
    changed columns only for an update. A log, not a relation: no foreign keys, so evidence
    survives whatever happens to the rows it describes.
    """

    __tablename__ = "changes"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    node_id: Mapped[str] = mapped_column(ID)
    seq: Mapped[int] = mapped_column(Integer)
    hlc: Mapped[str] = mapped_column(String(24))
    actor_id: Mapped[str | None] = mapped_column(ID)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(8))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    # The hash chain of the origin's ops (domain.ophash) and, on the last op of a signed run,
    # the origin's Ed25519 signature over it (base64), kept when the op is relayed.
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))
    signature: Mapped[str | None] = mapped_column(String(88))

    __table_args__ = (
        UniqueConstraint("node_id", "seq"),
        Index("ix_changes_table_name_record_id", "table_name", "record_id"),
        CheckConstraint(_in("action", ("insert", "update", "delete")), name="action_known"),
        CheckConstraint("seq >= 1", name="seq_positive"),
    )


class AlertAcknowledgement(Base):
    """A department head's acknowledgement of a warning or reminder about a task.

    Alerts themselves are derived from the data (every installation computes the same ones);
    only the acknowledgement is recorded, for the task's deadline it was given for.
    """

    __tablename__ = "alert_acknowledgements"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    deadline: Mapped[date] = mapped_column(Date)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    acknowledged_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("task_id", "kind", "deadline", "person_id"),
        CheckConstraint(_in("kind", ALERT_KINDS), name="kind_known"),
    )


class TimesheetPeriod(Base):
    """A person's timesheet for a week or a month: draft → submitted → approved → locked."""

    __tablename__ = "timesheet_periods"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    approved_by: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    reopened_count: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        UniqueConstraint("person_id", "period_start"),
        CheckConstraint(_in("status", PERIOD_STATUSES), name="status_known"),
        CheckConstraint("period_start <= period_end", name="period_ordered"),
        CheckConstraint("reopened_count >= 0", name="reopened_not_negative"),
    )


class NodeCertificate(Base):
    """A node certificate (节点证书) issued by the central office's root key.

    `body` is the signed canonical JSON (sync.certificates); the columns repeat it for queries.
    Shared data written only by the central office, so every replica can verify relayed ops.
    """

    __tablename__ = "node_certificates"

    id: Mapped[str] = mapped_column(ID, primary_key=True)  # the certificate's serial
    node_id: Mapped[str] = mapped_column(ID, index=True)
    role: Mapped[str] = mapped_column(String(16))
    department_id: Mapped[str | None] = mapped_column(ForeignKey("departments.id"))
    public_key: Mapped[str] = mapped_column(String(64))
    not_before: Mapped[datetime] = mapped_column(DateTime)
    not_after: Mapped[datetime] = mapped_column(DateTime)
    body: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(88))

    __table_args__ = (
        CheckConstraint(_in("role", NODE_ROLES), name="role_known"),
        CheckConstraint("not_before < not_after", name="validity_ordered"),
    )


class Revocation(Base):
    """A revoked node: signed by the root key, it travels in bundles like everything else."""

    __tablename__ = "revocations"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    node_id: Mapped[str] = mapped_column(ID, index=True)
    revoked_at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(88))


class Peer(Base):
    """Local bookkeeping: what another installation has acknowledged holding (its version
    vector, JSON {node_id: seq}), so an export carries only what it has not seen."""

    __tablename__ = "sync_peers"

    node_id: Mapped[str] = mapped_column(ID, primary_key=True)
    acknowledged: Mapped[str] = mapped_column(Text, default="{}")
    last_import_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_export_at: Mapped[datetime | None] = mapped_column(DateTime)


class PendingOp(Base):
    """Local bookkeeping: a verified op held back behind a gap in its origin's sequence.

    Applied by itself when the missing ops arrive (sync.apply)."""

    __tablename__ = "sync_pending_ops"

    node_id: Mapped[str] = mapped_column(ID, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    op: Mapped[str] = mapped_column(Text)  # the op as it travelled (JSON)
    received_at: Mapped[datetime] = mapped_column(DateTime)


class SyncConflict(Base):
    """Local bookkeeping: concurrent edits of one field that last-writer-wins resolved,
    listed for review so no edit is lost silently."""

    __tablename__ = "sync_conflicts"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(100))
    field: Mapped[str] = mapped_column(String(64))
    winner_change_id: Mapped[str] = mapped_column(ID)
    loser_change_id: Mapped[str] = mapped_column(ID)
    winner_value: Mapped[str | None] = mapped_column(Text)  # JSON
    loser_value: Mapped[str | None] = mapped_column(Text)  # JSON
    detected_at: Mapped[datetime] = mapped_column(DateTime)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (UniqueConstraint("winner_change_id", "loser_change_id", "field"),)


class SyncLogEntry(Base):
    """Local bookkeeping: every bundle exported, imported or rejected, with what it did."""

    __tablename__ = "sync_log"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    bundle_id: Mapped[str] = mapped_column(ID, index=True)
    direction: Mapped[str] = mapped_column(String(8))
    peer_id: Mapped[str | None] = mapped_column(ID)
    at: Mapped[datetime] = mapped_column(DateTime)
    ops: Mapped[int] = mapped_column(Integer, default=0)
    detail: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint(_in("direction", ("export", "import", "rejected")), name="direction_known"),
    )


# Every table whose rows are counted by `govperf info`, in display order.
COUNTED_TABLES: tuple[type[Base], ...] = (
    Department,
    Person,
    PersonRole,
    Node,
    Indicator,
    CooperatingDepartment,
    Task,
    TaskDependency,
    StandardItem,
    LiabilityRule,
    TaskEvent,
    Submission,
    SubmissionFile,
    TimesheetEntry,
    Comment,
    Mention,
    SupportRecord,
    ScoringConfig,
    AlertAcknowledgement,
    TimesheetPeriod,
    NodeCertificate,
    Revocation,
    Change,
)

# Shared data: every write to these tables is captured (store.capture) for history and sync.
# Local bookkeeping (settings, the change log itself) is not.
CAPTURED_TABLES: frozenset[str] = frozenset(
    model.__tablename__ for model in COUNTED_TABLES if model is not Change
)


class Account(Base):
    """Local: a user account of this installation, linked to a person (whose roles it has)
    and holding at most one installation duty (`role`).

    Never captured or synced: each installation has its own accounts. `password_hash` holds
    the scrypt parameters with the salt and the hash (services.accounts), never a password.
    """

    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    # The person the account acts as; NULL for an installation's administrator before the
    # people arrive from the central office (a department node's first run).
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), index=True)
    # The installation duty of the account: 'admin' (system administrator: accounts, backups)
    # or 'auditor' (security/audit administrator: the audit log). One column: no account can
    # hold both (separation of duties). Work roles stay with the person (person_roles).
    role: Mapped[str | None] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    password_changed_at: Mapped[datetime] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint("failed_attempts >= 0", name="failed_attempts_not_negative"),
        CheckConstraint("role IS NULL OR role IN ('admin', 'auditor')", name="role_known"),
    )


class AuditEntry(Base):
    """Local: one security event, append-only, in a hash chain (store.audit).

    `hash` = sha256(prev_hash + canonical JSON of the row's content), so a row edited or
    removed from outside the program breaks the chain, which `govperf check` reports.
    """

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime)
    event: Mapped[str] = mapped_column(String(32))
    account: Mapped[str | None] = mapped_column(String(64))
    person_id: Mapped[str | None] = mapped_column(ID)
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON object
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (CheckConstraint("seq >= 1", name="seq_positive"),)


_PUBLICATION_ORDER = ("indicator_id", "period", "published_at")


class ScorePublication(Base):
    """Scores an evaluator published (发布评分): a snapshot of one indicator's results for a
    period, kept as it was whatever later happens to the hours and tasks behind it.

    Shared and append-only: captured, carried in bundles to the departments, and corrected
    only by a new publication that supersedes this one (`supersedes_id`). `result_json` holds
    each department's total, dimensions and deductions (canonical JSON); `inputs_sha256` is
    its digest, so publishing the same result twice is refused. `config_id` is the scoring
    configuration version used (NULL: the built-in default; its digest is in the JSON).
    """

    __tablename__ = "score_publications"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicators.id"))
    period: Mapped[str] = mapped_column(String(40))
    config_id: Mapped[str | None] = mapped_column(ForeignKey("scoring_configs.id"))
    inputs_sha256: Mapped[str] = mapped_column(String(64))
    result_json: Mapped[str] = mapped_column(Text)
    published_by: Mapped[str] = mapped_column(ForeignKey("people.id"))
    published_at: Mapped[datetime] = mapped_column(DateTime)
    supersedes_id: Mapped[str | None] = mapped_column(
        ForeignKey("score_publications.id"), index=True
    )
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_score_publications_indicator_id_period_published_at", *_PUBLICATION_ORDER),
        CheckConstraint("length(trim(period)) > 0", name="period_not_blank"),
        CheckConstraint("length(inputs_sha256) = 64", name="digest_complete"),
        CheckConstraint("supersedes_id IS NULL OR supersedes_id <> id", name="not_self"),
    )


# Published scores are shared data like the rest (captured, counted, carried in bundles).
COUNTED_TABLES = (*COUNTED_TABLES[:-1], ScorePublication, COUNTED_TABLES[-1])
CAPTURED_TABLES = CAPTURED_TABLES | {ScorePublication.__tablename__}


# Derived local data (migrations 0008 and 0009): kept by database triggers on
# timesheet_entries, comments, mentions, task_events and submissions, never written by the
# application, so outside `Base` (not captured, not synced; migrate-store copies them as they
# are, with the target's triggers off, and checks them by hash). Read only by
# store/metrics.py. Hours are whole millionths of an hour.
DERIVED_METADATA = MetaData(naming_convention=NAMING_CONVENTION)
TIMESHEET_TOTALS = Table(
    "timesheet_totals",
    DERIVED_METADATA,
    Column("task_id", String(32), primary_key=True),
    Column("department_id", String(32), primary_key=True),
    Column("micro_hours", BigInteger, nullable=False),
    Column("entries", Integer, nullable=False),
    Column("overtime_entries", Integer, nullable=False),
)
MICRO_HOURS = 1_000_000
# One row per @mention with what scoring reads of its comment (migration 0008), by task.
_MENTION_COVERING = (
    "task_id", "created_at", "comment_id", "author_department_id", "person_id",
    "department_id", "answered_department_id", "original",
)  # fmt: skip
MENTION_TARGETS = Table(
    "mention_targets",
    DERIVED_METADATA,
    Column("mention_id", String(32), primary_key=True),
    Column("task_id", String(32), nullable=False),
    Column("comment_id", String(32), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("author_department_id", String(32), nullable=False),
    Column("person_id", String(32)),
    Column("department_id", String(32)),
    Column("answered_department_id", String(32)),  # of the comment it replies to
    Column("original", Boolean, nullable=False),  # the comment supersedes none
    Index("ix_mention_targets_task_id_covering", *_MENTION_COVERING),
    Index("ix_mention_targets_comment_id", "comment_id"),
)
# One row per task with a milestone (migration 0009): its first notification and start, its
# finish (the first acceptance or completion), its number of returns and its first
# submission, each first by (moment, id) or lowest revision; kept by triggers on task_events
# and submissions. Read only by store/metrics.py.
TASK_MILESTONES = Table(
    "task_milestones",
    DERIVED_METADATA,
    Column("task_id", String(32), primary_key=True),
    Column("notified_id", String(32)),
    Column("notified_at", DateTime),
    Column("started_id", String(32)),
    Column("started_at", DateTime),
    Column("finished_id", String(32)),
    Column("finished_kind", String(16)),  # accepted or completed
    Column("finished_at", DateTime),
    Column("returns", Integer, nullable=False),  # its 'returned' events
    Column("first_submission_id", String(32)),  # the lowest revision
    Column("first_check_result", String(16)),
)
