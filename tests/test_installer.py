"""The installer's own parts, without PyInstaller: the version source, the .deb layout (built
and installed with the real dpkg into a temporary root), and the older-store upgrade path.

The frozen build itself takes minutes: installer/build.sh runs it with its smoke test.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

import govperf_desktop
from govperf_desktop.store import migrate
from govperf_desktop.store.store import open_store

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
needs_dpkg = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"installer_{name}", INSTALLER / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


debian = _load("debian")


def test_version_has_one_source() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    attr = project["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "govperf_desktop.__version__"
    init = ROOT / "govperf_desktop" / "__init__.py"
    assert debian.read_version(init) == govperf_desktop.__version__


def test_build_extra_brings_pyinstaller() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    build = project["project"]["optional-dependencies"]["build"]
    assert any(dep.startswith("pyinstaller") for dep in build)


def test_build_outputs_are_never_committed() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    for pattern in ("build/", "dist/", "*.deb", "*.qm"):
        assert pattern in ignored


def test_scripts_parse() -> None:
    subprocess.run(["bash", "-n", str(INSTALLER / "build.sh")], check=True)
    spec = (INSTALLER / "govperf.spec").read_text(encoding="utf-8")
    compile(spec, "govperf.spec", "exec")
    # Migrations are collected as the package's files, never as a fixed list.
    assert 'collect_data_files(\n    "govperf_desktop.migrations", include_py_files=True' in spec
    assert "0001_" not in spec


def test_desktop_entry_names_both_languages() -> None:
    entry = debian.DESKTOP_ENTRY
    assert "Name[zh_CN]=跨部门绩效协同" in entry
    assert "Name=Government Performance" in entry
    assert "Categories=Office;" in entry.splitlines()
    assert "Exec=/usr/bin/govperf-desktop" in entry
    if shutil.which("desktop-file-validate"):
        path = Path(os.environ.get("TMPDIR", "/tmp")) / "govperf-test.desktop"
        path.write_text(entry, encoding="utf-8")
        try:
            subprocess.run(["desktop-file-validate", str(path)], check=True)
        finally:
            path.unlink()


def _fake_frozen(folder: Path, version: str) -> Path:
    """A stand-in for the PyInstaller folder: two programs that print their version."""
    (folder / "_internal").mkdir(parents=True)
    (folder / "_internal" / f"only-in-{version}.txt").write_text(version)
    for program in debian.PROGRAMS:
        path = folder / program
        path.write_text(f"#!/bin/sh\necho {program} {version}\n")
        path.chmod(0o755)
    return folder


def _build(tmp_path: Path, version: str) -> Path:
    frozen = _fake_frozen(tmp_path / f"frozen-{version}", version)
    icon = ROOT / "resources" / "icons" / "govperf-desktop.svg"
    root = tmp_path / f"root-{version}"
    debian.stage(frozen, root, version, {"scalable": icon}, debian.depends_field("2.34"))
    return debian.build_deb(root, tmp_path / f"govperf-desktop_{version}.deb")


def _field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


@needs_dpkg
def test_deb_control_and_layout(tmp_path: Path) -> None:
    deb = _build(tmp_path, "1.2.3")
    assert _field(deb, "Package") == "govperf-desktop"
    assert _field(deb, "Version") == "1.2.3"
    depends = _field(deb, "Depends")
    assert depends.startswith("libc6 (>= 2.34), ")
    assert "libxcb-cursor0" in depends
    assert depends.endswith("fonts-wqy-microhei | fonts-noto-cjk")
    assert int(_field(deb, "Installed-Size")) >= 1
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    assert "./usr/bin/govperf -> ../../opt/govperf-desktop/govperf" in listing
    assert "./usr/bin/govperf-desktop -> ../../opt/govperf-desktop/govperf-desktop" in listing
    assert "./usr/share/applications/govperf-desktop.desktop" in listing
    assert "./usr/share/icons/hicolor/scalable/apps/govperf-desktop.svg" in listing
    assert "root/root" in listing


def _dpkg(root: Path, *args: str) -> None:
    subprocess.run(
        [
            "dpkg",
            f"--root={root}",
            "--force-depends",
            "--force-not-root",
            "--force-script-chrootless",
            "--log=/dev/null",
            *args,
        ],
        check=True,
        capture_output=True,
    )


@needs_dpkg
@pytest.mark.skipif(sys.platform != "linux", reason="dpkg --root")
def test_newer_package_replaces_the_program_and_keeps_user_data(tmp_path: Path) -> None:
    root = tmp_path / "machine"
    for folder in ("info", "updates", "triggers"):
        (root / "var/lib/dpkg" / folder).mkdir(parents=True)
    for name in ("status", "available"):
        (root / "var/lib/dpkg" / name).touch()
    old, new = _build(tmp_path, "0.1.0"), _build(tmp_path, "0.2.0")
    _dpkg(root, "-i", str(old))
    user_data = root / "home/user/.local/share/govperf-desktop/govperf.sqlite3"
    user_data.parent.mkdir(parents=True)
    user_data.write_bytes(b"the user's store")
    _dpkg(root, "-i", str(new))
    launcher = root / "usr/bin/govperf"
    out = subprocess.run([str(launcher)], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "govperf 0.2.0"
    internal = root / "opt/govperf-desktop/_internal"
    assert sorted(p.name for p in internal.iterdir()) == ["only-in-0.2.0.txt"]
    assert user_data.read_bytes() == b"the user's store"
    _dpkg(root, "-r", "govperf-desktop")
    assert not (root / "opt/govperf-desktop/govperf").exists()
    assert user_data.read_bytes() == b"the user's store"


def _revision(directory: Path) -> str:
    connection = sqlite3.connect(directory / "govperf.sqlite3")
    try:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        connection.close()


def test_a_store_left_at_an_older_schema_is_upgraded_on_open(tmp_path: Path) -> None:
    old_store = _load("old_store")
    upgrade_check = _load("upgrade_check")
    directory = tmp_path / "old"
    old_store.make_old_store(directory, "0004")
    assert _revision(directory) == "0004"
    store = open_store(directory)
    try:
        from govperf_desktop.services.admin import store_info

        info = store_info(store)
    finally:
        store.close()
    assert info.schema_revision == migrate.head_revision() == _revision(directory)
    assert info.node is not None and info.node.name == old_store.NODE_NAME
    assert list((directory / "backups").glob("*-0004-*.sqlite3"))
    new = {
        "schema_revision": info.schema_revision,
        "head_revision": info.head_revision,
        "node": {"name": info.node.name},
    }
    assert "backup kept" in upgrade_check.from_revision("0004", new, directory)


def test_upgrade_check_names_lost_rows() -> None:
    upgrade_check = _load("upgrade_check")
    old = {"schema_revision": "0004", "head_revision": "0004", "node": ["n"], "counts": {"a": 3}}
    new = {"schema_revision": "0005", "head_revision": "0005", "node": ["n"], "counts": {"a": 2}}
    with pytest.raises(SystemExit, match="rows lost"):
        upgrade_check.compare(old, new)
    new["counts"]["a"] = 3
    assert "3 rows kept" in upgrade_check.compare(old, new)
    new["schema_revision"] = "0004"
    with pytest.raises(SystemExit, match="not at"):
        upgrade_check.compare(old, new)
