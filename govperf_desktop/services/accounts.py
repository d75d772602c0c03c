"""Local user accounts: passwords, login with lockout, password change, disabling.

An account belongs to one installation (never synced). It is linked to a person, whose work
roles (`person_roles`, shared data the central office manages) it has, and it may hold one
installation duty of its own (`accounts.role`): 'admin', the system administrator (accounts,
backups), or 'auditor', the security/audit administrator (the audit log). Accounts never write
shared data, so a department installation can have them too (its people and their roles come
from the central office; its administrator's account is linked to a person once they arrive).

Passwords are hashed with scrypt (`cryptography`), a fresh salt per password, the parameters
stored with the hash ("scrypt$LOG2N$R$P$SALT$HASH") so they can be raised later: a login with
older parameters rehashes. Comparison is constant-time. After `MAX_ATTEMPTS` failed logins the
account is locked for `BASE_DELAY`, doubling with every further failure (capped at
`MAX_DELAY`).

Separation of duties: the security/audit administrator (role 'auditor') is never the same
account as the system administrator (role 'admin'): one duty column, and an account whose
person holds the other role is refused.

Passwords never appear in a message, an exception, the audit log or the store.
"""

from __future__ import annotations

import base64
import hmac
import os
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from govperf_desktop.services import audit, lookup
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import Account, Department, Person, PersonRole
from govperf_desktop.store.store import Store


@dataclass(frozen=True)
class ScryptParams:
    log2_n: int = 17  # N = 2^17: 128 MiB and about 0.3 s per hash on a current laptop
    r: int = 8
    p: int = 1


# The parameters new hashes get. Tests other than the one asserting these lower them.
SCRYPT = ScryptParams()
MIN_PASSWORD = 10
MAX_ATTEMPTS = 5
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)
SEPARATED_ROLES = ("admin", "auditor")
DUTIES = ("admin", "auditor")
_SALT_BYTES = 16
_KEY_BYTES = 32


class AuthenticationError(ValidationError):
    """A login refused: wrong name or password, locked or disabled account."""


class PermissionDenied(ValidationError):
    """The authenticated account lacks the role an account action needs."""


@dataclass(frozen=True)
class LoggedIn:
    """Who logged in: the account, its person and the person's roles."""

    account: str
    person_id: str | None  # None: an administrator not linked to a person yet
    person: str | None  # 'NAME@DEPARTMENT'
    roles: tuple[str, ...]  # the account's duty and its person's roles


@dataclass(frozen=True)
class AccountView:
    name: str
    person: str | None  # 'NAME@DEPARTMENT'
    person_id: str | None
    duty: str | None  # 'admin', 'auditor' or None
    roles: tuple[str, ...]  # the duty and the person's roles
    disabled: bool
    failed_attempts: int
    locked_until: datetime | None
    last_login_at: datetime | None
    created_at: datetime


# --- password hashing ------------------------------------------------------------------------


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _derive(password: str, salt: bytes, params: ScryptParams) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # not at start-up

    kdf = Scrypt(salt=salt, length=_KEY_BYTES, n=2**params.log2_n, r=params.r, p=params.p)
    return kdf.derive(password.encode("utf-8"))


def hash_password(password: str, params: ScryptParams | None = None) -> str:
    """'scrypt$LOG2N$R$P$SALT$HASH' for `password`, with a fresh random salt."""
    params = params or SCRYPT
    salt = os.urandom(_SALT_BYTES)
    digest = _derive(password, salt, params)
    return f"scrypt${params.log2_n}${params.r}${params.p}${_b64(salt)}${_b64(digest)}"


