"""Resolving what a user names (a department, a person, a task) to its row, or a clear error."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from govperf_desktop.domain.errors import NotFoundError, ValidationError
from govperf_desktop.domain.ids import is_record_id
from govperf_desktop.store.models import Department, Indicator, Person, Task


def department(session: Session, name_or_id: str) -> Department:
    key = name_or_id.strip()
    found = session.scalar(select(Department).where(Department.name == key))
    if found is None and is_record_id(key):
        found = session.get(Department, key)
    if found is None:
        raise NotFoundError(f"Unknown department {key!r}; check the name in the department list.")
    return found


def person(session: Session, name_or_id: str, department_name: str | None = None) -> Person:
    """A person by id, by name, or by 'NAME@DEPARTMENT' when names repeat across departments."""
    key = name_or_id.strip()
    if "@" in key and department_name is None:
        key, _, department_name = (part.strip() for part in key.partition("@"))
    if is_record_id(key):
        found = session.get(Person, key)
        if found is not None:
            return found
    query = select(Person).where(Person.name == key)
    if department_name:
        query = query.where(Person.department_id == department(session, department_name).id)
    matches = session.scalars(query.limit(2)).all()
    if not matches:
        raise NotFoundError(f"Unknown person {key!r}.")
    if len(matches) > 1:
        raise ValidationError(f"More than one person is called {key!r}; name the department too.")
    return matches[0]


def task(session: Session, task_id: str) -> Task:
    found = session.get(Task, task_id.strip())
    if found is None:
        raise NotFoundError(f"Unknown task {task_id!r}.")
    return found


def indicator(session: Session, name_or_id: str, period: str | None = None) -> Indicator:
    """An indicator by id, or by name (and period, when the name recurs over periods)."""
    key = name_or_id.strip()
    if is_record_id(key):
        found = session.get(Indicator, key)
        if found is not None:
            return found
    query = select(Indicator).where(Indicator.name == key)
    if period:
        query = query.where(Indicator.period == period)
    matches = session.scalars(query.limit(2)).all()
    if not matches:
        raise NotFoundError(f"Unknown indicator {key!r}.")
    if len(matches) > 1:
        raise ValidationError(f"Indicator {key!r} exists for several periods; name the period.")
    return matches[0]


def task_in(session: Session, id_or_code: str, indicator_name_or_id: str | None = None) -> Task:
    """A task by id, or by its code within an indicator (codes are unique per indicator)."""
    key = id_or_code.strip()
    if is_record_id(key):
        found = session.get(Task, key)
        if found is not None:
            return found
    if indicator_name_or_id is None:
        raise NotFoundError(f"Unknown task {key!r}; give its id, or its code and the indicator.")
    parent = indicator(session, indicator_name_or_id)
    found = session.scalar(select(Task).where(Task.indicator_id == parent.id, Task.code == key))
    if found is None:
        raise NotFoundError(f"Indicator {parent.name} has no task {key!r}.")
    return found
