"""`govperf migrate-store --to URL` (docs/central-office.md): a central SQLite store copied into
an empty PostgreSQL database keeps every row (per table: count and content hash equal), the
source is only read, and every refusal or failure leaves the target database as it was.

These tests need GOVPERF_TEST_PG_URL (set by ./run.sh test); without it they skip.
"""

from __future__ import annotations

import json

import pytest
from conftest import checkpoint, file_digest
from scoring_scenario import NOW as SCORING_NOW
from scoring_scenario import build, rid
from sqlalchemy import MetaData, Table, create_engine, inspect, text
from sqlalchemy.pool import NullPool
from test_scoring_speed_summaries import assert_milestones_fresh

from govperf_desktop.cli.main import main
from govperf_desktop.domain.errors import ConflictError, StoreError, ValidationError
from govperf_desktop.services.admin import check_store
from govperf_desktop.services.central import migrate_store
from govperf_desktop.services.scoring import score_all
from govperf_desktop.store import migrate, transfer
from govperf_desktop.store.models import Base
from govperf_desktop.store.store import open_store
from govperf_desktop.store.transfer import table_fingerprint


def _fingerprints(engine) -> dict[str, tuple[int, str]]:  # type: ignore[no-untyped-def]
    """Every table of the store: the models' and the derived ones (not SQLite's FTS)."""
    with engine.connect() as db:
        tables = list(Base.metadata.sorted_tables)
        known = {t.name for t in tables} | {"alembic_version"}
        others = [
            Table(name, MetaData(), autoload_with=db)
            for name in inspect(db).get_table_names()
            if name not in known and not name.startswith("comments_fts")
        ]
        return {t.name: table_fingerprint(db, t) for t in tables + others}


