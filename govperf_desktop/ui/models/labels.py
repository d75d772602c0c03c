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
