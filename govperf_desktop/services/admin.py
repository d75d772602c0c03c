"""Installation-level actions: create a store, report what it holds, check and upgrade it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import ConflictError, ValidationError
from govperf_desktop.store import migrate
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import COUNTED_TABLES, NODE_ROLES, Department, Node, Setting
from govperf_desktop.store.store import Store, open_store, utc_now

LOCAL_NODE_KEY = "local_node_id"


@dataclass(frozen=True)
class NodeIdentity:
    id: str
    name: str
    role: str
    department: str | None


@dataclass(frozen=True)
class StoreInfo:
    path: str
    schema_revision: str | None
    head_revision: str
    node: NodeIdentity | None
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckReport:
    integrity: list[str]
    foreign_key_problems: list[str]
    schema_revision: str | None
    head_revision: str
    audit_problems: list[str] = field(default_factory=list)  # the audit log's hash chain
    audit_rows: int = 0

    @property
    def ok(self) -> bool:
        return (
            self.integrity == ["ok"]
            and not self.foreign_key_problems
            and self.schema_revision == self.head_revision
            and not self.audit_problems
        )


@dataclass(frozen=True)
class AdminSetup:
    """The administrator account the first run creates, with the person it belongs to."""

    account: str
    password: str = field(repr=False)
    # The administrator's own name: at the central office a person (role admin) is created
    # for it; elsewhere people come from the central office and the account is linked later.
    person: str | None = None
    department: str | None = None  # default: the installation's department, else its name


def init_installation(
    directory: Path,
    *,
    node_name: str,
    role: str = "department",
    department: str | None = None,
    now: datetime | None = None,
    admin: AdminSetup | None = None,
    url: str | None = None,
) -> NodeIdentity:
    """Create a store in `directory` for a new installation (node) and record its identity;
    with `admin`, also its administrator account (person, role admin, account). `url`: the
    store is that PostgreSQL database (a central office) instead of a file in `directory`."""
    node_name = node_name.strip()
    if not node_name:
        raise ValidationError("The installation needs a name (--node-name).")
    if role not in NODE_ROLES:
        raise ValidationError(f"Unknown role {role!r}; choose one of: {', '.join(NODE_ROLES)}.")
    if role == "department" and not (department and department.strip()):
        raise ValidationError("A department installation needs its department (--department).")
    moment = to_utc_naive(now or utc_now())
    if admin is not None:
        from govperf_desktop.services.accounts import check_new_password

        check_new_password(admin.password, admin.account)
        if not admin.account.strip():
            raise ValidationError("The administrator account needs a name.")
        if role == "central" and not (admin.person and admin.person.strip()):
            raise ValidationError("At the central office the administrator needs their name.")
    store = open_store(directory, create=True, url=url)
    try:
        with store.write() as session:
            if session.get(Setting, LOCAL_NODE_KEY) is not None:
                where = directory if url is None else describe_location(store)
                raise ConflictError(f"{where} already holds an installation's store.")
            # The identity comes first: every captured change is stamped with it.
            node_id = new_id()
            session.add(Setting(key=LOCAL_NODE_KEY, value=node_id))
            session.flush()
            department_id = None
            if department and department.strip():
                department_id = _ensure_department(session, department.strip(), moment)
            node = Node(
                id=node_id,
                name=node_name,
                role=role,
                department_id=department_id,
                created_at=moment,
            )
            session.add(node)
            identity = NodeIdentity(
                node.id, node.name, node.role, department and department.strip()
            )
        if admin is not None:
            _create_admin(store, admin, department or node_name, moment, central=role == "central")
        return identity
    finally:
        store.close()


def _create_admin(
    store: Store, admin: AdminSetup, department: str, moment: datetime, *, central: bool
) -> None:
    """The administrator account; at the central office also its person (role admin)."""
    from govperf_desktop.services import accounts, audit
    from govperf_desktop.store.models import Person, PersonRole

    home = (admin.department or department).strip()
    person_id = None
    with store.write() as session:
        if central and admin.person:
            person = Person(
                id=new_id(),
                department_id=_ensure_department(session, home, moment),
                name=admin.person.strip(),
                title=None,
                active=True,
                created_at=moment,
            )
            session.add(person)
            session.flush()
            session.add(PersonRole(person_id=person.id, role="admin"))
            person_id = person.id
        audit.record(
            session,
            "installation_created",
            now=moment,
            account=admin.account.strip(),
            detail={"node": _node_name(session)},
        )
    accounts.add_account(
        store,
        name=admin.account,
        person=person_id,
        password=admin.password,
        by=None,
        now=moment,
        duty="admin",
    )


def _node_name(session) -> str | None:  # type: ignore[no-untyped-def]
    node_id = session.scalar(select(Setting.value).where(Setting.key == LOCAL_NODE_KEY))
    return session.scalar(select(Node.name).where(Node.id == node_id)) if node_id else None


def _ensure_department(session, name: str, moment: datetime) -> str:  # type: ignore[no-untyped-def]
    existing = session.scalar(select(Department.id).where(Department.name == name))
    if existing:
        return existing
    department = Department(id=new_id(), name=name, created_at=moment)
    session.add(department)
    session.flush()
    return department.id


def open_installation(directory: Path, url: str | None = None) -> Store:
    """Open (and upgrade if needed) this installation's store: the handle every service takes.
    `url`: a PostgreSQL database instead of the SQLite file in `directory`.

    The UI holds it without looking inside; it may not import `store/` itself.
    """
    return open_store(directory, url=url)


def describe_location(store: Store) -> str:
    """Where the store lives, for people: its file, or its database URL without a password."""
    if store.path is not None:
        return str(store.path)
    return store.engine.url.render_as_string(hide_password=True)


def local_node(store: Store) -> NodeIdentity | None:
    with store.read() as session:
        node_id = session.scalar(select(Setting.value).where(Setting.key == LOCAL_NODE_KEY))
        if node_id is None:
            return None
        row = session.execute(
            select(Node.id, Node.name, Node.role, Department.name)
            .outerjoin(Department, Department.id == Node.department_id)
            .where(Node.id == node_id)
        ).one_or_none()
    return NodeIdentity(*row) if row else None


def store_info(store: Store) -> StoreInfo:
    """Counts of every record kind, the schema revision and this installation's identity."""
    with store.read() as session:
        counts = {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in COUNTED_TABLES
        }
    return StoreInfo(
        path=describe_location(store),
        schema_revision=migrate.current_revision(store.engine),
        head_revision=migrate.head_revision(),
        node=local_node(store),
        counts=counts,
    )


def check_store(store: Store) -> CheckReport:
    """`PRAGMA integrity_check`, `foreign_key_check` and the schema revision. PostgreSQL
    checks its pages and enforces references itself at every commit: both are 'ok' there."""
    if store.engine.dialect.name != "sqlite":
        integrity, broken = ["ok"], []
    else:
        integrity, broken = _sqlite_checks(store)
    revision = migrate.current_revision(store.engine)
    chain = None
    if revision == migrate.head_revision():
        from govperf_desktop.services.audit import verify

        chain = verify(store)
    return CheckReport(
        integrity=integrity,
        foreign_key_problems=broken,
        schema_revision=revision,
        head_revision=migrate.head_revision(),
        audit_problems=chain.problems if chain else [],
        audit_rows=chain.rows if chain else 0,
    )


def _sqlite_checks(store: Store) -> tuple[list[str], list[str]]:
    with store.engine.connect() as connection:
        integrity = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
        broken = [
            f"{table} row {rowid} → {parent}"
            for table, rowid, parent, _ in connection.exec_driver_sql("PRAGMA foreign_key_check")
        ]
    return integrity, broken
