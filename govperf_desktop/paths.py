"""Where things live: the data directory of this installation and the shipped resources.

Resources and migrations sit at the top of the repository and are mapped into the package
(`govperf_desktop.resources`, `govperf_desktop.migrations`) by the build, so the same lookup
works from a checkout, an editable install, a wheel and a frozen application.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

APP_NAME = "govperf-desktop"
STORE_FILE = "govperf.sqlite3"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: `override`, else $GOVPERF_DATA_DIR, else the platform's user dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("GOVPERF_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def store_path(directory: Path) -> Path:
    return directory / STORE_FILE


DB_URL_ENV = "GOVPERF_DB_URL"


def db_url(override: str | None = None) -> str | None:
    """A server database: `override` (--db-url), else $GOVPERF_DB_URL; None: the SQLite file."""
    return override or os.environ.get(DB_URL_ENV) or None


def _package_dir(package: str, checkout_name: str) -> Path:
    try:
        found = Path(str(resources.files(package)))
        if found.is_dir():
            return found
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / checkout_name


def resources_dir() -> Path:
    return _package_dir("govperf_desktop.resources", "resources")


def migrations_dir() -> Path:
    return _package_dir("govperf_desktop.migrations", "migrations")
