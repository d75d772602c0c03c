"""The acting person as `domain.permissions` sees them, and the role check, in a session.

Services call `require(session, person, action, department_id=...)` inside their unit of
work, before writing anything; a refusal raises PermissionDeniedError and the unit of work
rolls back, so the store is left as it was.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from govperf_desktop.domain import permissions
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.permissions import Action, Actor
from govperf_desktop.services import lookup
from govperf_desktop.store.models import Department, Person, PersonRole


def department_name(session: Session, department_id: str) -> str:
    return session.scalar(select(Department.name).where(Department.id == department_id)) or "?"


def actor_of(session: Session, person: Person) -> Actor:
    """The person with their roles and department, as the policy table needs them."""
    roles = session.scalars(select(PersonRole.role).where(PersonRole.person_id == person.id))
    return Actor(
        name=person.name,
        department_id=person.department_id,
        department=department_name(session, person.department_id),
        roles=frozenset(roles),
        active=bool(person.active),
        id=person.id,
    )


def acting(session: Session, person: str | None) -> Actor:
    """The acting person named by name, 'NAME@DEPARTMENT' or id; refused when none is named."""
    if not person or not person.strip():
        raise ValidationError("Say who is acting (--as PERSON).")
    return actor_of(session, lookup.person(session, person))


def require(
    session: Session,
    person: Person | Actor,
    action: Action,
    *,
    department_id: str | None = None,
    attempt: str | None = None,
) -> Actor:
    """Refuse `person` unless their roles allow `action` in `department_id` (None: their own).

    Returns the person as an Actor, for the service to use.
    """
    actor = person if isinstance(person, Actor) else actor_of(session, person)
    department = None
    if department_id is not None and department_id != actor.department_id:
        department = department_name(session, department_id)
    permissions.require(
        actor, action, department_id=department_id, department=department, attempt=attempt
    )
    return actor
