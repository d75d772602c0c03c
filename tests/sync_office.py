"""A simulated office for the sync tests: one central office and department installations,
each a real store in its own folder, enrolled with real keys, exchanging bundle files."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from govperf_desktop.services.admin import init_installation
from govperf_desktop.services.enrolment import (
    accept_certificate,
    init_root,
    request_enrolment,
    sign_request,
)
from govperf_desktop.services.indicators import IndicatorDraft, TaskDraft, create_indicator
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.services.sync import export_bundles, import_bundles
from govperf_desktop.services.sync_status import content_hash
from govperf_desktop.store.store import Store, open_store

PASS = "correct horse battery"
T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
DEPARTMENTS = ("民政局", "公安局", "住建局")
CLERKS = {"民政局": "朱丽华", "公安局": "董明", "住建局": "贾蓉"}
CODES = {"民政局": "MZ-1", "公安局": "GA-1", "住建局": "ZJ-1"}
INDICATOR = "老旧小区改造项目推进率"


@dataclass
class Site:
    name: str
    folder: Path
    store: Store
    node_id: str
    department: str | None = None


@dataclass
class Office:
    root: Path
    central: Site
    departments: dict[str, Site] = field(default_factory=dict)
    task_ids: dict[str, str] = field(default_factory=dict)
    clock: datetime = T0

    def tick(self, minutes: int = 1) -> datetime:
        self.clock += timedelta(minutes=minutes)
        return self.clock

    def sites(self) -> list[Site]:
        return [self.central, *self.departments.values()]

    def close(self) -> None:
        for site in self.sites():
            site.store.close()

    def send(self, site: Site, to: Site | None = None, *, folder: Path | None = None) -> list[Path]:
        out = folder or self.root / "wire"
        views = export_bundles(
            site.store,
            out,
            passphrase=PASS,
            now=self.tick(),
            for_node=to.node_id if to else None,
        )
        return [Path(view.path) for view in views]

    def receive(self, site: Site, paths: list[Path]) -> list:
        return import_bundles(site.store, paths, now=self.tick(), passphrase=PASS)

    def round_trip(self) -> None:
        """Everyone to the centre, the centre to everyone: enough for full convergence."""
        for site in self.departments.values():
            self.receive(self.central, self.send(site))
        for site in self.departments.values():
            self.receive(site, self.send(self.central, site))

    def hashes(self) -> set[str]:
        return {content_hash(site.store) for site in self.sites()}


def _site(
    folder: Path,
    name: str,
    role: str,
    department: str | None,
    now: datetime,
    url: str | None = None,
) -> Site:
    init_installation(folder, node_name=name, role=role, department=department, now=now, url=url)
    store = open_sited(folder, url, clock=lambda: office_clock[0])
    from govperf_desktop.services.admin import local_node

    return Site(name, folder, store, local_node(store).id, department)  # type: ignore[union-attr]


office_clock = [T0]


def open_sited(folder: Path, url: str | None, **options) -> Store:  # type: ignore[no-untyped-def]
    """open_store, knowing the installation's folder also for a PostgreSQL store (`url`)."""
    store = open_store(folder, url=url, **options)
    if url is not None:
        store.folder = folder  # type: ignore[attr-defined]
    return store


