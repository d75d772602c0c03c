"""The demonstration data obeys the role policy: every act it records was done by a person
whose roles allow it (domain/permissions.py), in the department the act is for."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from govperf_desktop.domain.permissions import Action, Actor, permitted
from govperf_desktop.services.admin import init_installation
from govperf_desktop.services.demo.scale import build_scale_demo
from govperf_desktop.services.demo.seed import build_seed_demo
from govperf_desktop.store.store import Store, open_store

TODAY = date(2026, 5, 1)

# (action, SQL giving distinct (person id, department the act is for, what was done)).
ACTS: tuple[tuple[Action, str], ...] = (
    (
        Action.TASK_STEP,
        """SELECT DISTINCT e.person_id, t.department_id, 'task step ' || e.kind
           FROM task_events e JOIN tasks t ON t.id = e.task_id
           WHERE e.person_id IS NOT NULL AND e.kind IN ('started', 'submitted', 'completed')""",
    ),
    (
        Action.TASK_STEP,
        """SELECT DISTINCT e.person_id, i.lead_department_id, 'task step ' || e.kind
           FROM task_events e JOIN tasks t ON t.id = e.task_id
           JOIN indicators i ON i.id = t.indicator_id
           WHERE e.person_id IS NOT NULL AND e.kind IN ('accepted', 'returned')""",
    ),
    (
        Action.START_INDICATOR,
        """SELECT DISTINCT e.person_id, i.lead_department_id, 'notified a task'
           FROM task_events e JOIN tasks t ON t.id = e.task_id
           JOIN indicators i ON i.id = t.indicator_id
           WHERE e.person_id IS NOT NULL AND e.kind = 'notified'""",
    ),
    (
        Action.TASK_STEP,
        """SELECT DISTINCT s.submitted_by, t.department_id, 'submitted an output'
           FROM submissions s JOIN tasks t ON t.id = s.task_id""",
    ),
    (
        Action.COMMENT,
        "SELECT DISTINCT author_id, department_id, 'commented' FROM comments",
    ),
    (
        Action.RECORD_SUPPORT,
        """SELECT DISTINCT recorded_by, from_department_id, 'recorded support'
           FROM support_records""",
    ),
    (
        Action.RECORD_SUPPORT,
        """SELECT DISTINCT confirmed_by, to_department_id, 'confirmed support'
           FROM support_records WHERE confirmed_by IS NOT NULL""",
    ),
    (
        Action.ACKNOWLEDGE_WARNINGS,
        """SELECT DISTINCT a.person_id, t.department_id, 'acknowledged an alert'
           FROM alert_acknowledgements a JOIN tasks t ON t.id = a.task_id""",
    ),
    (
        Action.APPROVE_TIMESHEET_PERIODS,
        """SELECT DISTINCT p.approved_by, w.department_id, 'approved a timesheet'
           FROM timesheet_periods p JOIN people w ON w.id = p.person_id
           WHERE p.approved_by IS NOT NULL""",
    ),
    (
        Action.RECORD_HOURS,
        "SELECT DISTINCT person_id, department_id, 'recorded hours' FROM timesheet_entries",
    ),
    (
        Action.DEFINE_RULES,
        "SELECT DISTINCT created_by, NULL, 'saved a scoring configuration' FROM scoring_configs",
    ),
)


def _rows(store: Store, sql: str) -> list[tuple]:
    with store.read() as session:
        return [tuple(row) for row in session.execute(text(sql))]


def _actors(store: Store) -> dict[str, Actor]:
    roles: dict[str, set[str]] = {}
    for person_id, role in _rows(store, "SELECT person_id, role FROM person_roles"):
        roles.setdefault(person_id, set()).add(role)
    return {
        person_id: Actor(name, department_id, department, frozenset(roles.get(person_id, ())))
        for person_id, name, department_id, department in _rows(
            store,
            "SELECT p.id, p.name, p.department_id, d.name FROM people p "
            "JOIN departments d ON d.id = p.department_id",
        )
    }


def violations(store: Store) -> list[str]:
    """Every recorded act whose person's roles do not allow it, as a readable line."""
    actors = _actors(store)
    found = []
    for action, sql in ACTS:
        for person_id, department_id, what in _rows(store, sql):
            actor = actors[person_id]
            if not permitted(actor, action, department_id=department_id):
                found.append(f"{actor.name} ({sorted(actor.roles)}, {actor.department}) {what}")
    self_approved = _rows(
        store, "SELECT person_id FROM timesheet_periods WHERE approved_by = person_id"
    )
    found += [
        f"{actors[person_id].name} approved their own timesheet" for (person_id,) in self_approved
    ]
    return sorted(set(found))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    directory = tmp_path_factory.mktemp("seed") / "store"
    init_installation(directory, node_name="考核办(演示)", role="central")
    store = open_store(directory)
    build_seed_demo(store, today=TODAY)
    yield store
    store.close()


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(Path(tmp_path_factory.mktemp("scale")), create=True)
    build_scale_demo(store, departments=3, seed=1, today=TODAY)
    yield store
    store.close()


def test_the_seed_demo_acts_only_as_people_allowed_to(seeded: Store) -> None:
    assert violations(seeded) == []


def test_the_scale_demo_acts_only_as_people_allowed_to(province: Store) -> None:
    assert violations(province) == []
