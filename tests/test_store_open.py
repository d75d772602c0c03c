"""Opening a store: connection settings, and refusing files that are not our store untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import file_digest

from govperf_desktop.domain.errors import StoreError
from govperf_desktop.paths import store_path
from govperf_desktop.store.store import open_store


def test_every_connection_gets_the_project_pragmas(store) -> None:
    with store.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("foreign_keys") == 1
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") == 5000


def test_foreign_keys_are_enforced(store) -> None:
    from govperf_desktop.domain.errors import ValidationError
    from govperf_desktop.store.models import Person

    with pytest.raises(ValidationError, match="does not exist"), store.write() as session:
        session.add(
            Person(
                id="0" * 32,
                department_id="f" * 32,
                name="王芳",
                active=True,
                created_at=__import__("datetime").datetime(2026, 1, 1),
            )
        )


def test_missing_store_is_not_created_by_accident(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="No store in"):
        open_store(tmp_path / "typo")
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize(
    "content",
    [b"hello, this is a spreadsheet", b"PK\x03\x04" + bytes(2000), bytes(range(256)) * 8],
    ids=["text", "zip", "binary"],
)
def test_non_sqlite_file_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = store_path(tmp_path)
    path.write_bytes(content)
    before = file_digest(path)
    with pytest.raises(StoreError, match="not a govperf store"):
        open_store(tmp_path)
    assert file_digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_corrupt_store_is_refused_untouched(store_dir: Path) -> None:
    path = store_path(store_dir)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # garble the schema page after the header
    path.write_bytes(bytes(data))
    before = file_digest(path)
    with pytest.raises(StoreError, match="damaged"):
        open_store(store_dir)
    assert file_digest(path) == before


def test_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = store_path(tmp_path)
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.commit()
    connection.close()
    before = file_digest(path)
    with pytest.raises(StoreError, match="not a govperf store"):
        open_store(tmp_path)
    assert file_digest(path) == before


def test_store_from_a_newer_program_is_refused(store_dir: Path) -> None:
    path = store_path(store_dir)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = file_digest(path)
    with pytest.raises(StoreError, match="newer version"):
        open_store(store_dir)
    assert file_digest(path) == before


def test_folder_in_place_of_the_store_file_is_refused(tmp_path: Path) -> None:
    store_path(tmp_path).mkdir()
    with pytest.raises(StoreError, match="folder"):
        open_store(tmp_path)
