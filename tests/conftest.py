"""Shared fixtures: real SQLite stores in temporary folders, a fixed clock."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from govperf_desktop.services.admin import init_installation
from govperf_desktop.store.store import Store, open_store

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """scrypt at the shipped N=2^17 costs ~0.3 s and 128 MiB per hash: tests hash at 2^10
    (tests/test_accounts.py asserts the shipped parameters separately)."""
    from govperf_desktop.services import accounts, backup

    monkeypatch.setattr(accounts, "SCRYPT", accounts.ScryptParams(log2_n=10))
    monkeypatch.setattr(backup, "KDF_LOG2_N", 10)


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "store"
    init_installation(directory, node_name="考核办", role="central", now=NOW)
    return directory


@pytest.fixture
def store(store_dir: Path):  # type: ignore[no-untyped-def]
    opened = open_store(store_dir)
    yield opened
    opened.close()


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, to prove a refused action left it byte-for-byte unchanged."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def checkpoint(store: Store) -> None:
    """Fold the WAL into the main file so its bytes reflect every committed change."""
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
