"""The bundle file: a signed header line, its signature, a compressed (optionally encrypted)
payload of ops. Written and read as streams, so a million ops never sit in memory.

    line 1   header: canonical JSON (sorted keys, no spaces, UTF-8), ending in "\\n"
    line 2   base64 Ed25519 signature of the sender over line 1 (with its "\\n"), then "\\n"
    rest     payload: `payload.length` bytes whose SHA-256 is `payload.sha256`

The payload is gzip (RFC 1952) over JSON lines, one op each. gzip rather than zstd: it is in
every Python's standard library (zstd is not before 3.14), it streams with a bounded output
per call (decompression-bomb checks while reading), and an auditor opens it with `gzip -dc`;
ops compress about 8:1 either way. See docs/bundle-format.md.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.sync import keys as keyring
from govperf_desktop.sync.transport import temp_path, write_atomic

FORMAT = "govperf-bundle"
VERSION = 1
SIGNATURE_ALG = "Ed25519"
HASH_ALG = "SHA-256"
COMPRESSION_ALG = "gzip"
OP_HASH_ALG = "govperf-op/1"
ENCRYPTION_ALG = "X25519-HKDF-SHA256-ChaCha20Poly1305-STREAM"
CHUNK = 64 * 1024
TAG = 16
_COPY = 1024 * 1024


class BundleError(ValidationError):
    """A bundle refused: damaged, forged, unauthorised or over a limit. One clear sentence."""


@dataclass(frozen=True)
class Limits:
    max_bundle_bytes: int = 8 * 1024**3
    max_header_bytes: int = 32 * 1024**2
    max_uncompressed_bytes: int = 64 * 1024**3
    max_ops: int = 50_000_000
    max_op_bytes: int = 16 * 1024**2


# One op line: compact JSON, non-ASCII as is (the encoder built once, not per op).
_ENCODE_OP = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _stream_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=b"govperf-bundle/1"
    ).derive(shared)


def _nonce(counter: int, final: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if final else b"\x00")


class _Encryptor:
    """STREAM construction: fixed-size chunks, a counter nonce, the last chunk flagged, so
    reordering, dropping or truncating chunks fails authentication."""

    def __init__(self, recipient_key_hex: str, bundle_id: str) -> None:
        ephemeral = X25519PrivateKey.generate()
        recipient = bytes.fromhex(recipient_key_hex)
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
        self.ephemeral_hex = keyring.public_hex(ephemeral.public_key())
        self.aead = ChaCha20Poly1305(
            _stream_key(shared, bytes.fromhex(self.ephemeral_hex), recipient)
        )
        self.associated = bundle_id.encode()
        self.buffer = bytearray()
        self.counter = 0

    def update(self, data: bytes) -> bytes:
        self.buffer += data
        out = bytearray()
        while len(self.buffer) > CHUNK:  # keep at least one byte back for the final chunk
            out += self._seal(bytes(self.buffer[:CHUNK]), False)
            del self.buffer[:CHUNK]
        return bytes(out)

    def finish(self) -> bytes:
        return self._seal(bytes(self.buffer), True)

    def _seal(self, chunk: bytes, final: bool) -> bytes:
        sealed = self.aead.encrypt(_nonce(self.counter, final), chunk, self.associated)
        self.counter += 1
        return sealed


def write_bundle(
    folder: Path,
    name: str,
    header: dict[str, Any],
    ops: Iterable[dict[str, Any]],
    signing_key: Any,
    *,
    encrypt_to: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[Path, dict[str, Any]]:
    """Write a bundle atomically; returns its path and the header as signed."""
    folder.mkdir(parents=True, exist_ok=True)
    scratch = temp_path(folder, name + ".payload")
    digest = hashlib.sha256()
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    encryptor = _Encryptor(encrypt_to, header["bundle_id"]) if encrypt_to else None
    count = raw = length = 0
    try:
        with open(scratch, "wb") as handle:

            def emit(data: bytes) -> None:
                nonlocal length
                if encryptor:
                    data = encryptor.update(data)
                if data:
                    digest.update(data)
                    handle.write(data)
                    length += len(data)

            lines: list[bytes] = []
            for op in ops:
                line = _ENCODE_OP(op).encode() + b"\n"
                lines.append(line)
                raw += len(line)
                count += 1
                if len(lines) >= 512:
                    emit(compressor.compress(b"".join(lines)))
                    lines.clear()
                    if progress:
                        progress(count)
            emit(compressor.compress(b"".join(lines)) + compressor.flush())
            if encryptor:
                tail = encryptor.finish()
                digest.update(tail)
                handle.write(tail)
                length += len(tail)
        header = {
            **header,
            "format": FORMAT,
            "version": VERSION,
            "algorithms": {
                "signature": SIGNATURE_ALG,
                "hash": HASH_ALG,
                "compression": COMPRESSION_ALG,
                "op_hash": OP_HASH_ALG,
                "encryption": ENCRYPTION_ALG if encryptor else None,
            },
            "encryption": (
                {
                    "recipient_key": encrypt_to,
                    "ephemeral_key": encryptor.ephemeral_hex,
                    "chunk": CHUNK,
                }
                if encryptor
                else None
            ),
            "op_count": count,
            "payload": {"length": length, "sha256": digest.hexdigest(), "uncompressed": raw},
        }
        header_line = _canonical(header) + b"\n"
        signature_line = keyring.sign(signing_key, header_line).encode() + b"\n"

        def assemble(out: BinaryIO) -> None:
            out.write(header_line)
            out.write(signature_line)
            with open(scratch, "rb") as payload:
                while block := payload.read(_COPY):
                    out.write(block)

        path = write_atomic(folder, name, assemble)
    finally:
        scratch.unlink(missing_ok=True)
    return path, header


@dataclass
class BundleFile:
    path: Path
    header: dict[str, Any]
    header_line: bytes
    signature: str
    payload_offset: int


def _limit_text(size: int) -> str:
    return f"{size / 1024**2:,.1f} MB" if size >= 1024**2 else f"{size:,} bytes"


def open_bundle(path: Path, limits: Limits) -> BundleFile:
    """Read and sanity-check the header and signature lines (not yet the signature itself)."""
    try:
        size = os.stat(path).st_size
    except OSError:
        raise BundleError(f"{path} cannot be read.") from None
    if size > limits.max_bundle_bytes:
        raise BundleError(
            f"Bundle {path.name} is {_limit_text(size)}, over the limit of "
            f"{_limit_text(limits.max_bundle_bytes)}; it was not imported."
        )
    with open(path, "rb") as handle:
        header_line = handle.readline(limits.max_header_bytes + 1)
        if not header_line.endswith(b"\n"):
            raise BundleError(f"{path.name} is not a govperf bundle (no header line).")
        signature_line = handle.readline(200)
        offset = handle.tell()
    try:
        header = json.loads(header_line)
    except ValueError:
        raise BundleError(
            f"{path.name} is not a govperf bundle (its header is not JSON)."
        ) from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BundleError(f"{path.name} is not a govperf bundle.")
    if header.get("version") != VERSION:
        raise BundleError(
            f"{path.name} has bundle format version {header.get('version')}; this program reads "
            f"version {VERSION}. Update the program."
        )
    algorithms = header.get("algorithms") or {}
    expected = {
        "signature": SIGNATURE_ALG,
        "hash": HASH_ALG,
        "compression": COMPRESSION_ALG,
        "op_hash": OP_HASH_ALG,
    }
    for role, name in expected.items():
        if algorithms.get(role) != name:
            raise BundleError(
                f"{path.name} uses {role} algorithm {algorithms.get(role)!r}, which this program "
                "does not support."
            )
    if algorithms.get("encryption") not in (None, ENCRYPTION_ALG):
        raise BundleError(f"{path.name} uses an unsupported encryption.")
    if not signature_line.endswith(b"\n"):
        raise BundleError(f"{path.name} is damaged: its signature line is cut short.")
    payload = header.get("payload") or {}
    if not isinstance(payload.get("length"), int) or size - offset != payload["length"]:
        raise BundleError(
            f"{path.name} is damaged or cut short: the payload has {size - offset:,} bytes, the "
            f"header says {payload.get('length')}."
        )
    return BundleFile(
        path, header, header_line, signature_line.strip().decode("ascii", "replace"), offset
    )


def read_ops(
    bundle: BundleFile, limits: Limits, decryption_key: X25519PrivateKey | None = None
) -> Iterator[dict[str, Any]]:
    """Stream the ops of the payload, checking its length, hash and the limits as it goes.
    The last check (the payload hash) runs after the last op: consume the whole stream."""
    header = bundle.header
    name = bundle.path.name
    payload = header["payload"]
    declared = payload.get("uncompressed")
    ceiling = limits.max_uncompressed_bytes
    if isinstance(declared, int):
        ceiling = min(ceiling, declared)
    digest = hashlib.sha256()
    decompressor = zlib.decompressobj(31)
    decryptor = _decryptor(bundle, decryption_key) if header.get("encryption") else None
    produced = count = 0
    pending = b""

    def lines_of(data: bytes) -> Iterator[dict[str, Any]]:
        nonlocal pending, produced, count
        while data:
            chunk = decompressor.decompress(data, 1024 * 1024)
            data = decompressor.unconsumed_tail
            produced += len(chunk)
            if produced > ceiling:
                raise BundleError(
                    f"{name} expands beyond {_limit_text(ceiling)} when decompressed; refused "
                    "as a decompression bomb."
                )
            pending += chunk
            *complete, pending = pending.split(b"\n")
            if len(pending) > limits.max_op_bytes:
                raise BundleError(f"{name} holds an op over {_limit_text(limits.max_op_bytes)}.")
            if count + len(complete) > limits.max_ops:
                raise BundleError(f"{name} holds more than {limits.max_ops:,} ops.")
            for op in _parse_lines(complete, name, count):
                count += 1
                yield op

    try:
        with open(bundle.path, "rb") as handle:
            handle.seek(bundle.payload_offset)
            remaining = payload["length"]
            while remaining > 0:
                block = handle.read(min(_COPY, remaining))
                if not block:
                    break
                remaining -= len(block)
                digest.update(block)
                data = decryptor.update(block, remaining == 0) if decryptor else block
                yield from lines_of(data)
            if remaining:
                raise BundleError(f"{name} is cut short.")
            if digest.hexdigest() != payload.get("sha256"):
                raise BundleError(
                    f"{name} is damaged or was altered: its payload does not match the signed hash."
                )
            if not decompressor.eof or pending:
                raise BundleError(f"{name} is damaged: the compressed payload is incomplete.")
    except zlib.error:
        raise BundleError(f"{name} is damaged: the payload does not decompress.") from None
    if count != header.get("op_count"):
        raise BundleError(f"{name} holds {count} ops; its header says {header.get('op_count')}.")


# A top-level "}," inside a line: where two JSON values could meet (see _parse_lines).
_VALUE_END = re.compile(rb"}[ \t\r]*,")


def _parse_lines(lines: list[bytes], name: str, before: int) -> list[dict[str, Any]]:
    """Each line as one JSON object. A whole chunk is parsed as one array (one call instead
    of thousands) when that provably gives the same objects as parsing line by line: every
    line starts with "{" and ends with "}" and none holds "}," anywhere, so the only places
    where two array elements can meet are the commas put between lines; with as many
    elements as lines, each element is exactly one line. Otherwise line by line."""
    if (
        lines
        and {line[:1] for line in lines} == {b"{"}
        and {line[-1:] for line in lines} == {b"}"}
        # joined by NUL (neither JSON whitespace nor ","): no match spans two lines
        and not _VALUE_END.search(b"\0".join(lines))
    ):
        try:
            ops = json.loads(b"[" + b",".join(lines) + b"]")
        except ValueError:
            ops = None
        if isinstance(ops, list) and len(ops) == len(lines) and {type(op) for op in ops} == {dict}:
            return ops
    ops = []
    for number, line in enumerate(lines, start=before + 1):
        try:
            op = json.loads(line)
        except ValueError:
            raise BundleError(f"{name} is damaged: op {number} is not readable.") from None
        if not isinstance(op, dict):
            raise BundleError(f"{name} is damaged: op {number} is not an object.")
        ops.append(op)
    return ops


# "}", JSON whitespace, ",": where two values could meet in a text (see parse_objects).
_TEXT_VALUE_END = re.compile(r"}[ \t\r\n]*,")


def parse_objects(texts: list[Any]) -> list[dict[str, Any] | None] | None:
    """The JSON objects in `texts` (None stays None), parsed as one array in one call, when
    that provably gives what `json.loads` per text gives: every text is a str that starts
    with "{" and ends with "}" and holds no "}" + whitespace + "," anywhere, so two array
    elements can only meet at the commas put between texts; with as many elements as texts,
    each element is exactly one text. None when that does not hold: parse text by text."""
    present = [text for text in texts if text is not None]
    if not present or {type(text) for text in present} != {str}:
        return None
    if {text[:1] for text in present} != {"{"} or {text[-1:] for text in present} != {"}"}:
        return None
    # One search over the texts joined by NUL, which is neither JSON whitespace nor ",": a
    # match cannot span two texts, so it finds exactly what a search of each text finds.
    if _TEXT_VALUE_END.search("\0".join(present)):
        return None
    try:
        parsed = json.loads("[" + ",".join(present) + "]")
    except ValueError:
        return None
    if len(parsed) != len(present) or {type(value) for value in parsed} != {dict}:
        return None
    if len(present) == len(texts):
        return parsed
    values = iter(parsed)
    return [None if text is None else next(values) for text in texts]


class _Decryptor:
    def __init__(self, aead: ChaCha20Poly1305, associated: bytes, name: str) -> None:
        self.aead, self.associated, self.name = aead, associated, name
        self.buffer = bytearray()
        self.counter = 0

    def update(self, data: bytes, last: bool) -> bytes:
        self.buffer += data
        out = bytearray()
        while len(self.buffer) > CHUNK + TAG:
            out += self._open(bytes(self.buffer[: CHUNK + TAG]), False)
            del self.buffer[: CHUNK + TAG]
        if last:
            out += self._open(bytes(self.buffer), True)
            self.buffer.clear()
        return bytes(out)

    def _open(self, sealed: bytes, final: bool) -> bytes:
        try:
            plain = self.aead.decrypt(_nonce(self.counter, final), sealed, self.associated)
        except InvalidTag:
            raise BundleError(
                f"{self.name} cannot be decrypted: it was altered, cut short, or is not meant "
                "for this installation's key."
            ) from None
        self.counter += 1
        return plain


def _decryptor(bundle: BundleFile, key: X25519PrivateKey | None) -> _Decryptor:
    info = bundle.header["encryption"]
    if key is None:
        raise BundleError(f"{bundle.path.name} is encrypted; give the key passphrase to import it.")
    if keyring.public_hex(key.public_key()) != info.get("recipient_key"):
        raise BundleError(f"{bundle.path.name} is encrypted for another installation's key.")
    ephemeral = bytes.fromhex(info["ephemeral_key"])
    shared = key.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    aead = ChaCha20Poly1305(_stream_key(shared, ephemeral, bytes.fromhex(info["recipient_key"])))
    return _Decryptor(aead, bundle.header["bundle_id"].encode(), bundle.path.name)


def check_signature(bundle: BundleFile, public_key_hex: str) -> None:
    if not keyring.signature_valid(public_key_hex, bundle.header_line, bundle.signature):
        raise BundleError(
            f"{bundle.path.name} is not signed by the installation it names as sender; it was "
            "altered or forged."
        )


def signature_bytes(signature_b64: str) -> bytes:
    return base64.b64decode(signature_b64)


def check_payload_stream(bundle: BundleFile, limits: Limits) -> None:
    """The payload hash, and that it decompresses completely to `op_count` lines: what a
    writer reads back, without parsing the ops it has just encoded."""
    name = bundle.path.name
    digest = hashlib.sha256()
    decompressor = zlib.decompressobj(31)
    lines = produced = 0
    try:
        with open(bundle.path, "rb") as handle:
            handle.seek(bundle.payload_offset)
            while block := handle.read(_COPY):
                digest.update(block)
                while block:
                    chunk = decompressor.decompress(block, 8 * _COPY)
                    block = decompressor.unconsumed_tail
                    produced += len(chunk)
                    lines += chunk.count(b"\n")
                    if produced > limits.max_uncompressed_bytes:
                        raise BundleError(f"{name} expands beyond the limit when decompressed.")
    except zlib.error:
        raise BundleError(f"{name} is damaged: the payload does not decompress.") from None
    header = bundle.header
    if digest.hexdigest() != header["payload"].get("sha256"):
        raise BundleError(
            f"{name} is damaged or was altered: its payload does not match the signed hash."
        )
    if not decompressor.eof or lines != header.get("op_count"):
        raise BundleError(f"{name} is damaged: the compressed payload is incomplete.")


def check_payload_hash(bundle: BundleFile) -> None:
    """The payload's SHA-256 against the header, without decrypting or decompressing."""
    digest = hashlib.sha256()
    with open(bundle.path, "rb") as handle:
        handle.seek(bundle.payload_offset)
        while block := handle.read(_COPY):
            digest.update(block)
    if digest.hexdigest() != bundle.header["payload"].get("sha256"):
        raise BundleError(
            f"{bundle.path.name} is damaged or was altered: its payload does not match the "
            "signed hash."
        )
