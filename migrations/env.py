"""Alembic environment. Migrations run programmatically from `store.migrate` with a connection
passed in `config.attributes["connection"]`; `alembic` on the command line is for developers
making a new revision (see docs/architecture.md)."""

from __future__ import annotations

from alembic import context

from govperf_desktop.store.engine import make_engine
from govperf_desktop.store.migrate import include_object
from govperf_desktop.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline SQL generation is not supported; migrations run on open.")
run_migrations_online()
