"""The organisation: departments and people (central administrator's actions)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.services import lookup
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


def add_department(store: Store, name: str, *, now: datetime) -> DepartmentView:
    name = name.strip()
    if not name:
        raise ValidationError("A department needs a name.")
    with store.write() as session:
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
) -> PersonView:
    name = name.strip()
    if not name:
        raise ValidationError("A person needs a name.")
    unknown = [role for role in roles if role not in ROLES]
    if unknown:
        raise ValidationError(f"Unknown role {unknown[0]!r}; choose from: {', '.join(ROLES)}.")
    with store.write() as session:
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
