"""A built wheel carries what an installed program needs: resources and migrations."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_contains_resources_migrations_and_entry_points(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("govperf_desktop-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "govperf_desktop/migrations/env.py" in names
    assert "govperf_desktop/migrations/script.py.mako" in names
    assert any(n.startswith("govperf_desktop/migrations/versions/0001_") for n in names)
    assert "govperf_desktop/resources/i18n/govperf_zh_CN.ts" in names
    assert not any(n.startswith("tests/") for n in names)
    sources = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "govperf_desktop").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert sources - names == set(), "modules missing from the wheel (pyproject packages)"
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "govperf = govperf_desktop.cli.main:main" in text
    assert "govperf-desktop = govperf_desktop.ui.app:main" in text
