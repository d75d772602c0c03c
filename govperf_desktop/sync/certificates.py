"""Node certificates, enrolment requests and revocations: small signed JSON documents.

Each document is a `body` (a JSON object serialised canonically: sorted keys, no spaces,
UTF-8) and an Ed25519 `signature` (base64) over exactly those bytes. The body names its own
type, so a signature on one kind of document can never pass for another. Certificates and
revocations are signed by the organisation's root key; an enrolment request by the
requesting installation's own key (proof that it holds the key it asks to have certified).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.sync.keys import signature_valid

CERTIFICATE_TYPE = "govperf-node-certificate/1"
REQUEST_TYPE = "govperf-enrolment-request/1"
REVOCATION_TYPE = "govperf-revocation/1"


def canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def iso(moment: datetime) -> str:
    """An aware or naive-UTC moment as 'YYYY-MM-DDTHH:MM:SSZ'."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> datetime:
    """Naive UTC from 'YYYY-MM-DDTHH:MM:SSZ'."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Signed:
    body: dict[str, Any]
    signature: str

    def as_json(self) -> dict[str, Any]:
        return {"body": self.body, "signature": self.signature}

    @property
    def body_text(self) -> str:
        return canonical(self.body).decode()

    @classmethod
    def from_json(cls, data: Any, what: str) -> Signed:
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("body"), dict)
            or not isinstance(data.get("signature"), str)
        ):
            raise ValidationError(f"The {what} is not a signed govperf document.")
        return cls(data["body"], data["signature"])


@dataclass(frozen=True)
class Certificate:
    serial: str
    node_id: str
    node_name: str
    role: str
    department_id: str | None
    department_name: str | None
    signing_key: str
    encryption_key: str
    not_before: datetime  # naive UTC
    not_after: datetime
    signed: Signed


def certificate_body(
    *,
    serial: str,
    node_id: str,
    node_name: str,
    role: str,
    department_id: str | None,
    department_name: str | None,
    signing_key: str,
    encryption_key: str,
    not_before: datetime,
    not_after: datetime,
    root_key: str,
) -> dict[str, Any]:
    return {
        "type": CERTIFICATE_TYPE,
        "serial": serial,
        "node_id": node_id,
        "node_name": node_name,
        "role": role,
        "department_id": department_id,
        "department_name": department_name,
        "signing_key": signing_key,
        "encryption_key": encryption_key,
        "not_before": iso(not_before),
        "not_after": iso(not_after),
        "issuer_key": root_key,
    }


def read_certificate(signed: Signed, root_key: str) -> Certificate:
    """The certificate in `signed` after checking the root's signature on it."""
    body = signed.body
    if body.get("type") != CERTIFICATE_TYPE:
        raise ValidationError("The document is not a govperf node certificate.")
    if body.get("issuer_key") != root_key or not signature_valid(
        root_key, canonical(body), signed.signature
    ):
        raise ValidationError(
            f"The certificate of installation {body.get('node_name')!r} is not signed by this "
            "organisation's root key."
        )
    try:
        return Certificate(
            serial=str(body["serial"]),
            node_id=str(body["node_id"]),
            node_name=str(body["node_name"]),
            role=str(body["role"]),
            department_id=body.get("department_id"),
            department_name=body.get("department_name"),
            signing_key=str(body["signing_key"]),
            encryption_key=str(body["encryption_key"]),
            not_before=parse_iso(body["not_before"]),
            not_after=parse_iso(body["not_after"]),
            signed=signed,
        )
    except (KeyError, ValueError, TypeError):
        raise ValidationError("The node certificate is incomplete.") from None


def check_valid_at(certificate: Certificate, moment: datetime) -> None:
    """Refuse a certificate outside its validity at `moment` (naive UTC)."""
    if moment > certificate.not_after:
        raise ValidationError(
            f"The certificate of installation {certificate.node_name} expired on "
            f"{certificate.not_after:%Y-%m-%d %H:%M} UTC; the central office must issue a new one."
        )
    if moment < certificate.not_before:
        raise ValidationError(
            f"The certificate of installation {certificate.node_name} is not valid before "
            f"{certificate.not_before:%Y-%m-%d %H:%M} UTC."
        )


@dataclass(frozen=True)
class RevocationNotice:
    node_id: str
    revoked_at: datetime  # naive UTC
    reason: str
    signed: Signed


def revocation_body(
    *, node_id: str, revoked_at: datetime, reason: str, root_key: str
) -> dict[str, Any]:
    return {
        "type": REVOCATION_TYPE,
        "node_id": node_id,
        "revoked_at": iso(revoked_at),
        "reason": reason,
        "issuer_key": root_key,
    }


def read_revocation(signed: Signed, root_key: str) -> RevocationNotice:
    body = signed.body
    if (
        body.get("type") != REVOCATION_TYPE
        or body.get("issuer_key") != root_key
        or not signature_valid(root_key, canonical(body), signed.signature)
    ):
        raise ValidationError("A revocation is not signed by this organisation's root key.")
    return RevocationNotice(
        str(body["node_id"]), parse_iso(body["revoked_at"]), str(body["reason"]), signed
    )


def request_body(
    *,
    node_id: str,
    node_name: str,
    role: str,
    department: str | None,
    signing_key: str,
    encryption_key: str,
    created_at: datetime,
) -> dict[str, Any]:
    return {
        "type": REQUEST_TYPE,
        "node_id": node_id,
        "node_name": node_name,
        "role": role,
        "department": department,
        "signing_key": signing_key,
        "encryption_key": encryption_key,
        "created_at": iso(created_at),
    }


def read_request(signed: Signed) -> dict[str, Any]:
    """The request's body after checking it is signed by the key it asks to certify."""
    body = signed.body
    if body.get("type") != REQUEST_TYPE:
        raise ValidationError("The file is not a govperf enrolment request.")
    key = body.get("signing_key")
    if not isinstance(key, str) or not signature_valid(key, canonical(body), signed.signature):
        raise ValidationError(
            "The enrolment request is not signed by the key it names; it was altered or "
            "damaged on the way. Ask the installation for a new request."
        )
    for field in ("node_id", "node_name", "role", "encryption_key"):
        if not isinstance(body.get(field), str) or not body[field].strip():
            raise ValidationError(f"The enrolment request has no {field.replace('_', ' ')}.")
    return body
