"""Make a store the way an older release left it, for the installer's upgrade check.

    python installer/old_store.py DIR [REVISION]     (default REVISION: 0004)

Runs this project's own `init` with the schema migrations stopped at REVISION, so DIR holds an
installation (node 老版本考核办, department 民政局) whose schema the new program must upgrade
in place when it first opens it. build.sh prefers a store made by the previous .deb itself
(--previous); this is the fallback when no previous package is at hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

from govperf_desktop.services import admin
from govperf_desktop.store import migrate

NODE_NAME = "老版本考核办"
DEPARTMENT = "民政局"


def make_old_store(directory: Path, revision: str) -> None:
    if revision not in migrate.known_revisions():
        raise SystemExit(f"unknown revision {revision}")
    upgrade = migrate.upgrade

    def stop_at_revision(engine, target: str = "head") -> None:  # type: ignore[no-untyped-def]
        upgrade(engine, revision)

    migrate.upgrade = stop_at_revision  # type: ignore[assignment]
    try:
        admin.init_installation(
            directory, node_name=NODE_NAME, role="department", department=DEPARTMENT
        )
    finally:
        migrate.upgrade = upgrade  # type: ignore[assignment]


if __name__ == "__main__":
    make_old_store(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "0004")
    print(f"{sys.argv[1]}: store at schema {sys.argv[2] if len(sys.argv) > 2 else '0004'}")
