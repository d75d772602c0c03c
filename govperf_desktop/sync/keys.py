"""Installation keys: Ed25519 to sign, X25519 to receive encrypted bundles.

Private keys at rest are PKCS#8 PEM files encrypted with a passphrase (the `cryptography`
library's best available encryption), readable by OpenSSL too. Public keys travel as 64 hex
digits (raw 32 bytes); for auditors they are also given as DER SubjectPublicKeyInfo in base64,
which wrapped in PEM lines is what `openssl pkeyutl -pubin` reads.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from govperf_desktop.domain.errors import ValidationError

KEYS_FOLDER = "keys"
SIGNING_KEY_FILE = "node-signing.key"
ENCRYPTION_KEY_FILE = "node-encryption.key"
ROOT_KEY_FILE = "root.key"
MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class NodeKeys:
    signing: Ed25519PrivateKey
    encryption: X25519PrivateKey

    @property
    def signing_public(self) -> str:
        return public_hex(self.signing.public_key())

    @property
    def encryption_public(self) -> str:
        return public_hex(self.encryption.public_key())


def keys_dir(data_dir: Path) -> Path:
    return data_dir / KEYS_FOLDER


def public_hex(key: Ed25519PublicKey | X25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw.hex()


def fingerprint(public_key_hex: str) -> str:
    """A short, readable digest of a public key, to compare by phone or on paper."""
    digest = hashlib.sha256(bytes.fromhex(public_key_hex)).hexdigest()[:32]
    return ":".join(digest[i : i + 4] for i in range(0, 32, 4))


def spki_base64(public_key_hex: str) -> str:
    """The Ed25519 public key as base64 DER SubjectPublicKeyInfo (the body of a PEM file)."""
    key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(der).decode("ascii")


def public_pem(public_key_hex: str) -> str:
    return f"-----BEGIN PUBLIC KEY-----\n{spki_base64(public_key_hex)}\n-----END PUBLIC KEY-----\n"


def sign(key: Ed25519PrivateKey, message: bytes) -> str:
    return base64.b64encode(key.sign(message)).decode("ascii")


def signature_valid(public_key_hex: str, message: bytes, signature_b64: str) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))
        key.verify(base64.b64decode(signature_b64, validate=True), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _check_passphrase(passphrase: str) -> bytes:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(f"The key passphrase must have at least {MIN_PASSPHRASE} characters.")
    return passphrase.encode("utf-8")


def _write_private(path: Path, pem: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        raise ValidationError(f"{path} already exists; keys are never overwritten.")
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def save_private_key(
    path: Path, key: Ed25519PrivateKey | X25519PrivateKey, passphrase: str
) -> None:
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_check_passphrase(passphrase)),
    )
    _write_private(path, pem)


def load_private_key(path: Path, passphrase: str):  # type: ignore[no-untyped-def]
    if not path.is_file():
        raise ValidationError(
            f"No key file {path}; create the installation's keys first "
            "('govperf enroll request' or 'govperf keys init-root')."
        )
    try:
        return serialization.load_pem_private_key(path.read_bytes(), passphrase.encode("utf-8"))
    except (ValueError, TypeError):
        raise ValidationError(
            f"Wrong passphrase for {path.name}, or the key file is damaged."
        ) from None


def create_node_keys(data_dir: Path, passphrase: str) -> NodeKeys:
    keys = NodeKeys(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())
    folder = keys_dir(data_dir)
    save_private_key(folder / SIGNING_KEY_FILE, keys.signing, passphrase)
    save_private_key(folder / ENCRYPTION_KEY_FILE, keys.encryption, passphrase)
    return keys


def load_node_keys(data_dir: Path, passphrase: str) -> NodeKeys:
    folder = keys_dir(data_dir)
    return NodeKeys(
        load_private_key(folder / SIGNING_KEY_FILE, passphrase),
        load_private_key(folder / ENCRYPTION_KEY_FILE, passphrase),
    )


def create_root_key(data_dir: Path, passphrase: str) -> Ed25519PrivateKey:
    key = Ed25519PrivateKey.generate()
    save_private_key(keys_dir(data_dir) / ROOT_KEY_FILE, key, passphrase)
    return key


def load_root_key(data_dir: Path, passphrase: str) -> Ed25519PrivateKey:
    return load_private_key(keys_dir(data_dir) / ROOT_KEY_FILE, passphrase)
