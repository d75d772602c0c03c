"""The derived scoring summaries of migrations 0008 (`timesheet_totals`, `mention_targets`)
and 0009 (`task_milestones`): rebuilt in one pass for a bulk load that suspends their row
triggers.

The triggers keep both tables in step with every ordinary write; a load of millions of rows
(the scale demo) is cheaper with the triggers dropped and the tables rebuilt once from the
rows at the end, in the same transaction, with the same statements the migration's backfill
uses. SQLite only, like the scale demo.
"""

from __future__ import annotations

from sqlalchemy import Connection

# The triggers migrations 0008 and 0009 created on the bulk-loaded tables (the search
# index's comments_fts_* triggers are not among them: they stay).
SUMMARY_TRIGGER_PREFIXES = ("timesheet_totals_", "mention_targets_", "task_milestones_")


def _first(kinds: str) -> str:
    return (
        f"(SELECT e.id FROM task_events e WHERE e.task_id = k.task_id AND e.kind IN ({kinds}) "
        "ORDER BY e.occurred_at, e.id LIMIT 1)"
    )


_NOTIFIED, _STARTED = _first("'notified'"), _first("'started'")
_FINISHED = _first("'accepted', 'completed'")
# Each task's first events of each kind and first submission (migration 0009's backfill).
_MILESTONES = (
    "INSERT INTO task_milestones (task_id, notified_id, notified_at, started_id, started_at, "
    "finished_id, finished_kind, finished_at, returns, first_submission_id, "
    "first_check_result) "
    "SELECT k.task_id, n.id, n.occurred_at, s.id, s.occurred_at, f.id, f.kind, "
    "f.occurred_at, (SELECT count(*) FROM task_events r WHERE r.task_id = k.task_id "
    "AND r.kind = 'returned'), b.id, b.check_result "
    "FROM (SELECT task_id FROM task_events WHERE kind IN ('notified', 'started', 'accepted', "
    "'completed', 'returned') UNION SELECT task_id FROM submissions) AS k "
    f"LEFT JOIN task_events n ON n.id = {_NOTIFIED} "
    f"LEFT JOIN task_events s ON s.id = {_STARTED} "
    f"LEFT JOIN task_events f ON f.id = {_FINISHED} "
    "LEFT JOIN submissions b ON b.id = (SELECT x.id FROM submissions x "
    "WHERE x.task_id = k.task_id ORDER BY x.revision LIMIT 1)"
)
_REBUILD = (
    "DELETE FROM timesheet_totals",
    "INSERT INTO timesheet_totals (task_id, department_id, micro_hours, entries, "
    "overtime_entries) SELECT task_id, department_id, "
    "sum(CAST(round(hours * 1000000) AS INTEGER)), count(*), "
    "sum(CASE WHEN overtime > 0 THEN 1 ELSE 0 END) "
    "FROM timesheet_entries GROUP BY task_id, department_id",
    "DELETE FROM mention_targets",
    "INSERT INTO mention_targets (mention_id, task_id, comment_id, created_at, "
    "author_department_id, person_id, department_id, answered_department_id, original) "
    "SELECT m.id, c.task_id, c.id, c.created_at, c.department_id, m.person_id, "
    "m.department_id, a.department_id, coalesce(c.supersedes_id, '') = '' "
    "FROM mentions m JOIN comments c ON c.id = m.comment_id "
    "LEFT JOIN comments a ON a.id = c.reply_to_id",
    "DELETE FROM task_milestones",
    _MILESTONES,
)


def suspend_summary_triggers(connection: Connection, tables: tuple[str, ...]) -> list[str]:
    """Drop the summary triggers on `tables`; returns their CREATE statements."""
    names = ", ".join(f"'{name}'" for name in tables)
    found = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        f"AND tbl_name IN ({names}) ORDER BY name"
    ).all()
    suspended = []
    for name, sql in found:
        if name.startswith(SUMMARY_TRIGGER_PREFIXES):
            connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
            suspended.append(sql)
    return suspended


def restore_summary_triggers(connection: Connection, suspended: list[str]) -> None:
    """Rebuild the summaries from the rows, then recreate the triggers from their SQL."""
    for statement in _REBUILD:
        connection.exec_driver_sql(statement)
    for sql in suspended:
        connection.exec_driver_sql(sql)
