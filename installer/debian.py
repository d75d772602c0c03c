"""Make the .deb from the frozen one-folder application (run by installer/build.sh).

    python installer/debian.py --frozen dist/govperf-desktop --version 0.1.0 --out X.deb

Layout of the package:
    /opt/govperf-desktop/                  the frozen application (both programs, _internal/)
    /usr/bin/govperf, govperf-desktop      relative symlinks into /opt/govperf-desktop
    /usr/share/applications/govperf-desktop.desktop   menu entry (Chinese and English names)
    /usr/share/icons/hicolor/{scalable,256x256}/apps/govperf-desktop.{svg,png}

No maintainer scripts: dpkg's triggers of desktop-file-utils and the hicolor icon cache pick up
the menu entry and icon. The user's store (~/.local/share/govperf-desktop) is never part of the
package, so an upgrade or a removal leaves it alone; the new program upgrades its schema when
it first opens it (with a backup taken first, see store/migrate.py).

Standard library only: this also runs with the system Python.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = "govperf-desktop"
INSTALL_DIR = "opt/govperf-desktop"
PROGRAMS = ("govperf", "govperf-desktop")
MAINTAINER = "govperf-desktop maintainers <govperf@localhost>"

# Debian packages the frozen Qt (xcb platform plugin, fonts, OpenGL) loads from the system;
# installer/build.sh compares this with what `ldd` finds on the built bundle. Names are the
# Debian 12 / Ubuntu 22.04 ones (Ubuntu 24.04's *t64 libraries provide these names).
SYSTEM_DEPENDS: tuple[str, ...] = (
    "libdbus-1-3",
    "libegl1",
    "libfontconfig1",
    "libfreetype6",
    "libgl1",
    "libglib2.0-0",
    "libgcc-s1",
    "libstdc++6",
    "libx11-6",
    "libx11-xcb1",
    "libxcb-cursor0",
    "libxcb-glx0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-render0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-util1",
    "libxcb-xfixes0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
    "libxcb1",
    "libxkbcommon-x11-0",
    "libxkbcommon0",
    "zlib1g",
    "libzstd1",
)
# Packages every Debian/Ubuntu system has, or that Depends already names.
ALLOWED = {*SYSTEM_DEPENDS, "libc6"}
# A Chinese font, so no text is drawn as boxes (ui/fonts.py looks for both families).
FONT_DEPENDS = "fonts-wqy-microhei | fonts-noto-cjk"

DESKTOP_ENTRY = """\
[Desktop Entry]
Type=Application
Version=1.5
Name=Government Performance
Name[zh_CN]=跨部门绩效协同
GenericName=Cross-department performance work
GenericName[zh_CN]=绩效协同
Comment=Traceable cross-department work and provable performance scores, offline
Comment[zh_CN]=跨部门工作留痕、绩效考核有据可查(离线使用)
Exec=/usr/bin/govperf-desktop
Icon=govperf-desktop
Terminal=false
Categories=Office;
Keywords=performance;government;timesheet;绩效;考核;工时;
StartupWMClass=govperf-desktop
"""

_GLIBC = re.compile(rb"GLIBC_(\d+)\.(\d+)(?:\.(\d+))?")


def read_version(init_file: Path) -> str:
    """`__version__` from govperf_desktop/__init__.py, without importing the package."""
    match = re.search(r'^__version__ = "([^"]+)"', init_file.read_text(encoding="utf-8"), re.M)
    if not match:
        raise SystemExit(f"no __version__ in {init_file}")
    return match.group(1)


def elf_files(folder: Path) -> list[Path]:
    """Every ELF file (executables and shared libraries) under `folder`."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def min_glibc(folder: Path) -> str:
    """The newest GLIBC_x.y symbol version any bundled ELF file needs (objdump -T)."""
    newest = (2, 0, 0)
    for path in elf_files(folder):
        result = subprocess.run(
            ["objdump", "-T", str(path)], capture_output=True, check=False, timeout=60
        )
        for match in _GLIBC.finditer(result.stdout):
            version = tuple(int(part or 0) for part in match.groups())
            newest = max(newest, version)
    major, minor, patch = newest
    return f"{major}.{minor}" + (f".{patch}" if patch else "")


def system_libraries(folder: Path) -> dict[str, str]:
    """Libraries the bundle's files link to directly that it does not carry: {soname: path}.

    The path is where this machine has it (`ldconfig -p`), "not" when it has none.
    """
    bundled = {path.name for path in folder.rglob("*")}
    needed: set[str] = set()
    for path in elf_files(folder):
        result = subprocess.run(
            ["objdump", "-p", str(path)], capture_output=True, text=True, check=False, timeout=60
        )
        for line in result.stdout.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "NEEDED":
                needed.add(parts[1])
    known: dict[str, str] = {}
    cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False)
    for line in cache.stdout.splitlines():
        if ("=>" in line and "x86-64" in line) or ("=>" in line and "64" not in line):
            name, _, target = line.strip().partition(" => ")
            known.setdefault(name.split()[0], target.strip())
    return {name: known.get(name, "not") for name in sorted(needed - bundled)}


