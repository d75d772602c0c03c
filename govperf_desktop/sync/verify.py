"""Pass one of an import: everything that can be checked without the store's data.

Format and limits, the certificate chain to the pinned root, validity and revocation, the
sender's signature on the header, the recipient, then every op streamed from the payload:
its shape (known table, known columns, safe attachment names), its hash, the hash chain of
its origin's run, and at the end the origin's signature on each run and the payload hash.
Nothing is written. Authorisation against the store's records and chain continuity with
what the store holds are pass two (`sync.apply`), inside the one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from govperf_desktop.domain.hlc import Hlc
from govperf_desktop.domain.ophash import run_message
from govperf_desktop.sync.bundle import (
    BundleError,
    BundleFile,
    Limits,
    check_signature,
    open_bundle,
    parse_objects,
    read_ops,
)
from govperf_desktop.sync.certificates import (
    Certificate,
    Signed,
    check_valid_at,
    read_certificate,
    read_revocation,
)
from govperf_desktop.sync.keys import signature_valid, spki_base64
from govperf_desktop.sync.oplog import Run, hash_of
from govperf_desktop.sync.schema import UNPARSED, check_op_shape
from govperf_desktop.sync.trust import Trust


@dataclass
class VerifiedBundle:
    file: BundleFile
    sender: Certificate
    runs: dict[str, Run]
    certificates: dict[str, Certificate]
    op_count: int
    revoked: dict[str, datetime] = field(default_factory=dict)

    @property
    def bundle_id(self) -> str:
        return str(self.file.header["bundle_id"])

    @property
    def acknowledged(self) -> dict[str, int]:
        return dict(self.file.header.get("acknowledged") or {})


def read_header(path: Path, limits: Limits) -> BundleFile:
    return open_bundle(path, limits)


def _certificates(header: dict[str, Any], trust: Trust) -> dict[str, Certificate]:
    found: dict[str, Certificate] = {}
    for data in header.get("certificates") or []:
        try:
            certificate = read_certificate(Signed.from_json(data, "certificate"), trust.root_key)  # type: ignore[arg-type]
        except Exception as error:
            raise BundleError(str(error)) from None
        known = found.get(certificate.node_id)
        if known is None or certificate.not_after > known.not_after:
            found[certificate.node_id] = certificate
    return found


def verify_header(bundle: BundleFile, trust: Trust, now: datetime) -> VerifiedBundle:
    header = bundle.header
    name = bundle.path.name
    trust.require()
    certificates = _certificates(header, trust)
    revoked = {node: notice.revoked_at for node, notice in trust.revocations.items()}
    for data in header.get("revocations") or []:
        try:
            notice = read_revocation(Signed.from_json(data, "revocation"), trust.root_key)  # type: ignore[arg-type]
        except Exception as error:
            raise BundleError(str(error)) from None
        revoked[notice.node_id] = min(
            notice.revoked_at, revoked.get(notice.node_id, notice.revoked_at)
        )
    sender = certificates.get(str(header.get("sender")))
    if sender is None:
        raise BundleError(f"{name} carries no certificate for its sender; it cannot be trusted.")
    check_signature(bundle, sender.signing_key)
    if header.get("sender_key_spki") not in (None, spki_base64(sender.signing_key)):
        raise BundleError(f"{name}: its sender key does not match the sender's certificate.")
    try:
        check_valid_at(sender, now)
    except Exception as error:
        raise BundleError(f"{name} refused: {error}") from None
    if sender.node_id in revoked and revoked[sender.node_id] <= now:
        raise BundleError(
            f"{name} comes from installation {sender.node_name}, whose certificate was revoked on "
            f"{revoked[sender.node_id]:%Y-%m-%d %H:%M} UTC."
        )
    recipient = header.get("recipient")
    if recipient != trust.local_node_id:
        target = certificates.get(str(recipient))
        label = target.node_name if target else recipient
        raise BundleError(
            f"{name} is addressed to installation {label}, not this one; give it to its recipient."
        )
    runs: dict[str, Run] = {}
    for data in header.get("runs") or []:
        try:
            run = Run(
                str(data["origin"]),
                int(data["first"]),
                int(data["last"]),
                str(data["prev_hash"]),
                str(data["last_hash"]),
                str(data["signature"]),
            )
        except (KeyError, TypeError, ValueError):
            raise BundleError(f"{name} has a malformed run in its header.") from None
        if run.origin in runs or not 1 <= run.first <= run.last:
            raise BundleError(f"{name} has a malformed run in its header.")
        origin = certificates.get(run.origin)
        if origin is None:
            raise BundleError(f"{name} carries ops of an installation without a certificate.")
        if not signature_valid(origin.signing_key, run_message(run.last_hash), run.signature):
            raise BundleError(
                f"{name}: the ops of installation {origin.node_name} are not signed by it."
            )
        runs[run.origin] = run
    return VerifiedBundle(bundle, sender, runs, certificates, 0, revoked)


def verify_payload(
    verified: VerifiedBundle,
    limits: Limits,
    decryption_key: X25519PrivateKey | None,
    progress: Callable[[int], None] | None = None,
    sink: Callable[[dict[str, Any]], None] | None = None,
) -> None:
    """Stream every op: shape, hash, chain within its run, validity of its origin. Each op
    that passes goes to `sink` (the import's staging), so the payload is parsed once."""
    name = verified.file.path.name
    expected = {origin: run.first for origin, run in verified.runs.items()}
    previous = {origin: run.prev_hash for origin, run in verified.runs.items()}
    # Clocks are fixed-width text, so "written after" is a text comparison with these.
    expiry = {origin: _latest_clock(verified.certificates[origin].not_after) for origin in expected}
    revocation = {
        origin: _latest_clock(verified.revoked[origin])
        for origin in expected
        if verified.revoked.get(origin) is not None
    }
    count = 0
    for op, after in _with_afters(read_ops(verified.file, limits, decryption_key)):
        count += 1
        origin = op.get("node")
        run = verified.runs.get(origin)  # type: ignore[arg-type]
        if run is None or op.get("seq") != expected[origin] or op.get("seq") > run.last:
            raise BundleError(f"{name}: op {count} is not part of the runs the header lists.")
        check_op_shape(op, name, after)
        if op["prev"] != previous[origin] or hash_of(op) != op["hash"]:
            raise BundleError(
                f"{name}: op {op['seq']} of installation {verified.certificates[origin].node_name} "
                "was altered (its hash chain is broken)."
            )
        clock = op["hlc"]
        if clock > expiry[origin]:
            certificate = verified.certificates[origin]
            raise BundleError(
                f"{name}: installation {certificate.node_name} wrote op {op['seq']} after its "
                f"certificate expired on {certificate.not_after:%Y-%m-%d}."
            )
        if origin in revocation and clock > revocation[origin]:
            certificate = verified.certificates[origin]
            raise BundleError(
                f"{name}: installation {certificate.node_name} wrote op {op['seq']} after its "
                f"certificate was revoked on {verified.revoked[origin]:%Y-%m-%d %H:%M} UTC."
            )
        previous[origin] = op["hash"]
        expected[origin] += 1
        if sink is not None:
            sink(op)
        if progress and count % 5000 == 0:
            progress(count)
    for origin, run in verified.runs.items():
        if expected[origin] != run.last + 1 or previous[origin] != run.last_hash:
            raise BundleError(
                f"{name} is missing ops of installation {verified.certificates[origin].node_name} "
                "that its header lists."
            )
    verified.op_count = count


def _with_afters(
    ops: Iterator[dict[str, Any]], size: int = 1000
) -> Iterator[tuple[dict[str, Any], Any]]:
    """Each op with its `after` text parsed, a batch of ops per `json.loads` where
    `bundle.parse_objects` proves that equal to parsing each text (else `UNPARSED`: the
    shape check parses, and refuses, that op's text itself)."""
    while batch := list(islice(ops, size)):
        afters = parse_objects([op.get("after") for op in batch])
        if afters is None:
            yield from ((op, UNPARSED) for op in batch)
        else:
            yield from zip(batch, afters, strict=True)


def verify_bundle(
    path: Path,
    trust: Trust,
    now: datetime,
    limits: Limits,
    decryption_key: X25519PrivateKey | None = None,
    progress: Callable[[int], None] | None = None,
    sink: Callable[[dict[str, Any]], None] | None = None,
) -> VerifiedBundle:
    verified = verify_header(open_bundle(path, limits), trust, now)
    verify_payload(verified, limits, decryption_key, progress, sink)
    return verified


_EPOCH = datetime(1970, 1, 1)


def _latest_clock(moment: datetime) -> str:
    """The greatest clock text whose wall time is not after `moment` (naive UTC)."""
    wall_ms = (moment.replace(tzinfo=None) - _EPOCH) // timedelta(milliseconds=1)
    return Hlc(wall_ms, 9999).encode()
