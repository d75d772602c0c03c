"""The task flow fixed in software (流程固化): which step may follow which, by whom, and when.

A pure state machine over `Task.status`; services load the facts, ask here, then write.

    pending ──notify (indicator started)──▶ notified ──start──▶ in_progress
    in_progress | returned ──submit──▶ awaiting_acceptance     (output meets the standard)
                              └──────▶ returned                (items missing: automatic return)
    awaiting_acceptance ──accept (lead department)──▶ accepted ──complete──▶ completed
    awaiting_acceptance ──return (lead department, with a reason)──▶ returned

Who may act:
- notify: a clerk or head of the indicator's lead department (牵头部门), or the central
  office (role 'central' or 'admin'); starting an indicator notifies each of its tasks.
- start, submit, complete: a clerk or head of the task's responsible department.
- accept, return: a clerk or head of the indicator's lead department.
(Roles and scopes come from `domain.permissions`; refusals raise PermissionDeniedError.)

Completion is a step of its own, taken by the responsible department after the lead department
accepted the output (as the demo data records it): acceptance is the lead department's verdict,
completion the department closing its own task. Days overdue count up to completion.

When: an event's moment (`occurred_at`) may be back-dated (work done offline and entered
later), but never later than now and never before the task's previous event. It is recorded at
`recorded_at` = now.

An event's `department_id` is the department whose task it is; `person_id` is who acted (their
own department may be the lead's). The automatic return after the standard check has no
person (the software returned it); its `detail` is the JSON list of missing checklist items.
A return by the lead department has `detail` = {"reason": "..."} as JSON.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from govperf_desktop.domain.calendar import office_time
from govperf_desktop.domain.errors import ConflictError, ValidationError
from govperf_desktop.domain.permissions import Action, require
from govperf_desktop.domain.permissions import Actor as Actor  # the acting person

ACTIONS = ("notify", "start", "submit", "accept", "return", "complete")
STATUS_LABELS = {
    "pending": "not yet notified",
    "notified": "notified, not started",
    "in_progress": "in progress",
    "submitted": "submitted",
    "returned": "returned for revision",
    "awaiting_acceptance": "awaiting acceptance",
    "accepted": "accepted",
    "completed": "completed",
}
_VERBS = {
    "notify": "notified",
    "start": "started",
    "submit": "given an output",
    "accept": "accepted",
    "return": "returned",
    "complete": "completed",
}
# The statuses from which each step of a department or the lead department may be taken.
_FROM = {
    "start": frozenset({"notified"}),
    "submit": frozenset({"in_progress", "returned"}),
    "accept": frozenset({"awaiting_acceptance"}),
    "return": frozenset({"awaiting_acceptance"}),
    "complete": frozenset({"accepted"}),
}
EVENT_OF_ACTION = {
    "notify": "notified",
    "start": "started",
    "accept": "accepted",
    "return": "returned",
    "complete": "completed",
}  # a submission records 'submitted', and 'returned' when the standard check fails
# Sort key of events with the same moment (a submission and its automatic return).
EVENT_ORDER = {
    "notified": 0,
    "started": 1,
    "submitted": 2,
    "returned": 3,
    "accepted": 4,
    "completed": 5,
}
MAX_REASON_LENGTH = 2000
MAX_FILE_NAME_LENGTH = 255
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class TaskFacts:
    """What the rules need to know about a task and its indicator."""

    code: str
    status: str
    department_id: str
    department: str
    indicator: str
    indicator_status: str
    lead_department_id: str
    lead_department: str
    is_template: bool = False
    submissions: int = 0
    last_event_kind: str | None = None
    last_event_at: datetime | None = None  # naive UTC


@dataclass(frozen=True)
class StandardCheck:
    """The standard check (输出标准核对) of one output against the task's checklist."""

    provided: tuple[str, ...]  # in checklist order
    missing: tuple[str, ...]  # in checklist order

    @property
    def result(self) -> str:
        return "missing" if self.missing else "complete"


@dataclass(frozen=True)
class Attachment:
    """Metadata of a file attached to an output; the name is never used as a path."""

    name: str
    sha256: str
    size: int


def _stamp(moment: datetime) -> str:
    return f"{office_time(moment):%Y-%m-%d %H:%M}"


