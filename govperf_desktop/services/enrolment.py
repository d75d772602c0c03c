"""Enrolment (节点证书): the root key, certificate requests, signing, accepting, revoking.

    central:     govperf keys init-root                 root key + its own certificate
    department:  govperf enroll request --out FILE      new keys + a signed request file
    central:     govperf enroll sign FILE --out DIR     a certificate file for that node
    department:  govperf enroll accept FILE             pins the root, stores the certificate

Everything travels as files. Certificates and revocations are also shared rows written by the
central office, so they reach every installation in bundles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, select

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from govperf_desktop.domain.permissions import Action
from govperf_desktop.services import audit, roles
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import Change, Department, Node, NodeCertificate, Revocation
from govperf_desktop.store.store import Store
from govperf_desktop.sync import keys as keyring
from govperf_desktop.sync.certificates import (
    Certificate,
    Signed,
    canonical,
    certificate_body,
    check_valid_at,
    read_certificate,
    read_request,
    request_body,
    revocation_body,
)
from govperf_desktop.sync.transport import write_bytes_atomic
from govperf_desktop.sync.trust import (
    CENTRAL_CERTIFICATE_KEY,
    OWN_CERTIFICATE_KEY,
    ROOT_KEY,
    load_trust,
    put_setting,
)

RESPONSE_TYPE = "govperf-enrolment-response/1"
DEFAULT_VALID_DAYS = 365
ROOT_VALID_DAYS = 3650


@dataclass(frozen=True)
class CertificateView:
    node_id: str
    node_name: str
    role: str
    department: str | None
    not_before: datetime
    not_after: datetime
    root_fingerprint: str
    file: str | None = None


def _view(certificate: Certificate, root_key: str, file: Path | None = None) -> CertificateView:
    return CertificateView(
        certificate.node_id,
        certificate.node_name,
        certificate.role,
        certificate.department_name,
        certificate.not_before,
        certificate.not_after,
        keyring.fingerprint(root_key),
        str(file) if file else None,
    )


def _data_dir(store: Store) -> Path:
    from govperf_desktop.services.sync import store_folder

    return store_folder(store)  # the SQLite file's folder, or a server store's data folder


def _issue(
    session,  # type: ignore[no-untyped-def]
    root: object,
    root_key: str,
    *,
    node: Node,
    department_name: str | None,
    encryption_key: str,
    moment: datetime,
    days: int,
) -> Signed:
    body = certificate_body(
        serial=new_id(),
        node_id=node.id,
        node_name=node.name,
        role=node.role,
        department_id=node.department_id,
        department_name=department_name,
        signing_key=node.public_key or "",
        encryption_key=encryption_key,
        not_before=moment,
        not_after=moment + timedelta(days=days),
        root_key=root_key,
    )
    signed = Signed(body, keyring.sign(root, canonical(body)))  # type: ignore[arg-type]
    session.add(
        NodeCertificate(
            id=body["serial"],
            node_id=node.id,
            role=node.role,
            department_id=node.department_id,
            public_key=node.public_key,
            not_before=moment,
            not_after=moment + timedelta(days=days),
            body=signed.body_text,
            signature=signed.signature,
        )
    )
    return signed


def init_root(
    store: Store, *, passphrase: str, now: datetime, actor: str | None = None
) -> CertificateView:
    """At the central office: create the organisation's root key and this node's keys and
    certificate. Refused anywhere else, and when a root already exists."""
    data_dir = _data_dir(store)
    moment = to_utc_naive(now)
    actor_id = _actor_id(store, actor)
    with store.read() as session:
        trust = load_trust(session)
        node = session.get(Node, trust.local_node_id)
        if node is None or node.role != "central":
            raise ValidationError(
                "Only the central office's installation creates the organisation's root key."
            )
        if trust.root_key is not None:
            raise ConflictError("This installation already holds the organisation's root key.")
    root = keyring.create_root_key(data_dir, passphrase)
    node_keys = keyring.create_node_keys(data_dir, passphrase)
    root_key = keyring.public_hex(root.public_key())
    with store.write(actor_id=actor_id) as session:
        node = session.get(Node, trust.local_node_id)
        node.public_key = node_keys.signing_public
        signed = _issue(
            session,
            root,
            root_key,
            node=node,
            department_name=None,
            encryption_key=node_keys.encryption_public,
            moment=moment,
            days=ROOT_VALID_DAYS,
        )
        put_setting(session, ROOT_KEY, root_key)
        put_setting(session, OWN_CERTIFICATE_KEY, json.dumps(signed.as_json()))
        put_setting(session, CENTRAL_CERTIFICATE_KEY, json.dumps(signed.as_json()))
        audit.record(session, "key_used", now=moment, detail={"key": "root", "use": "created"})
    return _view(read_certificate(signed, root_key), root_key)


def _target(out: Path, default_name: str) -> tuple[Path, str]:
    """A '.json' path names the file; anything else is a folder to write `default_name` in."""
    if out.suffix.lower() == ".json" and not out.is_dir():
        return out.parent, out.name
    return out, default_name


def _actor_id(store: Store, actor: str | None) -> str | None:
    """The acting person, whose roles must allow managing node certificates (central, admin);
    None when no person is named (scripted set-up)."""
    if not actor:
        return None
    with store.read() as session:
        person = roles.acting(session, actor)
        return roles.require(session, person, Action.MANAGE_NODE_CERTIFICATES).id


def request_enrolment(store: Store, out: Path, *, passphrase: str, now: datetime) -> Path:
    """At a department or evaluator installation: create its keys and write a signed request
    file for the central office. Returns the file written."""
    data_dir = _data_dir(store)
    with store.read() as session:
        trust = load_trust(session)
        node = session.get(Node, trust.local_node_id)
        if node is None:
            raise NotFoundError("This installation's own record is missing; re-create the store.")
        if node.role == "central":
            raise ValidationError(
                "The central office does not enrol; it creates the root key with "
                "'govperf keys init-root'."
            )
        department = session.get(Department, node.department_id) if node.department_id else None
        name, role = node.name, node.role
    key_file = keyring.keys_dir(data_dir) / keyring.SIGNING_KEY_FILE
    if key_file.exists():
        node_keys = keyring.load_node_keys(data_dir, passphrase)
    else:
        node_keys = keyring.create_node_keys(data_dir, passphrase)
    body = request_body(
        node_id=trust.local_node_id,
        node_name=name,
        role=role,
        department=department.name if department else None,
        signing_key=node_keys.signing_public,
        encryption_key=node_keys.encryption_public,
        created_at=to_utc_naive(now),
    )
    signed = Signed(body, keyring.sign(node_keys.signing, canonical(body)))
    folder, name_out = _target(out, f"enrol-{trust.local_node_id}.json")
    data = json.dumps(signed.as_json(), ensure_ascii=False, indent=1).encode()
    return write_bytes_atomic(folder, name_out, data)


def sign_request(
    store: Store,
    request: Path,
    out: Path,
    *,
    passphrase: str,
    now: datetime,
    valid_days: int = DEFAULT_VALID_DAYS,
    actor: str | None = None,
) -> CertificateView:
    """At the central office: check a request, record the node and its certificate (shared
    rows, so they travel), and write the certificate file for the installation."""
    if valid_days < 1:
        raise ValidationError("A certificate must be valid for at least 1 day.")
    try:
        body = read_request(Signed.from_json(json.loads(request.read_bytes()), "request"))
    except (OSError, ValueError):
        raise ValidationError(f"{request} is not a readable enrolment request.") from None
    moment = to_utc_naive(now)
    actor_id = _actor_id(store, actor)
    data_dir = _data_dir(store)
    root = keyring.load_root_key(data_dir, passphrase)
    with store.write(actor_id=actor_id) as session:
        trust = load_trust(session)
        trust.require()
        if trust.own is None or trust.own.role != "central":
            raise ValidationError("Only the central office signs node certificates.")
        role = body["role"]
        department_id = department_name = None
        if role == "department":
            department_name = body.get("department")
            department_id = session.scalar(
                select(Department.id).where(Department.name == department_name)
            )
            if department_id is None:
                raise NotFoundError(
                    f"No department named {department_name!r} at the central office; add it "
                    "first, then sign the request again."
                )
        node = session.get(Node, body["node_id"])
        if node is None:
            clash = session.scalar(select(Node.id).where(Node.name == body["node_name"]))
            if clash:
                raise ConflictError(
                    f"Another installation is already named {body['node_name']!r}; rename this "
                    "one before it asks again."
                )
            node = Node(
                id=body["node_id"],
                name=body["node_name"],
                role=role,
                department_id=department_id,
                public_key=body["signing_key"],
                created_at=moment,
            )
            session.add(node)
        elif node.public_key not in (None, body["signing_key"]):
            raise ConflictError(
                f"Installation {node.name} is already enrolled with another key; revoke it "
                "first if its keys were lost."
            )
        session.flush()
        signed = _issue(
            session,
            root,
            trust.root_key,  # type: ignore[arg-type]
            node=node,
            department_name=department_name,
            encryption_key=body["encryption_key"],
            moment=moment,
            days=valid_days,
        )
        response = {
            "type": RESPONSE_TYPE,
            "root_key": trust.root_key,
            "certificate": signed.as_json(),
            "central_certificate": trust.own.signed.as_json(),
        }
        audit.record(
            session,
            "key_used",
            now=moment,
            detail={"key": "root", "use": "signed certificate", "node": body["node_id"]},
        )
    folder, name = _target(out, f"certificate-{body['node_id']}.json")
    path = write_bytes_atomic(
        folder, name, json.dumps(response, ensure_ascii=False, indent=1).encode()
    )
    return _view(read_certificate(signed, trust.root_key), trust.root_key, path)  # type: ignore[arg-type]


BOOTSTRAP_TABLES = ("nodes", "departments")


def accept_certificate(
    store: Store, response: Path, *, passphrase: str, now: datetime
) -> CertificateView:
    """At the installation: check the certificate file, pin the organisation's root key and
    keep the certificate. On a new installation the rows 'govperf init' made for itself (its
    node and department) are dropped: the central office's records of them arrive in the
    first bundle, with the ids every replica shares."""
    try:
        data = json.loads(response.read_bytes())
    except (OSError, ValueError):
        raise ValidationError(f"{response} is not a readable certificate file.") from None
    if not isinstance(data, dict) or data.get("type") != RESPONSE_TYPE:
        raise ValidationError(f"{response} is not a govperf certificate file.")
    root_key = str(data.get("root_key"))
    certificate = read_certificate(
        Signed.from_json(data.get("certificate"), "certificate"), root_key
    )
    central = read_certificate(
        Signed.from_json(data.get("central_certificate"), "certificate"), root_key
    )
    if central.role != "central":
        raise ValidationError("The certificate file does not come from the central office.")
    check_valid_at(certificate, to_utc_naive(now))
    node_keys = keyring.load_node_keys(_data_dir(store), passphrase)
    with store.write() as session:
        trust = load_trust(session)
        if trust.root_key not in (None, root_key):
            raise ValidationError(
                "This certificate is signed by another organisation's root key than the one "
                "this installation trusts."
            )
        if certificate.node_id != trust.local_node_id:
            raise ValidationError(
                f"This certificate is for installation {certificate.node_name}, not this one."
            )
        if certificate.signing_key != node_keys.signing_public:
            raise ValidationError(
                "This certificate is for other keys than this installation's; send a new request."
            )
        connection = session.connection()
        local = trust.local_node_id
        others = session.scalar(
            select(func.count())
            .select_from(Change)
            .where((Change.node_id != local) | Change.table_name.not_in(BOOTSTRAP_TABLES))
        )
        if not others:
            # A brand-new installation: forget its own bootstrap rows (not captured: nothing
            # of them has travelled yet). Core DML on purpose, outside the change capture.
            connection.execute(delete(Node).where(Node.id == local))
            department_ids = [
                record
                for (record,) in session.execute(
                    select(Change.record_id).where(
                        Change.node_id == local, Change.table_name == "departments"
                    )
                )
            ]
            connection.execute(delete(Department).where(Department.id.in_(department_ids)))
            connection.execute(delete(Change).where(Change.node_id == local))
        put_setting(session, ROOT_KEY, root_key)
        put_setting(session, OWN_CERTIFICATE_KEY, json.dumps(certificate.signed.as_json()))
        put_setting(session, CENTRAL_CERTIFICATE_KEY, json.dumps(central.signed.as_json()))
    return _view(certificate, root_key, response)


def revoke_node(
    store: Store,
    node: str,
    *,
    reason: str,
    passphrase: str,
    now: datetime,
    actor: str | None = None,
) -> str:
    """At the central office: revoke an installation (lost laptop, leaked key). The signed
    revocation travels in bundles; ops the node wrote after it are refused everywhere."""
    if not reason.strip():
        raise ValidationError("Say why the installation is revoked (--reason).")
    moment = to_utc_naive(now)
    root = keyring.load_root_key(_data_dir(store), passphrase)
    actor_id = _actor_id(store, actor)
    with store.write(actor_id=actor_id) as session:
        trust = load_trust(session)
        trust.require()
        row = session.get(Node, node) or session.scalar(select(Node).where(Node.name == node))
        if row is None:
            raise NotFoundError(f"No installation named {node!r}.")
        if row.id == trust.local_node_id:
            raise ValidationError("The central office cannot revoke its own installation.")
        body = revocation_body(
            node_id=row.id,
            revoked_at=moment,
            reason=reason.strip(),
            root_key=trust.root_key,  # type: ignore[arg-type]
        )
        signature = keyring.sign(root, canonical(body))
        session.add(
            Revocation(
                id=new_id(),
                node_id=row.id,
                revoked_at=moment,
                reason=reason.strip(),
                body=canonical(body).decode(),
                signature=signature,
            )
        )
        audit.record(
            session,
            "key_used",
            now=moment,
            detail={"key": "root", "use": "revoked installation", "node": row.id},
        )
        return row.name