def packages_of(paths: list[str]) -> set[str]:
    """The Debian packages owning `paths` (dpkg -S); paths no package owns are left out."""
    packages: set[str] = set()
    for path in paths:
        for candidate in {path, os.path.realpath(path)}:
            result = subprocess.run(
                ["dpkg", "-S", candidate], capture_output=True, text=True, check=False
            )
            # dpkg -S matches substrings: keep the lines naming exactly this path.
            owners = [
                line.split(": ", 1)[0]
                for line in result.stdout.splitlines()
                if line.split(": ", 1)[-1] == candidate
            ]
            for owner in owners:
                packages.update(name.split(":")[0].strip() for name in owner.split(","))
            if owners:
                break
    return packages


def depends_field(glibc: str) -> str:
    return ", ".join([f"libc6 (>= {glibc})", *SYSTEM_DEPENDS, FONT_DEPENDS])


def installed_size_kib(root: Path) -> int:
    total = sum(p.lstat().st_size for p in root.rglob("*") if "DEBIAN" not in p.parts)
    return (total + 1023) // 1024


def control_text(version: str, depends: str, installed_kib: int, arch: str = "amd64") -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {depends}\n"
        "Description: cross-department performance work, traceable and scored (offline)\n"
        " 跨部门绩效协同: records who did what and when (timesheets, task steps against\n"
        " output standards, comments) in a local SQLite store, scores performance with its\n"
        " evidence, and moves data between offices as signed bundle files.\n"
        " .\n"
        " Installs the desktop application (govperf-desktop) and the command line (govperf)\n"
        " under /opt/govperf-desktop; neither needs a network or a Python installation.\n"
    )


def stage(frozen: Path, root: Path, version: str, icons: dict[str, Path], depends: str) -> None:
    """Lay out the package tree under `root` (emptied first)."""
    if root.exists():
        shutil.rmtree(root)
    target = root / INSTALL_DIR
    shutil.copytree(frozen, target, symlinks=True)
    bin_dir = root / "usr/bin"
    bin_dir.mkdir(parents=True)
    for program in PROGRAMS:
        if not (target / program).is_file():
            raise SystemExit(f"{frozen} has no {program} program")
        (bin_dir / program).symlink_to(f"../../{INSTALL_DIR}/{program}")
    applications = root / "usr/share/applications"
    applications.mkdir(parents=True)
    (applications / f"{PACKAGE}.desktop").write_text(DESKTOP_ENTRY, encoding="utf-8")
    for size, icon in icons.items():
        folder = root / f"usr/share/icons/hicolor/{size}/apps"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(icon, folder / f"{PACKAGE}{icon.suffix}")
    doc = root / f"usr/share/doc/{PACKAGE}"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "govperf-desktop: proprietary. Bundled third-party components keep their own licences\n"
        "(Qt/PySide6: LGPLv3; Python: PSF; see /opt/govperf-desktop/_internal).\n",
        encoding="utf-8",
    )
    for path in [root, *root.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    control_dir = root / "DEBIAN"
    control_dir.mkdir()
    (control_dir / "control").write_text(
        control_text(version, depends, installed_size_kib(root)), encoding="utf-8"
    )


def build_deb(root: Path, out: Path, compression: str = "-Zxz") -> Path:
    """dpkg-deb --build; xz (the default) is read by every dpkg, also on old office systems."""
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", *compression.split(), "--build", str(root), str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frozen", type=Path, required=True, help="the one-folder app")
    parser.add_argument("--version", required=True)
    parser.add_argument("--out", type=Path, required=True, help="the .deb to write")
    parser.add_argument("--root", type=Path, help="staging folder (default: OUT without .deb)")
    parser.add_argument("--icon", action="append", default=[], metavar="SIZE=FILE")
    parser.add_argument(
        "--compression", default="-Zxz", help="dpkg-deb options, e.g. '-Zgzip -z1' to test"
    )
    parser.add_argument("--glibc", help="minimum glibc (default: measured with objdump -T)")
    parser.add_argument(
        "--check-depends",
        action="store_true",
        help="warn about system libraries the bundle loads whose package is not in Depends",
    )
    args = parser.parse_args(argv)
    glibc = args.glibc or min_glibc(args.frozen)
    icons = {size: Path(file) for size, file in (item.split("=", 1) for item in args.icon)}
    root = args.root or args.out.with_suffix("")
    stage(args.frozen, root, args.version, icons, depends_field(glibc))
    build_deb(root, args.out, args.compression)
    if args.check_depends:
        libraries = system_libraries(args.frozen)
        missing = sorted(p for p in packages_of(list(libraries.values())) if p not in ALLOWED)
        not_found = sorted(name for name, path in libraries.items() if path == "not")
        for package in missing:
            print(f"warning: the bundle loads a library of {package}, not in Depends")
        for name in not_found:
            print(f"warning: the bundle needs {name}, which this machine does not have")
    print(f"{args.out} (glibc >= {glibc})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
