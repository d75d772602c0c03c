"""Translated names of the codes services return: statuses, event kinds, roles, actions.

Services return stable codes ('in_progress', 'returned'); the UI shows them in the user's
language. Unknown codes (from a newer installation) are shown as they are. Each label is a
literal `QCoreApplication.translate("Labels", ...)` call so that lupdate finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def indicator_status(code: str) -> str:
    labels = {
        "draft": QCoreApplication.translate("Labels", "draft"),
        "active": QCoreApplication.translate("Labels", "active"),
        "met": QCoreApplication.translate("Labels", "target met"),
        "missed": QCoreApplication.translate("Labels", "target missed"),
        "closed": QCoreApplication.translate("Labels", "closed"),
    }
    return labels.get(code, code)


INDICATOR_STATUSES = ("draft", "active", "met", "missed", "closed")


def task_status(code: str) -> str:
    labels = {
        "pending": QCoreApplication.translate("Labels", "not yet notified"),
        "notified": QCoreApplication.translate("Labels", "notified, not started"),
        "in_progress": QCoreApplication.translate("Labels", "in progress"),
        "submitted": QCoreApplication.translate("Labels", "submitted"),
        "returned": QCoreApplication.translate("Labels", "returned for revision"),
        "awaiting_acceptance": QCoreApplication.translate("Labels", "awaiting acceptance"),
        "accepted": QCoreApplication.translate("Labels", "accepted"),
        "completed": QCoreApplication.translate("Labels", "completed"),
    }
    return labels.get(code, code)


def event_kind(code: str) -> str:
    labels = {
        "notified": QCoreApplication.translate("Labels", "notified"),
        "started": QCoreApplication.translate("Labels", "work started"),
        "submitted": QCoreApplication.translate("Labels", "output submitted"),
        "returned": QCoreApplication.translate("Labels", "returned for revision"),
        "accepted": QCoreApplication.translate("Labels", "output accepted"),
        "completed": QCoreApplication.translate("Labels", "completed"),
    }
    return labels.get(code, code)


def change_action(code: str) -> str:
    labels = {
        "insert": QCoreApplication.translate("Labels", "created"),
        "update": QCoreApplication.translate("Labels", "changed"),
        "delete": QCoreApplication.translate("Labels", "deleted"),
    }
    return labels.get(code, code)


def record_kind(table: str) -> str:
    labels = {
        "departments": QCoreApplication.translate("Labels", "department"),
        "people": QCoreApplication.translate("Labels", "person"),
        "person_roles": QCoreApplication.translate("Labels", "person's role"),
        "nodes": QCoreApplication.translate("Labels", "installation"),
        "indicators": QCoreApplication.translate("Labels", "performance indicator"),
        "cooperating_departments": QCoreApplication.translate("Labels", "cooperating department"),
        "tasks": QCoreApplication.translate("Labels", "task"),
        "task_dependencies": QCoreApplication.translate("Labels", "task dependency"),
        "standard_items": QCoreApplication.translate("Labels", "output standard item"),
        "liability_rules": QCoreApplication.translate("Labels", "joint-liability rule"),
        "task_events": QCoreApplication.translate("Labels", "task event"),
        "submissions": QCoreApplication.translate("Labels", "submission"),
        "submission_files": QCoreApplication.translate("Labels", "submitted file"),
        "timesheet_entries": QCoreApplication.translate("Labels", "timesheet entry"),
        "comments": QCoreApplication.translate("Labels", "task comment"),
        "mentions": QCoreApplication.translate("Labels", "mention"),
        "support_records": QCoreApplication.translate("Labels", "support record"),
        "scoring_configs": QCoreApplication.translate("Labels", "scoring configuration"),
        "alert_acknowledgements": QCoreApplication.translate("Labels", "alert acknowledgement"),
        "timesheet_periods": QCoreApplication.translate("Labels", "timesheet period"),
    }
    return labels.get(table, table)


def role(code: str) -> str:
    labels = {
        "clerk": QCoreApplication.translate("Labels", "clerk"),
        "head": QCoreApplication.translate("Labels", "department head"),
        "evaluator": QCoreApplication.translate("Labels", "evaluator"),
        "central": QCoreApplication.translate("Labels", "central office"),
        "admin": QCoreApplication.translate("Labels", "administrator"),
        "auditor": QCoreApplication.translate("Labels", "auditor"),
    }
    return labels.get(code, code)


def field_name(code: str) -> str:
    """A record field (a column of the store) as the history page names it; others as they are."""
    labels = {
        "id": QCoreApplication.translate("Labels", "record id"),
        "code": QCoreApplication.translate("Labels", "code"),
        "name": QCoreApplication.translate("Labels", "name"),
        "content": QCoreApplication.translate("Labels", "content"),
        "description": QCoreApplication.translate("Labels", "description"),
        "title": QCoreApplication.translate("Labels", "title"),
        "body": QCoreApplication.translate("Labels", "text"),
        "text": QCoreApplication.translate("Labels", "text"),
        "status": QCoreApplication.translate("Labels", "status"),
        "kind": QCoreApplication.translate("Labels", "kind"),
        "role": QCoreApplication.translate("Labels", "role"),
        "deadline": QCoreApplication.translate("Labels", "deadline"),
        "period": QCoreApplication.translate("Labels", "period"),
        "period_start": QCoreApplication.translate("Labels", "period start"),
        "period_end": QCoreApplication.translate("Labels", "period end"),
        "recurrence": QCoreApplication.translate("Labels", "recurrence"),
        "target": QCoreApplication.translate("Labels", "target"),
        "department_id": QCoreApplication.translate("Labels", "department"),
        "lead_department_id": QCoreApplication.translate("Labels", "lead department"),
        "from_department_id": QCoreApplication.translate("Labels", "from department"),
        "to_department_id": QCoreApplication.translate("Labels", "to department"),
        "indicator_id": QCoreApplication.translate("Labels", "indicator"),
        "task_id": QCoreApplication.translate("Labels", "task"),
        "template_id": QCoreApplication.translate("Labels", "recurring task"),
        "depends_on_id": QCoreApplication.translate("Labels", "depends on"),
        "person_id": QCoreApplication.translate("Labels", "person"),
        "author_id": QCoreApplication.translate("Labels", "author"),
        "reply_to_id": QCoreApplication.translate("Labels", "reply to"),
        "is_problem": QCoreApplication.translate("Labels", "problem"),
        "resolved_at": QCoreApplication.translate("Labels", "resolved at"),
        "resolved_by_id": QCoreApplication.translate("Labels", "resolved by"),
        "work_date": QCoreApplication.translate("Labels", "work date"),
        "hours": QCoreApplication.translate("Labels", "hours"),
        "overtime": QCoreApplication.translate("Labels", "overtime"),
        "note": QCoreApplication.translate("Labels", "note"),
        "reason": QCoreApplication.translate("Labels", "reason"),
        "created_at": QCoreApplication.translate("Labels", "created at"),
        "created_by": QCoreApplication.translate("Labels", "created by"),
        "occurred_at": QCoreApplication.translate("Labels", "occurred at"),
        "submitted_at": QCoreApplication.translate("Labels", "submitted at"),
        "submitted_by": QCoreApplication.translate("Labels", "submitted by"),
        "approved_at": QCoreApplication.translate("Labels", "approved at"),
        "approved_by": QCoreApplication.translate("Labels", "approved by"),
        "revision": QCoreApplication.translate("Labels", "revision"),
        "items_provided": QCoreApplication.translate("Labels", "items provided"),
        "missing_items": QCoreApplication.translate("Labels", "missing items"),
        "position": QCoreApplication.translate("Labels", "position"),
        "percent": QCoreApplication.translate("Labels", "percentage"),
        "active": QCoreApplication.translate("Labels", "in use"),
        "node_id": QCoreApplication.translate("Labels", "node"),
    }
    return labels.get(code, code)


def evidence_reason(table: str, fallback: str) -> str:
    """Why records of `table` cannot be restored (services.history.APPEND_ONLY), translated."""
    labels = {
        "task_events": QCoreApplication.translate(
            "Labels", "Task events are evidence and are never changed; record a new event instead."
        ),
        "comments": QCoreApplication.translate(
            "Labels", "Comments are evidence; an edit is a new version of the comment."
        ),
        "mentions": QCoreApplication.translate(
            "Labels", "Mentions belong to their comment and are never changed."
        ),
        "submissions": QCoreApplication.translate(
            "Labels", "Submissions are evidence and are never changed; submit a new revision."
        ),
        "submission_files": QCoreApplication.translate(
            "Labels", "Submitted files are evidence and are never changed."
        ),
        "score_publications": QCoreApplication.translate(
            "Labels",
            "Published scores are never changed; publish again to supersede them with a "
            "correction.",
        ),
    }
    return labels.get(table, fallback)