def _state(url: str) -> tuple[list, list]:
    """Everything a refused or failed copy could have left: tables and extensions."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as db:
            tables = db.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
            ).all()
            extensions = db.execute(text("SELECT extname FROM pg_extension ORDER BY 1")).all()
    finally:
        engine.dispose()
    return tables, extensions


@pytest.fixture
def tangled(store):  # type: ignore[no-untyped-def]
    """The scoring scenario with comments naming later comments of their table, and a cycle
    (a problem resolved by a reply to it): what the copy must order."""
    build(store)
    with store.engine.begin() as db:
        db.execute(
            text(
                "UPDATE comments SET resolved_by_id = :b, resolved_at = '2026-11-17 04:00:00'"
                " WHERE id = :a"
            ),
            {"a": rid(55), "b": rid(56)},
        )
        db.execute(
            text("UPDATE comments SET reply_to_id = :a WHERE id = :b"), {"a": rid(55), "b": rid(56)}
        )
        db.execute(
            text("UPDATE comments SET reply_to_id = :b WHERE id = :a"), {"a": rid(50), "b": rid(53)}
        )
    return store


@pytest.mark.parametrize("batch", [2, 10_000])  # many COPY statements per table, and one
def test_migrate_store_copies_every_row_and_refuses_to_double_them(
    tangled, empty_pg_url, capsys, monkeypatch, batch
) -> None:
    monkeypatch.setattr(transfer, "BATCH", batch)
    store = tangled
    before = _fingerprints(store.engine)
    checkpoint(store)
    digest = file_digest(store.path)
    source_dir = store.path.parent

    code = main(["--data-dir", str(source_dir), "--json", "migrate-store", "--to", empty_pg_url])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["schema_revision"] == migrate.head_revision()
    target = open_store(source_dir, url=empty_pg_url)
    try:
        assert _fingerprints(target.engine) == before  # counts and content hashes
        assert report["rows"] == sum(rows for rows, _ in before.values()) > 100
        assert {t["table"]: (t["rows"], t["content_hash"]) for t in report["tables"]} == before
        assert check_store(target).ok  # the audit chain, references, schema
        scores = score_all(target, now=SCORING_NOW)
        assert [r.total for r in scores[0].departments] == [
            r.total for r in score_all(store, now=SCORING_NOW)[0].departments
        ]
        # The derived tables came across as they were, and the target's triggers keep them.
        assert before["task_milestones"][0] == 3 and before["timesheet_totals"][0] > 0
        assert sum(row[8] for row in assert_milestones_fresh(target).values()) > 0
        with target.engine.connect() as db, db.begin() as transaction:  # rolled back
            db.execute(text("DELETE FROM task_events WHERE kind = 'returned'"))
            assert db.execute(text("SELECT sum(returns) FROM task_milestones")).scalar() == 0
            transaction.rollback()
    finally:
        target.close()
    checkpoint(store)
    assert file_digest(store.path) == digest  # the source is only read

    state = _state(empty_pg_url)
    code = main(["--data-dir", str(source_dir), "migrate-store", "--to", empty_pg_url])
    assert code == 2
    err = capsys.readouterr().err
    assert "already holds data (table" in err and err.count(".") <= 4  # one sentence (+ URL)
    assert _state(empty_pg_url) == state
    target = open_store(source_dir, url=empty_pg_url)
    assert _fingerprints(target.engine) == before  # nothing doubled
    target.close()


def test_the_text_output_names_every_table_and_the_check(store, empty_pg_url, capsys) -> None:
    code = main(["--data-dir", str(store.path.parent), "migrate-store", "--to", empty_pg_url])
    out = capsys.readouterr().out
    assert code == 0
    assert out.count("\n") == len(_fingerprints(store.engine)) + 1
    assert "every table's row count and content hash match" in out


def test_migrate_store_refusals_leave_the_target_as_it_was(
    pg_store, store, pg_url, empty_pg_url
) -> None:
    with pytest.raises(StoreError, match="not a supported database URL"):
        migrate_store(store, "sqlite:///elsewhere.sqlite3")
    with pytest.raises(ValidationError, match="into itself"):
        migrate_store(pg_store, pg_url)
    with pytest.raises(ConflictError, match=r"already holds data \(table .*\); copy into an empty"):
        migrate_store(store, pg_url)  # a store already lives there

    engine = create_engine(empty_pg_url, poolclass=NullPool)
    with engine.begin() as db:  # another program's table, even empty
        db.execute(text("CREATE TABLE invoices (id integer PRIMARY KEY)"))
    engine.dispose()
    state = _state(empty_pg_url)
    with pytest.raises(ConflictError, match=r"tables of another program \(invoices\)"):
        migrate_store(store, empty_pg_url)
    assert _state(empty_pg_url) == state


def test_a_store_of_a_newer_program_is_refused(store, pg_url) -> None:
    engine = create_engine(pg_url, poolclass=NullPool)
    with engine.begin() as db:  # an empty store of a later schema
        for table in reversed(Base.metadata.sorted_tables):
            db.execute(table.delete())
        db.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(ConflictError, match=r"newer program \(schema 9999\)"):
        migrate_store(store, pg_url)


def test_an_empty_store_schema_is_a_valid_target(store, empty_pg_url) -> None:
    open_store(store.path.parent, url=empty_pg_url, upgrade=False, create=True).close()
    engine = create_engine(empty_pg_url, poolclass=NullPool)
    migrate.upgrade(engine)  # a schema with no row (as an older program's failed copy left)
    engine.dispose()
    result = migrate_store(store, empty_pg_url)
    assert result.rows == sum(rows for rows, _ in _fingerprints(store.engine).values())


def test_a_row_postgresql_refuses_leaves_the_target_as_it_was(store, empty_pg_url) -> None:
    build(store)
    with store.engine.begin() as db:  # SQLite does not enforce VARCHAR lengths; PostgreSQL does
        db.execute(
            text("UPDATE departments SET name = :long WHERE name = '公安局'"), {"long": "长" * 500}
        )
    state = _state(empty_pg_url)
    with pytest.raises(
        StoreError, match=r"^Table departments could not be copied \(value too long.*nothing"
    ):
        migrate_store(store, empty_pg_url)
    assert _state(empty_pg_url) == state == ([], [("plpgsql",)])  # no table, no pg_trgm


def test_a_failure_late_in_the_copy_leaves_the_target_as_it_was(store, empty_pg_url) -> None:
    build(store)
    filled = [name for name, (rows, _) in _fingerprints(store.engine).items() if rows]
    seen: list[str] = []

    def progress(table: str, _rows: int) -> None:
        seen.append(table)
        if table == filled[-1]:  # after every earlier table went in (Ctrl-C, say)
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        migrate_store(store, empty_pg_url, progress=progress)
    assert seen == filled and len(filled) > 10
    assert _state(empty_pg_url) == ([], [("plpgsql",)])


def test_an_unreachable_target_is_named_without_its_password(store) -> None:
    url = "postgresql+psycopg://u:secret@127.0.0.1:1/none?connect_timeout=2"
    with pytest.raises(StoreError, match="cannot be opened") as refused:
        migrate_store(store, url)
    assert "secret" not in str(refused.value)


_SCHEMA = """
SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
UNION ALL
SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
FROM pg_constraint WHERE connamespace = 'public'::regnamespace
UNION ALL
SELECT 'trigger ' || tgname || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal
ORDER BY 1
"""


def _schema(url: str) -> list:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as db:
            return db.execute(text(_SCHEMA)).all()
    finally:
        engine.dispose()


def test_the_copy_ends_with_the_schema_the_migrations_make(store, empty_pg_url, pg_url) -> None:
    """Keys, indexes and triggers set aside during the copy are all back, as they were."""
    build(store)
    migrate_store(store, empty_pg_url)
    schema = _schema(empty_pg_url)
    assert schema == _schema(pg_url)  # a store made by `govperf init` on PostgreSQL
    assert any("gin_trgm_ops" in row[0] for row in schema)
    assert sum(row[0].startswith("constraint") and "FOREIGN KEY" in row[0] for row in schema) > 20
