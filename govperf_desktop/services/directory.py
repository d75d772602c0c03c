"""The organisation as lists to choose from: departments, people, and names to @mention.

Read-only helpers for pickers (who is acting, filters by department) and for completing an
@mention while a comment is typed. Each is one query with a limit: a province has about
300 departments and 5,000 people, so nothing here loads a big table.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.services.org import DepartmentView
from govperf_desktop.store.models import Department, Person, PersonRole
from govperf_desktop.store.store import Store

DEFAULT_PEOPLE_LIMIT = 10_000
DEFAULT_CANDIDATE_LIMIT = 20


@dataclass(frozen=True)
class PersonEntry:
    id: str
    name: str
    department_id: str
    department: str
    title: str | None
    roles: tuple[str, ...]

    @property
    def label(self) -> str:
        """How a person is named unambiguously: 'NAME@DEPARTMENT'."""
        return f"{self.name}@{self.department}"


@dataclass(frozen=True)
class MentionCandidate:
    """A name that may follow '@' in a comment."""

    kind: str  # 'department' | 'person'
    name: str
    department: str  # the department itself, or the person's department
    text: str  # what to insert after '@': '卫健委', '魏红', or '张伟@财政局' if names repeat


def list_departments(store: Store) -> list[DepartmentView]:
    """Every department, by name."""
    with store.read() as session:
        rows = session.execute(select(Department.id, Department.name).order_by(Department.name))
        return [DepartmentView(department_id, name) for department_id, name in rows]


def list_people(
    store: Store,
    *,
    department: str | None = None,
    active_only: bool = True,
    limit: int = DEFAULT_PEOPLE_LIMIT,
) -> list[PersonEntry]:
    """People by department then name, with their roles; at most `limit`."""
    if limit < 1:
        raise ValidationError("The list needs a limit of at least 1.")
    with store.read() as session:
        query = select(Person, Department.name).join(
            Department, Department.id == Person.department_id
        )
        if department:
            query = query.where(Department.name == department.strip())
        if active_only:
            query = query.where(Person.active.is_(True))
        rows = session.execute(query.order_by(Department.name, Person.name).limit(limit)).all()
        ids = [person.id for person, _ in rows]
        roles: dict[str, list[str]] = {}
        for start in range(0, len(ids), 500):
            for person_id, role in session.execute(
                select(PersonRole.person_id, PersonRole.role)
                .where(PersonRole.person_id.in_(ids[start : start + 500]))
                .order_by(PersonRole.role)
            ):
                roles.setdefault(person_id, []).append(role)
    return [
        PersonEntry(
            person.id,
            person.name,
            person.department_id,
            department_name,
            person.title,
            tuple(roles.get(person.id, ())),
        )
        for person, department_name in rows
    ]


def mention_candidates(
    store: Store, prefix: str, *, limit: int = DEFAULT_CANDIDATE_LIMIT
) -> list[MentionCandidate]:
    """Departments, then people, whose name starts with `prefix` (all when it is empty).

    A person whose name is shared with another person (or with a department) is offered as
    'NAME@DEPARTMENT', the form the comment service resolves without ambiguity.
    """
    if limit < 1:
        raise ValidationError("The list needs a limit of at least 1.")
    start = prefix.strip().lstrip("@＠")
    pattern = start.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    with store.read() as session:
        departments = list(
            session.scalars(
                select(Department.name)
                .where(Department.name.like(pattern, escape="\\"))
                .order_by(Department.name)
                .limit(limit)
            )
        )
        people = session.execute(
            select(Person.name, Department.name)
            .join(Department, Department.id == Person.department_id)
            .where(Person.name.like(pattern, escape="\\"), Person.active.is_(True))
            .order_by(Person.name, Department.name)
            .limit(limit)
        ).all()
        names = sorted({name for name, _ in people})
        shared = set(
            session.scalars(
                select(Person.name)
                .where(Person.name.in_(names))
                .group_by(Person.name)
                .having(func.count() > 1)
            )
        ) | set(session.scalars(select(Department.name).where(Department.name.in_(names))))
    found = [MentionCandidate("department", name, name, name) for name in departments]
    found += [
        MentionCandidate("person", name, home, f"{name}@{home}" if name in shared else name)
        for name, home in people
    ]
    return found[:limit]
