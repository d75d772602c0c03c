"""The schema revision check without Alembic (start-up speed) agrees with Alembic."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from govperf_desktop.store import migrate
from govperf_desktop.store.store import Store


def test_head_and_known_revisions_match_alembic() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate._revision_chain() is not None  # the migrations form a plain chain
    assert migrate.head_revision() == script.get_current_head()
    assert migrate.known_revisions() == {r.revision for r in script.walk_revisions()}


def test_current_revision_matches_alembic(store: Store) -> None:
    with store.engine.connect() as connection:
        expected = MigrationContext.configure(connection).get_current_revision()
    assert migrate.current_revision(store.engine) == expected == migrate.head_revision()


def test_an_unusual_revision_graph_falls_back_to_alembic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "a.py").write_text('revision = "a"\ndown_revision = None\n')
    (versions / "b.py").write_text('revision = "b"\ndown_revision = "a"\n')
    (versions / "c.py").write_text('revision = "c"\ndown_revision = ("a", "b")\n')  # a merge
    monkeypatch.setattr(migrate, "migrations_dir", lambda: tmp_path)
    migrate._revision_chain.cache_clear()
    try:
        assert migrate._revision_chain() is None
        (versions / "c.py").write_text('revision: str = "c"\ndown_revision: str | None = "b"\n')
        migrate._revision_chain.cache_clear()
        assert migrate._revision_chain() == ("c", frozenset({"a", "b", "c"}))
    finally:
        migrate._revision_chain.cache_clear()