def _parse(stored: str) -> tuple[ScryptParams, bytes, bytes]:
    scheme, log2_n, r, p, salt, digest = stored.split("$")
    if scheme != "scrypt":
        raise ValueError("unknown password scheme")
    return (
        ScryptParams(int(log2_n), int(r), int(p)),
        base64.b64decode(salt),
        base64.b64decode(digest),
    )


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches the stored hash; compares in constant time."""
    try:
        params, salt, digest = _parse(stored)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(_derive(password, salt, params), digest)


def needs_rehash(stored: str) -> bool:
    try:
        params, _, _ = _parse(stored)
    except (ValueError, TypeError):
        return True
    return (params.log2_n, params.r, params.p) < (SCRYPT.log2_n, SCRYPT.r, SCRYPT.p)


def check_new_password(password: str, account: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"A password needs at least {MIN_PASSWORD} characters.")
    if password.strip().lower() == account.strip().lower():
        raise ValidationError("A password must not be the account name.")


# --- helpers ---------------------------------------------------------------------------------


def _person_roles(session: Session, person_id: str | None) -> set[str]:
    if person_id is None:
        return set()
    query = select(PersonRole.role).where(PersonRole.person_id == person_id)
    return set(session.scalars(query))


def _roles(session: Session, account: Account) -> tuple[str, ...]:
    """The account's duty and its person's roles."""
    roles = _person_roles(session, account.person_id)
    if account.role:
        roles.add(account.role)
    return tuple(sorted(roles))


def _label(session: Session, person_id: str | None) -> str | None:
    if person_id is None:
        return None
    row = session.execute(
        select(Person.name, Department.name)
        .join(Department, Department.id == Person.department_id)
        .where(Person.id == person_id)
    ).one()
    return f"{row[0]}@{row[1]}"


def check_separation(roles: set[str] | tuple[str, ...], who: str) -> None:
    """Refuse an account that would be both system administrator and audit administrator."""
    if set(SEPARATED_ROLES) <= set(roles):
        raise ConflictError(
            f"{who} would be both system administrator (admin) and audit administrator "
            "(auditor); separation of duties needs two different people."
        )


def _account(session: Session, name: str) -> Account:
    found = session.scalar(select(Account).where(Account.name == name.strip()))
    if found is None:
        raise NotFoundError(f"Unknown account {name.strip()!r}; see 'govperf account list'.")
    return found


def has_accounts(store: Store) -> bool:
    """True once this installation has any account: from then on everyone logs in."""
    with store.read() as session:
        return bool(session.scalar(select(func.count()).select_from(Account)))


def require_role(store: Store, by: LoggedIn | None, *roles: str) -> LoggedIn:
    """The logged-in account, if its person (still) holds one of `roles`; else refused."""
    wanted = " or ".join(roles)
    if by is None:
        raise PermissionDenied(
            f"This action needs a logged-in account with the {wanted} role; "
            "log in with --user NAME."
        )
    with store.read() as session:
        account = _account(session, by.account)
        current = _roles(session, account)
        if account.disabled:
            raise PermissionDenied(f"Account {by.account} is disabled.")
    if not set(roles) & set(current):
        raise PermissionDenied(
            f"Account {by.account} does not have the {wanted} role this action needs."
        )
    return replace(by, roles=current)


# --- use cases -------------------------------------------------------------------------------


def add_account(
    store: Store,
    *,
    name: str,
    person: str | None,
    password: str,
    by: LoggedIn | None,
    now: datetime,
    duty: str | None = None,
) -> AccountView:
    """Create an account for `person` (None: linked later), with installation duty `duty`.

    Needs a system administrator; the very first account of an installation is made without
    one and must be the system administrator (it is the one who makes the others).
    """
    name = name.strip()
    if not name:
        raise ValidationError("An account needs a name.")
    if duty is not None and duty not in DUTIES:
        raise ValidationError(f"Unknown duty {duty!r}; choose admin or auditor.")
    first = not has_accounts(store)
    if first and duty != "admin":
        raise ValidationError(
            "The first account of an installation is its system administrator: give it the "
            "admin duty (--role admin)."
        )
    if not first:
        by = require_role(store, by, "admin")
    check_new_password(password, name)
    moment = to_utc_naive(now)
    with store.read() as session:
        person_id = lookup.person(session, person).id if person else None
        if person_id is None and duty is None:
            raise ValidationError("An account without a duty needs its person (--person).")
        roles = _person_roles(session, person_id) | ({duty} if duty else set())
        if session.scalar(select(Account.id).where(Account.name == name)):
            raise ConflictError(f"There is already an account called {name!r}.")
    check_separation(roles, f"Account {name!r}")
    password_hash = hash_password(password)  # slow: outside the write transaction
    with store.write() as session:
        session.add(
            Account(
                id=new_id(),
                name=name,
                person_id=person_id,
                role=duty,
                password_hash=password_hash,
                disabled=False,
                failed_attempts=0,
                created_at=moment,
                password_changed_at=moment,
            )
        )
        session.flush()
        audit.record(
            session,
            "account_created",
            now=moment,
            account=by.account if by else name,
            detail={"account": name, "person": _label(session, person_id), "duty": duty},
        )
    return account_view(store, name)


def link_account(
    store: Store, *, name: str, person: str, by: LoggedIn | None, now: datetime
) -> AccountView:
    """Link an account to its person (e.g. once the people arrived from the central office)."""
    by = require_role(store, by, "admin")
    moment = to_utc_naive(now)
    with store.write() as session:
        row = _account(session, name)
        target = lookup.person(session, person)
        roles = _person_roles(session, target.id) | ({row.role} if row.role else set())
        check_separation(roles, f"Account {row.name!r}")
        row.person_id = target.id
        audit.record(
            session,
            "account_linked",
            now=moment,
            account=by.account,
            detail={"account": row.name, "person": _label(session, target.id)},
        )
    return account_view(store, name)


def account_view(store: Store, name: str) -> AccountView:
    with store.read() as session:
        account = _account(session, name)
        return _view(session, account)


def _view(session: Session, account: Account) -> AccountView:
    return AccountView(
        account.name,
        _label(session, account.person_id),
        account.person_id,
        account.role,
        _roles(session, account),
        account.disabled,
        account.failed_attempts,
        account.locked_until,
        account.last_login_at,
        account.created_at,
    )


def list_accounts(store: Store, *, by: LoggedIn | None) -> list[AccountView]:
    """Every account of this installation (administrators and auditors only)."""
    require_role(store, by, "admin", "auditor")
    with store.read() as session:
        accounts = session.scalars(select(Account).order_by(Account.name)).all()
        return [_view(session, account) for account in accounts]


def _lock_delay(failed: int) -> timedelta:
    steps = failed - MAX_ATTEMPTS
    return min(BASE_DELAY * (2**steps), MAX_DELAY)


def login(store: Store, name: str, password: str, *, now: datetime) -> LoggedIn:
    """Check a name and password; count failures, lock after MAX_ATTEMPTS, audit each try."""
    moment = to_utc_naive(now)
    name = name.strip()
    with store.read() as session:
        account = session.scalar(select(Account).where(Account.name == name))
        stored = account.password_hash if account else None
        locked_until = account.locked_until if account else None
    if account is None:
        hash_password(password)  # the same time as a real check: names are not revealed
        with store.write() as session:
            audit.record(session, "login_failed", now=moment, detail={"account": name})
        raise AuthenticationError("Wrong account name or password.")
    if locked_until is not None and moment < locked_until:
        wait = int((locked_until - moment).total_seconds()) + 1
        with store.write() as session:
            audit.record(session, "login_locked", now=moment, account=name)
        raise AuthenticationError(
            f"Account {name} is locked after {MAX_ATTEMPTS} failed logins; try again in "
            f"{wait} seconds."
        )
    assert stored is not None
    good = verify_password(password, stored)
    rehashed = hash_password(password) if good and needs_rehash(stored) else None
    with store.write() as session:
        row = _account(session, name)
        if not good:
            row.failed_attempts += 1
            audit.record(
                session,
                "login_failed",
                now=moment,
                account=name,
                detail={"failed_attempts": row.failed_attempts},
            )
            if row.failed_attempts >= MAX_ATTEMPTS:
                delay = _lock_delay(row.failed_attempts)
                row.locked_until = moment + delay
                audit.record(
                    session,
                    "lockout",
                    now=moment,
                    account=name,
                    detail={"seconds": int(delay.total_seconds())},
                )
        elif row.disabled:
            audit.record(session, "login_disabled", now=moment, account=name)
        else:
            row.failed_attempts = 0
            row.locked_until = None
            row.last_login_at = moment
            if rehashed:
                row.password_hash = rehashed
            roles = _roles(session, row)
            result = LoggedIn(name, row.person_id, _label(session, row.person_id), roles)
            both = set(SEPARATED_ROLES) <= set(roles)
            event = "login_refused" if both else "login"
            audit.record(session, event, now=moment, account=name, person_id=row.person_id)
    if not good:
        raise AuthenticationError("Wrong account name or password.")
    if row.disabled:
        raise AuthenticationError(f"Account {name} is disabled; ask the administrator.")
    # Roles synced from the central office could give the person the other duty's role.
    check_separation(result.roles, f"Account {name!r}")
    return result


def set_password(
    store: Store, *, name: str, new_password: str, by: LoggedIn | None, now: datetime
) -> None:
    """Change an account's password: its own user, or an administrator (a reset, which also
    lifts a lockout)."""
    if by is None or by.account != name.strip():
        by = require_role(store, by, "admin")
    check_new_password(new_password, name)
    moment = to_utc_naive(now)
    password_hash = hash_password(new_password)
    with store.write() as session:
        row = _account(session, name)
        row.password_hash = password_hash
        row.password_changed_at = moment
        row.failed_attempts = 0
        row.locked_until = None
        audit.record(
            session,
            "password_changed" if by.account == row.name else "password_reset",
            now=moment,
            account=by.account,
            detail={"account": row.name},
        )


def change_own_password(
    store: Store, *, name: str, old_password: str, new_password: str, now: datetime
) -> None:
    """A user's own change: the old password is checked like a login (failures count)."""
    me = login(store, name, old_password, now=now)
    set_password(store, name=name, new_password=new_password, by=me, now=now)


def set_disabled(
    store: Store, *, name: str, disabled: bool, by: LoggedIn | None, now: datetime
) -> AccountView:
    """Disable (or enable again) an account; an administrator cannot disable their own."""
    by = require_role(store, by, "admin")
    moment = to_utc_naive(now)
    with store.write() as session:
        row = _account(session, name)
        if disabled and row.name == by.account:
            raise ValidationError("An administrator cannot disable their own account.")
        if row.disabled == disabled:
            state = "disabled" if disabled else "enabled"
            raise ConflictError(f"Account {row.name} is already {state}.")
        row.disabled = disabled
        audit.record(
            session,
            "account_disabled" if disabled else "account_enabled",
            now=moment,
            account=by.account,
            detail={"account": row.name},
        )
    return account_view(store, name)


def person_of(store: Store, name: str) -> str | None:
    """The person id an account acts as (None: not linked to a person)."""
    with store.read() as session:
        return _account(session, name).person_id


def resolve_person(store: Store, name_or_id: str) -> str:
    """The id of the person named (name, 'NAME@DEPARTMENT' or id)."""
    with store.read() as session:
        return lookup.person(session, name_or_id).id
