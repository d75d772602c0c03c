"""The store on PostgreSQL (docs/central-office.md), against a real server: opening and
refusing, the same migrations, the dialect branches (search, reply times, upsert), scoring on
both dialects (`migrate-store`: tests/test_migrate_store.py), and the refusals of what does
not run there (`backup`: the server's own tools do that; sync without its folder).

Every test here needs GOVPERF_TEST_PG_URL (set by ./run.sh test); without it they skip with
that reason. The share is kept small: one template database, copied per test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import NOW, drop_pg_database, new_pg_database
from conftest import pg_database_url as database_url
from scoring_scenario import INDICATOR, build
from scoring_scenario import NOW as SCORING_NOW
from sqlalchemy import column, select, text

from govperf_desktop.cli.main import main
from govperf_desktop.domain.errors import StoreError
from govperf_desktop.paths import store_path
from govperf_desktop.services.admin import check_store, store_info
from govperf_desktop.services.backup import backup
from govperf_desktop.services.comment_search import search_comments
from govperf_desktop.services.scoring import score_all, score_indicator
from govperf_desktop.services.sync import export_bundles, import_bundles
from govperf_desktop.store import migrate
from govperf_desktop.store.dialect import dialect_for
from govperf_desktop.store.models import Setting
from govperf_desktop.store.store import open_store

# --- opening ----------------------------------------------------------------------------------


def test_a_new_store_on_postgresql_is_at_head_with_its_search_index(pg_store) -> None:
    assert pg_store.path is None
    assert migrate.current_revision(pg_store.engine) == migrate.head_revision()
    with pg_store.engine.connect() as db:
        indexes = {row[0] for row in db.execute(text("SELECT indexname FROM pg_indexes"))}
        extensions = {row[0] for row in db.execute(text("SELECT extname FROM pg_extension"))}
    assert "ix_comments_body_trgm" in indexes and "pg_trgm" in extensions
    info = store_info(pg_store)
    assert info.path.startswith("postgresql+psycopg://") and info.node.name == "考核办"
    assert check_store(pg_store).ok


def test_an_empty_database_is_not_made_a_store_by_accident(empty_pg_url, tmp_path) -> None:
    with pytest.raises(StoreError, match=r"No store in the database .*govperf init"):
        open_store(tmp_path, url=empty_pg_url)
    engine = open_store(tmp_path, url=empty_pg_url, upgrade=False, create=True).engine
    with engine.connect() as db:
        assert db.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).one()
    engine.dispose()


def test_unsupported_and_unreachable_databases_are_refused_clearly(tmp_path) -> None:
    with pytest.raises(StoreError, match="not a supported database URL"):
        open_store(tmp_path, url="mysql://root:secret@localhost/govperf")
    with pytest.raises(StoreError, match="not a supported database URL") as refused:
        open_store(tmp_path, url="postgresql://u:secret@localhost/x")  # driver not named
    assert "secret" not in str(refused.value)
    unreachable = "postgresql+psycopg://u:secret@127.0.0.1:1/none?connect_timeout=2"
    with pytest.raises(StoreError, match="cannot be opened") as refused:
        open_store(tmp_path, url=unreachable)
    assert "secret" not in str(refused.value)


def test_a_store_from_a_newer_program_is_refused_on_postgresql(pg_url, tmp_path) -> None:
    store = open_store(tmp_path, url=pg_url)
    with store.engine.begin() as db:
        db.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.close()
    with pytest.raises(StoreError, match="newer version"):
        open_store(tmp_path, url=pg_url)


def test_the_migrations_upgrade_a_filled_postgresql_store_and_go_back(empty_pg_url) -> None:
    from govperf_desktop.store.engine import make_engine

    engine = make_engine(empty_pg_url)
    try:
        first, *_ = (r for r in _revisions())
        migrate.upgrade(engine, first)
        with engine.begin() as db:
            db.execute(
                text("INSERT INTO departments VALUES (:id, '民政局', '2026-01-01 00:00:00')"),
                {"id": "d" * 32},
            )
        migrate.upgrade(engine)  # every later revision, with data in place
        assert migrate.current_revision(engine) == migrate.head_revision()
        with engine.connect() as db:
            assert db.execute(text("SELECT name FROM departments")).all() == [("民政局",)]
        from alembic import command

        config = migrate.alembic_config()
        with engine.connect() as connection:  # every downgrade branch runs on PostgreSQL too
            config.attributes["connection"] = connection
            command.downgrade(config, first)
            connection.commit()
        assert migrate.current_revision(engine) == first
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()


def _revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


# --- the dialect branches, on both databases --------------------------------------------------


def test_upsert_inserts_then_updates_on_both_dialects(any_store) -> None:
    dialect = dialect_for(any_store.engine.dialect.name)
    table = Setting.__table__
    with any_store.engine.begin() as db:
        db.execute(dialect.upsert(table, [{"key": "h10.test", "value": "1"}], key=["key"]))
        db.execute(dialect.upsert(table, [{"key": "h10.test", "value": "2"}], key=["key"]))
        assert db.scalar(select(table.c.value).where(table.c.key == "h10.test")) == "2"
    with pytest.raises(StoreError, match="mysql database is not supported"):
        dialect_for("mysql")
    assert dialect.seconds_between(column("a"), column("b")) is not None


def test_scoring_and_comment_search_agree_on_both_dialects(any_store) -> None:
    scenario = build(any_store)
    every = score_all(scenario.store, now=SCORING_NOW)
    assert {r.department: r.total for r in every[0].departments} == {
        "民政局": 38.56,
        "公安局": 49.30,
        "社保局": 66.80,
    }
    one = score_indicator(scenario.store, INDICATOR, now=SCORING_NOW)
    assert [r.total for r in one.departments] == [r.total for r in every[0].departments]
    # A long term goes through each dialect's trigram index, a short one through LIKE; a
    # LIKE wildcard typed by a user matches only itself.
    long_hits = search_comments(any_store, "接口文档")
    assert [h.body for h in long_hits.hits] == ["接口文档已发送。", "@公安局 缺少接口文档。"]
    short_hits = search_comments(any_store, "环境 已")
    assert [h.body for h in short_hits.hits] == ["测试环境已就绪。"]
    assert not search_comments(any_store, "接口%文档").hits


# --- the command line -------------------------------------------------------------------------


def test_the_command_line_creates_and_opens_a_postgresql_store(
    pg_template, tmp_path, capsys, monkeypatch
) -> None:
    name = new_pg_database()
    url = database_url(name)
    try:
        folder = str(tmp_path / "central")
        assert main(["--db-url", url, "--data-dir", folder, "init", "--node-name", "省考核办",
                     "--role", "central"]) == 0  # fmt: skip
        assert "Created store in postgresql+psycopg://" in capsys.readouterr().out
        assert not store_path(Path(folder)).exists()  # no SQLite file was made
        monkeypatch.setenv("GOVPERF_DB_URL", url)
        assert main(["--data-dir", folder, "--json", "info"]) == 0
        assert json.loads(capsys.readouterr().out)["node"]["name"] == "省考核办"
        assert main(["--data-dir", folder, "check"]) == 0
        assert capsys.readouterr().out.strip().endswith("OK")
        assert main(["--data-dir", folder, "migrate"]) == 0
        assert "Schema already at" in capsys.readouterr().out
    finally:
        drop_pg_database(name)


def test_sync_without_the_installation_folder_and_backup_are_refused_on_postgresql(
    pg_store, tmp_path
) -> None:
    # Bundle import and export work on PostgreSQL (tests/test_sync_pg.py), given the
    # installation's own folder (keys, scratch files); without it they refuse, moving nothing.
    pg_store.folder = None
    bundle = tmp_path / "in" / "x.govperf"
    bundle.parent.mkdir()
    bundle.write_bytes(b"not really a bundle")
    with pytest.raises(StoreError, match="without the installation's own folder"):
        import_bundles(pg_store, [bundle], now=NOW, passphrase="x")
    assert bundle.exists()  # not quarantined: the refusal is about the store, not the file
    with pytest.raises(StoreError, match="without the installation's own folder"):
        export_bundles(pg_store, tmp_path / "out", passphrase="x", now=NOW)
    with pytest.raises(StoreError, match="with pg_dump"):
        backup(pg_store, tmp_path / "b.govperf-backup", now=NOW)
    assert not (tmp_path / "b.govperf-backup").exists()


def test_a_missing_driver_is_named(monkeypatch, tmp_path) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the extra were not installed
    with pytest.raises(StoreError, match=r"install govperf-desktop\[postgres\]"):
        open_store(tmp_path, url="postgresql+psycopg://u@localhost/x")
