"""Who may do what: one policy table of roles × actions, with department scoping.

Every write service asks `require(actor, action, department_id=...)` before it writes; the UI
asks `permitted(...)` to grey out what would be refused. Reads are open to every person (the
evaluator "reads everything"); the table covers actions that change shared data, plus reading
the audit log, which only the auditor may.

Roles (`person_roles.role`):

- clerk (办事员): their own department's hours, comments, support records and task steps.
- head (部门负责人): what a clerk may, and also approves timesheet periods, changes colleagues'
  hours, acknowledges warnings, submits and withdraws department outputs.
- evaluator (评估人员): computes and publishes scores; changes no work record.
- central, admin (考核办, 系统管理员): indicators, decomposition tables, rules, departments,
  people, accounts and node certificates; restoring earlier versions.
- auditor (安全审计员): reads the audit log, and nothing an administrator does (separation of
  duties: the accounts service keeps auditor and admin apart on one account).

A role grants an action either in any department (`Scope.ANY`) or only in the person's own
department (`Scope.OWN`): for hours the worker's department, for a task step the task's
department (the lead department for accepting or returning an output, and for starting an
indicator).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from govperf_desktop.domain.errors import PermissionDeniedError

ROLE_ORDER = ("clerk", "head", "evaluator", "central", "admin", "auditor")
ROLE_LABELS = {
    "clerk": "clerk",
    "head": "department head",
    "evaluator": "evaluator",
    "central": "central office",
    "admin": "administrator",
    "auditor": "auditor",
}


class Scope(Enum):
    """Where a role may take an action."""

    OWN = "own department"
    ANY = "any department"


class Action(Enum):
    """An action that needs a role; the value is what the person tried, for messages."""

    RECORD_HOURS = "record hours"
    RECORD_HOURS_FOR_OTHERS = "change a colleague's hours"
    IMPORT_HOURS = "import other people's hours"
    APPROVE_TIMESHEET_PERIODS = "approve timesheet periods"
    COMMENT = "comment on tasks"
    RECORD_SUPPORT = "record or confirm support between departments"
    TASK_STEP = "take task steps (start, submit, accept, return, complete)"
    START_INDICATOR = "start an indicator"
    ACKNOWLEDGE_WARNINGS = "acknowledge warnings"
    DEPARTMENT_OUTPUT = "submit or withdraw department outputs"
    DEFINE_INDICATORS = "define indicators and decomposition tables"
    DEFINE_RULES = "change rules (scoring configuration, standard working day)"
    DEFINE_ORGANISATION = "add departments or people"
    MANAGE_ACCOUNTS = "manage accounts"
    MANAGE_NODE_CERTIFICATES = "manage node certificates"
    COMPUTE_SCORES = "compute scores"
    PUBLISH_SCORES = "publish scores"
    RESTORE_HISTORY = "restore earlier versions of records"
    READ_AUDIT_LOG = "read the audit log"


_OWN, _ANY = Scope.OWN, Scope.ANY
_DEPARTMENT = {"clerk": _OWN, "head": _OWN}
_HEAD = {"head": _OWN}
_CENTRAL = {"central": _ANY, "admin": _ANY}

POLICY: dict[Action, dict[str, Scope]] = {
    Action.RECORD_HOURS: _DEPARTMENT,
    Action.RECORD_HOURS_FOR_OTHERS: _HEAD,
    Action.IMPORT_HOURS: {**_HEAD, **_CENTRAL},  # the central office migrates old records
    Action.APPROVE_TIMESHEET_PERIODS: _HEAD,
    Action.COMMENT: _DEPARTMENT,
    Action.RECORD_SUPPORT: _DEPARTMENT,
    Action.TASK_STEP: _DEPARTMENT,
    Action.START_INDICATOR: {**_DEPARTMENT, **_CENTRAL},  # own = the lead department
    Action.ACKNOWLEDGE_WARNINGS: _HEAD,
    Action.DEPARTMENT_OUTPUT: _HEAD,
    Action.DEFINE_INDICATORS: _CENTRAL,
    Action.DEFINE_RULES: _CENTRAL,
    Action.DEFINE_ORGANISATION: _CENTRAL,
    Action.MANAGE_ACCOUNTS: _CENTRAL,
    Action.MANAGE_NODE_CERTIFICATES: _CENTRAL,
    Action.COMPUTE_SCORES: {"evaluator": _ANY},
    Action.PUBLISH_SCORES: {"evaluator": _ANY},
    Action.RESTORE_HISTORY: _CENTRAL,
    Action.READ_AUDIT_LOG: {"auditor": _ANY},
}

# Actions of the system administrator, none of which the auditor holds (separation of duties).
ADMIN_ACTIONS = frozenset(action for action, grants in POLICY.items() if "admin" in grants)


@dataclass(frozen=True)
class Actor:
    """The person acting, as the rules need them."""

    name: str
    department_id: str
    department: str
    roles: frozenset[str]
    active: bool = True
    id: str = ""


def scope_of(roles: Iterable[str], action: Action) -> Scope | None:
    """The widest scope in which any of `roles` grants `action` (None: not at all)."""
    grants = POLICY[action]
    scopes = {grants[role] for role in roles if role in grants}
    if Scope.ANY in scopes:
        return Scope.ANY
    return Scope.OWN if scopes else None


def permitted(actor: Actor, action: Action, *, department_id: str | None = None) -> bool:
    """True when `actor` may take `action` in `department_id` (None: their own department)."""
    if not actor.active:
        return False
    scope = scope_of(actor.roles, action)
    if scope is Scope.ANY:
        return True
    return scope is Scope.OWN and department_id in (None, actor.department_id)


def describe(actor: Actor) -> str:
    """'王芳 (clerk, 民政局)': the person with their roles and department."""
    roles = ", ".join(sorted(actor.roles, key=_role_rank)) or "no role"
    return f"{actor.name} ({roles}, {actor.department})"


def needed(action: Action, department: str | None = None) -> str:
    """Who may take `action`, as a phrase: 'a department head of 民政局'."""
    grants = POLICY[action]
    own = [role for role in ROLE_ORDER if grants.get(role) is Scope.OWN]
    anywhere = [role for role in ROLE_ORDER if grants.get(role) is Scope.ANY]
    parts = []
    if own:
        labels = " or ".join(ROLE_LABELS[role] for role in own)
        where = f"of {department}" if department else "of their own department"
        parts.append(f"a {labels} {where}")
    if set(anywhere) == {"central", "admin"}:
        parts.append("the central office (role central or admin)")
    elif anywhere:
        parts.append("a person with role " + " or ".join(anywhere))
    return ", or ".join(parts)


def require(
    actor: Actor,
    action: Action,
    *,
    department_id: str | None = None,
    department: str | None = None,
    attempt: str | None = None,
) -> None:
    """Refuse, with one sentence, a person who may not take `action` in `department_id`.

    `department_id` is the department the action is for (None: the person's own); its name
    `department` makes the message name it. `attempt` says what was tried more precisely
    than the action ('start task MZ-1').
    """
    if permitted(actor, action, department_id=department_id):
        return
    tried = attempt or action.value
    if not actor.active:
        raise PermissionDeniedError(f"{describe(actor)} is no longer active and may not {tried}.")
    if department_id in (None, actor.department_id):
        department = actor.department
    raise PermissionDeniedError(
        f"{describe(actor)} may not {tried}: that needs {needed(action, department)}."
    )


def matrix() -> list[tuple[Action, dict[str, Scope | None]]]:
    """Every action with each role's scope (None: refused), in table order, for docs and UI."""
    return [(action, {role: POLICY[action].get(role) for role in ROLE_ORDER}) for action in Action]


def _role_rank(role: str) -> int:
    return ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)
