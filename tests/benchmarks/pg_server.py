"""The PostgreSQL server the PostgreSQL benchmark cases run against (tests/benchmarks/pg_cases.py).

In this order:
1. `$GOVPERF_BENCH_PG_URL`: a server of your own (the role needs CREATEDB);
2. `$GOVPERF_TEST_PG_URL`: the throw-away test server `./run.sh test` starts (fsync off: the
   smoke run only proves the cases work);
3. a local server from Debian's `postgresql` package, with its data folder kept in
   `bench-results/cache/postgres-<major>/` (so the province's copy is made once and reused,
   like the SQLite province), stock settings (fsync on), listening only on a unix socket in a
   private temporary folder; each case's child process starts it and stops it when it ends;
4. none (or `GOVPERF_BENCH_PG_URL=off`): the cases are reported as skipped, saying why.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "bench-results" / "cache"
INITDB = ["-U", "govperf", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]


def _options(socket: Path) -> str:
    """Only a unix socket in a private folder (no TCP port to collide with); stock settings."""
    return f"-p 5432 -k {socket} -c listen_addresses=''"


def server_url() -> tuple[str | None, str]:
    """(URL of a server's maintenance database, or None; why there is none)."""
    if os.environ.get("GOVPERF_BENCH_PG_URL") == "off":
        return None, "GOVPERF_BENCH_PG_URL=off"
    for variable in ("GOVPERF_BENCH_PG_URL", "GOVPERF_TEST_PG_URL"):
        if os.environ.get(variable):
            return os.environ[variable], ""
    return _local_server()


def _binaries() -> Path | None:
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: [int(n) for n in re.findall(r"\d+", path.parts[-3])],
    )
    return found[-1].parent if found else None


def _as_server_user() -> list[str]:
    """The server refuses to run as root: run its programs as `postgres` then."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _own(path: Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, "postgres")


def _local_server() -> tuple[str | None, str]:
    binaries = _binaries()
    if binaries is None:
        return None, (
            "no PostgreSQL server: set GOVPERF_BENCH_PG_URL, or install Debian's postgresql "
            "package for a local one"
        )
    folder = CACHE / f"postgres-{binaries.parent.name}"
    data = folder / "data"
    run_as = _as_server_user()
    if not (data / "PG_VERSION").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        _own(folder)
        subprocess.run(
            [*run_as, str(binaries / "initdb"), "-D", str(data), *INITDB],
            check=True,
            capture_output=True,
        )
    pg_ctl = [*run_as, str(binaries / "pg_ctl"), "-D", str(data)]
    if subprocess.run([*pg_ctl, "status"], capture_output=True).returncode == 0:
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], capture_output=True)  # left over
    socket = Path(tempfile.mkdtemp(prefix="govperf-bench-pg-"))
    _own(socket)
    started = subprocess.run(
        [*pg_ctl, "-l", str(folder / "server.log"), "-w", "-o", _options(socket), "start"],
        capture_output=True,
        text=True,
    )
    if started.returncode != 0:
        return None, f"the local PostgreSQL server did not start (see {folder / 'server.log'})"

    def stop() -> None:
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(socket, ignore_errors=True)

    atexit.register(stop)
    return f"postgresql+psycopg://govperf@/postgres?host={socket}&port=5432", ""


def database_url(server: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(server).set(database=name).render_as_string(hide_password=False)


def admin(server: str, *statements: str) -> list:
    """Run statements on the server's maintenance database (autocommit); the last one's rows."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    rows: list = []
    try:
        with engine.connect() as connection:
            for statement in statements:
                result = connection.execute(text(statement))
                rows = result.all() if result.returns_rows else []
    finally:
        engine.dispose()
    return rows