def build_office(
    root: Path,
    departments: tuple[str, ...] = DEPARTMENTS,
    valid_days: int = 365,
    central_url: str | None = None,
) -> Office:
    """The centre with departments, people and one indicator with a task per department;
    each department's installation enrolled and holding the centre's data. `central_url`:
    the centre's store is that (empty) PostgreSQL database instead of an SQLite file."""
    root.mkdir(parents=True, exist_ok=True)
    central = _site(root / "central", "考核办", "central", None, T0, central_url)
    office = Office(root, central)
    store = central.store
    init_root(store, passphrase=PASS, now=T0)
    for name in departments:
        add_department(store, name, now=T0)
        add_person(store, department=name, name=CLERKS[name], roles=("head", "clerk"), now=T0)
    add_department(store, "考核办", now=T0)
    add_person(store, department="考核办", name="周文博", roles=("head", "central"), now=T0)
    view = create_indicator(
        store,
        IndicatorDraft(
            name=INDICATOR,
            lead_department=departments[0],
            target="100%",
            period="2026-11",
            period_start=date(2026, 11, 1),
            period_end=date(2026, 11, 30),
            cooperating=tuple(departments[1:]),
            tasks=tuple(
                TaskDraft(CODES[d], d, f"{d}的改造任务", deadline=date(2026, 11, 25))
                for d in departments
            ),
        ),
        now=T0,
        actor="周文博",
    )
    from sqlalchemy import select

    from govperf_desktop.store.models import Task

    with store.read() as session:
        office.task_ids = {
            code: task_id
            for code, task_id in session.execute(
                select(Task.code, Task.id).where(Task.indicator_id == view.id)
            )
        }
    requests = root / "requests"
    for name in departments:
        site = _site(root / f"dept-{name}", f"{name}办公室", "department", name, T0)
        request = request_enrolment(site.store, requests, passphrase=PASS, now=T0)
        certificate = sign_request(
            store, request, requests, passphrase=PASS, now=T0, valid_days=valid_days
        )
        accept_certificate(site.store, Path(certificate.file), passphrase=PASS, now=T0)  # type: ignore[arg-type]
        office.departments[name] = site
    for site in office.departments.values():
        office.receive(site, office.send(central, site))
    shutil.rmtree(root / "wire", ignore_errors=True)
    return office


def close_and_copy(office: Office, target: Path) -> Office:
    """A copy of a (closed) office in `target`, with its stores open: a fresh replica set."""
    shutil.copytree(office.root, target)
    copy = Office(target, office.central, task_ids=dict(office.task_ids), clock=office.clock)
    copy.central = _reopen(office.central, copy)
    copy.departments = {name: _reopen(site, copy) for name, site in office.departments.items()}
    return copy


def _reopen(site: Site, office: Office) -> Site:
    folder = office.root / site.folder.name
    store = open_store(folder, clock=lambda: office.clock)
    return Site(site.name, folder, store, site.node_id, site.department)


def snapshot(store: Store) -> tuple:
    """Row counts of every table and the content hash: what a refused import must not change."""
    from govperf_desktop.services.admin import store_info

    counts = store_info(store).counts
    with store.engine.connect() as connection:
        local = {
            table: connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
            for table in (
                "sync_peers",
                "sync_pending_ops",
                "sync_conflicts",
                "sync_log",
                "settings",
            )
        }
    return counts, local, content_hash(store)


def add_central_task(office: Office) -> str:
    """A task the centre adds to MZ-1's indicator (nothing points at it there, so it may be
    deleted later); returns its id."""
    from govperf_desktop.store.ids import new_id
    from govperf_desktop.store.models import Task

    task_id = new_id()
    with office.central.store.write() as session:
        template = session.get(Task, office.task_ids["MZ-1"])
        session.add(
            Task(
                id=task_id,
                indicator_id=template.indicator_id,
                code="MZ-2",
                department_id=template.department_id,
                content="补充任务",
                deadline=date(2026, 11, 28),
                status="pending",
                created_at=office.tick().replace(tzinfo=None),
            )
        )
    return task_id


def forge_police_entry(office: Office, site: Site) -> None:
    """Write, at `site`, a timesheet entry of 公安局's clerk on GA-1 past the services, as a
    tampered program would (the centre must refuse it: another department's entry)."""
    from sqlalchemy import select

    from govperf_desktop.store.ids import new_id
    from govperf_desktop.store.models import Department, Person, TimesheetEntry

    with site.store.read() as session:
        police = session.scalar(select(Department).where(Department.name == "公安局"))
        officer = session.scalar(select(Person).where(Person.name == CLERKS["公安局"]))
    with site.store.write() as session:
        session.add(
            TimesheetEntry(
                id=new_id(),
                person_id=officer.id,
                department_id=police.id,
                task_id=office.task_ids["GA-1"],
                work_date=date(2026, 11, 3),
                hours=8,
                overtime=0,
                created_at=office.clock.replace(tzinfo=None),
            )
        )
