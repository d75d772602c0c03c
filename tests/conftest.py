"""Shared fixtures: real SQLite stores in temporary folders, a fixed clock, and the same store
on a real PostgreSQL server (`pg_store`, `any_store`) when GOVPERF_TEST_PG_URL names one
(./run.sh test starts a throw-away server and sets it; docs/central-office.md)."""

from __future__ import annotations

import hashlib
import itertools
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("GOVPERF_DB_URL", None)  # the CLI tests mean their SQLite stores

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


PG_URL_ENV = "GOVPERF_TEST_PG_URL"
_pg_databases = itertools.count(1)


def _pg_admin():  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine(os.environ[PG_URL_ENV], isolation_level="AUTOCOMMIT", poolclass=NullPool)


def pg_database_url(name: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(os.environ[PG_URL_ENV]).set(database=name)
    return url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_template(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A PostgreSQL database holding a new central store (as `store_dir` makes), copied for
    each test by CREATE DATABASE ... TEMPLATE (~0.1 s instead of migrating every time)."""
    if not os.environ.get(PG_URL_ENV):
        pytest.skip(
            f"{PG_URL_ENV} is not set: no PostgreSQL server to test against "
            "(./run.sh test starts one)"
        )
    name = f"govperf_template_{os.getpid()}"
    admin = _pg_admin()
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    init_installation(
        tmp_path_factory.mktemp("pg-template"),
        node_name="考核办",
        role="central",
        now=NOW,
        url=pg_database_url(name),
    )
    yield name
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.dispose()


def new_pg_database(template: str | None = None) -> str:
    """A new database on the test server (empty, or a copy of `template`); its name."""
    name = f"govperf_test_{os.getpid()}_{next(_pg_databases)}"
    with _pg_admin().connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        copy = f" TEMPLATE {template}" if template else ""
        connection.exec_driver_sql(f"CREATE DATABASE {name}{copy}")
    return name


def drop_pg_database(name: str) -> None:
    with _pg_admin().connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_template: str):  # type: ignore[no-untyped-def]
    """The URL of a PostgreSQL database of its own holding a new central store."""
    name = new_pg_database(pg_template)
    yield pg_database_url(name)
    drop_pg_database(name)


@pytest.fixture
def empty_pg_url(pg_template: str):  # type: ignore[no-untyped-def]
    """The URL of an empty PostgreSQL database of its own (no schema)."""
    name = new_pg_database()
    yield pg_database_url(name)
    drop_pg_database(name)


@pytest.fixture
def pg_store(pg_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = open_store(tmp_path / "store", url=pg_url)
    yield opened
    opened.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """The same new central store on each database: a test taking it runs once per dialect."""
    return request.getfixturevalue("store" if request.param == "sqlite" else "pg_store")