def check_actor(action: str, task: TaskFacts, actor: Actor) -> None:
    """Refuse a person who may not take this step on this task (domain.permissions).

    Accepting and returning an output are the lead department's steps; the others belong to
    the task's responsible department.
    """
    if action in ("accept", "return"):
        department_id, department = task.lead_department_id, task.lead_department
        attempt = f"{action} task {task.code} (lead department: {department})"
    else:
        department_id, department = task.department_id, task.department
        attempt = f"{action} task {task.code} of {department}"
    require(
        actor, Action.TASK_STEP, department_id=department_id, department=department, attempt=attempt
    )


def check_step(action: str, task: TaskFacts) -> None:
    """Refuse a step the task's current status does not allow, saying what would."""
    if action not in _FROM:
        raise ValidationError(f"Unknown task step {action!r}.")
    label = f"Task {task.code} of {task.indicator}"
    if task.is_template:
        raise ValidationError(
            f"{label} is a recurring template; act on its instance for the period instead."
        )
    if task.indicator_status == "draft":
        raise ConflictError(
            f"{label} cannot be {_VERBS[action]}: the indicator has not been started; its lead "
            f"department ({task.lead_department}) starts it with 'govperf task notify'."
        )
    if task.status == "pending":
        raise ConflictError(
            f"{label} cannot be {_VERBS[action]}: it has not been notified yet; the lead "
            f"department ({task.lead_department}) notifies it with 'govperf task notify'."
        )
    if task.indicator_status == "closed":
        raise ConflictError(f"{label} cannot be {_VERBS[action]}: the indicator is closed.")
    if task.status in _FROM[action]:
        return
    raise ConflictError(f"{label} {_refusal(action, task)}")


def _refusal(action: str, task: TaskFacts) -> str:
    status = task.status
    if status == "completed":
        if action == "submit":
            return "is completed; no output can be submitted after completion."
        return "is already completed."
    if action == "start":
        return f"has already been started (status: {STATUS_LABELS[status]})."
    if action == "submit":
        if status == "notified":
            return "has not been started; start it before submitting its output."
        if status == "awaiting_acceptance":
            return (
                f"already has an output awaiting acceptance (revision {task.submissions}); the "
                f"lead department ({task.lead_department}) accepts or returns it first."
            )
        return "has been accepted; no further output can be submitted."
    if action in ("accept", "return"):
        if task.submissions == 0:
            return f"has no submitted output to {action}."
        if status == "returned":
            return (
                f"has no output awaiting acceptance: revision {task.submissions} was returned "
                "for revision."
            )
        return "has already been accepted."
    # complete
    return (
        f"must be accepted by the lead department ({task.lead_department}) before it can be "
        f"completed (status: {STATUS_LABELS[status]})."
    )


def check_moment(
    action: str, code: str, at: datetime, now: datetime, previous: datetime | None
) -> None:
    """An event may be back-dated, but not into the future nor before the previous event.

    All three moments are naive UTC.
    """
    if at > now:
        raise ValidationError(
            f"Task {code} cannot be {_VERBS.get(action, action)} at {_stamp(at)}: that is in "
            f"the future (now is {_stamp(now)})."
        )
    if previous is not None and at < previous:
        raise ValidationError(
            f"Task {code} cannot be {_VERBS.get(action, action)} at {_stamp(at)}: that is "
            f"before its previous step ({_stamp(previous)})."
        )


def check_notifier(indicator: str, lead_department_id: str, lead: str, actor: Actor) -> None:
    """Starting an indicator is for its lead department or the central office."""
    require(
        actor,
        Action.START_INDICATOR,
        department_id=lead_department_id,
        department=lead,
        attempt=f"start indicator {indicator} (lead department: {lead})",
    )


def check_indicator_start(indicator: str, status: str, pending_tasks: int) -> None:
    """An indicator starts once (draft → active); later, only newly added tasks are notified."""
    if status in ("met", "missed", "closed"):
        raise ConflictError(f"Indicator {indicator} is {status}; it cannot be started again.")
    if pending_tasks == 0:
        if status == "active":
            raise ConflictError(
                f"Indicator {indicator} has already been started and all its tasks notified."
            )
        raise ValidationError(
            f"Indicator {indicator} has no tasks to notify; add its decomposition table first."
        )


