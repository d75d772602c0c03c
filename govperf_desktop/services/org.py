"""The organisation: departments and people (central administrator's actions).

A person named as acting needs the role central or admin (`domain.permissions`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.permissions import Action
from govperf_desktop.services import lookup
from govperf_desktop.services import roles as policy  # `roles` is add_person's parameter
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import ROLES, Department, Person, PersonRole
from govperf_desktop.store.store import Store


@dataclass(frozen=True)
class DepartmentView:
    id: str
    name: str


@dataclass(frozen=True)
class PersonView:
    id: str
    name: str
    department: str
    roles: tuple[str, ...]


def _organiser(store: Store, actor: str | None) -> str | None:
    """The acting person's id once their roles allow changing the organisation.

    None (no person acts) is for setup code: the first run, demo data and tests.
    """
    if actor is None:
        return None
    with store.read() as session:
        person = policy.acting(session, actor)
        policy.require(session, person, Action.DEFINE_ORGANISATION)
        return person.id


def add_department(
    store: Store, name: str, *, now: datetime, actor: str | None = None
) -> DepartmentView:
    """A new department; `actor` (role central or admin) adds it."""
    name = name.strip()
    if not name:
        raise ValidationError("A department needs a name.")
    actor_id = _organiser(store, actor)
    with store.write(actor_id=actor_id) as session:
        department = Department(id=new_id(), name=name, created_at=to_utc_naive(now))
        session.add(department)
    return DepartmentView(department.id, department.name)


def add_person(
    store: Store,
    *,
    department: str,
    name: str,
    roles: tuple[str, ...] = ("clerk",),
    title: str | None = None,
    now: datetime,
    actor: str | None = None,
) -> PersonView:
    """A new person with their roles; `actor` (role central or admin) adds them."""
    name = name.strip()
    if not name:
        raise ValidationError("A person needs a name.")
    unknown = [role for role in roles if role not in ROLES]
    if unknown:
        raise ValidationError(f"Unknown role {unknown[0]!r}; choose from: {', '.join(ROLES)}.")
    actor_id = _organiser(store, actor)
    with store.write(actor_id=actor_id) as session:
        home = lookup.department(session, department)
        person = Person(
            id=new_id(),
            department_id=home.id,
            name=name,
            title=title,
            active=True,
            created_at=to_utc_naive(now),
        )
        session.add(person)
        session.flush()
        session.add_all(PersonRole(person_id=person.id, role=role) for role in sorted(set(roles)))
    return PersonView(person.id, person.name, home.name, tuple(sorted(set(roles))))
