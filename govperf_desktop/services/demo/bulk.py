"""The bulk writer of the synthetic province: where each table's rows go and how batches
reach SQLite (see scale.py's docstring for why it is done this way).

Each batch is one `INSERT ... SELECT ... FROM json_each(?)` statement, run on a second thread
so drawing the next batch and writing this one use both cores. The three big tables travel
as fixed-width text records that SQLite cuts with substr(). Their secondary indexes are
dropped for the load and recreated from their own SQL in the same transaction.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Table

from govperf_desktop.store import models
from govperf_desktop.store.summaries import restore_summary_triggers, suspend_summary_triggers

Progress = Callable[[str, int], None]
QUEUE_DEPTH = 3  # batches drawn ahead of the writer thread
BULK_TABLES = ("timesheet_entries", "comments", "mentions")  # indexed after loading
# Written first (with the indicators and tasks): their summary triggers (task_milestones,
# migration 0009) are off from the start, the summary rebuilt once with the others.
FLOW_TABLES = ("task_events", "submissions")


@dataclass(frozen=True)
class Target:
    table: Table
    sql: str  # INSERT ... SELECT from the rows of one batch, as a JSON array


NULL_ID = "-" * 32  # an absent id in a fixed-width record


def target(model: type[models.Base], columns: str) -> Target:
    """Where rows of `model` go: each row either an array of values ("a b c") or, for the
    big tables, one fixed-width text record ("a:32 b:4r c:*"), which is cheaper to build and
    several times cheaper for SQLite to take apart. A width may end in r (REAL), i (INTEGER)
    or ? (an id that may be NULL_ID); * is the rest of the record."""
    table: Table = model.__table__  # type: ignore[assignment]
    names, values, position = [], [], 1
    for i, spec in enumerate(columns.split()):
        name, _, width = spec.partition(":")
        table.c[name]  # a KeyError here means the model changed under this module
        names.append(name)
        if not width:
            values.append(f"json_extract(value, '$[{i}]')")
        elif width == "*":
            values.append(f"substr(value, {position})")
        else:
            size = int(width.rstrip("ri?"))
            text = f"substr(value, {position}, {size})"
            position += size
            kind = width[-1]
            text = f"NULLIF({text}, '{NULL_ID}')" if kind == "?" else text
            values.append(
                {"r": f"CAST({text} AS REAL)", "i": f"CAST({text} AS INTEGER)"}.get(kind, text)
            )
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) SELECT {', '.join(values)}"
    return Target(table, f"{sql} FROM json_each(?)")


DEPARTMENTS = target(models.Department, "id name created_at")
PEOPLE = target(models.Person, "id department_id name title active created_at")
PERSON_ROLES = target(models.PersonRole, "person_id role")
INDICATORS = target(
    models.Indicator,
    "id name lead_department_id target period period_start period_end status created_at",
)
COOPERATING = target(models.CooperatingDepartment, "indicator_id department_id")
LIABILITY_RULES = target(models.LiabilityRule, "id indicator_id kind percent description")
TASKS = target(models.Task, "id indicator_id code department_id content deadline status created_at")
DEPENDENCIES = target(models.TaskDependency, "indicator_id task_id depends_on_id")
STANDARD_ITEMS = target(models.StandardItem, "id task_id position text")
SUBMISSIONS = target(
    models.Submission,
    "id task_id revision submitted_by submitted_at items_provided missing_items check_result",
)
EVENTS = target(
    models.TaskEvent,
    "id task_id kind department_id person_id submission_id occurred_at recorded_at detail",
)
TIMESHEETS = target(
    models.TimesheetEntry,
    "id:32 person_id:32 department_id:32 task_id:32 work_date:10 hours:4r overtime:4r "
    "created_at:26",
)
COMMENTS = target(
    models.Comment,
    "id:32 task_id:32 author_id:32 department_id:32 reply_to_id:32? is_problem:1i "
    "created_at:26 body:*",
)
MENTIONS = target(models.Mention, "id:32 comment_id:32 person_id:32? department_id:32?")
SUPPORT = target(
    models.SupportRecord,
    "id task_id from_department_id to_department_id comment_id description recorded_by "
    "recorded_at confirmed_by confirmed_at",
)
ALL_TARGETS = (DEPARTMENTS, PEOPLE, PERSON_ROLES, INDICATORS, COOPERATING, LIABILITY_RULES)
ALL_TARGETS += (TASKS, DEPENDENCIES, STANDARD_ITEMS, SUBMISSIONS, EVENTS, TIMESHEETS)
ALL_TARGETS += (COMMENTS, MENTIONS, SUPPORT)


class WriterFailed(Exception):
    """The writer thread failed; `Writer.close()` raises its error."""


class Writer:
    """Buffers rows per table; writes them in batches, in order, on a second thread.

    Only that thread touches the connection until `close()`. Progress is reported on the
    caller's thread when a batch is handed over.
    """

    def __init__(self, connection: Connection, batch_size: int, progress: Progress | None):
        self.connection, self.batch_size, self.progress = connection, batch_size, progress
        self.buffers: dict[str, list[str]] = {t.table.name: [] for t in ALL_TARGETS}
        self.counts: dict[str, int] = {t.table.name: 0 for t in ALL_TARGETS}
        self.suspended: list[str] = []  # CREATE INDEX statements to run again
        self.suspended_triggers: list[str] = []  # CREATE TRIGGER statements (store.summaries)
        self.failure: BaseException | None = None
        self.jobs: queue.Queue[Callable[[Connection], object] | None] = queue.Queue(QUEUE_DEPTH)
        self.thread = threading.Thread(target=self._work, name="scale-demo-writer")
        self.thread.start()
        self.run(self._suspend_flow_triggers)

    def _work(self) -> None:
        while (job := self.jobs.get()) is not None:
            if self.failure is None:
                try:
                    job(self.connection)
                except BaseException as error:  # handed to the caller's thread by close()
                    self.failure = error

    def run(self, job: Callable[[Connection], object]) -> None:
        """Run `job(connection)` on the writer thread after everything queued before it."""
        if self.failure is not None:
            raise WriterFailed
        self.jobs.put(job)

    def close(self) -> None:
        """Wait until every queued statement has run; raise the first failure, if any."""
        if self.thread.is_alive():
            self.jobs.put(None)
            self.thread.join()
        if self.failure is not None:
            raise self.failure

    def rows(self, target: Target) -> list[str]:
        """The buffer of `target`: each row as JSON text (an array or a fixed-width record)."""
        return self.buffers[target.table.name]

    def write(self, target: Target, rows: list[tuple]) -> None:
        """Write all of `rows` (the smaller tables), batch by batch."""
        for start in range(0, len(rows), self.batch_size):
            batch = rows[start : start + self.batch_size]
            self._send(target, json.dumps(batch, ensure_ascii=False), len(batch))

    def flush_if_full(self, target: Target) -> bool:
        full = len(self.rows(target)) >= self.batch_size
        if full:
            self.flush(target)
        return full

    def flush(self, target: Target) -> None:
        rows = self.rows(target)
        if rows:
            self.buffers[target.table.name] = []
            self._send(target, f"[{','.join(rows)}]", len(rows))

    def _send(self, target: Target, payload: str, count: int) -> None:
        self.run(lambda connection: connection.exec_driver_sql(target.sql, (payload,)))
        self.counts[target.table.name] += count
        if self.progress is not None:
            self.progress(target.table.name, self.counts[target.table.name])

    def suspend_indexes(self) -> None:
        """Drop the big tables' CREATE INDEX indexes (those of UNIQUE constraints stay)."""
        self.run(self._suspend)

    def _suspend_flow_triggers(self, connection: Connection) -> None:
        # A recomputed milestone row per event and submission written: ~5-8 % of the build.
        self.suspended_triggers += suspend_summary_triggers(connection, FLOW_TABLES)

    def _suspend(self, connection: Connection) -> None:
        tables = ", ".join(f"'{name}'" for name in BULK_TABLES)
        found = connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({tables}) ORDER BY name"
        )
        for name, sql in found.all():
            connection.exec_driver_sql(f'DROP INDEX "{name}"')
            self.suspended.append(sql)
        # The scoring summaries' triggers (migration 0008) would update a totals row per
        # entry and probe comments per mention: the summaries are rebuilt once at the end.
        self.suspended_triggers += suspend_summary_triggers(connection, BULK_TABLES)

    def restore_indexes(self) -> None:
        """Recreate the dropped indexes from their own SQL: the schema ends as it began."""
        if self.progress is not None:
            self.progress("indexes", 0)
        self.run(self._restore)

    def _restore(self, connection: Connection) -> None:
        for sql in self.suspended:
            connection.exec_driver_sql(sql)
        restore_summary_triggers(connection, self.suspended_triggers)
