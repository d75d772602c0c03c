"""What this installation trusts: the pinned root key, its own certificate, known revocations.

Kept in `settings` (local bookkeeping); certificates and revocations issued by the central
office are also shared rows (`node_certificates`, `revocations`) that travel in bundles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.store.capture import LOCAL_NODE_KEY
from govperf_desktop.store.models import NodeCertificate, Revocation, Setting
from govperf_desktop.sync.certificates import (
    Certificate,
    RevocationNotice,
    Signed,
    read_certificate,
    read_revocation,
)

ROOT_KEY = "sync_root_public_key"
OWN_CERTIFICATE_KEY = "sync_node_certificate"
CENTRAL_CERTIFICATE_KEY = "sync_central_certificate"


@dataclass
class Trust:
    local_node_id: str
    root_key: str | None
    own: Certificate | None
    central: Certificate | None
    revocations: dict[str, RevocationNotice] = field(default_factory=dict)

    def require(self) -> None:
        if self.root_key is None or self.own is None:
            raise ValidationError(
                "This installation is not enrolled yet: the central office runs "
                "'govperf keys init-root'; a department accepts its certificate with "
                "'govperf enroll accept FILE'."
            )


def setting(session: Session, key: str) -> str | None:
    return session.scalar(select(Setting.value).where(Setting.key == key))


def put_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def load_trust(session: Session) -> Trust:
    local = setting(session, LOCAL_NODE_KEY)
    if local is None:
        raise ValidationError("This store has no installation identity yet; run 'govperf init'.")
    root = setting(session, ROOT_KEY)
    own = central = None
    if root is not None:
        own_text = setting(session, OWN_CERTIFICATE_KEY)
        central_text = setting(session, CENTRAL_CERTIFICATE_KEY)
        if own_text:
            own = read_certificate(Signed.from_json(json.loads(own_text), "certificate"), root)
        if central_text:
            central = read_certificate(
                Signed.from_json(json.loads(central_text), "certificate"), root
            )
    trust = Trust(local, root, own, central)
    if root is not None:
        for row in session.scalars(select(Revocation)):
            notice = read_revocation(Signed(json.loads(row.body), row.signature), root)
            trust.revocations[notice.node_id] = notice
    return trust


def stored_certificates(session: Session, node_ids: set[str]) -> list[Signed]:
    """The newest stored certificate of each of `node_ids` (to ship with their ops)."""
    found: dict[str, tuple] = {}
    for row in session.scalars(
        select(NodeCertificate).where(NodeCertificate.node_id.in_(node_ids))
    ):
        if row.node_id not in found or row.not_after > found[row.node_id][0]:
            found[row.node_id] = (row.not_after, Signed(json.loads(row.body), row.signature))
    return [signed for _, signed in found.values()]


def stored_revocations(session: Session) -> list[Signed]:
    return [
        Signed(json.loads(row.body), row.signature) for row in session.scalars(select(Revocation))
    ]