def check_output(code: str, checklist: Sequence[str], items: Sequence[str]) -> StandardCheck:
    """Compare the items an output says it provides with the task's checklist (输出标准)."""
    named = [item.strip() for item in items if item.strip()]
    unknown = [item for item in dict.fromkeys(named) if item not in checklist]
    if unknown:
        listing = "; ".join(checklist) if checklist else "(none)"
        raise ValidationError(
            f"{unknown[0]!r} is not an item of task {code}'s output standard; its items are: "
            f"{listing}."
        )
    given = set(named)
    return StandardCheck(
        provided=tuple(item for item in checklist if item in given),
        missing=tuple(item for item in checklist if item not in given),
    )


def check_reason(code: str, reason: str | None) -> str:
    """A return by the lead department says why, so the department can revise."""
    text = (reason or "").strip()
    if not text:
        raise ValidationError(
            f"Returning task {code} needs a reason (--reason) for the department."
        )
    if len(text) > MAX_REASON_LENGTH:
        raise ValidationError(
            f"The reason for returning task {code} is too long ({len(text)} characters; at most "
            f"{MAX_REASON_LENGTH})."
        )
    return text


def check_file_name(name: str) -> str:
    """A file name from outside, as metadata only: no separators, '..' or control characters."""
    if not name or not name.strip():
        raise ValidationError("An attached file needs a name.")
    if "/" in name or "\\" in name:
        raise ValidationError(f"File name {name!r} contains a path separator; give the name only.")
    if ".." in name or name.strip() == ".":
        raise ValidationError(f"File name {name!r} contains '..' or is '.'; give a plain name.")
    for char in name:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            raise ValidationError(
                f"File name {name!r} contains a control character (U+{ord(char):04X})."
            )
    if len(name) > MAX_FILE_NAME_LENGTH:
        raise ValidationError(
            f"File name {name[:40]!r}… is too long ({len(name)} characters; at most "
            f"{MAX_FILE_NAME_LENGTH})."
        )
    return name


def check_attachments(files: Sequence[Attachment]) -> tuple[Attachment, ...]:
    """Valid, distinct attachments with lowercase sha256 digests."""
    checked: list[Attachment] = []
    seen: set[str] = set()
    for file in files:
        name = check_file_name(file.name)
        digest = file.sha256.strip().lower()
        if not _SHA256.match(digest):
            raise ValidationError(
                f"The sha256 of file {name!r} must be 64 hexadecimal digits (got {file.sha256!r})."
            )
        if isinstance(file.size, bool) or not isinstance(file.size, int) or file.size < 0:
            raise ValidationError(
                f"The size of file {name!r} must be a whole number of bytes, 0 or more."
            )
        if name in seen:
            raise ValidationError(f"File {name!r} is attached twice to the same output.")
        seen.add(name)
        checked.append(Attachment(name=name, sha256=digest, size=file.size))
    return tuple(checked)


def events_of_submission(check: StandardCheck) -> tuple[str, ...]:
    """A submission is one event, or two when the standard check returns it at once."""
    return ("submitted", "returned") if check.missing else ("submitted",)


def status_after(action: str, check: StandardCheck | None = None) -> str:
    """The task's status once a step is recorded."""
    if action == "submit":
        if check is None:
            raise ValueError("a submission's status depends on its standard check")
        return "returned" if check.missing else "awaiting_acceptance"
    return {
        "notify": "notified",
        "start": "in_progress",
        "accept": "accepted",
        "return": "returned",
        "complete": "completed",
    }[action]


def status_after_event(kind: str) -> str:
    """The status a task has when `kind` is its latest event (ties ordered by EVENT_ORDER).

    Lets a replica recompute a task's status from its events, e.g. after a sync import.
    """
    return {
        "notified": "notified",
        "started": "in_progress",
        "submitted": "awaiting_acceptance",  # a failed check adds a later 'returned'
        "returned": "returned",
        "accepted": "accepted",
        "completed": "completed",
    }[kind]


def response_time(notified_at: datetime | None, started_at: datetime | None) -> timedelta | None:
    """任务响应时间: from notification to the department starting the task."""
    if notified_at is None or started_at is None:
        return None
    return started_at - notified_at
